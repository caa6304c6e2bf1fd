//! The tantivy tokenizer: splits text into syllables and codes, with byte
//! offsets into the original text, and emits either the exact or the folded
//! form of each token. Both forms see the same tokens in the same positions,
//! so phrase queries and highlights agree across the two fields.
//!
//! Every text is indexed twice (folded and exact field), so the work of
//! splitting and normalising it is done once per thread: the analysis of the
//! last text is kept, and the second stream over the same text replays it.

use super::letters::is_alphanumeric;
use super::word::{exact_form, folded_form, is_ignorable};
use rustc_hash::FxBuildHasher;
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_normalization::char::is_combining_mark;

/// Longer tokens are glued junk (URLs, base64 images): not worth indexing, and
/// tantivy rejects terms past 65 KB.
pub const MAX_TOKEN_BYTES: usize = 200;

/// Which of the two token streams to produce.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// Normalised and lower-case, accents kept.
    Exact,
    /// Every tone and vowel mark removed, đ → d.
    Folded,
    /// The exact forms, each only at its first occurrence in a text: for
    /// fields that record only which documents hold a word, where repeats
    /// would cost a term lookup each and change nothing.
    ExactDistinct,
}

/// One token of an analysed text; its exact form is `forms[form_start..form_end]`.
#[derive(Clone, Copy)]
struct Span {
    from: usize,
    to: usize,
    position: usize,
    form_start: usize,
    form_end: usize,
}

/// A text split into tokens, with the exact form of each.
#[derive(Clone, Default)]
struct Analysis {
    text: String,
    spans: Vec<Span>,
    forms: String,
}

thread_local! {
    /// The last text analysed on this thread (see the module docs). Shared
    /// with the streams reading it, not copied: a body's spans run to tens of KB.
    static LAST: RefCell<Rc<Analysis>> = RefCell::new(Rc::new(Analysis::default()));
}

/// Vietnamese tokenizer for tantivy; see the module docs.
#[derive(Clone)]
pub struct VietnameseTokenizer {
    form: Form,
    token: Token,
    /// For `Form::ExactDistinct`: indexes of the spans to emit.
    distinct: Vec<usize>,
}

impl VietnameseTokenizer {
    pub fn new(form: Form) -> Self {
        VietnameseTokenizer {
            form,
            token: Token::default(),
            distinct: Vec::new(),
        }
    }
}

pub struct VietnameseTokenStream<'a> {
    analysis: Rc<Analysis>,
    /// Spans to emit, in order; `None` for all of them.
    only: Option<&'a [usize]>,
    next: usize,
    form: Form,
    token: &'a mut Token,
}

impl Tokenizer for VietnameseTokenizer {
    type TokenStream<'a> = VietnameseTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VietnameseTokenStream<'a> {
        self.token.reset();
        let analysis = LAST.with_borrow_mut(|last| {
            if last.text != text {
                // Copies only if a stream over the old text is still alive.
                Rc::make_mut(last).analyse(text);
            }
            Rc::clone(last)
        });
        let only = match self.form {
            Form::ExactDistinct => {
                analysis.first_occurrences(&mut self.distinct);
                Some(self.distinct.as_slice())
            }
            Form::Exact | Form::Folded => None,
        };
        VietnameseTokenStream {
            analysis,
            only,
            next: 0,
            form: self.form,
            token: &mut self.token,
        }
    }
}

/// A character that can start a token.
#[inline]
fn starts_token(c: char) -> bool {
    is_alphanumeric(c)
}

/// A character that continues a token: letters, digits, the combining marks of
/// decomposed (NFD) text, and invisible characters that must not split a word.
#[inline]
fn continues_token(c: char) -> bool {
    starts_token(c) || (!c.is_ascii() && (is_combining_mark(c) || is_ignorable(c)))
}

/// "8,5" and "3.200": a separator between two digits keeps a number whole.
#[inline]
fn joins_number(bytes: &[u8], at: usize) -> bool {
    at > 0
        && matches!(bytes[at], b'.' | b',')
        && bytes[at - 1].is_ascii_digit()
        && bytes.get(at + 1).is_some_and(u8::is_ascii_digit)
}

