//! The index schema, read from `index-schema/schema.json` (compiled in), and
//! the check that an index on disk was built with the same schema version.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;
use tantivy::schema::{
    BytesOptions, DateOptions, DateTimePrecision, FacetOptions, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};

/// The schema as data; the single source of truth for field names and analyzers.
pub const SCHEMA_JSON: &str = include_str!("../index-schema/schema.json");

/// Written beside tantivy's files so tracuu can refuse an index built by
/// another version of itself with a message a person can act on.
pub const MARKER_FILE: &str = "tracuu.json";

#[derive(Debug, Deserialize)]
pub struct SchemaSpec {
    pub schema_version: u32,
    pub fields: Vec<FieldSpec>,
}

#[derive(Debug, Deserialize)]
pub struct FieldSpec {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: FieldKind,
    #[serde(default)]
    pub stored: bool,
    #[serde(default)]
    pub indexed: bool,
    #[serde(default)]
    pub fast: bool,
    pub analyzer: Option<String>,
    /// What text postings record: "positions" (default: phrases and BM25)
    /// or "docs" (only which documents hold a term).
    #[serde(default)]
    pub postings: Postings,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Postings {
    #[default]
    Positions,
    Docs,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    Text,
    String,
    Date,
    /// A browsable facet (`/value`); always indexed, counted with FacetCollector.
    Facet,
    /// Stored bytes (UTF-8 text read back without validating all of it).
    Bytes,
    /// An unsigned integer.
    U64,
}

#[derive(Debug, Serialize, Deserialize)]
struct Marker {
    schema_version: u32,
    created_by: String,
    /// True while the index holds only the bundled sample corpus, which
    /// tracuu may then rebuild by itself after a schema change.
    #[serde(default)]
    bundled_corpus_only: bool,
}

/// Parses the compiled-in schema description.
pub fn spec() -> SchemaSpec {
    serde_json::from_str(SCHEMA_JSON).expect("index-schema/schema.json is valid (checked by tests)")
}

/// The schema version this build of tracuu reads and writes.
pub fn version() -> u32 {
    spec().schema_version
}

/// Builds the tantivy schema described by `index-schema/schema.json`.
pub fn build(spec: &SchemaSpec) -> Schema {
    let mut builder = Schema::builder();
    for field in &spec.fields {
        match field.kind {
            FieldKind::Text => {
                let analyzer = field.analyzer.as_deref().unwrap_or(crate::analysis::DUAL);
                let indexing = match field.postings {
                    Postings::Positions => TextFieldIndexing::default()
                        .set_tokenizer(analyzer)
                        .set_index_option(IndexRecordOption::WithFreqsAndPositions),
                    Postings::Docs => TextFieldIndexing::default()
                        .set_tokenizer(analyzer)
                        .set_index_option(IndexRecordOption::Basic)
                        .set_fieldnorms(false),
                };
                let mut options = TextOptions::default().set_indexing_options(indexing);
                if field.stored {
                    options = options.set_stored();
                }
                builder.add_text_field(&field.name, options);
            }
            FieldKind::String => {
                let mut options = if field.indexed { STRING } else { TextOptions::default() };
                if field.stored {
                    options = options | STORED;
                }
                builder.add_text_field(&field.name, options);
            }
            FieldKind::Facet => {
                let mut options = FacetOptions::default();
                if field.stored {
                    options = options.set_stored();
                }
                builder.add_facet_field(&field.name, options);
            }
            FieldKind::Bytes => {
                let mut options = BytesOptions::default();
                if field.stored {
                    options = options.set_stored();
                }
                builder.add_bytes_field(&field.name, options);
            }
            FieldKind::U64 => {
                let mut options = NumericOptions::default();
                if field.stored {
                    options = options.set_stored();
                }
                if field.indexed {
                    options = options.set_indexed();
                }
                if field.fast {
                    options = options.set_fast();
                }
                builder.add_u64_field(&field.name, options);
            }
            FieldKind::Date => {
                let mut options = DateOptions::default().set_precision(DateTimePrecision::Seconds);
                if field.stored {
                    options = options | STORED;
                }
                if field.indexed {
                    options = options | INDEXED;
                }
                if field.fast {
                    options = options | FAST;
                }
                builder.add_date_field(&field.name, options);
            }
        }
    }
    builder.build()
}

/// The name of the publication date field (a fast field collectors read by name).
pub const DATE_FIELD: &str = "date";

/// Handles of the fields the code uses by name.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    pub id: Field,
    pub title: Field,
    pub body: Field,
    pub words: Field,
    pub text: Field,
    pub raw: Field,
    pub date: Field,
    pub date_precision: Field,
    pub date_source: Field,
    pub year: Field,
    pub province: Field,
    pub province_2025: Field,
    pub official: Field,
    pub official_role: Field,
    pub foreign_official: Field,
    pub foreign_official_role: Field,
    pub source: Field,
    pub source_text: Field,
    pub category: Field,
    pub url: Field,
    pub content_hash: Field,
    pub text_hash: Field,
    pub duplicate_of: Field,
    pub path: Field,
}

