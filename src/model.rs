//! What the engine returns, as plain data with one serde shape: the
//! command line's `--format json`, `show --format json`, the JSON and JSONL
//! exports and the web server's API all write these. `docs/json.md`
//! documents the shape; [`JSON_VERSION`] changes when a field is renamed or
//! removed (adding a field does not change it).

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// Version of the JSON shape, written as `version` in every top-level object.
pub const JSON_VERSION: u32 = 2;

/// What is known about an article besides its text: the same fields, with
/// the same names, in a hit and in a whole article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleMeta {
    /// Publication date, ISO 8601 at its precision: `2017-11-08`, `2017-11` or `2017`.
    pub date: Option<String>,
    /// How precisely the date is known: `day`, `month` or `year`.
    pub date_precision: Option<String>,
    /// Where the date comes from: `given` (the input) or `text` (the dateline or lead).
    pub date_source: Option<String>,
    /// The date's year.
    pub year: Option<i32>,
    /// The province the article is about, as named at the time.
    pub province: Option<String>,
    /// That province as merged in 2025.
    pub province_2025: Option<String>,
    /// Vietnamese officials named in the article (full names).
    pub officials: Vec<String>,
    /// Office holders of other countries and international bodies named.
    pub foreign_officials: Vec<String>,
    /// Publisher, as the input gave it.
    pub source: Option<String>,
    /// Address of the original, as the input gave it.
    pub url: Option<String>,
    /// Categories, tags or topics the input gave.
    pub categories: Vec<String>,
}

/// A passage of an article with the matched words marked (in a hit, its
/// fields are `snippet` and `highlights`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Snippet {
    /// The passage on one line, with "…" where it was cut.
    #[serde(rename = "snippet")]
    pub text: String,
    /// Byte ranges `[start, end)` of `text` that matched the query.
    #[serde(with = "ranges_as_pairs")]
    pub highlights: Vec<Range<usize>>,
}

/// One article in a hit list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// Position in the whole hit list, from 1.
    pub rank: usize,
    /// The article's id.
    pub id: String,
    /// Relevance within a tier (BM25, headline words weighing more); higher is better.
    pub score: f32,
    /// Match quality points, ranked before `score`: 8 the query's words
    /// stand as typed, 4 a name in its exact form, 2 a word in its usual
    /// form, 1 the words near each other (summed).
    pub tier: u32,
    /// The headline.
    pub title: String,
    /// The best passage, highlighted (empty when not asked for).
    #[serde(flatten)]
    pub snippet: Snippet,
    /// Dates, places, officials, source.
    #[serde(flatten)]
    pub meta: ArticleMeta,
    /// Syndicated copies of this article found while indexing.
    pub duplicates: usize,
    /// The cleaned text, when asked for.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub body: Option<String>,
}

/// A page of hits and how many articles match in all.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// [`JSON_VERSION`].
    pub version: u32,
    /// The query as typed.
    pub query: String,
    /// How the query was read, grouping made explicit.
    pub read_as: String,
    /// Articles matching in all (not just this page).
    pub total: usize,
    /// Hits skipped before this page.
    pub offset: usize,
    /// This page.
    pub hits: Vec<Hit>,
    /// Things the user should know: how an ambiguous query was read, a
    /// fallback to accentless matching, a filter value the index lacks.
    pub notes: Vec<String>,
}

/// An official named in an article, with the post found beside the name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OfficialPost {
    /// Full name.
    pub name: String,
    /// The post as written in the article ("" when none was found).
    pub role: String,
    /// For a foreign office holder, the country or body, when named.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub country: Option<String>,
    /// The posts the reference list (`index-schema/officials.tsv`, from
    /// Wikipedia) says the person held at the article's date (latest first;
    /// empty when it does not know the person or the article is undated).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub posts_at_date: Vec<String>,
}

