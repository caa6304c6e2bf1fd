//! Metadata a researcher can trust, through the real binary: every input
//! field used or reported, dates with their source and precision inside a
//! plausible window, filter aliases and the unknown bucket, sources.

mod common;

use common::{json, tracuu_at};
use predicates::prelude::*;
use serde_json::Value;
use std::path::Path;
use tempfile::TempDir;

/// Indexes `lines` (JSON objects) as one JSONL file into `home/idx`, with
/// the day of indexing fixed, and returns the index path and stderr.
fn index(home: &TempDir, lines: &[Value]) -> (std::path::PathBuf, String) {
    let file = home.path().join("in.jsonl");
    let text: Vec<String> = lines.iter().map(Value::to_string).collect();
    std::fs::write(&file, text.join("\n")).unwrap();
    let idx = home.path().join("idx");
    let out = tracuu_at(&idx)
        .env("TRACUU_TODAY", "2024-06-30")
        .arg("index")
        .arg(&file)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    (idx, stderr)
}

fn search(idx: &Path, args: &[&str]) -> Value {
    json(tracuu_at(idx).args(["search", "--format", "json"]).args(args))
}

fn ids(results: &Value) -> Vec<String> {
    let mut ids: Vec<String> = (results["hits"].as_array().unwrap().iter())
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

fn corpus() -> Vec<Value> {
    vec![
        serde_json::json!({"id": "lead", "title": "Họp báo", "abstract": "Chỉ có ở phần sa pô: hợp tác xã Tam Nông.",
            "body": "Sáng 3/5/2023, UBND tỉnh Đồng Tháp họp báo.", "category": "Chính trị - Xã hội", "split": "train"}),
        serde_json::json!({"id": "same", "title": "Tin", "abstract": "Sáng 4/5/2023, Sở Y tế TP.HCM họp.",
            "body": "Sáng 4/5/2023, Sở Y tế TP.HCM họp. Nội dung khác.", "source": "Người Lao Động (nld.com.vn)",
            "tags": ["Y tế", "Đô thị"], "split": "train"}),
        serde_json::json!({"id": "future", "title": "Thư gửi thế hệ 2100", "published": "2100-01-01",
            "body": "Ngày 2/1/2024, học sinh tỉnh Thừa Thiên Huế viết thư.", "source": "Báo Thanh Niên (thanhnien.vn)"}),
        serde_json::json!({"id": "given", "title": "Tin Huế", "publish_date": "2024-03-05",
            "body": "Thành phố Huế đón khách.", "topic": "Du lịch"}),
        serde_json::json!({"id": "yearonly", "title": "Tổng kết năm 2017",
            "body": "Tỉnh Nghệ An tổng kết năm 2017. Năm 2017, năm 2017 tăng trưởng."}),
        serde_json::json!({"id": "nowhere", "title": "Thời tiết", "body": "Trời nắng."}),
    ]
}

#[test]
fn leads_are_indexed_once_and_other_fields_reported() {
    let home = TempDir::new().unwrap();
    let (idx, stderr) = index(&home, &corpus());
    assert!(stderr.contains("ignored fields: split (2 records)"), "{stderr}");
    // A phrase only in the lead is found and shown.
    let found = search(&idx, &["\"hợp tác xã Tam Nông\""]);
    assert_eq!(ids(&found), ["lead"]);
    let article = json(tracuu_at(&idx).args(["show", "--format", "json", "lead"]));
    assert!(article["body"].as_str().unwrap().starts_with("Chỉ có ở phần sa pô"));
    // A body that opens with its lead does not get it twice.
    let same = json(tracuu_at(&idx).args(["show", "--format", "json", "same"]));
    assert_eq!(same["body"].as_str().unwrap().matches("Sở Y tế").count(), 1);
    assert_eq!(same["categories"], serde_json::json!(["Y tế", "Đô thị"]));
    // Categories are a facet and a filter.
    let facets = json(tracuu_at(&idx).args(["facets", "--format", "json", "--field", "category"]));
    assert_eq!(facets["facets"]["category"]["distinct"], 4);
    assert_eq!(ids(&search(&idx, &["--category", "du lich"])), ["given"]);
}

#[test]
fn dates_have_a_source_a_precision_and_a_window() {
    let home = TempDir::new().unwrap();
    let (idx, stderr) = index(&home, &corpus());
    let article = |id: &str| json(tracuu_at(&idx).args(["show", "--format", "json", id]));
    // A given date under another key.
    let given = article("given");
    assert_eq!(
        (&given["date"], &given["date_source"]),
        (&"2024-03-05".into(), &"given".into())
    );
    // A given date after the day of indexing gives way to the text's, with a warning.
    assert!(
        stderr.contains("article future: the date given is before 1945 or after the day of indexing"),
        "{stderr}"
    );
    let future = article("future");
    assert_eq!(
        (&future["date"], &future["date_source"]),
        (&"2024-01-02".into(), &"text".into())
    );
    // A year known without a day is a year, and the year facet, filters and sorting agree.
    let year_only = article("yearonly");
    assert_eq!(
        (&year_only["date"], &year_only["date_precision"]),
        (&"2017".into(), &"year".into())
    );
    assert_eq!(year_only["year"], 2017);
    assert_eq!(ids(&search(&idx, &["--year", "2017"])), ["yearonly"]);
    assert_eq!(
        ids(&search(&idx, &["--date-from", "2017-01-01", "--date-to", "2017-12-31"])),
        ["yearonly"]
    );
    assert!(ids(&search(&idx, &["--date-from", "2017-02-01", "--date-to", "2017-12-31"])).is_empty());
    assert_eq!(ids(&search(&idx, &["--date-source", "given"])), ["given"]);
    assert_eq!(
        ids(&search(&idx, &["--date-source", "text"])),
        ["future", "lead", "same", "yearonly"]
    );
    // Nothing is dated after the day of indexing.
    let stats = json(tracuu_at(&idx).args(["stats", "--format", "json"]));
    assert!(stats["last_date"].as_str().unwrap() <= "2024-06-30", "{stats}");
}

#[test]
fn text_dates_after_the_day_of_indexing_are_refused() {
    let home = TempDir::new().unwrap();
    let lines = [serde_json::json!({"id": "t", "title": "Tin", "body": "Ngày 5/6/2025, tỉnh Nghệ An họp."})];
    let (idx, _) = index(&home, &lines);
    let article = json(tracuu_at(&idx).args(["show", "--format", "json", "t"]));
    assert_eq!(
        article["date"],
        Value::Null,
        "2025 is after the day of indexing (2024-06-30)"
    );
}

#[test]
fn province_aliases_the_unknown_bucket_and_suggestions() {
    let home = TempDir::new().unwrap();
    let (idx, _) = index(&home, &corpus());
    for alias in ["TP.HCM", "HCM", "tphcm", "Sài Gòn", "ho chi minh"] {
        assert_eq!(ids(&search(&idx, &["--province", alias])), ["same"], "{alias}");
    }
    assert_eq!(ids(&search(&idx, &["--province", "Huế"])), ["future", "given"]);
    assert_eq!(ids(&search(&idx, &["--province", "none"])), ["nowhere"]);
    tracuu_at(&idx)
        .args(["search", "--province", "Dong Thapp"])
        .assert()
        .success()
        .stderr(predicate::str::contains("did you mean \"Đồng Tháp\"?"));
    // Facets say which filters they count under.
    let table = tracuu_at(&idx)
        .args(["facets", "--field", "year", "--province", "hue"])
        .output()
        .unwrap();
    assert!(String::from_utf8(table.stdout)
        .unwrap()
        .contains("filters: province: hue"));
}

#[test]
fn sources_match_by_name_or_domain_and_are_a_facet() {
    let home = TempDir::new().unwrap();
    let (idx, _) = index(&home, &corpus());
    for typed in ["nld.com.vn", "nguoi lao dong", "Người Lao Động", "NLD.COM.VN"] {
        assert_eq!(ids(&search(&idx, &["--source", typed])), ["same"], "{typed}");
    }
    assert_eq!(ids(&search(&idx, &["source:thanhnien.vn"])), ["future"]);
    let facets = json(tracuu_at(&idx).args(["facets", "--format", "json", "--field", "source"]));
    assert_eq!(facets["facets"]["source"]["distinct"], 2);
    assert_eq!(facets["facets"]["source"]["unknown"], 4);
    // The unknown bucket is selectable, as for the other facets.
    assert_eq!(
        ids(&search(&idx, &["--source", "none"])),
        ["given", "lead", "nowhere", "yearonly"]
    );
}

#[test]
fn an_official_known_to_the_reference_list_gets_the_posts_held_at_the_articles_date() {
    let home = TempDir::new().unwrap();
    // The default index, built from the bundled articles.
    let article = json(tracuu_at(&home.path().join("idx")).args(["show", "--format", "json", "001_304570ebb02cd033"]));
    assert_eq!(article["date"], "2022-12-28");
    let posts = article["posts"].as_array().unwrap();
    let hung = posts.iter().find(|p| p["name"] == "Đỗ Trọng Hưng").unwrap();
    let then: Vec<&str> = hung["posts_at_date"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert!(then.contains(&"Bí thư Tỉnh ủy Thanh Hóa"), "{then:?}");
    // A person the list does not know has none.
    let ca = posts.iter().find(|p| p["name"] == "Hà Văn Ca").unwrap();
    assert!(ca.get("posts_at_date").is_none(), "{ca}");
}
