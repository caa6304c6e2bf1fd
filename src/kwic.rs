//! A concordance (keyword in context): every occurrence, in every matching
//! article, of what the query matched (its words and phrases, by the same
//! rules as matching: an accentless query finds every accent form, shown as
//! written), with the words left and right of it.
//!
//! In the hit list's order the lines stream with constant memory, as an
//! export does. Sorted by the words to the left or right (in Vietnamese
//! alphabetical order, ICU's `vi` collation: a < ă < â, d < đ) or by date,
//! at most `limit` lines are kept: the first `limit` of the sorted
//! concordance, found over every occurrence.

use crate::error::{Error, Result};
use crate::index::TracuuIndex;
use crate::model::KwicLine;
use crate::request::Request;
use crate::search::{Matching, RankedDoc};
use crate::snippet::Highlighter;
use crate::stored;
use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use rayon::prelude::*;
use std::cmp::Ordering;
use std::ops::Range;
use tantivy::TantivyDocument;

/// The order of a concordance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KwicSort {
    /// The hit list's order, occurrences in text order (streams).
    #[default]
    Hits,
    /// By the words left of the match, nearest first (L1, L2, L3).
    Left,
    /// By the words right of the match (R1, R2, R3).
    Right,
    /// By the article's date, oldest first (undated last).
    Date,
}

impl KwicSort {
    /// Every order.
    pub const ALL: [KwicSort; 4] = [KwicSort::Hits, KwicSort::Left, KwicSort::Right, KwicSort::Date];

    /// `hits`, `left`, `right` or `date`.
    pub fn name(self) -> &'static str {
        match self {
            KwicSort::Hits => "hits",
            KwicSort::Left => "left",
            KwicSort::Right => "right",
            KwicSort::Date => "date",
        }
    }
}

impl std::str::FromStr for KwicSort {
    type Err = String;

    fn from_str(text: &str) -> Result<KwicSort, String> {
        crate::request::by_name(text, &KwicSort::ALL, KwicSort::name, &[])
            .ok_or_else(|| format!("{text:?} is not a concordance order (hits, left, right, date)"))
    }
}

/// How a concordance is made.
#[derive(Debug, Clone, Copy)]
pub struct KwicOptions {
    /// Characters of context on each side.
    pub width: usize,
    /// The order of the lines.
    pub sort: KwicSort,
    /// At most this many lines (`None`: all; a sorted concordance keeps
    /// [`DEFAULT_SORTED_LIMIT`] when none is set).
    pub limit: Option<usize>,
}

impl Default for KwicOptions {
    fn default() -> Self {
        KwicOptions {
            width: 40,
            sort: KwicSort::Hits,
            limit: None,
        }
    }
}

/// Lines a sorted concordance keeps when no limit is set.
pub const DEFAULT_SORTED_LIMIT: usize = 10_000;

/// What a concordance found.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct KwicReport {
    /// Matching articles.
    pub articles: usize,
    /// Occurrences in them (all of them, also those past the limit).
    pub occurrences: usize,
    /// Lines given to the caller.
    pub lines: usize,
    /// Whether lines were left out because of the limit.
    pub cut: bool,
    /// Things the user should know (see [`crate::SearchResults::notes`]).
    pub notes: Vec<String>,
}

/// Articles read per parallel batch.
const BATCH: usize = 1024;

