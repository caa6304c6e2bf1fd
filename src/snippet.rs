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
    terms: FxHashMap<String, f32>,
    /// First letters of the terms: a token starting otherwise cannot match,
    /// and is not normalised (most tokens of a text are not the query's).
    initials: Vec<char>,
}

/// A passage: its byte range in the text and the matched words in it.
#[derive(Debug, PartialEq)]
pub struct Passage {
    pub range: Range<usize>,
    pub highlights: Vec<Range<usize>>,
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
            terms.insert(text, weight);
        }
        let mut initials: Vec<char> = terms.keys().filter_map(|t| t.chars().next()).collect();
        initials.sort_unstable();
        initials.dedup();
        Ok(Highlighter { terms, initials })
    }

    /// The passage of at most `max_bytes` of `text` whose matched words weigh
    /// most (the earliest of equals), starting a few words before its first
    /// match; `None` when no word of the query is in `text`.
    pub fn best_passage(&self, text: &str, max_bytes: usize) -> Option<Passage> {
        let mut tokens: Vec<(Range<usize>, f32)> = Vec::new();
        let mut folded = String::new();
        for span in analysis::token_spans(text) {
            let raw = &text[span.clone()];
            let weight = if self.may_match(raw) && analysis::folded_token(raw, &mut folded) {
                self.terms.get(folded.as_str()).copied().unwrap_or(0.0)
            } else {
                0.0
            };
            tokens.push((span, weight));
        }
        let matches: Vec<usize> = (0..tokens.len()).filter(|&i| tokens[i].1 > 0.0).collect();
        let (first, last) = best_window(&tokens, &matches, max_bytes)?;
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
        let from = if start == 0 { 0 } else { tokens[start].0.start };
        let to = if end + 1 == tokens.len() && text.len() - from <= max_bytes {
            text.len()
        } else {
            tokens[end].0.end
        };
        Some(Passage {
            range: from..to,
            highlights: (start..=end)
                .filter(|&i| tokens[i].1 > 0.0)
                .map(|i| tokens[i].0.clone())
                .collect(),
        })
    }
}

impl Highlighter {
    /// Whether a token's first letter, folded, starts a term.
    fn may_match(&self, raw: &str) -> bool {
        let first = raw.chars().next().and_then(analysis::fold_letter);
        first.is_some_and(|c| self.initials.iter().any(|&i| c.to_lowercase().eq(std::iter::once(i))))
    }
}

/// The first and last token of the window of matches (token indexes in
/// `matches`, each window at most `max_bytes` from its first match's start
/// to its last match's end) with the highest total weight.
fn best_window(tokens: &[(Range<usize>, f32)], matches: &[usize], max_bytes: usize) -> Option<(usize, usize)> {
    let mut best: Option<(f32, usize, usize)> = None;
    let mut end = 0;
    let mut weight = 0.0;
    for (a, &first) in matches.iter().enumerate() {
        if end < a {
            end = a;
            weight = 0.0;
        }
        // Grow the window while its matches fit the budget.
        while end < matches.len() && tokens[matches[end]].0.end - tokens[first].0.start <= max_bytes.max(1) {
            weight += tokens[matches[end]].1;
            end += 1;
        }
        if end == a {
            // One match longer than the budget: a window of its own.
            end = a + 1;
            weight = tokens[first].1;
        }
        if best.is_none_or(|(w, _, _)| weight > w) {
            best = Some((weight, first, matches[end - 1]));
        }
        weight -= tokens[first].1;
    }
    best.map(|(_, first, last)| (first, last))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn window(weights: &[(usize, usize, f32)], max: usize) -> Option<(usize, usize)> {
        let tokens: Vec<(Range<usize>, f32)> = weights.iter().map(|&(a, b, w)| (a..b, w)).collect();
        let matches: Vec<usize> = (0..tokens.len()).filter(|&i| tokens[i].1 > 0.0).collect();
        best_window(&tokens, &matches, max)
    }

    #[test]
    fn heaviest_window_wins_and_the_earliest_of_equals() {
        // Matches at tokens 0, 2 (close together) and 4 (far): 0..2 weighs more.
        let t = [(0, 3, 1.0), (4, 6, 0.0), (7, 9, 1.0), (10, 12, 0.0), (100, 103, 1.5)];
        assert_eq!(window(&t, 20), Some((0, 2)));
        // A rarer word alone beats two common ones.
        let t = [(0, 3, 0.1), (4, 6, 0.1), (100, 103, 1.0)];
        assert_eq!(window(&t, 20), Some((2, 2)));
        let t = [(0, 3, 1.0), (100, 103, 1.0)];
        assert_eq!(window(&t, 20), Some((0, 0)));
        assert_eq!(window(&[(0, 3, 0.0)], 20), None);
    }

    #[test]
    fn a_match_longer_than_the_budget_still_counts() {
        let t = [(0, 50, 1.0), (60, 62, 0.0)];
        assert_eq!(window(&t, 10), Some((0, 0)));
    }
}
