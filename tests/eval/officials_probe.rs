//! Prints the officials, province and year tracuu extracts from articles of
//! a JSONL corpus (`.jsonl` or `.jsonl.gz`), for checking the extractor by
//! reading:
//!
//!     cargo run --example officials_probe -- FILE [--seed N --count K] [ID...]
//!
//! With ids, those articles; otherwise `count` (default 20) articles picked
//! by `seed` (every article whose hash of seed and id falls in a bucket), so
//! a run can look at articles outside the labelled sample.

use std::io::{BufRead, BufReader, Read};
use tracuu::extract::{extract, RawArticle};

struct Options {
    file: String,
    seed: u64,
    count: usize,
    ids: Vec<String>,
}

fn options() -> Options {
    let mut args = std::env::args().skip(1);
    let mut o = Options {
        file: args.next().expect("a JSONL corpus"),
        seed: 1,
        count: 20,
        ids: Vec::new(),
    };
    while let Some(a) = args.next() {
        match a.as_str() {
            "--seed" => o.seed = args.next().and_then(|s| s.parse().ok()).expect("--seed N"),
            "--count" => o.count = args.next().and_then(|s| s.parse().ok()).expect("--count K"),
            _ => o.ids.push(a),
        }
    }
    o
}

/// One in 512 articles, by a seeded hash of the id: a pick that stays the
/// same across runs and Rust releases (XXH3, not std's hasher).
fn picked(seed: u64, id: &str) -> bool {
    xxhash_rust::xxh3::xxh3_64(format!("{seed}:{id}").as_bytes()).is_multiple_of(512)
}

fn main() {
    let o = options();
    let file = std::fs::File::open(&o.file).expect("corpus file");
    let reader: Box<dyn Read> = if o.file.ends_with(".gz") {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let mut shown = 0;
    for line in BufReader::new(reader).lines() {
        let line = line.unwrap();
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        let id = v["id"].as_str().unwrap_or("");
        let wanted = if o.ids.is_empty() {
            picked(o.seed, id)
        } else {
            o.ids.iter().any(|i| i == id)
        };
        if !wanted {
            continue;
        }
        let lead = v["abstract"].as_str().unwrap_or("");
        let body = v["body"].as_str().unwrap_or("");
        let text = format!("{lead}\n\n{body}");
        let m = extract(&RawArticle {
            title: v["title"].as_str(),
            text: &text,
            ..RawArticle::default()
        });
        println!("== {id}");
        println!(
            "  province {:?}, year {:?} ({})",
            m.province,
            m.year,
            m.date.map_or("none", |d| d.precision.name())
        );
        for off in &m.officials {
            println!("  {} | {}", off.name, off.role);
        }
        for off in &m.foreign_officials {
            println!(
                "  [foreign {}] {} | {}",
                off.country.as_deref().unwrap_or("?"),
                off.name,
                off.role
            );
        }
        shown += 1;
        if o.ids.is_empty() && shown >= o.count {
            break;
        }
    }
}
