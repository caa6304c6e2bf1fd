//! Extraction never panics and keeps its invariants, whatever the input.

use proptest::prelude::*;
use tantivy::time::{Date, Month};
use tracuu::extract::{extract, RawArticle};

/// Pieces that steer the input into every code path: titles, honorifics,
/// province cues and names in both tone styles, dates and codes, debris,
/// NFD marks, invisible characters, other scripts, odd punctuation.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Bí thư Tỉnh ủy ".to_string()),
        Just("đồng chí ".to_string()),
        Just("Ông ".to_string()),
        Just("bà ".to_string()),
        Just("Nguyễn Đức Thanh".to_string()),
        Just("Trần Đức Thắng, ".to_string()),
        Just("Phó Chủ tịch UBND tỉnh ".to_string()),
        Just("tỉnh Thanh Hoá".to_string()),
        Just("TP.HCM".to_string()),
        Just("Thành phố Hồ Chí Minh".to_string()),
        Just("Hòa Bình".to_string()),
        Just("Bà Rịa - Vũng Tàu".to_string()),
        Just("Sáng 28-12, ".to_string()),
        Just("ngày 29/2".to_string()),
        Just("(30/12/2021)".to_string()),
        Just("năm 2023".to_string()),
        Just("năm 2024 ".to_string()),
        Just("02-ĐA/TU".to_string()),
        Just("Lượt xem: 6861".to_string()),
        Just("no image".to_string()),
        Just("Các ý kiến của bạn đọc".to_string()),
        Just("23/4/2023  |  English  |  中文".to_string()),
        Just("\n".to_string()),
        Just("\r\n\n".to_string()),
        Just(" - ".to_string()),
        Just(", ".to_string()),
        Just("\u{301}".to_string()),
        Just("Tho\u{323}".to_string()),
        Just("\u{200B}\u{FEFF}\u{AD}".to_string()),
        Just("🙂".to_string()),
        "[a-zA-Z0-9 .,:/()-]{0,12}",
        "\\PC{0,8}",
    ]
}

fn article() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..40).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_string_is_extracted_without_panic(text in "\\PC*", title in proptest::option::of("\\PC{0,40}")) {
        let m = extract(&RawArticle { title: title.as_deref(), text: &text, ..RawArticle::default() });
        prop_assert_eq!(m.title.trim(), m.title.as_str());
    }

    #[test]
    fn structured_text_keeps_the_invariants(
        text in article(),
        given_title in proptest::option::of(article()),
        province in proptest::option::of(prop_oneof![Just("Hải Dương".to_string()), "\\PC{0,12}"]),
        day in proptest::option::of(1u8..=28),
    ) {
        let date = day.map(|d| Date::from_calendar_date(2022, Month::March, d).unwrap());
        let m = extract(&RawArticle {
            title: given_title.as_deref(),
            text: &text,
            date,
            province: province.as_deref(),
            ..RawArticle::default()
        });
        if date.is_some() {
            prop_assert_eq!(m.date.map(|d| d.date), date);
            prop_assert_eq!(m.year, Some(2022));
        }
        if let (Some(d), Some(y)) = (m.date, m.year) {
            prop_assert_eq!(d.date.year(), y);
        }
        if m.province_2025.is_some() {
            prop_assert!(m.province.is_some());
        }
        prop_assert_eq!(m.body.trim(), m.body.as_str());
        prop_assert!(!m.body.contains("\n\n\n"));
        for o in &m.officials {
            let syllables = o.name.split(' ').count();
            prop_assert!((2..=4).contains(&syllables), "{}", o.name);
            prop_assert_eq!(o.role.trim(), o.role.as_str());
        }
        let mut names: Vec<&str> = m.officials.iter().map(|o| o.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        prop_assert_eq!(names.len(), m.officials.len());
    }
}

/// Large and degenerate inputs finish (no quadratic work, no deep recursion).
#[test]
fn huge_and_degenerate_inputs_finish() {
    let inputs = [
        format!("{}Ngày 1/2 năm 2020", ".".repeat(1 << 20)),
        "no image\n".repeat(100_000),
        "ông ".repeat(200_000),
        "Thủ tướng ".repeat(100_000),
        "a".repeat(1 << 20),
        "Bí thư Tỉnh ủy Nguyễn Văn A, Chủ tịch UBND tỉnh Trần Văn B, ".repeat(20_000),
        "1/1/2020 ".repeat(100_000),
        "\u{301}".repeat(100_000),
        "tỉnh Thanh Hóa, ".repeat(50_000),
    ];
    for text in &inputs {
        let started = std::time::Instant::now();
        let m = extract(&RawArticle {
            text,
            ..RawArticle::default()
        });
        assert!(m.officials.len() <= 100_000);
        assert!(started.elapsed().as_secs() < 20, "{} bytes took too long", text.len());
    }
}
