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
//!   the body, plus `SELECT count(*)` of all matches. Queries FTS5 cannot run
//!   are skipped (not timed, no raw line) and counted by class.
//!
//! `fts5 translate QUERIES.tsv`
//!   Prints `n<TAB>class<TAB>query<TAB>MATCH expression` for every query
//!   (`SKIP: reason` in the last column for a skipped one).
//!
//! **Translation** (see [`fts5_query`]): a query is read by tracuu's own
//! parser (`tracuu::internals::parse`, bundled synonyms and dictionary, default
//! options; `--match any-order` for the `any_order` class) and its tree is
//! written in FTS5's syntax, each unit as a phrase:
//!
//! - a unit → `"a b c"`, the syllables of its form side by side; a unit with
//!   several forms (synonyms: `UBND` = `Ủy ban nhân dân`; document codes) →
//!   `("form 1" OR "form 2" …)`; a form whose syllables stand apart or may
//!   (a gap, a slop) → `NEAR("a" "b", N)`; a unit of the headline alone
//!   (`title:`) → `title : …`;
//! - AND → ` AND `, OR → ` OR `; an excluded child of an AND → `a NOT b`
//!   (FTS5's NOT is binary: `a AND NOT b` is written `a NOT b`);
//! - `any_order`: every syllable of a form its own quoted token, ANDed:
//!   `("a" AND "b")`;
//! - skipped: what FTS5 cannot express (only exclusions, `*`, an exclusion
//!   under OR, `source:`/`id:`), a query tracuu rejects, and the `filter` and
//!   `filters_only` classes (FTS5 holds no metadata).
//!
//! The syllables are given as the user typed them (lower-cased): FTS5 has
//! **no smart accents**: `remove_diacritics 2` strips every tone and vowel
//! mark from the text and from the query alike, so an accented syllable also
//! matches its other accent forms (`bàn` finds *Ban*), and the only accent
//! that counts is đ, which the tokenizer keeps (it is a letter of its own):
//! `dong` does not find *đồng*. Not tracuu's folded text, which also folds
//! đ → d and writes i as y after some onsets (`vi` → `vy`), which FTS5 would
//! not find; the other forms of a unit (synonyms, codes), which tracuu holds
//! only folded, are given that way (`dai bieu quoc hoi` for *Đại biểu Quốc
//! hội*: FTS5 misses those spellings when they have a đ).

use anyhow::{bail, Context, Result};
use rusqlite::{params, Connection, OpenFlags};
use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;
use tracuu::internals::{parse, Context as QueryContext, Dictionary, Expr, Form, TextField, Unit};
use tracuu::{MatchMode, QueryOptions, Synonyms};
use tracuu_bench_harness::{median, open_lines, read_queries, timed, write_raw, Args, BenchQuery, Sample};

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
        Some("translate") if args.positional.len() == 2 => translate(Path::new(&args.positional[1])),
        _ => bail!(
            "usage: fts5 index DB FILE...  |  fts5 query DB QUERIES.tsv --raw OUT.tsv [--runs N]  |  \
             fts5 translate QUERIES.tsv"
        ),
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

/// The FTS5 MATCH expression of a benchmark query, or why FTS5 cannot run
/// it (see the module docs).
fn fts5_query(q: &BenchQuery) -> Result<String, String> {
    if matches!(q.class.as_str(), "filter" | "filters_only") {
        return Err("filters: FTS5 holds no metadata".to_string());
    }
    let matching = if q.class == "any_order" {
        MatchMode::AnyOrder
    } else {
        MatchMode::Words
    };
    let context = QueryContext {
        synonyms: Synonyms::bundled(),
        dictionary: Dictionary::bundled(),
        options: QueryOptions {
            matching,
            ..QueryOptions::default()
        },
    };
    let parsed = parse(&q.query, &context).map_err(|err| format!("tracuu rejects it: {err}"))?;
    let translated = expr(&parsed.expr, matching).ok_or_else(|| {
        format!(
            "not expressible in FTS5 (read as {}: only exclusions, *, an exclusion under OR or source:/id:)",
            parsed.read_as
        )
    })?;
    Ok(translated.text)
}

/// An FTS5 expression; `compound` when it must be parenthesised as an operand.
struct Translated {
    text: String,
    compound: bool,
}

impl Translated {
    fn atom(text: String) -> Translated {
        Translated { text, compound: false }
    }

    fn operand(self) -> String {
        if self.compound {
            format!("({})", self.text)
        } else {
            self.text
        }
    }
}

