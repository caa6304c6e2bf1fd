//! Creating, opening and filling a tracuu index.

use crate::analysis;
use crate::cancel::CancelToken;
use crate::copies::CopyMap;
use crate::directory::TracuuDirectory;
use crate::error::{Error, Result};
use crate::extract::{self, Metadata, RawArticle};
use crate::ingest::{self, Article, Problem};
use crate::schema::{self, Fields};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tantivy::collector::TopDocs;
use tantivy::directory::Directory;
use tantivy::query::TermQuery;
use tantivy::schema::{Facet, IndexRecordOption, Value};
use tantivy::time::{PrimitiveDateTime, Time};
use tantivy::{DateTime, Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term};

/// An open tracuu index with its field handles.
pub struct TracuuIndex {
    pub(crate) index: Index,
    pub(crate) fields: Fields,
    dir: PathBuf,
    /// The reader of the last commit seen, and that commit's `meta.json`.
    reader: Mutex<Option<(Vec<u8>, IndexReader)>>,
    /// The copies' originals in the last snapshot that needed them, and
    /// that snapshot's segments (id, deleted documents).
    copy_map: Mutex<Option<(Snapshot, Arc<CopyMap>)>>,
}

/// What tells one snapshot of the index from another: its segments and
/// their deleted documents.
type Snapshot = Vec<(tantivy::index::SegmentId, u32)>;

impl TracuuIndex {
    /// Opens an existing index, refusing one built with another schema version.
    pub fn open(dir: &Path) -> Result<TracuuIndex> {
        if !dir.join("meta.json").exists() {
            return Err(Error::NoIndex { dir: dir.to_path_buf() });
        }
        schema::check_marker(dir)?;
        let damaged = |detail: String| Error::Damaged {
            dir: dir.to_path_buf(),
            detail,
        };
        let directory = TracuuDirectory::open(dir).map_err(|e| damaged(e.to_string()))?;
        let index = Index::open(directory).map_err(|e| damaged(e.to_string()))?;
        Self::wrap(index, dir)
    }

    /// Whether `dir` holds an index (of any version).
    pub fn exists(dir: &Path) -> bool {
        dir.join("meta.json").exists()
    }

    /// The index folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Adds the articles of files and folders (`.txt`, `.jsonl`,
    /// `.jsonl.gz`): see [`index_paths`].
    pub fn add_paths(
        &self,
        paths: &[PathBuf],
        options: &IndexOptions,
        observer: &mut dyn IndexObserver,
    ) -> Result<IndexReport> {
        index_paths(self, paths, options, observer)
    }

    /// Adds the five sample articles compiled into tracuu.
    pub fn add_bundled(&self, options: &IndexOptions, observer: &mut dyn IndexObserver) -> Result<IndexReport> {
        index_bundled(self, options, observer)
    }

    /// A page of hits for `request`, and how many articles match: see [`crate::search::search`].
    pub fn search(&self, request: &crate::Request) -> Result<crate::SearchResults> {
        crate::search::search(self, request)
    }

    /// Facet counts over the articles matching `request`: see [`crate::facets::count`].
    pub fn facets(
        &self,
        request: &crate::Request,
        fields: &[crate::FacetField],
        top: usize,
    ) -> Result<crate::FacetReport> {
        crate::facets::count(self, request, fields, top)
    }

    /// Every article matching `request`, written to `out`: see [`crate::export::export`].
    pub fn export(
        &self,
        request: &crate::Request,
        options: &crate::ExportOptions,
        out: &mut dyn std::io::Write,
        observer: &mut dyn crate::export::ExportObserver,
    ) -> Result<crate::ExportReport> {
        crate::export::export(self, request, options, out, observer)
    }

    /// Matching articles per period: see [`crate::timeline::timeline`].
    pub fn timeline(&self, request: &crate::Request, options: &crate::TimelineOptions) -> Result<crate::Timeline> {
        crate::timeline::timeline(self, request, options)
    }

    /// Every occurrence of what `request` matched, in context: see [`crate::kwic::kwic`].
    pub fn kwic(
        &self,
        request: &crate::Request,
        options: &crate::KwicOptions,
        each: &mut dyn FnMut(&crate::KwicLine) -> Result<()>,
    ) -> Result<crate::KwicReport> {
        crate::kwic::kwic(self, request, options, each)
    }

