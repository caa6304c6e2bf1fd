//! A folded copy of a text for matching, with a way back to the original.
//!
//! Every matcher in extraction (place names, titles, dates) works on one
//! accent-free copy of the text, so "Thanh Hoá", "Thanh Hóa" and NFD input all
//! look alike and an Aho-Corasick automaton over ASCII-ish bytes stays small
//! and fast. Unlike `analysis::fold`, case is kept ("Đỗ" → "Do"): capitals are
//! how names are told from ordinary words. Spans found in the folded copy map
//! back to the original text, where names are read with their accents.

use crate::analysis::char_at;
use std::sync::OnceLock;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Folded text plus a sparse way back to the original: where the
/// character behind every `CHECKPOINT`-th folded byte starts, from which any
/// offset is found by folding a few bytes again. (A map entry per folded
/// byte cost 4 bytes per byte of text.)
pub struct Folded<'a> {
    pub orig: &'a str,
    pub text: String,
    /// The original is plain ASCII: typed without accents.
    pub ascii: bool,
    /// `checkpoints[k]`: the output that covers folded byte `k * CHECKPOINT`.
    checkpoints: Vec<Checkpoint>,
}

/// Folded bytes between two checkpoints.
const CHECKPOINT: usize = 16;

/// Where one piece of output starts, in the folded text and in the original.
#[derive(Clone, Copy, Debug)]
struct Checkpoint {
    folded: u32,
    orig: u32,
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

/// What folding makes of the original from one byte on.
#[derive(Clone, Copy)]
enum Step {
    /// Nothing (a combining mark, `\r`, a space after a space).
    Skip,
    /// One ASCII byte standing for the whole character.
    Byte(u8),
    /// The original bytes up to here, copied: an ASCII run or a character
    /// of another script.
    Copy(usize),
}

/// Folding of the original at byte `i` (a character boundary), given
/// whether the output so far ends in a space; and where the next character
/// starts. This is the rule; `fold_with` is the same rule unrolled for
/// speed, and a property test holds the two together.
#[inline]
fn step(orig: &str, table: &[Fold], i: usize, last_space: bool) -> (Step, usize) {
    let bytes = orig.as_bytes();
    let b = bytes[i];
    if b < 0x80 {
        return match b {
            b' ' | b'\t' if last_space => (Step::Skip, i + 1),
            b' ' | b'\t' => (Step::Byte(b' '), i + 1),
            b'\r' => (Step::Skip, i + 1),
            _ => (Step::Copy(i + 1), i + 1),
        };
    }
    let (c, len) = char_at(orig, i);
    let next = i + len;
    let step = match fold_char(table, c) {
        Fold::Drop => Step::Skip,
        Fold::Ascii(b' ') if last_space => Step::Skip,
        Fold::Ascii(a) => Step::Byte(a),
        Fold::Keep => Step::Copy(next),
    };
    (step, next)
}

/// Folds `orig` (see [`Folded::new`]); with `checkpoints`, records them.
/// Returns the folded text and whether `orig` was plain ASCII. Byte by
/// byte into a buffer: Vietnamese runs of ASCII are two or three letters
/// long, too short for copying them as slices to pay.
#[inline]
fn fold_with(orig: &str, mut checkpoints: Option<&mut Vec<Checkpoint>>) -> (String, bool) {
    let bytes = orig.as_bytes();
    let table = table();
    // Folding never lengthens the text: `n` bytes of `out` are written.
    let mut out = vec![0u8; bytes.len()];
    let mut n = 0;
    let mut last_space = false;
    let mut next_checkpoint = if checkpoints.is_some() { 0 } else { usize::MAX };
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let before = n;
        let b = bytes[i];
        if b > b' ' && b < 0x80 {
            // Letters, digits, punctuation: the common case first.
            out[n] = b;
            n += 1;
            i += 1;
            last_space = false;
        } else if b < 0x80 {
            i += 1;
            match b {
                b' ' | b'\t' if last_space => continue,
                b' ' | b'\t' => {
                    out[n] = b' ';
                    n += 1;
                    last_space = true;
                }
                b'\r' => continue,
                _ => {
                    out[n] = b;
                    n += 1;
                    last_space = false;
                }
            }
        } else {
            let (c, len) = char_at(orig, i);
            i += len;
            match fold_char(table, c) {
                Fold::Drop => continue,
                Fold::Ascii(b' ') if last_space => continue,
                Fold::Ascii(a) => {
                    out[n] = a;
                    n += 1;
                    last_space = a == b' ';
                }
                Fold::Keep => {
                    out[n..n + len].copy_from_slice(&bytes[start..i]);
                    n += len;
                    last_space = false;
                }
            }
        }
        if next_checkpoint < n {
            if let Some(list) = checkpoints.as_deref_mut() {
                while next_checkpoint < n {
                    list.push(Checkpoint {
                        folded: before as u32,
                        orig: start as u32,
                    });
                    next_checkpoint += CHECKPOINT;
                }
            }
        }
    }
    out.truncate(n);
    // Only ASCII bytes and whole characters of `orig` were copied: valid
    // (and mostly ASCII, which validates fast).
    let text = String::from_utf8(out).unwrap_or_default();
    (text, bytes.is_ascii())
}

