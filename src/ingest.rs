//! Reading articles from `.txt` files and `.jsonl` / `.jsonl.gz` files.
//!
//! Nothing is dropped silently: every article that cannot be read becomes a
//! [`Problem`] naming its file and line, which the caller counts and reports.

use crate::decode;
use crate::error::{Error, Result};
use encoding_rs_io::DecodeReaderBytesBuilder;
use flate2::read::MultiGzDecoder;
use rayon::prelude::*;
use serde::Deserialize;
use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use tantivy::time::{Date, Month};

/// One article, as read from its file, before cleaning and extraction.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Article {
    /// The id: the JSONL `id`, or the `.txt` file's name without extension.
    pub id: String,
    /// The headline when the input gives one (JSONL); `None` for `.txt`
    /// articles, whose headline is somewhere at the top of `text`.
    pub title: Option<String>,
    /// The body (JSONL) or the whole file (`.txt`), as read.
    pub text: String,
    /// The date the input gives (JSONL `date`).
    pub date: Option<Date>,
    /// The publisher the input gives.
    pub source: Option<String>,
    /// The address the input gives.
    pub url: Option<String>,
    /// The province the input gives.
    pub province: Option<String>,
    /// Categories, tags or topics the input gives.
    pub categories: Vec<String>,
    /// Keys of the input's record that tracuu does not read.
    pub ignored_fields: Vec<String>,
    /// "file" or "file:line", for messages and provenance.
    pub origin: String,
    /// What was wrong with it but did not stop it being indexed.
    pub warnings: Vec<Problem>,
}

/// Something that could not be read, with where it was.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The file.
    pub file: PathBuf,
    /// The line (of a JSONL file or a list), from 1.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file.display(), line, self.message),
            None => write!(f, "{}: {}", self.file.display(), self.message),
        }
    }
}

/// The kinds of file tracuu reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `.txt`: one article, the file name its id.
    Text,
    /// `.jsonl`: one article a line.
    Jsonl,
    /// `.jsonl.gz`: the same, gzip-compressed.
    JsonlGz,
}

impl FileKind {
    /// The kind of a file, by its name.
    pub fn of(path: &Path) -> Option<FileKind> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        if name.ends_with(".jsonl.gz") {
            Some(FileKind::JsonlGz)
        } else if name.ends_with(".jsonl") {
            Some(FileKind::Jsonl)
        } else if name.ends_with(".txt") {
            Some(FileKind::Text)
        } else {
            None
        }
    }
}

/// The files to read, found under the given paths.
#[derive(Debug, Default)]
pub struct FileList {
    /// Article files, in a stable order.
    pub files: Vec<PathBuf>,
    /// Files inside the given folders that are not articles (images, HTML…).
    pub ignored: Vec<PathBuf>,
    /// Entries that could not be listed (permission denied, symlink loops).
    pub problems: Vec<Problem>,
}

/// Expands files and folders into the article files below them, in a stable
/// order. A path given explicitly must exist and be of a known kind.
pub fn list_files(paths: &[PathBuf]) -> Result<FileList> {
    let mut list = FileList::default();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| Error::io("cannot read", path, e))?;
        if meta.is_file() {
            if FileKind::of(path).is_none() {
                return Err(Error::BadInput(problem(
                    path,
                    None,
                    "unsupported file type (expected .txt, .jsonl or .jsonl.gz)",
                )));
            }
            list.files.push(path.clone());
            continue;
        }
        for entry in walkdir::WalkDir::new(path).follow_links(true).sort_by_file_name() {
            match entry {
                Ok(e) if e.file_type().is_file() => match FileKind::of(e.path()) {
                    Some(_) => list.files.push(e.into_path()),
                    None => list.ignored.push(e.into_path()),
                },
                Ok(_) => {}
                Err(err) => list.problems.push(Problem {
                    file: err.path().map(Path::to_path_buf).unwrap_or_else(|| path.clone()),
                    line: None,
                    message: err.to_string(),
                }),
            }
        }
    }
    Ok(list)
}

