//! In-process timings of the analyses (issue: timeline, terms, kwic) on an
//! existing index: each operation once to warm up (the background word
//! counts, the page cache), then RUNS rounds in which every operation runs
//! once in turn (interleaved, as the VM is noisy); medians printed.
//!
//! cargo run --release --example analyses_bench -- INDEX [RUNS]

use std::time::{Duration, Instant};
use tracuu::{Interval, KwicOptions, Request, TermsOptions, TimelineOptions, TracuuIndex};

type Operation<'a> = (&'a str, Box<dyn Fn() -> String + 'a>);

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: analyses_bench INDEX [RUNS]");
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(7);
    let index = TracuuIndex::open(std::path::Path::new(&dir)).expect("an index");
    let timeline_query = std::env::var("TIMELINE_QUERY").unwrap_or_else(|_| "hơn".into());
    let many = std::env::var("TERMS_MANY").unwrap_or_else(|_| "tổ chức".into());
    let few = std::env::var("TERMS_FEW").unwrap_or_else(|_| "hối lộ".into());
    let kwic_query = std::env::var("KWIC_QUERY").unwrap_or_else(|_| "tham nhũng".into());
    let by_month = TimelineOptions {
        by: Interval::Month,
        ..TimelineOptions::default()
    };
    let operations: Vec<Operation> = vec![
        (
            "timeline by month",
            Box::new(|| {
                let t = index
                    .timeline(&Request::new(timeline_query.as_str()), &by_month)
                    .unwrap();
                format!(
                    "{:?}: {} articles, {} periods",
                    timeline_query,
                    t.series[0].total,
                    t.periods.len()
                )
            }),
        ),
        (
            "terms (many hits)",
            Box::new(|| {
                let t = index
                    .terms(&Request::new(many.as_str()), &TermsOptions::default())
                    .unwrap();
                format!("{:?}: {} hits, {} counted", many, t.hits, t.counted)
            }),
        ),
        (
            "terms (few hits)",
            Box::new(|| {
                let t = index
                    .terms(&Request::new(few.as_str()), &TermsOptions::default())
                    .unwrap();
                format!("{:?}: {} hits, {} counted", few, t.hits, t.counted)
            }),
        ),
        (
            "kwic (all lines, in hit order)",
            Box::new(|| {
                let mut lines = 0usize;
                let report = index
                    .kwic(&Request::new(kwic_query.as_str()), &KwicOptions::default(), &mut |_| {
                        lines += 1;
                        Ok(())
                    })
                    .unwrap();
                format!("{:?}: {} lines in {} articles", kwic_query, lines, report.articles)
            }),
        ),
    ];
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); operations.len()];
    let mut what = vec![String::new(); operations.len()];
    for (i, (_, run)) in operations.iter().enumerate() {
        let start = Instant::now();
        what[i] = run();
        println!(
            "warm-up {:<32} {:>9.1} ms  {}",
            operations[i].0,
            ms(start.elapsed()),
            what[i]
        );
    }
    for _ in 0..runs {
        for (i, (_, run)) in operations.iter().enumerate() {
            let start = Instant::now();
            run();
            times[i].push(start.elapsed());
        }
    }
    println!(
        "\n{:<32} {:>10} {:>10} {:>10}  (ms, {runs} interleaved runs)",
        "operation", "median", "min", "max"
    );
    for (i, (name, _)) in operations.iter().enumerate() {
        let t = &mut times[i];
        t.sort();
        println!(
            "{name:<32} {:>10.1} {:>10.1} {:>10.1}  {}",
            ms(t[t.len() / 2]),
            ms(t[0]),
            ms(t[t.len() - 1]),
            what[i]
        );
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
