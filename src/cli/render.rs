//! How results read on a terminal or as JSON. Every renderer writes to the
//! writer it is given; the command decides where that is.

use super::args::{FacetsFormat, Format, ShowFormat, StatsFormat};
use anstyle::{AnsiColor, Style};
use anyhow::Result;
use std::io::Write;
use tracuu::model::{Article, FacetReport, Hit, IndexStats, SearchResults};

/// "1 article", "3 articles".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "1 article matches "q"", "3 articles match "q"", or, without a query,
/// "3 articles" (every article the filters select).
pub fn count_line(total: usize, query: &str) -> String {
    let articles = count(total, "article", "articles");
    if query.trim().is_empty() || query.trim() == "*" {
        articles
    } else {
        let verb = if total == 1 { "matches" } else { "match" };
        format!("{articles} {verb} {query:?}")
    }
}

/// One JSON value on a line.
pub fn json_line(out: &mut dyn Write, value: &impl serde::Serialize) -> Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

/// A page of search results.
pub fn results(out: &mut dyn Write, results: &SearchResults, format: Format, color: bool) -> Result<()> {
    match format {
        Format::Json => json_line(out, results),
        Format::Table => results_table(out, results, color),
    }
}

fn results_table(out: &mut dyn Write, results: &SearchResults, color: bool) -> Result<()> {
    let query = results.query.as_str();
    let shown = results.hits.len();
    if shown == 0 {
        match results.total {
            0 if query.trim().is_empty() => writeln!(out, "no article")?,
            0 => writeln!(out, "no article matches {query:?}")?,
            total => writeln!(
                out,
                "{}; none from rank {}",
                count_line(total, query),
                results.offset.saturating_add(1)
            )?,
        }
        return Ok(());
    }
    writeln!(
        out,
        "{}; showing {}-{}",
        count_line(results.total, query),
        results.offset + 1,
        results.offset + shown
    )?;
    let title_style = if color { Style::new().bold() } else { Style::new() };
    for hit in &results.hits {
        writeln!(
            out,
            "{:>3}. {}  {title_style}{}{title_style:#}",
            hit.rank,
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
    let meta = &hit.meta;
    let mut parts: Vec<String> = Vec::new();
    match (&meta.date, meta.year) {
        (Some(date), _) => parts.push(date.clone()),
        (None, Some(year)) => parts.push(year.to_string()),
        _ => {}
    }
    match (&meta.province, &meta.province_2025) {
        (Some(p), Some(p25)) if p != p25 => parts.push(format!("{p} (2025: {p25})")),
        (Some(p), _) => parts.push(p.clone()),
        (None, Some(p25)) => parts.push(format!("(2025: {p25})")),
        _ => {}
    }
    if !meta.officials.is_empty() {
        parts.push(meta.officials.join(", "));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
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

/// Facet counts.
pub fn facets(out: &mut dyn Write, report: &FacetReport, format: FacetsFormat) -> Result<()> {
    if format == FacetsFormat::Json {
        return json_line(out, report);
    }
    writeln!(
        out,
        "{}",
        count_line(report.total, report.query.as_deref().unwrap_or(""))
    )?;
    if !report.filters.is_empty() {
        writeln!(out, "filters: {}", report.filters.join("; "))?;
    }
    for (name, counts) in &report.facets {
        writeln!(out, "\n{name} ({})", count(counts.distinct, "value", "values"))?;
        for value in &counts.values {
            writeln!(out, "{:>8}  {}", value.count, value.value)?;
        }
        let more = counts.distinct.saturating_sub(counts.values.len());
        if more > 0 {
            writeln!(out, "{:>8}  … {} (--top)", "", count(more, "more value", "more values"))?;
        }
        if let Some(unknown) = counts.unknown.filter(|&n| n > 0) {
            writeln!(out, "{unknown:>8}  (unknown)")?;
        }
    }
    Ok(())
}

/// One article.
pub fn article(out: &mut dyn Write, article: &Article, format: ShowFormat) -> Result<()> {
    if format == ShowFormat::Json {
        return json_line(out, article);
    }
    writeln!(out, "{}\n", article.title)?;
    let meta = &article.meta;
    let mut facts: Vec<(&str, String)> = vec![("id", article.id.clone())];
    let mut push = |label, value: Option<String>| {
        if let Some(value) = value {
            facts.push((label, value));
        }
    };
    push(
        "date",
        meta.date.as_ref().map(|date| match &meta.date_source {
            Some(source) => format!("{date} ({source})"),
            None => date.clone(),
        }),
    );
    push("year", meta.year.map(|y| y.to_string()));
    push("province", meta.province.clone());
    push("province 2025", meta.province_2025.clone());
    push("source", meta.source.clone());
    push(
        "categories",
        (!meta.categories.is_empty()).then(|| meta.categories.join(", ")),
    );
    push("url", meta.url.clone());
    push("read from", article.path.clone());
    push("copy of", article.copy_of.clone());
    for (label, value) in facts {
        writeln!(out, "{label:>14}: {value}")?;
    }
    for post in &article.posts {
        match post.role.as_str() {
            "" => writeln!(out, "{:>14}: {}", "official", post.name)?,
            role => writeln!(out, "{:>14}: {} ({role})", "official", post.name)?,
        }
        if !post.posts_at_date.is_empty() {
            writeln!(
                out,
                "{:>14}  then, by the reference list: {}",
                "",
                post.posts_at_date.join("; ")
            )?;
        }
    }
    for post in &article.foreign_posts {
        let country = post.country.as_deref().map(|c| format!(", {c}")).unwrap_or_default();
        match post.role.as_str() {
            "" => writeln!(out, "{:>14}: {}{country}", "foreign", post.name)?,
            role => writeln!(out, "{:>14}: {} ({role}{country})", "foreign", post.name)?,
        }
    }
    if !article.copies.is_empty() {
        let label = count(article.copies.len(), "copy", "copies");
        writeln!(out, "{label:>14}: {}", article.copies.join(", "))?;
    }
    writeln!(out, "\n{}", article.body)?;
    Ok(())
}

/// The index's statistics.
pub fn stats(out: &mut dyn Write, stats: &IndexStats, format: StatsFormat) -> Result<()> {
    if format == StatsFormat::Json {
        return json_line(out, stats);
    }
    writeln!(out, "{:>16}: {}", "index", stats.index)?;
    writeln!(
        out,
        "{:>16}: {} (+ {})",
        "documents",
        stats.documents,
        count(stats.duplicates as usize, "syndicated copy", "syndicated copies")
    )?;
    writeln!(
        out,
        "{:>16}: {:.1} MB in {}",
        "size on disk",
        stats.size_bytes as f64 / 1e6,
        count(stats.segments, "segment", "segments")
    )?;
    match (&stats.first_date, &stats.last_date) {
        (Some(first), Some(last)) => writeln!(
            out,
            "{:>16}: {first} to {last} ({})",
            "dates",
            count(stats.dated_documents, "dated document", "dated documents")
        )?,
        _ => writeln!(out, "{:>16}: none known", "dates")?,
    }
    for (name, distinct) in &stats.facets {
        writeln!(
            out,
            "{name:>16}: {}",
            count(*distinct, "distinct value", "distinct values")
        )?;
    }
    writeln!(out, "{:>16}: {}", "schema version", stats.schema_version)?;
    Ok(())
}