/// Punctuation between two tokens that ends a clause ("xã hội, đồng bào";
/// a full stop; a line break). Such a break costs one extra position, so a
/// phrase cannot run across it: with syllables as tokens, "hội đồng" would
/// otherwise match "xã hội, đồng bào" all the time. Dashes are not breaks:
/// they join compounds ("kinh tế - xã hội") and codes ("19-CT/TW"), and
/// neither are joiners inside names ("TP.HCM").
fn separates_clauses(separator: &str) -> bool {
    if separator == " " {
        return false;
    }
    let mut chars = separator.chars().peekable();
    while let Some(c) = chars.next() {
        let next_is_space = chars.peek().is_some_and(|n| n.is_whitespace());
        match c {
            '\n' | '…' | '(' | ')' | '[' | ']' | '"' | '“' | '”' | '«' | '»' => return true,
            '.' | ',' | ';' | ':' | '!' | '?' if next_is_space => return true,
            _ => {}
        }
    }
    false
}

/// Finds the byte span of the next token at or after `cursor`: where it starts,
/// where its visible text ends, and where scanning goes on.
fn next_span(text: &str, cursor: usize) -> Option<(usize, usize, usize)> {
    let bytes = text.as_bytes();
    let start = text[cursor..]
        .char_indices()
        .find(|&(_, c)| starts_token(c))
        .map(|(i, _)| cursor + i)?;
    let mut end = start;
    let mut visible_end = start;
    for (i, c) in text[start..].char_indices() {
        let at = start + i;
        if continues_token(c) || joins_number(bytes, at) {
            end = at + c.len_utf8();
            if !is_ignorable(c) {
                visible_end = end;
            }
        } else {
            break;
        }
    }
    Some((start, visible_end, end))
}

impl Analysis {
    /// Splits `text` into tokens, replacing what was analysed before.
    fn analyse(&mut self, text: &str) {
        self.text.clear();
        self.text.push_str(text);
        self.spans.clear();
        self.forms.clear();
        let mut exact = String::new();
        let mut cursor = 0;
        let mut position: Option<usize> = None;
        while let Some((from, to, end)) = next_span(text, cursor) {
            let separator = &text[cursor..from];
            cursor = end;
            exact_form(&text[from..to], &mut exact);
            // Judged on the exact form, so NFC and NFD input, and both
            // streams, agree on which tokens are too long.
            if exact.len() > MAX_TOKEN_BYTES {
                continue;
            }
            let next = match position {
                None => 0,
                Some(p) => p + 1 + separates_clauses(separator) as usize,
            };
            position = Some(next);
            let form_start = self.forms.len();
            self.forms.push_str(&exact);
            self.spans.push(Span {
                from,
                to,
                position: next,
                form_start,
                form_end: self.forms.len(),
            });
        }
    }

    fn exact(&self, span: &Span) -> &str {
        &self.forms[span.form_start..span.form_end]
    }

    /// Indexes of the spans whose exact form has not occurred before.
    fn first_occurrences(&self, out: &mut Vec<usize>) {
        out.clear();
        let mut seen: HashSet<&str, FxBuildHasher> =
            HashSet::with_capacity_and_hasher(self.spans.len() / 2, FxBuildHasher);
        out.extend((0..self.spans.len()).filter(|&i| seen.insert(self.exact(&self.spans[i]))));
    }
}

impl TokenStream for VietnameseTokenStream<'_> {
    fn advance(&mut self) -> bool {
        let index = match self.only {
            Some(only) => only.get(self.next).copied(),
            None => Some(self.next),
        };
        let Some(span) = index.and_then(|i| self.analysis.spans.get(i)) else {
            return false;
        };
        self.next += 1;
        let exact = self.analysis.exact(span);
        let text = &mut self.token.text;
        match self.form {
            Form::Exact | Form::ExactDistinct => {
                text.clear();
                text.push_str(exact);
            }
            Form::Folded => {
                folded_form(exact, text);
                // A token of marks only (e.g. a stray Indic vowel sign)
                // would fold to nothing; keep it so both streams line up.
                if text.is_empty() {
                    text.push_str(exact);
                }
            }
        }
        self.token.offset_from = span.from;
        self.token.offset_to = span.to;
        self.token.position = span.position;
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}
