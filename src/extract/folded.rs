//! A folded copy of a text for matching, with a way back to the original.
//!
//! Every matcher in extraction (place names, titles, dates) works on one
//! accent-free copy of the text, so "Thanh Hoá", "Thanh Hóa" and NFD input all
//! look alike and an Aho-Corasick automaton over ASCII-ish bytes stays small
//! and fast. Unlike `analysis::fold`, case is kept ("Đỗ" → "Do"): capitals are
//! how names are told from ordinary words. Spans found in the folded copy map
//! back to the original text, where names are read with their accents.

use std::sync::OnceLock;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Folded text plus, for each of its bytes, the offset of the original
/// character it came from.
pub struct Folded<'a> {
    pub orig: &'a str,
    pub text: String,
    /// The original is plain ASCII: typed without accents.
    pub ascii: bool,
    /// `map[i]` = byte offset in `orig` of the character that produced byte
    /// `i` of `text`; one extra entry maps `text.len()` to `orig.len()`.
    map: Vec<u32>,
}

/// What one non-ASCII character becomes in the folded copy.
#[derive(Clone, Copy)]
enum Fold {
    /// Kept as it is (CJK, symbols, letters of other scripts).
    Keep,
    /// Dropped: combining marks of NFD text, soft hyphens, joiners.
    Drop,
    /// Replaced by one ASCII byte ('ộ' → 'o', NBSP → ' ', '–' → '-').
    Ascii(u8),
}

/// Precomposed Latin letters Vietnamese uses all lie in this range.
const TABLE_START: u32 = 0xA0;
const TABLE_END: u32 = 0x1EFF;

fn table() -> &'static [Fold] {
    static TABLE: OnceLock<Vec<Fold>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (TABLE_START..=TABLE_END)
            .map(|code| char::from_u32(code).map_or(Fold::Keep, derive))
            .collect()
    })
}

fn derive(c: char) -> Fold {
    match c {
        '\u{A0}' => return Fold::Ascii(b' '),
        '\u{AD}' => return Fold::Drop,
        'đ' => return Fold::Ascii(b'd'),
        'Đ' => return Fold::Ascii(b'D'),
        _ => {}
    }
    if is_combining_mark(c) {
        return Fold::Drop;
    }
    let mut base = None;
    decompose_canonical(c, |p| {
        base.get_or_insert(p);
    });
    match base {
        Some(b) if b != c && b.is_ascii_alphabetic() => Fold::Ascii(b as u8),
        _ => Fold::Keep,
    }
}

/// Where the bytes of the folded text come from.
trait Offsets {
    /// `n` bytes copied from `at`, `at + 1`, ….
    fn run(&mut self, at: usize, n: usize);
    /// `n` bytes that all stand for the character at `at`.
    fn same(&mut self, at: usize, n: usize);
}

impl Offsets for Vec<u32> {
    #[inline]
    fn run(&mut self, at: usize, n: usize) {
        self.extend(at as u32..(at + n) as u32);
    }
    #[inline]
    fn same(&mut self, at: usize, n: usize) {
        self.extend(std::iter::repeat_n(at as u32, n));
    }
}

/// No map wanted.
impl Offsets for () {
    #[inline]
    fn run(&mut self, _: usize, _: usize) {}
    #[inline]
    fn same(&mut self, _: usize, _: usize) {}
}

