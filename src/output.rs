//! Everything the CLI prints: results on stdout, messages on stderr.

use crate::facets::FacetReport;
use crate::ingest::Problem;
use crate::search::{Hit, Page, SearchResults};
use crate::show::{IndexStats, StoredArticle};
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
    pub quiet: bool,
    verbose: bool,
    problems: AtomicUsize,
    warnings: AtomicUsize,
}

impl Messages {
    pub fn new(quiet: bool, verbose: bool) -> Self {
        Messages {
            quiet,
            verbose,
            problems: AtomicUsize::new(0),
            warnings: AtomicUsize::new(0),
        }
    }

    /// Progress and notes; hidden by --quiet.
    pub fn info(&self, text: &str) {
        if !self.quiet {
            eprintln!("tracuu: {text}");
        }
    }

    /// Details shown with --verbose only.
    pub fn detail(&self, text: &str) {
        if self.verbose {
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
        self.list(
            &self.problems,
            format_args!("skipped {problem}"),
            "more items skipped; --verbose lists them all",
        );
    }

    /// An article indexed despite a problem: listed like skipped items.
    pub fn warning(&self, problem: &Problem) {
        self.list(
            &self.warnings,
            format_args!("warning: {problem}"),
            "more warnings; --verbose lists them all",
        );
    }

    /// The first `PROBLEMS_LISTED` items of a kind counted by `seen` (all of
    /// them with --verbose, none with --quiet), then `more` once.
    fn list(&self, seen: &AtomicUsize, item: std::fmt::Arguments<'_>, more: &str) {
        let seen = seen.fetch_add(1, Ordering::Relaxed);
        if self.verbose || (!self.quiet && seen < PROBLEMS_LISTED) {
            eprintln!("tracuu: {item}");
        } else if !self.quiet && seen == PROBLEMS_LISTED {
            eprintln!("tracuu: {more}");
        }
    }
}

/// True when the error is a closed stdout (`tracuu ... | head`): not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    err.chain().any(|cause| {
        // The csv and JSON writers wrap the io::Error in their own.
        let csv_io = cause.downcast_ref::<csv::Error>().and_then(|e| match e.kind() {
            csv::ErrorKind::Io(io) => Some(io.kind()),
            _ => None,
        });
        let json_io = cause
            .downcast_ref::<serde_json::Error>()
            .and_then(|e| e.io_error_kind());
        let io = cause.downcast_ref::<std::io::Error>().map(|e| e.kind());
        [csv_io, json_io, io].contains(&Some(BrokenPipe))
    })
}

#[derive(Serialize)]
struct JsonResults<'a> {
    query: &'a str,
    /// How the query was read, grouping made explicit.
    read_as: &'a str,
    total: usize,
    offset: usize,
    hits: Vec<JsonHit<'a>>,
    notes: &'a [String],
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
    duplicates: usize,
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
            duplicates: hit.duplicates,
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
                read_as: &results.read_as,
                total: results.total,
                offset: page.offset,
                notes: &results.notes,
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

/// "1 article matches "q"", "3 articles match "q"", or, without a query,
/// "3 articles" (every article the filters select).
pub fn count_line(total: usize, query: &str) -> String {
    let articles = if total == 1 { "article" } else { "articles" };
    if query.trim().is_empty() || query.trim() == "*" {
        format!("{total} {articles}")
    } else {
        let verb = if total == 1 { "matches" } else { "match" };
        format!("{total} {articles} {verb} {query:?}")
    }
}

fn write_table(out: &mut impl Write, query: &str, page: Page, results: &SearchResults, color: bool) -> Result<()> {
    let shown = results.hits.len();
    if shown == 0 {
        match results.total {
            0 if query.trim().is_empty() => writeln!(out, "no article")?,
            0 => writeln!(out, "no article matches {query:?}")?,
            total => writeln!(
                out,
                "{}; none from rank {}",
                count_line(total, query),
                page.offset.saturating_add(1)
            )?,
        }
        return Ok(());
    }
    writeln!(
        out,
        "{}; showing {}-{}",
        count_line(results.total, query),
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
            writeln!(out, "{}", count_line(report.total, query.unwrap_or("")))?;
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

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShowFormat {
    /// Headline, metadata, then the cleaned text.
    Text,
    /// One JSON object with every stored field.
    Json,
}

pub fn print_article(article: &StoredArticle, format: ShowFormat) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        ShowFormat::Json => {
            serde_json::to_writer(&mut out, article)?;
            writeln!(out)?;
        }
        ShowFormat::Text => {
            writeln!(out, "{}\n", article.title)?;
            let mut facts: Vec<(&str, String)> = vec![("id", article.id.clone())];
            let mut push = |label, value: Option<String>| {
                if let Some(value) = value {
                    facts.push((label, value));
                }
            };
            push("date", article.date.clone());
            push("year", article.year.map(|y| y.to_string()));
            push("province", article.province.clone());
            push("province 2025", article.province_2025.clone());
            push("source", article.source.clone());
            push("url", article.url.clone());
            push("read from", article.path.clone());
            for (label, value) in facts {
                writeln!(out, "{label:>14}: {value}")?;
            }
            for official in &article.officials {
                match official.role.as_str() {
                    "" => writeln!(out, "{:>14}: {}", "official", official.name)?,
                    role => writeln!(out, "{:>14}: {} ({role})", "official", official.name)?,
                }
            }
            writeln!(out, "\n{}", article.body)?;
        }
    }
    out.flush()?;
    Ok(())
}

