//! The command line's flags (clap), and how they become the engine's
//! types: one [`Request`] from the flags search, facets and export share.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use tracuu::{
    Accents, ExportField, FacetField, Filters, IndexOptions, MatchMode, QueryOptions, Request, Sort, Synonyms,
    YearRange,
};

/// Declares a clap value enum mirroring an engine enum (the engine does not
/// depend on clap), with the conversion into it.
macro_rules! choice {
    ($(#[$meta:meta])* $name:ident => $engine:ty { $($(#[$vmeta:meta])* $variant:ident => $target:expr),* $(,)? }) => {
        $(#[$meta])*
        #[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name { $($(#[$vmeta])* $variant),* }

        impl From<$name> for $engine {
            fn from(value: $name) -> $engine {
                match value { $($name::$variant => $target),* }
            }
        }
    };
}

const ABOUT: &str = "Full-text search for Vietnamese political news.\n\n\
Accentless queries find every accent variant (\"thanh hoa\" finds Thanh Hóa and Thanh Hoá);\n\
queries with accents rank exact matches first.";

const INDEX_HELP: &str = "Examples:\n  tracuu index corpus/\n  tracuu index --index ~/tin-tuc articles.jsonl.gz more/";

const EXPORT_HELP: &str = "Examples:\n  tracuu export --format csv --excel -o hoi-nghi.csv hội nghị --province \"thanh hoa\"\n  tracuu export --format jsonl --sort -date --fields id,date,title,body 'UBND tỉnh' | jq .title";

const FACETS_ABOUT: &str = "Count articles by province, year or official, for drill-down browsing.\n\n\
The table lists, per facet, the most frequent values with the number of matching articles \
(--top of them; ties in alphabetical order), how many distinct values there are, and the articles \
with no value. --format json gives the same as one object: {version, query, total, facets: \
{FIELD: {values: [{value, count}], distinct, unknown}}, notes}.";

const STATS_ABOUT: &str = "Describe the index: documents, size, date range, facet counts, schema version.\n\n\
The table gives one fact a line: the index folder, articles (and syndicated copies), size on disk \
and segments, the first and last publication dates, distinct values of each facet (as facets \
counts them) and the schema version. --format json gives the same as one object (docs/json.md).";

const FACETS_HELP: &str = "Examples:\n  tracuu facets\n  tracuu facets --field province --top 20 hội nghị\n  tracuu facets --field official --province \"thanh hoa\" --year 2022..2023";

const SEARCH_HELP: &str = "Query syntax: Vietnamese words (several syllables side by side) are ANDed;\n\
\"quoted phrase\", OR, AND, NOT, -exclude, +word, title:word, (grouping); NOT binds tightest, then AND, then OR.\n\
Accents typed are respected, accents omitted match every form (--accents). No query: every article the filters select.\n\n\
Examples:\n  tracuu search thanh hoa\n  tracuu search 'tham nhũng -\"Trung Quốc\"'\n  tracuu search 'bí thư (Nghệ An OR Hà Tĩnh)' --format json\n  tracuu search --province \"nghe an\" --year 2017\n  tracuu search 'Chỉ thị 19' --limit 20";

const TIMELINE_ABOUT: &str =
    "Attention over time: matching articles per period, beside all the articles of the same filters.\n\n\
Each row is a period (from the first with a match to the last; periods without one show 0): the articles matching, \
the articles in scope (the same filters without the query) and the share. A date counts only in periods at least as \
long as it is precise (a date known to the month is in its month, never in a week or a day): such articles are \
counted apart, as are undated ones. A period's count is what `search` totals with --date-from/--date-to on it.";

const TIMELINE_HELP: &str = "Examples:\n  tracuu timeline tham nhũng --by year\n  tracuu timeline 'hội nghị' --compare 'đại hội' --by quarter --svg hoi-nghi.svg\n  tracuu timeline covid --split province --top 5 --format csv > covid.csv";

const TERMS_ABOUT: &str = "Distinctive words: the Vietnamese words (of 1 to 4 syllables, as the query segmenter knows \
them) that set the matching articles apart from the background: every article of the index, or the articles of \
--against (with the same filters). Stop words (index-schema/stopwords.txt) and the query's own words are left out.\n\n\
Each row: the word, the articles among the hits holding it, the background articles holding it, and the score \
(log-likelihood G² by default; jlh and percentage as Elasticsearch's significant_terms). Up to 20000 hits are \
counted; past that, a seeded random sample of 20000, and stderr says so. The background's counts are made once per \
index segment and kept in the index folder (tracuu-words/). --field ranks a facet's values the same way (who is \
distinctively named with this topic).";

const TERMS_HELP: &str = "Examples:\n  tracuu terms tham nhũng\n  tracuu terms 'biển Đông' --field official --top 10\n  tracuu terms covid --against 'dịch bệnh' --score jlh --format csv";

const SERVE_ABOUT: &str = "A local web page on the index: search with the query language, facets that count as \
you click, attention over time, distinctive words, a concordance, articles with their metadata, and export of \
the whole hit set; every view is a URL. A JSON API under /api/ answers the same (README). Read-only; binds \
127.0.0.1 unless --host says otherwise (then anyone on the network can read the index).";

const SERVE_HELP: &str = "Examples:\n  tracuu serve --open\n  tracuu serve --index ~/tin-tuc --port 9000";

const KWIC_ABOUT: &str =
    "A concordance (keyword in context): every occurrence, in every matching article, of what the \
query matched (by the same rules as matching: an accentless query finds every accent form, shown as written), with \
--width characters of context each side, then the article's id, date, province, source and headline.\n\n\
In the hit list's order (--sort hits) lines stream with constant memory. Sorted by the words left of the match \
(L1, L2, L3), right of it (R1, R2, R3), in Vietnamese alphabetical order (a, ă, â, …, d, đ), or by date, at most \
--limit lines are kept (10000 by default) and stderr says when some were left out.";

const KWIC_HELP: &str = "Examples:\n  tracuu kwic 'bí thư' --sort right --limit 50\n  tracuu kwic tham nhung --format csv > tham-nhung.csv\n  tracuu kwic '\"phòng, chống\"' --province 'ha noi' --width 60";

/// The whole command line.
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

/// The commands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Add articles (.txt, .jsonl, .jsonl.gz files or folders of them) to the index.
    #[command(after_help = INDEX_HELP)]
    Index(IndexArgs),
    /// Search the index.
    #[command(after_help = SEARCH_HELP)]
    Search(SearchArgs),
    /// Count articles by province, year or official, for drill-down browsing.
    #[command(after_help = FACETS_HELP, long_about = FACETS_ABOUT)]
    Facets(FacetsArgs),
    /// Write every matching article (not just a page) as CSV, JSON Lines or JSON.
    #[command(after_help = EXPORT_HELP)]
    Export(ExportArgs),
    /// Attention over time: matching articles per year, quarter, month, week or day.
    #[command(after_help = TIMELINE_HELP, long_about = TIMELINE_ABOUT)]
    Timeline(TimelineArgs),
    /// Distinctive words: what sets the matching articles apart from all the others.
    #[command(after_help = TERMS_HELP, long_about = TERMS_ABOUT)]
    Terms(TermsArgs),
    /// A concordance: every occurrence of what the query matched, with its context.
    #[command(after_help = KWIC_HELP, long_about = KWIC_ABOUT)]
    Kwic(KwicArgs),
    /// A local web page: search, facets, charts, distinctive words, concordance, articles, export.
    #[command(after_help = SERVE_HELP, long_about = SERVE_ABOUT)]
    Serve(ServeArgs),
    /// Show one article, cleaned, with its metadata.
    #[command(
        after_help = "Examples:\n  tracuu show 001_304570ebb02cd033\n  tracuu show --format json vietnews/train/000051"
    )]
    Show(ShowArgs),
    /// Describe the index: documents, size, date range, facet counts, schema version.
    #[command(after_help = "Example:\n  tracuu stats --index ~/tin-tuc", long_about = STATS_ABOUT)]
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
    pub format: ExportFormatArg,
    /// Write to FILE instead of standard output ("-": standard output).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite FILE if it is a file that exists (a symbolic link's target is replaced, the link kept).
    #[arg(long)]
    pub force: bool,
    /// Columns, comma-separated, from: rank, id, score, tier, date, date_precision, date_source, year, province,
    /// province_2025, officials, title, source, categories, url, snippet, highlights, body, duplicates
    /// [default: rank,id,score,date,date_source,year,province,province_2025,officials,title,source,url,snippet].
    #[arg(long, value_delimiter = ',', value_name = "FIELDS", value_parser = parse_export_field)]
    pub fields: Vec<ExportField>,
    /// Order of the rows.
    #[arg(long, value_enum, default_value_t = SortArg::Score, allow_hyphen_values = true)]
    pub sort: SortArg,
    /// Start CSV with a byte-order mark so Excel shows Vietnamese correctly.
    #[arg(long)]
    pub excel: bool,
    #[command(flatten)]
    pub request: RequestArgs,
}