    /// The words most distinctive of the articles matching `request`: see [`crate::terms::terms`].
    pub fn terms(&self, request: &crate::Request, options: &crate::TermsOptions) -> Result<crate::Terms> {
        crate::terms::terms(self, request, options)
    }

    /// The article with this id: see [`crate::show::article`].
    pub fn article(&self, id: &str) -> Result<crate::Article> {
        crate::show::article(self, id)
    }

    /// Counts, dates and size of the index: see [`crate::show::stats`].
    pub fn stats(&self) -> Result<crate::IndexStats> {
        crate::show::stats(self)
    }

    /// Opens the index at `dir`, creating an empty one if there is none.
    pub fn open_or_create(dir: &Path) -> Result<TracuuIndex> {
        if dir.join("meta.json").exists() {
            return Self::open(dir);
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::io("cannot create", dir, e))?;
        let directory = TracuuDirectory::open(dir)
            .map_err(|e| Error::io("cannot open", dir, std::io::Error::other(e.to_string())))?;
        let index = Index::create(directory, schema::build(&schema::spec()), Default::default())?;
        schema::write_marker(dir, false)?;
        Self::wrap(index, dir)
    }

    fn wrap(index: Index, dir: &Path) -> Result<TracuuIndex> {
        analysis::register(index.tokenizers());
        let fields = Fields::resolve(&index.schema()).map_err(|detail| Error::Damaged {
            dir: dir.to_path_buf(),
            detail,
        })?;
        Ok(TracuuIndex {
            index,
            fields,
            dir: dir.to_path_buf(),
            reader: Mutex::new(None),
            copy_map: Mutex::new(None),
        })
    }

    /// Each syndicated copy's original in `searcher`'s snapshot (read once
    /// per snapshot).
    pub(crate) fn copy_map(&self, searcher: &Searcher) -> tantivy::Result<Arc<CopyMap>> {
        let snapshot: Snapshot = searcher
            .segment_readers()
            .iter()
            .map(|r| (r.segment_id(), r.num_deleted_docs()))
            .collect();
        let mut cached = self.copy_map.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((seen, map)) = cached.as_ref() {
            if *seen == snapshot {
                return Ok(Arc::clone(map));
            }
        }
        let map = Arc::new(CopyMap::build(searcher, &self.fields)?);
        *cached = Some((snapshot, Arc::clone(&map)));
        Ok(map)
    }

