//! The `tracuu` command line: argument parsing and the commands.

use crate::export::{self, ExportField, ExportFormat, ExportOptions};
use crate::facets::{self, FacetField};
use crate::filter::{self, Filters, YearRange};
use crate::index::{self, IndexOptions, IndexReport, TracuuIndex};
use crate::output::{self, ColorChoice, Format, ShowFormat};
use crate::query::{Accents, MatchMode, QueryError, QueryOptions};
use crate::schema;
use crate::search::{self, Page, Request, Sort};
use crate::show;
use crate::synonyms::Synonyms;
use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use std::path::{Path, PathBuf};
use tantivy::time::Date;

/// The five sample articles shipped with tracuu, indexed on first use.
pub const BUNDLED_CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");

const ABOUT: &str = "Full-text search for Vietnamese political news.\n\n\
Accentless queries find every accent variant (\"thanh hoa\" finds Thanh Hóa and Thanh Hoá);\n\
queries with accents rank exact matches first.";

const INDEX_HELP: &str = "Examples:\n  tracuu index corpus/\n  tracuu index --index ~/tin-tuc articles.jsonl.gz more/";

const EXPORT_HELP: &str = "Examples:\n  tracuu export --format csv --excel -o hoi-nghi.csv hội nghị --province \"thanh hoa\"\n  tracuu export --format jsonl --sort -date --fields id,date,title,body 'UBND tỉnh' | jq .title";

const FACETS_HELP: &str = "Examples:\n  tracuu facets\n  tracuu facets --field province --top 20 hội nghị\n  tracuu facets --field official --province \"thanh hoa\" --year 2022..2023";

const SEARCH_HELP: &str = "Query syntax: Vietnamese words (several syllables side by side) are ANDed;\n\
\"quoted phrase\", OR, AND, NOT, -exclude, +word, title:word, (grouping); NOT binds tightest, then AND, then OR.\n\
Accents typed are respected, accents omitted match every form (--accents). No query: every article the filters select.\n\n\
Examples:\n  tracuu search thanh hoa\n  tracuu search 'tham nhũng -\"Trung Quốc\"'\n  tracuu search 'bí thư (Nghệ An OR Hà Tĩnh)' --format json\n  tracuu search --province \"nghe an\" --year 2017\n  tracuu search 'Chỉ thị 19' --limit 20";

#[derive(Parser, Debug)]
#[command(name = "tracuu", version, about = ABOUT)]
pub struct Cli {
    /// Print only results and errors.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Print every skipped item and more detail.
    #[arg(long, short, global = true, conflicts_with = "quiet")]
    pub verbose: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Add articles (.txt, .jsonl, .jsonl.gz files or folders of them) to the index.
    #[command(after_help = INDEX_HELP)]
    Index(IndexArgs),
    /// Search the index.
    #[command(after_help = SEARCH_HELP)]
    Search(SearchArgs),
    /// Count articles by province, year or official, for drill-down browsing.
    #[command(after_help = FACETS_HELP)]
    Facets(FacetsArgs),
    /// Write every matching article (not just a page) as CSV, JSON Lines or JSON.
    #[command(after_help = EXPORT_HELP)]
    Export(ExportArgs),
    /// Show one article, cleaned, with its metadata.
    #[command(
        after_help = "Examples:\n  tracuu show 001_304570ebb02cd033\n  tracuu show --format json vietnews/train/000051"
    )]
    Show(ShowArgs),
    /// Describe the index: documents, size, date range, facet counts, schema version.
    #[command(after_help = "Example:\n  tracuu stats --index ~/tin-tuc")]
    Stats(StatsArgs),
    /// Print a shell completion script.
    #[command(after_help = "Example:\n  tracuu completions bash > ~/.local/share/bash-completion/completions/tracuu")]
    Completions(CompletionsArgs),
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Write to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite FILE if it exists.
    #[arg(long)]
    pub force: bool,
    /// Columns, comma-separated [default: id,score,date,year,province,province_2025,officials,title,source,url,snippet].
    #[arg(long, value_enum, value_delimiter = ',', value_name = "FIELDS")]
    pub fields: Vec<ExportField>,
    /// Order of the rows.
    #[arg(long, value_enum, default_value_t = Sort::Score, allow_hyphen_values = true)]
    pub sort: Sort,
    /// Start CSV with a byte-order mark so Excel shows Vietnamese correctly.
    #[arg(long)]
    pub excel: bool,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub reading: QueryOptionArgs,
    #[command(flatten)]
    pub synonyms: SynonymsArg,
    /// The query; several words are joined with spaces [default: every article the filters select].
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
}