#[derive(Args, Debug)]
pub struct TimelineArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// Length of the periods.
    #[arg(long, value_enum, default_value_t = IntervalArg::Month)]
    pub by: IntervalArg,
    /// Another query, counted beside the first as a series of its own (repeatable).
    #[arg(long, value_name = "QUERY", allow_hyphen_values = true)]
    pub compare: Vec<String>,
    /// One series per value of this field (the values matched most).
    #[arg(long, value_enum, value_name = "FIELD", conflicts_with = "compare")]
    pub split: Option<FacetArg>,
    /// How many values --split shows.
    #[arg(long, default_value_t = tracuu::timeline::DEFAULT_SPLIT_TOP, requires = "split")]
    pub top: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TimelineFormat::Table)]
    pub format: TimelineFormat,
    /// Also write the chart as a standalone SVG file.
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
    /// Chart the share of articles in scope instead of counts (--svg).
    #[arg(long)]
    pub share: bool,
    /// When to colour the bars (auto: only on a terminal and without NO_COLOR).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(flatten)]
    pub request: RequestArgs,
}

choice! {
    /// Periods of a timeline.
    IntervalArg => tracuu::Interval {
        /// Calendar years.
        Year => tracuu::Interval::Year,
        /// Calendar quarters.
        Quarter => tracuu::Interval::Quarter,
        /// Calendar months.
        Month => tracuu::Interval::Month,
        /// ISO weeks (Monday to Sunday).
        Week => tracuu::Interval::Week,
        /// Days.
        Day => tracuu::Interval::Day,
    }
}

