//! Everything the CLI prints: results on stdout, messages on stderr.

use crate::facets::FacetReport;
use crate::ingest::Problem;
use crate::search::{Hit, Page, SearchResults};
use anstyle::{AnsiColor, Style};
use anyhow::Result;
use serde::Serialize;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicUsize, Ordering};

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Ranked list for people: rank, id, title, snippet.
    Table,
    /// One JSON object with the query, the total and the hits.
    Json,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Auto means: stdout is a terminal and NO_COLOR is unset or empty.
    pub fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

/// How many skipped items are listed one by one before only counting them.
const PROBLEMS_LISTED: usize = 20;

/// Messages for the user on stderr, with --quiet and --verbose applied.
pub struct Messages {
    quiet: bool,
    verbose: bool,
    problems: AtomicUsize,
}

impl Messages {
    pub fn new(quiet: bool, verbose: bool) -> Self {
        Messages {
            quiet,
            verbose,
            problems: AtomicUsize::new(0),
        }
    }

    /// Progress and notes; hidden by --quiet.
    pub fn info(&self, text: &str) {
        if !self.quiet {
            eprintln!("tracuu: {text}");
        }
    }

    /// Summaries that scripts and people both need.
    pub fn always(&self, text: &str) {
        eprintln!("tracuu: {text}");
    }

    /// A skipped item: the first ones are listed, all with --verbose; the
    /// summary always gives the count.
    pub fn problem(&self, problem: &Problem) {
        let seen = self.problems.fetch_add(1, Ordering::Relaxed);
        if self.verbose || (!self.quiet && seen < PROBLEMS_LISTED) {
            eprintln!("tracuu: skipped {problem}");
        } else if !self.quiet && seen == PROBLEMS_LISTED {
            eprintln!("tracuu: more items skipped; --verbose lists them all");
        }
    }
}

/// True when the error is a closed stdout (`tracuu ... | head`): not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

#[derive(Serialize)]
struct JsonResults<'a> {
    query: &'a str,
    total: usize,
    offset: usize,
    hits: Vec<JsonHit<'a>>,
}

#[derive(Serialize)]
struct JsonHit<'a> {
    rank: usize,
    id: &'a str,
    score: f32,
    title: &'a str,
    snippet: &'a str,
    /// Byte ranges [start, end) of `snippet` that matched the query.
    highlights: Vec<[usize; 2]>,
    date: Option<&'a str>,
    year: Option<i32>,
    province: Option<&'a str>,
    province_2025: Option<&'a str>,
    officials: &'a [String],
    source: Option<&'a str>,
    url: Option<&'a str>,
}

impl<'a> JsonHit<'a> {
    fn new(rank: usize, hit: &'a Hit) -> Self {
        JsonHit {
            rank,
            id: &hit.id,
            score: hit.score,
            title: &hit.title,
            snippet: &hit.snippet.text,
            highlights: hit.snippet.highlights.iter().map(|r| [r.start, r.end]).collect(),
            date: hit.date.as_deref(),
            year: hit.year,
            province: hit.province.as_deref(),
            province_2025: hit.province_2025.as_deref(),
            officials: &hit.officials,
            source: hit.source.as_deref(),
            url: hit.url.as_deref(),
        }
    }
}

pub fn print_results(query: &str, page: Page, results: &SearchResults, format: Format, color: bool) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        Format::Json => {
            let json = JsonResults {
                query,
                total: results.total,
                offset: page.offset,
                hits: results
                    .hits
                    .iter()
                    .enumerate()
                    .map(|(i, hit)| JsonHit::new(page.offset + i + 1, hit))
                    .collect(),
            };
            serde_json::to_writer(&mut out, &json)?;
            writeln!(out)?;
        }
        Format::Table => write_table(&mut out, query, page, results, color)?,
    }
    out.flush()?;
    Ok(())
}

