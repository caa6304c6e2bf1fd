//! Running a query with its filters: the set of matching articles (what
//! totals, facets, exports and timelines count), ranked, and a page of it
//! as hits. Collecting lives in `collect`, ranking tiers in `ranking`,
//! hit loading in `hits`, snippets in `snippet`.

pub use crate::collect::RankedDoc;

use crate::collect::{exists, sort_ranked, AllMatches};
use crate::copies::{copies_query, variant_copies_query, FixedDocs};
use crate::dictionary::Dictionary;
use crate::error::{Error, Result};
use crate::filter::ResolvedFilters;
use crate::hits::{HitLoader, Wants};
use crate::index::TracuuIndex;
use crate::model::{SearchResults, JSON_VERSION};
use crate::query::{self, build_query, Accents, Context, ParsedQuery, QueryOptions, Tier};
use crate::ranking;
use crate::request::{Page, Request, Sort};
use crate::schema::Fields;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, EnableScoring, Occur, Query};
use tantivy::{DocAddress, Score, Searcher};

/// A query with its filters, ready to run on one searcher (one snapshot of
/// the index, so counts and hits agree).
pub struct Matching {
    /// The snapshot every count and hit of this request comes from.
    pub searcher: Searcher,
    /// Which articles match: the query and the filters, originals only, an
    /// original matching through one of its copies included; BM25 scores.
    pub query: Box<dyn Query>,
    tiers: Vec<Tier>,
    /// Whether the query has words to rank by.
    pub scored: bool,
    /// The query as read (the folded reading after a fallback).
    pub(crate) parsed: ParsedQuery,
    /// Things the user should know (see [`SearchResults::notes`]).
    pub notes: Vec<String>,
    /// What the user typed, for messages.
    text: String,
    cancel: crate::CancelToken,
}

/// Tantivy rejects some queries a field cannot run: such errors are the
/// query's, answered like other query errors.
pub(crate) fn query_failed(text: &str, err: tantivy::TantivyError) -> Error {
    use tantivy::TantivyError::{FieldNotFound, InvalidArgument, SchemaError};
    match err {
        SchemaError(_) | FieldNotFound(_) | InvalidArgument(_) => {
            Error::BadQuery(format!("query {text:?} cannot be run: {err}"))
        }
        other => Error::Index(other),
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

impl Matching {
    /// Reads the request's query and filters against the index as last committed.
    pub fn new(target: &TracuuIndex, request: &Request) -> Result<Matching> {
        request.cancel.check()?;
        let searcher = target.searcher()?;
        let resolved = request.filters.resolve(target, &searcher)?;
        let context = |options| Context {
            synonyms: request.synonyms(),
            dictionary: Dictionary::bundled(),
            options,
        };
        let parsed = query::parse(&request.query, &context(request.options))?;
        let mut notes = parsed.notes.clone();
        let mut built = Built::new(target, &searcher, parsed, &resolved)?;
        let failed = |e| query_failed(&request.query, e);
        if request.options.accents == Accents::Smart
            && built.parsed.has_exact()
            && !exists(&searcher, &*built.query).map_err(failed)?
        {
            let folded_options = QueryOptions {
                accents: Accents::Fold,
                ..request.options
            };
            let folded = query::parse(&request.query, &context(folded_options))?;
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
            text: request.query.clone(),
            cancel: request.cancel.clone(),
        })
    }

    /// A search error: the query's fault or the index's.
    pub(crate) fn failed(&self, err: tantivy::TantivyError) -> Error {
        query_failed(&self.text, err)
    }

    /// `Err(Error::Cancelled)` once the request's token is cancelled.
    pub(crate) fn check_cancelled(&self) -> Result<()> {
        self.cancel.check()
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
    pub fn ranked_all(&self, sort: Sort) -> Result<Vec<RankedDoc>> {
        let sort = self.effective(sort);
        let mut docs = if sort == Sort::Score {
            let mut docs = self.all_matches(None)?;
            self.check_cancelled()?;
            let weights = ranking::TierWeights::new(&self.searcher, &self.tiers).map_err(|e| self.failed(e))?;
            ranking::add_bonuses(&self.searcher, &self.tiers, &weights, &mut docs, f64::NEG_INFINITY)
                .map_err(|e| self.failed(e))?;
            docs
        } else {
            // Tiers only matter to the score order.
            self.all_matches(Some(crate::schema::DATE_FIELD.to_string()))?
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
    pub(crate) fn ranked_page(&self, sort: Sort, page: Page) -> Result<(Vec<RankedDoc>, usize)> {
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
            self.check_cancelled()?;
            let total = all.len();
            let top = ranking::top_by_score(&self.searcher, &self.tiers, all, page).map_err(|e| self.failed(e))?;
            return Ok((top, total));
        }
        let all = self.ranked_all(sort)?;
        let total = all.len();
        Ok((all.into_iter().skip(page.offset).take(page.limit).collect(), total))
    }
}

/// `query` and `filters`, without the syndicated copies (they show as a
/// count on their original instead).
pub(crate) fn originals_only(
    fields: &Fields,
    query: Box<dyn Query>,
    filters: Vec<(Occur, Box<dyn Query>)>,
) -> Box<dyn Query> {
    let mut clauses = vec![(Occur::Must, query), (Occur::MustNot, copies_query(fields))];
    clauses.extend(filters);
    Box::new(BooleanQuery::new(clauses))
}

/// Runs the request against the index and returns its page of hits and
/// how many articles match in all.
pub fn search(target: &TracuuIndex, request: &Request) -> Result<SearchResults> {
    let matching = Matching::new(target, request)?;
    let page = request.page;
    let (ranked, total) = matching.ranked_page(request.sort, page)?;
    matching.check_cancelled()?;
    let loader = HitLoader::new(target, &matching, Wants::PAGE, ranked.len())?;
    let hits = (ranked.iter().enumerate())
        .map(|(i, r)| loader.load(r, page.offset + i + 1))
        .collect::<Result<Vec<_>>>()?;
    Ok(SearchResults {
        version: JSON_VERSION,
        query: request.query.clone(),
        read_as: matching.parsed.read_as.clone(),
        total,
        offset: page.offset,
        hits,
        notes: matching.notes,
    })
}
