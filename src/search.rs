//! Running a query with filters and turning matches into hits: stored
//! fields, metadata and a highlighted snippet.

use crate::copies::{copies_query, variant_copies_query, FixedDocs};
use crate::dictionary::Dictionary;
use crate::filter::{Filters, ResolvedFilters};
use crate::index::{TracuuIndex, COPY_MARKER};
use crate::query::{self, build_query, Accents, Context, ParsedQuery, QueryError, QueryOptions, Tier};
use crate::ranking;
use crate::schema::Fields;
use crate::snippet::{Found, Highlighter, Passage};
use crate::synonyms::Synonyms;
use anyhow::Result;
use std::collections::HashMap;
use std::ops::Range;
use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::columnar::Column;
use tantivy::query::{BooleanQuery, EnableScoring, Occur, Query, TermQuery};
use tantivy::schema::{Facet, Field, IndexRecordOption, Value};
use tantivy::{
    DateTime, DocAddress, DocId, DocSet, Score, Searcher, SegmentOrdinal, SegmentReader, TantivyDocument, Term,
    TERMINATED,
};

/// Length of a snippet, in characters (when it is the article's opening).
const SNIPPET_CHARS: usize = 180;
/// Length of a snippet around matches, in bytes of UTF-8 (Vietnamese runs
/// about 1.3 bytes a character).
const SNIPPET_BYTES: usize = 240;

/// Paging of a search.
#[derive(Debug, Clone, Copy)]
pub struct Page {
    pub offset: usize,
    pub limit: usize,
}

/// A passage of an article with the matched words marked.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Snippet {
    pub text: String,
    /// Byte ranges of `text` to highlight.
    pub highlights: Vec<Range<usize>>,
}

/// One article in a hit list.
#[derive(Debug, Clone)]
pub struct Hit {
    pub id: String,
    pub score: f32,
    pub title: String,
    pub snippet: Snippet,
    /// ISO 8601 (YYYY-MM-DD).
    pub date: Option<String>,
    pub year: Option<i32>,
    pub province: Option<String>,
    pub province_2025: Option<String>,
    pub officials: Vec<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// Syndicated copies of this article found while indexing.
    pub duplicates: usize,
    /// The cleaned article text.
    pub body: String,
}

/// A page of hits and how many articles match in all.
#[derive(Debug)]
pub struct SearchResults {
    pub total: usize,
    pub hits: Vec<Hit>,
    /// How the query was read (grouping made explicit).
    pub read_as: String,
    /// Things the user should know (how an ambiguous query was read, a
    /// fallback to accentless matching, a filter value the index lacks).
    pub notes: Vec<String>,
}

/// Order of a hit list.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Sort {
    /// Most relevant first (newest first when there are no words to rank by).
    #[default]
    Score,
    /// Oldest first (undated articles last).
    Date,
    /// Newest first (undated articles last).
    #[value(name = "-date")]
    DateDesc,
}

/// What the user asked for.
#[derive(Clone, Copy)]
pub struct Request<'a> {
    /// The query; empty or `*` for every article (the filters alone).
    pub query: &'a str,
    pub filters: &'a Filters,
    pub synonyms: &'a Synonyms,
    pub options: QueryOptions,
}

/// A query with its filters, ready to run on one searcher (one snapshot of
/// the index, so counts and hits agree).
pub struct Matching {
    pub searcher: Searcher,
    /// Which articles match: the query and the filters, originals only, an
    /// original matching through one of its copies included; BM25 scores.
    pub query: Box<dyn Query>,
    tiers: Vec<Tier>,
    /// Whether the query has words to rank by.
    pub scored: bool,
    /// The query as read (the folded reading after a fallback).
    pub parsed: ParsedQuery,
    pub notes: Vec<String>,
    /// What the user typed, for messages.
    pub text: String,
}

/// Tantivy rejects some queries a field cannot run: such errors are the
/// query's, answered like other query errors (exit code 2).
pub fn query_failed(text: &str, err: tantivy::TantivyError) -> anyhow::Error {
    use tantivy::TantivyError::{FieldNotFound, InvalidArgument, SchemaError};
    match err {
        SchemaError(_) | FieldNotFound(_) | InvalidArgument(_) => {
            QueryError(format!("query {text:?} cannot be run: {err}")).into()
        }
        other => anyhow::Error::new(other).context(format!("search {text:?} failed")),
    }
}

/// One reading of the query, built: what matches and the tiers.
struct Built {
    query: Box<dyn Query>,
    tiers: Vec<Tier>,
    scored: bool,
    parsed: ParsedQuery,
}