    /// The index as last committed. Opening a reader reads every segment's
    /// headers (a third of a millisecond on six segments), so one is kept
    /// while `meta.json`, which every commit rewrites, stays the same.
    pub fn searcher(&self) -> Result<Searcher> {
        let damaged = |detail: String| Error::Damaged {
            dir: self.dir.clone(),
            detail,
        };
        let meta = self
            .index
            .directory()
            .atomic_read(Path::new("meta.json"))
            .map_err(|e| damaged(e.to_string()))?;
        let mut cached = self.reader.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((seen, reader)) = cached.as_ref() {
            if *seen == meta {
                return Ok(reader.searcher());
            }
        }
        let reader: IndexReader = self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e: tantivy::TantivyError| damaged(e.to_string()))?;
        let searcher = reader.searcher();
        *cached = Some((meta, reader));
        Ok(searcher)
    }

    /// A writer, with a clear message when another process holds the lock.
    pub(crate) fn writer(&self, options: &IndexOptions) -> Result<IndexWriter> {
        let result = match options.threads {
            Some(threads) => self.index.writer_with_num_threads(threads, options.memory_bytes()),
            None => self.index.writer(options.memory_bytes()),
        };
        result.map_err(|err| match err {
            tantivy::TantivyError::LockFailure(..) => Error::Locked { dir: self.dir.clone() },
            other => Error::Index(other),
        })
    }

    /// The tantivy document for an article and its extracted metadata: the
    /// headline and text folded and exact, the headline alone folded.
    pub(crate) fn document(&self, article: &Article, meta: &Metadata) -> TantivyDocument {
        let f = &self.fields;
        // Sized for what is added below (the texts and a little more), so
        // the document's buffer is not grown and copied again and again.
        let raw = if article.title.is_none() || meta.body != article.text.trim() {
            Some(article.text.as_str())
        } else {
            None
        };
        let texts = 3 * meta.title.len() + 3 * meta.body.len() + raw.map_or(0, str::len);
        let mut doc = TantivyDocument::with_capacity(texts + 512);
        doc.add_text(f.id, &article.id);
        doc.add_text(f.title, &meta.title);
        // The headline first, then the text: queries intersect one posting
        // list per word. tantivy starts the second value after the first's
        // last token, which takes up `analysis::TEXT_END_GAP` positions: no
        // phrase or proximity match runs from the headline into the text.
        doc.add_text(f.body, &meta.title);
        doc.add_text(f.body, &meta.body);
        // The tokenizer replays both texts' analyses for the common words.
        doc.add_text(f.words, &meta.title);
        doc.add_text(f.words, &meta.body);
        doc.add_bytes(f.text, meta.body.as_bytes());
        if let Some(raw) = raw {
            doc.add_text(f.raw, raw);
        }
        if let Some(date) = meta.date {
            doc.add_date(
                f.date,
                DateTime::from_primitive(PrimitiveDateTime::new(date.date, Time::MIDNIGHT)),
            );
            doc.add_text(f.date_precision, date.precision.name());
            doc.add_text(f.date_source, date.source.name());
            doc.add_facet(f.year, Facet::from_path([date.date.year().to_string()]));
        }
        for (field, value) in [(f.province, &meta.province), (f.province_2025, &meta.province_2025)] {
            if let Some(value) = value {
                doc.add_facet(field, Facet::from_path([value]));
            }
        }
        for official in &meta.officials {
            doc.add_facet(f.official, Facet::from_path([&official.name]));
            doc.add_text(f.official_role, &official.role);
        }
        for official in &meta.foreign_officials {
            doc.add_facet(f.foreign_official, Facet::from_path([&official.name]));
            let country = official.country.as_deref().unwrap_or("");
            doc.add_text(f.foreign_official_role, format!("{}\t{country}", official.role));
        }
        if let Some(source) = &article.source {
            doc.add_facet(f.source, Facet::from_path([source]));
            doc.add_text(f.source_text, source);
        }
        for category in &article.categories {
            doc.add_facet(f.category, Facet::from_path([category]));
        }
        if let Some(url) = &article.url {
            doc.add_text(f.url, url);
        }
        doc.add_text(f.path, &article.origin);
        doc
    }
}

/// An article ready for the index: cleaned, with its metadata and the hash
/// of its normalised text.
pub(crate) struct Prepared {
    pub article: Article,
    pub meta: Metadata,
    pub content_hash: u64,
    /// XXH3 of the headline and text as indexed (see [`text_hash`]).
    pub text_hash: u64,
    /// CPU time cleaning and extraction took (hashing aside).
    pub extraction_nanos: u64,
}

/// Cleaning, metadata extraction and hashing of one article (run on the
/// rayon pool).
pub(crate) fn prepare(article: Article, window: &extract::DateWindow) -> Prepared {
    let started = thread_cpu_nanos();
    let meta = extract::extract(&RawArticle {
        title: article.title.as_deref(),
        text: &article.text,
        date: article.date,
        province: article.province.as_deref(),
        window: *window,
    });
    let extraction_nanos = thread_cpu_nanos().saturating_sub(started);
    let content_hash = meta.content_hash;
    let text_hash = text_hash(&meta.title, &meta.body);
    Prepared {
        article,
        meta,
        content_hash,
        text_hash,
        extraction_nanos,
    }
}

/// XXH3 of a headline and text exactly as indexed: tells a byte-for-byte
/// copy from one that only shares the content hash.
pub(crate) fn text_hash(title: &str, body: &str) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(title.as_bytes());
    hasher.update(&[0]);
    hasher.update(body.as_bytes());
    hasher.digest()
}

/// Settings of one indexing run.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Memory budget of tantivy's writer, shared by its threads.
    pub memory_mb: usize,
    /// Writer threads; tantivy's default (one per core, at most 8) when unset.
    pub threads: Option<usize>,
    /// Commit after this many articles, so a crash loses at most that much.
    pub commit_every: usize,
    /// Index syndicated copies as articles of their own.
    pub keep_duplicates: bool,
    /// Merge all segments into one at the end (faster queries).
    pub optimize: bool,
    /// Stop at the first unreadable article and change nothing.
    pub strict: bool,
    /// Stops the run (what was read is committed).
    pub cancel: CancelToken,
    /// Dates read from a text before this year are history, not the
    /// article's: refused.
    pub earliest_year: i32,
    /// The day of indexing (no article is dated after it); today when `None`.
    pub today: Option<tantivy::time::Date>,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            memory_mb: 256,
            threads: None,
            commit_every: 50_000,
            keep_duplicates: false,
            optimize: false,
            strict: false,
            cancel: CancelToken::default(),
            earliest_year: extract::EARLIEST_YEAR,
            today: None,
        }
    }
}

