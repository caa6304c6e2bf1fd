//! Distinctive words: what sets the articles matching a query apart from
//! the background (every article of the index, or those of another query),
//! as Elasticsearch's `significant_terms` does, with Vietnamese words of one
//! to four syllables as the query segmenter knows them (see `words`), stop
//! words left out (`index-schema/stopwords.txt`). Or, with a facet field,
//! which of its values (officials, provinces, sources) are distinctive.
//!
//! The matching articles are counted all up to [`DEFAULT_CAP`]; past it, a
//! seeded random sample of that many, and the result says so.

use crate::error::{Error, Result};
use crate::facets::{count_values, FacetField};
use crate::filter::match_key;
use crate::index::TracuuIndex;
use crate::model::{DistinctiveTerm, Terms, JSON_VERSION};
use crate::request::Request;
use crate::search::Matching;
use crate::words::{background, count_articles, written_forms, WordCounts};
use rustc_hash::FxHashSet;
use std::sync::{Arc, OnceLock};
use tantivy::collector::DocSetCollector;
use tantivy::DocAddress;

/// How a word's distinctiveness is scored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TermScore {
    /// Dunning's log-likelihood ratio G² of the word's share among the hits
    /// against its share in the rest of the background.
    #[default]
    G2,
    /// Elasticsearch's JLH: (foreground % − background %) × foreground % / background %.
    Jlh,
    /// Elasticsearch's percentage: hits holding the word / background articles holding it.
    Percentage,
}

impl TermScore {
    /// Every score.
    pub const ALL: [TermScore; 3] = [TermScore::G2, TermScore::Jlh, TermScore::Percentage];

    /// `g2`, `jlh` or `percentage`.
    pub fn name(self) -> &'static str {
        match self {
            TermScore::G2 => "g2",
            TermScore::Jlh => "jlh",
            TermScore::Percentage => "percentage",
        }
    }
}

impl std::str::FromStr for TermScore {
    type Err = String;

    fn from_str(text: &str) -> Result<TermScore, String> {
        crate::request::by_name(text, &TermScore::ALL, TermScore::name, &[("llr", TermScore::G2)])
            .ok_or_else(|| format!("{text:?} is not a score (g2, jlh, percentage)"))
    }
}

/// What a distinctive-words analysis counts.
#[derive(Debug, Clone)]
pub struct TermsOptions {
    /// Rows wanted.
    pub top: usize,
    /// Only words in at least this many of the hits counted.
    pub min_docs: u32,
    /// The background: the articles of this query (same filters); every
    /// article of the index when `None`.
    pub against: Option<String>,
    /// How words are scored.
    pub score: TermScore,
    /// Rank this facet's values instead of words.
    pub field: Option<FacetField>,
    /// Count at most this many hits (a sample past it).
    pub cap: usize,
    /// Seed of the sample.
    pub seed: u64,
}

impl Default for TermsOptions {
    fn default() -> Self {
        TermsOptions {
            top: 25,
            min_docs: 3,
            against: None,
            score: TermScore::G2,
            field: None,
            cap: DEFAULT_CAP,
            seed: 0x7472_6163_7575,
        }
    }
}

/// Hits counted word by word before a sample is taken instead.
pub const DEFAULT_CAP: usize = 20_000;

/// The bundled stop words: function words (see `index-schema/STOPWORDS.md`).
pub const STOPWORDS: &str = include_str!("../index-schema/stopwords.txt");

fn stopwords() -> &'static FxHashSet<String> {
    static WORDS: OnceLock<FxHashSet<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        STOPWORDS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(crate::words::word_key)
            .collect()
    })
}

/// The words (or facet values) most distinctive of the articles matching `request`.
pub fn terms(target: &TracuuIndex, request: &Request, options: &TermsOptions) -> Result<Terms> {
    if request.query.trim().is_empty() && options.against.is_none() {
        return Err(Error::BadQuery(
            "distinctive words need a query (or a background query to compare the filtered articles against)".into(),
        ));
    }
    let matching = Matching::new(target, request)?;
    let mut notes = matching.notes.clone();
    let against = match &options.against {
        Some(query) => {
            let against = Matching::new(target, &request.for_query(query.as_str()))?;
            notes.extend(against.notes.iter().cloned());
            Some(against)
        }
        None => None,
    };
    let mut counted_docs = Vec::new();
    let (foreground, background, hits, sampled) = match options.field {
        Some(field) => {
            let (fg, hits) = facet_counts(&matching, field)?;
            let bg = match &against {
                Some(against) => facet_counts(against, field)?.0,
                None => facet_counts(&everything(target, request)?, field)?.0,
            };
            (fg, Arc::new(bg), hits, false)
        }
        None => {
            let (fg, hits, sampled, docs) = sampled_words(target, &matching, options)?;
            counted_docs = docs;
            let bg = match &against {
                Some(against) => Arc::new(sampled_words(target, against, options)?.0),
                None => background(target, &matching.searcher)?,
            };
            (fg, bg, hits, sampled)
        }
    };
    matching.check_cancelled()?;
    let excluded = query_words(&matching);
    let mut rows = rank(&foreground, &background, hits, against.is_none(), options, |word| {
        options.field.is_some() || (!stopwords().contains(word) && !holds_any(&match_key(word), &excluded))
    });
    if against.is_none() && hits >= background.articles {
        notes.push("every article matches: there is no background to compare with (compare with the articles of another query)".into());
    }
    if options.field.is_none() {
        show_as_written(target, &matching, &counted_docs, &mut rows)?;
    }
    if sampled {
        notes.push(format!(
            "{} articles match: words counted over a random sample of {} of them",
            hits, foreground.articles
        ));
    }
    Ok(Terms {
        version: JSON_VERSION,
        query: request.query.clone(),
        filters: request.filters.describe(),
        against: options.against.clone(),
        field: options.field.map_or("word", |f| f.name()).to_string(),
        score: options.score.name().to_string(),
        hits,
        counted: foreground.articles,
        background: background.articles,
        terms: rows,
        notes,
    })
}

