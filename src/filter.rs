//! Filters on metadata (`--province`, `--year`, `--official`, dates), as
//! users type them: accent- and case-insensitive, repeatable (OR within one
//! facet, AND across facets).

use crate::analysis;
use crate::error::{Error, Result};
use crate::extract::{DateSource, Precision};
use crate::index::TracuuIndex;
use crate::schema::Fields;
use std::collections::BTreeSet;
use std::ops::Bound;
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, RangeQuery, TermQuery};
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
    /// Sources (publisher names or domains, accents and case optional); any of them.
    pub sources: Vec<String>,
    /// Categories the input gave; any of them.
    pub categories: Vec<String>,
    /// Only articles whose date comes from here.
    pub date_source: Option<DateSource>,
}

/// The filters as tantivy clauses, and notes for values that match nothing.
pub(crate) struct ResolvedFilters {
    pub clauses: Vec<(Occur, Box<dyn Query>)>,
    pub notes: Vec<String>,
}

impl Filters {
    /// Whether nothing is filtered.
    pub fn is_empty(&self) -> bool {
        self.describe().is_empty()
    }

    /// The active filters as a user would read them back:
    /// `["province: thanh hoa", "year: 2017..2018"]`.
    pub fn describe(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut list = |label: &str, values: &[String]| {
            if !values.is_empty() {
                out.push(format!("{label}: {}", values.join(" or ")));
            }
        };
        list("province", &self.provinces);
        list("province_2025", &self.provinces_2025);
        list("official", &self.officials);
        list("source", &self.sources);
        list("category", &self.categories);
        let years: Vec<String> = (self.years.iter())
            .map(|r| match r.first == r.last {
                true => r.first.to_string(),
                false => format!("{}..{}", r.first, r.last),
            })
            .collect();
        list("year", &years);
        if let Some(from) = self.date_from {
            out.push(format!("from: {from}"));
        }
        if let Some(to) = self.date_to {
            out.push(format!("to: {to}"));
        }
        if let Some(source) = self.date_source {
            out.push(format!("date source: {}", source.name()));
        }
        out
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
            (f.category, "category", &self.categories),
        ] {
            if wanted.is_empty() {
                continue;
            }
            let values = facet_values(searcher, field)?;
            let mut matched = Vec::new();
            let mut unknown = false;
            for typed in wanted {
                if is_none_value(typed) {
                    unknown = true;
                    continue;
                }
                let found = matching_values(typed, &values, field == f.province || field == f.province_2025);
                if found.is_empty() {
                    resolved.notes.push(not_found_note(label, typed, &values));
                }
                matched.extend(found);
            }
            let mut any: Vec<Box<dyn Query>> = vec![any_facet(field, &matched)];
            if unknown {
                let all: Vec<String> = values.iter().cloned().collect();
                any.push(Box::new(BooleanQuery::new(vec![
                    (Occur::Must, Box::new(AllQuery)),
                    (Occur::MustNot, any_facet(field, &all)),
                ])));
            }
            resolved.clauses.push((Occur::Must, Box::new(BooleanQuery::union(any))));
        }
        if !self.sources.is_empty() {
            let values = facet_values(searcher, f.source)?;
            let mut any: Vec<Box<dyn Query>> = Vec::new();
            for typed in &self.sources {
                if is_none_value(typed) {
                    // The articles without a source.
                    let all: Vec<String> = values.iter().cloned().collect();
                    any.push(Box::new(BooleanQuery::new(vec![
                        (Occur::Must, Box::new(AllQuery)),
                        (Occur::MustNot, any_facet(f.source, &all)),
                    ])));
                    continue;
                }
                let key = match_key(typed);
                if !values.iter().any(|v| contains_words(&match_key(v), &key)) {
                    resolved.notes.push(not_found_note("source", typed, &values));
                }
                any.push(crate::query::folded_words(f.source_text, typed));
            }
            resolved.clauses.push((Occur::Must, Box::new(BooleanQuery::union(any))));
        }
        if let Some(source) = self.date_source {
            let term = Term::from_field_text(f.date_source, source.name());
            resolved
                .clauses
                .push((Occur::Must, Box::new(TermQuery::new(term, IndexRecordOption::Basic))));
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
            resolved
                .clauses
                .extend(date_range_clauses(f, self.date_from, self.date_to));
        }
        Ok(resolved)
    }
}

/// The articles whose whole date lies from `from` to `to`: a date known
/// to the month or the year is stored as its first day, and is in the range
/// only when its last day is too. So a month's or a year's count is the same
/// whichever way it is asked (`--date-from 2017-03-01 --date-to 2017-03-31`,
/// a timeline by month), and a date known to the year never counts in a
/// month.
fn date_range_clauses(f: &Fields, from: Option<Date>, to: Option<Date>) -> Vec<(Occur, Box<dyn Query>)> {
    let bound = |d: Option<Date>| match d {
        Some(d) => Bound::Included(Term::from_field_date_for_search(f.date, midnight(d))),
        None => Bound::Unbounded,
    };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> =
        vec![(Occur::Must, Box::new(RangeQuery::new(bound(from), bound(to))))];
    let Some(to) = to else {
        return clauses;
    };
    for precision in [Precision::Month, Precision::Year] {
        // Periods of this precision starting after `latest` end after `to`.
        let latest = latest_period_within(precision, to);
        let after = Bound::Excluded(Term::from_field_date_for_search(f.date, midnight(latest)));
        let overrunning = BooleanQuery::new(vec![
            (Occur::Must, precision_query(f, precision)),
            (Occur::Must, Box::new(RangeQuery::new(after, Bound::Unbounded))),
        ]);
        clauses.push((Occur::MustNot, Box::new(overrunning)));
    }
    clauses
}

