//! Writing every hit of a query (not just a page) as CSV, JSON Lines or JSON.
//!
//! Matches are ranked first (16 bytes each), then their stored fields are read
//! in batches on the rayon pool and written in order, so memory stays flat
//! however many articles match.

use crate::index::TracuuIndex;
use crate::search::{Hit, HitLoader, Matching, RankedDoc, Request, Sort, Wants};
use anyhow::Result;
use rayon::prelude::*;
use serde_json::{json, Value};
use std::io::Write;

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// Comma-separated values, UTF-8, one header row.
    Csv,
    /// One JSON object a line.
    Jsonl,
    /// One JSON array.
    Json,
}

/// Columns of an export.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
#[value(rename_all = "snake_case")]
pub enum ExportField {
    Id,
    Score,
    Date,
    Year,
    Province,
    #[value(name = "province_2025", alias = "province-2025")]
    Province2025,
    #[value(alias = "official")]
    Officials,
    Title,
    Source,
    Url,
    Snippet,
    Body,
    /// Syndicated copies of the article found while indexing.
    Duplicates,
}

impl ExportField {
    pub const DEFAULT: [ExportField; 11] = [
        ExportField::Id,
        ExportField::Score,
        ExportField::Date,
        ExportField::Year,
        ExportField::Province,
        ExportField::Province2025,
        ExportField::Officials,
        ExportField::Title,
        ExportField::Source,
        ExportField::Url,
        ExportField::Snippet,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ExportField::Id => "id",
            ExportField::Score => "score",
            ExportField::Date => "date",
            ExportField::Year => "year",
            ExportField::Province => "province",
            ExportField::Province2025 => "province_2025",
            ExportField::Officials => "officials",
            ExportField::Title => "title",
            ExportField::Source => "source",
            ExportField::Url => "url",
            ExportField::Snippet => "snippet",
            ExportField::Body => "body",
            ExportField::Duplicates => "duplicates",
        }
    }

    /// The value as JSON (officials as an array, unknowns as null).
    fn json(self, hit: &Hit) -> Value {
        let opt = |v: &Option<String>| v.as_ref().map_or(Value::Null, |s| json!(s));
        match self {
            ExportField::Id => json!(hit.id),
            ExportField::Score => json!(hit.score),
            ExportField::Date => opt(&hit.date),
            ExportField::Year => hit.year.map_or(Value::Null, |y| json!(y)),
            ExportField::Province => opt(&hit.province),
            ExportField::Province2025 => opt(&hit.province_2025),
            ExportField::Officials => json!(hit.officials),
            ExportField::Title => json!(hit.title),
            ExportField::Source => opt(&hit.source),
            ExportField::Url => opt(&hit.url),
            ExportField::Snippet => json!(hit.snippet.text),
            ExportField::Body => json!(hit.body),
            ExportField::Duplicates => json!(hit.duplicates),
        }
    }

    /// The value as one CSV cell (multi-valued fields joined with "; ").
    fn cell(self, hit: &Hit) -> String {
        match self.json(hit) {
            Value::Null => String::new(),
            Value::String(s) => s,
            Value::Array(items) => items.iter().filter_map(Value::as_str).collect::<Vec<_>>().join("; "),
            other => other.to_string(),
        }
    }
}

/// A cell a spreadsheet would run as a formula ("=HYPERLINK(…)", "+1", "-2",
/// "@SUM") gets a leading apostrophe, as OWASP recommends for CSV injection.
pub fn neutralize_formula(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// Settings of one export.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    pub format: ExportFormat,
    pub fields: Vec<ExportField>,
    pub sort: Sort,
    /// Start CSV with a byte-order mark, so Excel reads it as UTF-8.
    pub excel: bool,
}

/// What an export wrote.
#[derive(Debug)]
pub struct ExportReport {
    pub rows: usize,
    pub notes: Vec<String>,
}

/// Loads a batch of hits, reading the document store in its own order (hits
/// of one compressed block are decompressed once, not once each) and giving
/// them back in rank order.
fn load_in_store_order(loader: &HitLoader<'_>, batch: &[RankedDoc]) -> Result<Vec<Hit>> {
    let mut order: Vec<usize> = (0..batch.len()).collect();
    order.sort_by_key(|&i| batch[i].address);
    let loaded: Vec<(usize, Hit)> = order
        .par_iter()
        .with_min_len(STORE_RUN)
        .map(|&i| loader.load(&batch[i]).map(|hit| (i, hit)))
        .collect::<Result<_>>()?;
    let mut hits: Vec<Option<Hit>> = (0..batch.len()).map(|_| None).collect();
    for (i, hit) in loaded {
        hits[i] = Some(hit);
    }
    Ok(hits.into_iter().flatten().collect())
}

/// Hits one thread reads in a row, so neighbouring documents share blocks.
const STORE_RUN: usize = 64;