/// Articles read together, with the bytes of text they came from.
#[derive(Debug)]
pub struct Batch {
    /// Each article, or why it could not be read.
    pub items: Vec<Result<Article, Problem>>,
    /// Bytes of text they were read from.
    pub bytes: u64,
}

/// A `.txt` article larger than this is refused (it is not an article).
pub const MAX_ARTICLE_BYTES: u64 = 64 << 20;
/// A JSONL line longer than this is skipped, without being held in memory.
pub const MAX_LINE_BYTES: usize = 64 << 20;

/// How many JSONL lines are parsed together on the rayon pool.
const BATCH_LINES: usize = 1024;

/// Reads every article of one file, handing them to `sink` in batches in
/// file order, and returns how many bytes of text it read (after
/// decompression). Returns an error only when the file itself cannot be
/// opened or read; bad articles become `Err(Problem)` items of the batch.
pub fn read_file(path: &Path, sink: &mut dyn FnMut(Batch)) -> Result<u64> {
    let open = || File::open(path).map_err(|e| Error::io("cannot open", path, e));
    match FileKind::of(path) {
        Some(FileKind::Text) => {
            let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
            sink(Batch {
                items: vec![read_text_article(path)],
                bytes,
            });
            Ok(bytes)
        }
        Some(FileKind::Jsonl) => read_jsonl(path, BufReader::new(open()?), sink),
        Some(FileKind::JsonlGz) => read_jsonl(path, BufReader::new(MultiGzDecoder::new(open()?)), sink),
        None => Err(Error::BadInput(problem(path, None, "unsupported file type"))),
    }
}

fn problem(path: &Path, line: Option<usize>, message: impl Into<String>) -> Problem {
    Problem {
        file: path.to_path_buf(),
        line,
        message: message.into(),
    }
}

