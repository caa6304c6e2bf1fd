//! Snippets: the best passage of an article, with every word of the query
//! marked where it stands in the original text (whatever its accents, tone
//! placement or normalisation form: matching is done on the analyzer's
//! folded tokens, marking on their offsets into the original).

use crate::analysis;
use rustc_hash::FxHashMap;
use std::ops::Range;
use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::Searcher;

/// How many tokens of context a passage shows before its first match.
const CONTEXT_TOKENS: usize = 4;

/// Finds passages for one query.
pub struct Highlighter {
    /// Folded term → weight (rarer terms weigh more, as in tantivy's
    /// snippet generator: 1 / (1 + document frequency)).
    terms: FxHashMap<String, (f32, u32)>,
    /// First letters of the terms: a token starting otherwise cannot match,
    /// and is not normalised (most tokens of a text are not the query's).
    initials: Vec<char>,
}

/// A passage: its byte range in the text and the matched words in it.
#[derive(Debug, PartialEq)]
pub struct Passage {
    pub range: Range<usize>,
    pub highlights: Vec<Range<usize>>,
    /// How many different words of the query it holds.
    pub words: usize,
}

impl Highlighter {
    /// The words `query` looks for in `field` (folded), weighted by rarity.
    pub fn new(searcher: &Searcher, query: &dyn Query, field: Field) -> tantivy::Result<Highlighter> {
        let mut found = Vec::new();
        query.query_terms(&mut |term, _| {
            if term.field() == field {
                found.push(term.clone());
            }
        });
        let mut terms = FxHashMap::default();
        for term in found {
            let Some(text) = term.value().as_str().map(str::to_string) else {
                continue;
            };
            let weight = 1.0 / (1.0 + searcher.doc_freq(&term)? as f32);
            let id = terms.len() as u32;
            terms.entry(text).or_insert((weight, id));
        }
        let mut initials: Vec<char> = terms.keys().filter_map(|t| t.chars().next()).collect();
        initials.sort_unstable();
        initials.dedup();
        Ok(Highlighter { terms, initials })
    }

    /// How many different words the query looks for.
    pub fn words(&self) -> usize {
        self.terms.len()
    }

    /// Whether a token's first letter, folded, starts a term.
    fn may_match(&self, raw: &str) -> bool {
        let first = raw.chars().next().and_then(analysis::fold_letter);
        first.is_some_and(|c| self.initials.iter().any(|&i| c.to_lowercase().eq(std::iter::once(i))))
    }

    /// The passage of at most `max_bytes` of `text` with the most different
    /// query words (see [`best_window`]), starting a few words before its
    /// first match; `None` when no word of the query is in `text`.
    pub fn best_passage(&self, text: &str, max_bytes: usize) -> Option<Passage> {
        let mut scanned = Scanned::default();
        self.scan(text, 0, &mut scanned);
        self.passage(&scanned, text, true, max_bytes)
    }

