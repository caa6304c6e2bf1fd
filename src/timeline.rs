//! Attention over time: how many articles match per year, quarter, month,
//! ISO week or day, beside all the articles in the same scope (the filters
//! without the query), for one query, several (`compare`) or one series per
//! value of a facet (`split`).
//!
//! A date counts in a period only when it is known at least that precisely
//! (a date known to the month is in its month, quarter and year, never in a
//! day or a week); the others are counted apart as `coarser`, the articles
//! without a date as `undated`: nothing is spread. The date filters read
//! dates the same way, so a period's count is what `search` totals with
//! `date_from` and `date_to` set to that period.

use crate::error::{Error, Result};
use crate::extract::Precision;
use crate::facets::FacetField;
use crate::filter::precision_query;
use crate::index::TracuuIndex;
use crate::model::{Period, Timeline, TimelineSeries, JSON_VERSION};
use crate::request::Request;
use crate::schema::Fields;
use crate::search::Matching;
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::fastfield::FacetReader;
use tantivy::query::{EnableScoring, Query};
use tantivy::schema::Facet;
use tantivy::time::{Date, Month};
use tantivy::{DateTime, DocId, DocSet, Score, SegmentOrdinal, SegmentReader, TERMINATED};

/// The length of a timeline's periods.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    /// Calendar years.
    Year,
    /// Calendar quarters.
    Quarter,
    /// Calendar months.
    #[default]
    Month,
    /// ISO 8601 weeks, Monday to Sunday.
    Week,
    /// Days.
    Day,
}

impl Interval {
    /// Every interval, longest first.
    pub const ALL: [Interval; 5] = [
        Interval::Year,
        Interval::Quarter,
        Interval::Month,
        Interval::Week,
        Interval::Day,
    ];

    /// `year`, `quarter`, `month`, `week` or `day`.
    pub fn name(self) -> &'static str {
        match self {
            Interval::Year => "year",
            Interval::Quarter => "quarter",
            Interval::Month => "month",
            Interval::Week => "week",
            Interval::Day => "day",
        }
    }

    /// Whether a date known to `precision` falls in one period of this length.
    fn counts(self, precision: Precision) -> bool {
        match precision {
            Precision::Day => true,
            Precision::Month => matches!(self, Interval::Year | Interval::Quarter | Interval::Month),
            Precision::Year => self == Interval::Year,
        }
    }

    /// The period holding `date`, as a number that grows by one a period.
    fn key(self, date: Date) -> i64 {
        let (year, month) = (i64::from(date.year()), i64::from(u8::from(date.month())) - 1);
        match self {
            Interval::Year => year,
            Interval::Quarter => year * 4 + month / 3,
            Interval::Month => year * 12 + month,
            // Julian day 0 is a Monday: a week is seven days from one.
            Interval::Week => i64::from(date.to_julian_day()).div_euclid(7),
            Interval::Day => i64::from(date.to_julian_day()),
        }
    }

    /// The period numbered `key`: its name and its first and last days.
    fn period(self, key: i64) -> Option<Period> {
        let month_start = |months: i64| {
            let month = Month::try_from((months.rem_euclid(12) + 1) as u8).ok()?;
            Date::from_calendar_date(months.div_euclid(12) as i32, month, 1).ok()
        };
        let day = |julian: i64| Date::from_julian_day(julian as i32).ok();
        let (first, next) = match self {
            Interval::Year => (month_start(key * 12)?, month_start((key + 1) * 12)?),
            Interval::Quarter => (month_start(key * 3)?, month_start((key + 1) * 3)?),
            Interval::Month => (month_start(key)?, month_start(key + 1)?),
            Interval::Week => (day(key * 7)?, day(key * 7 + 7)?),
            Interval::Day => (day(key)?, day(key + 1)?),
        };
        let label = match self {
            Interval::Year => format!("{}", first.year()),
            Interval::Quarter => format!("{}-Q{}", first.year(), key.rem_euclid(4) + 1),
            Interval::Month => format!("{}-{:02}", first.year(), u8::from(first.month())),
            Interval::Week => {
                let (year, week, _) = first.to_iso_week_date();
                format!("{year}-W{week:02}")
            }
            Interval::Day => first.to_string(),
        };
        Some(Period {
            label,
            from: first.to_string(),
            to: next.previous_day()?.to_string(),
        })
    }
}