impl Built {
    fn new(target: &TracuuIndex, searcher: &Searcher, parsed: ParsedQuery, filters: &ResolvedFilters) -> Result<Built> {
        let ranked = build_query(&target.fields, &parsed, Dictionary::bundled());
        let through_copies = originals_through_copies(target, searcher, &*ranked.matching)
            .map_err(|e| query_failed(&parsed.read_as, e))?;
        let matching: Box<dyn Query> = if through_copies.is_empty() {
            ranked.matching
        } else {
            Box::new(BooleanQuery::union(vec![
                ranked.matching,
                Box::new(FixedDocs::new(searcher, &through_copies)),
            ]))
        };
        let filter_clauses = filters.clauses.iter().map(|(o, q)| (*o, q.box_clone())).collect();
        Ok(Built {
            query: originals_only(&target.fields, matching, filter_clauses),
            tiers: ranked.tiers,
            scored: ranked.scored,
            parsed,
        })
    }
}

/// Originals that do not match `query` themselves but through a copy of
/// theirs, with the copy's score.
fn originals_through_copies(
    target: &TracuuIndex,
    searcher: &Searcher,
    query: &dyn Query,
) -> tantivy::Result<Vec<(DocAddress, Score)>> {
    let copies_matching = BooleanQuery::new(vec![
        (Occur::Must, query.box_clone()),
        (Occur::Must, variant_copies_query(&target.fields)),
    ]);
    let matched = searcher.search(&copies_matching, &AllMatches { date_field: None })?;
    if matched.is_empty() {
        return Ok(Vec::new());
    }
    let map = target.copy_map(searcher)?;
    let mut originals: Vec<RankedDoc> = matched
        .iter()
        .filter_map(|copy| {
            map.original_of(copy.address).map(|original| RankedDoc {
                address: original,
                ..*copy
            })
        })
        .collect();
    originals.sort_by(|a, b| a.address.cmp(&b.address).then(b.score.total_cmp(&a.score)));
    originals.dedup_by_key(|d| d.address);
    // Those matching themselves need nothing more.
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let mut member = vec![false; originals.len()];
    ranking::mark_members(
        searcher,
        &*weight,
        &originals,
        &vec![true; originals.len()],
        &mut member,
    )?;
    Ok(originals
        .iter()
        .zip(member)
        .filter(|(_, m)| !m)
        .map(|(d, _)| (d.address, d.score))
        .collect())
}

/// Whether any live document matches `query`.
fn exists(searcher: &Searcher, query: &dyn Query) -> tantivy::Result<bool> {
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    for reader in searcher.segment_readers() {
        let mut scorer = weight.scorer(reader, 1.0)?;
        while scorer.doc() != TERMINATED {
            if reader.alive_bitset().is_none_or(|alive| alive.is_alive(scorer.doc())) {
                return Ok(true);
            }
            scorer.advance();
        }
    }
    Ok(false)
}

impl Matching {
    pub fn new(target: &TracuuIndex, request: &Request<'_>) -> Result<Matching> {
        let searcher = target.searcher()?;
        let resolved = request.filters.resolve(target, &searcher)?;
        let context = |options| Context {
            synonyms: request.synonyms,
            dictionary: Dictionary::bundled(),
            options,
        };
        let parsed = query::parse(request.query, &context(request.options))?;
        let mut notes = parsed.notes.clone();
        let mut built = Built::new(target, &searcher, parsed, &resolved)?;
        let failed = |e| query_failed(request.query, e);
        if request.options.accents == Accents::Smart
            && built.parsed.has_exact()
            && !exists(&searcher, &*built.query).map_err(failed)?
        {
            let folded_options = QueryOptions {
                accents: Accents::Fold,
                ..request.options
            };
            let folded = query::parse(request.query, &context(folded_options))?;
            let candidate = Built::new(target, &searcher, folded, &resolved)?;
            if exists(&searcher, &*candidate.query).map_err(failed)? {
                notes.push(format!(
                    "nothing matches {:?} with the accents typed: showing what matches without accents",
                    request.query
                ));
                built = candidate;
            }
        }
        notes.extend(resolved.notes);
        Ok(Matching {
            searcher,
            query: built.query,
            tiers: built.tiers,
            scored: built.scored,
            parsed: built.parsed,
            notes,
            text: request.query.to_string(),
        })
    }

    /// A search error: the query's fault or the index's.
    pub fn failed(&self, err: tantivy::TantivyError) -> anyhow::Error {
        query_failed(&self.text, err)
    }

