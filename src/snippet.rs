//! Snippets: the best passage of an article, with what the query matched
//! marked where it stands in the original text (whatever its accents, tone
//! placement or normalisation form). Marking follows the matching rules: a
//! word of several syllables is marked only where its syllables stand side
//! by side, a syllable typed with accents only where it has them
//! (`"bí thư"` never marks "bị thu").

use crate::analysis;
use crate::model::Snippet;
use crate::query::{Form, ParsedQuery, TextField};
use crate::stored::utf8;
use rustc_hash::FxHashMap;
use std::ops::Range;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// How many tokens of context a passage shows before its first match.
const CONTEXT_TOKENS: usize = 4;

/// Finds passages for one query.
pub struct Highlighter {
    /// Terms of the query (folded, or exact for syllables matched with
    /// accents; the two never collide) → id.
    terms: FxHashMap<String, u32>,
    /// Whether any term is exact (else tokens' exact forms are not needed).
    any_exact: bool,
    /// Each form of each unit wanted, as term ids at positions.
    sequences: Vec<Sequence>,
    /// How many units (different words) the query wants.
    units: usize,
    /// First letters of the terms, folded: a token starting otherwise
    /// cannot match and is not normalised (most tokens are not the query's).
    initials: Vec<char>,
}

/// One form of a unit to find.
struct Sequence {
    /// (position counted from the first, term id).
    terms: Vec<(usize, u32)>,
    slop: usize,
    unit: usize,
    /// Rarer units weigh more (as in tantivy's snippet generator):
    /// 1 / (1 + document frequency of the form's rarest term).
    weight: f32,
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
    /// The units `parsed` wants, as they are searched in `field` (the body).
    pub fn new(searcher: &Searcher, parsed: &ParsedQuery, field: Field) -> tantivy::Result<Highlighter> {
        let mut highlighter = Highlighter {
            terms: FxHashMap::default(),
            any_exact: false,
            sequences: Vec::new(),
            units: 0,
            initials: Vec::new(),
        };
        let units: Vec<_> = parsed
            .expr
            .positive_units()
            .into_iter()
            .filter(|u| u.field == TextField::Body)
            .collect();
        for (unit, u) in units.iter().enumerate() {
            for form in &u.forms {
                highlighter.add(searcher, field, form, unit)?;
            }
        }
        highlighter.units = units.len();
        let mut initials: Vec<char> = highlighter
            .terms
            .keys()
            .filter_map(|t| t.chars().next().and_then(analysis::fold_letter))
            .collect();
        initials.sort_unstable();
        initials.dedup();
        highlighter.initials = initials;
        Ok(highlighter)
    }

    fn add(&mut self, searcher: &Searcher, field: Field, form: &Form, unit: usize) -> tantivy::Result<()> {
        let mut rarest = u64::MAX;
        let mut terms = Vec::with_capacity(form.syllables.len());
        for (at, syllable) in &form.syllables {
            let text = syllable.term();
            self.any_exact |= syllable.exact.is_some();
            let next = self.terms.len() as u32;
            let id = *self.terms.entry(text.to_string()).or_insert(next);
            rarest = rarest.min(searcher.doc_freq(&Term::from_field_text(field, text))?);
            terms.push((*at, id));
        }
        if !terms.is_empty() {
            self.sequences.push(Sequence {
                terms,
                slop: form.slop as usize,
                unit,
                weight: 1.0 / (1.0 + rarest as f32),
            });
        }
        Ok(())
    }

    /// How many different words the query looks for.
    pub fn words(&self) -> usize {
        self.units
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
        self.scan(text, &mut scanned);
        self.passage(&scanned, text, true, max_bytes)
    }