/// `expr` in FTS5's syntax, or `None` when FTS5 cannot express it.
fn expr(e: &Expr, matching: MatchMode) -> Option<Translated> {
    match e {
        Expr::All | Expr::Keyword(..) | Expr::Not(_) => None,
        Expr::Unit(u) => unit(u, matching),
        Expr::And(children, _) => {
            let (mut wanted, mut excluded) = (Vec::new(), Vec::new());
            for child in children {
                match child {
                    // Every article: nothing to add to an AND.
                    Expr::All => {}
                    Expr::Not(inner) => match inner.as_ref() {
                        Expr::Not(twice) => wanted.push(expr(twice, matching)?.operand()),
                        inner => excluded.push(expr(inner, matching)?.operand()),
                    },
                    child => wanted.push(expr(child, matching)?.operand()),
                }
            }
            if wanted.is_empty() {
                return None;
            }
            let mut text = if wanted.len() > 1 && !excluded.is_empty() {
                format!("({})", wanted.join(" AND "))
            } else {
                wanted.join(" AND ")
            };
            for not in excluded {
                text = format!("{text} NOT {not}");
            }
            Some(Translated { text, compound: true })
        }
        Expr::Or(children) => {
            let operands = children
                .iter()
                .map(|c| expr(c, matching).map(Translated::operand))
                .collect::<Option<Vec<_>>>()?;
            Some(Translated {
                text: operands.join(" OR "),
                compound: operands.len() > 1,
            })
        }
    }
}

/// A unit: any of its forms, in the headline alone for `title:`.
fn unit(u: &Unit, matching: MatchMode) -> Option<Translated> {
    let typed = typed_syllables(u);
    let mut forms: Vec<String> = Vec::new();
    for f in &u.forms {
        if let Some(text) = form(f, &typed, matching) {
            if !forms.contains(&text) {
                forms.push(text);
            }
        }
    }
    let text = match forms.len() {
        0 => return None,
        1 => forms.remove(0),
        _ => format!("({})", forms.join(" OR ")),
    };
    Some(Translated::atom(match u.field {
        TextField::Title => format!("(title : {text})"),
        TextField::Body => text,
    }))
}

/// The syllables of what the user typed for `u`, with their folded forms:
/// `(folded, as typed)`.
fn typed_syllables(u: &Unit) -> Vec<(String, String)> {
    tracuu::analysis::tokens(&u.typed, tracuu::analysis::Form::Exact)
        .into_iter()
        .map(|t| {
            let mut folded = String::new();
            tracuu::analysis::folded_form(&t.text, &mut folded);
            (folded, u.typed[t.offset_from..t.offset_to].to_lowercase())
        })
        .collect()
}

/// One form: a phrase (`"a b"`), `NEAR(…)` when its syllables stand apart,
/// or, in any-order mode, its syllables ANDed.
fn form(f: &Form, typed: &[(String, String)], matching: MatchMode) -> Option<String> {
    if f.syllables.is_empty() {
        return None;
    }
    // The form the user typed: each syllable as typed (see the module docs).
    let as_typed =
        typed.len() == f.syllables.len() && typed.iter().zip(&f.syllables).all(|((t, _), (_, s))| *t == s.folded);
    let words: Vec<&str> = f
        .syllables
        .iter()
        .enumerate()
        .map(|(i, (_, s))| if as_typed { typed[i].1.as_str() } else { s.term() })
        .collect();
    let quote = |text: &str| format!("\"{}\"", text.replace('"', "\"\""));
    if matching == MatchMode::AnyOrder {
        let tokens: Vec<String> = words.iter().map(|w| quote(w)).collect();
        return Some(if tokens.len() == 1 {
            tokens[0].clone()
        } else {
            format!("({})", tokens.join(" AND "))
        });
    }
    let last = f.syllables.last().map_or(0, |(at, _)| *at);
    let apart = last + 1 - f.syllables.len() + f.slop as usize;
    if apart == 0 || words.len() == 1 {
        Some(quote(&words.join(" ")))
    } else {
        let tokens: Vec<String> = words.iter().map(|w| quote(w)).collect();
        Some(format!("NEAR({}, {apart})", tokens.join(" ")))
    }
}

