//! tracuu: full-text search for Vietnamese political news, on tantivy.
//!
//! The engine behind the `tracuu` command line and its web page, usable by
//! any program: index article files, search them with Vietnamese-aware
//! matching (several-syllable words as units, smart accents, AND/OR/NOT
//! as set algebra), count facets, export every hit, read an article.
//!
//! ```
//! use tracuu::{IndexOptions, Request, TracuuIndex};
//!
//! let folder = tempfile::tempdir()?;
//! let index = TracuuIndex::open_or_create(folder.path())?;
//! index.add_bundled(&IndexOptions::default(), &mut ())?; // the five sample articles
//!
//! let results = index.search(&Request::new("thanh hoa"))?;
//! assert!(results.total > 0);
//! println!("{} articles; first: {}", results.total, results.hits[0].title);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Everything returned is plain data in [`model`] (serde, the JSON shape
//! documented in `docs/json.md`); everything that fails is an [`Error`].
//! Long work takes a [`CancelToken`] (in [`Request`] and [`IndexOptions`]).
//!
//! Modules, one per concern: [`analysis`] (the Vietnamese tokenizer),
//! [`extract`] (metadata from raw text), [`ingest`] (reading article
//! files), [`index`] (building the index), [`search`] (queries and hit
//! lists), [`facets`], [`export`], [`show`],
//! [`timeline`] (attention over time), [`kwic`] (a concordance),
//! [`terms`] (distinctive words) (one article, the index's
//! statistics), [`model`] (what they return).

#![warn(missing_docs)]

pub mod analysis;
mod bundled;
mod cancel;
pub mod chart;
mod collect;
mod copies;
mod decode;
mod dictionary;
mod directory;
mod error;
pub mod export;
pub mod extract;
pub mod facets;
mod filter;
mod hits;
pub mod index;
pub mod ingest;
pub mod kwic;
pub mod model;
mod query;
mod ranking;
mod request;
mod schema;
pub mod search;
pub mod show;
mod snippet;
mod stored;
mod synonyms;
pub mod terms;
pub mod timeline;
mod words;

pub use cancel::CancelToken;
pub use error::{Error, Result};
pub use export::ExportObserver;
pub use export::{ExportField, ExportFormat, ExportOptions, ExportReport};
pub use facets::FacetField;
pub use filter::{parse_day, Filters, YearRange};
pub use index::{open_default, BundledBuild, IndexObserver, IndexOptions, IndexReport, TracuuIndex};
pub use ingest::Problem;
pub use kwic::{KwicOptions, KwicReport, KwicSort};
pub use model::{
    Article, ArticleMeta, FacetReport, Hit, IndexStats, KwicLine, SearchResults, Snippet, Terms, Timeline,
    TimelineSeries, JSON_VERSION,
};
pub use query::{Accents, MatchMode, QueryOptions};
pub use request::{Page, Request, Sort};
pub use synonyms::Synonyms;
pub use terms::{TermScore, TermsOptions};
pub use timeline::{Interval, TimelineOptions};

/// A calendar day (filters, extracted dates): the `time` crate's, as tantivy uses it.
pub use tantivy::time::Date;

/// The version of the index layout this tracuu reads and writes.
pub fn schema_version() -> u32 {
    schema::version()
}

/// How the query parser reads a query, for tools that translate tracuu's
/// reading into another engine's (the benchmark's SQLite FTS5 baseline).
/// Not a stable API.
#[doc(hidden)]
pub mod internals {
    pub use crate::dictionary::Dictionary;
    pub use crate::query::{parse, Context, Expr, Form, TextField, Unit};
}

/// The bundled synonym list (`index-schema/synonyms.tsv`), as text.
pub const BUNDLED_SYNONYMS: &str = synonyms::BUNDLED;
