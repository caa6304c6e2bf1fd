//! Looking at one article, and at the index as a whole.

use crate::copies::copies_query;
use crate::facets::FacetField;
use crate::filter::facet_values;
use crate::index::TracuuIndex;
use crate::schema;
use crate::search::{decode_facet, matching_dates};
use anyhow::{bail, Result};
use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{TantivyDocument, Term};

/// An official and the role text found with them.
#[derive(Debug, Serialize)]
pub struct NamedOfficial {
    pub name: String,
    pub role: String,
}

/// One stored article with everything known about it.
#[derive(Debug, Serialize)]
pub struct StoredArticle {
    pub id: String,
    pub title: String,
    pub date: Option<String>,
    pub year: Option<i32>,
    pub province: Option<String>,
    pub province_2025: Option<String>,
    pub officials: Vec<NamedOfficial>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// File (and line) it was read from.
    pub path: Option<String>,
    /// The cleaned text.
    pub body: String,
    /// The text as read, when cleaning changed it.
    pub raw: Option<String>,
}

/// Finds an article by id.
pub fn find(target: &TracuuIndex, id: &str) -> Result<StoredArticle> {
    let f = &target.fields;
    let searcher = target.searcher()?;
    let query = TermQuery::new(Term::from_field_text(f.id, id), IndexRecordOption::Basic);
    let Some((_, address)) = searcher
        .search(&query, &TopDocs::with_limit(1).order_by_score())?
        .into_iter()
        .next()
    else {
        bail!("no article with id {id:?} in {}", target.dir.display());
    };
    let doc: TantivyDocument = searcher.doc(address)?;
    let text = |field| doc.get_first(field).and_then(|v| v.as_str()).map(str::to_string);
    let facet = |field| doc.get_first(field).and_then(|v| v.as_facet()).and_then(decode_facet);
    let names = doc
        .get_all(f.official)
        .filter_map(|v| v.as_facet())
        .filter_map(decode_facet);
    let roles = doc
        .get_all(f.official_role)
        .filter_map(|v| v.as_str().map(str::to_string));
    Ok(StoredArticle {
        id: id.to_string(),
        title: text(f.title).unwrap_or_default(),
        date: doc
            .get_first(f.date)
            .and_then(|v| v.as_datetime())
            .map(|d| d.into_utc().date().to_string()),
        year: facet(f.year).and_then(|y| y.parse().ok()),
        province: facet(f.province),
        province_2025: facet(f.province_2025),
        officials: names
            .zip(roles.chain(std::iter::repeat(String::new())))
            .map(|(name, role)| NamedOfficial { name, role })
            .collect(),
        source: text(f.source),
        url: text(f.url),
        path: text(f.path),
        body: crate::search::utf8(crate::search::article_text(&doc, f)).into_owned(),
        raw: text(f.raw),
    })
}

/// A description of the index.
#[derive(Debug, Serialize)]
pub struct IndexStats {
    pub index: String,
    /// Articles, not counting syndicated copies.
    pub documents: u64,
    /// Syndicated copies recorded as duplicates of an article.
    pub duplicates: u64,
    pub size_bytes: u64,
    pub segments: usize,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub dated_documents: usize,
    /// Distinct values per facet field.
    pub facets: Vec<(String, usize)>,
    pub schema_version: u32,
}

pub fn stats(target: &TracuuIndex) -> Result<IndexStats> {
    let searcher = target.searcher()?;
    let dates = matching_dates(target, &searcher)?;
    let copies = searcher.search(&*copies_query(&target.fields), &tantivy::collector::Count)? as u64;
    let facets = FacetField::ALL
        .iter()
        .map(|field| {
            let handle = field_handle(target, *field);
            Ok((field.name().to_string(), facet_values(&searcher, handle)?.len()))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(IndexStats {
        index: target.dir.display().to_string(),
        documents: searcher.num_docs() - copies,
        duplicates: copies,
        size_bytes: directory_size(&target.dir),
        segments: searcher.segment_readers().len(),
        first_date: dates.iter().min().map(|d| d.into_utc().date().to_string()),
        last_date: dates.iter().max().map(|d| d.into_utc().date().to_string()),
        dated_documents: dates.len(),
        facets,
        schema_version: schema::version(),
    })
}

fn field_handle(target: &TracuuIndex, field: FacetField) -> tantivy::schema::Field {
    let f = &target.fields;
    match field {
        FacetField::Province => f.province,
        FacetField::Province2025 => f.province_2025,
        FacetField::Year => f.year,
        FacetField::Official => f.official,
    }
}

fn directory_size(dir: &std::path::Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}