/// Bytes of an article searched first for its snippet in an export.
const EXPORT_SNIPPET_SCAN: usize = 600;

/// Hits read per rayon batch: big enough to keep both cores busy, small
/// enough that memory does not grow with the result set.
const BATCH: usize = 4096;

/// Writes every article matching the request to `out`.
/// `on_start(total)` and `on_progress(rows)` drive a progress display.
pub fn export(
    target: &TracuuIndex,
    request: &Request<'_>,
    options: &ExportOptions,
    out: &mut dyn Write,
    on_start: &mut dyn FnMut(usize),
    on_progress: &mut dyn FnMut(usize),
) -> Result<ExportReport> {
    let matching = Matching::new(target, request)?;
    let ranked = matching.ranked_all(target, options.sort)?;
    on_start(ranked.len());
    let wants = Wants {
        snippet: options.fields.contains(&ExportField::Snippet),
        snippet_scan: Some(EXPORT_SNIPPET_SCAN),
        body: options.fields.contains(&ExportField::Body),
        duplicates: options.fields.contains(&ExportField::Duplicates),
    };
    let loader = HitLoader::new(target, &matching, wants, ranked.len())?;
    let mut sink = RowSink::new(options, out)?;
    // The next batch loads (on the rayon pool) while this one is written.
    std::thread::scope(|scope| -> Result<()> {
        let loader = &loader;
        let mut batches = ranked.chunks(BATCH);
        let mut load_next = || {
            batches
                .next()
                .map(|b| scope.spawn(move || load_in_store_order(loader, b)))
        };
        let mut loading = load_next();
        while let Some(handle) = loading {
            let hits = handle.join().map_err(|_| anyhow::anyhow!("loading hits panicked"))??;
            loading = load_next();
            for hit in hits {
                sink.write(&hit)?;
            }
            on_progress(sink.rows);
        }
        Ok(())
    })?;
    let rows = sink.rows;
    sink.finish()?;
    Ok(ExportReport {
        rows,
        notes: matching.notes,
    })
}

/// Serialises hits in one of the formats.
struct RowSink<'a> {
    fields: Vec<ExportField>,
    format: ExportFormat,
    csv: Option<csv::Writer<&'a mut dyn Write>>,
    raw: Option<&'a mut dyn Write>,
    rows: usize,
}

impl<'a> RowSink<'a> {
    fn new(options: &ExportOptions, out: &'a mut dyn Write) -> Result<RowSink<'a>> {
        let fields = options.fields.clone();
        let mut sink = RowSink {
            fields,
            format: options.format,
            csv: None,
            raw: None,
            rows: 0,
        };
        match options.format {
            ExportFormat::Csv => {
                if options.excel {
                    out.write_all("\u{FEFF}".as_bytes())?;
                }
                let mut writer = csv::Writer::from_writer(out);
                writer.write_record(sink.fields.iter().map(|f| f.name()))?;
                sink.csv = Some(writer);
            }
            ExportFormat::Json => {
                out.write_all(b"[")?;
                sink.raw = Some(out);
            }
            ExportFormat::Jsonl => sink.raw = Some(out),
        }
        Ok(sink)
    }

    fn object(&self, hit: &Hit) -> Value {
        Value::Object(
            self.fields
                .iter()
                .map(|f| (f.name().to_string(), f.json(hit)))
                .collect(),
        )
    }

    fn write(&mut self, hit: &Hit) -> Result<()> {
        match self.format {
            ExportFormat::Csv => {
                let cells: Vec<String> = self.fields.iter().map(|f| neutralize_formula(f.cell(hit))).collect();
                self.csv.as_mut().expect("csv writer").write_record(&cells)?;
            }
            ExportFormat::Jsonl | ExportFormat::Json => {
                let object = self.object(hit);
                let separator: &[u8] = match (self.format, self.rows) {
                    (ExportFormat::Json, 0) => b"\n",
                    (ExportFormat::Json, _) => b",\n",
                    _ => b"",
                };
                let out = self.raw.as_mut().expect("raw writer");
                out.write_all(separator)?;
                serde_json::to_writer(&mut *out, &object)?;
                if self.format == ExportFormat::Jsonl {
                    out.write_all(b"\n")?;
                }
            }
        }
        self.rows += 1;
        Ok(())
    }

    fn finish(self) -> Result<()> {
        if let Some(mut writer) = self.csv {
            writer.flush()?;
        }
        if let Some(out) = self.raw {
            if self.format == ExportFormat::Json {
                out.write_all(if self.rows == 0 { b"]\n" } else { b"\n]\n" })?;
            }
            out.flush()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised_and_others_kept() {
        for risky in ["=1+1", "+84 912", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralize_formula(risky.to_string()), format!("'{risky}"));
        }
        assert_eq!(
            neutralize_formula("Hội nghị = thành công".to_string()),
            "Hội nghị = thành công"
        );
        assert_eq!(neutralize_formula(String::new()), "");
    }
}
