//! The `tracuu` command line: flags ([`args`]), the commands (here),
//! terminal rendering ([`render`]), messages and exit codes ([`messages`]),
//! progress bars ([`progress`]) and export files ([`output_file`]).

pub mod allocator;
mod analyses;
mod args;
mod messages;
mod output_file;
mod progress;
mod render;
mod serve;

use anyhow::{Context, Result};
use args::{Cli, Command, ExportArgs, FacetsArgs, IndexArgs, IndexLocation, SearchArgs, ShowArgs, StatsArgs};
use clap::Parser;
use messages::{IndexMessages, Interrupted, Messages};
use std::io::Write;
use std::path::{Path, PathBuf};
use tracuu::{BundledBuild, CancelToken, ExportField, ExportOptions, FacetField, IndexOptions, IndexReport, Page};
use tracuu::{ExportObserver, TracuuIndex};

/// Runs the command line and returns the exit code.
pub fn main() -> i32 {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => messages::exit::OK,
        Err(err) => messages::report_error(&err),
    }
}

fn run(cli: &Cli) -> Result<()> {
    let messages = Messages::new(cli.quiet, cli.verbose);
    match &cli.command {
        Command::Index(args) => run_index(args, &messages),
        Command::Search(args) => run_search(args, &messages),
        Command::Facets(args) => run_facets(args, &messages),
        Command::Export(args) => run_export(args, &messages),
        Command::Timeline(args) => analyses::run_timeline(args, &messages),
        Command::Kwic(args) => analyses::run_kwic(args, &messages),
        Command::Terms(args) => analyses::run_terms(args, &messages),
        Command::Serve(args) => serve::run_serve(args, &messages),
        Command::Show(args) => run_show(args, &messages),
        Command::Stats(args) => run_stats(args, &messages),
        Command::Completions(args) => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(args.shell, &mut command, "tracuu", &mut std::io::stdout());
            Ok(())
        }
    }
}

/// Where the index lives when `--index` is not given.
fn default_index_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("TRACUU_INDEX").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    let data = std::env::var_os("XDG_DATA_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")));
    match data {
        Some(data) => data.join("tracuu/index"),
        None => PathBuf::from("tracuu-index"),
    }
}

/// Opens the index for reading. The default index is built from the
/// bundled corpus the first time (and rebuilt after a schema change while
/// it holds nothing else); an explicitly named one must exist.
fn open_for_reading(location: &IndexLocation, messages: &Messages) -> Result<TracuuIndex> {
    if let Some(dir) = &location.index {
        return Ok(TracuuIndex::open(dir)?);
    }
    let dir = default_index_dir();
    let mut observer = IndexMessages {
        messages,
        progress: None,
    };
    let (target, built) = tracuu::open_default(&dir, &mut observer)?;
    if let Some((why, report)) = built {
        messages.info(&match why {
            BundledBuild::Created => format!(
                "no index at {} yet: building it from the bundled corpus (5 sample articles)",
                dir.display()
            ),
            BundledBuild::Rebuilt => format!(
                "the index at {} holds only the bundled corpus and was built by an older tracuu: rebuilding it",
                dir.display()
            ),
        });
        messages.info(&summary(&report, &dir));
    }
    Ok(target)
}

/// The first Ctrl-C asks the indexing run to commit and stop; a second one
/// ends the process at once (the last commit stays intact).
fn cancel_on_ctrl_c() -> CancelToken {
    let token = CancelToken::new();
    let handler_token = token.clone();
    let _ = ctrlc::set_handler(move || {
        if handler_token.cancel_again() {
            std::process::exit(messages::exit::INTERRUPTED);
        }
        eprintln!("\ntracuu: stopping: committing what was indexed (Ctrl-C again to quit at once)");
    });
    token
}

fn run_index(args: &IndexArgs, messages: &Messages) -> Result<()> {
    let dir = args.location.index.clone().unwrap_or_else(default_index_dir);
    let target = TracuuIndex::open_or_create(&dir)?;
    let options = IndexOptions {
        memory_mb: args.memory,
        threads: args.threads,
        commit_every: args.commit_every.max(1),
        keep_duplicates: args.keep_duplicates,
        optimize: args.optimize,
        strict: args.strict,
        cancel: cancel_on_ctrl_c(),
        earliest_year: args.earliest_year,
        today: args.today,
    };
    let progress = progress::IndexProgress::new(messages);
    let mut observer = IndexMessages {
        messages,
        progress: Some(&progress),
    };
    let report = target.add_paths(&args.paths, &options, &mut observer);
    progress.finish();
    let report = match report {
        Err(err @ tracuu::Error::BadInput(_)) if args.strict => {
            anyhow::bail!("{err} (--strict: nothing was changed)")
        }
        other => other?,
    };
    messages.always(&summary(&report, &dir));
    if !report.ignored_fields.is_empty() {
        let fields: Vec<String> = (report.ignored_fields.iter())
            .map(|(name, n)| format!("{name} ({})", render::count(*n, "record", "records")))
            .collect();
        messages.info(&format!("ignored fields: {}", fields.join(", ")));
    }
    messages.detail(&format!(
        "cleaning and metadata extraction took {:.1} s of CPU time; {}",
        report.extraction.as_secs_f64(),
        render::count(report.commits, "commit", "commits")
    ));
    if report.interrupted {
        return Err(Interrupted(report.articles()).into());
    }
    if report.articles() == 0 && !report.skipped.is_empty() {
        anyhow::bail!("no article could be read ({} skipped)", report.skipped.len());
    }
    Ok(())
}

