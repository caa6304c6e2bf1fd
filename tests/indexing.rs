//! Indexing runs: syndicated copies, unchanged articles, --strict, --optimize.

mod common;

use common::{json, tracuu_at as tracuu};
use predicates::prelude::*;
use std::path::{Path, PathBuf};
use tempfile::TempDir;
use unicode_normalization::UnicodeNormalization;

fn write_jsonl(dir: &Path, name: &str, lines: &[String]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, lines.join("\n")).unwrap();
    path
}

fn article(id: &str, title: &str, body: &str) -> String {
    serde_json::json!({"id": id, "title": title, "body": body}).to_string()
}

#[test]
fn syndicated_copies_are_recorded_as_duplicates_not_hits() {
    let home = TempDir::new().unwrap();
    let index = home.path().join("idx");
    let body = "Sáng 28-12, UBND tỉnh Thanh Hóa tổ chức hội nghị.";
    let file = write_jsonl(
        home.path(),
        "copies.jsonl",
        &[
            article("orig", "Hội nghị tỉnh", body),
            // Same text in NFD, other case and spacing: a syndicated copy.
            article(
                "copy",
                "HỘI NGHỊ  TỈNH",
                &body.nfd().collect::<String>().replace(' ', "  "),
            ),
            article("other", "Hội nghị tỉnh", "Một bài khác hẳn."),
        ],
    );
    tracuu(&index)
        .arg("index")
        .arg(&file)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "(2 new, 0 replaced, 0 unchanged, 1 duplicates, 0 skipped)",
        ));
    let results = json(tracuu(&index).args(["search", "--format", "json", "thanh hoa"]));
    assert_eq!(results["total"], 1);
    assert_eq!(results["hits"][0]["id"], "orig");
    assert_eq!(results["hits"][0]["duplicates"], 1);
    let stats = json(tracuu(&index).args(["stats", "--format", "json"]));
    assert_eq!(
        (stats["documents"].as_u64(), stats["duplicates"].as_u64()),
        (Some(2), Some(1))
    );
    // The copy is still there to look at.
    let copy = json(tracuu(&index).args(["show", "--format", "json", "copy"]));
    assert_eq!((&copy["id"], &copy["copy_of"]), (&"copy".into(), &"orig".into()));
    // And the original lists it.
    let original = json(tracuu(&index).args(["show", "--format", "json", "orig"]));
    assert_eq!(original["copies"], serde_json::json!(["copy"]));
    let shown = tracuu(&index).args(["show", "orig"]).output().unwrap();
    assert!(String::from_utf8_lossy(&shown.stdout).contains("1 copy: copy"));

    let kept = home.path().join("kept");
    tracuu(&kept)
        .args(["index", "--keep-duplicates"])
        .arg(&file)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "(3 new, 0 replaced, 0 unchanged, 0 duplicates",
        ));
    assert_eq!(
        json(tracuu(&kept).args(["search", "--format", "json", "thanh hoa"]))["total"],
        2
    );
}

#[test]
fn strict_runs_stop_at_the_first_bad_line_and_change_nothing() {
    let home = TempDir::new().unwrap();
    let index = home.path().join("idx");
    let good = write_jsonl(home.path(), "good.jsonl", &[article("a", "Tin", "Nội dung")]);
    tracuu(&index).arg("index").arg(&good).assert().success();
    let bad = write_jsonl(
        home.path(),
        "bad.jsonl",
        &[
            article("b", "Tin hai", "Nội dung hai"),
            "{oops".to_string(),
            article("c", "Tin ba", "x"),
        ],
    );
    tracuu(&index)
        .args(["index", "--strict"])
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("bad.jsonl:2: invalid JSON").and(predicate::str::contains("nothing was changed")),
        );
    assert_eq!(json(tracuu(&index).args(["stats", "--format", "json"]))["documents"], 1);
    // Without --strict the good lines go in and the bad one is counted.
    tracuu(&index)
        .arg("index")
        .arg(&bad)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "(2 new, 0 replaced, 0 unchanged, 0 duplicates, 1 skipped)",
        ));
}