impl IndexOptions {
    fn memory_bytes(&self) -> usize {
        self.memory_mb.max(16) * 1024 * 1024
    }

    /// The dates an article may have in this run.
    fn date_window(&self) -> extract::DateWindow {
        extract::DateWindow {
            earliest_year: self.earliest_year,
            latest: Some(
                self.today
                    .unwrap_or_else(|| tantivy::time::OffsetDateTime::now_utc().date()),
            ),
        }
    }
}

/// What an indexing run did.
#[derive(Debug, Default)]
pub struct IndexReport {
    /// Article files read.
    pub files: usize,
    /// Files in the folders given that are not articles (by their extension).
    pub ignored_files: usize,
    /// Articles new to the index.
    pub added: usize,
    /// Articles whose id was indexed with another text, replaced.
    pub replaced: usize,
    /// Already in the index with the same text: nothing to do.
    pub unchanged: usize,
    /// Syndicated copies, recorded as duplicates of an earlier article.
    pub duplicates: usize,
    /// Items that could not be read, by file and line.
    pub skipped: Vec<Problem>,
    /// Articles indexed despite a problem (an unreadable date).
    pub warnings: Vec<Problem>,
    /// Keys of the input records that tracuu does not read, with how many
    /// records had each.
    pub ignored_fields: std::collections::BTreeMap<String, usize>,
    /// Bytes of text read (after decompression).
    pub bytes: u64,
    /// Commits made (each one searchable).
    pub commits: usize,
    /// CPU time spent cleaning and extracting metadata, summed over threads.
    pub extraction: Duration,
    /// Stopped early by the options' cancel token; what was read is committed.
    pub interrupted: bool,
    /// Wall-clock time of the run.
    pub elapsed: Duration,
}

impl IndexReport {
    /// Articles taken in so far (the figure progress shows).
    pub fn articles(&self) -> usize {
        self.added + self.replaced + self.unchanged + self.duplicates
    }
}

/// Indexed in `duplicate_of` of every syndicated copy, beside the original's
/// id, so one term finds (and hides) them all. No id is a NUL byte.
pub(crate) const COPY_MARKER: &str = "\u{0}";

/// Also in `duplicate_of` of a copy whose text is not byte for byte its
/// original's (other accents, case, spacing): it may match a query its
/// original does not, so searches look at these copies (see `copies`).
pub(crate) const VARIANT_MARKER: &str = "\u{1}";

/// Batches read ahead of indexing: bounds memory however large the corpus.
const READ_AHEAD: usize = 4;

/// What an indexing run tells as it goes, for messages and progress; every
/// method does nothing unless implemented (`&mut ()` observes nothing).
pub trait IndexObserver {
    /// An item was skipped (it is also counted in the report).
    fn skipped(&mut self, _problem: &Problem) {}
    /// An article was indexed despite a problem (an unreadable date).
    fn warning(&mut self, _problem: &Problem) {}
    /// A batch was taken in: the report so far.
    fn progress(&mut self, _report: &IndexReport) {}
}

impl IndexObserver for () {}

/// Reads every article under `paths` into the index: new ones are added,
/// changed ones (same id) replace the old copy, unchanged ones are left,
/// and syndicated copies of an indexed article are recorded as its
/// duplicates. Reading and decompressing run on a thread of their own,
/// cleaning and extraction on the rayon pool, analysis in tantivy's writer
/// threads.
///
/// Unreadable items are skipped, counted in the report and told to the
/// observer; with `options.strict` the first one ends the run with
/// [`Error::BadInput`] and nothing changed. A cancelled run commits what it
/// read and returns its report with `interrupted` set.
pub fn index_paths(
    target: &TracuuIndex,
    paths: &[PathBuf],
    options: &IndexOptions,
    observer: &mut dyn IndexObserver,
) -> Result<IndexReport> {
    let list = ingest::list_files(paths)?;
    let mut report = IndexReport {
        files: list.files.len(),
        ignored_files: list.ignored.len(),
        ..IndexReport::default()
    };
    for problem in &list.problems {
        observer.skipped(problem);
        report.skipped.push(problem.clone());
        if options.strict {
            return Err(Error::BadInput(problem.clone()));
        }
    }
    // From now on the index holds the user's articles: never rebuilt unasked.
    schema::write_marker(&target.dir, false)?;
    let files = list.files;
    run(target, report, options, observer, move |sender| {
        read_all(&files, sender)
    })
}

