//! Export, show, stats, snippets and synonyms, through the real binary.

mod common;

use assert_cmd::Command;
use common::stdout_of;
use predicates::prelude::*;
use serde_json::Value;
use std::path::PathBuf;
use tempfile::TempDir;
use unicode_normalization::UnicodeNormalization;

fn tracuu(home: &TempDir) -> Command {
    let mut cmd = Command::cargo_bin("tracuu").unwrap();
    cmd.env("TRACUU_INDEX", home.path().join("index"));
    cmd
}

/// The hits (id, rank key) of `tracuu search --format json --index INDEX
/// QUERY`, best first: the rank key is 10,000 a tier point plus the score.
fn hits_of(index: &std::path::Path, query: &str) -> Vec<(String, f64)> {
    let out = stdout_of(
        Command::cargo_bin("tracuu")
            .unwrap()
            .args(["search", "--format", "json", "--index"])
            .arg(index)
            .arg(query),
    );
    let json: Value = serde_json::from_str(&out).unwrap();
    json["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let key = h["tier"].as_f64().unwrap() * 10_000.0 + h["score"].as_f64().unwrap();
            (h["id"].as_str().unwrap().to_string(), key)
        })
        .collect()
}

fn total_of_search(home: &TempDir, query: &str) -> u64 {
    let json: Value =
        serde_json::from_str(&stdout_of(tracuu(home).args(["search", "--format", "json", query]))).unwrap();
    json["total"].as_u64().unwrap()
}

#[test]
fn csv_export_has_a_row_for_every_hit_search_counts() {
    let home = TempDir::new().unwrap();
    let total = total_of_search(&home, "tinh");
    assert_eq!(total, 5);
    let csv_text = stdout_of(tracuu(&home).args(["export", "--format", "csv", "tinh"]));
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        [
            "rank",
            "id",
            "score",
            "date",
            "date_source",
            "year",
            "province",
            "province_2025",
            "officials",
            "title",
            "source",
            "url",
            "snippet"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len() as u64, total);
    assert!(rows.iter().all(|r| r.len() == headers.len()));
}

#[test]
fn jsonl_and_json_exports_parse_and_can_add_the_body() {
    let home = TempDir::new().unwrap();
    let jsonl = stdout_of(tracuu(&home).args(["export", "--format", "jsonl", "--fields", "id,title,body", "tinh"]));
    let lines: Vec<Value> = jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 5);
    assert!(lines.iter().all(|l| l["body"].as_str().unwrap().len() > 1000));
    let json: Value = serde_json::from_str(&stdout_of(
        tracuu(&home).args(["export", "--format", "json", "19-CT/TW"]),
    ))
    .unwrap();
    assert_eq!(json.as_array().unwrap().len(), 1);
    let empty: Value = serde_json::from_str(&stdout_of(tracuu(&home).args([
        "export",
        "--format",
        "json",
        "khongcotu",
    ])))
    .unwrap();
    assert_eq!(empty, serde_json::json!([]));
}

#[test]
fn export_sorted_by_date_puts_newest_first_and_undated_last() {
    let home = TempDir::new().unwrap();
    let file = home.path().join("dated.jsonl");
    std::fs::write(
        &file,
        [
            r#"{"id": "old", "title": "họp", "body": "lần một", "date": "2020-01-01"}"#,
            r#"{"id": "none", "title": "họp", "body": "lần hai"}"#,
            r#"{"id": "new", "title": "họp", "body": "lần ba", "date": "2024-05-05"}"#,
        ]
        .join("\n"),
    )
    .unwrap();
    let index = home.path().join("dated");
    common::index_file(&index, &file);
    let ids = |sort: &str| {
        let out = stdout_of(
            Command::cargo_bin("tracuu")
                .unwrap()
                .args(["export", "--format", "csv", "--fields", "id", "--sort", sort, "--index"])
                .arg(&index)
                .arg("hop"),
        );
        out.lines().skip(1).map(str::to_string).collect::<Vec<_>>()
    };
    assert_eq!(ids("-date"), ["new", "old", "none"]);
    assert_eq!(ids("date"), ["old", "new", "none"]);
}

