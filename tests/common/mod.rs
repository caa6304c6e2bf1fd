//! Helpers shared by the test files that run the real `tracuu` binary.
// Each test file uses its own subset of these.
#![allow(dead_code)]

use assert_cmd::assert::Assert;
use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

/// `tracuu` whose default index is `index`.
pub fn tracuu_at(index: &Path) -> Command {
    let mut cmd = Command::cargo_bin("tracuu").unwrap();
    cmd.env("TRACUU_INDEX", index);
    cmd
}

/// Runs `cmd`, which must succeed, and parses its standard output as JSON.
pub fn json(cmd: &mut Command) -> Value {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `tracuu index --index INDEX PATH`, which must succeed.
pub fn index_file(index: &Path, path: &Path) -> Assert {
    Command::cargo_bin("tracuu")
        .unwrap()
        .args(["index", "--index"])
        .arg(index)
        .arg(path)
        .assert()
        .success()
}
