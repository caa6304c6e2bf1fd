//! One test group per numbered analyzer requirement of the first issue.

use tantivy::tokenizer::Token;
use tracuu::analysis::{token_texts, tokens, Form};
use unicode_normalization::UnicodeNormalization;

fn exact(text: &str) -> Vec<String> {
    token_texts(text, Form::Exact)
}

fn folded(text: &str) -> Vec<String> {
    token_texts(text, Form::Folded)
}

fn nfd(text: &str) -> String {
    text.nfd().collect()
}

// 1. Unicode normalisation and invisible characters.
#[test]
fn nfd_input_gives_the_same_tokens_as_nfc() {
    let text = "Đồng chí Đỗ Trọng Hưng, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Thanh Hóa";
    assert_eq!(exact(&nfd(text)), exact(text));
    assert_eq!(folded(&nfd(text)), folded(text));
}

#[test]
fn zero_width_spaces_soft_hyphens_and_boms_are_not_in_tokens() {
    assert_eq!(exact("\u{FEFF}Thanh\u{200B}Hóa"), ["thanh", "hóa"]);
    assert_eq!(exact("Thanh Hó\u{AD}a"), ["thanh", "hóa"]);
    assert_eq!(exact("hội\u{200D} nghị\u{FEFF}"), ["hội", "nghị"]);
    for token in tokens("a\u{AD}b \u{FEFF}c\u{200B}d", Form::Exact) {
        assert!(!token.text.contains(['\u{AD}', '\u{FEFF}', '\u{200B}']), "{token:?}");
    }
}

// 2. Tone-mark placement.
#[test]
fn old_and_new_tone_placement_are_the_same_word() {
    let pairs = [
        ("hoà", "hòa"),
        ("hoá", "hóa"),
        ("khoẻ", "khỏe"),
        ("thuỷ", "thủy"),
        ("uỷ", "ủy"),
        ("Uỷ", "Ủy"),
        ("THUỶ", "THỦY"),
    ];
    for (old, new) in pairs {
        assert_eq!(exact(old), exact(new), "{old} / {new}");
        assert_eq!(exact(&nfd(old)), exact(new), "NFD {old} / {new}");
    }
    assert_eq!(
        exact("Uỷ ban nhân dân tỉnh Thanh Hoá"),
        exact("Ủy ban nhân dân tỉnh Thanh Hóa")
    );
}

#[test]
fn other_rimes_keep_their_tone_where_it_is() {
    assert_eq!(
        exact("loại khoảng quý hoàng ngoài khuya thuở"),
        ["loại", "khoảng", "quý", "hoàng", "ngoài", "khuya", "thuở"]
    );
}

// 3. i/y spelling variants.
#[test]
fn i_and_y_after_a_consonant_are_the_same_word() {
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
    assert_eq!(exact("kĩ thuật"), exact("kỹ thuật"));
}

#[test]
fn words_that_only_exist_with_y_keep_it() {
    assert_eq!(exact("yêu ý tuy hay quy"), ["yêu", "ý", "tuy", "hay", "quy"]);
}

// 4. Case folding and accent folding.
#[test]
fn case_is_folded_including_capital_d_with_stroke() {
    assert_eq!(exact("ĐẢNG Đảng đảng"), ["đảng", "đảng", "đảng"]);
    assert_eq!(exact("THANH HOÁ"), exact("thanh hóa"));
}

#[test]
fn folding_removes_every_tone_and_vowel_mark_and_d() {
    assert_eq!(folded("Đồng Nai"), ["dong", "nai"]);
    assert_eq!(folded("Đỗ Trọng Hưng"), ["do", "trong", "hung"]);
    assert_eq!(folded("Hội đồng nhân dân"), ["hoi", "dong", "nhan", "dan"]);
    assert_eq!(folded("ở ươn ằ ậ ễ"), ["o", "uon", "a", "a", "e"]);
}

