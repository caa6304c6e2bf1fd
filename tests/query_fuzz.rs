//! Fuzzing the query path (parser, synonyms, ranking, snippets) and the
//! analyzer with arbitrary and query-shaped input: results or a clear
//! error, never a panic, and highlight offsets on character boundaries.
//!
//! `cargo test --release --test query_fuzz` runs a few thousand cases; set
//! TRACUU_FUZZ_CASES to run longer (the 10-minute run in the notes used
//! TRACUU_FUZZ_CASES=2000000).

use proptest::prelude::*;
use std::sync::OnceLock;
use tracuu::filter::Filters;
use tracuu::index::{index_paths, IndexOptions, Observer, TracuuIndex};
use tracuu::query::{Accents, MatchMode, QueryError, QueryOptions};
use tracuu::search::{search, Page, Request, Sort};
use tracuu::synonyms::Synonyms;

fn index() -> &'static TracuuIndex {
    static INDEX: OnceLock<(tempfile::TempDir, TracuuIndex)> = OnceLock::new();
    &INDEX
        .get_or_init(|| {
            let dir = tempfile::TempDir::new().unwrap();
            let target = TracuuIndex::open_or_create(&dir.path().join("idx")).unwrap();
            let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
            index_paths(
                &target,
                &[corpus],
                &IndexOptions::default(),
                &mut Observer {
                    on_problem: &mut |p| panic!("{p}"),
                    on_warning: &mut |p| panic!("{p}"),
                    on_progress: &mut |_| {},
                },
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
    let filters = Filters::default();
    let request = Request {
        query,
        filters: &filters,
        synonyms: Synonyms::bundled(),
        options,
    };
    for sort in [Sort::Score, Sort::DateDesc] {
        match search(index(), &request, sort, Page { offset: 0, limit: 3 }) {
            Ok(results) => {
                for hit in results.hits {
                    for range in hit.snippet.highlights {
                        prop_assert!(range.start < range.end && range.end <= hit.snippet.text.len());
                        prop_assert!(hit.snippet.text.is_char_boundary(range.start));
                        prop_assert!(hit.snippet.text.is_char_boundary(range.end));
                    }
                }
            }
            Err(err) => prop_assert!(err.downcast_ref::<QueryError>().is_some(), "{query:?}: {err:#}"),
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