/// The folded text alone, lower-case (for matching short lines).
pub fn fold_lower(orig: &str) -> String {
    let (mut text, _) = fold_with(orig, None);
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
        let mut checkpoints = Vec::with_capacity(orig.len() / CHECKPOINT + 1);
        let (text, ascii) = fold_with(orig, Some(&mut checkpoints));
        Folded {
            orig,
            text,
            ascii,
            checkpoints,
        }
    }

    /// Original byte offset of folded offset `i` (`i` ≤ text length): the
    /// start of the character that produced folded byte `i`, found by
    /// folding again from the checkpoint before it.
    pub fn orig_at(&self, i: usize) -> usize {
        if i >= self.text.len() {
            return self.orig.len();
        }
        let from = self.checkpoints[i / CHECKPOINT];
        let table = table();
        let (mut folded, mut at) = (from.folded as usize, from.orig as usize);
        // Every checkpoint is where output starts: never right after a
        // space that a following one would join.
        let mut last_space = false;
        loop {
            let (step, next) = step(self.orig, table, at, last_space);
            let produced = match step {
                Step::Skip => 0,
                Step::Byte(_) => 1,
                Step::Copy(end) => end - at,
            };
            if i < folded + produced {
                // Inside an ASCII run each byte is its own character.
                let run = matches!(step, Step::Copy(_)) && self.orig.as_bytes()[at] < 0x80;
                return if run { at + (i - folded) } else { at };
            }
            if produced > 0 {
                last_space = matches!(step, Step::Byte(b' '));
            }
            folded += produced;
            at = next;
        }
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

    proptest::proptest! {
        /// Folded byte `i` comes from the character at `orig_at(i)`: folding
        /// the text before it gives at most `i` bytes, with it more than `i`.
        /// (Folding is streaming, so a prefix folds as the start of the whole.)
        #[test]
        fn every_offset_maps_back_to_its_character(
            orig in "([ \t\r\nA-Za-z0-9.,]|[ăâđêôơưĐÀ-ỹ]|\u{300}|\u{301}|\u{A0}|\u{AD}|\u{200B}|\u{FEFF}|–|“|中|😀){0,120}"
        ) {
            let f = Folded::new(&orig);
            let folded_len = |s: &str| fold_with(s, None).0.len();
            let mut last = 0;
            for i in 0..f.text.len() {
                let at = f.orig_at(i);
                proptest::prop_assert!(orig.is_char_boundary(at) && at >= last, "{orig:?} at {i}");
                let c = orig[at..].chars().next().unwrap();
                proptest::prop_assert!(folded_len(&orig[..at]) <= i, "{orig:?} at {i}");
                proptest::prop_assert!(folded_len(&orig[..at + c.len_utf8()]) > i, "{orig:?} at {i}");
                last = at;
            }
            proptest::prop_assert_eq!(f.orig_at(f.text.len()), orig.len());
        }
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