/// Every article of the index (the background of a facet's values).
fn everything(target: &TracuuIndex, request: &Request) -> Result<Matching> {
    Matching::new(target, &request.for_query("").with_filters(Default::default()))
}

/// A facet's values counted over the matching articles, as word counts.
fn facet_counts(matching: &Matching, field: FacetField) -> Result<(WordCounts, u64)> {
    let (total, mut per_field) = count_values(matching, &[field])?;
    let mut counts = WordCounts {
        articles: total as u64,
        ..WordCounts::default()
    };
    for (value, n) in per_field.pop().unwrap_or_default() {
        counts.counts.insert(value.into(), n as u32);
    }
    Ok((counts, total as u64))
}

/// The words of the matching articles, all of them up to the cap, else a
/// seeded sample; with the number of matches and whether it is a sample.
fn sampled_words(
    target: &TracuuIndex,
    matching: &Matching,
    options: &TermsOptions,
) -> Result<(WordCounts, u64, bool, Vec<DocAddress>)> {
    let mut docs: Vec<DocAddress> = matching
        .searcher
        .search(&*matching.query, &DocSetCollector)
        .map_err(|e| matching.failed(e))?
        .into_iter()
        .collect();
    let hits = docs.len() as u64;
    let sampled = docs.len() > options.cap;
    if sampled {
        // The same index and seed give the same sample.
        docs.sort_by_key(|d| mix(options.seed ^ (u64::from(d.segment_ord) << 32 | u64::from(d.doc_id))));
        docs.truncate(options.cap);
    }
    docs.sort();
    matching.check_cancelled()?;
    Ok((count_articles(&matching.searcher, target, &docs)?, hits, sampled, docs))
}

/// Words are counted by their keys (lower case, tone placement and i/y as
/// the analyzer unifies them): each row gets the form the hits write most
/// often ("Bộ Chính trị", "Tổng Bí thư"), from as few articles as give
/// each word [`FORMS_SEEN`] times.
fn show_as_written(
    target: &TracuuIndex,
    matching: &Matching,
    docs: &[DocAddress],
    rows: &mut [DistinctiveTerm],
) -> Result<()> {
    let keys: Vec<&str> = rows.iter().map(|r| r.term.as_str()).collect();
    let forms = written_forms(&matching.searcher, target, docs, &keys, FORMS_SEEN)?;
    for row in rows.iter_mut() {
        let usual = forms
            .get(row.term.as_str())
            .and_then(|f| f.iter().max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0))));
        if let Some((form, _)) = usual {
            row.term = form.to_string();
        }
    }
    Ok(())
}

/// Occurrences of a word read for its usual written form.
const FORMS_SEEN: u32 = 20;

/// SplitMix64's finaliser: a well-spread hash of a number.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Whether `word` (folded) is one of `words` or holds one, syllable for
/// syllable ("phòng chống tham nhũng" holds "tham nhũng").
fn holds_any(word: &str, words: &FxHashSet<String>) -> bool {
    let padded = format!(" {word} ");
    words
        .iter()
        .any(|w| !w.is_empty() && padded.contains(&format!(" {w} ")))
}

/// The query's own words (folded): distinctive of its hits by definition,
/// as are the longer words holding them.
fn query_words(matching: &Matching) -> FxHashSet<String> {
    let mut words = FxHashSet::default();
    for unit in matching.parsed.expr.positive_units() {
        for form in &unit.forms {
            let syllables: Vec<&str> = form.syllables.iter().map(|(_, s)| s.folded.as_str()).collect();
            words.insert(syllables.join(" "));
        }
    }
    words
}