impl std::str::FromStr for Interval {
    type Err = String;

    /// `year`, `quarter`, `month`, `week` or `day`.
    fn from_str(text: &str) -> Result<Interval, String> {
        crate::request::by_name(text, &Interval::ALL, Interval::name, &[])
            .ok_or_else(|| format!("{text:?} is not a period (year, quarter, month, week, day)"))
    }
}

/// What a timeline shows besides the request's own query.
#[derive(Debug, Clone, Default)]
pub struct TimelineOptions {
    /// The length of the periods.
    pub by: Interval,
    /// More queries, one series each beside the request's (the same filters).
    pub compare: Vec<String>,
    /// One series per value of this facet (the values most matched first).
    pub split: Option<FacetField>,
    /// How many values a split shows.
    pub top: usize,
}

/// How many series a split shows when `top` is not set.
pub const DEFAULT_SPLIT_TOP: usize = 5;

/// Counts the articles matching `request` (and each compared query) per
/// period, beside the articles of the same filters without a query.
pub fn timeline(target: &TracuuIndex, request: &Request, options: &TimelineOptions) -> Result<Timeline> {
    if options.split.is_some() && !options.compare.is_empty() {
        return Err(Error::BadQuery(
            "a timeline is split by a field or compares queries, not both".into(),
        ));
    }
    let by = options.by;
    let scope = Matching::new(target, &request.for_query(""))?;
    let mut notes = Vec::new();
    let split = options.split.map(|f| f.name());
    let counter = |split| PeriodCounter {
        fields: target.fields,
        by,
        split,
    };
    let scope_counts = count(&scope, &counter(split))?;
    let mut series = Vec::new();
    if let Some(field) = options.split {
        let main = Matching::new(target, request)?;
        notes.extend(main.notes.iter().cloned());
        let counted = count(&main, &counter(split))?;
        let top = if options.top == 0 {
            DEFAULT_SPLIT_TOP
        } else {
            options.top
        };
        for value in most_matched(&counted, top) {
            series.push((
                value.clone(),
                request.query.clone(),
                Some(value.clone()),
                counted[&value].clone(),
            ));
        }
        if series.is_empty() {
            notes.push(format!("no matching article has a {} value", field.name()));
        }
    } else {
        // The request's query, then each compared one.
        for query in std::iter::once(&request.query).chain(&options.compare) {
            let matching = Matching::new(target, &request.for_query(query.as_str()))?;
            notes.extend(matching.notes.iter().cloned());
            let counted = count(&matching, &counter(None))?;
            series.push((
                label_of(query),
                query.clone(),
                None,
                counted.get("").cloned().unwrap_or_default(),
            ));
        }
    }
    request.cancel.check()?;
    let keys = period_keys(series.iter().map(|s| &s.3));
    let periods = keys.iter().filter_map(|&k| by.period(k)).collect();
    let empty = SeriesCounts::default();
    let series = series
        .into_iter()
        .map(|(label, query, value, counts)| {
            let in_scope = scope_counts.get(value.as_deref().unwrap_or("")).unwrap_or(&empty);
            let matching: Vec<u64> = keys
                .iter()
                .map(|k| counts.per_period.get(k).copied().unwrap_or(0))
                .collect();
            let scope: Vec<u64> = keys
                .iter()
                .map(|k| in_scope.per_period.get(k).copied().unwrap_or(0))
                .collect();
            let share = matching
                .iter()
                .zip(&scope)
                .map(|(&m, &s)| if s == 0 { 0.0 } else { m as f64 / s as f64 })
                .collect();
            TimelineSeries {
                label,
                query,
                value,
                matching,
                scope,
                share,
                total: counts.total,
                undated: counts.undated,
                coarser: counts.coarser,
            }
        })
        .collect();
    notes.extend(
        scope
            .notes
            .iter()
            .filter(|n| !notes.contains(n))
            .cloned()
            .collect::<Vec<_>>(),
    );
    Ok(Timeline {
        version: JSON_VERSION,
        by: by.name().to_string(),
        filters: request.filters.describe(),
        periods,
        series,
        notes,
    })
}

