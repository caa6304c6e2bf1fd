//! What a user asks for, in one type: search, facets, export and the
//! analyses all take a [`Request`].

use crate::cancel::CancelToken;
use crate::filter::Filters;
use crate::query::QueryOptions;
use crate::synonyms::Synonyms;
use std::sync::Arc;

/// Paging of a hit list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// Hits skipped.
    pub offset: usize,
    /// Hits wanted.
    pub limit: usize,
}

impl Default for Page {
    fn default() -> Self {
        Page { offset: 0, limit: 10 }
    }
}

/// Order of a hit list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Sort {
    /// Most relevant first (newest first when there are no words to rank by).
    #[default]
    #[serde(rename = "score")]
    Score,
    /// Oldest first (undated articles last).
    #[serde(rename = "date")]
    Date,
    /// Newest first (undated articles last).
    #[serde(rename = "-date")]
    DateDesc,
}

impl Sort {
    /// Every order, with its name.
    pub const ALL: [(Sort, &'static str); 3] =
        [(Sort::Score, "score"), (Sort::Date, "date"), (Sort::DateDesc, "-date")];

    /// The name users type: `score`, `date`, `-date`.
    pub fn name(self) -> &'static str {
        Sort::ALL.iter().find(|(s, _)| *s == self).map_or("score", |(_, n)| n)
    }
}

impl std::str::FromStr for Sort {
    type Err = String;

    /// `score`, `date` or `-date`.
    fn from_str(text: &str) -> Result<Sort, String> {
        by_name(text, &Sort::ALL.map(|(sort, _)| sort), Sort::name, &[])
            .ok_or_else(|| format!("{text:?} is not an order (score, date, -date)"))
    }
}

/// `items` without repeats, in their first order (a field asked for twice
/// is shown once).
pub(crate) fn first_of_each<T: Copy + PartialEq>(items: &[T]) -> Vec<T> {
    let mut unique: Vec<T> = Vec::with_capacity(items.len());
    for &item in items {
        if !unique.contains(&item) {
            unique.push(item);
        }
    }
    unique
}

/// The choice of `all` whose `name` is `text` (spaces around ignored), or
/// whose alias it is.
pub(crate) fn by_name<T: Copy>(text: &str, all: &[T], name: fn(T) -> &'static str, aliases: &[(&str, T)]) -> Option<T> {
    let text = text.trim();
    (all.iter().copied().find(|&choice| name(choice) == text)).or_else(|| {
        aliases
            .iter()
            .find(|(alias, _)| *alias == text)
            .map(|(_, choice)| *choice)
    })
}

/// A query with everything that narrows, reads and orders it.
///
/// ```
/// let request = tracuu::Request::new("thanh hoá").with_limit(20);
/// assert_eq!(request.page.limit, 20);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The query; empty or `*` for every article (the filters alone).
    pub query: String,
    /// How accents and several-syllable words are matched.
    pub options: QueryOptions,
    /// Metadata filters.
    pub filters: Filters,
    /// Abbreviations and other equivalent forms; the bundled list when `None`.
    pub synonyms: Option<Arc<Synonyms>>,
    /// Order of the hits.
    pub sort: Sort,
    /// Which hits (searches; exports and counts take every match).
    pub page: Page,
    /// Stops the work when cancelled.
    pub cancel: CancelToken,
}

impl Request {
    /// A request for `query`, with the defaults: smart accents, words as
    /// units, no filters, the bundled synonyms, by relevance, the first ten hits.
    pub fn new(query: impl Into<String>) -> Request {
        Request {
            query: query.into(),
            ..Request::default()
        }
    }

    /// The same request with another page size.
    pub fn with_limit(mut self, limit: usize) -> Request {
        self.page.limit = limit;
        self
    }

    /// The same request narrowed by `filters`.
    pub fn with_filters(mut self, filters: Filters) -> Request {
        self.filters = filters;
        self
    }

    /// The same request (filters, reading, order) for another query: a
    /// compared query, a background, or the scope without a query.
    pub fn for_query(&self, query: impl Into<String>) -> Request {
        Request {
            query: query.into(),
            ..self.clone()
        }
    }

    /// The synonyms the query is read with.
    pub fn synonyms(&self) -> &Synonyms {
        self.synonyms.as_deref().unwrap_or_else(|| Synonyms::bundled())
    }
}
