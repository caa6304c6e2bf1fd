//! The analyses of a hit list: `timeline`, `terms` and `kwic`: flags into
//! the engine's calls, and how their results read on a terminal, as CSV
//! or as JSON.

use super::args::{KwicArgs, KwicFormat, TermsArgs, TermsFormat, TimelineArgs, TimelineFormat};
use super::messages::Messages;
use super::{about, open_for_reading, render, to_stdout};
use anstyle::{AnsiColor, Style};
use anyhow::{Context, Result};
use std::io::Write;
use tracuu::chart::Measure;
use tracuu::{KwicLine, KwicOptions, Terms, TermsOptions, Timeline, TimelineOptions};
use unicode_width::UnicodeWidthStr;

pub fn run_timeline(args: &TimelineArgs, messages: &Messages) -> Result<()> {
    let target = open_for_reading(&args.location, messages)?;
    let request = args.request.request(super::args::SortArg::Score)?;
    let options = TimelineOptions {
        by: args.by.into(),
        compare: args.compare.clone(),
        split: args.split.map(Into::into),
        top: args.top,
    };
    let timeline = target
        .timeline(&request, &options)
        .with_context(|| about("timeline", &request.query))?;
    timeline.notes.iter().for_each(|note| messages.always(note));
    if let Some(path) = &args.svg {
        let measure = if args.share { Measure::Share } else { Measure::Count };
        std::fs::write(path, tracuu::chart::svg(&timeline, measure))
            .with_context(|| format!("cannot write {}", path.display()))?;
        messages.info(&format!("chart written to {}", path.display()));
    }
    to_stdout(|out| match args.format {
        TimelineFormat::Json => render::json_line(out, &timeline),
        TimelineFormat::Csv => timeline_csv(out, &timeline),
        TimelineFormat::Table => timeline_table(out, &timeline, args.color.enabled()),
    })
}

pub fn run_terms(args: &TermsArgs, messages: &Messages) -> Result<()> {
    let target = open_for_reading(&args.location, messages)?;
    let request = args.request.request(super::args::SortArg::Score)?;
    let options = TermsOptions {
        top: args.top,
        min_docs: args.min_docs,
        against: args.against.clone(),
        score: args.score.into(),
        field: args.field.map(Into::into),
        ..TermsOptions::default()
    };
    let terms = target
        .terms(&request, &options)
        .with_context(|| about("terms", &request.query))?;
    terms.notes.iter().for_each(|note| messages.always(note));
    to_stdout(|out| match args.format {
        TermsFormat::Json => render::json_line(out, &terms),
        TermsFormat::Csv => {
            let mut csv = csv::Writer::from_writer(out);
            csv.write_record(["term", "hits", "background", "score"])?;
            for row in &terms.terms {
                let term = tracuu::export::neutralize_formula(row.term.clone());
                csv.write_record([
                    term,
                    row.hits.to_string(),
                    row.background.to_string(),
                    format!("{:.4}", row.score),
                ])?;
            }
            csv.flush()?;
            Ok(())
        }
        TermsFormat::Table => terms_table(out, &terms),
    })
}

fn terms_table(out: &mut dyn Write, terms: &Terms) -> Result<()> {
    let against = terms
        .against
        .as_deref()
        .map_or("all articles".to_string(), |q| format!("{q:?}"));
    writeln!(
        out,
        "{} distinctive of {} ({} counted) against {against} ({}), by {}",
        if terms.field == "word" { "words" } else { &terms.field },
        render::count_line(terms.hits as usize, &terms.query),
        terms.counted,
        terms.background,
        terms.score
    )?;
    let width = terms.terms.iter().map(|t| t.term.width()).max().unwrap_or(4).max(4);
    writeln!(
        out,
        "{:<width$} {:>8} {:>10} {:>10}",
        "term", "hits", "background", "score"
    )?;
    for row in &terms.terms {
        let pad = width.saturating_sub(row.term.width());
        writeln!(
            out,
            "{}{} {:>8} {:>10} {:>10}",
            row.term,
            " ".repeat(pad),
            row.hits,
            row.background,
            score_text(row.score)
        )?;
    }
    if terms.terms.is_empty() {
        writeln!(out, "no word is more frequent among the hits than in the background")?;
    }
    Ok(())
}

