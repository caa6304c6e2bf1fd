//! Creating, opening and filling a tracuu index.

use crate::analysis;
use crate::extract::{self, Metadata, RawArticle};
use crate::ingest::{self, Article, Problem};
use crate::schema::{self, Fields};
use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tantivy::directory::MmapDirectory;
use tantivy::schema::Facet;
use tantivy::time::{PrimitiveDateTime, Time};
use tantivy::{DateTime, Index, IndexWriter, Searcher, TantivyDocument, Term};

/// An open tracuu index with its field handles.
pub struct TracuuIndex {
    pub index: Index,
    pub fields: Fields,
    pub dir: PathBuf,
}

impl TracuuIndex {
    /// Opens an existing index, refusing one built with another schema version.
    pub fn open(dir: &Path) -> Result<TracuuIndex> {
        if !dir.join("meta.json").exists() {
            bail!(
                "no index at {}; build one with `tracuu index --index {} PATH...`",
                dir.display(),
                dir.display()
            );
        }
        schema::check_marker(dir)?;
        let index = Index::open_in_dir(dir).with_context(|| {
            format!(
                "cannot open index {}: it may be damaged; delete it and rebuild",
                dir.display()
            )
        })?;
        Self::wrap(index, dir)
    }

    /// Opens the index at `dir`, creating an empty one if there is none.
    pub fn open_or_create(dir: &Path) -> Result<TracuuIndex> {
        if dir.join("meta.json").exists() {
            return Self::open(dir);
        }
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let directory = MmapDirectory::open(dir).with_context(|| format!("cannot open {}", dir.display()))?;
        let index = Index::create(directory, schema::build(&schema::spec()), Default::default())
            .with_context(|| format!("cannot create index in {}", dir.display()))?;
        schema::write_marker(dir, false)?;
        Self::wrap(index, dir)
    }

    fn wrap(index: Index, dir: &Path) -> Result<TracuuIndex> {
        analysis::register(index.tokenizers());
        let fields = Fields::resolve(&index.schema())?;
        Ok(TracuuIndex {
            index,
            fields,
            dir: dir.to_path_buf(),
        })
    }

    pub fn searcher(&self) -> Result<Searcher> {
        Ok(self.index.reader().context("cannot read index")?.searcher())
    }

    /// A writer, with a clear message when another process holds the lock.
    pub fn writer(&self, options: &IndexOptions) -> Result<IndexWriter> {
        let result = match options.threads {
            Some(threads) => self.index.writer_with_num_threads(threads, options.memory_bytes()),
            None => self.index.writer(options.memory_bytes()),
        };
        result.map_err(|err| match err {
            tantivy::TantivyError::LockFailure(..) => anyhow::anyhow!(
                "index {} is locked by another tracuu process; wait for it to finish",
                self.dir.display()
            ),
            other => anyhow::Error::new(other).context("cannot start writing the index"),
        })
    }

    /// The tantivy document for an article and its extracted metadata: every
    /// text field twice (folded and exact), the same text in both.
    pub fn document(&self, article: &Article, meta: &Metadata) -> TantivyDocument {
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, &article.id);
        doc.add_text(f.title, &meta.title);
        doc.add_text(f.title_exact, &meta.title);
        doc.add_text(f.body, &meta.body);
        doc.add_text(f.body_exact, &meta.body);
        if article.title.is_none() || meta.body != article.text.trim() {
            doc.add_text(f.raw, &article.text);
        }
        if let Some(date) = meta.date {
            doc.add_date(
                f.date,
                DateTime::from_primitive(PrimitiveDateTime::new(date, Time::MIDNIGHT)),
            );
        }
        if let Some(year) = meta.year {
            doc.add_facet(f.year, Facet::from_path([year.to_string()]));
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
        for (field, value) in [(f.source, &article.source), (f.url, &article.url)] {
            if let Some(value) = value {
                doc.add_text(field, value);
            }
        }
        doc.add_text(f.path, &article.origin);
        doc
    }
}

/// Cleaning and metadata extraction of one article (run on the rayon pool).
pub fn prepare(article: Article) -> (Article, Metadata) {
    let meta = extract::extract(&RawArticle {
        title: article.title.as_deref(),
        text: &article.text,
        date: article.date,
        province: article.province.as_deref(),
    });
    (article, meta)
}

/// Settings of one indexing run.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Memory budget of tantivy's writer, shared by its threads.
    pub memory_mb: usize,
    /// Writer threads; tantivy's default (one per core, at most 8) when unset.
    pub threads: Option<usize>,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            memory_mb: 256,
            threads: None,
        }
    }
}

impl IndexOptions {
    fn memory_bytes(&self) -> usize {
        self.memory_mb.max(16) * 1024 * 1024
    }
}

/// What an indexing run did.
#[derive(Debug, Default)]
pub struct IndexReport {
    pub files: usize,
    pub ignored_files: usize,
    pub added: usize,
    pub replaced: usize,
    pub skipped: Vec<Problem>,
    pub bytes: u64,
    pub elapsed: Duration,
}

/// Reads every article under `paths` into the index. Articles whose id is
/// already in the index (or earlier in the same run) replace the old copy.
pub fn index_paths(
    target: &TracuuIndex,
    paths: &[PathBuf],
    options: &IndexOptions,
    on_problem: &mut dyn FnMut(&Problem),
) -> Result<IndexReport> {
    let started = Instant::now();
    let list = ingest::list_files(paths)?;
    let mut report = IndexReport {
        files: list.files.len(),
        ignored_files: list.ignored.len(),
        ..IndexReport::default()
    };
    for problem in list.problems {
        on_problem(&problem);
        report.skipped.push(problem);
    }
    let existing = target.searcher()?;
    let mut writer = target.writer(options)?;
    let mut seen: HashSet<String> = HashSet::new();
    let mut writer_failure: Option<tantivy::TantivyError> = None;
    for file in &list.files {
        report.bytes += ingest::read_file(file, &mut |batch| {
            let prepared: Vec<_> = batch.into_par_iter().map(|item| item.map(prepare)).collect();
            for item in prepared {
                match item {
                    Ok((article, meta)) => {
                        let id_term = Term::from_field_text(target.fields.id, &article.id);
                        let known = !seen.insert(article.id.clone()) || existing.doc_freq(&id_term).unwrap_or(0) > 0;
                        if known {
                            writer.delete_term(id_term);
                            report.replaced += 1;
                        } else {
                            report.added += 1;
                        }
                        if let Err(err) = writer.add_document(target.document(&article, &meta)) {
                            writer_failure.get_or_insert(err);
                        }
                    }
                    Err(problem) => {
                        on_problem(&problem);
                        report.skipped.push(problem);
                    }
                }
            }
        })?;
        if let Some(err) = writer_failure.take() {
            return Err(err).context(format!("indexing stopped while reading {}", file.display()));
        }
    }
    writer.commit().context("cannot commit the index")?;
    writer
        .wait_merging_threads()
        .context("cannot finish merging segments")?;
    report.elapsed = started.elapsed();
    Ok(report)
}