    /// The sort a request for `sort` gets: without words to rank by,
    /// relevance means newest first.
    fn effective(&self, sort: Sort) -> Sort {
        if sort == Sort::Score && !self.scored {
            Sort::DateDesc
        } else {
            sort
        }
    }

    /// Matching and every tier as one query: every match scored with all
    /// its tier bonuses (what ranking every match must reproduce; tests
    /// rank with it).
    pub fn combined(&self) -> Box<dyn Query> {
        query::with_tiers(&*self.query, &self.tiers)
    }

    /// Every matching document in `sort` order: 16 bytes a match, so even
    /// the whole corpus costs a few MB; hits are loaded one by one later.
    pub fn ranked_all(&self, target: &TracuuIndex, sort: Sort) -> Result<Vec<RankedDoc>> {
        let sort = self.effective(sort);
        let mut docs = if sort == Sort::Score {
            let mut docs = self.all_matches(None)?;
            let weights = ranking::TierWeights::new(&self.searcher, &self.tiers).map_err(|e| self.failed(e))?;
            ranking::add_bonuses(&self.searcher, &self.tiers, &weights, &mut docs, f64::NEG_INFINITY)
                .map_err(|e| self.failed(e))?;
            docs
        } else {
            // Tiers only matter to the score order.
            self.all_matches(Some(date_field_name(target)))?
        };
        sort_ranked(&mut docs, sort);
        Ok(docs)
    }

    /// One page of the matches by score, and how many match.
    fn top_of(&self, page: Page) -> Result<(Vec<RankedDoc>, usize)> {
        let top = TopDocs::with_limit(page.limit.max(1))
            .and_offset(page.offset)
            .order_by_score();
        let (top_docs, total) = self
            .searcher
            .search(&*self.query, &(top, Count))
            .map_err(|e| self.failed(e))?;
        let docs = top_docs
            .into_iter()
            .take(page.limit)
            .map(|(score, address)| RankedDoc {
                score,
                bonus: 0.0,
                date: None,
                address,
            })
            .collect();
        Ok((docs, total))
    }

    /// Every match with its base score (and its date from `date_field`), in index order.
    fn all_matches(&self, date_field: Option<String>) -> Result<Vec<RankedDoc>> {
        let all = AllMatches { date_field };
        self.searcher.search(&*self.query, &all).map_err(|e| self.failed(e))
    }

    /// One page in `sort` order, and the total number of matches.
    pub fn ranked_page(&self, target: &TracuuIndex, sort: Sort, page: Page) -> Result<(Vec<RankedDoc>, usize)> {
        // Tantivy reserves room for offset + limit hits: never more than
        // there are documents (`--limit 10000000000` must not abort).
        let documents = self.searcher.num_docs() as usize;
        let page = Page {
            offset: page.offset.min(documents),
            limit: page.limit.min(documents),
        };
        let sort = self.effective(sort);
        if sort == Sort::Score {
            if self.tiers.is_empty() {
                return self.top_of(page);
            }
            let all = self.all_matches(None)?;
            let total = all.len();
            let top = ranking::top_by_score(&self.searcher, &self.tiers, all, page).map_err(|e| self.failed(e))?;
            return Ok((top, total));
        }
        let all = self.ranked_all(target, sort)?;
        let total = all.len();
        Ok((all.into_iter().skip(page.offset).take(page.limit).collect(), total))
    }
}

/// `query` and `filters`, without the syndicated copies (they show as a
/// count on their original instead).
pub fn originals_only(fields: &Fields, query: Box<dyn Query>, filters: Vec<(Occur, Box<dyn Query>)>) -> Box<dyn Query> {
    let mut clauses = vec![(Occur::Must, query), (Occur::MustNot, copies_query(fields))];
    clauses.extend(filters);
    Box::new(BooleanQuery::new(clauses))
}

fn date_field_name(target: &TracuuIndex) -> String {
    target.index.schema().get_field_name(target.fields.date).to_string()
}

/// Runs the request against the index and returns one page of hits.
pub fn search(target: &TracuuIndex, request: &Request<'_>, sort: Sort, page: Page) -> Result<SearchResults> {
    let matching = Matching::new(target, request)?;
    let (ranked, total) = matching.ranked_page(target, sort, page)?;
    let loader = HitLoader::new(target, &matching, Wants::ALL, ranked.len())?;
    let hits = ranked.iter().map(|r| loader.load(r)).collect::<Result<Vec<_>>>()?;
    Ok(SearchResults {
        total,
        hits,
        read_as: matching.parsed.read_as.clone(),
        notes: matching.notes,
    })
}

