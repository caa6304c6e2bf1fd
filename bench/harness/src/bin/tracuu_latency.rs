//! In-process query latency of a tracuu index.
//!
//! `tracuu_latency --index DIR --queries QUERIES.tsv --raw OUT.tsv --extra OUT.json [--runs 5] [--facet-runs 20]`
//!
//! Opens the index once, then: every query once to warm, then `--runs` timed
//! passes over all queries, on this one thread. One query = what
//! `tracuu search` does for a page: `TracuuIndex::search` with the
//! bundled synonyms, score order, top 10, hits loaded with stored fields and
//! snippets; the `any_order` class with `--match any-order`
//! (`MatchMode::AnyOrder`), the `filters_only` class (empty query column) as
//! the empty query with its filters, which lists every article they select.
//! Then facet counts over all documents (every facet field, top
//! 10), twice to warm and `--facet-runs` timed, and, as a diagnostic, the
//! cost of `TracuuIndex::searcher()` alone (which every search pays).

use anyhow::{Context, Result};
use std::io::Write;
use std::path::Path;
use tracuu::{FacetField, Filters, MatchMode, QueryOptions, Request, TracuuIndex, YearRange};
use tracuu_bench_harness::{median, read_queries, timed, write_raw, Args, BenchQuery, Sample};

// As in the tracuu binary (src/main.rs, src/cli/allocator.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay`, set to -1 as the tracuu binary does
/// (src/cli/allocator.rs checks the option number): freed memory is kept.
fn keep_freed_memory() {
    // SAFETY: mi_option_set only stores an integer in mimalloc's option table.
    unsafe { libmimalloc_sys::mi_option_set(15, -1) };
}

fn main() {
    keep_freed_memory();
    if let Err(err) = run() {
        eprintln!("tracuu_latency: error: {err:#}");
        std::process::exit(1);
    }
}

fn filters_of(q: &BenchQuery) -> Filters {
    Filters {
        provinces: q.province.iter().cloned().collect(),
        years: q.year.iter().map(|&y| YearRange { first: y, last: y }).collect(),
        ..Filters::default()
    }
}

/// The `any_order` class is run as `tracuu search --match any-order`.
fn options_of(q: &BenchQuery) -> QueryOptions {
    QueryOptions {
        matching: if q.class == "any_order" {
            MatchMode::AnyOrder
        } else {
            MatchMode::Words
        },
        ..QueryOptions::default()
    }
}

/// One search as `tracuu search` runs it: total matches, or an error.
fn one(index: &TracuuIndex, q: &BenchQuery, filters: &Filters) -> Result<i64> {
    let request = Request {
        query: q.query.clone(),
        filters: filters.clone(),
        options: options_of(q),
        ..Request::default()
    };
    let results = index.search(&request)?;
    std::hint::black_box(&results.hits);
    Ok(results.total as i64)
}

