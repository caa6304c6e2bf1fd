//! Baseline for `tracuu index`: the same JSONL articles indexed into a plain
//! tantivy index (`title` and `body` with positions, tokenized by
//! `SimpleTokenizer + LowerCaser + AsciiFoldingFilter`, both stored, plus an
//! `id` STRING|STORED field), with a 256 MB writer budget and tantivy's default
//! number of indexing threads.
//!
//! Usage: `plain_tantivy INDEX_DIR FILE.jsonl[.gz]...`

use flate2::read::MultiGzDecoder;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions, STORED, STRING};
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, SimpleTokenizer, TextAnalyzer};
use tantivy::{Index, IndexWriter, TantivyDocument};

const TOKENIZER: &str = "simple_lower_ascii";
const MEMORY_BYTES: usize = 256 * 1024 * 1024;

type Error = Box<dyn std::error::Error>;

fn main() -> ExitCode {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if args.len() < 2 {
        eprintln!("usage: plain_tantivy INDEX_DIR FILE.jsonl[.gz]...");
        return ExitCode::from(2);
    }
    match run(&args[0], &args[1..]) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("plain_tantivy: error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn open_lines(path: &Path) -> Result<Box<dyn BufRead>, Error> {
    let file = File::open(path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    let reader: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    Ok(Box::new(BufReader::with_capacity(1 << 20, reader)))
}

fn run(index_dir: &Path, files: &[PathBuf]) -> Result<(), Error> {
    let start = Instant::now();

    let text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let mut builder = Schema::builder();
    let id = builder.add_text_field("id", STRING | STORED);
    let title = builder.add_text_field("title", text.clone());
    let body = builder.add_text_field("body", text);
    let schema = builder.build();

    std::fs::create_dir_all(index_dir).map_err(|e| format!("cannot create {}: {e}", index_dir.display()))?;
    let index = Index::create_in_dir(index_dir, schema)?;
    index.tokenizers().register(
        TOKENIZER,
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .build(),
    );
    let mut writer: IndexWriter = index.writer(MEMORY_BYTES)?;

    let mut indexed: u64 = 0;
    let mut skipped: u64 = 0;
    for path in files {
        let mut line_no: u64 = 0;
        for line in open_lines(path)?.lines() {
            line_no += 1;
            let line = line.map_err(|e| format!("{}:{line_no}: {e}", path.display()))?;
            if line.trim().is_empty() {
                continue;
            }
            let value: serde_json::Value = match serde_json::from_str(&line) {
                Ok(value) => value,
                Err(err) => {
                    skipped += 1;
                    eprintln!("plain_tantivy: {}:{line_no}: skipped: {err}", path.display());
                    continue;
                }
            };
            let field = |name: &str| value.get(name).and_then(|v| v.as_str()).unwrap_or("");
            let mut doc = TantivyDocument::default();
            let doc_id = field("id");
            if doc_id.is_empty() {
                doc.add_text(id, format!("{}:{line_no}", path.display()));
            } else {
                doc.add_text(id, doc_id);
            }
            doc.add_text(title, field("title"));
            // The lead paragraph is text too, as tracuu indexes it.
            let lead = field("abstract");
            if !lead.is_empty() {
                doc.add_text(body, lead);
            }
            doc.add_text(body, field("body"));
            writer.add_document(doc)?;
            indexed += 1;
        }
    }

    writer.commit()?;
    writer.wait_merging_threads()?;

    let elapsed = start.elapsed().as_secs_f64();
    println!("plain_tantivy: {indexed} documents indexed, {skipped} skipped, in {elapsed:.2} s");
    Ok(())
}
