//! Per-letter facts (tone, vowel quality, accent-free form), derived once from
//! Unicode's canonical decompositions rather than written out by hand.

use std::sync::OnceLock;
use unicode_normalization::char::{compose, decompose_canonical, is_combining_mark};
use unicode_normalization::UnicodeNormalization;

/// The five Vietnamese tone marks as combining characters, in the order
/// huyền, sắc, hỏi, ngã, nặng. A tone is stored as its index + 1 (0 = level tone).
const TONE_MARKS: [char; 5] = ['\u{300}', '\u{301}', '\u{309}', '\u{303}', '\u{323}'];

/// Level tone (thanh ngang): no mark.
pub const NO_TONE: u8 = 0;

/// The range that holds every precomposed Latin letter Vietnamese uses
/// (Latin-1 Supplement up to Latin Extended Additional).
const TABLE_START: u32 = 0xC0;
const TABLE_END: u32 = 0x1EFF;

#[derive(Clone, Copy)]
struct LetterInfo {
    /// Accent-free form ('ộ' → 'o', 'đ' → 'd'); '\0' for a lone combining mark.
    folded: char,
    /// The letter with its tone mark removed but its vowel quality kept ('ộ' → 'ô').
    toneless: char,
    /// 0 for none, else index into TONE_MARKS + 1.
    tone: u8,
    /// `char::is_alphanumeric`, cached: std's lookup is slow outside ASCII.
    alphanumeric: bool,
    /// The lower-case form when it is one character ('\0' otherwise).
    lower: char,
}

fn table() -> &'static [LetterInfo] {
    static TABLE: OnceLock<Vec<LetterInfo>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (TABLE_START..=TABLE_END)
            .map(|code| char::from_u32(code).map_or(LetterInfo::identity('\0'), with_case_and_class))
            .collect()
    })
}

impl LetterInfo {
    fn identity(c: char) -> LetterInfo {
        LetterInfo {
            folded: c,
            toneless: c,
            tone: NO_TONE,
            alphanumeric: false,
            lower: '\0',
        }
    }
}

fn with_case_and_class(c: char) -> LetterInfo {
    let mut lower = c.to_lowercase();
    let single_lower = match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => '\0',
    };
    LetterInfo {
        alphanumeric: c.is_alphanumeric(),
        lower: single_lower,
        ..derive_info(c)
    }
}

/// `char::is_alphanumeric`, from the table for the Latin range.
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    match info(c) {
        Some(i) => i.alphanumeric,
        None => c.is_alphanumeric(),
    }
}

/// Appends the lower-case form of `c`.
#[inline]
pub fn push_lowercase(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    match info(c) {
        Some(i) if i.lower != '\0' => out.push(i.lower),
        _ => out.extend(c.to_lowercase()),
    }
}

fn derive_info(c: char) -> LetterInfo {
    match c {
        // đ/Đ are letters of their own in Unicode (no decomposition), but every
        // Vietnamese reader folds them to d.
        'đ' => {
            return LetterInfo {
                folded: 'd',
                ..LetterInfo::identity(c)
            }
        }
        'Đ' => {
            return LetterInfo {
                folded: 'D',
                ..LetterInfo::identity(c)
            }
        }
        _ => {}
    }
    if is_combining_mark(c) {
        return LetterInfo {
            folded: '\0',
            ..LetterInfo::identity(c)
        };
    }
    let mut parts: Vec<char> = Vec::with_capacity(4);
    decompose_canonical(c, |p| parts.push(p));
    let base = parts[0];
    if parts.len() == 1 || !parts[1..].iter().all(|&m| is_combining_mark(m)) {
        return LetterInfo::identity(c);
    }
    let mut tone = NO_TONE;
    let mut toneless = base;
    for &mark in &parts[1..] {
        match TONE_MARKS.iter().position(|&t| t == mark) {
            Some(i) if tone == NO_TONE => tone = i as u8 + 1,
            _ => toneless = compose(toneless, mark).unwrap_or(toneless),
        }
    }
    LetterInfo {
        folded: base,
        toneless,
        tone,
        ..LetterInfo::identity(c)
    }
}

