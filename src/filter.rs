//! Filters on metadata (`--province`, `--year`, `--official`, dates), as
//! users type them: accent- and case-insensitive, repeatable (OR within one
//! facet, AND across facets).

use crate::analysis;
use crate::error::{Error, Result};
use crate::index::TracuuIndex;
use std::collections::BTreeSet;
use std::ops::Bound;
use tantivy::query::{BooleanQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Facet, Field, IndexRecordOption};
use tantivy::time::{Date, PrimitiveDateTime, Time};
use tantivy::{DateTime, Searcher, Term};

/// An inclusive range of years: "2023" or "2021..2023".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearRange {
    /// The first year.
    pub first: i32,
    /// The last year (the same for one year).
    pub last: i32,
}

impl std::str::FromStr for YearRange {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let parse = |s: &str| {
            s.trim()
                .parse::<i32>()
                .map_err(|_| format!("{text:?} is not a year or a range of years such as 2021..2023"))
        };
        let (first, last) = match text.split_once("..") {
            Some((a, b)) => (parse(a)?, parse(b)?),
            None => (parse(text)?, parse(text)?),
        };
        if first > last {
            return Err(format!("{text:?}: the first year is after the last"));
        }
        Ok(YearRange { first, last })
    }
}

/// Everything a search or count can be narrowed by.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Provinces as named at the time (accents, case and "tỉnh" optional); any of them.
    pub provinces: Vec<String>,
    /// Provinces as merged in 2025; any of them.
    pub provinces_2025: Vec<String>,
    /// Years; any of the ranges.
    pub years: Vec<YearRange>,
    /// Officials' full names (accents optional); any of them.
    pub officials: Vec<String>,
    /// Only articles dated on or after this day.
    pub date_from: Option<Date>,
    /// Only articles dated on or before this day.
    pub date_to: Option<Date>,
}

/// The filters as tantivy clauses, and notes for values that match nothing.
pub(crate) struct ResolvedFilters {
    pub clauses: Vec<(Occur, Box<dyn Query>)>,
    pub notes: Vec<String>,
}

impl Filters {
    /// Whether nothing is filtered.
    pub fn is_empty(&self) -> bool {
        self.provinces.is_empty()
            && self.provinces_2025.is_empty()
            && self.years.is_empty()
            && self.officials.is_empty()
            && self.date_from.is_none()
            && self.date_to.is_none()
    }

    /// Resolves typed values against the facet values the index holds.
    pub(crate) fn resolve(&self, target: &TracuuIndex, searcher: &Searcher) -> Result<ResolvedFilters> {
        let f = &target.fields;
        let mut resolved = ResolvedFilters {
            clauses: Vec::new(),
            notes: Vec::new(),
        };
        for (field, label, wanted) in [
            (f.province, "province", &self.provinces),
            (f.province_2025, "province (2025)", &self.provinces_2025),
            (f.official, "official", &self.officials),
        ] {
            if wanted.is_empty() {
                continue;
            }
            let values = facet_values(searcher, field)?;
            let mut matched = Vec::new();
            for typed in wanted {
                let key = match_key(typed);
                let found: Vec<&String> = values.iter().filter(|v| match_key(v) == key).collect();
                if found.is_empty() {
                    resolved.notes.push(format!("no {label} named {typed:?} in this index"));
                }
                matched.extend(found.into_iter().cloned());
            }
            resolved.clauses.push((Occur::Must, any_facet(field, &matched)));
        }
        if !self.years.is_empty() {
            let years: Vec<String> = facet_values(searcher, f.year)?
                .into_iter()
                .filter(|y| {
                    y.parse::<i32>()
                        .is_ok_and(|y| self.years.iter().any(|r| (r.first..=r.last).contains(&y)))
                })
                .collect();
            if years.is_empty() {
                resolved
                    .notes
                    .push("no article of the years asked for in this index".to_string());
            }
            resolved.clauses.push((Occur::Must, any_facet(f.year, &years)));
        }
        if let (Some(from), Some(to)) = (self.date_from, self.date_to) {
            if from > to {
                return Err(Error::BadFilter {
                    filter: "date range",
                    value: format!("{from}..{to}"),
                    reason: "the first day is after the last".into(),
                });
            }
        }
        if self.date_from.is_some() || self.date_to.is_some() {
            let bound = |d: Option<Date>| match d {
                Some(d) => Bound::Included(Term::from_field_date_for_search(f.date, midnight(d))),
                None => Bound::Unbounded,
            };
            resolved.clauses.push((
                Occur::Must,
                Box::new(RangeQuery::new(bound(self.date_from), bound(self.date_to))),
            ));
        }
        Ok(resolved)
    }
}

