//! SQLite FTS5 baseline.
//!
//! `fts5 index DB FILE.jsonl[.gz]...`
//!   Creates `DB` (removed first if it exists) with one FTS5 table
//!   `articles(id UNINDEXED, title, body)`, tokenizer
//!   `unicode61 remove_diacritics 2`, and inserts every article (`id`,
//!   `title`, `body` of each JSON line) in one transaction. Rollback journal
//!   (journal_mode DELETE, the default: no WAL), default page size.
//!
//! `fts5 query DB QUERIES.tsv --raw OUT.tsv [--runs 5]`
//!   Warm, single-threaded latency: every query once to warm, then `--runs`
//!   timed passes over all queries. One query = the top 10 by bm25
//!   (`ORDER BY rank`, FTS5's bm25 by default) with id, title and a snippet of
//!   the body, plus `SELECT count(*)` of all matches. Queries are translated
//!   to FTS5 syntax: every word quoted (implicit AND), accents stripped for the
//!   `accentless` class, `"a b c"` kept as a phrase; the `filter` class is
//!   skipped (FTS5 holds no metadata).

use anyhow::{bail, Context, Result};
use rusqlite::{params, Connection, OpenFlags};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;
use tracuu_bench_harness::{median, open_lines, read_queries, strip_diacritics, timed, write_raw, Args, BenchQuery, Sample};

fn main() {
    if let Err(err) = run() {
        eprintln!("fts5: error: {err:#}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let args = Args::parse(std::env::args().skip(1))?;
    match args.positional.first().map(String::as_str) {
        Some("index") if args.positional.len() >= 3 => {
            let files: Vec<PathBuf> = args.positional[2..].iter().map(PathBuf::from).collect();
            index(Path::new(&args.positional[1]), &files)
        }
        Some("query") if args.positional.len() == 3 => query(
            Path::new(&args.positional[1]),
            Path::new(&args.positional[2]),
            Path::new(args.required("raw")?),
            args.number("runs", 5)?,
        ),
        _ => bail!("usage: fts5 index DB FILE...  |  fts5 query DB QUERIES.tsv --raw OUT.tsv [--runs N]"),
    }
}

fn index(db: &Path, files: &[PathBuf]) -> Result<()> {
    let start = Instant::now();
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let path = PathBuf::from(format!("{}{suffix}", db.display()));
        if path.exists() {
            std::fs::remove_file(&path).with_context(|| format!("cannot remove {}", path.display()))?;
        }
    }
    if let Some(parent) = db.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    }
    let mut conn = Connection::open(db).with_context(|| format!("cannot create {}", db.display()))?;
    conn.execute_batch(
        "PRAGMA journal_mode = DELETE;
         CREATE VIRTUAL TABLE articles USING fts5(id UNINDEXED, title, body,
             tokenize = 'unicode61 remove_diacritics 2');",
    )?;
    let tx = conn.transaction()?;
    let (mut indexed, mut skipped, mut bytes) = (0u64, 0u64, 0u64);
    {
        let mut insert = tx.prepare("INSERT INTO articles (id, title, body) VALUES (?1, ?2, ?3)")?;
        for path in files {
            for (number, line) in open_lines(path)?.lines().enumerate() {
                let line = line.with_context(|| format!("{}:{}", path.display(), number + 1))?;
                bytes += line.len() as u64 + 1;
                if line.trim().is_empty() {
                    continue;
                }
                let value: serde_json::Value = match serde_json::from_str(&line) {
                    Ok(v) => v,
                    Err(err) => {
                        skipped += 1;
                        eprintln!("fts5: {}:{}: skipped: {err}", path.display(), number + 1);
                        continue;
                    }
                };
                let field = |name: &str| value.get(name).and_then(|v| v.as_str()).unwrap_or("");
                let id = match field("id") {
                    "" => format!("{}:{}", path.display(), number + 1),
                    id => id.to_string(),
                };
                insert.execute(params![id, field("title"), field("body")])?;
                indexed += 1;
            }
        }
    }
    tx.commit()?;
    let version: String = conn.query_row("SELECT sqlite_version()", [], |r| r.get(0))?;
    drop(conn);
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "fts5: {indexed} documents indexed, {skipped} skipped, {:.1} MB read, in {seconds:.2} s (SQLite {version})",
        bytes as f64 / 1e6
    );
    Ok(())
}

