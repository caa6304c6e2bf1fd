//! Words of one to four syllables in article texts, as the query segmenter
//! knows them (the same dictionary, `index-schema/words.tsv`): within a
//! clause, the longest dictionary word starting at each syllable, else the
//! syllable alone. Counted once per article, for the distinctive-words
//! analysis (`terms`).
//!
//! The background counts (every article of the index) are not in a syllable
//! index. Rather than a word-level field (a forward index of every word of
//! every article would add about a fifth to the index), they are counted
//! from the stored texts once per segment, the first time they are needed,
//! and kept beside the index in `tracuu-words/` (segments never change; a
//! segment's file is named by its id and its deletions, so a new commit
//! recounts only new segments).

use crate::analysis;
use crate::copies::copies_query;
use crate::dictionary::Dictionary;
use crate::error::Result;
use crate::index::TracuuIndex;
use crate::stored;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use tantivy::query::EnableScoring;
use tantivy::{DocAddress, DocId, DocSet, Searcher, SegmentReader, TantivyDocument, TERMINATED};
use unicode_normalization::UnicodeNormalization;

/// Longest word counted, in syllables.
pub const MAX_WORD_SYLLABLES: usize = 4;

/// The dictionary's words of two to four syllables, by their syllables.
struct Lexicon {
    /// Syllable as the analyzer writes it (lower case, NFC, tone placement
    /// and i/y unified) → id.
    syllables: FxHashMap<Box<str>, u32>,
    /// Id → syllable.
    names: Vec<Box<str>>,
    /// Packed syllable ids of each word.
    words: FxHashSet<u64>,
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut lexicon = Lexicon {
            syllables: FxHashMap::default(),
            names: Vec::new(),
            words: FxHashSet::default(),
        };
        for entry in Dictionary::bundled().all() {
            let parts: Vec<&str> = entry.syllables().collect();
            if !(2..=MAX_WORD_SYLLABLES).contains(&parts.len()) {
                continue;
            }
            let ids: Vec<u32> = parts
                .iter()
                .map(|part| {
                    let key = word_key(part);
                    if let Some(&id) = lexicon.syllables.get(key.as_str()) {
                        return id;
                    }
                    let id = lexicon.names.len() as u32;
                    lexicon.syllables.insert(key.as_str().into(), id);
                    lexicon.names.push(key.into());
                    id
                })
                .collect();
            // Fifteen bits a syllable (the dictionary has a few thousand).
            if ids.iter().all(|&id| id < 1 << 15) {
                lexicon.words.insert(pack(&ids));
            }
        }
        lexicon
    })
}

/// Up to four syllable ids (below 2^15 each) with their count, as one key.
fn pack(ids: &[u32]) -> u64 {
    ids.iter()
        .fold(ids.len() as u64, |key, &id| (key << 15) | u64::from(id))
}

/// Syllable ids at or past this are not in any dictionary word.
const UNKNOWN: u32 = u32::MAX;

/// A word (syllables separated by spaces) as the counts key it: each
/// syllable as the analyzer writes it, so case, tone placement, i/y and
/// NFC/NFD variants of one word meet.
pub fn word_key(word: &str) -> String {
    let (mut exact, mut folded) = (String::new(), String::new());
    let mut key = String::with_capacity(word.len());
    for syllable in word.split_whitespace() {
        analysis::token_forms(syllable, &mut exact, &mut folded);
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&exact);
    }
    key
}

/// A syllable of a clause: its id, where its key is in the clause's key
/// buffer, and where it is written in the text.
pub(crate) struct Syllable {
    id: u32,
    key: std::ops::Range<usize>,
    /// Where it is written.
    pub span: std::ops::Range<usize>,
}

/// The syllables of one clause, their keys in one buffer (no allocation a
/// syllable).
#[derive(Default)]
struct Clause {
    syllables: Vec<Syllable>,
    keys: String,
}

