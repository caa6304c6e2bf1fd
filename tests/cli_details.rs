//! Details of the command line a new user runs into: export targets and
//! their permissions, plurals, help texts, repeated or spaced field names,
//! agreeing counts, the score a user sorts by.

mod common;

use assert_cmd::Command;
use common::stdout_of;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

/// `tracuu` with its default index (the bundled corpus) under `home`.
fn tracuu(home: &TempDir) -> Command {
    common::tracuu_at(&home.path().join("index"))
}

#[cfg(unix)]
#[test]
fn export_files_get_the_usual_permissions_and_links_survive() {
    use std::os::unix::fs::PermissionsExt;
    let home = TempDir::new().unwrap();
    let new_file = home.path().join("new.csv");
    // umask 022, as a login shell has: 0666 & !022 = 0644 (a temporary file is 0600).
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "umask 022 && TRACUU_INDEX='{}' '{}' export --format csv -o '{}' tinh",
            home.path().join("index").display(),
            assert_cmd::cargo::cargo_bin("tracuu").display(),
            new_file.display()
        ))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mode = std::fs::metadata(&new_file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o644, "{mode:o}");

    // A replaced file keeps its permissions.
    std::fs::set_permissions(&new_file, std::fs::Permissions::from_mode(0o640)).unwrap();
    tracuu(&home)
        .args(["export", "--format", "csv", "--force", "-o"])
        .arg(&new_file)
        .arg("tinh")
        .assert()
        .success();
    let mode = std::fs::metadata(&new_file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640, "{mode:o}");

    // --force through a symbolic link replaces its target and keeps the link.
    let real = home.path().join("real.jsonl");
    std::fs::write(&real, "old\n").unwrap();
    let link = home.path().join("link.jsonl");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    tracuu(&home)
        .args(["export", "--format", "jsonl", "--fields", "id", "-o"])
        .arg(&link)
        .arg("tinh")
        .assert()
        .failure()
        .stderr(predicate::str::contains("exists; add --force"));
    tracuu(&home)
        .args(["export", "--format", "jsonl", "--fields", "id", "--force", "-o"])
        .arg(&link)
        .arg("tinh")
        .assert()
        .success();
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(std::fs::read_to_string(&real).unwrap().lines().count(), 5);

    // A device is written into, without --force and without being replaced.
    tracuu(&home)
        .args(["export", "--format", "csv", "-o", "/dev/null", "tinh"])
        .assert()
        .success()
        .stderr(predicate::str::contains("exported 5 articles to /dev/null"));
}

#[test]
fn dash_means_standard_output_and_one_row_is_one_article() {
    let home = TempDir::new().unwrap();
    tracuu(&home)
        .args(["export", "--format", "jsonl", "--fields", "id", "-o", "-", "Chỉ thị 19"])
        .assert()
        .success()
        .stdout(predicate::str::contains("000_0643c6b558096ecb"))
        .stderr(predicate::str::contains("exported 1 article to standard output"));
    assert!(!home.path().join("-").exists());
}

#[test]
fn fields_may_have_spaces_and_repeats_print_once() {
    let home = TempDir::new().unwrap();
    let csv = stdout_of(tracuu(&home).args(["export", "--format", "csv", "--fields", "id, title,id", "tinh"]));
    assert_eq!(csv.lines().next().unwrap(), "id,title");
    let facets = stdout_of(tracuu(&home).args(["facets", "--field", "year", "--field", "year"]));
    assert_eq!(facets.matches("\nyear (").count(), 1, "{facets}");
    let json: Value = serde_json::from_str(&stdout_of(
        tracuu(&home).args(["facets", "--format", "json", "--field", "year", "--field", "year"]),
    ))
    .unwrap();
    assert_eq!(json["facets"].as_object().unwrap().len(), 1);
}

#[test]
fn help_of_facets_and_stats_describes_their_own_output() {
    let home = TempDir::new().unwrap();
    let facets = stdout_of(tracuu(&home).args(["facets", "--help"]));
    assert!(
        facets.contains("Per facet, its values with their article counts"),
        "{facets}"
    );
    assert!(!facets.contains("rank, id, title"), "{facets}");
    let stats = stdout_of(tracuu(&home).args(["stats", "--help"]));
    assert!(stats.contains("One fact a line"), "{stats}");
    assert!(!stats.contains("rank, id, title"), "{stats}");
}

#[test]
fn stats_and_facets_agree_on_distinct_values() {
    let home = TempDir::new().unwrap();
    let stats: Value = serde_json::from_str(&stdout_of(tracuu(&home).args(["stats", "--format", "json"]))).unwrap();
    let facets: Value = serde_json::from_str(&stdout_of(tracuu(&home).args(["facets", "--format", "json"]))).unwrap();
    for (name, distinct) in stats["facets"].as_object().unwrap() {
        assert_eq!(distinct, &facets["facets"][name]["distinct"], "{name}");
    }
    assert_eq!(stats["version"], facets["version"]);
}

#[test]
fn score_is_relevance_and_tiers_are_apart() {
    let home = TempDir::new().unwrap();
    let results: Value = serde_json::from_str(&stdout_of(tracuu(&home).args([
        "search",
        "--format",
        "json",
        "hội nghị tỉnh",
    ])))
    .unwrap();
    let hits = results["hits"].as_array().unwrap();
    assert!(hits.len() > 1);
    for hit in hits {
        let score = hit["score"].as_f64().unwrap();
        assert!(score > 0.0 && score < 1_000.0, "{hit}");
        assert!(hit["tier"].is_u64(), "{hit}");
    }
    // Rank order is tier first, then score.
    let keys: Vec<(u64, f64)> = (hits.iter())
        .map(|h| (h["tier"].as_u64().unwrap(), h["score"].as_f64().unwrap()))
        .collect();
    assert!(
        keys.windows(2)
            .all(|w| w[0].0 > w[1].0 || (w[0].0 == w[1].0 && w[0].1 >= w[1].1)),
        "{keys:?}"
    );
    let csv = stdout_of(tracuu(&home).args([
        "export",
        "--format",
        "csv",
        "--fields",
        "id,score,tier",
        "hội nghị tỉnh",
    ]));
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    for row in reader.records() {
        let score: f64 = row.unwrap()[1].parse().unwrap();
        assert!(score < 1_000.0);
    }
}

#[test]
fn plurals_read_right() {
    let home = TempDir::new().unwrap();
    let one = stdout_of(tracuu(&home).args(["search", "Chỉ thị 19"]));
    assert!(one.starts_with("1 article matches"), "{one}");
    let facets = stdout_of(tracuu(&home).args(["facets", "--province", "hai duong", "--field", "province"]));
    assert!(facets.contains("province (1 value)"), "{facets}");
    let stats = stdout_of(tracuu(&home).args(["stats"]));
    assert!(
        !stats.contains("1 segments") && !stats.contains("1 distinct values"),
        "{stats}"
    );
}
