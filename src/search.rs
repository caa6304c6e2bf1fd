//! Running a query with filters and turning matches into hits: stored
//! fields, metadata and a highlighted snippet.

use crate::filter::Filters;
use crate::index::{TracuuIndex, COPY_MARKER};
use crate::query::{build_query, QueryError, Tier};
use crate::schema::Fields;
use crate::snippet::{Found, Highlighter, Passage};
use crate::synonyms::Synonyms;
use anyhow::Result;
use std::collections::HashMap;
use std::ops::Range;
use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::columnar::Column;
use tantivy::query::{BooleanQuery, EnableScoring, Occur, Query, Scorer, TermQuery, Weight};
use tantivy::schema::{Facet, Field, IndexRecordOption, Value};
use tantivy::{
    DateTime, DocAddress, DocId, DocSet, Score, Searcher, SeekDangerResult, SegmentOrdinal, SegmentReader,
    TantivyDocument, Term,
};

/// The best matches whose position tiers are checked first: per hit wanted,
/// and at least; each further chunk of matches this many times larger.
const WINDOW_PER_HIT: usize = 20;
const MIN_WINDOW: usize = 500;
const CHUNK_GROWTH: usize = 4;

/// The page of `docs` in score order.
fn best(mut docs: Vec<RankedDoc>, page: Page) -> Vec<RankedDoc> {
    let wanted = page.offset + page.limit;
    if docs.len() > wanted && wanted > 0 {
        docs.select_nth_unstable_by(wanted - 1, by_score);
        docs.truncate(wanted);
    }
    docs.sort_unstable_by(by_score);
    docs.into_iter().skip(page.offset).take(page.limit).collect()
}

/// Moves the `count` best of `unchecked` (by base score: they have no bonus
/// yet; equal scores in index order, as `by_score`) into `taken`. Both keep
/// the index order `unchecked` had. `scores` is scratch space.
fn take_best(unchecked: &mut Vec<RankedDoc>, count: usize, scores: &mut Vec<f32>, taken: &mut Vec<RankedDoc>) {
    taken.clear();
    if unchecked.len() <= count {
        taken.append(unchecked);
        return;
    }
    scores.clear();
    scores.extend(unchecked.iter().map(|d| d.score));
    let (better, &mut threshold, _) = scores.select_nth_unstable_by(count - 1, |a, b| b.total_cmp(a));
    // Of the matches scoring exactly `threshold`, the first ones take the places left.
    let mut ties = count - better.iter().filter(|s| s.total_cmp(&threshold).is_gt()).count();
    unchecked.retain(|doc| {
        let take = match doc.score.total_cmp(&threshold) {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Equal if ties > 0 => {
                ties -= 1;
                true
            }
            _ => false,
        };
        if take {
            taken.push(*doc);
        }
        !take
    });
}

/// Best score first; equal scores in index order (as tantivy's `TopDocs`).
fn by_score(a: &RankedDoc, b: &RankedDoc) -> std::cmp::Ordering {
    b.total().total_cmp(&a.total()).then(a.address.cmp(&b.address))
}

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
    /// Things the user should know (a filter value the index does not hold).
    pub notes: Vec<String>,
}

/// Order of a hit list.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Sort {
    /// Most relevant first.
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
    pub query: &'a str,
    pub filters: &'a Filters,
    pub synonyms: &'a Synonyms,
}

/// A query with its filters, ready to run on one searcher (one snapshot of
/// the index, so counts and hits agree).
pub struct Matching {
    pub searcher: Searcher,
    /// The matching part and every tier as one tantivy query: the words to
    /// highlight, and the order the fast ranking must reproduce (the tests
    /// rank with it).
    pub query: Box<dyn Query>,
    /// Matches scored without the position tiers.
    base: Box<dyn Query>,
    position_tiers: Vec<Tier>,
    pub notes: Vec<String>,
    /// What the user typed, for messages.
    pub text: String,
}

/// Tantivy's query parser accepts syntax some fields cannot run (`title:*`
/// needs a fast field, `/re/` and `x:` name fields): such errors are the
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

impl Matching {
    pub fn new(target: &TracuuIndex, request: &Request<'_>) -> Result<Matching> {
        let searcher = target.searcher()?;
        let ranked = build_query(target, request.query, request.synonyms)?;
        let filters = request.filters;
        let resolved = filters.resolve(target, &searcher)?;
        let filter_copy = || resolved.clauses.iter().map(|(o, q)| (*o, q.box_clone())).collect();
        let query = originals_only(target, ranked.combined(), filter_copy());
        let base = originals_only(target, ranked.without_position_tiers(), filter_copy());
        Ok(Matching {
            searcher,
            query,
            base,
            position_tiers: ranked.position_tiers,
            notes: resolved.notes,
            text: request.query.to_string(),
        })
    }