/// Folds `orig` (see [`Folded::new`]), recording where each output byte
/// came from. Returns the folded text and whether `orig` was plain ASCII.
#[inline]
fn fold_with(orig: &str, offsets: &mut impl Offsets) -> (String, bool) {
    let mut out: Vec<u8> = Vec::with_capacity(orig.len());
    let table = table();
    let mut last_space = false;
    let mut ascii = true;
    let bytes = orig.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if matches!(b, b' ' | b'\t') {
                if !last_space {
                    out.push(b' ');
                    offsets.same(i, 1);
                    last_space = true;
                }
                i += 1;
            } else if b == b'\r' {
                i += 1;
            } else {
                // A run of ASCII that is copied as it is.
                let mut j = i + 1;
                while j < bytes.len() && bytes[j] < 0x80 && !matches!(bytes[j], b' ' | b'\t' | b'\r') {
                    j += 1;
                }
                out.extend_from_slice(&bytes[i..j]);
                offsets.run(i, j - i);
                last_space = false;
                i = j;
            }
            continue;
        }
        ascii = false;
        // `orig` is valid UTF-8: decode the 2- and 3-byte forms of
        // Vietnamese letters directly, anything longer the slow way.
        let (c, len) = match b {
            0xC0..=0xDF if i + 1 < bytes.len() => {
                let c = (u32::from(b & 0x1F) << 6) | u32::from(bytes[i + 1] & 0x3F);
                (char::from_u32(c).unwrap_or('\u{FFFD}'), 2)
            }
            0xE0..=0xEF if i + 2 < bytes.len() => {
                let c = (u32::from(b & 0x0F) << 12)
                    | (u32::from(bytes[i + 1] & 0x3F) << 6)
                    | u32::from(bytes[i + 2] & 0x3F);
                (char::from_u32(c).unwrap_or('\u{FFFD}'), 3)
            }
            _ => {
                let c = orig[i..].chars().next().unwrap_or('\u{FFFD}');
                (c, c.len_utf8())
            }
        };
        match fold_char(table, c) {
            Fold::Drop => {}
            Fold::Ascii(b' ') => {
                if !last_space {
                    out.push(b' ');
                    offsets.same(i, 1);
                    last_space = true;
                }
            }
            Fold::Ascii(a) => {
                out.push(a);
                offsets.same(i, 1);
                last_space = false;
            }
            Fold::Keep => {
                out.extend_from_slice(&bytes[i..i + len]);
                offsets.same(i, len);
                last_space = false;
            }
        }
        i += len;
    }
    // Only ASCII bytes and whole characters of `orig` were copied.
    let text = String::from_utf8(out).unwrap_or_default();
    (text, ascii)
}

/// The folded text alone, lower-case (for matching short lines).
pub fn fold_lower(orig: &str) -> String {
    let (mut text, _) = fold_with(orig, &mut ());
    text.make_ascii_lowercase();
    text
}

#[inline]
fn fold_char(table: &[Fold], c: char) -> Fold {
    let code = c as u32;
    if (TABLE_START..=TABLE_END).contains(&code) {
        return table[(code - TABLE_START) as usize];
    }
    match c {
        // Zero-width space separates words; the others carry nothing.
        '\u{200B}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => Fold::Ascii(b' '),
        '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => Fold::Drop,
        // Dashes and quotes in one spelling each, so patterns need one form.
        '\u{2010}'..='\u{2015}' | '\u{2212}' => Fold::Ascii(b'-'),
        '\u{2018}' | '\u{2019}' => Fold::Ascii(b'\''),
        '\u{201C}' | '\u{201D}' => Fold::Ascii(b'"'),
        '\u{2028}' | '\u{2029}' => Fold::Ascii(b'\n'),
        _ if is_combining_mark(c) => Fold::Drop,
        _ => Fold::Keep,
    }
}

impl<'a> Folded<'a> {
    /// Folds `orig`: Vietnamese letters to ASCII with their case, runs of
    /// spaces and tabs to one space, `\r` dropped.
    pub fn new(orig: &'a str) -> Folded<'a> {
        let mut map: Vec<u32> = Vec::with_capacity(orig.len() + 1);
        let (text, ascii) = fold_with(orig, &mut map);
        map.push(orig.len() as u32);
        Folded { orig, text, ascii, map }
    }

    /// Original byte offset of folded offset `i` (`i` ≤ text length).
    #[inline]
    pub fn orig_at(&self, i: usize) -> usize {
        self.map[i.min(self.text.len())] as usize
    }

    /// The original text behind the folded span `from..to`.
    pub fn orig_span(&self, from: usize, to: usize) -> &'a str {
        let (a, b) = (self.orig_at(from), self.orig_at(to));
        self.orig.get(a..b.max(a)).unwrap_or("")
    }
}

/// A word of the folded text: letters and digits (other scripts included).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
}

impl Word {
    pub fn text<'t>(&self, folded: &'t str) -> &'t str {
        &folded[self.start..self.end]
    }
}

/// Is the character starting at byte `i` a letter or digit?
#[inline]
pub fn is_word_char_at(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        None => false,
        Some(&b) if b < 0x80 => b.is_ascii_alphanumeric(),
        Some(_) => text
            .get(i..)
            .and_then(|s| s.chars().next())
            .is_some_and(char::is_alphanumeric),
    }
}