/// Every occurrence of what `request` matched, given to `each` line by line.
pub fn kwic(
    target: &TracuuIndex,
    request: &Request,
    options: &KwicOptions,
    each: &mut dyn FnMut(&KwicLine) -> Result<()>,
) -> Result<KwicReport> {
    let matching = Matching::new(target, request)?;
    let highlighter =
        Highlighter::new(&matching.searcher, &matching.parsed, target.fields.body).map_err(|e| matching.failed(e))?;
    let ranked = matching.ranked_all(request.sort)?;
    let mut report = KwicReport {
        articles: ranked.len(),
        notes: matching.notes.clone(),
        ..KwicReport::default()
    };
    let limit = match (options.sort, options.limit) {
        (_, Some(limit)) => limit,
        (KwicSort::Hits, None) => usize::MAX,
        (_, None) => DEFAULT_SORTED_LIMIT,
    };
    let mut kept = Kept::new(options.sort, limit)?;
    for batch in ranked.chunks(BATCH) {
        matching.check_cancelled()?;
        let lines = lines_of(target, &matching, &highlighter, batch, options.width)?;
        for line in lines.into_iter().flatten() {
            report.occurrences += 1;
            if options.sort == KwicSort::Hits {
                if report.lines < limit {
                    each(&line)?;
                    report.lines += 1;
                }
            } else {
                kept.add(line);
            }
        }
    }
    if options.sort != KwicSort::Hits {
        for line in kept.into_sorted() {
            each(&line)?;
            report.lines += 1;
        }
    }
    report.cut = report.lines < report.occurrences;
    Ok(report)
}

/// Where the query of `request` matches in `text` (an article's text, as
/// `show` gives it): byte ranges in text order, by the matching rules (what
/// the article view of a front end highlights).
pub fn matches_in(target: &TracuuIndex, request: &Request, text: &str) -> Result<Vec<Range<usize>>> {
    if request.query.trim().is_empty() {
        return Ok(Vec::new());
    }
    let matching = Matching::new(target, request)?;
    let highlighter =
        Highlighter::new(&matching.searcher, &matching.parsed, target.fields.body).map_err(|e| matching.failed(e))?;
    Ok(highlighter.occurrences(text))
}

/// The lines of a batch of articles, article by article in rank order
/// (read in parallel, in the document store's order).
fn lines_of(
    target: &TracuuIndex,
    matching: &Matching,
    highlighter: &Highlighter,
    batch: &[RankedDoc],
    width: usize,
) -> Result<Vec<Vec<KwicLine>>> {
    let mut order: Vec<usize> = (0..batch.len()).collect();
    order.sort_by_key(|&i| batch[i].address);
    let mut read: Vec<(usize, Vec<KwicLine>)> = order
        .par_iter()
        .with_min_len(64)
        .map(|&i| -> Result<(usize, Vec<KwicLine>)> {
            let doc: TantivyDocument = matching.searcher.doc(batch[i].address)?;
            Ok((i, article_lines(target, &doc, highlighter, width)))
        })
        .collect::<Result<_>>()?;
    read.sort_by_key(|(i, _)| *i);
    Ok(read.into_iter().map(|(_, lines)| lines).collect())
}

/// The concordance lines of one article.
fn article_lines(
    target: &TracuuIndex,
    doc: &TantivyDocument,
    highlighter: &Highlighter,
    width: usize,
) -> Vec<KwicLine> {
    let fields = &target.fields;
    let text = stored::utf8(stored::article_text(doc, fields));
    let found = highlighter.occurrences(&text);
    if found.is_empty() {
        return Vec::new();
    }
    let meta = stored::meta(doc, fields);
    let id = stored::text(doc, fields.id).unwrap_or_default();
    let title = stored::text(doc, fields.title).unwrap_or_default();
    found
        .into_iter()
        .map(|at| {
            let (left, right) = context(&text, at.clone(), width);
            KwicLine {
                left,
                matched: one_line(&text[at.clone()]),
                right,
                offset: at.start,
                id: id.clone(),
                date: meta.date.clone(),
                province: meta.province.clone(),
                source: meta.source.clone(),
                title: title.clone(),
            }
        })
        .collect()
}

/// Up to `width` characters each side of `at`, on one line.
fn context(text: &str, at: Range<usize>, width: usize) -> (String, String) {
    let before = &text[..at.start];
    let start = before
        .char_indices()
        .rev()
        .nth(width.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    let after = &text[at.end..];
    let end = after.char_indices().nth(width).map_or(after.len(), |(i, _)| i);
    (one_line(&before[start..]), one_line(&after[..end]))
}

/// Line breaks and tabs as spaces: a line of a concordance is one line.
fn one_line(text: &str) -> String {
    text.chars().map(|c| if c.is_whitespace() { ' ' } else { c }).collect()
}

/// The words of a context, nearest the match first: what left and right
/// sorting compares (letters and digits; punctuation between them ignored).
fn nearest_words(context: &str, left: bool, n: usize) -> Vec<String> {
    let words = context
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase);
    if left {
        // The far end may be a word cut in half: it counts all the same, last.
        let mut all: Vec<String> = words.collect();
        all.reverse();
        all.truncate(n);
        all
    } else {
        words.take(n).collect()
    }
}