/// A matching document, before its stored fields are read.
#[derive(Debug, Clone, Copy)]
pub struct RankedDoc {
    /// Score without the position tiers.
    pub score: f32,
    /// What the position tiers add: kept apart, because added to a score in
    /// f32 it would round away the BM25 differences that order a tier.
    pub bonus: f32,
    pub date: Option<DateTime>,
    pub address: DocAddress,
}

impl RankedDoc {
    /// The full score, exactly (the bonuses are whole numbers).
    pub fn total(&self) -> f64 {
        f64::from(self.score) + f64::from(self.bonus)
    }
}

fn sort_ranked(docs: &mut [RankedDoc], sort: Sort) {
    use ranking::by_score;
    match sort {
        Sort::Score => docs.sort_by(by_score),
        // Undated last in both directions: they are the least useful in a timeline.
        Sort::Date => docs.sort_by(|a, b| {
            (a.date.is_none().cmp(&b.date.is_none()))
                .then(a.date.cmp(&b.date))
                .then_with(|| by_score(a, b))
        }),
        Sort::DateDesc => docs.sort_by(|a, b| {
            (a.date.is_none().cmp(&b.date.is_none()))
                .then(b.date.cmp(&a.date))
                .then_with(|| by_score(a, b))
        }),
    }
}

/// The dates of every dated article in the index (copies aside).
pub fn matching_dates(target: &TracuuIndex, searcher: &Searcher) -> Result<Vec<DateTime>> {
    let all = searcher.search(
        &*originals_only(&target.fields, Box::new(tantivy::query::AllQuery), Vec::new()),
        &AllMatches {
            date_field: Some(date_field_name(target)),
        },
    )?;
    Ok(all.into_iter().filter_map(|r| r.date).collect())
}

/// Collects every match with its score, and with its date when `date_field` is set.
struct AllMatches {
    date_field: Option<String>,
}

struct AllMatchesInSegment {
    segment: SegmentOrdinal,
    dates: Option<Column<DateTime>>,
    docs: Vec<RankedDoc>,
}

impl Collector for AllMatches {
    type Fruit = Vec<RankedDoc>;
    type Child = AllMatchesInSegment;