pub fn run_kwic(args: &KwicArgs, messages: &Messages) -> Result<()> {
    let target = open_for_reading(&args.location, messages)?;
    let request = args.request.request(super::args::SortArg::Score)?;
    if request.query.trim().is_empty() {
        return Err(tracuu::Error::BadQuery("kwic needs a query: the words whose occurrences to show".into()).into());
    }
    let options = KwicOptions {
        width: args.width,
        sort: args.sort.into(),
        limit: args.limit,
    };
    let report = to_stdout(|out| {
        let mut sink = KwicSink::new(args, out)?;
        let report = target
            .kwic(&request, &options, &mut |line| {
                sink.write(line).map_err(tracuu::Error::Output)
            })
            .with_context(|| about("kwic", &request.query))?;
        sink.finish()?;
        Ok(report)
    })?;
    report.notes.iter().for_each(|note| messages.always(note));
    let mut summary = format!(
        "{} in {}",
        render::count(report.occurrences, "occurrence", "occurrences"),
        render::count(report.articles, "article", "articles")
    );
    if report.cut {
        summary.push_str(&format!("; the first {} shown (--limit)", report.lines));
    }
    messages.info(&summary);
    Ok(())
}

/// Where concordance lines go, as they come.
enum KwicSink<'a> {
    Csv(Box<csv::Writer<&'a mut dyn Write>>),
    Jsonl(&'a mut dyn Write),
    Table {
        out: &'a mut dyn Write,
        width: usize,
        color: bool,
    },
}

impl<'a> KwicSink<'a> {
    fn new(args: &KwicArgs, out: &'a mut dyn Write) -> Result<KwicSink<'a>> {
        Ok(match args.format {
            KwicFormat::Csv => {
                let mut csv = csv::Writer::from_writer(out);
                csv.write_record([
                    "left", "match", "right", "id", "date", "province", "source", "title", "offset",
                ])?;
                KwicSink::Csv(Box::new(csv))
            }
            KwicFormat::Jsonl => KwicSink::Jsonl(out),
            KwicFormat::Table => KwicSink::Table {
                out,
                width: args.width,
                color: args.color.enabled(),
            },
        })
    }

    fn write(&mut self, line: &KwicLine) -> std::io::Result<()> {
        match self {
            KwicSink::Csv(csv) => kwic_csv_row(csv, line).map_err(std::io::Error::from),
            KwicSink::Jsonl(out) => {
                serde_json::to_writer(&mut **out, line)?;
                writeln!(out)
            }
            KwicSink::Table { out, width, color } => kwic_table_row(&mut **out, line, *width, *color),
        }
    }

    fn finish(self) -> Result<()> {
        if let KwicSink::Csv(mut csv) = self {
            csv.flush()?;
        }
        Ok(())
    }
}

fn kwic_csv_row(csv: &mut csv::Writer<&mut dyn Write>, line: &KwicLine) -> csv::Result<()> {
    let cell = |text: &str| tracuu::export::neutralize_formula(text.to_string());
    csv.write_record([
        cell(&line.left),
        cell(&line.matched),
        cell(&line.right),
        cell(&line.id),
        line.date.clone().unwrap_or_default(),
        cell(line.province.as_deref().unwrap_or("")),
        cell(line.source.as_deref().unwrap_or("")),
        cell(&line.title),
        line.offset.to_string(),
    ])
}

/// One line aligned on the match: the left context right-aligned to
/// `width` columns of the terminal (by display width, not bytes).
fn kwic_table_row(out: &mut dyn Write, line: &KwicLine, width: usize, color: bool) -> std::io::Result<()> {
    let pad = width.saturating_sub(line.left.width());
    let style = Style::new().bold().fg_color(Some(AnsiColor::Red.into()));
    let matched = if color {
        format!("{}{}{}", style.render(), line.matched, style.render_reset())
    } else {
        line.matched.clone()
    };
    let right_pad = width.saturating_sub(line.right.width());
    writeln!(
        out,
        "{}{}{matched}{}{}  {} {}",
        " ".repeat(pad),
        line.left,
        line.right,
        " ".repeat(right_pad),
        line.id,
        line.date.as_deref().unwrap_or("-")
    )
}

/// One row per period and series, for spreadsheets and scripts.
fn timeline_csv(out: &mut dyn Write, timeline: &Timeline) -> Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(["period", "from", "to", "series", "matching", "scope", "share"])?;
    for series in &timeline.series {
        for (i, period) in timeline.periods.iter().enumerate() {
            csv.write_record([
                period.label.as_str(),
                &period.from,
                &period.to,
                &series.label,
                &series.matching[i].to_string(),
                &series.scope[i].to_string(),
                &format!("{:.6}", series.share[i]),
            ])?;
        }
    }
    csv.flush()?;
    Ok(())
}

/// A score with the decimals its size needs (G² runs to thousands, JLH and
/// the percentage stay below one).
fn score_text(score: f64) -> String {
    if score.abs() >= 10.0 {
        format!("{score:.1}")
    } else {
        format!("{score:.4}")
    }
}

/// Width of the longest bar, in characters.
const BAR_WIDTH: usize = 40;

/// A row per period: one series with a bar, several side by side.
fn timeline_table(out: &mut dyn Write, timeline: &Timeline, color: bool) -> Result<()> {
    if timeline.periods.is_empty() {
        writeln!(out, "no dated article matches")?;
    } else if let [series] = timeline.series.as_slice() {
        let highest = series.matching.iter().copied().max().unwrap_or(0).max(1);
        let bar_style = Style::new().fg_color(Some(AnsiColor::Blue.into()));
        writeln!(
            out,
            "{:<10} {:>9} {:>9} {:>7}",
            timeline.by, "matching", "in scope", "share"
        )?;
        for (i, period) in timeline.periods.iter().enumerate() {
            let bar = bar(series.matching[i], highest);
            let bar = if color {
                format!("{}{bar}{}", bar_style.render(), bar_style.render_reset())
            } else {
                bar
            };
            writeln!(
                out,
                "{:<10} {:>9} {:>9} {:>6.1}% {bar}",
                period.label,
                series.matching[i],
                series.scope[i],
                series.share[i] * 100.0
            )?;
        }
    } else {
        let widths: Vec<usize> = (timeline.series.iter())
            .map(|s| s.label.chars().count().max(16))
            .collect();
        write!(out, "{:<10}", timeline.by)?;
        for (series, width) in timeline.series.iter().zip(&widths) {
            write!(out, " {:>width$}", series.label)?;
        }
        writeln!(out)?;
        for (i, period) in timeline.periods.iter().enumerate() {
            write!(out, "{:<10}", period.label)?;
            for (series, width) in timeline.series.iter().zip(&widths) {
                let cell = format!("{} ({:.1}%)", series.matching[i], series.share[i] * 100.0);
                write!(out, " {cell:>width$}")?;
            }
            writeln!(out)?;
        }
    }
    for series in &timeline.series {
        let name = if timeline.series.len() > 1 {
            format!("{}: ", series.label)
        } else {
            String::new()
        };
        let mut apart = vec![render::count(series.total as usize, "article", "articles") + " in all"];
        if series.undated > 0 {
            apart.push(format!("{} undated", series.undated));
        }
        if series.coarser > 0 {
            apart.push(format!(
                "{} dated less precisely than a {}",
                series.coarser, timeline.by
            ));
        }
        writeln!(out, "{name}{}", apart.join("; "))?;
    }
    Ok(())
}

/// `n` as a bar of block characters, `highest` taking [`BAR_WIDTH`], in eighths.
fn bar(n: u64, highest: u64) -> String {
    const EIGHTHS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];
    let eighths = (n * BAR_WIDTH as u64 * 8).div_ceil(highest.max(1)) as usize;
    let mut bar = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        bar.push(EIGHTHS[eighths % 8 - 1]);
    }
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_grow_in_eighths_up_to_the_width() {
        assert_eq!(bar(0, 10), "");
        assert_eq!(bar(10, 10).chars().count(), BAR_WIDTH);
        assert_eq!(bar(1, 320), "▏");
        assert_eq!(bar(5, 10).chars().count(), BAR_WIDTH / 2);
    }
}
