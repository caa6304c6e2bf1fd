//! Turning ranked matches into hits: stored fields, metadata, a
//! highlighted snippet and the count of syndicated copies, each loaded only
//! when the caller shows it.

use crate::collect::RankedDoc;
use crate::copies::copies_query;
use crate::error::Result;
use crate::index::TracuuIndex;
use crate::model::{Hit, Snippet};
use crate::schema::Fields;
use crate::search::Matching;
use crate::snippet::{make_snippet, Highlighter};
use crate::stored;
use std::collections::HashMap;
use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, TantivyDocument, Term};

/// The costly parts of a hit, loaded only when the caller shows them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Wants {
    /// The best passage, highlighted.
    pub snippet: bool,
    /// Look for the snippet in the first this-many bytes before the whole
    /// article (exports); `None` looks at the whole article (search pages).
    pub snippet_scan: Option<usize>,
    /// The whole text.
    pub body: bool,
    /// How many syndicated copies the article has.
    pub duplicates: bool,
}

impl Wants {
    /// What a page of search results shows: everything but the text.
    pub const PAGE: Wants = Wants {
        snippet: true,
        snippet_scan: None,
        body: false,
        duplicates: true,
    };
}

/// How copies are counted: one query per hit for a page, one pass over all
/// copies for an export of many hits.
enum CopyCounts {
    NotWanted,
    PerHit,
    Counted(HashMap<String, usize>),
}

/// Past this many hits, counting all copies once beats a query per hit.
const COUNT_COPIES_ONCE_ABOVE: usize = 1_000;

/// Reads hits (stored fields, metadata, snippet) for a matching query.
pub(crate) struct HitLoader<'a> {
    searcher: &'a Searcher,
    fields: Fields,
    snippets: Option<Highlighter>,
    wants: Wants,
    copies: CopyCounts,
}

impl<'a> HitLoader<'a> {
    /// A loader for `hits` hits of `matching`.
    pub fn new(target: &TracuuIndex, matching: &'a Matching, wants: Wants, hits: usize) -> Result<HitLoader<'a>> {
        let snippets = if wants.snippet {
            let highlighter = Highlighter::new(&matching.searcher, &matching.parsed, target.fields.body)
                .map_err(|e| matching.failed(e))?;
            Some(highlighter)
        } else {
            None
        };
        let copies = match (wants.duplicates, hits > COUNT_COPIES_ONCE_ABOVE) {
            (false, _) => CopyCounts::NotWanted,
            (true, false) => CopyCounts::PerHit,
            (true, true) => CopyCounts::Counted(count_copies(target, &matching.searcher)?),
        };
        Ok(HitLoader {
            searcher: &matching.searcher,
            fields: target.fields,
            snippets,
            wants,
            copies,
        })
    }

    fn copies_of(&self, id: &str) -> Result<usize> {
        Ok(match &self.copies {
            CopyCounts::NotWanted => 0,
            CopyCounts::Counted(counts) => counts.get(id).copied().unwrap_or(0),
            CopyCounts::PerHit => {
                let term = Term::from_field_text(self.fields.duplicate_of, id);
                self.searcher
                    .search(&TermQuery::new(term, IndexRecordOption::Basic), &Count)?
            }
        })
    }

    /// The hit at `rank` (from 1) of the list, for `ranked`.
    pub fn load(&self, ranked: &RankedDoc, rank: usize) -> Result<Hit> {
        let fields = &self.fields;
        let doc: TantivyDocument = self.searcher.doc(ranked.address)?;
        let body = stored::article_text(&doc, fields);
        let id = stored::text(&doc, fields.id).unwrap_or_default();
        Ok(Hit {
            rank,
            score: ranked.score,
            tier: crate::query::tier_points(ranked.bonus),
            title: stored::text(&doc, fields.title).unwrap_or_default(),
            snippet: match &self.snippets {
                Some(generator) => make_snippet(generator, body, self.wants.snippet_scan),
                None => Snippet::default(),
            },
            meta: stored::meta(&doc, fields),
            duplicates: self.copies_of(&id)?,
            body: self.wants.body.then(|| stored::utf8(body).into_owned()),
            id,
        })
    }
}

/// Copies per original id, over the whole index.
fn count_copies(target: &TracuuIndex, searcher: &Searcher) -> Result<HashMap<String, usize>> {
    let copies = searcher.search(&*copies_query(&target.fields), &tantivy::collector::DocSetCollector)?;
    let mut counts = HashMap::new();
    for address in copies {
        let doc: TantivyDocument = searcher.doc(address)?;
        if let Some(original) = stored::original_id(&doc, &target.fields) {
            *counts.entry(original).or_insert(0) += 1;
        }
    }
    Ok(counts)
}