/// A `.txt` article: the whole file (headline and debris included, which
/// extraction sorts out); the file stem is the id.
fn read_text_article(path: &Path) -> Result<Article, Problem> {
    let size = std::fs::metadata(path)
        .map_err(|e| problem(path, None, format!("cannot read: {e}")))?
        .len();
    if size > MAX_ARTICLE_BYTES {
        return Err(problem(
            path,
            None,
            format!(
                "{:.0} MB is larger than an article can be ({} MB)",
                size as f64 / 1e6,
                MAX_ARTICLE_BYTES >> 20
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| problem(path, None, format!("cannot read: {e}")))?;
    let id = path
        .file_stem()
        .and_then(|s| s.to_str())
        .ok_or_else(|| problem(path, None, "file name is not valid Unicode"))?;
    text_article(id, &bytes, path)
}

/// An article whose text is the whole of `bytes` (a `.txt` file's content,
/// in any encoding the decoder recognises), read from `origin`.
pub fn text_article(id: &str, bytes: &[u8], origin: &Path) -> Result<Article, Problem> {
    let decoded = decode::decode(bytes).map_err(|why| problem(origin, None, why.to_string()))?;
    Ok(Article {
        id: id.to_string(),
        title: None,
        text: decoded.text,
        origin: origin.display().to_string(),
        ..Article::default()
    })
}

/// One JSONL line's fields, under the names inputs use for them. Other
/// keys are kept by name (their values skipped unread), so a run can say
/// which fields it ignored.
#[derive(Default)]
struct JsonRecord {
    id: Option<JsonId>,
    title: Option<String>,
    body: Option<String>,
    /// `abstract`, `lead`, `sapo` or `description`: the lead paragraph.
    lead: Option<String>,
    /// `date`, `published`, `publish_date`, `time`…: the first given.
    date: Option<String>,
    source: Option<String>,
    url: Option<String>,
    province: Option<String>,
    /// `category`, `categories`, `tags` or `topic`: a string or a list.
    categories: Vec<String>,
    ignored: Vec<String>,
}

/// Keys read as the lead paragraph.
const LEAD_KEYS: &[&str] = &["abstract", "lead", "sapo", "description", "summary"];
/// Keys read as the publication date, the first present winning.
const DATE_KEYS: &[&str] = &[
    "date",
    "published",
    "publish_date",
    "published_at",
    "publication_date",
    "pubdate",
    "time",
    "datetime",
];
/// Keys read as categories.
const CATEGORY_KEYS: &[&str] = &["category", "categories", "tags", "topic", "topics"];

/// A string, a number, a list of strings, or null: what inputs put in
/// their category and tag fields.
#[derive(Deserialize)]
#[serde(untagged)]
enum Labels {
    One(String),
    Many(Vec<Option<String>>),
    Number(serde_json::Number),
}

impl<'de> Deserialize<'de> for JsonRecord {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Fields;
        impl<'de> serde::de::Visitor<'de> for Fields {
            type Value = JsonRecord;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<JsonRecord, A::Error> {
                let mut record = JsonRecord::default();
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    let key = key.as_ref();
                    let first = |slot: &mut Option<String>, value: Option<String>| {
                        if slot.is_none() {
                            *slot = value.filter(|v| !v.trim().is_empty());
                        }
                    };
                    match key {
                        "id" => record.id = map.next_value()?,
                        "title" => record.title = map.next_value()?,
                        "body" => record.body = map.next_value()?,
                        "source" => record.source = map.next_value()?,
                        "url" => record.url = map.next_value()?,
                        "province" => record.province = map.next_value()?,
                        _ if LEAD_KEYS.contains(&key) => first(&mut record.lead, map.next_value()?),
                        _ if DATE_KEYS.contains(&key) => {
                            let value: Option<serde_json::Value> = map.next_value()?;
                            let text = value.and_then(|v| match v {
                                serde_json::Value::String(s) => Some(s),
                                serde_json::Value::Null => None,
                                other => Some(other.to_string()),
                            });
                            first(&mut record.date, text);
                        }
                        _ if CATEGORY_KEYS.contains(&key) => match map.next_value::<Option<Labels>>()? {
                            Some(Labels::One(label)) => record.categories.push(label),
                            Some(Labels::Many(labels)) => record.categories.extend(labels.into_iter().flatten()),
                            Some(Labels::Number(n)) => record.categories.push(n.to_string()),
                            None => {}
                        },
                        other => {
                            map.next_value::<serde::de::IgnoredAny>()?;
                            record.ignored.push(other.to_string());
                        }
                    }
                }
                record.categories.retain(|c| !c.trim().is_empty());
                Ok(record)
            }
        }
        deserializer.deserialize_map(Fields)
    }
}

/// The text to index: the lead paragraph, as a paragraph of its own,
/// before the body, unless the body already opens with it.
fn with_lead(lead: Option<String>, body: String) -> String {
    let Some(lead) = lead else { return body };
    let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let lead_start: String = squeeze(&lead).chars().take(80).collect();
    let body_start: String = squeeze(&body.chars().take(lead.chars().count() + 40).collect::<String>());
    if body_start.starts_with(&lead_start) {
        return body;
    }
    format!("{}\n\n{body}", lead.trim())
}

#[derive(Deserialize)]
#[serde(untagged)]
enum JsonId {
    Text(String),
    Number(serde_json::Number),
}

/// A line read from a JSONL file (checked to be UTF-8 where it is parsed,
/// on the pool), or why it could not be read.
type Line = (usize, Result<Vec<u8>, String>);

fn read_jsonl(path: &Path, reader: impl BufRead, sink: &mut dyn FnMut(Batch)) -> Result<u64> {
    // UTF-16 files (with a BOM) are transcoded; UTF-8 passes through.
    let mut reader = BufReader::new(DecodeReaderBytesBuilder::new().bom_sniffing(true).build(reader));
    let mut bytes = 0;
    let mut batch_bytes = 0;
    let mut batch: Vec<Line> = Vec::with_capacity(BATCH_LINES);
    let mut line_no = 0;
    loop {
        let mut buf = Vec::new();
        let (read, complete) = read_line_limited(&mut reader, &mut buf, MAX_LINE_BYTES)
            .map_err(|e| Error::BadInput(problem(path, Some(line_no + 1), format!("read error: {e}"))))?;
        if read == 0 {
            break;
        }
        line_no += 1;
        bytes += read as u64;
        batch_bytes += read as u64;
        let line = if complete {
            Ok(buf)
        } else {
            Err(format!("line longer than {} MB, skipped", MAX_LINE_BYTES >> 20))
        };
        batch.push((line_no, line));
        if batch.len() == BATCH_LINES {
            sink(Batch {
                items: parse_batch(path, std::mem::take(&mut batch)),
                bytes: std::mem::take(&mut batch_bytes),
            });
        }
    }
    if !batch.is_empty() {
        sink(Batch {
            items: parse_batch(path, batch),
            bytes: batch_bytes,
        });
    }
    Ok(bytes)
}

/// Reads one line into `buf`, keeping at most `limit` bytes: the rest of an
/// over-long line is read past, not held. Returns the bytes consumed and
/// whether the line was kept whole.
fn read_line_limited(reader: &mut impl BufRead, buf: &mut Vec<u8>, limit: usize) -> std::io::Result<(usize, bool)> {
    let mut consumed = 0;
    let mut complete = true;
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            return Ok((consumed, complete));
        }
        let (chunk, done) = match available.iter().position(|&b| b == b'\n') {
            Some(end) => (&available[..=end], true),
            None => (available, false),
        };
        if complete && buf.len() + chunk.len() <= limit {
            buf.extend_from_slice(chunk);
        } else {
            complete = false;
            buf.clear();
        }
        let used = chunk.len();
        reader.consume(used);
        consumed += used;
        if done {
            return Ok((consumed, complete));
        }
    }
}