/// The rows: words in at least `min_docs` hits counted, more frequent among
/// them than in the background, by score.
fn rank(
    foreground: &WordCounts,
    background: &WordCounts,
    hits: u64,
    background_holds_hits: bool,
    options: &TermsOptions,
    keep: impl Fn(&str) -> bool,
) -> Vec<DistinctiveTerm> {
    let n_fg = foreground.articles as f64;
    // Hits are part of the whole index; a sample stands for all of them.
    let scale = if foreground.articles > 0 {
        hits as f64 / n_fg
    } else {
        0.0
    };
    let mut rows: Vec<DistinctiveTerm> = foreground
        .counts
        .iter()
        .filter(|(_, &n)| n >= options.min_docs.max(1))
        .filter(|(word, _)| keep(word))
        .filter_map(|(word, &a)| {
            let b = background.get(word);
            let (a, b) = (f64::from(a), f64::from(b));
            let (rest_with, rest) = if background_holds_hits {
                (
                    (b - a * scale).max(0.0),
                    (background.articles as f64 - hits as f64).max(0.0),
                )
            } else {
                (b, background.articles as f64)
            };
            let score = score(options.score, a, n_fg, b, background.articles as f64, rest_with, rest)?;
            Some(DistinctiveTerm {
                term: word.to_string(),
                hits: a as u64,
                background: b as u64,
                score,
            })
        })
        .collect();
    rows.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then(y.hits.cmp(&x.hits))
            .then_with(|| x.term.cmp(&y.term))
    });
    rows.truncate(options.top);
    rows
}

/// The score of a word in `a` of `n` hits, `b` of `total` background
/// articles, `c` of `m` in the background apart from the hits; `None`
/// when it is no more frequent among the hits than elsewhere.
fn score(kind: TermScore, a: f64, n: f64, b: f64, total: f64, c: f64, m: f64) -> Option<f64> {
    if n == 0.0 || m <= 0.0 {
        // Nothing to compare with: the hits are the whole background.
        return None;
    }
    let fg = a / n;
    let rest = if m > 0.0 { c / m } else { 0.0 };
    if fg <= rest {
        return None;
    }
    Some(match kind {
        TermScore::G2 => g2(a, n, c, m),
        TermScore::Jlh => {
            let bg = if total > 0.0 { b / total } else { 0.0 };
            if bg == 0.0 || fg <= bg {
                return None;
            }
            (fg - bg) * (fg / bg)
        }
        TermScore::Percentage => {
            if b == 0.0 {
                return None;
            }
            a / b
        }
    })
}

/// Dunning's G² for a word in `a` of `n` articles against `c` of `m`.
fn g2(a: f64, n: f64, c: f64, m: f64) -> f64 {
    let total = n + m;
    let with = a + c;
    let term = |observed: f64, expected: f64| {
        if observed > 0.0 && expected > 0.0 {
            observed * (observed / expected).ln()
        } else {
            0.0
        }
    };
    let (e_a, e_c) = (n * with / total, m * with / total);
    let (e_b, e_d) = (n - e_a, m - e_c);
    2.0 * (term(a, e_a) + term(n - a, e_b) + term(c, e_c) + term(m - c, e_d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn g2_grows_with_the_difference_and_is_zero_without_one() {
        assert!(g2(10.0, 100.0, 10.0, 100.0).abs() < 1e-9);
        let small = g2(20.0, 100.0, 10.0, 100.0);
        let large = g2(40.0, 100.0, 10.0, 100.0);
        assert!(small > 0.0 && large > small, "{small} {large}");
        // Worked by hand: a=10 of n=100 against c=10 of m=1000 gives 22.9.
        let value = g2(10.0, 100.0, 10.0, 1000.0);
        assert!((value - 22.9).abs() < 0.1, "{value}");
    }

    #[test]
    fn words_no_more_frequent_among_the_hits_are_left_out() {
        assert!(score(TermScore::G2, 1.0, 100.0, 50.0, 1000.0, 49.0, 900.0).is_none());
        assert!(score(TermScore::Jlh, 30.0, 100.0, 60.0, 1000.0, 30.0, 900.0).is_some());
        let percentage = score(TermScore::Percentage, 30.0, 100.0, 60.0, 1000.0, 30.0, 900.0).unwrap();
        assert!((percentage - 0.5).abs() < 1e-9);
    }

    #[test]
    fn the_query_words_and_words_holding_them_are_left_out() {
        let query: FxHashSet<String> = ["tham nhung".to_string()].into_iter().collect();
        assert!(holds_any("phong chong tham nhung", &query));
        assert!(holds_any("tham nhung", &query));
        assert!(!holds_any("tham nhungx", &query));
        assert!(!holds_any("hoi lo", &query));
    }

    #[test]
    fn the_stop_list_holds_function_words_only() {
        for word in ["của", "và", "được", "những"] {
            assert!(stopwords().contains(&crate::words::word_key(word)), "{word}");
        }
        for word in ["tham nhũng", "hối lộ", "tài sản"] {
            assert!(!stopwords().contains(&crate::words::word_key(word)), "{word}");
        }
    }
}