/// The FTS5 form of a benchmark query, or `None` when FTS5 cannot run it.
fn fts5_query(q: &BenchQuery) -> Option<String> {
    let quote = |word: &str| format!("\"{}\"", word.replace('"', ""));
    match q.class.as_str() {
        "filter" => None,
        "phrase" => Some(quote(q.query.trim())),
        "accentless" => Some(
            strip_diacritics(&q.query)
                .split_whitespace()
                .map(quote)
                .collect::<Vec<_>>()
                .join(" "),
        ),
        _ => Some(q.query.split_whitespace().map(quote).collect::<Vec<_>>().join(" ")),
    }
}

fn query(db: &Path, queries_path: &Path, raw: &Path, runs: usize) -> Result<()> {
    let queries = read_queries(queries_path)?;
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .with_context(|| format!("cannot open {}", db.display()))?;
    let docs: i64 = conn.query_row("SELECT count(*) FROM articles", [], |r| r.get(0))?;
    let mut top = conn.prepare(
        "SELECT id, title, snippet(articles, 2, '[', ']', '…', 24) FROM articles
         WHERE articles MATCH ?1 ORDER BY rank LIMIT 10",
    )?;
    let mut count = conn.prepare("SELECT count(*) FROM articles WHERE articles MATCH ?1")?;
    let mut one = |text: &str| -> Result<i64> {
        let mut rows = top.query([text])?;
        let mut shown = 0usize;
        while let Some(row) = rows.next()? {
            let id: String = row.get(0)?;
            let title: String = row.get(1)?;
            let snippet: String = row.get(2)?;
            shown += id.len() + title.len() + snippet.len();
        }
        std::hint::black_box(shown);
        Ok(count.query_row([text], |r| r.get(0))?)
    };

    let runnable: Vec<(usize, &BenchQuery, String)> = queries
        .iter()
        .enumerate()
        .filter_map(|(n, q)| fts5_query(q).map(|text| (n, q, text)))
        .collect();
    let mut hits = vec![-1i64; runnable.len()];
    let mut times: Vec<Vec<Sample>> = vec![Vec::with_capacity(runs); runnable.len()];
    let mut errors = 0;
    for (i, (n, _, text)) in runnable.iter().enumerate() {
        match one(text) {
            Ok(h) => hits[i] = h,
            Err(err) => {
                errors += 1;
                eprintln!("fts5: query {n} {text:?}: {err:#}");
            }
        }
    }
    for _ in 0..runs {
        for (i, (_, _, text)) in runnable.iter().enumerate() {
            let (sample, result) = timed(|| one(text));
            let _ = std::hint::black_box(result);
            times[i].push(sample);
        }
    }
    let mut out = std::io::BufWriter::new(
        std::fs::File::create(raw).with_context(|| format!("cannot create {}", raw.display()))?,
    );
    for (i, (n, q, _)) in runnable.iter().enumerate() {
        write_raw(&mut out, "fts5", q, *n, hits[i], &times[i])?;
    }
    out.flush()?;
    let wall: Vec<f64> = times.iter().flatten().map(|s| s.wall_ms).collect();
    let cpu: Vec<f64> = times.iter().flatten().map(|s| s.cpu_ms).collect();
    eprintln!(
        "fts5: {docs} documents; {} queries ({} skipped: filter class), {errors} errors; median {:.3} ms \
         (thread CPU {:.3} ms); CPU share {:.0}%",
        runnable.len(),
        queries.len() - runnable.len(),
        median(&wall),
        median(&cpu),
        100.0 * cpu.iter().sum::<f64>() / wall.iter().sum::<f64>()
    );
    Ok(())
}