/// A series' name for a query: the query, or "all articles" without one.
fn label_of(query: &str) -> String {
    match query.trim() {
        "" | "*" => "all articles".to_string(),
        text => text.to_string(),
    }
}

/// The `top` values with the most matches (ties in name order).
fn most_matched(counted: &HashMap<String, SeriesCounts>, top: usize) -> Vec<String> {
    let mut values: Vec<(&String, u64)> = counted.iter().map(|(v, c)| (v, c.total)).collect();
    values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    values.into_iter().take(top).map(|(v, _)| v.clone()).collect()
}

/// Every period from the first holding a match of any series to the last.
fn period_keys<'a>(series: impl Iterator<Item = &'a SeriesCounts>) -> Vec<i64> {
    let (mut first, mut last) = (i64::MAX, i64::MIN);
    for counts in series {
        for (&key, &n) in &counts.per_period {
            if n > 0 {
                first = first.min(key);
                last = last.max(key);
            }
        }
    }
    if first > last {
        return Vec::new();
    }
    (first..=last).collect()
}

fn count(matching: &Matching, counter: &PeriodCounter) -> Result<HashMap<String, SeriesCounts>> {
    matching.check_cancelled()?;
    matching
        .searcher
        .search(&*matching.query, counter)
        .map_err(|e| matching.failed(e))
}

/// The counts of one series (one value of a split, or `""`).
#[derive(Debug, Clone, Default)]
struct SeriesCounts {
    per_period: FxHashMap<i64, u64>,
    total: u64,
    undated: u64,
    coarser: u64,
}

impl SeriesCounts {
    fn add(&mut self, other: &SeriesCounts) {
        for (&key, &n) in &other.per_period {
            *self.per_period.entry(key).or_insert(0) += n;
        }
        self.total += other.total;
        self.undated += other.undated;
        self.coarser += other.coarser;
    }
}

/// Counts matching documents per period (and per value of `split`).
struct PeriodCounter {
    fields: Fields,
    by: Interval,
    split: Option<&'static str>,
}

struct SegmentPeriodCounter {
    by: Interval,
    dates: Column<DateTime>,
    /// By document: its date's precision, where it is not the day.
    coarse: Vec<Option<Precision>>,
    values: Option<FacetReader>,
    /// By facet ordinal (0 without a split).
    counts: FxHashMap<u64, SeriesCounts>,
}

impl Collector for PeriodCounter {
    type Fruit = HashMap<String, SeriesCounts>;
    type Child = SegmentPeriodCounter;

