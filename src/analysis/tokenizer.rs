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
use std::cell::RefCell;
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
}

/// One token of an analysed text; its exact form is `forms[previous form_end..form_end]`.
#[derive(Clone, Copy)]
struct Span {
    from: usize,
    to: usize,
    position: usize,
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
    /// The last text analysed on this thread (see the module docs).
    static LAST: RefCell<Analysis> = RefCell::new(Analysis::default());
}

/// Vietnamese tokenizer for tantivy; see the module docs.
#[derive(Clone)]
pub struct VietnameseTokenizer {
    form: Form,
    token: Token,
    analysis: Analysis,
}

impl VietnameseTokenizer {
    pub fn new(form: Form) -> Self {
        VietnameseTokenizer {
            form,
            token: Token::default(),
            analysis: Analysis::default(),
        }
    }
}

pub struct VietnameseTokenStream<'a> {
    analysis: &'a Analysis,
    next: usize,
    form_start: usize,
    form: Form,
    token: &'a mut Token,
}

impl Tokenizer for VietnameseTokenizer {
    type TokenStream<'a> = VietnameseTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VietnameseTokenStream<'a> {
        self.token.reset();
        LAST.with_borrow_mut(|last| {
            if last.text != text {
                last.analyse(text);
            }
            self.analysis.clone_from(last);
        });
        VietnameseTokenStream {
            analysis: &self.analysis,
            next: 0,
            form_start: 0,
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
            self.forms.push_str(&exact);
            self.spans.push(Span {
                from,
                to,
                position: next,
                form_end: self.forms.len(),
            });
        }
    }
}

impl TokenStream for VietnameseTokenStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(span) = self.analysis.spans.get(self.next) else {
            return false;
        };
        self.next += 1;
        let exact = &self.analysis.forms[self.form_start..span.form_end];
        self.form_start = span.form_end;
        let text = &mut self.token.text;
        match self.form {
            Form::Exact => {
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