    /// A search error: the query's fault (a field that does not exist or
    /// cannot do what the syntax asks, as `title:*`) or the index's.
    pub fn failed(&self, err: tantivy::TantivyError) -> anyhow::Error {
        query_failed(&self.text, err)
    }

    /// Every matching document in `sort` order: 16 bytes a match, so even
    /// the whole corpus costs a few MB; hits are loaded one by one later.
    pub fn ranked_all(&self, target: &TracuuIndex, sort: Sort) -> Result<Vec<RankedDoc>> {
        let mut docs = if sort == Sort::Score {
            let mut docs = self.all_matches(&*self.base, None)?;
            self.add_position_bonuses(&mut docs, 0, &self.tier_weights()?)?;
            docs
        } else {
            // Tiers only matter to the score order.
            self.all_matches(&*self.base, Some(date_field_name(target)))?
        };
        sort_ranked(&mut docs, sort);
        Ok(docs)
    }

    /// One page of `query`'s matches by score, and how many match.
    fn top_of(&self, query: &dyn Query, page: Page) -> Result<(Vec<RankedDoc>, usize)> {
        let top = TopDocs::with_limit(page.limit.max(1))
            .and_offset(page.offset)
            .order_by_score();
        let (top_docs, total) = self.searcher.search(query, &(top, Count)).map_err(|e| self.failed(e))?;
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

    /// The page by score, with position checks on as few matches as possible.
    ///
    /// Every match is scored without the position tiers (cheap: no
    /// positions). Then, best first, in chunks (a window of the best
    /// matches, then ever larger ones): a match can only reach the page if
    /// its position bonus exceeds the gap between its score and the page's
    /// last hit so far, so each chunk is checked only for the tiers that give
    /// that much, and the search stops when no tier could lift the best
    /// match left. On common words this turns tens of thousands of position
    /// checks into a few hundred.
    fn top_by_score(&self, page: Page) -> Result<(Vec<RankedDoc>, usize)> {
        if self.position_tiers.is_empty() {
            return self.top_of(&*self.base, page);
        }
        // Matches not yet checked, in index order (as collected): each
        // chunk is taken out of it best first, and both stay in index order,
        // so position checks run down each segment without a sort.
        let mut unchecked = self.all_matches(&*self.base, None)?;
        let total = unchecked.len();
        let wanted = page.offset + page.limit.max(1);
        let mut chunk = wanted.saturating_mul(WINDOW_PER_HIT).max(MIN_WINDOW);
        let mut ranked: Vec<RankedDoc> = Vec::new();
        let weights = self.tier_weights()?;
        let (mut next, mut scores) = (Vec::new(), Vec::new());
        while !unchecked.is_empty() {
            let best_left = unchecked.iter().map(|d| d.score).fold(f32::NEG_INFINITY, f32::max);
            let last_hit = ranked.get(wanted - 1).map_or(f64::NEG_INFINITY, RankedDoc::total);
            let Some(from) = self.lifting_tier(best_left, last_hit) else {
                break;
            };
            take_best(&mut unchecked, chunk, &mut scores, &mut next);
            let members = self.add_position_bonuses(&mut next, from, &weights)?;
            // Below `from`, a match is known to get no more than it has: it
            // stays a candidate only when nothing was to be checked.
            ranked.extend(
                next.iter()
                    .zip(members)
                    .filter(|(_, m)| from == 0 || *m)
                    .map(|(d, _)| *d),
            );
            ranked = best(
                ranked,
                Page {
                    offset: 0,
                    limit: wanted,
                },
            );
            chunk = chunk.saturating_mul(CHUNK_GROWTH);
        }
        Ok((ranked.into_iter().skip(page.offset).take(page.limit).collect(), total))
    }

    /// The first position tier (loosest first) whose bonus, with those of
    /// the looser tiers every member also has, brings a match scoring
    /// `best` up to `last_hit` (a tie counts: the lower address wins it);
    /// `None` when even all of them together do not.
    fn lifting_tier(&self, best: f32, last_hit: f64) -> Option<usize> {
        let mut cumulative = f64::from(best);
        self.position_tiers.iter().position(|tier| {
            cumulative += f64::from(tier.bonus);
            cumulative >= last_hit
        })
    }

    /// Adds the position-tier bonuses to the scores of `docs`, checking the
    /// tiers from `from` on; a member of tier `from` also gets the bonuses of
    /// the looser tiers before it. Each tier query only visits these
    /// documents (`seek_danger`: is this one in, without scanning on to the
    /// next match), and a tier only the members of the looser tier before
    /// it. `docs` come in index order (as collected), so each tier's
    /// scorer runs down a segment once. Returns which documents are in tier
    /// `from`.
    fn add_position_bonuses(&self, docs: &mut [RankedDoc], from: usize, weights: &TierWeights) -> Result<Vec<bool>> {
        debug_assert!(docs.is_sorted_by_key(|doc| doc.address));
        let mut in_first = Vec::new();
        let mut eligible = vec![true; docs.len()];
        for (t, tier) in self.position_tiers.iter().enumerate().skip(from) {
            let mut member = vec![false; docs.len()];
            for weight in &weights[t] {
                let mut at = 0;
                for segment in docs.chunk_by(|a, b| a.address.segment_ord == b.address.segment_ord) {
                    let reader = self.searcher.segment_reader(segment[0].address.segment_ord);
                    let range = at..at + segment.len();
                    self.find_members(&**weight, reader, segment, &eligible[range.clone()], &mut member[range])?;
                    at += segment.len();
                }
            }
            let bonus: f32 = if t == from {
                self.position_tiers[..=t].iter().map(|tier| tier.bonus).sum()
            } else {
                tier.bonus
            };
            for (doc, _) in docs.iter_mut().zip(&member).filter(|(_, &m)| m) {
                doc.bonus += bonus;
            }
            if t == from {
                in_first = member.clone();
            }
            eligible = member;
        }
        Ok(in_first)
    }

    /// Marks in `member` which of `docs` (one segment's, in index order)
    /// match `weight`, checking only those `eligible` and not yet members.
    fn find_members(
        &self,
        weight: &dyn Weight,
        reader: &SegmentReader,
        docs: &[RankedDoc],
        eligible: &[bool],
        member: &mut [bool],
    ) -> Result<()> {
        let mut scorer: Option<Box<dyn Scorer>> = None;
        let mut lower_bound = 0;
        for (i, doc) in docs.iter().enumerate() {
            let doc_id = doc.address.doc_id;
            if !eligible[i] || member[i] || doc_id < lower_bound {
                continue;
            }
            let found = match scorer.as_mut() {
                Some(scorer) => scorer.seek_danger(doc_id),
                None => {
                    let (found, first) = weight.scorer_danger(reader, doc_id, 1.0).map_err(|e| self.failed(e))?;
                    scorer = Some(first);
                    found
                }
            };
            match found {
                SeekDangerResult::Found => member[i] = true,
                SeekDangerResult::SeekLowerBound(next) => lower_bound = next,
            }
        }
        Ok(())
    }

    /// The position tiers' queries, ready to run (once per search, not per chunk).
    fn tier_weights(&self) -> Result<TierWeights> {
        let scoring = EnableScoring::disabled_from_searcher(&self.searcher);
        self.position_tiers
            .iter()
            .map(|tier| {
                tier.alternatives
                    .iter()
                    .map(|alternative| alternative.weight(scoring).map_err(|e| self.failed(e)))
                    .collect()
            })
            .collect()
    }

    /// Every match of `query` with its score (and its date from `date_field`).
    fn all_matches(&self, query: &dyn Query, date_field: Option<String>) -> Result<Vec<RankedDoc>> {
        let all = AllMatches { date_field };
        self.searcher.search(query, &all).map_err(|e| self.failed(e))
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
        if sort == Sort::Score {
            return self.top_by_score(page);
        }
        let all = self.ranked_all(target, sort)?;
        let total = all.len();
        Ok((all.into_iter().skip(page.offset).take(page.limit).collect(), total))
    }
}

/// Per position tier, the weight of each alternative.
type TierWeights = Vec<Vec<Box<dyn Weight>>>;

/// `query` and `filters`, without the syndicated copies (they show as a
/// count on their original instead).
pub fn originals_only(
    target: &TracuuIndex,
    query: Box<dyn Query>,
    filters: Vec<(Occur, Box<dyn Query>)>,
) -> Box<dyn Query> {
    let mut clauses = vec![(Occur::Must, query), (Occur::MustNot, copies_query(target))];
    clauses.extend(filters);
    Box::new(BooleanQuery::new(clauses))
}

/// Every syndicated copy.
pub fn copies_query(target: &TracuuIndex) -> Box<dyn Query> {
    let term = Term::from_field_text(target.fields.duplicate_of, COPY_MARKER);
    Box::new(TermQuery::new(term, IndexRecordOption::Basic))
}

fn date_field_name(target: &TracuuIndex) -> String {
    target.index.schema().get_field_name(target.fields.date).to_string()
}

/// Runs `text` with `filters` against the index and returns one page of hits.
pub fn search(target: &TracuuIndex, request: &Request<'_>, sort: Sort, page: Page) -> Result<SearchResults> {
    let matching = Matching::new(target, request)?;
    let (ranked, total) = matching.ranked_page(target, sort, page)?;
    let loader = HitLoader::new(target, &matching, Wants::ALL, ranked.len())?;
    let hits = ranked.iter().map(|r| loader.load(r)).collect::<Result<Vec<_>>>()?;
    Ok(SearchResults {
        total,
        hits,
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
        &*originals_only(target, Box::new(tantivy::query::AllQuery), Vec::new()),
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
            let highlighter = Highlighter::new(&matching.searcher, &*matching.query, target.fields.body)
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
    let copies = searcher.search(&*copies_query(target), &tantivy::collector::DocSetCollector)?;
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