fn run() -> Result<()> {
    let args = Args::parse(std::env::args().skip(1))?;
    let dir = Path::new(args.required("index")?);
    let queries = read_queries(Path::new(args.required("queries")?))?;
    let raw = Path::new(args.required("raw")?);
    let extra = Path::new(args.required("extra")?);
    let runs = args.number("runs", 5)?;
    let facet_runs = args.number("facet-runs", 20)?;

    let (open, index) = timed(|| TracuuIndex::open(dir));
    let index = index?;
    let searcher = index.searcher()?;
    let docs = searcher.num_docs();
    let segments = searcher.segment_readers().len();
    drop(searcher);
    let filters: Vec<Filters> = queries.iter().map(filters_of).collect();

    // Warm-up pass, which also records hits and errors.
    let mut hits = vec![-1i64; queries.len()];
    let mut errors = Vec::new();
    for (n, q) in queries.iter().enumerate() {
        match one(&index, q, &filters[n]) {
            Ok(h) => hits[n] = h,
            Err(err) => {
                eprintln!("tracuu_latency: query {n} {:?}: {err:#}", q.query);
                errors
                    .push(serde_json::json!({"n": n, "class": q.class, "query": q.query, "error": format!("{err:#}")}));
            }
        }
    }
    let mut times: Vec<Vec<Sample>> = vec![Vec::with_capacity(runs); queries.len()];
    for _ in 0..runs {
        for (n, q) in queries.iter().enumerate() {
            let (sample, result) = timed(|| one(&index, q, &filters[n]));
            let _ = std::hint::black_box(result);
            times[n].push(sample);
        }
    }
    let mut out = std::io::BufWriter::new(
        std::fs::File::create(raw).with_context(|| format!("cannot create {}", raw.display()))?,
    );
    for (n, q) in queries.iter().enumerate() {
        write_raw(&mut out, "tracuu", q, n, hits[n], &times[n])?;
    }
    out.flush()?;

    // Facets over every document.
    let everything = Request::default();
    let facets = || index.facets(&everything, &FacetField::ALL, 10);
    let report = facets()?;
    let facet_values: serde_json::Map<String, serde_json::Value> = report
        .facets
        .iter()
        .map(|(name, c)| (name.clone(), serde_json::json!(c.distinct)))
        .collect();
    facets()?;
    let (mut facet_ms, mut facet_cpu_ms) = (Vec::with_capacity(facet_runs), Vec::with_capacity(facet_runs));
    for _ in 0..facet_runs {
        let (sample, result) = timed(facets);
        result?;
        facet_ms.push(sample.wall_ms);
        facet_cpu_ms.push(sample.cpu_ms);
    }

    // Each facet field alone, to see which one costs most.
    let mut by_field = serde_json::Map::new();
    for field in FacetField::ALL {
        let one_field = || index.facets(&everything, &[field], 10);
        one_field()?;
        let mut ms = Vec::with_capacity(5);
        for _ in 0..5 {
            let (sample, result) = timed(one_field);
            result?;
            ms.push(sample.wall_ms);
        }
        by_field.insert(field.name().to_string(), serde_json::json!(median(&ms)));
    }

    // What opening a searcher costs (paid by every search and facet count).
    let mut searcher_ms = Vec::with_capacity(facet_runs);
    for _ in 0..facet_runs {
        let (sample, result) = timed(|| index.searcher());
        result?;
        searcher_ms.push(sample.wall_ms);
    }

    let summary = serde_json::json!({
        "docs": docs,
        "segments": segments,
        "open_ms": open.wall_ms,
        "facets_total": report.total,
        "facet_distinct_values": facet_values,
        "facets_ms": facet_ms,
        "facets_median_ms": median(&facet_ms),
        "facets_cpu_ms": facet_cpu_ms,
        "facets_cpu_median_ms": median(&facet_cpu_ms),
        "facets_by_field_median_ms": by_field,
        "searcher_ms": searcher_ms,
        "searcher_median_ms": median(&searcher_ms),
        "errors": errors,
    });
    std::fs::write(extra, serde_json::to_string_pretty(&summary)? + "\n")
        .with_context(|| format!("cannot write {}", extra.display()))?;
    let wall: Vec<f64> = times.iter().flatten().map(|s| s.wall_ms).collect();
    let cpu: Vec<f64> = times.iter().flatten().map(|s| s.cpu_ms).collect();
    eprintln!(
        "tracuu_latency: {docs} documents in {segments} segments; {} queries, {} errors; median {:.3} ms \
         (thread CPU {:.3} ms), CPU share {:.0}%; facets median {:.2} ms (CPU {:.2} ms); searcher() median {:.3} ms",
        queries.len(),
        errors.len(),
        median(&wall),
        median(&cpu),
        100.0 * cpu.iter().sum::<f64>() / wall.iter().sum::<f64>(),
        median(&facet_ms),
        median(&facet_cpu_ms),
        median(&searcher_ms)
    );
    Ok(())
}