#[test]
fn formula_cells_are_neutralised_and_excel_gets_a_bom() {
    let home = TempDir::new().unwrap();
    let file = home.path().join("evil.jsonl");
    std::fs::write(
        &file,
        r#"{"id": "e1", "title": "=HYPERLINK(\"http://x\",\"bấm\")", "body": "-1 điểm", "source": "@nguon"}"#,
    )
    .unwrap();
    let index = home.path().join("evil");
    common::index_file(&index, &file);
    let out = Command::cargo_bin("tracuu")
        .unwrap()
        .args([
            "export",
            "--format",
            "csv",
            "--excel",
            "--fields",
            "id,title,source,snippet",
            "--index",
        ])
        .arg(&index)
        .arg("diem")
        .output()
        .unwrap();
    assert!(out.stdout.starts_with("\u{FEFF}".as_bytes()), "BOM first");
    let text = String::from_utf8(out.stdout[3..].to_vec()).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!(&row[1], "'=HYPERLINK(\"http://x\",\"bấm\")");
    assert_eq!(&row[2], "'@nguon");
    assert_eq!(&row[3], "'-1 điểm");
}

#[test]
fn export_into_a_closed_pipe_ends_quietly() {
    let home = TempDir::new().unwrap();
    tracuu(&home).args(["search", "x"]).assert().success();
    let binary = assert_cmd::cargo::cargo_bin("tracuu");
    let script = format!(
        "set -o pipefail; '{}' export --format jsonl --fields id,body tinh | head -1",
        binary.display()
    );
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(script)
        .env("TRACUU_INDEX", home.path().join("index"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 1);
}

#[test]
fn an_existing_output_file_is_kept_without_force() {
    let home = TempDir::new().unwrap();
    let target = home.path().join("out.csv");
    std::fs::write(&target, "keep me").unwrap();
    tracuu(&home)
        .args(["export", "--format", "csv", "-o"])
        .arg(&target)
        .arg("tinh")
        .assert()
        .failure()
        .stderr(predicate::str::contains("exists; add --force"));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
    tracuu(&home)
        .args(["export", "--format", "csv", "--force", "-o"])
        .arg(&target)
        .arg("tinh")
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&target).unwrap().lines().count(), 6);
    let leftovers: Vec<PathBuf> = std::fs::read_dir(home.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(".tracuu-export"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// The words of the first hit's snippet that are highlighted.
fn highlighted(home: &TempDir, query: &str) -> Vec<String> {
    let json: Value = serde_json::from_str(&stdout_of(
        tracuu(home).args(["search", "--format", "json", "-n", "1", query]),
    ))
    .unwrap();
    let hit = &json["hits"][0];
    let snippet = hit["snippet"].as_str().unwrap();
    hit["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| snippet[r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize].to_string())
        .collect()
}

#[test]
fn accentless_nfd_and_old_tone_queries_highlight_the_original_words() {
    let home = TempDir::new().unwrap();
    for query in [
        "do trong hung",
        &"Đỗ Trọng Hưng".nfd().collect::<String>(),
        "dỗ trọng hưng",
    ] {
        let words = highlighted(&home, query);
        assert!(words.iter().any(|w| w == "Đỗ"), "{query:?}: {words:?}");
        assert!(words.iter().any(|w| w == "Hưng"), "{query:?}: {words:?}");
    }
    // Old tone placement in the query, new placement in the text ("Ủy").
    let words = highlighted(&home, "Uỷ viên Trung ương");
    assert!(words.iter().any(|w| w == "Ủy"), "{words:?}");
}

#[test]
fn headline_and_text_are_searched_together_and_the_headline_weighs_more() {
    let home = TempDir::new().unwrap();
    let file = home.path().join("news.jsonl");
    std::fs::write(
        &file,
        [
            r#"{"id": "headline", "title": "Lũ lụt ở miền Trung", "body": "Mưa lớn kéo dài nhiều ngày qua."}"#,
            r#"{"id": "text", "title": "Tin thời tiết", "body": "Mưa lớn gây lũ lụt ở miền Trung."}"#,
            r#"{"id": "split", "title": "Chuyện ở Hà", "body": "Nội dung bài viết về mưa."}"#,
        ]
        .join("\n"),
    )
    .unwrap();
    let index = home.path().join("news");
    common::index_file(&index, &file);
    let ids = |query: &str| -> Vec<String> { hits_of(&index, query).into_iter().map(|(id, _)| id).collect() };
    // The same words, in the headline of one and the text of the other.
    assert_eq!(ids("lũ lụt miền trung"), ["headline", "text"]);
    assert_eq!(ids("lu lut"), ["headline", "text"]);
    // Words from the headline and from the text find an article together.
    assert_eq!(ids("miền trung kéo dài"), ["headline"]);
    // ... but a word or phrase does not run on from the headline into the text.
    assert_eq!(ids("hà AND nội"), ["split"]);
    assert!(ids("\"hà nội\"").is_empty());
    assert!(ids("hà nội").is_empty(), "one word, its syllables side by side");
    // `title:` still searches the headline alone.
    assert_eq!(ids("title:mưa"), Vec::<String>::new());
    assert_eq!(ids("title:lụt"), ["headline"]);
}

/// The headline's extra weight goes to what the query asks for: a phrase
/// only when the headline has it whole, never an excluded word.
#[test]
fn the_headline_weighs_only_for_wanted_words_and_whole_phrases() {
    let home = TempDir::new().unwrap();
    let file = home.path().join("news.jsonl");
    let body = "Tin từ Hà Nội: cơn bão số 3 đã qua.";
    let line = |id: &str, title: &str| serde_json::json!({ "id": id, "title": title, "body": body }).to_string();
    let lines = [
        line("apart", "Nội chiến ở Hà Giang"),
        line("plain", "Chiến sự ở Bắc Giang"),
        line("whole", "Chiến sự ở Hà Nội"),
        // As many syllables with accents as "plain": the index holds an
        // exact form beside the folded one for each, and BM25 counts both.
        line("excluded", "Mưa rào ở Bắc Giang"),
        serde_json::json!({ "id": "split", "title": "Chuyện ở Hà", "body": "Nội dung: bão." }).to_string(),
    ];
    std::fs::write(&file, lines.join("\n")).unwrap();
    let index = home.path().join("news");
    common::index_file(&index, &file);
    let scores =
        |query: &str| -> std::collections::HashMap<String, f64> { hits_of(&index, query).into_iter().collect() };
    // Same text, headlines of the same length: only a headline holding the
    // phrase whole scores more.
    let phrase = scores("\"hà nội\"");
    assert_eq!(phrase["apart"], phrase["plain"], "{phrase:?}");
    assert!(phrase["whole"] > phrase["plain"], "{phrase:?}");
    // The headline's last words and the text's first are not "close" either
    // (the position tiers add 10,000 and more).
    let bare = scores("ở nội");
    assert!(bare["split"] < 1000.0 && bare["whole"] > 10_000.0, "{bare:?}");
    // An excluded word in a headline adds nothing to a match found otherwise.
    let either = scores("(lũ -mưa) OR bão");
    assert_eq!(either["excluded"], either["plain"], "{either:?}");
}

#[test]
fn abbreviations_and_full_forms_find_each_other() {
    let home = TempDir::new().unwrap();
    let file = home.path().join("ub.jsonl");
    std::fs::write(
        &file,
        [
            r#"{"id": "full", "title": "Tin 1", "body": "Ủy ban nhân dân tỉnh Thanh Hóa họp phiên thường kỳ."}"#,
            r#"{"id": "abbr", "title": "Tin 2", "body": "UBND tỉnh Thanh Hóa họp phiên thường kỳ."}"#,
            r#"{"id": "other", "title": "Tin 3", "body": "Hội đồng nhân dân tỉnh Thanh Hóa họp."}"#,
            r#"{"id": "dot", "title": "Tin 4", "body": "Khai mạc hội chợ tại TP.HCM hôm nay."}"#,
            r#"{"id": "dot-space", "title": "Tin 5", "body": "Khai mạc hội chợ tại TP. HCM hôm nay."}"#,
            r#"{"id": "city", "title": "Tin 6", "body": "Khai mạc hội chợ tại Thành phố Hồ Chí Minh hôm nay."}"#,
            r#"{"id": "apart", "title": "Tin 7", "body": "Ông TP cho biết HCM là tên viết tắt."}"#,
        ]
        .join("\n"),
    )
    .unwrap();
    let index = home.path().join("ub");
    common::index_file(&index, &file);
    let ids = |query: &str| {
        let mut ids: Vec<String> = hits_of(&index, query).into_iter().map(|(id, _)| id).collect();
        ids.sort();
        ids
    };
    assert_eq!(ids("UBND tỉnh Thanh Hóa"), ["abbr", "full"]);
    assert_eq!(ids("Ủy ban nhân dân tỉnh Thanh Hóa"), ["abbr", "full"]);
    assert_eq!(ids("\"uy ban nhan dan tinh thanh hoa\""), ["abbr", "full"]);
    assert_eq!(ids("HĐND"), ["other"]);
    // Every spelling of the city, the one with a full stop (a clause break
    // between the words) too; the words apart are no match.
    assert_eq!(ids("tp hcm"), ["city", "dot", "dot-space"]);
    assert_eq!(ids("\"tại TP.HCM\""), ["city", "dot", "dot-space"]);
    // "TP.HCM" and "TP HCM" are one search (the words side by side); the
    // spelling with a full stop is searched as written, and found too.
    assert_eq!(ids("TP.HCM"), ["city", "dot", "dot-space"]);
    assert_eq!(ids("\"TP. HCM\""), ["city", "dot", "dot-space"]);
}

#[test]
fn users_can_add_their_own_synonyms() {
    let home = TempDir::new().unwrap();
    let mine = home.path().join("mine.tsv");
    std::fs::write(&mine, "# mine\nBí thư | người đứng đầu Đảng bộ\n").unwrap();
    let with = stdout_of(
        tracuu(&home)
            .args(["search", "--synonyms"])
            .arg(&mine)
            .args(["người đứng đầu Đảng bộ"]),
    );
    assert!(with.contains("Bí thư"), "{with}");
    std::fs::write(&mine, "lonely\n").unwrap();
    tracuu(&home)
        .args(["search", "--synonyms"])
        .arg(&mine)
        .arg("x")
        .assert()
        .failure()
        .stderr(predicate::str::contains("mine.tsv:1:"));
}

#[test]
fn show_prints_the_whole_cleaned_article_and_json() {
    let home = TempDir::new().unwrap();
    let text = stdout_of(tracuu(&home).args(["show", "001_304570ebb02cd033"]));
    assert!(text.starts_with("Hội nghị trực tuyến toàn tỉnh"), "{text}");
    assert!(text.contains("Tin, ảnh: Hồ Thuỷ"), "the whole text, to its last line");
    let json: Value = serde_json::from_str(&stdout_of(tracuu(&home).args([
        "show",
        "--format",
        "json",
        "001_304570ebb02cd033",
    ])))
    .unwrap();
    assert_eq!(json["id"], "001_304570ebb02cd033");
    assert!(json["body"].as_str().unwrap().contains("Đỗ Trọng Hưng"));
    tracuu(&home)
        .args(["show", "nope"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no article with id \"nope\""));
}

#[test]
fn stats_describe_the_index() {
    let home = TempDir::new().unwrap();
    let json: Value = serde_json::from_str(&stdout_of(tracuu(&home).args(["stats", "--format", "json"]))).unwrap();
    assert_eq!(json["documents"], 5);
    assert!(json["size_bytes"].as_u64().unwrap() > 10_000);
    assert_eq!(json["schema_version"], tracuu::schema_version());
    for facet in ["province", "province_2025", "year", "official"] {
        assert!(json["facets"][facet].is_u64(), "{facet}");
    }
}

#[test]
fn every_command_has_help_with_an_example_and_completions_exist() {
    for command in ["index", "search", "facets", "export", "show", "stats", "completions"] {
        let out = Command::cargo_bin("tracuu")
            .unwrap()
            .args([command, "--help"])
            .output()
            .unwrap();
        let help = String::from_utf8(out.stdout).unwrap();
        assert!(help.contains("Example"), "{command} --help has no example:\n{help}");
    }
    for shell in ["bash", "zsh", "fish"] {
        let out = Command::cargo_bin("tracuu")
            .unwrap()
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(out.status.success() && String::from_utf8_lossy(&out.stdout).contains("export"));
    }
}

#[test]
fn export_snippets_find_matches_in_the_opening_and_past_it() {
    let home = TempDir::new().unwrap();
    let file = home.path().join("long.jsonl");
    // Long articles: the export looks in the opening first, then in the rest.
    let filler = "Mở đầu bài viết về đời sống văn hóa. ".repeat(40);
    let lines = [
        serde_json::json!({ "id": "late", "title": "Tin dài", "body": format!("{filler}Tỉnh Thanh Hóa tổng kết năm.") }),
        serde_json::json!({ "id": "early", "title": "Tin dài", "body": format!("Tỉnh Thanh Hoá họp. {filler}") }),
    ];
    std::fs::write(&file, lines.map(|l| l.to_string()).join("\n")).unwrap();
    let index = home.path().join("long");
    common::index_file(&index, &file);
    let out = Command::cargo_bin("tracuu")
        .unwrap()
        .args(["export", "--format", "csv", "--fields", "id,snippet", "--index"])
        .arg(&index)
        .arg("thanh hoa")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let rows: Vec<(String, String)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[1].to_string())
        })
        .collect();
    assert_eq!(rows.len(), 2);
    for (id, snippet) in &rows {
        let wanted = if id == "late" {
            "Thanh Hóa tổng kết"
        } else {
            "Thanh Hoá họp"
        };
        assert!(snippet.contains(wanted), "{id}: {snippet}");
        assert!(
            snippet.chars().count() < 260,
            "{id}: a passage, not the article: {snippet}"
        );
    }
}