pub fn print_stats(stats: &IndexStats, format: Format) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        Format::Json => {
            let facets: serde_json::Map<String, serde_json::Value> = stats
                .facets
                .iter()
                .map(|(name, n)| (name.clone(), serde_json::json!(n)))
                .collect();
            let mut value = serde_json::to_value(stats)?;
            value["facets"] = serde_json::Value::Object(facets);
            serde_json::to_writer(&mut out, &value)?;
            writeln!(out)?;
        }
        Format::Table => {
            writeln!(out, "{:>16}: {}", "index", stats.index)?;
            writeln!(
                out,
                "{:>16}: {} (+ {} syndicated copies)",
                "documents", stats.documents, stats.duplicates
            )?;
            writeln!(
                out,
                "{:>16}: {:.1} MB in {} segments",
                "size on disk",
                stats.size_bytes as f64 / 1e6,
                stats.segments
            )?;
            match (&stats.first_date, &stats.last_date) {
                (Some(first), Some(last)) => writeln!(
                    out,
                    "{:>16}: {first} to {last} ({} dated documents)",
                    "dates", stats.dated_documents
                )?,
                _ => writeln!(out, "{:>16}: none known", "dates")?,
            }
            for (name, distinct) in &stats.facets {
                writeln!(out, "{:>16}: {distinct} distinct values", name)?;
            }
            writeln!(out, "{:>16}: {}", "schema version", stats.schema_version)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// Writes a file through a temporary name in the same folder and renames it
/// at the end, so an interrupted run never leaves half a file under `path`.
pub fn write_atomically<T>(
    path: &std::path::Path,
    force: bool,
    write: impl FnOnce(&mut dyn Write) -> Result<T>,
) -> Result<T> {
    use anyhow::Context;
    if path.exists() && !force {
        anyhow::bail!("{} exists; add --force to overwrite it", path.display());
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => std::path::Path::new("."),
    };
    let temp = tempfile::Builder::new()
        .prefix(".tracuu-export-")
        .tempfile_in(folder)
        .with_context(|| format!("cannot write in {}", folder.display()))?;
    let mut out = std::io::BufWriter::new(temp);
    let value = write(&mut out)?;
    let temp = out.into_inner().map_err(|e| e.into_error())?;
    temp.persist(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(value)
}

/// A progress bar on stderr for long runs, shown only on a terminal and
/// without --quiet.
pub struct Progress {
    bar: indicatif::ProgressBar,
    enabled: bool,
}

/// Fewer items than this finish too fast for a bar to help.
const PROGRESS_THRESHOLD: usize = 5_000;

impl Progress {
    pub fn new(messages: &Messages, label: &'static str) -> Progress {
        let bar = indicatif::ProgressBar::hidden();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{msg} {wide_bar} {pos}/{len} ({per_sec}, {eta} left)")
                .expect("valid template"),
        );
        bar.set_message(label);
        Progress {
            bar,
            enabled: !messages.quiet && std::io::stderr().is_terminal(),
        }
    }

    /// The total is known: show the bar if the run is long enough to need one.
    pub fn start(&self, total: usize) {
        if self.enabled && total >= PROGRESS_THRESHOLD {
            self.bar.set_length(total as u64);
            self.bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    }

    pub fn set(&self, done: usize) {
        self.bar.set_position(done as u64);
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// A live line on stderr while indexing: articles, articles/s, MB/s. Only on
/// a terminal and without --quiet; otherwise the summary line says it all.
pub struct IndexProgress {
    bar: Option<indicatif::ProgressBar>,
    started: std::time::Instant,
}

impl IndexProgress {
    pub fn new(messages: &Messages) -> IndexProgress {
        let bar = (!messages.quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.set_style(
                indicatif::ProgressStyle::with_template("{spinner} {pos} articles ({per_sec}) {msg}")
                    .expect("valid template"),
            );
            bar.enable_steady_tick(std::time::Duration::from_millis(200));
            bar
        });
        IndexProgress {
            bar,
            started: std::time::Instant::now(),
        }
    }

    pub fn update(&self, report: &crate::index::IndexReport) {
        if let Some(bar) = &self.bar {
            let mb = report.bytes as f64 / 1e6;
            let seconds = self.started.elapsed().as_secs_f64().max(1e-9);
            bar.set_position(report.articles() as u64);
            bar.set_message(format!(
                "{mb:.0} MB, {:.1} MB/s, {} duplicates, {} skipped",
                mb / seconds,
                report.duplicates,
                report.skipped.len()
            ));
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