/// Is the character ending just before byte `i` a letter or digit?
#[inline]
pub fn is_word_char_before(text: &str, i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let b = text.as_bytes()[i - 1];
    if b < 0x80 {
        return b.is_ascii_alphanumeric();
    }
    text.get(..i)
        .and_then(|s| s.chars().next_back())
        .is_some_and(char::is_alphanumeric)
}

/// The first word starting at or after `from`.
pub fn word_at_or_after(text: &str, from: usize) -> Option<Word> {
    let mut i = from;
    // Step to a character boundary first.
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    while i < text.len() && !is_word_char_at(text, i) {
        i += next_char_len(text, i);
    }
    if i >= text.len() {
        return None;
    }
    let start = i;
    while i < text.len() && is_word_char_at(text, i) {
        i += next_char_len(text, i);
    }
    Some(Word { start, end: i })
}

/// The last word ending at or before `to`.
pub fn word_before(text: &str, to: usize) -> Option<Word> {
    let mut i = to.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    while i > 0 && !is_word_char_before(text, i) {
        i -= prev_char_len(text, i);
    }
    if i == 0 {
        return None;
    }
    let end = i;
    while i > 0 && is_word_char_before(text, i) {
        i -= prev_char_len(text, i);
    }
    Some(Word { start: i, end })
}

#[inline]
fn next_char_len(text: &str, i: usize) -> usize {
    match text.as_bytes()[i] {
        b if b < 0x80 => 1,
        _ => text[i..].chars().next().map_or(1, char::len_utf8),
    }
}

#[inline]
fn prev_char_len(text: &str, i: usize) -> usize {
    match text.as_bytes()[i - 1] {
        b if b < 0x80 => 1,
        _ => text[..i].chars().next_back().map_or(1, char::len_utf8),
    }
}

/// "Capitalised" in the folded copy: first letter upper-case, the rest not
/// ("Nguyen", "Ubnd" no: see [`is_acronym`]).
#[inline]
pub fn is_capitalised(word: &str) -> bool {
    let b = word.as_bytes();
    !b.is_empty() && b[0].is_ascii_uppercase() && b[1..].iter().all(|c| c.is_ascii_lowercase() || *c >= 0x80)
}

/// All capitals, at least two letters: "UBND", "HDND", "TP".
#[inline]
pub fn is_acronym(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() >= 2 && b.iter().all(|c| c.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn folds_accents_keeps_case_and_maps_back() {
        let f = Folded::new("Đỗ Trọng  Hưng, Thanh Hoá");
        assert_eq!(f.text, "Do Trong Hung, Thanh Hoa");
        let at = f.text.find("Hung").unwrap();
        assert_eq!(f.orig_span(at, at + 4), "Hưng");
    }

    #[test]
    fn nfd_and_invisible_characters_fold_like_nfc() {
        let nfd: String = "Thanh Hóa".nfd().collect();
        assert_eq!(Folded::new(&nfd).text, "Thanh Hoa");
        let f = Folded::new("Hà\u{200B}Nội\u{FEFF} – “x”\r\n");
        assert_eq!(f.text, "Ha Noi - \"x\"\n");
        let at = f.text.find("Noi").unwrap();
        assert_eq!(f.orig_span(at, at + 3), "Nội\u{FEFF}");
    }

    #[test]
    fn other_scripts_are_kept_whole() {
        let f = Folded::new("English | 中文");
        assert_eq!(f.text, "English | 中文");
        let at = f.text.find('中').unwrap();
        assert_eq!(f.orig_span(at, f.text.len()), "中文");
    }

    #[test]
    fn words_around_an_offset() {
        let t = "Bi thu, Tinh uy";
        assert_eq!(word_at_or_after(t, 6), Some(Word { start: 8, end: 12 }));
        assert_eq!(word_before(t, 8), Some(Word { start: 3, end: 6 }));
        assert_eq!(word_before(t, 0), None);
        assert_eq!(word_at_or_after(t, 15), None);
        assert!(is_capitalised("Nguyen") && !is_capitalised("UBND") && !is_capitalised("uy"));
        assert!(is_acronym("UBND") && !is_acronym("U"));
    }
}