/// The lines kept for a sorted concordance: the first `limit` in order.
struct Kept {
    sort: KwicSort,
    limit: usize,
    collator: CollatorBorrowed<'static>,
    lines: Vec<(Vec<String>, KwicLine)>,
}

impl Kept {
    fn new(sort: KwicSort, limit: usize) -> Result<Kept> {
        let collator = Collator::try_new(icu_locale_core::locale!("vi").into(), CollatorOptions::default())
            .map_err(|e| Error::Index(tantivy::TantivyError::InternalError(format!("no vi collation: {e}"))))?;
        Ok(Kept {
            sort,
            limit,
            collator,
            lines: Vec::new(),
        })
    }

    fn add(&mut self, line: KwicLine) {
        let key = match self.sort {
            KwicSort::Left => nearest_words(&line.left, true, 3),
            KwicSort::Right => nearest_words(&line.right, false, 3),
            KwicSort::Date | KwicSort::Hits => Vec::new(),
        };
        self.lines.push((key, line));
        // Sorting and cutting at twice the limit keeps memory bounded and
        // the work n log(limit).
        if self.lines.len() >= self.limit.saturating_mul(2).max(1024) {
            self.sort_and_cut();
        }
    }

    fn compare(&self, a: &(Vec<String>, KwicLine), b: &(Vec<String>, KwicLine)) -> Ordering {
        let by_words = || {
            a.0.iter()
                .zip(&b.0)
                .map(|(x, y)| self.collator.compare(x, y))
                .find(|o| o.is_ne())
                .unwrap_or_else(|| a.0.len().cmp(&b.0.len()))
        };
        match self.sort {
            KwicSort::Date => (a.1.date.is_none().cmp(&b.1.date.is_none())).then_with(|| a.1.date.cmp(&b.1.date)),
            _ => by_words(),
        }
    }

    fn sort_and_cut(&mut self) {
        let mut lines = std::mem::take(&mut self.lines);
        // Stable: equal keys keep the hit list's order.
        lines.sort_by(|a, b| self.compare(a, b));
        lines.truncate(self.limit);
        self.lines = lines;
    }

    fn into_sorted(mut self) -> Vec<KwicLine> {
        self.sort_and_cut();
        self.lines.into_iter().map(|(_, line)| line).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_cut_by_characters_on_one_line() {
        let text = "Sáng nay,\nđồng chí Bí thư Tỉnh ủy phát biểu";
        let at = text.find("Bí thư").unwrap()..text.find(" Tỉnh").unwrap();
        let (left, right) = context(text, at, 9);
        assert_eq!(left, "đồng chí ");
        assert_eq!(right, " Tỉnh ủy ");
        let (left, _) = context(text, 0..4, 5);
        assert_eq!(left, "");
    }

    #[test]
    fn nearest_words_read_outwards_from_the_match() {
        assert_eq!(nearest_words("ông Nguyễn, Bí ", true, 2), ["bí", "nguyễn"]);
        assert_eq!(nearest_words(" tỉnh Nghệ An.", false, 3), ["tỉnh", "nghệ", "an"]);
    }

    #[test]
    fn sorted_lines_follow_vietnamese_alphabetical_order() {
        let mut kept = Kept::new(KwicSort::Right, 3).unwrap();
        for (i, word) in ["đường", "dân", "ăn", "an", "bà", "âm"].iter().enumerate() {
            kept.add(KwicLine {
                right: format!(" {word} x"),
                offset: i,
                ..KwicLine::default()
            });
        }
        let words: Vec<String> = kept.into_sorted().iter().map(|l| l.right.clone()).collect();
        assert_eq!(words, [" an x", " ăn x", " âm x"]);
    }
}