#[derive(Args, Debug)]
pub struct ShowArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
    /// The article's id.
    pub id: String,
}

#[derive(Args, Debug)]
pub struct StatsArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// How accents typed in the query are matched.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum AccentsArg {
    /// Per syllable: with accents, only that form; without, every form;
    /// an accented query that finds nothing falls back to every form (and says so).
    #[default]
    Smart,
    /// Every syllable matches every accent form.
    Fold,
    /// As smart, without the fallback.
    Exact,
}

/// How the words of the query are matched.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum MatchArg {
    /// A Vietnamese word of several syllables matches its syllables side by side.
    #[default]
    Words,
    /// Every syllable anywhere in the article (loose).
    #[value(name = "any-order")]
    AnyOrder,
}

/// How a query is read, shared by search, facets and export.
#[derive(Args, Debug, Default)]
pub struct QueryOptionArgs {
    /// Accent matching: smart (typed accents respected, omitted ones match every form), fold, exact.
    #[arg(long, value_enum, default_value_t = AccentsArg::Smart)]
    pub accents: AccentsArg,
    /// Word matching: words (syllables of a word side by side) or any-order.
    #[arg(long = "match", value_enum, default_value_t = MatchArg::Words, value_name = "MODE")]
    pub matching: MatchArg,
}

impl QueryOptionArgs {
    fn options(&self) -> QueryOptions {
        QueryOptions {
            accents: match self.accents {
                AccentsArg::Smart => Accents::Smart,
                AccentsArg::Fold => Accents::Fold,
                AccentsArg::Exact => Accents::Exact,
            },
            matching: match self.matching {
                MatchArg::Words => MatchMode::Words,
                MatchArg::AnyOrder => MatchMode::AnyOrder,
            },
        }
    }
}

/// Extra abbreviations for query expansion.
#[derive(Args, Debug, Default)]
pub struct SynonymsArg {
    /// Add your own abbreviations: one group a line, forms separated by " | " (as index-schema/synonyms.tsv).
    #[arg(long, value_name = "FILE")]
    pub synonyms: Option<PathBuf>,
}

impl SynonymsArg {
    fn load(&self) -> Result<std::borrow::Cow<'static, Synonyms>> {
        Ok(match &self.synonyms {
            Some(path) => std::borrow::Cow::Owned(Synonyms::with_file(path)?),
            None => std::borrow::Cow::Borrowed(Synonyms::bundled()),
        })
    }
}

/// Metadata filters shared by `search`, `facets` and `export`.
#[derive(Args, Debug, Default)]
pub struct FilterArgs {
    /// Only articles about this province, as named at the time (accents and case optional; repeat for OR).
    #[arg(long, value_name = "NAME")]
    pub province: Vec<String>,
    /// Only articles about this province as merged in 2025 (repeatable).
    #[arg(long = "province-2025", value_name = "NAME")]
    pub province_2025: Vec<String>,
    /// Only articles of this year or range of years: 2023, 2021..2023 (repeatable).
    #[arg(long, value_name = "YEAR[..YEAR]")]
    pub year: Vec<YearRange>,
    /// Only articles naming this official (full name, accents optional; repeatable).
    #[arg(long, value_name = "NAME")]
    pub official: Vec<String>,
    /// Only articles dated on or after this day (2023-12-28 or 28/12/2023).
    #[arg(long, value_name = "DATE", value_parser = filter::parse_date_arg)]
    pub date_from: Option<Date>,
    /// Only articles dated on or before this day.
    #[arg(long, value_name = "DATE", value_parser = filter::parse_date_arg)]
    pub date_to: Option<Date>,
}