    /// For exports: the first passage holding `enough` different query
    /// words, reading `body` (UTF-8 bytes) only as far as it takes: a first
    /// chunk of `first_chunk` bytes, then ever larger ones, each validated
    /// and scanned once. Gives the text read so far with the passage (the
    /// best passage of the whole body when none holds `enough` words).
    pub fn first_passage<'b>(&self, body: &'b [u8], max_bytes: usize, enough: usize, first_chunk: usize) -> Found<'b> {
        let mut scanned = Scanned::default();
        let mut read = 0;
        let mut chunk = first_chunk.max(1);
        loop {
            let end = chunk_end(body, read, read.saturating_add(chunk));
            if std::str::from_utf8(&body[read..end]).is_err() {
                return Found::NotUtf8;
            }
            // SAFETY: `body[..read]` was validated before, `body[read..end]`
            // just now, and `read` follows an ASCII byte (a char boundary).
            let text = unsafe { std::str::from_utf8_unchecked(&body[..end]) };
            self.scan(text, read, &mut scanned);
            let whole = end == body.len();
            match self.passage(&scanned, text, whole, max_bytes) {
                Some(passage) if passage.words >= enough || whole => return Found::Passage(text, passage),
                None if whole => return Found::NoMatch(text),
                _ => {}
            }
            read = end;
            chunk = chunk.saturating_mul(2);
        }
    }

    /// Adds the tokens of `text[from..]` to `scanned`, with the query word
    /// each one is, if any.
    fn scan(&self, text: &str, from: usize, scanned: &mut Scanned) {
        let mut folded = String::new();
        for span in analysis::token_spans(&text[from..]) {
            let span = span.start + from..span.end + from;
            let raw = &text[span.clone()];
            let matched = if self.may_match(raw) && analysis::folded_token(raw, &mut folded) {
                self.terms.get(folded.as_str()).copied()
            } else {
                None
            };
            let (weight, id) = matched.unwrap_or((0.0, u32::MAX));
            scanned.tokens.push((span, weight));
            scanned.term_of.push(id);
        }
    }

    /// The best passage among the tokens scanned from `text` (`whole`: all
    /// of the article).
    fn passage(&self, scanned: &Scanned, text: &str, whole: bool, max_bytes: usize) -> Option<Passage> {
        let Scanned { tokens, term_of } = scanned;
        let matches: Vec<Match> = (0..tokens.len())
            .filter(|&i| tokens[i].1 > 0.0)
            .map(|i| Match {
                at: tokens[i].0.clone(),
                token: i,
                weight: tokens[i].1,
                word: term_of[i] as usize,
            })
            .collect();
        let (first, last) = best_window(&matches, self.terms.len(), max_bytes)?;
        let start = first.saturating_sub(CONTEXT_TOKENS).max(
            // Context only as far as the budget allows.
            (0..first)
                .find(|&i| tokens[last].0.end - tokens[i].0.start <= max_bytes)
                .unwrap_or(first),
        );
        let mut end = last;
        while end + 1 < tokens.len() && tokens[end + 1].0.end - tokens[start].0.start <= max_bytes {
            end += 1;
        }
        // From the text's very start or to its very end when the passage
        // holds its first or last word: a leading "-1" or a closing
        // full stop is part of what the reader expects to see.
        let from = if start == 0 && tokens[end].0.end <= max_bytes {
            0
        } else {
            tokens[start].0.start
        };
        let to = if whole && end + 1 == tokens.len() && text.len() - from <= max_bytes {
            text.len()
        } else {
            tokens[end].0.end
        };
        let matched: Vec<usize> = (start..=end).filter(|&i| tokens[i].1 > 0.0).collect();
        let mut words: Vec<u32> = matched.iter().map(|&i| term_of[i]).collect();
        words.sort_unstable();
        words.dedup();
        Some(Passage {
            range: from..to,
            highlights: matched.iter().map(|&i| tokens[i].0.clone()).collect(),
            words: words.len(),
        })
    }
}