// 5. Two streams with identical positions (and offsets).
#[test]
fn exact_and_folded_streams_line_up() {
    let text = "Sáng 28-12, UBND tỉnh Thanh Hoá đã tổ chức hội nghị; Chỉ thị 19-CT/TW.";
    let (e, f) = (tokens(text, Form::Exact), tokens(text, Form::Folded));
    assert_eq!(e.len(), f.len());
    for (a, b) in e.iter().zip(&f) {
        assert_eq!(
            (a.position, a.offset_from, a.offset_to),
            (b.position, b.offset_from, b.offset_to)
        );
    }
}

// 6. Syllables, numbers and document codes.
#[test]
fn syllables_are_tokens_with_consecutive_positions() {
    let t = tokens("Ban Chấp hành Đảng bộ", Form::Exact);
    assert_eq!(t.iter().map(|t| t.position).collect::<Vec<_>>(), [0, 1, 2, 3, 4]);
}

fn positions(text: &str) -> Vec<usize> {
    tokens(text, Form::Exact).iter().map(|t| t.position).collect()
}

#[test]
fn clause_punctuation_leaves_a_position_gap_so_phrases_do_not_cross_it() {
    assert_eq!(positions("xã hội, đồng bào"), [0, 1, 3, 4]);
    // Dashes join compounds, they do not end clauses.
    assert_eq!(positions("kinh tế - xã hội"), [0, 1, 2, 3]);
    assert_eq!(positions("hội.\nĐồng"), [0, 2]);
    // Joiners inside codes, numbers and abbreviations are not breaks.
    assert_eq!(positions("Chỉ thị 19-CT/TW"), [0, 1, 2, 3, 4]);
    assert_eq!(positions("26- CT/TW"), [0, 1, 2]);
    assert_eq!(positions("TP.HCM"), [0, 1]);
    // A token too long to index (glued junk) breaks a phrase too.
    let junk = "x".repeat(tracuu::analysis::MAX_TOKEN_BYTES + 1);
    assert_eq!(positions(&format!("hội {junk} đồng")), [0, 2]);
}

#[test]
fn document_codes_split_into_their_parts() {
    assert_eq!(exact("19-CT/TW"), ["19", "ct", "tw"]);
    assert_eq!(exact("27/NQ-TW"), ["27", "nq", "tw"]);
    assert_eq!(exact("02-ĐA/TU"), ["02", "đa", "tu"]);
    assert_eq!(folded("02-ĐA/TU"), ["02", "da", "tu"]);
    assert_eq!(exact("1/7/2024"), ["1", "7", "2024"]);
}

#[test]
fn numbers_keep_their_decimal_and_thousands_separators() {
    assert_eq!(exact("tăng 8,5% đạt 3.200 USD"), ["tăng", "8,5", "đạt", "3.200", "usd"]);
    assert_eq!(exact("năm 2023, 2024."), ["năm", "2023", "2024"]);
}

// 7. Offsets point into the original text.
fn assert_offsets_cover(text: &str, tokens: &[Token], expected_words: &[&str]) {
    let covered: Vec<&str> = tokens.iter().map(|t| &text[t.offset_from..t.offset_to]).collect();
    assert_eq!(covered, expected_words);
}

#[test]
fn offsets_point_into_nfd_text() {
    let text = nfd("Tỉnh ủy Thanh Hoá");
    let t = tokens(&text, Form::Folded);
    let words: Vec<String> = text.split(' ').map(str::to_string).collect();
    assert_offsets_cover(&text, &t, &words.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(t.last().unwrap().text, "hoa");
}

#[test]
fn offsets_skip_invisible_characters_at_word_edges() {
    let text = "\u{FEFF}Hội nghị\u{AD} tỉnh";
    assert_offsets_cover(text, &tokens(text, Form::Exact), &["Hội", "nghị", "tỉnh"]);
}

#[test]
fn overlong_tokens_are_dropped_not_truncated() {
    let junk = "x".repeat(tracuu::analysis::MAX_TOKEN_BYTES + 1);
    assert_eq!(exact(&format!("a {junk} b")), ["a", "b"]);
}
