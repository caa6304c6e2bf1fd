//! Scores tracuu's metadata against the labelled evaluation set
//! (`tests/eval/labels/*.jsonl`, rules in `tests/eval/METADATA-LABELS.md`):
//! province accuracy, year accuracy, false years, official recall and
//! precision, each with the counts behind it, and every miss.
//!
//!     cargo run --release --example metadata_eval [-- ../shared/data/corpus]
//!
//! The labelled articles are read from the shared corpora, indexed into a
//! temporary index through the library (as `tracuu index` would), and read
//! back with `TracuuIndex::article`.

use std::collections::{BTreeSet, HashMap};
use std::io::{BufRead, Write};
use std::path::Path;
use tracuu::{IndexOptions, TracuuIndex};

/// The folded, lower-cased form names and provinces are compared in.
fn key(text: &str) -> String {
    tracuu::analysis::token_texts(text, tracuu::analysis::Form::Folded).join(" ")
}

struct Label {
    id: String,
    province: Option<String>,
    year: Option<i64>,
    officials: BTreeSet<String>,
    foreign: BTreeSet<String>,
    others: BTreeSet<String>,
}

fn names(value: &serde_json::Value, field: &str) -> BTreeSet<String> {
    value[field]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|o| o.get("name").and_then(|n| n.as_str()).or_else(|| o.as_str()))
        .map(key)
        .collect()
}

fn labels(folder: &Path) -> Vec<Label> {
    let mut files: Vec<_> = std::fs::read_dir(folder.join("labels"))
        .expect("tests/eval/labels")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for file in files {
        for (n, line) in std::fs::read_to_string(&file).unwrap().lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let v: serde_json::Value =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("{}:{}: {e}", file.display(), n + 1));
            out.push(Label {
                id: v["id"].as_str().unwrap().to_string(),
                province: v["province"].as_str().map(str::to_string),
                year: v["event_year"].as_i64(),
                officials: names(&v, "officials"),
                foreign: names(&v, "foreign_officials"),
                others: names(&v, "not_officials"),
            });
        }
    }
    out
}

/// The corpus lines of the labelled articles, in one JSONL file.
fn write_articles(corpora: &Path, ids: &BTreeSet<String>, out: &Path) -> usize {
    let mut file = std::io::BufWriter::new(std::fs::File::create(out).unwrap());
    let mut found = 0;
    for entry in std::fs::read_dir(corpora).expect("shared corpora") {
        let path = entry.unwrap().path();
        if !path.to_string_lossy().ends_with(".jsonl.gz") {
            continue;
        }
        let reader = std::io::BufReader::new(flate2::read::MultiGzDecoder::new(std::fs::File::open(&path).unwrap()));
        for line in reader.lines() {
            let line = line.unwrap();
            let v: serde_json::Value = serde_json::from_str(&line).unwrap();
            if v["id"].as_str().is_some_and(|id| ids.contains(id)) {
                writeln!(file, "{line}").unwrap();
                found += 1;
            }
        }
    }
    found
}

fn ratio(n: usize, d: usize) -> String {
    if d == 0 {
        "n/a".to_string()
    } else {
        format!("{:.3} ({n}/{d})", n as f64 / d as f64)
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpora = std::env::args()
        .nth(1)
        .map_or_else(|| root.join("../shared/data/corpus"), Into::into);
    let labels = labels(&root.join("tests/eval"));
    let ids: BTreeSet<String> = labels.iter().map(|l| l.id.clone()).collect();
    let home = tempfile::tempdir().unwrap();
    let input = home.path().join("labelled.jsonl");
    let found = write_articles(&corpora, &ids, &input);
    assert_eq!(found, ids.len(), "every labelled article is in {}", corpora.display());
    let index = TracuuIndex::open_or_create(&home.path().join("index")).unwrap();
    let options = IndexOptions {
        keep_duplicates: true,
        ..IndexOptions::default()
    };
    index.add_paths(&[input], &options, &mut ()).unwrap();

    let (mut province_ok, mut years_fixed, mut year_ok, mut false_years) = (0, 0, 0, 0);
    let (mut labelled, mut recalled, mut predicted, mut correct) = (0, 0, 0, 0);
    let mut misses: HashMap<&str, Vec<String>> = HashMap::new();
    for label in &labels {
        let article = index.article(&label.id).unwrap();
        let meta = &article.meta;
        if meta.province.as_deref().map(key) == label.province.as_deref().map(key) {
            province_ok += 1;
        } else {
            misses.entry("province").or_default().push(format!(
                "{}: {:?}, labelled {:?}",
                label.id, meta.province, label.province
            ));
        }
        let year = meta.year.map(i64::from);
        if let Some(fixed) = label.year {
            years_fixed += 1;
            if year == Some(fixed) {
                year_ok += 1;
            }
        }
        if year.is_some() && year != label.year {
            false_years += 1;
            misses.entry("false year").or_default().push(format!(
                "{}: {:?} ({:?}), labelled {:?}",
                label.id, year, meta.date_source, label.year
            ));
        } else if year.is_none() && label.year.is_some() {
            misses
                .entry("year missed")
                .or_default()
                .push(format!("{}: labelled {:?}", label.id, label.year));
        }
        let got: BTreeSet<String> = meta.officials.iter().map(|n| key(n)).collect();
        labelled += label.officials.len();
        recalled += label.officials.intersection(&got).count();
        predicted += got.len();
        correct += got.intersection(&label.officials).count();
        for name in label.officials.difference(&got) {
            misses
                .entry("official missed")
                .or_default()
                .push(format!("{}: {name}", label.id));
        }
        for name in got.difference(&label.officials) {
            let kind = if label.foreign.contains(name) {
                "foreign"
            } else if label.others.contains(name) {
                "not an official"
            } else {
                "unlabelled"
            };
            misses
                .entry("official wrong")
                .or_default()
                .push(format!("{}: {name} ({kind})", label.id));
        }
    }
    let n = labels.len();
    println!("metadata evaluation on {n} labelled articles (tests/eval/labels)");
    println!("  province accuracy   {}", ratio(province_ok, n));
    println!(
        "  year accuracy       {} of the years the texts fix",
        ratio(year_ok, years_fixed)
    );
    println!("  false years         {} of articles", ratio(false_years, n));
    println!("  official recall     {}", ratio(recalled, labelled));
    println!("  official precision  {}", ratio(correct, predicted));
    let mut kinds: Vec<_> = misses.into_iter().collect();
    kinds.sort();
    for (kind, list) in kinds {
        println!("\n{kind} ({}):", list.len());
        for miss in list {
            println!("  {miss}");
        }
    }
}