fn midnight(date: Date) -> DateTime {
    DateTime::from_primitive(PrimitiveDateTime::new(date, Time::MIDNIGHT))
}

/// Matches documents holding any of `values` (none when `values` is empty).
fn any_facet(field: Field, values: &[String]) -> Box<dyn Query> {
    let terms: Vec<Box<dyn Query>> = values
        .iter()
        .map(|v| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_facet(field, &Facet::from_path([v])),
                IndexRecordOption::Basic,
            ))
        })
        .collect();
    Box::new(BooleanQuery::union(terms))
}

/// The form filter values are compared in: folded, and without the
/// administrative prefix a user may or may not type ("tỉnh Thanh Hóa",
/// "TP Hồ Chí Minh").
pub(crate) fn match_key(text: &str) -> String {
    let words = analysis::token_texts(text, analysis::Form::Folded);
    let skip = match words.as_slice() {
        [first, second, ..] if first == "thanh" && second == "pho" => 2,
        [first, ..] if first == "tinh" || first == "tp" => 1,
        _ => 0,
    };
    words[skip.min(words.len())..].join(" ")
}

/// Every value a one-level facet field holds in the index.
pub(crate) fn facet_values(searcher: &Searcher, field: Field) -> Result<BTreeSet<String>> {
    let mut values = BTreeSet::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut terms = inverted.terms().stream().map_err(tantivy::TantivyError::from)?;
        while terms.advance() {
            let facet = Facet::from_encoded(terms.key().to_vec()).map_err(|_| {
                Error::Index(tantivy::TantivyError::InternalError(
                    "a facet in the index is not UTF-8".into(),
                ))
            })?;
            if let Some(value) = facet.to_path().first() {
                values.insert(value.to_string());
            }
        }
    }
    Ok(values)
}

/// Parses a day as users type it (2023-12-28, 28/12/2023).
pub fn parse_day(text: &str) -> Result<Date> {
    crate::ingest::parse_date(text).ok_or_else(|| Error::BadFilter {
        filter: "date",
        value: text.to_string(),
        reason: "not a date (use 2023-12-28 or 28/12/2023)".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_ranges_parse() {
        assert_eq!(
            "2023".parse::<YearRange>().unwrap(),
            YearRange {
                first: 2023,
                last: 2023
            }
        );
        assert_eq!(
            "2021..2023".parse::<YearRange>().unwrap(),
            YearRange {
                first: 2021,
                last: 2023
            }
        );
        assert!("2023..2021".parse::<YearRange>().is_err());
        assert!("năm ngoái".parse::<YearRange>().is_err());
    }

    #[test]
    fn match_keys_ignore_accents_case_and_prefixes() {
        assert_eq!(match_key("thanh hoa"), match_key("Thanh Hóa"));
        assert_eq!(match_key("tỉnh Thanh Hoá"), "thanh hoa");
        assert_eq!(match_key("TP Hồ Chí Minh"), match_key("Thành phố Hồ Chí Minh"));
        assert_eq!(match_key("do trong hung"), match_key("Đỗ Trọng Hưng"));
        assert_ne!(match_key("Hà Nam"), match_key("Hà Nội"));
    }
}
