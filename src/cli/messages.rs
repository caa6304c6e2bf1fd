//! Messages for the user on stderr, with --quiet and --verbose applied, and
//! how engine errors read on the command line (hints naming the flags, exit codes).

use std::sync::atomic::{AtomicUsize, Ordering};
use tracuu::{IndexObserver, IndexReport, Problem};

/// How many skipped items are listed one by one before only counting them.
const PROBLEMS_LISTED: usize = 20;

/// Messages for the user on stderr, with --quiet and --verbose applied.
pub struct Messages {
    pub quiet: bool,
    verbose: bool,
    problems: AtomicUsize,
    warnings: AtomicUsize,
}

impl Messages {
    pub fn new(quiet: bool, verbose: bool) -> Self {
        Messages {
            quiet,
            verbose,
            problems: AtomicUsize::new(0),
            warnings: AtomicUsize::new(0),
        }
    }

    /// Progress and notes; hidden by --quiet.
    pub fn info(&self, text: &str) {
        if !self.quiet {
            eprintln!("tracuu: {text}");
        }
    }

    /// Details shown with --verbose only.
    pub fn detail(&self, text: &str) {
        if self.verbose {
            eprintln!("tracuu: {text}");
        }
    }

    /// Summaries that scripts and people both need.
    pub fn always(&self, text: &str) {
        eprintln!("tracuu: {text}");
    }

    /// A skipped item: the first ones are listed, all with --verbose; the
    /// summary always gives the count.
    pub fn problem(&self, problem: &Problem) {
        self.list(
            &self.problems,
            format_args!("skipped {problem}"),
            "more items skipped; --verbose lists them all",
        );
    }

    /// An article indexed despite a problem: listed like skipped items.
    pub fn warning(&self, problem: &Problem) {
        self.list(
            &self.warnings,
            format_args!("warning: {problem}"),
            "more warnings; --verbose lists them all",
        );
    }

    /// The first `PROBLEMS_LISTED` items of a kind counted by `seen` (all of
    /// them with --verbose, none with --quiet), then `more` once.
    fn list(&self, seen: &AtomicUsize, item: std::fmt::Arguments<'_>, more: &str) {
        let seen = seen.fetch_add(1, Ordering::Relaxed);
        if self.verbose || (!self.quiet && seen < PROBLEMS_LISTED) {
            eprintln!("tracuu: {item}");
        } else if !self.quiet && seen == PROBLEMS_LISTED {
            eprintln!("tracuu: {more}");
        }
    }
}

/// Reports a run's skipped items and warnings as they come, and its progress.
pub struct IndexMessages<'a> {
    pub messages: &'a Messages,
    pub progress: Option<&'a super::progress::IndexProgress>,
}

impl IndexObserver for IndexMessages<'_> {
    fn skipped(&mut self, problem: &Problem) {
        self.messages.problem(problem);
    }

    fn warning(&mut self, problem: &Problem) {
        self.messages.warning(problem);
    }

    fn progress(&mut self, report: &IndexReport) {
        if let Some(progress) = self.progress {
            progress.update(report);
        }
    }
}

/// Exit codes, as scripts see them.
pub mod exit {
    pub const OK: i32 = 0;
    pub const ERROR: i32 = 1;
    /// Bad usage, a query or a filter value that cannot be searched (as
    /// clap uses for bad flags).
    pub const USAGE: i32 = 2;
    /// Stopped by Ctrl-C (128 + SIGINT), work so far committed.
    pub const INTERRUPTED: i32 = 130;
}

/// An indexing run stopped by Ctrl-C after committing its work.
#[derive(Debug)]
pub struct Interrupted(pub usize);

impl std::fmt::Display for Interrupted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let verb = if self.0 == 1 { "is" } else { "are" };
        write!(
            f,
            "interrupted: {} {verb} committed and searchable; run the same command again to finish",
            super::render::count(self.0, "article", "articles")
        )
    }
}

impl std::error::Error for Interrupted {}

/// The engine error inside `err`, if it is one.
fn engine_error(err: &anyhow::Error) -> Option<&tracuu::Error> {
    err.chain().find_map(|cause| cause.downcast_ref::<tracuu::Error>())
}

/// What the user can do about an engine error, in terms of the command line.
fn hint(err: &tracuu::Error) -> Option<String> {
    use tracuu::Error::*;
    Some(match err {
        NoIndex { dir } => format!("build one with `tracuu index --index {} PATH...`", dir.display()),
        SchemaMismatch { found: Some(_), .. } | Damaged { .. } => {
            "delete it and rebuild it with `tracuu index`".to_string()
        }
        SchemaMismatch { dir, found: None, .. } => {
            format!("rebuild it with `tracuu index --index {} PATH...`", dir.display())
        }
        Locked { .. } => "wait for it to finish".to_string(),
        _ => return None,
    })
}

/// True when the error is a closed stdout (`tracuu ... | head`): not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    err.chain().any(|cause| {
        let engine = cause.downcast_ref::<tracuu::Error>().and_then(|e| match e {
            tracuu::Error::Output(io) => Some(io.kind()),
            _ => None,
        });
        let io = cause.downcast_ref::<std::io::Error>().map(|e| e.kind());
        [engine, io].contains(&Some(BrokenPipe))
    })
}

/// Prints `err` as one line on stderr and returns the exit code.
pub fn report_error(err: &anyhow::Error) -> i32 {
    if is_broken_pipe(err) {
        return exit::OK;
    }
    let engine = engine_error(err);
    match engine.and_then(hint) {
        Some(hint) => eprintln!("tracuu: error: {err:#}; {hint}"),
        None => eprintln!("tracuu: error: {err:#}"),
    }
    if err.downcast_ref::<Interrupted>().is_some() || matches!(engine, Some(tracuu::Error::Cancelled)) {
        exit::INTERRUPTED
    } else if engine.is_some_and(tracuu::Error::is_request_error) {
        exit::USAGE
    } else {
        exit::ERROR
    }
}