impl FilterArgs {
    fn filters(&self) -> Filters {
        Filters {
            provinces: self.province.clone(),
            provinces_2025: self.province_2025.clone(),
            years: self.year.clone(),
            officials: self.official.clone(),
            date_from: self.date_from,
            date_to: self.date_to,
        }
    }
}

#[derive(Args, Debug)]
pub struct IndexLocation {
    /// Index directory [default: $TRACUU_INDEX, else ~/.local/share/tracuu/index].
    #[arg(long, value_name = "DIR")]
    pub index: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct IndexArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// Memory budget of the index writer, in MB.
    #[arg(long, value_name = "MB", default_value_t = IndexOptions::default().memory_mb)]
    pub memory: usize,
    /// Indexing threads [default: one per core].
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Commit every N articles, so an interrupted run loses at most that much.
    #[arg(long, value_name = "N", default_value_t = IndexOptions::default().commit_every)]
    pub commit_every: usize,
    /// Index syndicated copies (same normalised text, other id) as articles of their own.
    #[arg(long)]
    pub keep_duplicates: bool,
    /// Merge the index into one segment at the end, for the fastest queries.
    #[arg(long)]
    pub optimize: bool,
    /// Stop at the first unreadable article or file and change nothing.
    #[arg(long)]
    pub strict: bool,
    /// Files and folders to index.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Args, Debug)]
pub struct SearchArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// Number of hits to show.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Number of hits to skip (for paging).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Order of the hits.
    #[arg(long, value_enum, default_value_t = Sort::Score, allow_hyphen_values = true)]
    pub sort: Sort,
    /// When to colour highlights (auto: only on a terminal and without NO_COLOR).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub reading: QueryOptionArgs,
    #[command(flatten)]
    pub synonyms: SynonymsArg,
    /// The query; several words are joined with spaces [default: every article the filters select, newest first].
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
}

#[derive(Args, Debug)]
pub struct FacetsArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// Facets to count (repeatable) [default: all].
    #[arg(long, value_enum, value_name = "FIELD")]
    pub field: Vec<FacetField>,
    /// Values shown per facet, most frequent first.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub reading: QueryOptionArgs,
    #[command(flatten)]
    pub synonyms: SynonymsArg,
    /// Count only articles matching this query [default: all articles].
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
}

/// An indexing run stopped by Ctrl-C after committing its work.
#[derive(Debug)]
pub struct Interrupted(pub usize);

impl std::fmt::Display for Interrupted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "interrupted: {} articles are committed and searchable; run the same command again to finish",
            self.0
        )
    }
}

impl std::error::Error for Interrupted {}

/// Exit codes, as scripts see them.
pub mod exit {
    pub const OK: i32 = 0;
    pub const ERROR: i32 = 1;
    /// Bad usage or a query that cannot be searched (as clap uses for bad flags).
    pub const USAGE: i32 = 2;
    /// Stopped by Ctrl-C (128 + SIGINT), work so far committed.
    pub const INTERRUPTED: i32 = 130;
}

/// Runs the command line and returns the exit code.
pub fn main() -> i32 {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => exit::OK,
        Err(err) if output::is_broken_pipe(&err) => exit::OK,
        Err(err) => {
            eprintln!("tracuu: error: {err:#}");
            if err.downcast_ref::<QueryError>().is_some() {
                exit::USAGE
            } else if err.downcast_ref::<Interrupted>().is_some() {
                exit::INTERRUPTED
            } else {
                exit::ERROR
            }
        }
    }
}

