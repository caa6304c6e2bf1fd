//! What can go wrong, as a type a front end can act on: the command line
//! turns it into a message, a hint and an exit code, a server into an HTTP
//! status. Messages describe the problem and name no command-line flag.

use crate::ingest::Problem;
use std::path::PathBuf;

/// A tracuu result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything the engine can fail with.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// There is no index in the folder.
    #[error("no index at {}", dir.display())]
    NoIndex {
        /// The folder looked in.
        dir: PathBuf,
    },
    /// The folder holds an index of another schema version (or no tracuu
    /// index at all: `found` is then `None`).
    #[error("{}", schema_message(dir, *found, *expected))]
    SchemaMismatch {
        /// The index folder.
        dir: PathBuf,
        /// The version the index was built with, if it says.
        found: Option<u32>,
        /// The version this tracuu reads.
        expected: u32,
    },
    /// Another process is writing the index.
    #[error("index {} is locked by another tracuu process", dir.display())]
    Locked {
        /// The index folder.
        dir: PathBuf,
    },
    /// The index cannot be read as it is on disk.
    #[error("the index {} is damaged: {detail}", dir.display())]
    Damaged {
        /// The index folder.
        dir: PathBuf,
        /// What was found wrong.
        detail: String,
    },
    /// A query that cannot be searched.
    #[error("{0}")]
    BadQuery(String),
    /// A filter value that cannot mean anything (not an impossible match,
    /// which is an empty result with a note).
    #[error("{filter} {value:?}: {reason}")]
    BadFilter {
        /// The filter: "year", "date", "date range"…
        filter: &'static str,
        /// The value given.
        value: String,
        /// Why it was refused.
        reason: String,
    },
    /// Stopped by the caller's [`CancelToken`](crate::CancelToken) (or its
    /// deadline) before it finished.
    #[error("cancelled before finishing")]
    Cancelled,
    /// A file or folder could not be read or written.
    #[error("{action} {}: {source}", path.display())]
    Io {
        /// What was being done: "cannot read", "cannot create"…
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// Input that cannot be read as articles or as a list, by file and line;
    /// returned when a run must not go on past it (strict indexing, a
    /// synonym file).
    #[error("{0}")]
    BadInput(Problem),
    /// No article has this id.
    #[error("no article with id {id:?} in {}", dir.display())]
    NotFound {
        /// The id asked for.
        id: String,
        /// The index folder.
        dir: PathBuf,
    },
    /// Writing results to the caller's writer failed (a closed pipe, a full disk).
    #[error("cannot write the output: {0}")]
    Output(#[source] std::io::Error),
    /// Any other failure inside tantivy.
    #[error("index error: {0}")]
    Index(#[from] tantivy::TantivyError),
}

fn schema_message(dir: &std::path::Path, found: Option<u32>, expected: u32) -> String {
    match found {
        Some(found) => format!(
            "index {} was built with schema version {found} but this tracuu uses version {expected}",
            dir.display()
        ),
        None => format!("{} is not a tracuu index (it has no schema marker)", dir.display()),
    }
}

impl Error {
    /// An I/O error on `path` while doing `action`.
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }

    /// Whether the error is the caller's to fix in what they asked (a query
    /// or a filter value), as opposed to the index's or the system's.
    pub fn is_request_error(&self) -> bool {
        matches!(self, Error::BadQuery(_) | Error::BadFilter { .. })
    }
}

impl From<csv::Error> for Error {
    fn from(err: csv::Error) -> Error {
        match err.into_kind() {
            csv::ErrorKind::Io(io) => Error::Output(io),
            other => Error::Output(std::io::Error::other(format!("{other:?}"))),
        }
    }
}

impl From<serde_json::Error> for Error {
    fn from(err: serde_json::Error) -> Error {
        Error::Output(err.into())
    }
}