    /// Every stretch of `text` a unit of the query matched, in text order:
    /// a word of several syllables from its first syllable to its last
    /// (overlapping matches joined).
    pub fn occurrences(&self, text: &str) -> Vec<Range<usize>> {
        let mut scanned = Scanned::default();
        self.scan(text, &mut scanned);
        let mut found: Vec<Range<usize>> = self.matches(&scanned.tokens).into_iter().map(|m| m.at).collect();
        found.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        let mut joined: Vec<Range<usize>> = Vec::with_capacity(found.len());
        for range in found {
            match joined.last_mut() {
                Some(last) if range.start < last.end => last.end = last.end.max(range.end),
                _ => joined.push(range),
            }
        }
        joined
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
            self.scan(text, &mut scanned);
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

    /// Adds the tokens of `text` past those scanned before, with their
    /// positions and the query terms each one is.
    fn scan(&self, text: &str, scanned: &mut Scanned) {
        let (mut exact, mut folded) = (String::new(), String::new());
        while let Some((span, position)) = scanned.spans.next(text) {
            let raw = &text[span.clone()];
            let mut ids = [NO_TERM; 2];
            if self.may_match(raw) && analysis::token_forms(raw, &mut exact, &mut folded) {
                ids[0] = self.terms.get(folded.as_str()).copied().unwrap_or(NO_TERM);
                if self.any_exact && exact != folded {
                    ids[1] = self.terms.get(exact.as_str()).copied().unwrap_or(NO_TERM);
                }
            }
            scanned.tokens.push(Token { span, position, ids });
        }
    }

    /// Every occurrence of a unit's form among the tokens, by first token.
    fn matches(&self, tokens: &[Token]) -> Vec<Match> {
        let mut out = Vec::new();
        for (i, token) in tokens.iter().enumerate() {
            if token.ids == [NO_TERM; 2] {
                continue;
            }
            for sequence in &self.sequences {
                if let Some(found) = sequence.found_at(tokens, i) {
                    let last = *found.last().expect("a term");
                    out.push(Match {
                        at: tokens[i].span.start..tokens[last].span.end,
                        first: i,
                        last,
                        tokens: found,
                        weight: sequence.weight,
                        word: sequence.unit,
                    });
                }
            }
        }
        out
    }

    /// The best passage among the tokens scanned from `text` (`whole`: all
    /// of the article).
    fn passage(&self, scanned: &Scanned, text: &str, whole: bool, max_bytes: usize) -> Option<Passage> {
        let tokens = &scanned.tokens;
        let matches = self.matches(tokens);
        let (first, last) = best_window(&matches, self.units, max_bytes)?;
        let start = first.saturating_sub(CONTEXT_TOKENS).max(
            // Context only as far as the budget allows.
            (0..first)
                .find(|&i| tokens[last].span.end - tokens[i].span.start <= max_bytes)
                .unwrap_or(first),
        );
        let mut end = last;
        while end + 1 < tokens.len() && tokens[end + 1].span.end - tokens[start].span.start <= max_bytes {
            end += 1;
        }
        // From the text's very start or to its very end when the passage
        // holds its first or last word: a leading "-1" or a closing
        // full stop is part of what the reader expects to see.
        let from = if start == 0 && tokens[end].span.end <= max_bytes {
            0
        } else {
            tokens[start].span.start
        };
        let to = if whole && end + 1 == tokens.len() && text.len() - from <= max_bytes {
            text.len()
        } else {
            tokens[end].span.end
        };
        let inside: Vec<&Match> = matches.iter().filter(|m| m.first >= start && m.last <= end).collect();
        let mut marked: Vec<usize> = inside.iter().flat_map(|m| m.tokens.iter().copied()).collect();
        marked.sort_unstable();
        marked.dedup();
        let mut words: Vec<usize> = inside.iter().map(|m| m.word).collect();
        words.sort_unstable();
        words.dedup();
        Some(Passage {
            range: from..to,
            highlights: marked.into_iter().map(|i| tokens[i].span.clone()).collect(),
            words: words.len(),
        })
    }
}

impl Sequence {
    /// The tokens of this form when it starts at token `first`: its terms
    /// at their positions, `slop` positions of leeway in all.
    fn found_at(&self, tokens: &[Token], first: usize) -> Option<Vec<usize>> {
        let (_, head) = self.terms[0];
        if !tokens[first].ids.contains(&head) {
            return None;
        }
        let origin = tokens[first].position;
        let mut found = vec![first];
        let mut slack = self.slop;
        let mut at = first;
        for &(offset, term) in &self.terms[1..] {
            let expected = origin + offset + (self.slop - slack);
            let next = (at + 1..tokens.len())
                .take_while(|&j| tokens[j].position <= expected + slack)
                .find(|&j| tokens[j].position >= expected && tokens[j].ids.contains(&term))?;
            slack -= tokens[next].position - expected;
            found.push(next);
            at = next;
        }
        Some(found)
    }
}

/// No query term.
const NO_TERM: u32 = u32::MAX;

/// A token read: where it is, its position, and the query terms it is
/// (its folded and its exact form).
struct Token {
    span: Range<usize>,
    position: usize,
    ids: [u32; 2],
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

/// Tokens read so far, and where reading goes on.
#[derive(Default)]
struct Scanned {
    tokens: Vec<Token>,
    spans: analysis::PositionedSpans,
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

/// One occurrence of a unit of the query in a text.
struct Match {
    /// From its first token's start to its last token's end.
    at: Range<usize>,
    /// Its first and last token (indices among the text's tokens).
    first: usize,
    last: usize,
    /// Every token it is made of.
    tokens: Vec<usize>,
    weight: f32,
    /// Which unit (0..words).
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
            best = Some(((distinct, weight, span), first.first, matches[last].last));
        }
        count[first.word] -= 1;
        if count[first.word] == 0 {
            distinct -= 1;
            weight -= first.weight;
        }
    }
    best.map(|(_, first, last)| (first, last))
}

/// Length of a snippet, in characters (when it is the article's opening).
const SNIPPET_CHARS: usize = 180;
/// Length of a snippet around matches, in bytes of UTF-8 (Vietnamese runs
/// about 1.3 bytes a character).
const SNIPPET_BYTES: usize = 240;

/// The best passage of `body` (the stored UTF-8 text) on one line, with "…"
/// where it was cut; the opening when no word of the query is in the body (a
/// title-only match). With `scan` (exports), the first passage with enough
/// query words is taken instead, reading the article in chunks from
/// `scan` bytes on: most matches of a hit list stand near the top, and
/// validating and analysing whole articles would be most of an export's cost.
pub(crate) fn make_snippet(highlighter: &Highlighter, body: &[u8], scan: Option<usize>) -> Snippet {
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

    /// (start, end, weight, word) of each match.
    fn window(found: &[(usize, usize, f32, usize)], max: usize) -> Option<(usize, usize)> {
        let matches: Vec<Match> = found
            .iter()
            .enumerate()
            .map(|(token, &(a, b, weight, word))| Match {
                at: a..b,
                first: token,
                last: token,
                tokens: vec![token],
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
