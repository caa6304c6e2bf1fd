//! Writing every hit of a query (not just a page) as CSV, JSON Lines or JSON.
//!
//! Matches are ranked first (16 bytes each), then their stored fields are read
//! in batches on the rayon pool and written in order, so memory stays flat
//! however many articles match.

use crate::error::{Error, Result};
use crate::hits::{HitLoader, Wants};
use crate::index::TracuuIndex;
use crate::model::Hit;
use crate::request::Request;
use crate::search::{Matching, RankedDoc};
use rayon::prelude::*;
use serde_json::{Map, Value};
use std::io::Write;

/// How an export is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// Comma-separated values, UTF-8, one header row.
    Csv,
    /// One JSON object a line.
    Jsonl,
    /// One JSON array.
    Json,
}

/// Columns of an export: the fields of a [`Hit`], by their JSON names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportField {
    /// Position in the hit list, from 1.
    Rank,
    /// The article's id.
    Id,
    /// Relevance within a tier.
    Score,
    /// Match-quality points (ranked before the score).
    Tier,
    /// Publication date, at its precision.
    Date,
    /// How precisely the date is known.
    DatePrecision,
    /// Where the date comes from.
    DateSource,
    /// Publication year.
    Year,
    /// Province at the time.
    Province,
    /// Province after the 2025 merger.
    #[serde(rename = "province_2025")]
    Province2025,
    /// Officials named.
    Officials,
    /// Office holders of other countries named.
    ForeignOfficials,
    /// Headline.
    Title,
    /// Publisher.
    Source,
    /// Categories the input gave.
    Categories,
    /// Address of the original.
    Url,
    /// Best passage.
    Snippet,
    /// Byte ranges of the snippet that matched.
    Highlights,
    /// The whole cleaned text.
    Body,
    /// Syndicated copies of the article found while indexing.
    Duplicates,
}

impl ExportField {
    /// Every column, in a sensible order.
    pub const ALL: [ExportField; 20] = [
        ExportField::Rank,
        ExportField::Id,
        ExportField::Score,
        ExportField::Tier,
        ExportField::Date,
        ExportField::DatePrecision,
        ExportField::DateSource,
        ExportField::Year,
        ExportField::Province,
        ExportField::Province2025,
        ExportField::Officials,
        ExportField::ForeignOfficials,
        ExportField::Title,
        ExportField::Source,
        ExportField::Categories,
        ExportField::Url,
        ExportField::Snippet,
        ExportField::Highlights,
        ExportField::Body,
        ExportField::Duplicates,
    ];

    /// The columns written when none are chosen.
    pub const DEFAULT: [ExportField; 13] = [
        ExportField::Rank,
        ExportField::Id,
        ExportField::Score,
        ExportField::Date,
        ExportField::DateSource,
        ExportField::Year,
        ExportField::Province,
        ExportField::Province2025,
        ExportField::Officials,
        ExportField::Title,
        ExportField::Source,
        ExportField::Url,
        ExportField::Snippet,
    ];

    /// The column's name: the JSON key of the hit field.
    pub fn name(self) -> &'static str {
        match self {
            ExportField::Rank => "rank",
            ExportField::Id => "id",
            ExportField::Score => "score",
            ExportField::Tier => "tier",
            ExportField::Date => "date",
            ExportField::DatePrecision => "date_precision",
            ExportField::DateSource => "date_source",
            ExportField::Year => "year",
            ExportField::Province => "province",
            ExportField::Province2025 => "province_2025",
            ExportField::Officials => "officials",
            ExportField::ForeignOfficials => "foreign_officials",
            ExportField::Title => "title",
            ExportField::Source => "source",
            ExportField::Categories => "categories",
            ExportField::Url => "url",
            ExportField::Snippet => "snippet",
            ExportField::Highlights => "highlights",
            ExportField::Body => "body",
            ExportField::Duplicates => "duplicates",
        }
    }
}

impl std::str::FromStr for ExportField {
    type Err = String;

    /// A column name (surrounding spaces ignored; also `province-2025`, `official`).
    fn from_str(text: &str) -> Result<ExportField, String> {
        let aliases = [
            ("province-2025", ExportField::Province2025),
            ("official", ExportField::Officials),
            ("category", ExportField::Categories),
        ];
        crate::request::by_name(text, &ExportField::ALL, ExportField::name, &aliases)
            .ok_or_else(|| format!("{text:?} is not an export field"))
    }
}

/// One row's cells: the hit as JSON (its one serialised shape), keyed by name.
fn row_values(hit: &Hit) -> Result<Map<String, Value>> {
    match serde_json::to_value(hit)? {
        Value::Object(map) => Ok(map),
        _ => unreachable!("a hit serialises as an object"),
    }
}

/// A value as one CSV cell: text as is, lists joined with "; " (ranges as
/// start-end), unknowns empty.
fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(list_item).collect::<Vec<_>>().join("; "),
        other => other.to_string(),
    }
}

fn list_item(item: &Value) -> String {
    match item {
        Value::String(s) => s.clone(),
        Value::Array(pair) => pair.iter().map(Value::to_string).collect::<Vec<_>>().join("-"),
        other => other.to_string(),
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

/// Settings of one export (the order is the request's).
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// How rows are written.
    pub format: ExportFormat,
    /// The columns, in order (a column named twice is written once).
    pub fields: Vec<ExportField>,
    /// Start CSV with a byte-order mark, so Excel reads it as UTF-8.
    pub excel: bool,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            format: ExportFormat::Jsonl,
            fields: ExportField::DEFAULT.to_vec(),
            excel: false,
        }
    }
}