/// One stored article with everything known about it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// [`JSON_VERSION`].
    pub version: u32,
    /// The article's id.
    pub id: String,
    /// The headline.
    pub title: String,
    /// Dates, places, officials, source.
    #[serde(flatten)]
    pub meta: ArticleMeta,
    /// The officials with their posts, in `officials` order.
    pub posts: Vec<OfficialPost>,
    /// The foreign office holders with their posts and countries, in `foreign_officials` order.
    pub foreign_posts: Vec<OfficialPost>,
    /// File (and line) it was read from.
    pub path: Option<String>,
    /// The cleaned text.
    pub body: String,
    /// The text as read, when cleaning changed it.
    pub raw: Option<String>,
    /// Ids of the syndicated copies of this article (indexed as its duplicates).
    pub copies: Vec<String>,
    /// The id of the article this one is a copy of.
    pub copy_of: Option<String>,
}

/// How many matching articles have one value of a facet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetValue {
    /// The value (a province, a year, a name).
    pub value: String,
    /// Matching articles with it.
    pub count: u64,
}

/// The counts of one facet field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCounts {
    /// The most frequent values, ties in Vietnamese alphabetical order.
    pub values: Vec<FacetValue>,
    /// How many distinct values the matching articles have in all.
    pub distinct: usize,
    /// Matching articles without a value (fields with one value an article).
    pub unknown: Option<u64>,
}

/// Facet counts over the articles matching a request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FacetReport {
    /// [`JSON_VERSION`].
    pub version: u32,
    /// The query as typed (`null` without one).
    pub query: Option<String>,
    /// The active filters, as a user would read them back ("province: thanh hoa").
    pub filters: Vec<String>,
    /// Matching articles.
    pub total: usize,
    /// Counts by field name (`province`, `province_2025`, `year`, `official`), in the order asked.
    #[serde(with = "ordered_map")]
    pub facets: Vec<(String, FacetCounts)>,
    /// As in [`SearchResults::notes`].
    pub notes: Vec<String>,
}

/// A description of the index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexStats {
    /// [`JSON_VERSION`].
    pub version: u32,
    /// The index folder.
    pub index: String,
    /// Articles, not counting syndicated copies.
    pub documents: u64,
    /// Syndicated copies recorded as duplicates of an article.
    pub duplicates: u64,
    /// Bytes on disk.
    pub size_bytes: u64,
    /// Tantivy segments (one after optimising).
    pub segments: usize,
    /// Earliest publication date.
    pub first_date: Option<String>,
    /// Latest publication date.
    pub last_date: Option<String>,
    /// Articles with a known date.
    pub dated_documents: usize,
    /// Distinct values per facet field, over the articles (what `facets` counts without a query).
    #[serde(with = "ordered_map")]
    pub facets: Vec<(String, usize)>,
    /// Version of the index layout.
    pub schema_version: u32,
}

/// `Vec<Range>` as `[[start, end], …]`.
mod ranges_as_pairs {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::ops::Range;

    pub fn serialize<S: Serializer>(ranges: &[Range<usize>], s: S) -> Result<S::Ok, S::Error> {
        let pairs: Vec<[usize; 2]> = ranges.iter().map(|r| [r.start, r.end]).collect();
        pairs.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Range<usize>>, D::Error> {
        let pairs = Vec::<[usize; 2]>::deserialize(d)?;
        Ok(pairs.into_iter().map(|[start, end]| start..end).collect())
    }
}

/// `Vec<(String, T)>` as a JSON object, keys in the vector's order.
mod ordered_map {
    use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
    use serde::ser::{SerializeMap, Serializer};
    use serde::Serialize;
    use std::marker::PhantomData;

    pub fn serialize<S: Serializer, T: Serialize>(entries: &[(String, T)], s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(entries.len()))?;
        for (key, value) in entries {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }

