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

/// Runs `cmd`, which must succeed, and returns its standard output.
pub fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
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

/// A fixed pseudo-random sequence (no dependency, the same draws every run).
pub struct Lcg(pub u64);

impl Lcg {
    /// A number below `below` (0 when `below` is 0).
    pub fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below.max(1)
    }
}

/// The ids of a JSON search result's hits, in rank order.
pub fn hit_ids(results: &Value) -> Vec<String> {
    results["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["id"].as_str().expect("id").to_string())
        .collect()
}