/// `fts5 translate`: every query and its FTS5 form.
fn translate(queries_path: &Path) -> Result<()> {
    let queries = read_queries(queries_path)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    writeln!(out, "n\tclass\tquery\tfts5")?;
    for (n, q) in queries.iter().enumerate() {
        let text = fts5_query(q).unwrap_or_else(|why| format!("SKIP: {why}"));
        writeln!(out, "{n}\t{}\t{}\t{text}", q.class, q.query)?;
    }
    out.flush()?;
    Ok(())
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

    let mut skipped: BTreeMap<&str, usize> = BTreeMap::new();
    let mut runnable: Vec<(usize, &BenchQuery, String)> = Vec::new();
    for (n, q) in queries.iter().enumerate() {
        match fts5_query(q) {
            Ok(text) => runnable.push((n, q, text)),
            Err(_) => *skipped.entry(q.class.as_str()).or_default() += 1,
        }
    }
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
    let skipped = match skipped.len() {
        0 => "none".to_string(),
        _ => skipped
            .iter()
            .map(|(c, k)| format!("{c} {k}"))
            .collect::<Vec<_>>()
            .join(", "),
    };
    eprintln!(
        "fts5: {docs} documents; {} queries run, {} skipped ({skipped}), {errors} errors; median {:.3} ms \
         (thread CPU {:.3} ms); CPU share {:.0}%",
        runnable.len(),
        queries.len() - runnable.len(),
        median(&wall),
        median(&cpu),
        100.0 * cpu.iter().sum::<f64>() / wall.iter().sum::<f64>()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bench_query(class: &str, query: &str) -> BenchQuery {
        BenchQuery {
            class: class.to_string(),
            query: query.to_string(),
            province: None,
            year: None,
        }
    }

    fn translated(class: &str, query: &str) -> Result<String, String> {
        fts5_query(&bench_query(class, query))
    }

    #[test]
    fn units_are_phrases_joined_as_the_query_says() {
        assert_eq!(translated("phrase", "\"hội đồng\"").unwrap(), "\"hội đồng\"");
        assert_eq!(
            translated("boolean", "tham nhũng OR hối lộ").unwrap(),
            "\"tham nhũng\" OR \"hối lộ\""
        );
        assert_eq!(
            translated("boolean", "(tham nhũng OR hối lộ) -Hà Nội").unwrap(),
            "(\"tham nhũng\" OR \"hối lộ\") NOT \"hà nội\""
        );
        assert_eq!(
            translated("boolean", "tham nhũng AND NOT \"hối lộ\"").unwrap(),
            "\"tham nhũng\" NOT \"hối lộ\""
        );
        // Syllables as typed, not tracuu's folded or canonical forms.
        assert_eq!(translated("accentless", "vi pham").unwrap(), "\"vi pham\"");
        assert_eq!(
            translated("mixed_accent", "hoi đồng nhân dân")
                .unwrap()
                .split(" OR ")
                .next()
                .unwrap(),
            "(\"hoi đồng nhân dân\""
        );
        assert_eq!(
            translated("any_order", "tham nhũng").unwrap(),
            "(\"tham\" AND \"nhũng\")"
        );
    }

    #[test]
    fn synonyms_are_alternatives() {
        let text = translated("word_freq", "UBND").unwrap();
        assert!(text.starts_with("(\"ubnd\" OR "), "{text}");
        assert!(text.contains("\"uy ban nhan dan\""), "{text}");
    }

    #[test]
    fn what_fts5_cannot_express_is_skipped() {
        for query in [
            "-tham nhũng",
            "*",
            "* -tham nhũng",
            "tham nhũng OR -hối lộ",
            "source:vnexpress",
        ] {
            assert!(translated("boolean", query).is_err(), "{query}");
        }
        assert!(translated("filter", "tham nhũng").is_err());
        assert!(translated("filters_only", "").is_err());
    }

    #[test]
    fn translations_run_in_fts5() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE VIRTUAL TABLE articles USING fts5(id UNINDEXED, title, body,
                 tokenize = 'unicode61 remove_diacritics 2');
             INSERT INTO articles VALUES ('1', 'Tham nhũng ở Hà Nội', 'Ủy ban nhân dân tỉnh xử lý vi phạm.');
             INSERT INTO articles VALUES ('2', 'Hối lộ', 'Chỉ thị 19 về đồng bằng.');",
        )
        .unwrap();
        let count = |q: &str| -> i64 {
            let text = translated("boolean", q).unwrap();
            conn.query_row("SELECT count(*) FROM articles WHERE articles MATCH ?1", [&text], |r| {
                r.get(0)
            })
            .unwrap_or_else(|err| panic!("{q:?} -> {text:?}: {err}"))
        };
        assert_eq!(count("tham nhũng OR hối lộ"), 2);
        assert_eq!(count("(tham nhũng OR hối lộ) -Hà Nội"), 1);
        assert_eq!(count("UBND tỉnh"), 1);
        assert_eq!(count("vi phạm"), 1);
        assert_eq!(count("Chỉ thị 19"), 1);
        assert_eq!(count("title:tham nhũng OR đồng bằng"), 2);
        assert_eq!(count("tham nhũng NOT NOT hà nội"), 1);
    }
}