/// Output of `timeline`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimelineFormat {
    /// A row per period: matching, in scope, share, and a bar (one series) or a column per series.
    Table,
    /// One JSON object: periods and, per series, counts parallel to them (docs/json.md).
    Json,
    /// One row per period and series: period, from, to, series, matching, scope, share.
    Csv,
}

#[derive(Args, Debug)]
pub struct TermsArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// Rows to show.
    #[arg(long, default_value_t = 25)]
    pub top: usize,
    /// Only words in at least N of the hits.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub min_docs: u32,
    /// Compare against the articles of this query (same filters) instead of the whole index.
    #[arg(long, value_name = "QUERY", allow_hyphen_values = true)]
    pub against: Option<String>,
    /// How distinctiveness is scored.
    #[arg(long, value_enum, default_value_t = TermScoreArg::G2)]
    pub score: TermScoreArg,
    /// Rank this facet's values instead of words (official, province, source…).
    #[arg(long, value_enum, value_name = "FIELD")]
    pub field: Option<FacetArg>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TermsFormat::Table)]
    pub format: TermsFormat,
    #[command(flatten)]
    pub request: RequestArgs,
}

choice! {
    /// Scores of distinctiveness.
    TermScoreArg => tracuu::TermScore {
        /// Log-likelihood ratio (Dunning's G²) against the rest of the background.
        G2 => tracuu::TermScore::G2,
        /// Elasticsearch's JLH: (fg% − bg%) × fg% / bg%.
        Jlh => tracuu::TermScore::Jlh,
        /// Hits holding the word / background articles holding it.
        Percentage => tracuu::TermScore::Percentage,
    }
}

/// Output of `terms`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TermsFormat {
    /// One row a word: word, hits, background, score.
    Table,
    /// One JSON object with the counts behind the rows (docs/json.md).
    Json,
    /// term, hits, background, score.
    Csv,
}

#[derive(Args, Debug)]
pub struct KwicArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// Characters of context on each side.
    #[arg(long, default_value_t = 40)]
    pub width: usize,
    /// Order of the lines: hits (the hit list's, streaming), left, right or date.
    #[arg(long, value_enum, default_value_t = KwicSortArg::Hits)]
    pub sort: KwicSortArg,
    /// At most N lines [default: all in hit order, 10000 sorted].
    #[arg(long, short = 'n', value_name = "N")]
    pub limit: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = KwicFormat::Table)]
    pub format: KwicFormat,
    /// When to colour the match (auto: only on a terminal and without NO_COLOR).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(flatten)]
    pub request: RequestArgs,
}

choice! {
    /// Order of a concordance.
    KwicSortArg => tracuu::KwicSort {
        /// The hit list's order, occurrences in text order.
        Hits => tracuu::KwicSort::Hits,
        /// By the words left of the match, nearest first.
        Left => tracuu::KwicSort::Left,
        /// By the words right of the match.
        Right => tracuu::KwicSort::Right,
        /// By date, oldest first.
        Date => tracuu::KwicSort::Date,
    }
}