fn parse_batch(path: &Path, lines: Vec<Line>) -> Vec<Result<Article, Problem>> {
    lines
        .into_par_iter()
        .filter_map(|(line_no, line)| {
            let text = match &line {
                Ok(bytes) => utf8(bytes),
                Err(why) => Err(why.clone()),
            };
            match text {
                // Blank, Unicode spaces included: nothing to index, nothing lost.
                Ok(text) if text.trim().is_empty() => None,
                Ok(text) => Some(parse_json_line(path, line_no, text)),
                Err(why) => Some(Err(problem(path, Some(line_no), why))),
            }
        })
        .collect()
}

/// `bytes` as text, or where it stops being UTF-8. (simdutf8 checks Vietnamese
/// several times faster than `std`, whose fast path is for ASCII.)
fn utf8(bytes: &[u8]) -> Result<&str, String> {
    simdutf8::basic::from_utf8(bytes).map_err(|_| {
        let valid = std::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), |s| s.len());
        format!("not UTF-8 text (invalid byte at column {})", valid + 1)
    })
}

fn parse_json_line(path: &Path, line_no: usize, line: &str) -> Result<Article, Problem> {
    let at = |message: String| problem(path, Some(line_no), message);
    let record: JsonRecord = serde_json::from_str(line).map_err(|e| at(format!("invalid JSON: {e}")))?;
    let id = match record.id {
        Some(JsonId::Text(s)) if s.chars().any(char::is_control) => {
            return Err(at(format!("id {s:?} has control characters")));
        }
        Some(JsonId::Text(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(JsonId::Number(n)) => n.to_string(),
        _ => return Err(at("missing `id`".into())),
    };
    let body = record.body.ok_or_else(|| at(format!("article {id}: missing `body`")))?;
    let body = with_lead(record.lead, body);
    let title = record.title.unwrap_or_default();
    if title.trim().is_empty() && body.trim().is_empty() {
        return Err(at(format!("article {id}: empty title and body")));
    }
    let mut warnings = Vec::new();
    // A date we cannot read is no reason to lose the article: it is indexed
    // with the date its text gives, if any, and the user is told.
    let date = match record.date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(text) => {
            let date = parse_date(text);
            if date.is_none() {
                warnings.push(at(format!(
                    "article {id}: date {text:?} not understood (YYYY-MM-DD or D/M/YYYY); indexed with the date its text gives, if any"
                )));
            }
            date
        }
        None => None,
    };
    Ok(Article {
        id,
        title: Some(title),
        text: body,
        date,
        source: record.source.filter(|s| !s.is_empty()),
        url: record.url.filter(|s| !s.is_empty()),
        province: record.province.filter(|s| !s.is_empty()),
        categories: record.categories.into_iter().map(|c| c.trim().to_string()).collect(),
        ignored_fields: record.ignored,
        origin: format!("{}:{}", path.display(), line_no),
        warnings,
    })
}

/// Accepts ISO dates ("2023-12-28", optionally followed by a time) and
/// Vietnamese day-first dates ("28/12/2023", "28-12-2023").
pub fn parse_date(text: &str) -> Option<Date> {
    let numbers: Vec<&str> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .take(3)
        .collect();
    let [a, b, c] = numbers[..] else { return None };
    let (year, month, day) = if a.len() == 4 { (a, b, c) } else { (c, b, a) };
    // "28/12/23" is ambiguous (2023? 1923?): refuse it rather than guess.
    if year.len() != 4 {
        return None;
    }
    let month = Month::try_from(month.parse::<u8>().ok()?).ok()?;
    Date::from_calendar_date(year.parse().ok()?, month, day.parse().ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_are_skipped_bad_ones_reported_with_their_column() {
        let lines = vec![
            (1, Ok(br#"{"id": "a", "title": "T", "body": "B"}"#.to_vec())),
            (2, Ok("\u{A0}\u{3000} \t".as_bytes().to_vec())),
            (3, Ok(b"\x0B\r".to_vec())),
            (4, Ok(b"{\"id\": \"b\xFF\"}".to_vec())),
        ];
        let parsed = parse_batch(Path::new("x.jsonl"), lines);
        assert_eq!(parsed.len(), 2, "blank lines are no articles and no problems");
        assert_eq!(parsed[0].as_ref().unwrap().id, "a");
        let bad = parsed[1].as_ref().unwrap_err().to_string();
        assert!(bad.contains("x.jsonl:4") && bad.contains("column 10"), "{bad}");
    }

    #[test]
    fn parses_iso_and_day_first_dates() {
        let d = Date::from_calendar_date(2023, Month::December, 28).unwrap();
        assert_eq!(parse_date("2023-12-28"), Some(d));
        assert_eq!(parse_date("2023-12-28T08:00:00+07:00"), Some(d));
        assert_eq!(parse_date("28/12/2023"), Some(d));
        assert_eq!(parse_date("31/02/2023"), None);
        assert_eq!(parse_date("28/12/23"), None);
        assert_eq!(parse_date("soon"), None);
    }

    #[test]
    fn json_line_errors_name_file_line_and_cause() {
        let path = Path::new("x.jsonl");
        let err = parse_json_line(path, 7, r#"{"id": "a", "title": "t"}"#).unwrap_err();
        assert_eq!(err.to_string(), "x.jsonl:7: article a: missing `body`");
        let err = parse_json_line(path, 8, "{not json").unwrap_err();
        assert!(err.to_string().starts_with("x.jsonl:8: invalid JSON"), "{err}");
        let err = parse_json_line(path, 9, r#"{"id": 3, "body": 5}"#).unwrap_err();
        assert!(err.to_string().starts_with("x.jsonl:9: invalid JSON"), "{err}");
    }

    #[test]
    fn numeric_ids_are_kept_as_text() {
        let a = parse_json_line(Path::new("x.jsonl"), 1, r#"{"id": 42, "body": "b"}"#).unwrap();
        assert_eq!(a.id, "42");
    }

    #[test]
    fn over_long_lines_are_read_past_not_held() {
        let mut reader = std::io::Cursor::new(b"short\nthis line is too long\nok".to_vec());
        let mut buf = Vec::new();
        assert_eq!(read_line_limited(&mut reader, &mut buf, 8).unwrap(), (6, true));
        assert_eq!(buf, b"short\n");
        buf.clear();
        assert_eq!(read_line_limited(&mut reader, &mut buf, 8).unwrap(), (22, false));
        assert!(buf.is_empty());
        assert_eq!(read_line_limited(&mut reader, &mut buf, 8).unwrap(), (2, true));
        assert_eq!(buf, b"ok");
    }
}