    fn for_segment(&self, segment: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<AllMatchesInSegment> {
        Ok(AllMatchesInSegment {
            segment,
            dates: match &self.date_field {
                Some(field) => Some(reader.fast_fields().date(field)?),
                None => None,
            },
            docs: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Vec<RankedDoc>>) -> tantivy::Result<Vec<RankedDoc>> {
        let mut all = Vec::with_capacity(fruits.iter().map(Vec::len).sum());
        fruits.into_iter().for_each(|fruit| all.extend(fruit));
        Ok(all)
    }
}

impl SegmentCollector for AllMatchesInSegment {
    type Fruit = Vec<RankedDoc>;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.docs.push(RankedDoc {
            score,
            bonus: 0.0,
            date: self.dates.as_ref().and_then(|dates| dates.first(doc)),
            address: DocAddress::new(self.segment, doc),
        });
    }

    fn harvest(self) -> Vec<RankedDoc> {
        self.docs
    }
}

/// The costly parts of a hit, loaded only when the caller shows them.
#[derive(Debug, Clone, Copy)]
pub struct Wants {
    pub snippet: bool,
    /// Look for the snippet in the first this-many bytes before the whole
    /// article (exports); `None` looks at the whole article (search pages).
    pub snippet_scan: Option<usize>,
    pub body: bool,
    pub duplicates: bool,
}

impl Wants {
    pub const ALL: Wants = Wants {
        snippet: true,
        snippet_scan: None,
        body: true,
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
pub struct HitLoader<'a> {
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

    pub fn load(&self, ranked: &RankedDoc) -> Result<Hit> {
        let fields = &self.fields;
        let doc: TantivyDocument = self.searcher.doc(ranked.address)?;
        let str_of = |field| doc.get_first(field).and_then(|v| v.as_str());
        let text = |field| str_of(field).map(str::to_string);
        let body = article_text(&doc, fields);
        let id = text(fields.id).unwrap_or_default();
        Ok(Hit {
            score: ranked.score + ranked.bonus,
            title: text(fields.title).unwrap_or_default(),
            snippet: match &self.snippets {
                Some(generator) => make_snippet(generator, body, self.wants.snippet_scan),
                None => Snippet::default(),
            },
            date: doc
                .get_first(fields.date)
                .and_then(|v| v.as_datetime())
                .map(|d| d.into_utc().date().to_string()),
            year: facet_value(&doc, fields.year).and_then(|y| y.parse().ok()),
            province: facet_value(&doc, fields.province),
            province_2025: facet_value(&doc, fields.province_2025),
            officials: doc
                .get_all(fields.official)
                .filter_map(|v| v.as_facet())
                .filter_map(decode_facet)
                .collect(),
            source: text(fields.source),
            url: text(fields.url),
            duplicates: self.copies_of(&id)?,
            body: if self.wants.body {
                utf8(body).into_owned()
            } else {
                String::new()
            },
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
        let original = doc
            .get_all(target.fields.duplicate_of)
            .filter_map(|v| v.as_str())
            .find(|v| *v != COPY_MARKER);
        if let Some(original) = original {
            *counts.entry(original.to_string()).or_insert(0) += 1;
        }
    }
    Ok(counts)
}

fn facet_value(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field).and_then(|v| v.as_facet()).and_then(decode_facet)
}

/// The value of a one-level facet, from its stored (encoded) form.
pub fn decode_facet(encoded: &str) -> Option<String> {
    let facet = Facet::from_encoded(encoded.as_bytes().to_vec()).ok()?;
    facet.to_path().first().map(|v| v.to_string())
}

/// The best passage of `body` (the stored UTF-8 text) on one line, with "…"
/// where it was cut; the opening when no word of the query is in the body (a
/// title-only match). With `scan` (exports), the first passage with enough
/// query words is taken instead, reading the article in chunks from
/// `scan` bytes on: most matches of a hit list stand near the top, and
/// validating and analysing whole articles would be most of an export's cost.
fn make_snippet(highlighter: &Highlighter, body: &[u8], scan: Option<usize>) -> Snippet {
    if let Some(first_chunk) = scan.filter(|_| highlighter.words() > 0) {
        // Good enough when it holds two of the query's words, or its only one.
        let enough = highlighter.words().min(2);
        match highlighter.first_passage(body, SNIPPET_BYTES, enough, first_chunk) {
            Found::Passage(text, passage) => return render_snippet(text, body.len(), passage),
            Found::NoMatch(text) => return render_snippet(text, text.len(), opening(text)),
            Found::NotUtf8 => {}
        }
    }
    let text = utf8(body);
    let found = (highlighter.words() > 0).then(|| highlighter.best_passage(&text, SNIPPET_BYTES));
    let passage = found.flatten().unwrap_or_else(|| opening(&text));
    render_snippet(&text, text.len(), passage)
}

/// The first characters of an article, for a hit none of whose query words
/// is in its text (a title match).
fn opening(text: &str) -> Passage {
    Passage {
        range: 0..text.char_indices().nth(SNIPPET_CHARS).map_or(text.len(), |(i, _)| i),
        highlights: Vec::new(),
        words: 0,
    }
}

/// The passage of `text` (the first bytes of an article `full_len` long) as
/// a snippet.
fn render_snippet(text: &str, full_len: usize, Passage { range, highlights, .. }: Passage) -> Snippet {
    let mut snippet = String::new();
    if range.start > 0 {
        snippet.push_str(ELLIPSIS);
    }
    // Highlights are offsets into `text`; the snippet starts at `range.start`.
    let prefix = snippet.len();
    snippet.push_str(&one_line(&text[range.clone()]));
    if range.end < full_len {
        snippet.push_str(ELLIPSIS);
    }
    Snippet {
        text: snippet,
        highlights: highlights
            .into_iter()
            .map(|r| r.start - range.start + prefix..r.end - range.start + prefix)
            .collect(),
    }
}

const ELLIPSIS: &str = "…";

/// The stored article text of `doc` (UTF-8 bytes; see [`utf8`]).
pub fn article_text<'d>(doc: &'d TantivyDocument, fields: &Fields) -> &'d [u8] {
    doc.get_first(fields.text)
        .and_then(|v| v.as_bytes())
        .unwrap_or_default()
}

/// Stored text as a string (the index could be damaged: then with U+FFFD
/// where bytes are not UTF-8).
pub fn utf8(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    // Borrowed, not copied, when the bytes are valid.
    String::from_utf8_lossy(bytes)
}

/// Replaces line breaks and tabs by spaces, byte for byte, so highlight ranges stay valid.
fn one_line(text: &str) -> String {
    text.replace(['\n', '\r', '\t'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_text_stays_on_one_line() {
        assert_eq!(one_line("a\nb\tc"), "a b c");
    }
}