/// The articles whose date has `precision`.
pub(crate) fn precision_query(f: &Fields, precision: Precision) -> Box<dyn Query> {
    let term = Term::from_field_text(f.date_precision, precision.name());
    Box::new(TermQuery::new(term, IndexRecordOption::Basic))
}

/// The first day of the last month (or year) that ends on or before `to`.
pub(crate) fn latest_period_within(precision: Precision, to: Date) -> Date {
    let next = to.next_day().unwrap_or(to);
    let first_of = |year: i32, month: tantivy::time::Month| Date::from_calendar_date(year, month, 1).unwrap_or(to);
    match precision {
        Precision::Day => to,
        Precision::Month if next.day() == 1 => first_of(to.year(), to.month()),
        Precision::Month => {
            let previous = first_of(to.year(), to.month()).previous_day().unwrap_or(to);
            first_of(previous.year(), previous.month())
        }
        Precision::Year if next.year() != to.year() => first_of(to.year(), tantivy::time::Month::January),
        Precision::Year => first_of(to.year() - 1, tantivy::time::Month::January),
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

/// Values users type for "no value" (the facet's unknown bucket).
fn is_none_value(typed: &str) -> bool {
    matches!(match_key(typed).as_str(), "none" | "unknown" | "khong ro" | "khong")
}

/// Whether `words` stand side by side in `text` (both folded keys).
fn contains_words(text: &str, words: &str) -> bool {
    !words.is_empty() && format!(" {text} ").contains(&format!(" {words} "))
}

/// The values of a facet a typed value names: the same folded name, or,
/// for provinces, a name the province is also known by ("TP.HCM", "Sài
/// Gòn", "Huế").
fn matching_values(typed: &str, values: &std::collections::BTreeSet<String>, province: bool) -> Vec<String> {
    let key = match_key(typed);
    let same: Vec<String> = values.iter().filter(|v| match_key(v) == key).cloned().collect();
    if !same.is_empty() || !province {
        return same;
    }
    let names = crate::filter::province_aliases::names_for(&key);
    values
        .iter()
        .filter(|v| names.contains(&match_key(v)))
        .cloned()
        .collect()
}

/// "no province named "Sai Gon" in this index; did you mean "Hồ Chí Minh"?"
fn not_found_note(label: &str, typed: &str, values: &std::collections::BTreeSet<String>) -> String {
    let key = match_key(typed);
    let closest = values
        .iter()
        .map(|v| (strsim::normalized_levenshtein(&key, &match_key(v)), v))
        .filter(|(similarity, _)| *similarity >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match closest {
        Some((_, value)) => format!("no {label} named {typed:?} in this index; did you mean {value:?}?"),
        None => format!("no {label} named {typed:?} in this index"),
    }
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
    fn a_month_or_a_year_is_within_a_range_only_to_its_last_day() {
        let day = |s: &str| parse_day(s).unwrap();
        let latest = |p, to| latest_period_within(p, day(to)).to_string();
        assert_eq!(latest(Precision::Month, "2017-03-31"), "2017-03-01");
        assert_eq!(latest(Precision::Month, "2017-03-30"), "2017-02-01");
        assert_eq!(latest(Precision::Month, "2017-01-15"), "2016-12-01");
        assert_eq!(latest(Precision::Year, "2017-12-31"), "2017-01-01");
        assert_eq!(latest(Precision::Year, "2017-12-30"), "2016-01-01");
        assert_eq!(latest(Precision::Day, "2017-12-30"), "2017-12-30");
    }

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

/// Other names users type for provinces, from `index-schema/provinces.tsv`
/// (its variants column: "TP.HCM", "HCM", "TT-Huế", and the 2025 names of
/// merged provinces) plus names the press uses that are no spelling of the
/// official one.
mod province_aliases {
    use super::match_key;
    use std::collections::HashMap;
    use std::sync::OnceLock;

    const PROVINCES_TSV: &str = include_str!("../index-schema/provinces.tsv");

    /// (alias, province as named before 2025).
    const PRESS_NAMES: &[(&str, &str)] = &[
        ("Sài Gòn", "Hồ Chí Minh"),
        ("Saigon", "Hồ Chí Minh"),
        ("SG", "Hồ Chí Minh"),
        ("Huế", "Thừa Thiên Huế"),
        ("Vũng Tàu", "Bà Rịa - Vũng Tàu"),
    ];

    /// Folded alias → folded names of the provinces it stands for.
    fn table() -> &'static HashMap<String, Vec<String>> {
        static TABLE: OnceLock<HashMap<String, Vec<String>>> = OnceLock::new();
        TABLE.get_or_init(|| {
            let mut table: HashMap<String, Vec<String>> = HashMap::new();
            let mut add = |alias: &str, name: &str| {
                let names = table.entry(match_key(alias)).or_default();
                let name = match_key(name);
                if !names.contains(&name) {
                    names.push(name);
                }
            };
            for line in PROVINCES_TSV
                .lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            {
                let columns: Vec<&str> = line.split('\t').collect();
                let (Some(name), Some(era), Some(after_merger)) = (columns.first(), columns.get(1), columns.get(3))
                else {
                    continue;
                };
                let variants = columns.get(5).map_or(Vec::new(), |v| v.split('|').collect());
                for variant in variants.iter().chain([name]) {
                    if *era == "old" {
                        add(variant, name);
                    }
                }
                // A 2025 name also stands for the provinces merged into it.
                if *era == "old" {
                    add(after_merger, name);
                }
            }
            for (alias, name) in PRESS_NAMES {
                add(alias, name);
            }
            table
        })
    }

    /// The folded province names `key` (a folded typed value) stands for.
    pub fn names_for(key: &str) -> Vec<String> {
        table().get(key).cloned().unwrap_or_default()
    }
}
