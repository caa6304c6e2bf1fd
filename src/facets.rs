//! Counting facet values (province, year, officials…) over the documents
//! that match a query and filters, for drill-down browsing.

use crate::error::Result;
use crate::filter::match_key;
use crate::index::TracuuIndex;
use crate::model::{FacetCounts, FacetReport, FacetValue, JSON_VERSION};
use crate::request::Request;
use crate::search::Matching;
use std::collections::HashMap;
use tantivy::collector::{Collector, Count, SegmentCollector};
use tantivy::fastfield::FacetReader;
use tantivy::schema::Facet;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// The facet fields a user can count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FacetField {
    /// The province, as named at the time.
    Province,
    /// The province as merged in 2025.
    #[serde(rename = "province_2025")]
    Province2025,
    /// The year of publication.
    Year,
    /// The Vietnamese officials named.
    Official,
    /// Office holders of other countries named.
    ForeignOfficial,
    /// The publisher, as the input gave it.
    Source,
    /// Categories, tags or topics the input gave.
    Category,
}

impl FacetField {
    /// Every facet, in the order they are shown.
    pub const ALL: [FacetField; 7] = [
        FacetField::Province,
        FacetField::Province2025,
        FacetField::Year,
        FacetField::Official,
        FacetField::ForeignOfficial,
        FacetField::Source,
        FacetField::Category,
    ];

    /// The public name (in JSON and on the command line).
    pub fn name(self) -> &'static str {
        match self {
            FacetField::Province => "province",
            FacetField::Province2025 => "province_2025",
            FacetField::Year => "year",
            FacetField::Official => "official",
            FacetField::ForeignOfficial => "foreign_official",
            FacetField::Source => "source",
            FacetField::Category => "category",
        }
    }

    /// Fields with at most one value a document, for which "unknown" can be counted.
    fn single_valued(self) -> bool {
        !matches!(
            self,
            FacetField::Official | FacetField::ForeignOfficial | FacetField::Category
        )
    }
}

impl std::str::FromStr for FacetField {
    type Err = String;

    /// A name as [`FacetField::name`] gives it (also `province-2025`, `officials`).
    fn from_str(text: &str) -> Result<FacetField, String> {
        let aliases = [
            ("province-2025", FacetField::Province2025),
            ("officials", FacetField::Official),
            ("categories", FacetField::Category),
        ];
        crate::request::by_name(text, &FacetField::ALL, FacetField::name, &aliases)
            .ok_or_else(|| format!("{text:?} is not a facet (province, province_2025, year, official)"))
    }
}

/// Counts `fields` over the articles matching `request` (all articles for
/// an empty query), keeping the `top` values of each. A field asked for
/// twice is counted once.
pub fn count(target: &TracuuIndex, request: &Request, fields: &[FacetField], top: usize) -> Result<FacetReport> {
    let unique = crate::request::first_of_each(fields);
    let matching = Matching::new(target, request)?;
    let (total, per_field) = count_values(&matching, &unique)?;
    let facets = unique
        .iter()
        .zip(per_field)
        .map(|(&field, counted)| (field.name().to_string(), top_values(field, counted, total, top)))
        .collect();
    Ok(FacetReport {
        version: JSON_VERSION,
        query: (!request.query.trim().is_empty()).then(|| request.query.clone()),
        filters: request.filters.describe(),
        total,
        facets,
        notes: matching.notes,
    })
}

/// How many matching articles there are, and each value's count per field.
pub(crate) fn count_values(matching: &Matching, fields: &[FacetField]) -> Result<(usize, FieldCounts)> {
    let names: Vec<&str> = fields.iter().map(|f| f.name()).collect();
    matching
        .searcher
        .search(&*matching.query, &(Count, FacetCounter { fields: &names }))
        .map_err(|e| matching.failed(e))
}

/// The `top` values of one field's counts, ties kept in Vietnamese order.
fn top_values(field: FacetField, counted: HashMap<String, u64>, total: usize, top: usize) -> FacetCounts {
    let mut values: Vec<(String, u64)> = counted.into_iter().collect();
    let distinct = values.len();
    let known: u64 = values.iter().map(|(_, n)| n).sum();
    values.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    // Keep the whole group tied at the cut, so the order below decides.
    let cut = values.get(top.saturating_sub(1)).map_or(0, |v| v.1);
    let keep = values
        .iter()
        .take_while(|v| v.1 >= cut)
        .count()
        .max(top.min(values.len()));
    values.truncate(keep);
    // Ties in Vietnamese order (Đ with D), not code-point order; only for
    // the values shown, as folding 17,000 names costs more than the counting.
    values.sort_by_cached_key(|(value, n)| (std::cmp::Reverse(*n), match_key(value), value.clone()));
    values.truncate(top);
    FacetCounts {
        values: values
            .into_iter()
            .map(|(value, count)| FacetValue { value, count })
            .collect(),
        distinct,
        unknown: field.single_valued().then(|| (total as u64).saturating_sub(known)),
    }
}

/// Counts the values of one-level facet fields. Unlike tantivy's
/// FacetCollector, it reads each segment's facet dictionary in one
/// sequential pass instead of looking every counted ordinal up: with 17,000
/// official names in six segments that is most of the time saved.
pub(crate) struct FacetCounter<'a> {
    fields: &'a [&'a str],
}

pub(crate) struct SegmentFacetCounter {
    readers: Vec<FacetReader>,
    counts: Vec<Vec<u32>>,
}

pub(crate) type FieldCounts = Vec<HashMap<String, u64>>;

impl Collector for FacetCounter<'_> {
    type Fruit = FieldCounts;
    type Child = SegmentFacetCounter;

    fn for_segment(&self, _: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentFacetCounter> {
        let readers = self
            .fields
            .iter()
            .map(|f| segment.facet_reader(f))
            .collect::<tantivy::Result<Vec<_>>>()?;
        let counts = readers.iter().map(|r| vec![0; r.num_facets()]).collect();
        Ok(SegmentFacetCounter { readers, counts })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<tantivy::Result<FieldCounts>>) -> tantivy::Result<FieldCounts> {
        let mut merged: FieldCounts = vec![HashMap::new(); self.fields.len()];
        for segment in segments {
            for (total, counts) in merged.iter_mut().zip(segment?) {
                for (value, n) in counts {
                    *total.entry(value).or_insert(0) += n;
                }
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for SegmentFacetCounter {
    type Fruit = tantivy::Result<FieldCounts>;

    fn collect(&mut self, doc: DocId, _: Score) {
        for (reader, counts) in self.readers.iter().zip(&mut self.counts) {
            for ord in reader.facet_ords(doc) {
                counts[ord as usize] += 1;
            }
        }
    }

    fn harvest(self) -> tantivy::Result<FieldCounts> {
        self.readers
            .iter()
            .zip(&self.counts)
            .map(|(reader, counts)| {
                let mut values = HashMap::new();
                let mut terms = reader.facet_dict().stream()?;
                while terms.advance() {
                    let n = counts[terms.term_ord() as usize];
                    if n > 0 {
                        let facet = Facet::from_encoded(terms.key().to_vec()).map_err(|_| {
                            tantivy::TantivyError::InternalError("a facet in the index is not UTF-8".into())
                        })?;
                        if let Some(value) = facet.to_path().first() {
                            values.insert(value.to_string(), u64::from(n));
                        }
                    }
                }
                Ok(values)
            })
            .collect()
    }
}