fn write_table(out: &mut impl Write, query: &str, page: Page, results: &SearchResults, color: bool) -> Result<()> {
    let shown = results.hits.len();
    if shown == 0 {
        writeln!(out, "no article matches {query:?} (of {} matching)", results.total)?;
        return Ok(());
    }
    writeln!(
        out,
        "{} articles match {query:?}; showing {}-{}",
        results.total,
        page.offset + 1,
        page.offset + shown
    )?;
    let title_style = if color { Style::new().bold() } else { Style::new() };
    for (i, hit) in results.hits.iter().enumerate() {
        writeln!(
            out,
            "{:>3}. {}  {title_style}{}{title_style:#}",
            page.offset + i + 1,
            hit.id,
            hit.title.replace(['\n', '\r'], " ")
        )?;
        if let Some(line) = metadata_line(hit) {
            writeln!(out, "     {line}")?;
        }
        writeln!(
            out,
            "     {}",
            highlight(&hit.snippet.text, &hit.snippet.highlights, color)
        )?;
    }
    Ok(())
}

/// "2023-12-01 · Hải Dương (2025: Hải Phòng) · Trần Đức Thắng, Triệu Thế Hùng"
fn metadata_line(hit: &Hit) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    match (&hit.date, hit.year) {
        (Some(date), _) => parts.push(date.clone()),
        (None, Some(year)) => parts.push(year.to_string()),
        _ => {}
    }
    match (&hit.province, &hit.province_2025) {
        (Some(p), Some(p25)) if p != p25 => parts.push(format!("{p} (2025: {p25})")),
        (Some(p), _) => parts.push(p.clone()),
        (None, Some(p25)) => parts.push(format!("(2025: {p25})")),
        _ => {}
    }
    if !hit.officials.is_empty() {
        parts.push(hit.officials.join(", "));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

#[derive(Serialize)]
struct JsonFacets<'a> {
    query: Option<&'a str>,
    total: usize,
    facets: serde_json::Map<String, serde_json::Value>,
}

pub fn print_facets(query: Option<&str>, report: &FacetReport, format: Format) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        Format::Json => {
            let facets = report
                .counts
                .iter()
                .map(|c| {
                    let values: Vec<serde_json::Value> = c
                        .values
                        .iter()
                        .map(|(value, count)| serde_json::json!({"value": value, "count": count}))
                        .collect();
                    let body = serde_json::json!({"values": values, "distinct": c.distinct, "unknown": c.unknown});
                    (c.field.name().to_string(), body)
                })
                .collect();
            serde_json::to_writer(
                &mut out,
                &JsonFacets {
                    query,
                    total: report.total,
                    facets,
                },
            )?;
            writeln!(out)?;
        }
        Format::Table => {
            match query {
                Some(q) => writeln!(out, "{} articles match {q:?}", report.total)?,
                None => writeln!(out, "{} articles", report.total)?,
            }
            for counts in &report.counts {
                writeln!(out, "\n{} ({} values)", counts.field.name(), counts.distinct)?;
                for (value, count) in &counts.values {
                    writeln!(out, "{count:>8}  {value}")?;
                }
                if counts.distinct > counts.values.len() {
                    writeln!(
                        out,
                        "{:>8}  … {} more values (--top)",
                        "",
                        counts.distinct - counts.values.len()
                    )?;
                }
                if let Some(unknown) = counts.unknown.filter(|&n| n > 0) {
                    writeln!(out, "{unknown:>8}  (unknown)")?;
                }
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// The snippet with its matched ranges coloured (or left plain without colour).
fn highlight(text: &str, ranges: &[std::ops::Range<usize>], color: bool) -> String {
    if !color {
        return text.to_string();
    }
    let style = Style::new().bold().fg_color(Some(AnsiColor::Red.into()));
    let mut result = String::with_capacity(text.len() + ranges.len() * 12);
    let mut at = 0;
    for range in ranges {
        if range.start < at || range.end > text.len() {
            continue;
        }
        result.push_str(&text[at..range.start]);
        result.push_str(&format!("{style}{}{style:#}", &text[range.clone()]));
        at = range.end;
    }
    result.push_str(&text[at..]);
    result
}