impl Fields {
    /// The handles in `schema`, or the name of a field it lacks.
    pub fn resolve(schema: &Schema) -> Result<Fields, String> {
        let get = |name: &str| {
            schema
                .get_field(name)
                .map_err(|_| format!("the index schema has no field `{name}`"))
        };
        Ok(Fields {
            id: get("id")?,
            title: get("title")?,
            body: get("body")?,
            words: get("words")?,
            text: get("text")?,
            raw: get("raw")?,
            date: get(DATE_FIELD)?,
            date_precision: get("date_precision")?,
            date_source: get("date_source")?,
            year: get("year")?,
            province: get("province")?,
            province_2025: get("province_2025")?,
            official: get("official")?,
            official_role: get("official_role")?,
            foreign_official: get("foreign_official")?,
            foreign_official_role: get("foreign_official_role")?,
            source: get("source")?,
            source_text: get("source_text")?,
            category: get("category")?,
            url: get("url")?,
            content_hash: get("content_hash")?,
            text_hash: get("text_hash")?,
            duplicate_of: get("duplicate_of")?,
            path: get("path")?,
        })
    }
}

/// Records the schema version in an index directory, and whether it holds
/// only the bundled corpus.
pub fn write_marker(dir: &Path, bundled_corpus_only: bool) -> Result<()> {
    let marker = Marker {
        schema_version: version(),
        created_by: format!("tracuu {}", env!("CARGO_PKG_VERSION")),
        bundled_corpus_only,
    };
    let path = dir.join(MARKER_FILE);
    let text = serde_json::to_string_pretty(&marker).expect("a marker serialises");
    std::fs::write(&path, text).map_err(|e| Error::io("cannot write", path, e))
}

/// True for an index of an older schema that holds nothing but the bundled
/// corpus: nothing of the user's is lost by rebuilding it.
pub fn is_outdated_bundled_index(dir: &Path) -> bool {
    std::fs::read_to_string(dir.join(MARKER_FILE))
        .ok()
        .and_then(|text| serde_json::from_str::<Marker>(&text).ok())
        .is_some_and(|m| m.bundled_corpus_only && m.schema_version != version())
}

/// Refuses an index built with another schema version.
pub fn check_marker(dir: &Path) -> Result<()> {
    let path = dir.join(MARKER_FILE);
    let mismatch = |found| Error::SchemaMismatch {
        dir: dir.to_path_buf(),
        found,
        expected: version(),
    };
    let text = std::fs::read_to_string(&path).map_err(|_| mismatch(None))?;
    let marker: Marker = serde_json::from_str(&text).map_err(|e| Error::Damaged {
        dir: dir.to_path_buf(),
        detail: format!("{} cannot be read: {e}", path.display()),
    })?;
    if marker.schema_version != version() {
        return Err(mismatch(Some(marker.schema_version)));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_file_builds_and_names_every_field_the_code_uses() {
        let schema = build(&spec());
        Fields::resolve(&schema).unwrap();
    }

    #[test]
    fn text_fields_use_registered_analyzers() {
        for field in spec().fields.iter().filter(|f| f.kind == FieldKind::Text) {
            let analyzer = field.analyzer.as_deref().unwrap();
            assert!([crate::analysis::DUAL, crate::analysis::WORDS].contains(&analyzer));
        }
    }
}
