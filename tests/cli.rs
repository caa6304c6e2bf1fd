//! End-to-end tests of the real `tracuu` binary on the bundled corpus.

mod common;

use assert_cmd::Command;
use common::hit_ids;
use predicates::prelude::*;
use serde_json::Value;
use std::path::Path;
use tempfile::TempDir;
use unicode_normalization::UnicodeNormalization;

const THANH_HOA_ARTICLE: &str = "001_304570ebb02cd033";
const CHI_THI_19_ARTICLE: &str = "000_0643c6b558096ecb";

/// `tracuu` with its default index in a fresh temporary directory.
fn tracuu(home: &TempDir) -> Command {
    let mut cmd = Command::cargo_bin("tracuu").unwrap();
    cmd.env("TRACUU_INDEX", home.path().join("index"))
        .env_remove("NO_COLOR");
    cmd
}

fn search_json(home: &TempDir, query: &[&str]) -> Value {
    let out = tracuu(home)
        .arg("search")
        .args(query)
        .args(["--format", "json", "--limit", "50"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn first_search_builds_the_default_index_and_says_so() {
    let home = TempDir::new().unwrap();
    tracuu(&home)
        .args(["search", "thanh hoa"])
        .assert()
        .success()
        .stderr(predicates::str::contains("building it from the bundled corpus"))
        .stdout(predicates::str::contains(THANH_HOA_ARTICLE));
    // The second run reuses it silently.
    tracuu(&home)
        .args(["search", "thanh hoa"])
        .assert()
        .success()
        .stderr("");
}

#[test]
fn every_spelling_of_thanh_hoa_finds_its_article_first() {
    let home = TempDir::new().unwrap();
    let nfd: String = "Thanh Hóa".nfd().collect();
    for query in ["thanh hoa", "THANH HOÁ", "Thanh Hóa", "Thanh Hoá", nfd.as_str()] {
        let results = search_json(&home, &[query]);
        assert_eq!(hit_ids(&results)[0], THANH_HOA_ARTICLE, "query {query:?}");
    }
}

#[test]
fn accentless_names_find_accented_ones() {
    let home = TempDir::new().unwrap();
    assert_eq!(hit_ids(&search_json(&home, &["do trong hung"]))[0], THANH_HOA_ARTICLE);
    // "Hội đồng" is written out only in the Hậu Giang article; đ must fold.
    let ids = hit_ids(&search_json(&home, &["\"hoi dong\""]));
    assert_eq!(ids, ["003_4ad1275453d46137"]);
}

#[test]
fn accents_typed_are_respected_and_accents_omitted_match_every_form() {
    let home = TempDir::new().unwrap();
    // "bàn" is in 001, 003 and 004; 000 and 002 only have "Ban" (Ban Chấp hành).
    let mut ids = hit_ids(&search_json(&home, &["bàn"]));
    ids.sort();
    assert_eq!(
        ids,
        ["001_304570ebb02cd033", "003_4ad1275453d46137", "004_123b24c5544894c2"],
        "only the accents typed"
    );
    assert_eq!(search_json(&home, &["ban"])["total"], 5, "no accents: every form");
    assert_eq!(search_json(&home, &["--accents", "fold", "bàn"])["total"], 5);
}

#[test]
fn document_codes_are_found_whole_and_by_parts() {
    let home = TempDir::new().unwrap();
    assert_eq!(hit_ids(&search_json(&home, &["19-CT/TW"])), [CHI_THI_19_ARTICLE]);
    // 004 cites "Chỉ thị 26- CT/TW": a part of a code, spacing and all.
    let mut by_part = hit_ids(&search_json(&home, &["CT/TW"]));
    by_part.sort();
    assert_eq!(by_part, [CHI_THI_19_ARTICLE, "004_123b24c5544894c2"]);
    assert_eq!(hit_ids(&search_json(&home, &["26-CT/TW"])), ["004_123b24c5544894c2"]);
    assert_eq!(hit_ids(&search_json(&home, &["\"8,5%\""])), ["002_cf156c17a21173ad"]);
}

#[test]
fn words_are_units_and_any_order_matching_ranks_them_together_first() {
    let home = TempDir::new().unwrap();
    // All five articles hold "thanh" and "hoa" somewhere; only 001 names
    // Thanh Hóa. A Vietnamese word matches as its syllables side by side.
    let results = search_json(&home, &["thanh", "hoa"]);
    assert_eq!(hit_ids(&results), [THANH_HOA_ARTICLE]);
    // The loose matching of old, on request: every article, the one with
    // the words together first.
    let results = search_json(&home, &["--match", "any-order", "thanh", "hoa"]);
    assert_eq!(results["total"], 5);
    assert_eq!(hit_ids(&results)[0], THANH_HOA_ARTICLE);
}

#[test]
fn json_output_has_the_documented_shape_and_highlights_original_text() {
    let home = TempDir::new().unwrap();
    let results = search_json(&home, &["thanh hoa"]);
    assert_eq!(results["query"], "thanh hoa");
    let hit = &results["hits"][0];
    for key in [
        "id",
        "score",
        "title",
        "snippet",
        "highlights",
        "date",
        "source",
        "url",
        "province",
    ] {
        assert!(hit.get(key).is_some(), "missing {key}");
    }
    let snippet = hit["snippet"].as_str().unwrap();
    let marked: Vec<String> = hit["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| snippet[r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize].to_lowercase())
        .collect();
    assert!(
        marked.iter().any(|w| w == "hoá" || w == "hóa"),
        "{marked:?} in {snippet}"
    );
    assert!(marked.iter().any(|w| w == "thanh"), "{marked:?}");
}

#[test]
fn table_output_lists_rank_id_title_and_snippet_without_colour_when_piped() {
    let home = TempDir::new().unwrap();
    let out = tracuu(&home)
        .args(["search", "--limit", "2", "19-CT/TW"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("  1. 000_0643c6b558096ecb  Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 14"),
        "{text}"
    );
    assert!(text.contains("Chỉ thị số 19-CT/TW"), "{text}");
    assert!(
        !text.contains('\u{1b}'),
        "no colour codes when stdout is not a terminal"
    );
    let coloured = tracuu(&home)
        .args(["search", "--color", "always", "19-CT/TW"])
        .output()
        .unwrap();
    assert!(String::from_utf8(coloured.stdout).unwrap().contains('\u{1b}'));
}

#[test]
fn malformed_queries_never_panic() {
    let home = TempDir::new().unwrap();
    for query in [
        "\"thanh hoa",
        "thanh OR",
        "AND",
        "(thanh",
        ")(",
        "title:",
        "-",
        "\"",
        "*",
        "a:b:c",
        "\\",
        "NOT hoa",
        "+",
        "^2",
    ] {
        let out = tracuu(&home).args(["search", "--", query]).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{query:?}: {stderr}");
        match out.status.code() {
            Some(0) => {}
            Some(2) => assert_eq!(
                stderr.trim().lines().count(),
                1,
                "{query:?}: one-line error expected: {stderr}"
            ),
            other => panic!("{query:?}: exit {other:?}: {stderr}"),
        }
    }
    // The lenient reading still searches what it can.
    assert_eq!(hit_ids(&search_json(&home, &["\"thanh hoa"]))[0], THANH_HOA_ARTICLE);
    assert_eq!(search_json(&home, &["thanh OR"])["total"], 5);
}

#[test]
fn reindexing_replaces_articles_instead_of_duplicating_them() {
    let home = TempDir::new().unwrap();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let index = home.path().join("mine");
    let run = |expect: &str| {
        common::index_file(&index, &corpus).stderr(predicates::str::contains(expect.to_string()));
    };
    run("5 articles from 5 files (5 new, 0 replaced, 0 unchanged, 0 duplicates, 0 skipped)");
    run("5 articles from 5 files (0 new, 0 replaced, 5 unchanged, 0 duplicates, 0 skipped)");
    // The same id with new text replaces the old version.
    let changed = home.path().join("changed.jsonl");
    std::fs::write(
        &changed,
        r#"{"id": "001_304570ebb02cd033", "title": "Bản sửa", "body": "Nội dung thanh mới"}"#,
    )
    .unwrap();
    common::index_file(&index, &changed).stderr(predicates::str::contains("(0 new, 1 replaced, 0 unchanged"));
    let out = Command::cargo_bin("tracuu")
        .unwrap()
        .args(["search", "--format", "json", "--index"])
        .arg(&index)
        .arg("thanh")
        .output()
        .unwrap();
    let results: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(results["total"], 5);
}

#[test]
fn jsonl_articles_use_their_ids_and_bad_lines_are_reported_with_file_and_line() {
    let home = TempDir::new().unwrap();
    let file = home.path().join("tin.jsonl");
    std::fs::write(
        &file,
        concat!(
            r#"{"id": "a1", "title": "Bán đấu giá đất", "body": "Tỉnh tổ chức bán đấu giá.", "date": "2024-07-01", "source": "Báo X", "url": "https://x.vn/a1"}"#, "\n",
            "{broken\n",
            r#"{"id": "a2", "title": "Ban chỉ đạo", "body": "Ban chỉ đạo họp."}"#, "\n",
            r#"{"id": "a3", "title": "Không có thân bài"}"#, "\n",
        ),
    )
    .unwrap();
    let index = home.path().join("idx");
    common::index_file(&index, &file)
        .stderr(predicates::str::contains("tin.jsonl:2: invalid JSON"))
        .stderr(predicates::str::contains("tin.jsonl:4: article a3: missing `body`"))
        .stderr(predicates::str::contains(
            "2 articles from 1 file (2 new, 0 replaced, 0 unchanged, 0 duplicates, 2 skipped)",
        ));
    let out = Command::cargo_bin("tracuu")
        .unwrap()
        .args(["search", "--format", "json", "--index"])
        .arg(&index)
        .arg("bán")
        .output()
        .unwrap();
    let results: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(hit_ids(&results), ["a1"], "'bán' with its accent: not 'Ban'");
    assert_eq!(results["hits"][0]["date"], "2024-07-01");
    assert_eq!(results["hits"][0]["source"], "Báo X");
    assert_eq!(results["hits"][0]["url"], "https://x.vn/a1");
}

#[test]
fn gzipped_jsonl_is_read() {
    use flate2::{write::GzEncoder, Compression};
    use std::io::Write;
    let home = TempDir::new().unwrap();
    let file = home.path().join("tin.jsonl.gz");
    let mut gz = GzEncoder::new(std::fs::File::create(&file).unwrap(), Compression::default());
    writeln!(
        gz,
        r#"{{"id": 7, "title": "Hội đồng nhân dân", "body": "Kỳ họp thứ 12"}}"#
    )
    .unwrap();
    gz.finish().unwrap();
    let index = home.path().join("idx");
    common::index_file(&index, &file);
    let out = Command::cargo_bin("tracuu")
        .unwrap()
        .args(["search", "--format", "json", "--index"])
        .arg(&index)
        .arg("hoi dong")
        .output()
        .unwrap();
    assert_eq!(hit_ids(&serde_json::from_slice(&out.stdout).unwrap()), ["7"]);
}

#[test]
fn errors_are_one_clear_line_and_non_zero() {
    let home = TempDir::new().unwrap();
    let missing = home.path().join("nowhere");
    let out = Command::cargo_bin("tracuu")
        .unwrap()
        .args(["search", "--index"])
        .arg(&missing)
        .arg("x")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("no index at") && stderr.contains("tracuu index"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1);

    let out = tracuu(&home).args(["index", "/no/such/file.jsonl"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("cannot read /no/such/file.jsonl"));

    tracuu(&home).args(["search", "--limit", "many", "x"]).assert().code(2);
    tracuu(&home).args(["frobnicate"]).assert().code(2);
}

#[test]
fn an_index_from_another_schema_version_is_refused_with_advice() {
    let home = TempDir::new().unwrap();
    tracuu(&home).args(["search", "x"]).assert().success();
    let marker = home.path().join("index").join("tracuu.json");
    std::fs::write(&marker, r#"{"schema_version": 0, "created_by": "tracuu 0.0.0"}"#).unwrap();
    tracuu(&home)
        .args(["search", "x"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("schema version 0").and(predicates::str::contains("rebuild")));
}

#[test]
fn an_outdated_default_index_of_the_bundled_corpus_is_rebuilt_by_itself() {
    let home = TempDir::new().unwrap();
    tracuu(&home).args(["search", "x"]).assert().success();
    let marker = home.path().join("index").join("tracuu.json");
    std::fs::write(
        &marker,
        r#"{"schema_version": 0, "created_by": "tracuu 0.0.0", "bundled_corpus_only": true}"#,
    )
    .unwrap();
    tracuu(&home)
        .args(["search", "thanh hoa"])
        .assert()
        .success()
        .stderr(predicates::str::contains("rebuilding it"))
        .stdout(predicates::str::contains(THANH_HOA_ARTICLE));
}

/// An index of JSONL articles whose province and date are given, so facet
/// tests do not depend on extraction.
fn facet_fixture(home: &TempDir) -> std::path::PathBuf {
    let file = home.path().join("facets.jsonl");
    let lines = [
        r#"{"id": "th1", "title": "Thanh Hóa họp", "body": "Hội nghị tỉnh", "province": "Thanh Hóa", "date": "2022-12-28"}"#,
        r#"{"id": "th2", "title": "Thanh Hoá bàn", "body": "Hội nghị tỉnh", "province": "Thanh Hoá", "date": "2023-01-04"}"#,
        r#"{"id": "hd1", "title": "Hải Dương họp", "body": "Hội nghị tỉnh", "province": "Hải Dương", "date": "2023-12-01"}"#,
        r#"{"id": "hd2", "title": "Hải Dương bàn", "body": "Kỳ họp", "province": "Hải Dương", "date": "2021-06-01"}"#,
        r#"{"id": "none", "title": "Không rõ", "body": "Hội nghị"}"#,
    ];
    std::fs::write(&file, lines.join("\n")).unwrap();
    let index = home.path().join("facet-index");
    common::index_file(&index, &file);
    index
}

fn run_json(args: &[&str], index: &Path) -> Value {
    let out = Command::cargo_bin("tracuu")
        .unwrap()
        .args(args)
        .arg("--index")
        .arg(index)
        .arg("--format")
        .arg("json")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn facet_values(report: &Value, field: &str) -> Vec<(String, u64)> {
    report["facets"][field]["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["value"].as_str().unwrap().to_string(), v["count"].as_u64().unwrap()))
        .collect()
}

#[test]
fn filters_are_accent_and_case_insensitive_and_combine() {
    let home = TempDir::new().unwrap();
    let index = facet_fixture(&home);
    let ids = |args: &[&str]| {
        let mut ids = hit_ids(&run_json(args, &index));
        ids.sort();
        ids
    };
    // Both tone styles of the given province end up as one value.
    assert_eq!(ids(&["search", "hoi nghi", "--province", "thanh hoa"]), ["th1", "th2"]);
    assert_eq!(
        ids(&["search", "hoi nghi", "--province", "TỈNH THANH HOÁ"]),
        ["th1", "th2"]
    );
    // Repeated: OR within a facet; across facets: AND.
    assert_eq!(
        ids(&[
            "search",
            "hoi nghi",
            "--province",
            "thanh hoa",
            "--province",
            "hai duong"
        ]),
        ["hd1", "th1", "th2"]
    );
    assert_eq!(
        ids(&["search", "hoi nghi", "--province", "thanh hoa", "--year", "2023"]),
        ["th2"]
    );
    assert_eq!(ids(&["search", "hop", "--year", "2021..2022"]), ["hd2", "th1"]);
    assert_eq!(
        ids(&[
            "search",
            "hoi nghi",
            "--date-from",
            "2023-01-01",
            "--date-to",
            "31/12/2023"
        ]),
        ["hd1", "th2"]
    );
    let hit = &run_json(&["search", "ban", "--province", "hai duong"], &index)["hits"][0];
    assert_eq!(hit["province"], "Hải Dương");
    assert_eq!(hit["province_2025"], "Hải Phòng");
    assert_eq!(hit["year"], 2021);
}

#[test]
fn an_unknown_filter_value_says_so() {
    let home = TempDir::new().unwrap();
    let index = facet_fixture(&home);
    Command::cargo_bin("tracuu")
        .unwrap()
        .args(["search", "hoi nghi", "--province", "Atlantis", "--index"])
        .arg(&index)
        .assert()
        .success()
        .stderr(predicates::str::contains("no province named \"Atlantis\""));
}

#[test]
fn facets_drill_down_session() {
    let home = TempDir::new().unwrap();
    let index = facet_fixture(&home);
    // 1. What is there?
    let all = run_json(&["facets"], &index);
    assert_eq!(all["total"], 5);
    assert_eq!(
        facet_values(&all, "province"),
        [("Hải Dương".to_string(), 2), ("Thanh Hóa".to_string(), 2)]
    );
    assert_eq!(all["facets"]["province"]["unknown"], 1);
    assert_eq!(
        facet_values(&all, "province_2025"),
        [("Hải Phòng".to_string(), 2), ("Thanh Hóa".to_string(), 2)]
    );
    // 2. Narrow to one province…
    let one = run_json(&["facets", "--province", "hai duong", "--field", "year"], &index);
    assert_eq!(one["total"], 2);
    assert_eq!(
        facet_values(&one, "year"),
        [("2021".to_string(), 1), ("2023".to_string(), 1)]
    );
    assert!(one["facets"].get("province").is_none());
    // 3. …and a query and a year.
    let narrow = run_json(
        &["facets", "--province", "hai duong", "--year", "2023", "hoi nghi"],
        &index,
    );
    assert_eq!(narrow["total"], 1);
    assert_eq!(narrow["query"], "hoi nghi");
}

#[test]
fn facets_on_the_bundled_corpus_drill_down_to_one_province() {
    let home = TempDir::new().unwrap();
    let facets = |args: &[&str]| -> Value {
        let out = tracuu(&home)
            .arg("facets")
            .args(args)
            .args(["--format", "json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let all = facets(&[]);
    let provinces = facet_values(&all, "province");
    let names: Vec<&str> = provinces.iter().map(|(v, _)| v.as_str()).collect();
    assert_eq!(names, ["Hải Dương", "Hậu Giang", "Ninh Thuận", "Thanh Hóa", "Trà Vinh"]);
    assert!(provinces.iter().all(|(_, n)| *n == 1));
    let after_merger: Vec<String> = facet_values(&all, "province_2025")
        .into_iter()
        .map(|(v, _)| v)
        .collect();
    assert!(after_merger.contains(&"Hải Phòng".to_string()) && !after_merger.contains(&"Hải Dương".to_string()));
    // Filter to one province: only its article, and its facets.
    let ids = hit_ids(&search_json(&home, &["hoi nghi", "--province", "thanh hoa"]));
    assert_eq!(ids, [THANH_HOA_ARTICLE]);
    let narrowed = facets(&["--province", "thanh hoa", "--field", "official"]);
    assert_eq!(narrowed["total"], 1);
    let officials: Vec<String> = facet_values(&narrowed, "official")
        .into_iter()
        .map(|(v, _)| v)
        .collect();
    assert!(officials.contains(&"Đỗ Trọng Hưng".to_string()), "{officials:?}");
    // …then by an official across the corpus.
    assert_eq!(
        hit_ids(&search_json(&home, &["tinh", "--official", "do trong hung"])),
        [THANH_HOA_ARTICLE]
    );
    assert_eq!(
        hit_ids(&search_json(
            &home,
            &["tinh", "--year", "2023", "--province-2025", "hai phong"]
        )),
        ["004_123b24c5544894c2"]
    );
}
