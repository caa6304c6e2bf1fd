//! Normalisation of one token: the exact form (NFC, lower-case, one spelling
//! for tone placement and i/y variants, accents kept) and the folded form.

use super::letters::{fold_letter, is_vowel, push_lowercase, split_tone, with_tone, NO_TONE};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Characters that carry no text and must never end up inside a token:
/// soft hyphen, zero-width (non-)joiners, word joiner, byte-order mark.
/// (The zero-width space is a word separator, handled by the tokenizer.)
#[inline]
pub fn is_ignorable(c: char) -> bool {
    matches!(c, '\u{AD}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// A cheap pre-check for NFC: true when every character of `text` is below
/// the combining marks (U+0300) or a precomposed Latin Extended Additional
/// letter. Vietnamese text nearly always is, and the full quick check looks
/// up a combining class per character. Judged on the UTF-8 bytes: characters
/// below U+0300 never start with a byte of 0xCC or more, and U+1E00..U+1EFF
/// start with 0xE1 0xB8..=0xBB.
pub fn is_surely_nfc_text(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b >= 0xCC {
            if b != 0xE1 || !matches!(bytes.get(i + 1), Some(0xB8..=0xBB)) {
                return false;
            }
            i += 3;
        } else {
            i += 1;
        }
    }
    true
}

/// A character of Unicode's Halfwidth and Fullwidth Forms block (ｔｈａｎｈ,
/// typed with an East Asian input method): read as its ordinary form.
fn is_width_variant(c: char) -> bool {
    ('\u{FF00}'..='\u{FFEF}').contains(&c)
}

/// The compatibility (NFKC) form of a width variant; other characters as
/// they are (the rest of NFKC would change what people wrote: ligatures,
/// superscripts).
fn width_folded(c: char) -> impl Iterator<Item = char> {
    let mut out: Vec<char> = Vec::with_capacity(1);
    if is_width_variant(c) {
        unicode_normalization::char::decompose_compatible(c, |d| out.push(d));
    } else {
        out.push(c);
    }
    out.into_iter()
}

/// Writes the exact form of `raw` (one token's original text) into `out`.
pub fn exact_form(raw: &str, out: &mut String) {
    out.clear();
    if raw.is_ascii() {
        out.push_str(raw);
        out.make_ascii_lowercase();
    } else {
        let visible = raw.chars().filter(|&c| !is_ignorable(c));
        if is_surely_nfc_text(raw) {
            visible.for_each(|c| push_lowercase(c, out));
        } else if raw.chars().any(is_width_variant) {
            visible
                .flat_map(width_folded)
                .nfc()
                .for_each(|c| push_lowercase(c, out));
        } else if is_nfc_quick(visible.clone()) == IsNormalized::Yes {
            visible.for_each(|c| push_lowercase(c, out));
        } else {
            visible.nfc().for_each(|c| push_lowercase(c, out));
        }
        canonicalize_tone_placement(out);
    }
    canonicalize_i_y(out);
}

/// Writes the accent-free form of an exact form into `out`.
pub fn folded_form(exact: &str, out: &mut String) {
    out.clear();
    if exact.is_ascii() {
        out.push_str(exact);
        return;
    }
    out.extend(exact.chars().filter_map(fold_letter));
}

/// Exact form then folded form of `raw`, for callers outside the tokenizer.
pub fn fold(raw: &str) -> String {
    let mut exact = String::new();
    let mut folded = String::new();
    exact_form(raw, &mut exact);
    folded_form(&exact, &mut folded);
    folded
}

/// Old and new tone placement ("hoà"/"hòa", "uỷ"/"ủy", "khoẻ"/"khỏe") differ
/// only in open syllables ending in the rimes oa, oe, uy. We keep the form with
/// the tone on the first vowel. Closed or longer rimes ("khoảng", "loại") and
/// "qu" + y ("quý", where u belongs to the consonant) are left alone.
fn canonicalize_tone_placement(word: &mut String) {
    let mut rev = word.char_indices().rev();
    let (Some((_, second)), Some((first_at, first))) = (rev.next(), rev.next()) else {
        return;
    };
    let before = rev.next().map(|(_, c)| c);
    let (first_base, first_tone) = split_tone(first);
    let (second_base, second_tone) = split_tone(second);
    let varying_rime = matches!((first_base, second_base), ('o', 'a') | ('o', 'e') | ('u', 'y'));
    if !varying_rime || first_tone != NO_TONE || second_tone == NO_TONE {
        return;
    }
    if let Some(b) = before {
        if is_vowel(b) || (b == 'q' && first_base == 'u') {
            return;
        }
    }
    word.truncate(first_at);
    word.push(with_tone(first_base, second_tone));
    word.push(second_base);
}

/// Onsets after which a lone i and y spell the same sound and both spellings
/// are in use: kĩ/kỹ, lí/lý, mĩ/mỹ, sĩ/sỹ, quí/quý, hi/hy, ti/ty. We keep y,
/// so words that only exist with y ("quy", "tuy", "hay", "yêu", "ý") stay as
/// they are.
const I_Y_ONSETS: [&str; 14] = ["b", "d", "đ", "h", "k", "l", "m", "n", "r", "s", "t", "v", "x", "qu"];

fn canonicalize_i_y(word: &mut String) {
    let Some(last) = word.chars().next_back() else {
        return;
    };
    let (base, tone) = split_tone(last);
    if base != 'i' {
        return;
    }
    let onset_len = word.len() - last.len_utf8();
    if I_Y_ONSETS.contains(&&word[..onset_len]) {
        word.truncate(onset_len);
        word.push(with_tone('y', tone));
    }
}

/// True when a query word carries tone or vowel marks (or đ): the user chose
/// those accents, so exact matches should rank first.
pub fn has_diacritics(word: &str) -> bool {
    word.chars().any(super::letters::has_diacritic)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The characters `is_surely_nfc_text` is meant to accept.
    fn is_surely_nfc(c: char) -> bool {
        c < '\u{300}' || ('\u{1E00}'..='\u{1EFF}').contains(&c)
    }

    fn exact(s: &str) -> String {
        let mut out = String::new();
        exact_form(s, &mut out);
        out
    }

    #[test]
    fn surely_nfc_agrees_with_the_quick_check() {
        for c in ('\0'..='\u{2000}').chain('\u{1E00}'..='\u{1EFF}') {
            if is_surely_nfc(c) {
                // Alone and after a letter: neither a composition nor a reordering may apply.
                assert_eq!(is_nfc_quick([c].into_iter()), IsNormalized::Yes, "{c:?}");
                assert_eq!(is_nfc_quick(['a', c].into_iter()), IsNormalized::Yes, "{c:?}");
            }
        }
    }

    #[test]
    fn surely_nfc_text_agrees_with_its_characters() {
        let samples = [
            "",
            "Thanh Hóa",
            "Ủy ban nhân dân",
            "Thanh Ho\u{301}a",
            "日本",
            "ǅ ʰ ˿",
            "\u{1E00}\u{1EFF}\u{1F00}",
        ];
        for text in samples {
            assert_eq!(is_surely_nfc_text(text), text.chars().all(is_surely_nfc), "{text:?}");
        }
        for c in ('\0'..='\u{3000}').chain('\u{1E00}'..='\u{1F10}') {
            let text = format!("a{c}b");
            assert_eq!(is_surely_nfc_text(&text), is_surely_nfc(c), "{c:?}");
        }
    }

    #[test]
    fn tone_placement_variants_meet() {
        for (old, new) in [
            ("hoà", "hòa"),
            ("hoá", "hóa"),
            ("khoẻ", "khỏe"),
            ("thuỷ", "thủy"),
            ("uỷ", "ủy"),
            ("Uỷ", "Ủy"),
        ] {
            assert_eq!(exact(old), exact(new), "{old} / {new}");
        }
        assert_eq!(exact("Uỷ"), "ủy");
    }

    #[test]
    fn tone_placement_leaves_other_rimes_alone() {
        for word in ["loại", "khoảng", "quý", "hoàng", "thuở", "khuya", "ngoài"] {
            assert_eq!(exact(word), word);
        }
    }

    #[test]
    fn i_y_variants_meet() {
        for (i, y) in [
            ("kĩ", "kỹ"),
            ("lí", "lý"),
            ("mĩ", "mỹ"),
            ("sĩ", "sỹ"),
            ("quí", "quý"),
            ("hi", "hy"),
            ("ti", "ty"),
        ] {
            assert_eq!(exact(i), exact(y), "{i} / {y}");
        }
        for word in ["yêu", "ý", "tuy", "hay", "quy", "chi", "khi"] {
            assert_eq!(exact(word), word);
        }
    }

    #[test]
    fn folding_removes_every_mark_and_d() {
        assert_eq!(fold("Đồng"), "dong");
        assert_eq!(fold("NGHỊ"), "nghi");
        assert_eq!(fold("Hoá"), "hoa");
    }

    #[test]
    fn fullwidth_letters_are_their_ordinary_forms() {
        assert_eq!(exact("ｔｈａｎｈ"), "thanh");
        assert_eq!(exact("ＨÓＡ"), "hóa");
        assert_eq!(fold("Ｔｈａｎｈ"), "thanh");
    }

    #[test]
    fn nfd_and_ignorables_give_the_nfc_form() {
        let nfd: String = "Thanh Hóa".nfd().collect();
        let word = nfd.split(' ').nth(1).unwrap();
        assert_eq!(exact(word), "hóa");
        assert_eq!(exact("H\u{AD}óa\u{FEFF}"), "hóa");
    }
}
