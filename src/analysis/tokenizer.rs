//! The tantivy tokenizer: splits text into syllables and codes, with byte
//! offsets into the original text, and emits either the exact or the folded
//! form of each token. Both forms see the same tokens in the same positions,
//! so phrase queries and highlights agree across the two fields.

use super::letters::is_alphanumeric;
use super::word::{exact_form, folded_form, is_ignorable};
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

/// Vietnamese tokenizer for tantivy; see the module docs.
#[derive(Clone)]
pub struct VietnameseTokenizer {
    form: Form,
    token: Token,
    exact: String,
}

impl VietnameseTokenizer {
    pub fn new(form: Form) -> Self {
        VietnameseTokenizer {
            form,
            token: Token::default(),
            exact: String::new(),
        }
    }
}

pub struct VietnameseTokenStream<'a> {
    text: &'a str,
    cursor: usize,
    form: Form,
    token: &'a mut Token,
    exact: &'a mut String,
}

impl Tokenizer for VietnameseTokenizer {
    type TokenStream<'a> = VietnameseTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VietnameseTokenStream<'a> {
        self.token.reset();
        VietnameseTokenStream {
            text,
            cursor: 0,
            form: self.form,
            token: &mut self.token,
            exact: &mut self.exact,
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

impl VietnameseTokenStream<'_> {
    /// Finds the next token's byte span at or after the cursor.
    fn next_span(&mut self) -> Option<(usize, usize)> {
        let text = self.text;
        let bytes = text.as_bytes();
        let start = text[self.cursor..]
            .char_indices()
            .find(|&(_, c)| starts_token(c))
            .map(|(i, _)| self.cursor + i)?;
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
        self.cursor = end;
        Some((start, visible_end))
    }
}

impl TokenStream for VietnameseTokenStream<'_> {
    fn advance(&mut self) -> bool {
        let mut previous_end = self.cursor;
        while let Some((from, to)) = self.next_span() {
            let separator = &self.text[previous_end..from];
            previous_end = self.cursor;
            let raw = &self.text[from..to];
            exact_form(raw, self.exact);
            // Judged on the exact form, so NFC and NFD input, and both
            // streams, agree on which tokens are too long.
            if self.exact.len() > MAX_TOKEN_BYTES {
                continue;
            }
            match self.form {
                Form::Exact => std::mem::swap(&mut self.token.text, self.exact),
                Form::Folded => {
                    folded_form(self.exact, &mut self.token.text);
                    // A token of marks only (e.g. a stray Indic vowel sign)
                    // would fold to nothing; keep it so both streams line up.
                    if self.token.text.is_empty() {
                        self.token.text.push_str(self.exact);
                    }
                }
            }
            self.token.offset_from = from;
            self.token.offset_to = to;
            let first = self.token.position == usize::MAX;
            let gap = !first && separates_clauses(separator);
            self.token.position = self.token.position.wrapping_add(1 + gap as usize);
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}
