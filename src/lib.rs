//! tracuu: full-text search for Vietnamese political news, on tantivy.
//!
//! One module per concern: [`analysis`] (Vietnamese tokenizer), [`ingest`]
//! (reading article files), [`schema`] and [`index`] (the tantivy index),
//! [`search`] (queries and hits), [`cli`] and [`output`] (the command line).

pub mod allocator;
pub mod analysis;
pub mod cli;
pub mod copies;
pub mod decode;
pub mod dictionary;
pub mod directory;
pub mod export;
pub mod extract;
pub mod facets;
pub mod filter;
pub mod index;
pub mod ingest;
pub mod output;
pub mod query;
pub mod ranking;
pub mod schema;
pub mod search;
pub mod show;
pub mod snippet;
pub mod synonyms;