fn summary(report: &IndexReport, dir: &Path) -> String {
    let seconds = report.elapsed.as_secs_f64();
    let mb = report.bytes as f64 / 1e6;
    let mut line = format!(
        "{} from {} ({} new, {} replaced, {} unchanged, {} duplicates, {} skipped): \
         {:.1} MB of text in {:.1} s ({:.0} articles/s, {:.1} MB/s) into {}",
        render::count(report.articles(), "article", "articles"),
        render::count(report.files, "file", "files"),
        report.added,
        report.replaced,
        report.unchanged,
        report.duplicates,
        report.skipped.len(),
        mb,
        seconds,
        report.articles() as f64 / seconds.max(1e-9),
        mb / seconds.max(1e-9),
        dir.display()
    );
    if !report.warnings.is_empty() {
        let n = report.warnings.len();
        line.push_str(&format!(
            "; {n} indexed with a warning{}",
            if n == 1 { "" } else { "s" }
        ));
    }
    if report.ignored_files > 0 {
        let files = render::count(report.ignored_files, "file that is", "files that are");
        line.push_str(&format!("; ignored {files} not .txt/.jsonl/.jsonl.gz"));
    }
    line
}

/// What a failed command was doing, for its error message: `search "thanh
/// hoa"`, or the command alone without a query.
fn about(command: &str, query: &str) -> String {
    if query.trim().is_empty() {
        command.to_string()
    } else {
        format!("{command} {query:?}")
    }
}

/// Runs `print` on standard output, locked and buffered once, and gives back its value.
fn to_stdout<T>(print: impl FnOnce(&mut dyn Write) -> Result<T>) -> Result<T> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let value = print(&mut out)?;
    out.flush()?;
    Ok(value)
}

fn run_search(args: &SearchArgs, messages: &Messages) -> Result<()> {
    let target = open_for_reading(&args.location, messages)?;
    let mut request = args.request.request(args.sort)?;
    request.page = Page {
        offset: args.offset,
        limit: args.limit,
    };
    let results = target
        .search(&request)
        .with_context(|| about("search", &request.query))?;
    results.notes.iter().for_each(|note| messages.always(note));
    messages.detail(&format!("query read as {}", results.read_as));
    to_stdout(|out| render::results(out, &results, args.format, args.color.enabled()))
}

fn run_facets(args: &FacetsArgs, messages: &Messages) -> Result<()> {
    let target = open_for_reading(&args.location, messages)?;
    let fields: Vec<FacetField> = if args.field.is_empty() {
        FacetField::ALL.to_vec()
    } else {
        args.field.iter().map(|&f| f.into()).collect()
    };
    let request = args.request.request(args::SortArg::Score)?;
    let report = target
        .facets(&request, &fields, args.top)
        .with_context(|| about("facets", &request.query))?;
    report.notes.iter().for_each(|note| messages.always(note));
    to_stdout(|out| render::facets(out, &report, args.format))
}

/// Drives the export's progress bar.
struct ExportProgress<'a>(&'a progress::Progress);

impl ExportObserver for ExportProgress<'_> {
    fn started(&mut self, rows: usize) {
        self.0.start(rows);
    }

    fn progress(&mut self, rows: usize) {
        self.0.set(rows);
    }
}

fn run_export(args: &ExportArgs, messages: &Messages) -> Result<()> {
    let target_file = output_file::Target::of(args.output.as_deref(), args.force)?;
    let index = open_for_reading(&args.location, messages)?;
    let options = ExportOptions {
        format: args.format.into(),
        fields: if args.fields.is_empty() {
            ExportField::DEFAULT.to_vec()
        } else {
            args.fields.clone()
        },
        excel: args.excel,
    };
    if args.excel && options.format != tracuu::ExportFormat::Csv {
        messages.always("--excel only changes CSV output; ignored");
    }
    let request = args.request.request(args.sort)?;
    let progress = progress::Progress::new(messages, "exporting");
    let report = target_file.write(|out| {
        index
            .export(&request, &options, out, &mut ExportProgress(&progress))
            .with_context(|| about("export", &request.query))
    })?;
    progress.finish();
    report.notes.iter().for_each(|note| messages.always(note));
    messages.info(&format!(
        "exported {} to {}",
        render::count(report.rows, "article", "articles"),
        target_file.name()
    ));
    Ok(())
}

fn run_show(args: &ShowArgs, messages: &Messages) -> Result<()> {
    let target = open_for_reading(&args.location, messages)?;
    let article = target.article(&args.id)?;
    to_stdout(|out| render::article(out, &article, args.format))
}

fn run_stats(args: &StatsArgs, messages: &Messages) -> Result<()> {
    let target = open_for_reading(&args.location, messages)?;
    let stats = target.stats()?;
    to_stdout(|out| render::stats(out, &stats, args.format))
}