/// Why [`open_default`] indexed the bundled corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BundledBuild {
    /// There was no index yet.
    Created,
    /// The index held only the bundled corpus, built by an older tracuu.
    Rebuilt,
}

/// Opens the index a front end uses when none is named: built from the
/// bundled corpus the first time, and rebuilt after a schema change while
/// it holds nothing else (an index with the user's articles is never
/// removed; it fails with [`Error::SchemaMismatch`] instead). Says whether
/// it built, and how that went.
pub fn open_default(
    dir: &Path,
    observer: &mut dyn IndexObserver,
) -> Result<(TracuuIndex, Option<(BundledBuild, IndexReport)>)> {
    let why = if !TracuuIndex::exists(dir) {
        BundledBuild::Created
    } else if schema::is_outdated_bundled_index(dir) {
        std::fs::remove_dir_all(dir).map_err(|e| Error::io("cannot remove", dir, e))?;
        BundledBuild::Rebuilt
    } else {
        return Ok((TracuuIndex::open(dir)?, None));
    };
    let target = TracuuIndex::open_or_create(dir)?;
    let report = index_bundled(&target, &IndexOptions::default(), observer)?;
    schema::write_marker(dir, true)?;
    Ok((target, Some((why, report))))
}

/// Indexes the five sample articles compiled into tracuu (what a new user
/// searches before indexing their own).
pub fn index_bundled(
    target: &TracuuIndex,
    options: &IndexOptions,
    observer: &mut dyn IndexObserver,
) -> Result<IndexReport> {
    let report = IndexReport {
        files: crate::bundled::ARTICLES.len(),
        ..IndexReport::default()
    };
    run(target, report, options, observer, |sender| {
        let batch = crate::bundled::batch();
        let _ = sender.send(ReadEvent::Batch(batch));
    })
}

/// One indexing run over what `read` sends (on a thread of its own).
fn run(
    target: &TracuuIndex,
    mut report: IndexReport,
    options: &IndexOptions,
    observer: &mut dyn IndexObserver,
    read: impl FnOnce(&std::sync::mpsc::SyncSender<ReadEvent>) + Send + 'static,
) -> Result<IndexReport> {
    let started = Instant::now();
    let strict = |problem: &Problem| -> Result<()> {
        if options.strict {
            Err(Error::BadInput(problem.clone()))
        } else {
            Ok(())
        }
    };
    let window = options.date_window();
    let mut writer = target.writer(options)?;
    let mut state = RunState::new(target.searcher()?);
    let (sender, receiver) = std::sync::mpsc::sync_channel::<ReadEvent>(READ_AHEAD);
    let reader = std::thread::spawn(move || read(&sender));
    let mut since_commit = 0;
    for event in receiver {
        let batch = match event {
            ReadEvent::Batch(batch) => batch,
            ReadEvent::FileFailed(problem) => {
                observer.skipped(&problem);
                strict(&problem)?;
                report.skipped.push(problem);
                continue;
            }
        };
        report.bytes += batch.bytes;
        let prepared: Vec<_> = (batch.items.into_par_iter())
            .map(|item| item.map(|article| prepare(article, &window)))
            .collect();
        let extraction: u64 = prepared.iter().flatten().map(|p| p.extraction_nanos).sum();
        report.extraction += Duration::from_nanos(extraction);
        for item in prepared {
            match item {
                Ok(mut prepared) => {
                    if prepared.meta.given_date_refused {
                        let refused = Problem {
                            file: PathBuf::from(&prepared.article.origin),
                            line: None,
                            message: format!(
                                "article {}: the date given is before {} or after the day of indexing; dated from its text instead, if at all",
                                prepared.article.id, options.earliest_year
                            ),
                        };
                        prepared.article.warnings.push(refused);
                    }
                    for warning in &prepared.article.warnings {
                        observer.warning(warning);
                        strict(warning)?;
                        report.warnings.push(warning.clone());
                    }
                    for field in &prepared.article.ignored_fields {
                        *report.ignored_fields.entry(field.clone()).or_insert(0) += 1;
                    }
                    since_commit += state.add(target, &mut writer, prepared, options, &mut report)?;
                }
                Err(problem) => {
                    observer.skipped(&problem);
                    strict(&problem)?;
                    report.skipped.push(problem);
                }
            }
        }
        if !options.strict && since_commit >= options.commit_every {
            commit(&mut writer, &mut report)?;
            state.refresh(target)?;
            since_commit = 0;
        }
        observer.progress(&report);
        if options.cancel.is_cancelled() {
            report.interrupted = true;
            break;
        }
    }
    // Dropping the receiver (on interruption) makes the reader stop at its next send.
    if !report.interrupted && reader.join().is_err() {
        return Err(Error::Index(tantivy::TantivyError::InternalError(
            "the file reader thread crashed".into(),
        )));
    }
    commit(&mut writer, &mut report)?;
    if options.optimize && !report.interrupted {
        merge_all_segments(target, &mut writer)?;
    }
    writer.wait_merging_threads()?;
    report.elapsed = started.elapsed();
    Ok(report)
}

