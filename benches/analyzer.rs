//! Analyzer throughput: tracuu's Vietnamese analyzers against tantivy's
//! `SimpleTokenizer + LowerCaser + AsciiFoldingFilter` on the same text.
//!
//! The text is the first ~8 MB of article bodies of the VNTC corpus
//! (`../shared/data/corpus/vntc-10topics.jsonl.gz` next to the crate). When
//! that file is missing a small built-in Vietnamese text is used instead, so
//! `cargo bench --no-run` and smoke runs work anywhere.
//!
//! Environment:
//! - `TRACUU_BENCH_CORPUS`: another `.jsonl` / `.jsonl.gz` file with `body`.
//! - `TRACUU_BENCH_BYTES`: how many bytes of body text to load (default 8 MB).

use criterion::{black_box, criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use flate2::read::MultiGzDecoder;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::time::Duration;
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, SimpleTokenizer, TextAnalyzer, TokenStream};
use tracuu::analysis::{analyzer, Form};

const DEFAULT_BYTES: usize = 8 * 1024 * 1024;

/// Used when the corpus is not available.
const FALLBACK: &[&str] = &[
    "Sáng 15/3, tại Hà Nội, Ban Chấp hành Trung ương Đảng khóa XIII họp Hội nghị lần thứ 9, \
     cho ý kiến về Chỉ thị số 19-CT/TW và việc tổ chức Đại hội đảng bộ các cấp.",
    "Thanh Hóa (hay Thanh Hoá) đẩy mạnh phòng chống HIV/AIDS; Quỹ hỗ trợ khẩn cấp của Hoa Kỳ \
     cam kết hỗ trợ Chính phủ và nhân dân Việt Nam, với kinh phí 2,5 triệu USD.",
    "Thủ tướng yêu cầu các bộ, ngành khẩn trương hoàn thiện thể chế, tháo gỡ khó khăn cho \
     doanh nghiệp; Quốc hội sẽ xem xét dự thảo Luật Đất đai (sửa đổi) tại kỳ họp tới.",
    "Đồng chí Bí thư Tỉnh ủy nhấn mạnh: Phải kiên quyết, kiên trì đấu tranh phòng, chống \
     tham nhũng, tiêu cực; xử lý nghiêm cán bộ, đảng viên vi phạm, không có vùng cấm.",
];

fn corpus_path() -> PathBuf {
    match std::env::var_os("TRACUU_BENCH_CORPUS") {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/corpus/vntc-10topics.jsonl.gz"),
    }
}

fn wanted_bytes() -> usize {
    std::env::var("TRACUU_BENCH_BYTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(DEFAULT_BYTES)
}

/// Article bodies from a JSONL(.gz) file until `limit` bytes are collected.
fn load_bodies(path: &Path, limit: usize) -> std::io::Result<Vec<String>> {
    let file = File::open(path)?;
    let reader: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let mut docs = Vec::new();
    let mut total = 0;
    for line in BufReader::new(reader).lines() {
        let line = line?;
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let Some(body) = value.get("body").and_then(|b| b.as_str()) else {
            continue;
        };
        if body.is_empty() {
            continue;
        }
        total += body.len();
        docs.push(body.to_owned());
        if total >= limit {
            break;
        }
    }
    Ok(docs)
}

fn fallback_docs() -> Vec<String> {
    // Repeated so that one iteration is long enough to time reliably.
    (0..500).map(|i| FALLBACK[i % FALLBACK.len()].to_owned()).collect()
}

fn documents() -> Vec<String> {
    let path = corpus_path();
    match load_bodies(&path, wanted_bytes()) {
        Ok(docs) if !docs.is_empty() => docs,
        Ok(_) => {
            eprintln!("analyzer bench: no bodies in {}; using built-in text", path.display());
            fallback_docs()
        }
        Err(err) => {
            eprintln!(
                "analyzer bench: cannot read {} ({err}); using built-in text",
                path.display()
            );
            fallback_docs()
        }
    }
}

/// Runs the analyzer over every document, draining each token stream, and
/// returns the summed token text lengths.
fn drain(analyzer: &mut TextAnalyzer, docs: &[String]) -> usize {
    let mut sum = 0;
    for doc in docs {
        let mut stream = analyzer.token_stream(doc);
        while stream.advance() {
            sum += stream.token().text.len();
        }
    }
    sum
}

fn tantivy_simple() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

fn bench_analyzers(c: &mut Criterion) {
    let docs = documents();
    let bytes: usize = docs.iter().map(String::len).sum();
    eprintln!(
        "analyzer bench: {} documents, {} bytes ({:.2} MB)",
        docs.len(),
        bytes,
        bytes as f64 / 1e6
    );

    let mut group = c.benchmark_group("analyzer");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sampling_mode(SamplingMode::Flat);

    let mut exact = analyzer(Form::Exact);
    group.bench_function("tracuu_exact", |b| {
        b.iter(|| black_box(drain(&mut exact, black_box(&docs))))
    });

    let mut folded = analyzer(Form::Folded);
    group.bench_function("tracuu_folded", |b| {
        b.iter(|| black_box(drain(&mut folded, black_box(&docs))))
    });

    // The index's stream: folded and exact forms at the same positions.
    let mut dual = analyzer(Form::Dual);
    group.bench_function("tracuu_dual", |b| {
        b.iter(|| black_box(drain(&mut dual, black_box(&docs))))
    });

    // What indexing does for each text: the dual stream, then its common
    // words (the analysis replayed).
    let mut words = analyzer(Form::Words);
    group.bench_function("tracuu_indexing", |b| {
        b.iter(|| {
            let mut sum = 0;
            for doc in black_box(&docs) {
                let one = std::slice::from_ref(doc);
                sum += drain(&mut dual, one);
                sum += drain(&mut words, one);
            }
            black_box(sum)
        })
    });

    let mut simple = tantivy_simple();
    group.bench_function("tantivy_simple_lower_ascii", |b| {
        b.iter(|| black_box(drain(&mut simple, black_box(&docs))))
    });

    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(10));
    targets = bench_analyzers
}
criterion_main!(benches);