pub fn run(cli: &Cli) -> Result<()> {
    let messages = output::Messages::new(cli.quiet, cli.verbose);
    match &cli.command {
        Command::Index(args) => run_index(args, &messages),
        Command::Search(args) => run_search(args, &messages),
        Command::Facets(args) => run_facets(args, &messages),
        Command::Export(args) => run_export(args, &messages),
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
pub fn default_index_dir() -> PathBuf {
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

/// Opens the index for reading. The default index is built from the bundled
/// corpus the first time (and rebuilt after a schema change while it holds
/// nothing else); an explicitly named one must exist.
fn open_for_reading(location: &IndexLocation, messages: &output::Messages) -> Result<TracuuIndex> {
    if let Some(dir) = &location.index {
        return TracuuIndex::open(dir);
    }
    let dir = default_index_dir();
    if dir.join("meta.json").exists() {
        if !schema::is_outdated_bundled_index(&dir) {
            return TracuuIndex::open(&dir);
        }
        messages.info(&format!(
            "the index at {} holds only the bundled corpus and was built by an older tracuu: rebuilding it",
            dir.display()
        ));
        std::fs::remove_dir_all(&dir).with_context(|| format!("cannot remove {}", dir.display()))?;
    } else {
        messages.info(&format!(
            "no index at {} yet: building it from the bundled corpus {}",
            dir.display(),
            BUNDLED_CORPUS
        ));
    }
    let target = TracuuIndex::open_or_create(&dir)?;
    let report = index::index_paths(
        &target,
        &[PathBuf::from(BUNDLED_CORPUS)],
        &IndexOptions::default(),
        &mut index::Observer {
            on_problem: &mut |p| messages.problem(p),
            on_warning: &mut |p| messages.warning(p),
            on_progress: &mut |_| {},
        },
    )?;
    schema::write_marker(&dir, true)?;
    messages.info(&summary(&report, &dir));
    Ok(target)
}

fn run_index(args: &IndexArgs, messages: &output::Messages) -> Result<()> {
    let dir = args.location.index.clone().unwrap_or_else(default_index_dir);
    let target = TracuuIndex::open_or_create(&dir)?;
    // From now on the index holds the user's articles: never rebuild it unasked.
    schema::write_marker(&dir, false)?;
    let options = IndexOptions {
        memory_mb: args.memory,
        threads: args.threads,
        commit_every: args.commit_every.max(1),
        keep_duplicates: args.keep_duplicates,
        optimize: args.optimize,
        strict: args.strict,
    };
    stop_on_ctrl_c();
    let progress = output::IndexProgress::new(messages);
    let report = index::index_paths(
        &target,
        &args.paths,
        &options,
        &mut index::Observer {
            on_problem: &mut |p| messages.problem(p),
            on_warning: &mut |p| messages.warning(p),
            on_progress: &mut |r| progress.update(r),
        },
    )?;
    progress.finish();
    messages.always(&summary(&report, &dir));
    messages.detail(&format!(
        "cleaning and metadata extraction took {:.1} s of CPU time; {} commits",
        report.extraction.as_secs_f64(),
        report.commits
    ));
    if report.interrupted {
        return Err(Interrupted(report.articles()).into());
    }
    if report.articles() == 0 && !report.skipped.is_empty() {
        anyhow::bail!("no article could be read ({} skipped)", report.skipped.len());
    }
    Ok(())
}

/// The first Ctrl-C asks the indexing run to commit and stop; a second one
/// ends the process at once (the last commit stays intact).
fn stop_on_ctrl_c() {
    let _ = ctrlc::set_handler(|| {
        if index::STOP.swap(true, std::sync::atomic::Ordering::SeqCst) {
            std::process::exit(130);
        }
        eprintln!("\ntracuu: stopping: committing what was indexed (Ctrl-C again to quit at once)");
    });
}

fn summary(report: &IndexReport, dir: &Path) -> String {
    let seconds = report.elapsed.as_secs_f64();
    let mb = report.bytes as f64 / 1e6;
    let mut line = format!(
        "{} articles from {} file{} ({} new, {} replaced, {} unchanged, {} duplicates, {} skipped): \
         {:.1} MB of text in {:.1} s ({:.0} articles/s, {:.1} MB/s) into {}",
        report.articles(),
        report.files,
        if report.files == 1 { "" } else { "s" },
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
        line.push_str(&format!(
            "; ignored {} files that are not .txt/.jsonl/.jsonl.gz",
            report.ignored_files
        ));
    }
    line
}

fn run_search(args: &SearchArgs, messages: &output::Messages) -> Result<()> {
    let query = args.query.join(" ");
    let target = open_for_reading(&args.location, messages)?;
    let page = Page {
        offset: args.offset,
        limit: args.limit,
    };
    let synonyms = args.synonyms.load()?;
    let filters = args.filters.filters();
    let request = Request {
        query: &query,
        filters: &filters,
        synonyms: &synonyms,
        options: args.reading.options(),
    };
    let results = search::search(&target, &request, args.sort, page).with_context(|| format!("search {query:?}"))?;
    results.notes.iter().for_each(|note| messages.always(note));
    messages.detail(&format!("query read as {}", results.read_as));
    output::print_results(&query, page, &results, args.format, args.color.enabled())
}

fn run_facets(args: &FacetsArgs, messages: &output::Messages) -> Result<()> {
    let target = open_for_reading(&args.location, messages)?;
    let query = (!args.query.is_empty()).then(|| args.query.join(" "));
    let fields = if args.field.is_empty() {
        FacetField::ALL.to_vec()
    } else {
        args.field.clone()
    };
    let synonyms = args.synonyms.load()?;
    let filters = args.filters.filters();
    let request = Request {
        query: query.as_deref().unwrap_or(""),
        filters: &filters,
        synonyms: &synonyms,
        options: args.reading.options(),
    };
    let report = facets::count(&target, &request, &fields, args.top)
        .with_context(|| format!("facets {}", query.as_deref().unwrap_or("")))?;
    report.notes.iter().for_each(|note| messages.always(note));
    output::print_facets(query.as_deref(), &report, args.format)
}

fn run_export(args: &ExportArgs, messages: &output::Messages) -> Result<()> {
    let query = args.query.join(" ");
    let target = open_for_reading(&args.location, messages)?;
    let options = ExportOptions {
        format: args.format,
        fields: if args.fields.is_empty() {
            ExportField::DEFAULT.to_vec()
        } else {
            args.fields.clone()
        },
        sort: args.sort,
        excel: args.excel,
    };
    if args.excel && args.format != ExportFormat::Csv {
        messages.always("--excel only changes CSV output; ignored");
    }
    let synonyms = args.synonyms.load()?;
    let progress = output::Progress::new(messages, "exporting");
    let run = |out: &mut dyn std::io::Write| {
        let filters = args.filters.filters();
        let request = Request {
            query: &query,
            filters: &filters,
            synonyms: &synonyms,
            options: args.reading.options(),
        };
        export::export(&target, &request, &options, out, &mut |n| progress.start(n), &mut |n| {
            progress.set(n)
        })
        .with_context(|| format!("export {query:?}"))
    };
    let report = match &args.output {
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            run(&mut out)?
        }
        Some(path) => output::write_atomically(path, args.force, run)?,
    };
    progress.finish();
    report.notes.iter().for_each(|note| messages.always(note));
    let target_name = args
        .output
        .as_ref()
        .map_or("standard output".to_string(), |p| p.display().to_string());
    messages.info(&format!("exported {} articles to {target_name}", report.rows));
    Ok(())
}

fn run_show(args: &ShowArgs, messages: &output::Messages) -> Result<()> {
    let target = open_for_reading(&args.location, messages)?;
    let article = show::find(&target, &args.id)?;
    output::print_article(&article, args.format)
}

fn run_stats(args: &StatsArgs, messages: &output::Messages) -> Result<()> {
    let target = open_for_reading(&args.location, messages)?;
    let stats = show::stats(&target)?;
    output::print_stats(&stats, args.format)
}
