//! Fuzzing the query path (parser, synonyms, ranking, snippets) and the
//! analyzer with arbitrary and query-shaped input: results or a clear
//! error, never a panic, and highlight offsets on character boundaries.
//!
//! `cargo test --release --test query_fuzz` runs a few thousand cases; set
//! TRACUU_FUZZ_CASES to run longer (the 10-minute run in the notes used
//! TRACUU_FUZZ_CASES=2000000).

use proptest::prelude::*;
use std::sync::OnceLock;
use tracuu::{Accents, Error, IndexOptions, MatchMode, Page, QueryOptions, Request, Sort, TracuuIndex};

fn index() -> &'static TracuuIndex {
    static INDEX: OnceLock<(tempfile::TempDir, TracuuIndex)> = OnceLock::new();
    &INDEX
        .get_or_init(|| {
            let dir = tempfile::TempDir::new().unwrap();
            let target = TracuuIndex::open_or_create(&dir.path().join("idx")).unwrap();
            let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
            target
                .add_paths(
                    &[corpus],
                    &IndexOptions {
                        strict: true,
                        ..IndexOptions::default()
                    },
                    &mut (),
                )
                .unwrap();
            (dir, target)
        })
        .1
}

fn cases() -> u32 {
    std::env::var("TRACUU_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000)
}

/// Query-shaped strings: words, accents, operators, quotes, fields, codes.
fn query_like() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "thanh",
        "hoá",
        "Hóa",
        "UBND",
        "Ủy ban nhân dân",
        "19-CT/TW",
        "\"",
        "(",
        ")",
        "-",
        "+",
        "AND",
        "OR",
        "NOT",
        "title:",
        "body:",
        "source:",
        "id:",
        "ý:",
        "*",
        "^2",
        "~",
        "\\",
        "'",
        ":",
        "8,5%",
        "TP.HCM",
        "kĩ",
        "đ",
        "\u{301}",
        "\u{200B}",
        "\u{FEFF}",
        " ",
        "  ",
        "\t",
        "中文",
        "🙂",
        "a",
        "KT-XH",
        "hội đồng",
    ]);
    prop::collection::vec(atoms, 0..12).prop_map(|parts| parts.concat())
}

/// Every way of reading a query.
fn options() -> impl Strategy<Value = QueryOptions> {
    (
        prop::sample::select(vec![Accents::Smart, Accents::Fold, Accents::Exact]),
        prop::sample::select(vec![MatchMode::Words, MatchMode::AnyOrder]),
    )
        .prop_map(|(accents, matching)| QueryOptions { accents, matching })
}

fn check(query: &str, options: QueryOptions) -> Result<(), TestCaseError> {
    for sort in [Sort::Score, Sort::DateDesc] {
        let request = Request {
            query: query.to_string(),
            options,
            sort,
            page: Page { offset: 0, limit: 3 },
            ..Request::default()
        };
        match index().search(&request) {
            Ok(results) => {
                for hit in results.hits {
                    for range in hit.snippet.highlights {
                        prop_assert!(range.start < range.end && range.end <= hit.snippet.text.len());
                        prop_assert!(hit.snippet.text.is_char_boundary(range.start));
                        prop_assert!(hit.snippet.text.is_char_boundary(range.end));
                    }
                }
            }
            Err(err) => prop_assert!(matches!(err, Error::BadQuery(_)), "{query:?}: {err}"),
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_queries_give_results_or_a_query_error(query in any::<String>(), options in options()) {
        check(&query, options)?;
    }

    #[test]
    fn query_shaped_input_gives_results_or_a_query_error(query in query_like(), options in options()) {
        check(&query, options)?;
    }
}