/// CPU time of the calling thread, so the extraction figure is not inflated
/// by time spent waiting for a core.
#[cfg(unix)]
fn thread_cpu_nanos() -> u64 {
    let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes into the timespec we own; the thread CPU
    // clock exists on every Unix tracuu supports.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    now.tv_sec as u64 * 1_000_000_000 + now.tv_nsec as u64
}

#[cfg(not(unix))]
fn thread_cpu_nanos() -> u64 {
    0
}

fn commit(writer: &mut IndexWriter, report: &mut IndexReport) -> Result<()> {
    writer.commit()?;
    report.commits += 1;
    Ok(())
}

/// Merges every segment into one, so queries read one set of files.
fn merge_all_segments(target: &TracuuIndex, writer: &mut IndexWriter) -> Result<()> {
    let segments = target.index.searchable_segment_ids()?;
    if segments.len() > 1 {
        writer.merge(&segments).wait()?;
    }
    Ok(())
}

pub(crate) enum ReadEvent {
    Batch(ingest::Batch),
    FileFailed(Problem),
}

/// Small files are sent together, so thousands of tiny articles do not
/// cost a channel message and a rayon fan-out each.
const SMALL_FILES_PER_BATCH: usize = 256;

/// The reading thread: every file in turn, batches sent as they are read.
/// Stops quietly when the indexing side hangs up (Ctrl-C, an error).
fn read_all(files: &[PathBuf], sender: &std::sync::mpsc::SyncSender<ReadEvent>) {
    let mut pending = ingest::Batch {
        items: Vec::new(),
        bytes: 0,
    };
    let send = |event: ReadEvent| sender.send(event).is_ok();
    for file in files {
        let mut receiver_gone = false;
        let single_article = ingest::FileKind::of(file) == Some(ingest::FileKind::Text);
        let result = ingest::read_file(file, &mut |batch| {
            if single_article {
                pending.items.extend(batch.items);
                pending.bytes += batch.bytes;
                if pending.items.len() >= SMALL_FILES_PER_BATCH {
                    let full = std::mem::replace(
                        &mut pending,
                        ingest::Batch {
                            items: Vec::new(),
                            bytes: 0,
                        },
                    );
                    receiver_gone |= !send(ReadEvent::Batch(full));
                }
            } else {
                receiver_gone |= !send(ReadEvent::Batch(batch));
            }
        });
        if receiver_gone {
            return;
        }
        if let Err(err) = result {
            let problem = Problem {
                file: file.clone(),
                line: None,
                message: format!("{err:#}"),
            };
            if !send(ReadEvent::FileFailed(problem)) {
                return;
            }
        }
    }
    if !pending.items.is_empty() {
        send(ReadEvent::Batch(pending));
    }
}

/// What the run knows about ids and texts it has seen.
struct RunState {
    /// The index as it was at the last commit.
    committed: Searcher,
    /// Ids indexed in this run since the last commit.
    ids: HashSet<String>,
    /// Content hashes of articles indexed in this run, with their ids and
    /// text hashes.
    hashes: HashMap<u64, (String, u64)>,
}

