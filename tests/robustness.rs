//! Bad input, crashes and concurrent use, through the real binary.

mod common;

use common::{json, tracuu_at as tracuu};
use predicates::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};
use tempfile::TempDir;

fn total(index: &Path, query: &str) -> u64 {
    json(tracuu(index).args(["search", "--format", "json", query]))["total"]
        .as_u64()
        .unwrap()
}

#[test]
fn other_encodings_are_decoded_and_unreadable_files_reported() {
    let home = TempDir::new().unwrap();
    let dir = home.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    let text = "Hội nghị tỉnh Thanh Hóa\nUBND tỉnh họp bàn kế hoạch năm 2024.";
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    std::fs::write(dir.join("utf16.txt"), utf16).unwrap();
    // Windows-1258: "Hội đồng nhân dân" with combining tone marks.
    std::fs::write(
        dir.join("cp1258.txt"),
        b"H\xf4\xf2i \xf0\xf4\xccng nh\xe2n d\xe2n\nk\xf2\xf9 h\xf4\xf2p th\xfa\xecc.",
    )
    .unwrap();
    // TCVN3 (ABC): "Ban chấp hành của tỉnh và được".
    std::fs::write(
        dir.join("tcvn3.txt"),
        b"Ban ch\xcap h\xb5nh\nc\xf1a t\xd8nh v\xb5 \xae\xad\xeec",
    )
    .unwrap();
    std::fs::write(dir.join("empty.txt"), b"").unwrap();
    std::fs::write(dir.join("image.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    std::fs::write(dir.join("notes.pdf"), b"%PDF").unwrap();
    let index = home.path().join("idx");
    tracuu(&index).arg("index").arg(&dir).assert().success().stderr(
        predicate::str::contains("tcvn3.txt: text in the legacy TCVN3 (ABC) font encoding")
            .and(predicate::str::contains("empty.txt: empty file"))
            .and(predicate::str::contains("image.txt: binary file"))
            .and(predicate::str::contains(
                "(2 new, 0 replaced, 0 unchanged, 0 duplicates, 3 skipped)",
            ))
            .and(predicate::str::contains("ignored 1 file that is not")),
    );
    assert_eq!(total(&index, "thanh hoa"), 1);
    assert_eq!(total(&index, "hoi dong nhan dan"), 1);
}

#[test]
fn jsonl_errors_name_file_and_line_and_the_rest_is_indexed() {
    let home = TempDir::new().unwrap();
    let file = home.path().join("mixed.jsonl");
    let mut lines = vec![
        r#"{"id": "ok1", "title": "Tin một", "body": "Nội dung một"}"#.to_string(),
        r#"{"id": "nobody", "title": "Thiếu thân"}"#.to_string(),
        r#"{"id": ["not", "a", "string"], "body": "x"}"#.to_string(),
        r#"{"id": "badbody", "body": 42}"#.to_string(),
        "not json at all".to_string(),
    ];
    lines.push(format!(
        r#"{{"id": "big", "title": "Dài", "body": "{}"}}"#,
        "chữ ".repeat(3_000_000)
    ));
    lines.push(r#"{"id": "ok2", "title": "Tin hai", "body": "Nội dung hai"}"#.to_string());
    // An unreadable date loses nothing: indexed, dated from its text, and said.
    lines.push(
        r#"{"id": "baddate", "title": "Tin ba", "body": "Ngày 2/9/2023, nội dung ba", "date": "hôm qua"}"#.to_string(),
    );
    std::fs::write(&file, lines.join("\n")).unwrap();
    let index = home.path().join("idx");
    let out = tracuu(&index).arg("index").arg(&file).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    for expected in [
        "mixed.jsonl:2: article nobody: missing `body`",
        "mixed.jsonl:3: invalid JSON",
        "mixed.jsonl:4: invalid JSON",
        "mixed.jsonl:5: invalid JSON",
        "mixed.jsonl:8: article baddate: date \"hôm qua\" not understood",
        "(4 new, 0 replaced, 0 unchanged, 0 duplicates, 4 skipped)",
        "; 1 indexed with a warning",
    ] {
        assert!(stderr.contains(expected), "{expected:?} not in:\n{stderr}");
    }
    assert_eq!(total(&index, "noi dung"), 3);
    let dated = json(tracuu(&index).args(["search", "--format", "json", "noi dung ba"]));
    assert_eq!(dated["hits"][0]["date"], "2023-09-02", "dated from its text");
    assert_eq!(total(&index, "chu"), 1, "a 12 MB article is indexed whole");
}

#[test]
fn non_utf8_jsonl_lines_are_reported() {
    let home = TempDir::new().unwrap();
    let file = home.path().join("latin.jsonl");
    std::fs::write(
        &file,
        b"{\"id\": \"a\", \"body\": \"ok\"}\n{\"id\": \"b\", \"body\": \"caf\xe9\"}\n",
    )
    .unwrap();
    tracuu(&home.path().join("idx"))
        .arg("index")
        .arg(&file)
        .assert()
        .success()
        .stderr(predicate::str::contains("latin.jsonl:2: not UTF-8 text"));
}

#[test]
fn utf16_jsonl_is_transcoded() {
    let home = TempDir::new().unwrap();
    let file = home.path().join("utf16.jsonl");
    let text = "{\"id\": \"u\", \"title\": \"Tỉnh ủy\", \"body\": \"Hội nghị\"}\n";
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    std::fs::write(&file, bytes).unwrap();
    let index = home.path().join("idx");
    tracuu(&index).arg("index").arg(&file).assert().success();
    assert_eq!(total(&index, "tinh uy"), 1);
}

#[cfg(unix)]
#[test]
fn nested_folders_many_small_files_and_symlink_loops() {
    let home = TempDir::new().unwrap();
    let root = home.path().join("tree");
    let mut deep = root.clone();
    for level in 0..40 {
        deep = deep.join(format!("d{level}"));
    }
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(deep.join("sau.txt"), "Bài ở rất sâu\nnội dung đặc biệt").unwrap();
    let many = root.join("many");
    std::fs::create_dir(&many).unwrap();
    for n in 0..2000 {
        std::fs::write(many.join(format!("a{n:04}.txt")), format!("Tin {n}\nbài nhỏ số {n}")).unwrap();
    }
    std::os::unix::fs::symlink(&root, root.join("d0").join("loop")).unwrap();
    let index = home.path().join("idx");
    tracuu(&index)
        .arg("index")
        .arg(&root)
        .assert()
        .success()
        .stderr(predicate::str::contains("File system loop").and(predicate::str::contains("(2001 new")));
    assert_eq!(total(&index, "dac biet"), 1);
    assert_eq!(total(&index, "bai nho"), 2000);
}

#[cfg(unix)]
#[test]
fn unreadable_files_are_reported() {
    use std::os::unix::fs::PermissionsExt;
    let home = TempDir::new().unwrap();
    let dir = home.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    let locked = dir.join("locked.txt");
    std::fs::write(&locked, "Tin\nbí mật").unwrap();
    std::fs::write(dir.join("open.txt"), "Tin\ncông khai").unwrap();
    // A link to nowhere fails to read for everyone, root included (CI runs as
    // root, where permission bits are not enforced).
    std::os::unix::fs::symlink(dir.join("gone.txt"), dir.join("dangling.txt")).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_ok() {
        tracuu(&home.path().join("idx"))
            .arg("index")
            .arg(&dir)
            .assert()
            .success()
            .stderr(predicate::str::contains("dangling.txt").and(predicate::str::contains("1 skipped")));
        return;
    }
    tracuu(&home.path().join("idx"))
        .arg("index")
        .arg(&dir)
        .assert()
        .success()
        .stderr(predicate::str::contains("locked.txt: cannot read").and(predicate::str::contains("2 skipped")));
}

/// A synthetic corpus big enough for an indexing run to take a few seconds.
fn big_corpus(dir: &Path, articles: usize) -> PathBuf {
    use std::io::Write;
    let path = dir.join("big.jsonl");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let words = [
        "hội", "nghị", "tỉnh", "ủy", "ban", "nhân", "dân", "kinh", "tế", "xã", "phát", "triển", "năm",
    ];
    for n in 0..articles {
        let body: Vec<&str> = (0..400).map(|k| words[(n * 7 + k * 13) % words.len()]).collect();
        let line = serde_json::json!({"id": format!("a{n}"), "title": format!("Tin số {n}"), "body": body.join(" ")});
        writeln!(out, "{line}").unwrap();
    }
    out.flush().unwrap();
    path
}

fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !ready() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn documents(index: &Path) -> Option<u64> {
    let out = tracuu(index)
        .args(["stats", "--format", "json", "--index"])
        .arg(index)
        .output()
        .unwrap();
    out.status.success().then(|| {
        serde_json::from_slice::<Value>(&out.stdout).unwrap()["documents"]
            .as_u64()
            .unwrap()
    })
}

#[test]
fn a_killed_index_run_leaves_a_searchable_index_and_a_rerun_finishes_the_job() {
    let home = TempDir::new().unwrap();
    let corpus = big_corpus(home.path(), 40_000);
    let index = home.path().join("idx");
    let binary = assert_cmd::cargo::cargo_bin("tracuu");
    let mut run = std::process::Command::new(&binary)
        .args(["index", "--commit-every", "2000", "--index"])
        .arg(&index)
        .arg(&corpus)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once a first commit is searchable, well before the end.
    wait_for("a first commit", || documents(&index).is_some_and(|n| n > 0));
    run.kill().unwrap();
    run.wait().unwrap();
    let after_kill = documents(&index).expect("the index opens after SIGKILL");
    assert!(after_kill > 0 && after_kill < 40_000, "{after_kill}");
    assert_eq!(
        total(&index, "tin"),
        after_kill,
        "search agrees with the committed count"
    );

    let rerun = tracuu(&index).arg("index").arg(&corpus).output().unwrap();
    assert!(rerun.status.success(), "{}", String::from_utf8_lossy(&rerun.stderr));
    let summary = String::from_utf8(rerun.stderr).unwrap();
    assert!(summary.contains(&format!("{} unchanged", after_kill)), "{summary}");
    assert_eq!(documents(&index), Some(40_000));
    assert_eq!(total(&index, "tin"), 40_000);
}

#[test]
fn a_second_writer_is_told_the_index_is_locked_and_searches_keep_working() {
    let home = TempDir::new().unwrap();
    let corpus = big_corpus(home.path(), 40_000);
    let index = home.path().join("idx");
    let seed = home.path().join("seed.jsonl");
    std::fs::write(&seed, r#"{"id": "seed", "title": "Tin đầu", "body": "hội nghị"}"#).unwrap();
    tracuu(&index).arg("index").arg(&seed).assert().success();
    let binary = assert_cmd::cargo::cargo_bin("tracuu");
    let mut run = std::process::Command::new(&binary)
        .args(["index", "--commit-every", "2000", "--index"])
        .arg(&index)
        .arg(&corpus)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for("a first commit of the long run", || {
        documents(&index).is_some_and(|n| n > 1)
    });
    tracuu(&index)
        .arg("index")
        .arg(&seed)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is locked by another tracuu process"));
    assert!(total(&index, "hoi nghi") >= 1, "search works during the run");
    assert!(run.wait().unwrap().success());
    assert_eq!(documents(&index), Some(40_001));
}

#[test]
fn a_damaged_index_gives_advice_not_a_panic() {
    let home = TempDir::new().unwrap();
    let index = home.path().join("idx");
    let seed = home.path().join("seed.jsonl");
    std::fs::write(&seed, r#"{"id": "seed", "title": "Tin", "body": "hội nghị"}"#).unwrap();
    tracuu(&index)
        .args(["index", "--optimize"])
        .arg(&seed)
        .assert()
        .success();
    // A segment file goes missing.
    let victim = std::fs::read_dir(&index)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "idx"))
        .unwrap();
    std::fs::remove_file(&victim).unwrap();
    let out = tracuu(&index).args(["search", "hoi"]).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("rebuild"), "{stderr}");
    // meta.json corrupted.
    std::fs::write(index.join("meta.json"), "{ not json").unwrap();
    let out = tracuu(&index).args(["search", "hoi"]).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("rebuild") && !stderr.contains("panicked"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_commits_what_is_done_and_exits_130() {
    let home = TempDir::new().unwrap();
    let corpus = big_corpus(home.path(), 40_000);
    let index = home.path().join("idx");
    let binary = assert_cmd::cargo::cargo_bin("tracuu");
    let run = std::process::Command::new(&binary)
        .args(["index", "--commit-every", "2000", "--index"])
        .arg(&index)
        .arg(&corpus)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for("a first commit", || documents(&index).is_some_and(|n| n > 0));
    // SAFETY: sending SIGINT to our own child process.
    unsafe { libc::kill(run.id() as libc::pid_t, libc::SIGINT) };
    let out = run.wait_with_output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(
        stderr.contains("interrupted:") && stderr.contains("run the same command again"),
        "{stderr}"
    );
    let committed = documents(&index).unwrap();
    assert!(committed > 0 && committed < 40_000, "{committed}");
    assert!(
        stderr.contains(&format!("interrupted: {committed} articles are committed")),
        "{stderr}"
    );
}