/// What an export wrote.
#[derive(Debug)]
pub struct ExportReport {
    /// Rows written (every matching article).
    pub rows: usize,
    /// As in [`SearchResults::notes`](crate::SearchResults::notes).
    pub notes: Vec<String>,
}

/// What an export tells as it goes; `&mut ()` observes nothing.
pub trait ExportObserver {
    /// The number of rows to write is known.
    fn started(&mut self, _rows: usize) {}
    /// Rows written so far.
    fn progress(&mut self, _rows: usize) {}
}

impl ExportObserver for () {}

/// Loads a batch of hits, reading the document store in its own order (hits
/// of one compressed block are decompressed once, not once each) and giving
/// them back in rank order.
fn load_in_store_order(loader: &HitLoader<'_>, batch: &[RankedDoc], first_rank: usize) -> Result<Vec<Hit>> {
    let mut order: Vec<usize> = (0..batch.len()).collect();
    order.sort_by_key(|&i| batch[i].address);
    let loaded: Vec<(usize, Hit)> = order
        .par_iter()
        .with_min_len(STORE_RUN)
        .map(|&i| loader.load(&batch[i], first_rank + i).map(|hit| (i, hit)))
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

/// Writes every article matching the request to `out`, in the request's
/// order. Checks the request's cancel token between batches of rows.
pub fn export(
    target: &TracuuIndex,
    request: &Request,
    options: &ExportOptions,
    out: &mut dyn Write,
    observer: &mut dyn ExportObserver,
) -> Result<ExportReport> {
    let matching = Matching::new(target, request)?;
    let ranked = matching.ranked_all(request.sort)?;
    observer.started(ranked.len());
    let wants = Wants {
        snippet: options
            .fields
            .iter()
            .any(|f| matches!(f, ExportField::Snippet | ExportField::Highlights)),
        snippet_scan: Some(EXPORT_SNIPPET_SCAN),
        body: options.fields.contains(&ExportField::Body),
        duplicates: options.fields.contains(&ExportField::Duplicates),
    };
    let loader = HitLoader::new(target, &matching, wants, ranked.len())?;
    let mut sink = RowSink::new(options, out)?;
    // The next batch loads (on the rayon pool) while this one is written.
    std::thread::scope(|scope| -> Result<()> {
        let loader = &loader;
        let mut batches = ranked.chunks(BATCH).enumerate();
        let mut load_next = || {
            batches
                .next()
                .map(|(n, b)| scope.spawn(move || load_in_store_order(loader, b, n * BATCH + 1)))
        };
        let mut loading = load_next();
        while let Some(handle) = loading {
            let hits = handle
                .join()
                .map_err(|_| Error::Index(tantivy::TantivyError::InternalError("loading hits panicked".into())))??;
            matching.check_cancelled()?;
            loading = load_next();
            for hit in hits {
                sink.write(&hit)?;
            }
            observer.progress(sink.rows);
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
        let fields = crate::request::first_of_each(&options.fields);
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
                    out.write_all("\u{FEFF}".as_bytes()).map_err(Error::Output)?;
                }
                let mut writer = csv::Writer::from_writer(out);
                writer.write_record(sink.fields.iter().map(|f| f.name()))?;
                sink.csv = Some(writer);
            }
            ExportFormat::Json => {
                out.write_all(b"[").map_err(Error::Output)?;
                sink.raw = Some(out);
            }
            ExportFormat::Jsonl => sink.raw = Some(out),
        }
        Ok(sink)
    }

    /// The chosen fields of `hit`, in column order.
    fn values(&self, hit: &Hit) -> Result<Vec<(&'static str, Value)>> {
        let mut all = row_values(hit)?;
        Ok(self
            .fields
            .iter()
            .map(|f| (f.name(), all.remove(f.name()).unwrap_or(Value::Null)))
            .collect())
    }

    fn write(&mut self, hit: &Hit) -> Result<()> {
        let values = self.values(hit)?;
        match self.format {
            ExportFormat::Csv => {
                let cells: Vec<String> = values.iter().map(|(_, v)| neutralize_formula(cell(v))).collect();
                self.csv.as_mut().expect("csv writer").write_record(&cells)?;
            }
            ExportFormat::Jsonl | ExportFormat::Json => {
                let object: Map<String, Value> = values.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
                let separator: &[u8] = match (self.format, self.rows) {
                    (ExportFormat::Json, 0) => b"\n",
                    (ExportFormat::Json, _) => b",\n",
                    _ => b"",
                };
                let out = self.raw.as_mut().expect("raw writer");
                out.write_all(separator).map_err(Error::Output)?;
                serde_json::to_writer(&mut *out, &object)?;
                if self.format == ExportFormat::Jsonl {
                    out.write_all(b"\n").map_err(Error::Output)?;
                }
            }
        }
        self.rows += 1;
        Ok(())
    }

    fn finish(self) -> Result<()> {
        if let Some(mut writer) = self.csv {
            writer.flush().map_err(Error::Output)?;
        }
        if let Some(out) = self.raw {
            if self.format == ExportFormat::Json {
                out.write_all(if self.rows == 0 { b"]\n" } else { b"\n]\n" })
                    .map_err(Error::Output)?;
            }
            out.flush().map_err(Error::Output)?;
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