/// Output of `kwic`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum KwicFormat {
    /// Aligned on the match: left context, the match, right context, id and date.
    Table,
    /// left, match, right, id, date, province, source, title, offset.
    Csv,
    /// One JSON object a line, with the same fields.
    Jsonl,
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// Address to listen on (another than 127.0.0.1 lets anyone on the network read the index).
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// Port to listen on (0: any free port, printed on stdout).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Open the page in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Also answer requests for this host name (a name the computer is reached by; repeatable).
    #[arg(long, value_name = "HOST")]
    pub allow_host: Vec<String>,
    /// Seconds a request may take before it is answered with an error.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    pub timeout: f64,
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
    #[arg(long, value_enum, default_value_t = StatsFormat::Table)]
    pub format: StatsFormat,
}

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

choice! {
    /// How accents typed in the query are matched.
    AccentsArg => Accents {
        /// Per syllable: with accents, only that form; without, every form;
        /// an accented query that finds nothing falls back to every form (and says so).
        Smart => Accents::Smart,
        /// Every syllable matches every accent form.
        Fold => Accents::Fold,
        /// As smart, without the fallback.
        Exact => Accents::Exact,
    }
}

choice! {
    /// How the words of the query are matched.
    MatchArg => MatchMode {
        /// A Vietnamese word of several syllables matches its syllables side by side.
        Words => MatchMode::Words,
        /// Every syllable anywhere in the article (loose).
        #[value(name = "any-order")]
        AnyOrder => MatchMode::AnyOrder,
    }
}

choice! {
    /// Order of a hit list.
    SortArg => Sort {
        /// Most relevant first (newest first when there are no words to rank by).
        Score => Sort::Score,
        /// Oldest first (undated articles last).
        Date => Sort::Date,
        /// Newest first (undated articles last).
        #[value(name = "-date")]
        DateDesc => Sort::DateDesc,
    }
}

choice! {
    /// Where an article's date comes from.
    DateSourceArg => tracuu::extract::DateSource {
        /// The input gave it (a JSONL date field, a page header).
        Given => tracuu::extract::DateSource::Given,
        /// Read from the article's dateline or lead.
        Text => tracuu::extract::DateSource::Text,
    }
}

choice! {
    /// Export formats.
    ExportFormatArg => tracuu::ExportFormat {
        /// Comma-separated values, UTF-8, one header row.
        Csv => tracuu::ExportFormat::Csv,
        /// One JSON object a line.
        Jsonl => tracuu::ExportFormat::Jsonl,
        /// One JSON array.
        Json => tracuu::ExportFormat::Json,
    }
}

choice! {
    /// Facets to count.
    FacetArg => FacetField {
        /// The province, as named at the time.
        Province => FacetField::Province,
        /// The province as merged in 2025.
        #[value(name = "province_2025", alias = "province-2025")]
        Province2025 => FacetField::Province2025,
        /// The year of publication.
        Year => FacetField::Year,
        /// The officials named.
        #[value(alias = "officials")]
        Official => FacetField::Official,
        /// Office holders of other countries named.
        #[value(name = "foreign_official", alias = "foreign-official")]
        ForeignOfficial => FacetField::ForeignOfficial,
        /// The publisher.
        Source => FacetField::Source,
        /// Categories the input gave.
        #[value(alias = "categories")]
        Category => FacetField::Category,
    }
}

/// Output of `search`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Ranked list for people: rank, id, title, metadata, snippet.
    Table,
    /// One JSON object with the query, the total and the hits (docs/json.md).
    Json,
}

/// Output of `facets`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FacetsFormat {
    /// Per facet, its values with their article counts, most frequent first.
    Table,
    /// One JSON object: the total and, per facet, values, distinct and unknown (docs/json.md).
    Json,
}

/// Output of `stats`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatsFormat {
    /// One fact a line: documents, size, dates, distinct values per facet, schema.
    Table,
    /// One JSON object with the same facts (docs/json.md).
    Json,
}

/// Output of `show`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShowFormat {
    /// Headline, metadata, copies, then the cleaned text.
    Text,
    /// One JSON object with every stored field (docs/json.md).
    Json,
}

/// When to colour highlights.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl ColorChoice {
    /// Auto means: stdout is a terminal and NO_COLOR is unset or empty.
    pub fn enabled(self) -> bool {
        use std::io::IsTerminal;
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

/// An export column, spaces around it allowed (`--fields 'id, title'`).
fn parse_export_field(text: &str) -> Result<ExportField, String> {
    text.parse()
}

/// How a query is read, shared by search, facets and export.
#[derive(Args, Debug)]
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
            accents: self.accents.into(),
            matching: self.matching.into(),
        }
    }
}