    pub fn deserialize<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<(String, T)>, D::Error> {
        struct Entries<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for Entries<T> {
            type Value = Vec<(String, T)>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(entries)
            }
        }
        d.deserialize_map(Entries(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hit_round_trips_with_flat_metadata_and_pairs_of_offsets() {
        let hit = Hit {
            rank: 1,
            id: "a".into(),
            score: 1.5,
            tier: 8,
            title: "T".into(),
            snippet: Snippet {
                text: "x y".into(),
                highlights: vec![0..1, 2..3],
            },
            meta: ArticleMeta {
                year: Some(2023),
                officials: vec!["Tô Lâm".into()],
                ..ArticleMeta::default()
            },
            duplicates: 2,
            body: None,
        };
        let json = serde_json::to_value(&hit).unwrap();
        assert_eq!(json["year"], 2023);
        assert_eq!(json["snippet"], "x y");
        assert_eq!(json["highlights"], serde_json::json!([[0, 1], [2, 3]]));
        assert!(json.get("body").is_none() && json.get("meta").is_none());
        assert_eq!(serde_json::from_value::<Hit>(json).unwrap(), hit);
    }
}

/// Attention over time: matching articles per period, beside all the
/// articles in the same scope (the filters without the query).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timeline {
    /// Version of this JSON shape ([`JSON_VERSION`]).
    pub version: u32,
    /// `year`, `quarter`, `month`, `week` (ISO) or `day`.
    pub by: String,
    /// The filters counted under, as a user would read them.
    pub filters: Vec<String>,
    /// Each period from the first with a match to the last, in order.
    pub periods: Vec<Period>,
    /// One series per query (`--compare`) or per value (`--split`).
    pub series: Vec<TimelineSeries>,
    /// Things the user should know (a query read another way, a value not found).
    pub notes: Vec<String>,
}

/// One period of a timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    /// Its name: `2017`, `2017-Q1`, `2017-03`, `2017-W09` or `2017-03-05`.
    pub label: String,
    /// Its first day (ISO 8601).
    pub from: String,
    /// Its last day (ISO 8601).
    pub to: String,
}

/// One series of a timeline, its counts parallel to the timeline's periods.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineSeries {
    /// What it counts: the query, or the value of the split field.
    pub label: String,
    /// The query it counts (empty: every article of the scope).
    pub query: String,
    /// The value of the split field, when split.
    pub value: Option<String>,
    /// Matching articles per period.
    pub matching: Vec<u64>,
    /// All articles of the scope per period (for a split, of that value).
    pub scope: Vec<u64>,
    /// `matching / scope` per period (0 where the scope is empty).
    pub share: Vec<f64>,
    /// Matching articles in all (dated or not).
    pub total: u64,
    /// Matching articles without a date: counted apart, never spread.
    pub undated: u64,
    /// Matching articles dated less precisely than a period (a month or
    /// a year when counting days): counted apart too.
    pub coarser: u64,
}

/// One line of a concordance (keyword in context).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct KwicLine {
    /// The text before the match, on one line.
    pub left: String,
    /// What the query matched, as written.
    #[serde(rename = "match")]
    pub matched: String,
    /// The text after the match, on one line.
    pub right: String,
    /// Where the match starts in the article's text (bytes of UTF-8).
    pub offset: usize,
    /// The article's id.
    pub id: String,
    /// Its date, at its precision.
    pub date: Option<String>,
    /// Its province, as named at the time.
    pub province: Option<String>,
    /// Its publisher.
    pub source: Option<String>,
    /// Its headline.
    pub title: String,
}

/// The words (or facet values) most distinctive of a query's articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Terms {
    /// Version of this JSON shape ([`JSON_VERSION`]).
    pub version: u32,
    /// The query whose articles are described.
    pub query: String,
    /// The filters counted under, as a user would read them.
    pub filters: Vec<String>,
    /// The background query (none: every article of the index).
    pub against: Option<String>,
    /// `word`, or the facet whose values are ranked.
    pub field: String,
    /// `g2`, `jlh` or `percentage`.
    pub score: String,
    /// Articles matching the query.
    pub hits: u64,
    /// Of them, the articles counted (fewer when a sample was taken).
    pub counted: u64,
    /// Articles in the background.
    pub background: u64,
    /// The distinctive words, most distinctive first.
    pub terms: Vec<DistinctiveTerm>,
    /// Things the user should know (a sample, a query read another way).
    pub notes: Vec<String>,
}

/// One distinctive word or value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DistinctiveTerm {
    /// The word as written (with accents), or the facet value.
    pub term: String,
    /// Articles among the hits counted that hold it.
    pub hits: u64,
    /// Articles in the background that hold it.
    pub background: u64,
    /// How distinctive it is (by the score chosen; higher is more).
    pub score: f64,
}