impl RunState {
    fn new(committed: Searcher) -> RunState {
        RunState {
            committed,
            ids: HashSet::new(),
            hashes: HashMap::new(),
        }
    }

    fn refresh(&mut self, target: &TracuuIndex) -> Result<()> {
        self.committed = target.searcher()?;
        self.ids.clear();
        Ok(())
    }

    /// The text hash of the committed article with this id, if there is one.
    fn indexed_text_hash(&self, target: &TracuuIndex, id: &str) -> Result<Option<u64>> {
        let query = TermQuery::new(Term::from_field_text(target.fields.id, id), IndexRecordOption::Basic);
        let found = self
            .committed
            .search(&query, &TopDocs::with_limit(1).order_by_score())?;
        let Some((_, address)) = found.first() else {
            return Ok(None);
        };
        let doc: TantivyDocument = self.committed.doc(*address)?;
        Ok(Some(
            doc.get_first(target.fields.text_hash)
                .and_then(|v| v.as_u64())
                .unwrap_or(0),
        ))
    }

    /// The id and text hash of an indexed article with this text (content
    /// hash), other than `id`.
    fn original_of(&self, target: &TracuuIndex, hash: u64, id: &str) -> Result<Option<(String, u64)>> {
        if let Some((original, text_hash)) = self.hashes.get(&hash) {
            return Ok((original != id).then(|| (original.clone(), *text_hash)));
        }
        let query = TermQuery::new(
            Term::from_field_u64(target.fields.content_hash, hash),
            IndexRecordOption::Basic,
        );
        for (_, address) in self
            .committed
            .search(&query, &TopDocs::with_limit(2).order_by_score())?
        {
            let doc: TantivyDocument = self.committed.doc(address)?;
            let found = doc
                .get_first(target.fields.id)
                .and_then(|v| v.as_str())
                .unwrap_or_default();
            let is_copy = doc.get_first(target.fields.duplicate_of).is_some();
            if found != id && !is_copy {
                let text_hash = doc
                    .get_first(target.fields.text_hash)
                    .and_then(|v| v.as_u64())
                    .unwrap_or(0);
                return Ok(Some((found.to_string(), text_hash)));
            }
        }
        Ok(None)
    }

    /// Adds one article; returns 1 when it changed the index.
    fn add(
        &mut self,
        target: &TracuuIndex,
        writer: &mut IndexWriter,
        prepared: Prepared,
        options: &IndexOptions,
        report: &mut IndexReport,
    ) -> Result<usize> {
        let f = &target.fields;
        let id = prepared.article.id.clone();
        let seen_in_run = self.ids.contains(&id);
        // Unchanged means the text as indexed, accents and all: a re-indexed
        // article whose accents were corrected is replaced.
        let indexed = if seen_in_run {
            None
        } else {
            self.indexed_text_hash(target, &id)?
        };
        if indexed == Some(prepared.text_hash) {
            report.unchanged += 1;
            return Ok(0);
        }
        let duplicate_of = if options.keep_duplicates {
            None
        } else {
            self.original_of(target, prepared.content_hash, &id)?
        };
        let id_term = Term::from_field_text(f.id, &id);
        if seen_in_run || indexed.is_some() {
            writer.delete_term(id_term);
            report.replaced += 1;
        } else if duplicate_of.is_some() {
            report.duplicates += 1;
        } else {
            report.added += 1;
        }
        if duplicate_of.is_none() {
            self.hashes
                .entry(prepared.content_hash)
                .or_insert_with(|| (id.clone(), prepared.text_hash));
        }
        self.ids.insert(id);
        let mut doc = target.document(&prepared.article, &prepared.meta);
        doc.add_u64(f.content_hash, prepared.content_hash);
        doc.add_u64(f.text_hash, prepared.text_hash);
        if let Some((original, text_hash)) = duplicate_of {
            doc.add_text(f.duplicate_of, original);
            doc.add_text(f.duplicate_of, COPY_MARKER);
            if text_hash != prepared.text_hash {
                doc.add_text(f.duplicate_of, VARIANT_MARKER);
            }
        }
        writer.add_document(doc)?;
        Ok(1)
    }
}