/// Extra abbreviations for query expansion.
#[derive(Args, Debug)]
pub struct SynonymsArg {
    /// Add your own abbreviations: one group a line, forms separated by " | " (as index-schema/synonyms.tsv).
    #[arg(long, value_name = "FILE")]
    pub synonyms: Option<PathBuf>,
}

impl SynonymsArg {
    fn load(&self) -> tracuu::Result<Option<std::sync::Arc<Synonyms>>> {
        self.synonyms
            .as_ref()
            .map(|path| Synonyms::with_file(path).map(std::sync::Arc::new))
            .transpose()
    }
}

/// What search, facets and export share: the query, and the flags that
/// narrow and read it.
#[derive(Args, Debug)]
pub struct RequestArgs {
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

impl RequestArgs {
    /// The query as one string.
    pub fn query(&self) -> String {
        self.query.join(" ")
    }

    /// The engine's request for these flags, in `sort` order.
    pub fn request(&self, sort: SortArg) -> tracuu::Result<Request> {
        Ok(Request {
            query: self.query(),
            options: self.reading.options(),
            filters: self.filters.filters(),
            synonyms: self.synonyms.load()?,
            sort: sort.into(),
            ..Request::default()
        })
    }
}

/// A day as users type it.
fn parse_day(text: &str) -> Result<tracuu::Date, String> {
    tracuu::parse_day(text).map_err(|e| e.to_string())
}

/// Metadata filters shared by `search`, `facets` and `export`.
#[derive(Args, Debug)]
pub struct FilterArgs {
    /// Only articles about this province, as named at the time (accents, case and "tỉnh" optional; TP.HCM,
    /// Sài Gòn, Huế… understood; "none": articles about no province; repeat for OR).
    #[arg(long, value_name = "NAME")]
    pub province: Vec<String>,
    /// Only articles about this province as merged in 2025 (repeatable).
    #[arg(long = "province-2025", value_name = "NAME")]
    pub province_2025: Vec<String>,
    /// Only articles of this year or range of years: 2023, 2021..2023 (repeatable).
    #[arg(long, value_name = "YEAR[..YEAR]")]
    pub year: Vec<YearRange>,
    /// Only articles naming this official (full name, accents optional; "none": naming none; repeatable).
    #[arg(long, value_name = "NAME")]
    pub official: Vec<String>,
    /// Only articles from this source: an outlet's name or domain, accents and case optional
    /// ("nguoi lao dong", nld.com.vn; repeatable).
    #[arg(long, value_name = "NAME")]
    pub source: Vec<String>,
    /// Only articles of this category the input gave ("none": without one; repeatable).
    #[arg(long, value_name = "NAME")]
    pub category: Vec<String>,
    /// Only articles whose date is given by the input, or read from their text.
    #[arg(long, value_enum, value_name = "SOURCE")]
    pub date_source: Option<DateSourceArg>,
    /// Only articles dated on or after this day (2023-12-28 or 28/12/2023).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub date_from: Option<tracuu::Date>,
    /// Only articles dated on or before this day.
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub date_to: Option<tracuu::Date>,
}

impl FilterArgs {
    pub fn filters(&self) -> Filters {
        Filters {
            provinces: self.province.clone(),
            provinces_2025: self.province_2025.clone(),
            years: self.year.clone(),
            officials: self.official.clone(),
            date_from: self.date_from,
            date_to: self.date_to,
            sources: self.source.clone(),
            categories: self.category.clone(),
            date_source: self.date_source.map(Into::into),
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
    /// Dates read from a text before this year are history, not the article's: refused.
    #[arg(long, value_name = "YEAR", default_value_t = IndexOptions::default().earliest_year)]
    pub earliest_year: i32,
    /// The day of indexing, after which no article is dated [default: today].
    #[arg(long, value_name = "DATE", env = "TRACUU_TODAY", value_parser = parse_day)]
    pub today: Option<tracuu::Date>,
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
    #[arg(long, value_enum, default_value_t = SortArg::Score, allow_hyphen_values = true)]
    pub sort: SortArg,
    /// When to colour highlights (auto: only on a terminal and without NO_COLOR).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(flatten)]
    pub request: RequestArgs,
}

#[derive(Args, Debug)]
pub struct FacetsArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// Facets to count (repeatable; each is counted once) [default: all].
    #[arg(long, value_enum, value_name = "FIELD")]
    pub field: Vec<FacetArg>,
    /// Values shown per facet, most frequent first.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FacetsFormat::Table)]
    pub format: FacetsFormat,
    #[command(flatten)]
    pub request: RequestArgs,
}