impl Clause {
    fn clear(&mut self) {
        self.syllables.clear();
        self.keys.clear();
    }
}

/// Ids of syllables in no dictionary word, per counting thread: such a
/// word's id is [`OWN_WORD`] with the index here.
#[derive(Default)]
pub struct Interner {
    ids: FxHashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
}

/// Marks a word id given by an [`Interner`], not the dictionary.
const OWN_WORD: u64 = 1 << 63;

impl Interner {
    fn id(&mut self, key: &str) -> u64 {
        if let Some(&id) = self.ids.get(key) {
            return OWN_WORD | u64::from(id);
        }
        let id = self.names.len() as u32;
        self.ids.insert(key.into(), id);
        self.names.push(key.into());
        OWN_WORD | u64::from(id)
    }

    /// The key of word `id` (see [`word_key`]).
    pub fn key(&self, id: u64) -> String {
        if id & OWN_WORD != 0 {
            return self.names[(id & !OWN_WORD) as usize].to_string();
        }
        let names = &lexicon().names;
        (0..syllables_in(id))
            .rev()
            .map(|i| &*names[((id >> (15 * i)) & 0x7fff) as usize])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// How many syllable ids a packed key holds (its count sits above them).
fn syllables_in(id: u64) -> usize {
    (1..=MAX_WORD_SYLLABLES)
        .find(|&n| id >> (15 * n) == n as u64)
        .unwrap_or(1)
}

/// Gives `each` every word of a text in order: its id (dictionary words and
/// their syllables packed, other syllables from `interner`) and the byte
/// ranges of its syllables in `text`: within a clause, the longest
/// dictionary word of two to four syllables at each syllable, else the
/// syllable alone. Numbers and codes are no words.
pub(crate) fn word_ids_of(text: &str, interner: &mut Interner, each: &mut dyn FnMut(u64, &[Syllable], &Interner)) {
    let lexicon = lexicon();
    let mut spans = analysis::PositionedSpans::default();
    let (mut exact, mut folded) = (String::new(), String::new());
    let mut clause = Clause::default();
    let mut last_position = None;
    while let Some((span, position)) = spans.next(text) {
        if last_position.is_some_and(|last| position != last + 1) {
            segment_clause(&clause, lexicon, interner, each);
            clause.clear();
        }
        last_position = Some(position);
        let raw = &text[span.clone()];
        if !analysis::token_forms(raw, &mut exact, &mut folded) || !is_word(&exact) {
            segment_clause(&clause, lexicon, interner, each);
            clause.clear();
            continue;
        }
        let id = lexicon.syllables.get(exact.as_str()).copied().unwrap_or(UNKNOWN);
        let start = clause.keys.len();
        clause.keys.push_str(&exact);
        clause.syllables.push(Syllable {
            id,
            key: start..clause.keys.len(),
            span,
        });
    }
    segment_clause(&clause, lexicon, interner, each);
}

/// No digit and no ASCII punctuation: numbers and codes (2017, 19-CT/TW)
/// are no words. The analyzer's tokens are otherwise letters, so the
/// bytes say enough (a Unicode letter lookup per character cost an eighth
/// of the counting).
fn is_word(token: &str) -> bool {
    !token.bytes().any(|b| b.is_ascii_digit() || b.is_ascii_punctuation())
}

/// The words of a text with their keys (see [`word_key`]).
pub(crate) fn words_of(text: &str, each: &mut dyn FnMut(&str, &[Syllable])) {
    word_ids_of(text, &mut Interner::default(), &mut |id, syllables, interner| {
        each(&interner.key(id), syllables)
    });
}

/// The longest dictionary word at each syllable, else the syllable alone.
fn segment_clause(
    clause: &Clause,
    lexicon: &Lexicon,
    interner: &mut Interner,
    each: &mut dyn FnMut(u64, &[Syllable], &Interner),
) {
    let syllables = &clause.syllables;
    let mut at = 0;
    while at < syllables.len() {
        // The packed keys of the 1- to 4-syllable runs from here.
        let mut packed = [0u64; MAX_WORD_SYLLABLES + 1];
        let mut run = 1;
        if syllables[at].id != UNKNOWN {
            packed[1] = pack(&[syllables[at].id]);
            while run < MAX_WORD_SYLLABLES && at + run < syllables.len() && syllables[at + run].id != UNKNOWN {
                let id = u64::from(syllables[at + run].id);
                // pack() of one more id: the count in the top bits grows by one.
                let ids = packed[run] & ((1 << (15 * run)) - 1);
                packed[run + 1] = ((run as u64 + 1) << (15 * (run + 1))) | (ids << 15) | id;
                run += 1;
            }
        }
        let n = (2..=run)
            .rev()
            .find(|&n| lexicon.words.contains(&packed[n]))
            .unwrap_or(1);
        let id = match (n, syllables[at].id) {
            (1, UNKNOWN) => interner.id(&clause.keys[syllables[at].key.clone()]),
            _ => packed[n],
        };
        each(id, &syllables[at..at + n], interner);
        at += n;
    }
}

/// How a word is written: its syllables as in `text`, NFC, one space apart.
pub(crate) fn written(text: &str, syllables: &[Syllable]) -> String {
    let mut out = String::new();
    for syllable in syllables {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(text[syllable.span.clone()].nfc());
    }
    out
}

/// In how many articles each word stands.
#[derive(Debug, Clone, Default)]
pub struct WordCounts {
    /// Articles counted.
    pub articles: u64,
    /// Word (its key, see [`word_key`]) → articles holding it.
    pub counts: FxHashMap<Box<str>, u32>,
}

impl WordCounts {
    fn add(&mut self, other: &WordCounts) {
        self.articles += other.articles;
        for (word, n) in &other.counts {
            match self.counts.get_mut(word) {
                Some(total) => *total += n,
                None => {
                    self.counts.insert(word.clone(), *n);
                }
            }
        }
    }

    /// Articles holding the word keyed `key`.
    pub fn get(&self, key: &str) -> u32 {
        self.counts.get(key).copied().unwrap_or(0)
    }
}

/// Counts the words of the articles at `docs` (title and text), in
/// parallel, by integer ids (a word is hashed as a number, not a string),
/// keyed by their strings only once per thread at the end.
pub fn count_articles(searcher: &Searcher, target: &TracuuIndex, docs: &[DocAddress]) -> Result<WordCounts> {
    let fields = target.fields;
    let partial = docs
        .par_chunks(256)
        .map(|chunk| -> Result<WordCounts> {
            let mut interner = Interner::default();
            let mut counts: FxHashMap<u64, u32> = FxHashMap::default();
            let mut seen: FxHashSet<u64> = FxHashSet::default();
            for &address in chunk {
                let doc: TantivyDocument = searcher.doc(address)?;
                seen.clear();
                let title = stored::text(&doc, fields.title).unwrap_or_default();
                let body = stored::utf8(stored::article_text(&doc, &fields));
                for text in [title.as_str(), &body] {
                    word_ids_of(text, &mut interner, &mut |id, _, _| {
                        seen.insert(id);
                    });
                }
                for &id in &seen {
                    *counts.entry(id).or_insert(0) += 1;
                }
            }
            Ok(WordCounts {
                articles: chunk.len() as u64,
                counts: counts.into_iter().map(|(id, n)| (interner.key(id).into(), n)).collect(),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let mut total = WordCounts::default();
    partial.iter().for_each(|p| total.add(p));
    Ok(total)
}

/// Word key → how it is written → how often.
pub type WrittenForms = FxHashMap<Box<str>, FxHashMap<Box<str>, u32>>;

/// How the words keyed `keys` are written in the articles at `docs`: the
/// articles are read in order until each word has been seen `enough` times.
pub fn written_forms(
    searcher: &Searcher,
    target: &TracuuIndex,
    docs: &[DocAddress],
    keys: &[&str],
    enough: u32,
) -> Result<WrittenForms> {
    let fields = target.fields;
    let mut forms = WrittenForms::default();
    let wanted: FxHashSet<&str> = keys.iter().copied().collect();
    let mut seen_enough = 0;
    for &address in docs {
        if seen_enough == wanted.len() {
            break;
        }
        let doc: TantivyDocument = searcher.doc(address)?;
        let title = stored::text(&doc, fields.title).unwrap_or_default();
        let body = stored::utf8(stored::article_text(&doc, &fields));
        for text in [title.as_str(), &body] {
            words_of(text, &mut |key, syllables| {
                if wanted.contains(key) {
                    let counted = forms.entry(key.into()).or_default();
                    let before: u32 = counted.values().sum();
                    if before < enough {
                        *counted.entry(written(text, syllables).into()).or_insert(0) += 1;
                        seen_enough += usize::from(before + 1 == enough);
                    }
                }
            });
        }
    }
    Ok(forms)
}

/// The index folder, its segments' keys and their counts, of the last call.
type CachedCounts = (PathBuf, Vec<String>, Arc<WordCounts>);

/// The word counts of every article of the index (originals; syndicated
/// copies are shown as counts on them, not as articles).
pub fn background(target: &TracuuIndex, searcher: &Searcher) -> Result<Arc<WordCounts>> {
    let key: Vec<String> = searcher.segment_readers().iter().map(segment_key).collect();
    static CACHE: OnceLock<Mutex<Option<CachedCounts>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(None));
    if let Some((dir, cached_key, counts)) = cache.lock().map_err(|_| poisoned())?.as_ref() {
        if dir == target.dir() && *cached_key == key {
            return Ok(counts.clone());
        }
    }
    let folder = target.dir().join(CACHE_FOLDER);
    let mut total = WordCounts::default();
    for (ordinal, segment) in searcher.segment_readers().iter().enumerate() {
        let file = folder.join(format!("{}{COUNTS_SUFFIX}", segment_key(segment)));
        let counts = match read_counts(&file) {
            Some(counts) => counts,
            None => {
                let docs = originals_of(target, ordinal as u32, segment)?;
                let counts = count_articles(searcher, target, &docs)?;
                // A read-only index folder keeps the counts in memory only.
                let _ = write_counts(&folder, &file, &counts);
                counts
            }
        };
        total.add(&counts);
    }
    remove_stale(&folder, &key);
    let total = Arc::new(total);
    *cache.lock().map_err(|_| poisoned())? = Some((target.dir().to_path_buf(), key, total.clone()));
    Ok(total)
}

fn poisoned() -> crate::Error {
    crate::Error::Index(tantivy::TantivyError::InternalError(
        "the word count cache is poisoned".into(),
    ))
}

/// Beside the index's own files; tantivy leaves files it did not make alone.
const CACHE_FOLDER: &str = "tracuu-words";

/// The counts file of a segment; the version changes with how words are
/// found or keyed.
const COUNTS_SUFFIX: &str = ".v2.words";

/// A segment's files never change, but its deletions do.
fn segment_key(segment: &SegmentReader) -> String {
    format!("{}-{}", segment.segment_id().uuid_string(), segment.num_deleted_docs())
}

/// The live originals of one segment.
fn originals_of(target: &TracuuIndex, ordinal: u32, segment: &SegmentReader) -> Result<Vec<DocAddress>> {
    let mut copies = FxHashSet::default();
    let query = copies_query(&target.fields);
    let weight = query.weight(EnableScoring::disabled_from_schema(segment.schema()))?;
    let mut scorer = weight.scorer(segment, 1.0)?;
    while scorer.doc() != TERMINATED {
        copies.insert(scorer.doc());
        scorer.advance();
    }
    let alive = |doc: DocId| segment.alive_bitset().is_none_or(|a| a.is_alive(doc));
    Ok((0..segment.max_doc())
        .filter(|&doc| alive(doc) && !copies.contains(&doc))
        .map(|doc| DocAddress::new(ordinal, doc))
        .collect())
}

/// The first line says how many articles were counted; then `word\tcount`.
fn write_counts(folder: &Path, file: &Path, counts: &WordCounts) -> std::io::Result<()> {
    use std::io::Write;
    std::fs::create_dir_all(folder)?;
    // Written whole, then renamed: a reader never sees half a file.
    let temporary = file.with_extension(format!("tmp{}", std::process::id()));
    let mut out = std::io::BufWriter::new(std::fs::File::create(&temporary)?);
    writeln!(out, "articles\t{}", counts.articles)?;
    for (word, n) in &counts.counts {
        writeln!(out, "{word}\t{n}")?;
    }
    out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    std::fs::rename(&temporary, file)
}

fn read_counts(file: &Path) -> Option<WordCounts> {
    let text = std::fs::read_to_string(file).ok()?;
    let mut lines = text.lines();
    let articles = lines.next()?.strip_prefix("articles\t")?.parse().ok()?;
    let mut counts = FxHashMap::default();
    for line in lines {
        let (word, n) = line.rsplit_once('\t')?;
        counts.insert(word.into(), n.parse().ok()?);
    }
    Some(WordCounts { articles, counts })
}

/// Deletes the counts of segments the index no longer has.
fn remove_stale(folder: &Path, key: &[String]) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let current = name
            .strip_suffix(COUNTS_SUFFIX)
            .is_some_and(|s| key.iter().any(|k| k == s));
        // Counts of gone segments, of an older layout, or left half-written.
        if !current {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words of `text`: (key, as written), in order.
    fn words(text: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        words_of(text, &mut |key, syllables| {
            out.push((key.to_string(), written(text, syllables)))
        });
        out
    }

    fn keys(text: &str) -> Vec<String> {
        words(text).into_iter().map(|(k, _)| k).collect()
    }

    #[test]
    fn dictionary_words_stay_whole_within_a_clause() {
        assert_eq!(keys("Phòng chống tham nhũng, hối lộ").last().unwrap(), "hối lộ");
        assert!(keys("chống tham nhũng").iter().any(|k| k.ends_with("tham nhũng")));
        // A clause break splits a word: "tham, nhũng" holds no "tham nhũng".
        assert_eq!(keys("tham, nhũng"), ["tham", "nhũng"]);
    }

    #[test]
    fn variants_of_a_word_share_a_key_and_keep_how_they_are_written() {
        let found = words("Tổng Bí thư; tổng bí thư; HOÁ ĐƠN; hóa đơn");
        assert_eq!(found[0].0, found[1].0);
        assert_eq!(found[2].0, found[3].0);
        assert_eq!(found[0].1, "Tổng Bí thư");
        assert_eq!(found[2].1, "HOÁ ĐƠN");
        // Keys are the analyzer's (i/y unified), never shown.
        assert_eq!(word_key("Bí thư"), word_key("bí thư"));
    }

    #[test]
    fn packed_runs_agree_with_pack() {
        // segment_clause extends pack() one id at a time.
        let ids = [3u32, 17, 32_000, 5];
        let mut packed = pack(&ids[..1]);
        for run in 1..ids.len() {
            let low = packed & ((1 << (15 * run)) - 1);
            packed = ((run as u64 + 1) << (15 * (run + 1))) | (low << 15) | u64::from(ids[run]);
            assert_eq!(packed, pack(&ids[..=run]));
        }
    }

    #[test]
    fn numbers_and_codes_are_no_words() {
        let found = keys("Chỉ thị 19-CT/TW năm 2017");
        assert!(
            found.iter().all(|w| !w.chars().any(|c| c.is_ascii_digit())),
            "{found:?}"
        );
    }
}