/// What [`Highlighter::first_passage`] found.
pub enum Found<'b> {
    /// The text read and the passage in it.
    Passage(&'b str, Passage),
    /// No query word in the article (all of it, validated).
    NoMatch(&'b str),
    /// The stored text is not UTF-8 (a damaged index).
    NotUtf8,
}

/// Tokens read so far: their spans and weights, and which query word each
/// is (`u32::MAX` for none).
#[derive(Default)]
struct Scanned {
    tokens: Vec<(Range<usize>, f32)>,
    term_of: Vec<u32>,
}

/// Where a chunk of `body` starting at `from` and about `wanted` bytes long
/// ends: just after an ASCII white-space byte (never inside a word or a
/// character), or at the end of `body`.
fn chunk_end(body: &[u8], from: usize, wanted: usize) -> usize {
    if wanted >= body.len() {
        return body.len();
    }
    let is_space = |b: &u8| b.is_ascii_whitespace();
    match body[from..wanted].iter().rposition(is_space) {
        Some(at) => from + at + 1,
        None => body[wanted..]
            .iter()
            .position(is_space)
            .map_or(body.len(), |at| wanted + at + 1),
    }
}

/// One match of a query word in a text.
struct Match {
    at: Range<usize>,
    /// Index among the text's tokens.
    token: usize,
    weight: f32,
    /// Which query word (0..words).
    word: usize,
}

/// The first and last token of the best window of `matches`: at most
/// `max_bytes` from its first match's start to its last match's end, holding
/// the most different query words, then the tightest (words together, as
/// typed), then the most weight of different words (a rare word beats a
/// common one; a repeated word adds nothing); the earliest of equals.
fn best_window(matches: &[Match], words: usize, max_bytes: usize) -> Option<(usize, usize)> {
    let mut best: Option<((usize, f32, usize), usize, usize)> = None;
    let mut count = vec![0usize; words];
    let mut seen = vec![false; words];
    let (mut distinct, mut weight) = (0, 0.0);
    let mut end = 0;
    for (a, first) in matches.iter().enumerate() {
        let mut add = |m: &Match| {
            if count[m.word] == 0 {
                distinct += 1;
                weight += m.weight;
            }
            count[m.word] += 1;
        };
        if end == a {
            // Even a match longer than the budget makes a window.
            add(first);
            end += 1;
        }
        while end < matches.len() && matches[end].at.end - first.at.start <= max_bytes {
            add(&matches[end]);
            end += 1;
        }
        // The tightest window with these words ends at the first match that
        // completes them; a longer one only adds repeats.
        seen.iter_mut().for_each(|s| *s = false);
        let mut found = 0;
        let last = (a..end)
            .find(|&i| {
                let word = matches[i].word;
                found += !seen[word] as usize;
                seen[word] = true;
                found == distinct
            })
            .unwrap_or(end - 1);
        let span = matches[last].at.end - first.at.start;
        let better = best
            .is_none_or(|((d, w, s), _, _)| distinct > d || (distinct == d && (span < s || (span == s && weight > w))));
        if better {
            best = Some(((distinct, weight, span), first.token, matches[last].token));
        }
        count[first.word] -= 1;
        if count[first.word] == 0 {
            distinct -= 1;
            weight -= first.weight;
        }
    }
    best.map(|(_, first, last)| (first, last))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (start, end, weight, word) of each match.
    fn window(found: &[(usize, usize, f32, usize)], max: usize) -> Option<(usize, usize)> {
        let matches: Vec<Match> = found
            .iter()
            .enumerate()
            .map(|(token, &(a, b, weight, word))| Match {
                at: a..b,
                token,
                weight,
                word,
            })
            .collect();
        best_window(&matches, 3, max)
    }

    #[test]
    fn more_different_words_win_then_weight_then_the_earliest() {
        // Two words close together beat one word three times.
        let t = [
            (0, 3, 1.0, 0),
            (5, 8, 1.0, 0),
            (10, 13, 1.0, 0),
            (100, 103, 0.5, 0),
            (105, 108, 0.5, 1),
        ];
        assert_eq!(window(&t, 20), Some((3, 4)));
        // Repeats of a word do not pull the window away from the tightest one.
        let t = [(0, 3, 1.0, 0), (5, 8, 1.0, 0), (10, 13, 1.0, 0), (15, 18, 1.0, 1)];
        assert_eq!(window(&t, 30), Some((2, 3)));
        // Same number of words, as tight: the heavier window.
        let t = [(0, 3, 0.1, 0), (100, 103, 1.0, 1)];
        assert_eq!(window(&t, 20), Some((1, 1)));
        // Equal: the earliest.
        let t = [(0, 3, 1.0, 0), (100, 103, 1.0, 0)];
        assert_eq!(window(&t, 20), Some((0, 0)));
        assert_eq!(window(&[], 20), None);
    }

    #[test]
    fn chunks_end_after_white_space_or_at_the_end() {
        let body = "Tỉnh ủy họp. Hội nghị".as_bytes();
        assert_eq!(chunk_end(body, 0, 100), body.len());
        let end = chunk_end(body, 0, 12);
        assert_eq!(&body[..end], "Tỉnh ủy ".as_bytes());
        // No white space before the wanted end: the next one after it.
        assert_eq!(&body[..chunk_end(body, 0, 2)], "Tỉnh ".as_bytes());
        assert_eq!(chunk_end(b"abcdef", 0, 2), 6);
    }

    #[test]
    fn a_match_longer_than_the_budget_still_counts() {
        assert_eq!(window(&[(0, 50, 1.0, 0)], 10), Some((0, 0)));
        let t = [(0, 50, 1.0, 0), (60, 62, 1.0, 1), (70, 72, 1.0, 1)];
        assert_eq!(window(&t, 10), Some((1, 1)));
    }
}