#[test]
fn optimize_merges_the_index_into_one_segment() {
    let home = TempDir::new().unwrap();
    let index = home.path().join("idx");
    for n in 0..3 {
        let file = write_jsonl(
            home.path(),
            &format!("f{n}.jsonl"),
            &[article(&format!("a{n}"), "Tin", &format!("bài số {n}"))],
        );
        tracuu(&index).arg("index").arg(&file).assert().success();
    }
    assert!(
        json(tracuu(&index).args(["stats", "--format", "json"]))["segments"]
            .as_u64()
            .unwrap()
            > 1
    );
    let last = write_jsonl(home.path(), "last.jsonl", &[article("z", "Tin", "bài cuối")]);
    tracuu(&index)
        .args(["index", "--optimize"])
        .arg(&last)
        .assert()
        .success();
    let stats = json(tracuu(&index).args(["stats", "--format", "json"]));
    assert_eq!(stats["segments"], 1);
    assert_eq!(stats["documents"], 4);
}

#[test]
fn small_commit_intervals_lose_nothing() {
    let home = TempDir::new().unwrap();
    let index = home.path().join("idx");
    let lines: Vec<String> = (0..50)
        .map(|n| article(&format!("a{n}"), "Tin", &format!("bài số {n} về tỉnh")))
        .collect();
    let file = write_jsonl(home.path(), "many.jsonl", &lines);
    tracuu(&index)
        .args(["index", "--commit-every", "7"])
        .arg(&file)
        .assert()
        .success();
    assert_eq!(
        json(tracuu(&index).args(["search", "--format", "json", "tinh"]))["total"],
        50
    );
}

/// One open index answers many searches: its reader is kept while nothing
/// is committed, and a commit (from this handle or another) is seen at once.
#[test]
fn a_kept_reader_sees_every_commit() {
    use tracuu::{IndexOptions, TracuuIndex};
    let home = TempDir::new().unwrap();
    let dir = home.path().join("idx");
    let add = |target: &TracuuIndex, name: &str, id: &str| {
        let file = write_jsonl(home.path(), name, &[article(id, "Tin", "Hội nghị tỉnh Thanh Hóa.")]);
        let strict = IndexOptions {
            strict: true,
            ..IndexOptions::default()
        };
        target.add_paths(&[file], &strict, &mut ()).unwrap();
    };
    let target = TracuuIndex::open_or_create(&dir).unwrap();
    add(&target, "a.jsonl", "a");
    let first = target.searcher().unwrap();
    assert_eq!(first.num_docs(), 1);
    assert_eq!(
        target.searcher().unwrap().generation().generation_id(),
        first.generation().generation_id()
    );
    add(&target, "b.jsonl", "b");
    assert_eq!(target.searcher().unwrap().num_docs(), 2);
    let other = TracuuIndex::open(&dir).unwrap();
    add(&other, "c.jsonl", "c");
    assert_eq!(target.searcher().unwrap().num_docs(), 3);
}

#[test]
fn an_article_indexed_again_with_its_accents_corrected_is_replaced() {
    let home = TempDir::new().unwrap();
    let index = home.path().join("idx");
    let typo = write_jsonl(home.path(), "a.jsonl", &[article("a", "Tin", "Tàu cá trên Biến Đông.")]);
    tracuu(&index).arg("index").arg(&typo).assert().success();
    let fixed = write_jsonl(home.path(), "b.jsonl", &[article("a", "Tin", "Tàu cá trên Biển Đông.")]);
    // The same text once accents are set aside, but not the same text.
    tracuu(&index)
        .arg("index")
        .arg(&fixed)
        .assert()
        .success()
        .stderr(predicate::str::contains("(0 new, 1 replaced, 0 unchanged"));
    assert_eq!(
        json(tracuu(&index).args(["search", "--format", "json", "Biển Đông"]))["total"],
        1
    );
    tracuu(&index)
        .arg("index")
        .arg(&fixed)
        .assert()
        .success()
        .stderr(predicate::str::contains("(0 new, 0 replaced, 1 unchanged"));
}