#[inline]
fn info(c: char) -> Option<LetterInfo> {
    let code = c as u32;
    if (TABLE_START..=TABLE_END).contains(&code) {
        Some(table()[(code - TABLE_START) as usize])
    } else {
        None
    }
}

/// The accent-free form of a letter: every tone and vowel mark removed, đ → d.
/// `None` for a combining mark, which folding drops.
#[inline]
pub fn fold_letter(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c);
    }
    match info(c) {
        Some(i) if i.folded == '\0' => None,
        Some(i) => Some(i.folded),
        None if is_combining_mark(c) => None,
        None => Some(c),
    }
}

/// Splits a letter into its toneless form and its tone (0 = none).
#[inline]
pub fn split_tone(c: char) -> (char, u8) {
    match info(c) {
        Some(i) => (i.toneless, i.tone),
        None => (c, NO_TONE),
    }
}

/// Puts `tone` on a toneless letter; returns the letter unchanged when the
/// combination does not exist.
pub fn with_tone(toneless: char, tone: u8) -> char {
    if tone == NO_TONE {
        return toneless;
    }
    // NFC, not a bare `compose`: with a dot below, canonical order puts the
    // tone before the vowel-quality mark ('ộ' = 'ọ' + circumflex).
    let mut composed = [toneless, TONE_MARKS[tone as usize - 1]].into_iter().nfc();
    match (composed.next(), composed.next()) {
        (Some(c), None) => c,
        _ => toneless,
    }
}

/// Is this (lower-case) letter a vowel, whatever its marks?
#[inline]
pub fn is_vowel(c: char) -> bool {
    matches!(fold_letter(c), Some('a' | 'e' | 'i' | 'o' | 'u' | 'y'))
}

/// True when the letter carries any mark folding would remove.
#[inline]
pub fn has_diacritic(c: char) -> bool {
    !c.is_ascii() && fold_letter(c) != Some(c)
}

/// The character starting at byte `at` of `text` (a char boundary, not
/// ASCII) and its length in bytes. The 2- and 3-byte forms, which hold every
/// Vietnamese letter, are decoded directly: `text` is valid UTF-8.
#[inline(always)]
pub fn char_at(text: &str, at: usize) -> (char, usize) {
    let bytes = text.as_bytes();
    let (code, len) = match bytes[at] {
        b @ 0xC0..=0xDF => ((u32::from(b & 0x1F) << 6) | u32::from(bytes[at + 1] & 0x3F), 2),
        b @ 0xE0..=0xEF => (
            (u32::from(b & 0x0F) << 12) | (u32::from(bytes[at + 1] & 0x3F) << 6) | u32::from(bytes[at + 2] & 0x3F),
            3,
        ),
        _ => {
            let c = text[at..].chars().next().expect("a character starts here");
            return (c, c.len_utf8());
        }
    };
    (char::from_u32(code).expect("valid UTF-8 decodes to a char"), len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_every_vietnamese_vowel_and_d() {
        for (marked, plain) in [
            ('ộ', 'o'),
            ('ữ', 'u'),
            ('ằ', 'a'),
            ('ỹ', 'y'),
            ('đ', 'd'),
            ('Đ', 'D'),
            ('Ế', 'E'),
        ] {
            assert_eq!(fold_letter(marked), Some(plain), "{marked}");
        }
        assert_eq!(fold_letter('\u{301}'), None);
        assert_eq!(fold_letter('中'), Some('中'));
    }

    #[test]
    fn cached_classes_agree_with_std() {
        for code in TABLE_START..=TABLE_END {
            let Some(c) = char::from_u32(code) else { continue };
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            let mut ours = String::new();
            push_lowercase(c, &mut ours);
            assert_eq!(ours, c.to_lowercase().collect::<String>(), "{c:?}");
        }
    }

    #[test]
    fn splits_tone_from_vowel_quality() {
        assert_eq!(split_tone('ộ'), ('ô', 5));
        assert_eq!(split_tone('ớ'), ('ơ', 2));
        assert_eq!(split_tone('ã'), ('a', 4));
        assert_eq!(split_tone('ư'), ('ư', NO_TONE));
        assert_eq!(with_tone('ô', 5), 'ộ');
        assert_eq!(with_tone('y', 3), 'ỷ');
    }
}