    fn for_segment(&self, _: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentPeriodCounter> {
        let mut coarse = vec![None; segment.max_doc() as usize];
        for precision in [Precision::Month, Precision::Year] {
            for_each_doc(segment, &*precision_query(&self.fields, precision), |doc| {
                coarse[doc as usize] = Some(precision)
            })?;
        }
        Ok(SegmentPeriodCounter {
            by: self.by,
            dates: segment.fast_fields().date(crate::schema::DATE_FIELD)?,
            coarse,
            values: self.split.map(|f| segment.facet_reader(f)).transpose()?,
            counts: FxHashMap::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<HashMap<String, SeriesCounts>>) -> tantivy::Result<Self::Fruit> {
        let mut merged: HashMap<String, SeriesCounts> = HashMap::new();
        for segment in segments {
            for (value, counts) in segment {
                merged.entry(value).or_default().add(&counts);
            }
        }
        Ok(merged)
    }
}

/// Calls `each` on the documents of `segment` matching `query` (a term: a
/// few thousand documents).
fn for_each_doc(segment: &SegmentReader, query: &dyn Query, mut each: impl FnMut(DocId)) -> tantivy::Result<()> {
    // A term query needs no searcher-wide statistics without scoring.
    let weight = query.weight(EnableScoring::disabled_from_schema(segment.schema()))?;
    let mut scorer = weight.scorer(segment, 1.0)?;
    while scorer.doc() != TERMINATED {
        each(scorer.doc());
        scorer.advance();
    }
    Ok(())
}

impl SegmentPeriodCounter {
    fn precision(&self, doc: DocId) -> Precision {
        self.coarse
            .get(doc as usize)
            .copied()
            .flatten()
            .unwrap_or(Precision::Day)
    }
}

/// Counts one document under series `ord`: in its period, or apart.
fn add_to(counts: &mut FxHashMap<u64, SeriesCounts>, ord: u64, period: Option<i64>, dated: bool) {
    let counts = counts.entry(ord).or_default();
    counts.total += 1;
    match period {
        Some(key) => *counts.per_period.entry(key).or_insert(0) += 1,
        None if dated => counts.coarser += 1,
        None => counts.undated += 1,
    }
}

impl SegmentCollector for SegmentPeriodCounter {
    type Fruit = HashMap<String, SeriesCounts>;

    fn collect(&mut self, doc: DocId, _: Score) {
        let date = self.dates.first(doc).map(|d| d.into_utc().date());
        let period = date
            .filter(|_| self.by.counts(self.precision(doc)))
            .map(|d| self.by.key(d));
        match &self.values {
            None => add_to(&mut self.counts, 0, period, date.is_some()),
            Some(values) => {
                for ord in values.facet_ords(doc) {
                    add_to(&mut self.counts, ord, period, date.is_some());
                }
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        let Some(values) = self.values else {
            return self.counts.into_values().map(|c| (String::new(), c)).collect();
        };
        let mut named = HashMap::new();
        for (ord, counts) in self.counts {
            let mut facet = Facet::root();
            if values.facet_from_ord(ord, &mut facet).is_ok() {
                if let Some(value) = facet.to_path().first() {
                    named.insert(value.to_string(), counts);
                }
            }
        }
        named
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        crate::filter::parse_day(text).unwrap()
    }

    #[test]
    fn periods_are_named_and_bounded_as_calendars_say() {
        let period = |by: Interval, d: &str| {
            let p = by.period(by.key(day(d))).unwrap();
            (p.label, p.from, p.to)
        };
        let owned = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
        assert_eq!(
            period(Interval::Year, "2017-06-05"),
            owned("2017", "2017-01-01", "2017-12-31")
        );
        assert_eq!(
            period(Interval::Quarter, "2017-06-05"),
            owned("2017-Q2", "2017-04-01", "2017-06-30")
        );
        assert_eq!(
            period(Interval::Month, "2016-02-10"),
            owned("2016-02", "2016-02-01", "2016-02-29")
        );
        // ISO weeks start on Monday; 2021-01-01 is in 2020's week 53.
        assert_eq!(
            period(Interval::Week, "2021-01-01"),
            owned("2020-W53", "2020-12-28", "2021-01-03")
        );
        assert_eq!(
            period(Interval::Week, "2018-01-01"),
            owned("2018-W01", "2018-01-01", "2018-01-07")
        );
        assert_eq!(
            period(Interval::Day, "2018-03-04"),
            owned("2018-03-04", "2018-03-04", "2018-03-04")
        );
    }

    #[test]
    fn consecutive_keys_are_consecutive_periods() {
        for by in Interval::ALL {
            let key = by.key(day("2019-12-30"));
            let (a, b) = (by.period(key).unwrap(), by.period(key + 1).unwrap());
            let after = day(&a.to).next_day().unwrap();
            assert_eq!(day(&b.from), after, "{by:?}");
        }
    }

    #[test]
    fn a_date_counts_only_in_periods_as_long_as_its_precision_or_longer() {
        assert!(Interval::Day.counts(Precision::Day));
        assert!(!Interval::Week.counts(Precision::Month));
        assert!(Interval::Quarter.counts(Precision::Month));
        assert!(!Interval::Month.counts(Precision::Year));
        assert!(Interval::Year.counts(Precision::Year));
    }
}
