//! Shared pieces of the benchmark binaries: the query file, JSONL input and
//! timing output.
//!
//! Query file (`bench/queries/queries.tsv`): one query a line,
//! `class<TAB>query<TAB>province<TAB>year`; `#` lines are comments, the
//! first non-comment line is that header. The query column may be empty
//! (class `filters_only`: the articles the filters select, as
//! `tracuu search --province …` without a query lists them).
//!
//! Raw timing output (both tools, one line a query):
//! `tool<TAB>class<TAB>n<TAB>hits<TAB>wall_1…wall_R<TAB>cpu_1…cpu_R`, where
//! `n` is the query's line number among the queries (0-based), `hits` the
//! number of matching documents (-1 on error), `wall_i` the wall time of
//! timed run `i` and `cpu_i` its CPU time on the measuring thread, in ms.

use anyhow::{bail, Context, Result};
use flate2::read::MultiGzDecoder;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::time::Instant;
use unicode_normalization::UnicodeNormalization;

/// One benchmark query.
#[derive(Debug, Clone)]
pub struct BenchQuery {
    pub class: String,
    pub query: String,
    pub province: Option<String>,
    pub year: Option<i32>,
}

/// Reads a query file (see the crate docs).
pub fn read_queries(path: &Path) -> Result<Vec<BenchQuery>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    parse_queries(&text, path)
}

/// The queries of the text of a query file (`path` for messages).
pub fn parse_queries(text: &str, path: &Path) -> Result<Vec<BenchQuery>> {
    let mut queries = Vec::new();
    let mut header_seen = false;
    for (number, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if !header_seen {
            header_seen = true;
            if line.starts_with("class\t") {
                continue;
            }
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 2 {
            bail!(
                "{}:{}: expected class<TAB>query<TAB>province<TAB>year",
                path.display(),
                number + 1
            );
        }
        let nonempty = |i: usize| cols.get(i).map(|s| s.trim()).filter(|s| !s.is_empty());
        queries.push(BenchQuery {
            class: cols[0].to_string(),
            // Possibly empty: the filters alone.
            query: cols[1].trim().to_string(),
            province: nonempty(2).map(str::to_string),
            year: match nonempty(3) {
                Some(y) => Some(
                    y.parse()
                        .with_context(|| format!("{}:{}: bad year {y:?}", path.display(), number + 1))?,
                ),
                None => None,
            },
        });
    }
    if queries.is_empty() {
        bail!("{}: no queries", path.display());
    }
    Ok(queries)
}

/// Lines of a JSONL or JSONL.gz file.
pub fn open_lines(path: &Path) -> Result<Box<dyn BufRead>> {
    let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let reader: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    Ok(Box::new(BufReader::with_capacity(1 << 20, reader)))
}

/// Removes combining marks after NFD (Vietnamese tones and vowel marks).
/// Leaves `đ` alone, as SQLite's unicode61 tokenizer does.
pub fn strip_diacritics(text: &str) -> String {
    text.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .nfc()
        .collect()
}

/// Milliseconds since `start`.
pub fn ms_since(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

/// CPU time of the calling thread so far, in milliseconds: unlike wall
/// time, not inflated when other processes share the cores.
pub fn thread_cpu_ms() -> f64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes one timespec into the valid `ts`.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return f64::NAN;
    }
    ts.tv_sec as f64 * 1000.0 + ts.tv_nsec as f64 / 1e6
}

/// Wall and thread CPU time of one call, in milliseconds.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    pub wall_ms: f64,
    pub cpu_ms: f64,
}

/// Times `f` once, with its result.
pub fn timed<T>(f: impl FnOnce() -> T) -> (Sample, T) {
    let cpu = thread_cpu_ms();
    let start = Instant::now();
    let value = f();
    let wall_ms = ms_since(start);
    (
        Sample {
            wall_ms,
            cpu_ms: thread_cpu_ms() - cpu,
        },
        value,
    )
}

/// Median of a non-empty list.
pub fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Writes one raw timing line: the wall times of the runs, then their
/// thread CPU times.
pub fn write_raw(out: &mut impl Write, tool: &str, q: &BenchQuery, n: usize, hits: i64, runs: &[Sample]) -> Result<()> {
    write!(out, "{tool}\t{}\t{n}\t{hits}", q.class)?;
    for s in runs {
        write!(out, "\t{:.4}", s.wall_ms)?;
    }
    for s in runs {
        write!(out, "\t{:.4}", s.cpu_ms)?;
    }
    writeln!(out)?;
    Ok(())
}

/// Command-line options `--name value` after positional arguments.
pub struct Args {
    pub positional: Vec<String>,
    pub options: Vec<(String, String)>,
}

impl Args {
    pub fn parse(args: impl Iterator<Item = String>) -> Result<Args> {
        let mut positional = Vec::new();
        let mut options = Vec::new();
        let mut args = args.peekable();
        while let Some(arg) = args.next() {
            if let Some(name) = arg.strip_prefix("--") {
                let Some(value) = args.next() else {
                    bail!("--{name} needs a value");
                };
                options.push((name.to_string(), value));
            } else {
                positional.push(arg);
            }
        }
        Ok(Args { positional, options })
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.options
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn required(&self, name: &str) -> Result<&str> {
        self.get(name).with_context(|| format!("--{name} is required"))
    }

    pub fn number(&self, name: &str, default: usize) -> Result<usize> {
        match self.get(name) {
            Some(v) => v.parse().with_context(|| format!("--{name}: not a number: {v:?}")),
            None => Ok(default),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tones_but_not_d_bar() {
        assert_eq!(strip_diacritics("Thanh Hóa"), "Thanh Hoa");
        assert_eq!(strip_diacritics("Đỗ Trọng Hưng"), "Đo Trong Hung");
    }

    #[test]
    fn query_files_may_have_an_empty_query() {
        let text = "# comment\nclass\tquery\tprovince\tyear\nphrase\t\"hội đồng\"\t\t\n\
                    filters_only\t\tĐà Nẵng\t\nfilters_only\t\t\t2014\nfilter\tlà\tHà Nội\t2015\n";
        let queries = parse_queries(text, Path::new("q.tsv")).unwrap();
        assert_eq!(queries.len(), 4);
        assert_eq!(queries[0].query, "\"hội đồng\"");
        assert_eq!((queries[0].province.as_deref(), queries[0].year), (None, None));
        assert_eq!(queries[1].query, "");
        assert_eq!(
            (queries[1].province.as_deref(), queries[1].year),
            (Some("Đà Nẵng"), None)
        );
        assert_eq!((queries[2].query.as_str(), queries[2].year), ("", Some(2014)));
        assert_eq!(
            (queries[3].province.as_deref(), queries[3].year),
            (Some("Hà Nội"), Some(2015))
        );
        assert!(parse_queries("class\tquery\nonly-a-class\n", Path::new("q.tsv")).is_err());
    }

    #[test]
    fn medians() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
    }
}
