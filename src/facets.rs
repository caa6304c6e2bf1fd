//! Counting facet values (province, year, officials…) over the documents
//! that match a query and filters, for drill-down browsing.

use crate::filter::{match_key, Filters};
use crate::index::TracuuIndex;
use crate::synonyms::Synonyms;
use anyhow::Result;
use tantivy::collector::{Count, FacetCollector, MultiCollector};
use tantivy::query::{AllQuery, Query};

/// The facet fields a user can count, by their public names.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[value(rename_all = "snake_case")]
pub enum FacetField {
    Province,
    #[value(name = "province_2025")]
    #[serde(rename = "province_2025")]
    Province2025,
    Year,
    Official,
}

impl FacetField {
    pub const ALL: [FacetField; 4] = [
        FacetField::Province,
        FacetField::Province2025,
        FacetField::Year,
        FacetField::Official,
    ];

    pub fn name(self) -> &'static str {
        match self {
            FacetField::Province => "province",
            FacetField::Province2025 => "province_2025",
            FacetField::Year => "year",
            FacetField::Official => "official",
        }
    }

    /// Fields with at most one value a document, for which "unknown" can be counted.
    fn single_valued(self) -> bool {
        self != FacetField::Official
    }
}

/// Counts of one facet field.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FacetCounts {
    pub field: FacetField,
    /// (value, documents), most frequent first, ties by value.
    pub values: Vec<(String, u64)>,
    /// How many distinct values there are in all (before `top`).
    pub distinct: usize,
    /// Matching documents without a value (single-valued fields only).
    pub unknown: Option<u64>,
}

/// Counts for the documents matching `query` (all documents when `None`) and `filters`.
pub struct FacetReport {
    pub total: usize,
    pub counts: Vec<FacetCounts>,
    pub notes: Vec<String>,
}

pub fn count(
    target: &TracuuIndex,
    query: Option<&str>,
    filters: &Filters,
    synonyms: &Synonyms,
    fields: &[FacetField],
    top: usize,
) -> Result<FacetReport> {
    let query_text = query;
    let searcher = target.searcher()?;
    let resolved = filters.resolve(target, &searcher)?;
    let base: Box<dyn Query> = match query {
        Some(text) => crate::query::build_query(target, text, synonyms)?,
        None => Box::new(AllQuery),
    };
    let query = crate::search::originals_only(target, base, resolved.clauses);
    let mut collectors = MultiCollector::new();
    let total_handle = collectors.add_collector(Count);
    let handles: Vec<_> = fields
        .iter()
        .map(|field| {
            let mut collector = FacetCollector::for_field(field.name());
            collector.add_facet("/");
            collectors.add_collector(collector)
        })
        .collect();
    let mut fruits = searcher
        .search(&*query, &collectors)
        .map_err(|e| crate::search::query_failed(query_text.unwrap_or(""), e))?;
    let total = total_handle.extract(&mut fruits);
    let counts = fields
        .iter()
        .zip(handles)
        .map(|(&field, handle)| {
            let facet_counts = handle.extract(&mut fruits);
            let mut values: Vec<(String, u64)> = facet_counts
                .get("/")
                .map(|(facet, n)| (facet.to_path().first().map_or_else(String::new, |v| v.to_string()), n))
                .collect();
            // Ties in Vietnamese order (Đ with D), not code-point order.
            values.sort_by_cached_key(|(value, n)| (std::cmp::Reverse(*n), match_key(value), value.clone()));
            let distinct = values.len();
            let known: u64 = values.iter().map(|(_, n)| n).sum();
            values.truncate(top);
            FacetCounts {
                field,
                values,
                distinct,
                unknown: field.single_valued().then(|| (total as u64).saturating_sub(known)),
            }
        })
        .collect();
    Ok(FacetReport {
        total,
        counts,
        notes: resolved.notes,
    })
}
