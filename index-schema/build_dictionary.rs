//! Builds `index-schema/words.tsv`, the dictionary of words of several
//! syllables that the query segmenter keeps whole (see DICTIONARY.md).
//!
//! Sources, each entry run through tracuu's analyzer (NFC, lower case, one
//! tone placement, one i/y spelling), so "tỉnh uỷ" and "tỉnh ủy" are one entry:
//!
//! - `w` the pyvi word list (`shared/data/reference/pyvi-words/words.txt`, MIT);
//! - `o` the names of the politicians in `officials-viwiki.jsonl` (CC BY-SA 4.0);
//! - `p` the province names and spelling variants of `index-schema/provinces.tsv`;
//! - `g` the world place names of `index-schema/world-places.tsv` (CLDR + tracuu);
//! - `s` the forms of the synonym groups of `index-schema/synonyms.tsv`;
//! - `m` word groups mined from the shared corpora: runs of 2-4 adjacent
//!   syllables (same clause, letters only) far more frequent together than
//!   apart (the thresholds below, reported in DICTIONARY.md).
//!
//! Usage, from the repository root:
//!
//! ```sh
//! cargo run --release --example build_dictionary -- ../shared/data
//! ```
//!
//! Deterministic: same inputs, same file.

use flate2::read::GzDecoder;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use tracuu::analysis::{self, Form};

/// A mined group occurs this often in all (occurrences)…
const MIN_COUNT: u32 = 40;
/// …in at least this many articles…
const MIN_ARTICLES: u32 = 15;
/// …and at every split into a left and a right part, (1) its pointwise
/// mutual information is at least this many bits: together at least 2^5 = 32
/// times as often as the parts' own frequencies predict…
const MIN_PMI: f64 = 5.0;
/// …and (2) at least this share of the rarer part's occurrences are inside
/// the group ("far more frequent together than apart").
const MIN_SHARE: f64 = 0.05;
/// A group nearly always continued by the same syllable is a fragment of a
/// longer one ("giải phóng mặt" of "giải phóng mặt bằng"), not a word: left
/// out when one syllable more on either side keeps this share of it.
const MAX_FRAGMENT_SHARE: f64 = 0.7;
/// Grammatical words (prepositions, conjunctions, particles, pronouns and
/// the like) that a mined group may not start with: "bị phạt tiền",
/// "với số lượng lớn" are a word with its grammar, not words.
const NOT_FIRST: &[&str] = &[
    "và", "của", "là", "các", "với", "được", "bị", "để", "những", "khi", "ở", "về", "tại", "đến", "cũng", "từ", "vào",
    "sẽ", "đã", "đang", "như", "thì", "mà", "nhưng", "còn", "rằng", "hay", "hoặc", "vẫn", "rất", "đều", "cả", "nó",
    "này", "đó", "mình", "chúng", "họ",
    // Titles before a name: "ông Nguyễn Văn" is a name's beginning, not a word.
    "ông", "bà", "anh", "chị", "em", "cô", "chú", "bác", "cụ",
];
/// …nor end with.
const NOT_LAST: &[&str] = &[
    "và", "của", "là", "các", "với", "được", "bị", "để", "những", "khi", "ở", "về", "tại", "đến", "cũng", "từ", "vào",
    "sẽ", "đã", "đang", "như", "thì", "mà", "nhưng", "còn", "rằng", "hay", "hoặc", "vẫn", "rất", "đều", "cả", "cho",
    "trong", "có", "không", "một", "theo", "nên", "thể",
];
/// A syllable (folded) in at least this share of the articles is common:
/// a phrase of common syllables is costly to match by positions, so the
/// dictionary words made only of them are indexed as words too
/// (`common-words.txt`, the `words` field).
const COMMON_SYLLABLE_SHARE: f64 = 0.08;
/// Longest word indexed as a word.
const MAX_INDEXED_WORD: usize = 4;
/// …and only when its phrase would have to be checked in this share of
/// the articles or more (those holding all its syllables): below, matching
/// it by positions costs a few milliseconds, and indexing every word costs
/// more than it saves (see DICTIONARY.md).
const MIN_CANDIDATE_SHARE: f64 = 0.24;
/// Longest mined group, in syllables.
const MAX_MINED: usize = 4;
/// Longest entry kept from any source.
const MAX_ENTRY: usize = 8;

const CORPORA: [&str; 3] = [
    "vntc-10topics.jsonl.gz",
    "baomoi-2017.jsonl.gz",
    "vietnews-party-subset.jsonl.gz",
];

/// Marks a clause break in a token stream.
const BREAK: u32 = u32::MAX;

fn main() -> anyhow::Result<()> {
    let shared = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "../shared/data".into()));
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("index-schema");
    let mut entries: BTreeMap<Vec<String>, BTreeSet<char>> = BTreeMap::new();
    let mut add = |text: &str, kind: char| {
        let syllables = analysis::token_texts(text, Form::Exact);
        if (2..=MAX_ENTRY).contains(&syllables.len()) && syllables.iter().all(|s| s.chars().all(char::is_alphabetic)) {
            entries.entry(syllables).or_default().insert(kind);
        }
    };
    for line in std::fs::read_to_string(shared.join("reference/pyvi-words/words.txt"))?.lines() {
        add(line, 'w');
    }
    for line in std::fs::read_to_string(shared.join("reference/officials-viwiki.jsonl"))?.lines() {
        let value: serde_json::Value = serde_json::from_str(line)?;
        if let Some(name) = value["name"].as_str() {
            // "Nguyễn Đức Chính (Quảng Trị)": the disambiguator is not the name.
            add(name.split('(').next().unwrap_or(name), 'o');
        }
    }
    for line in std::fs::read_to_string(here.join("provinces.tsv"))?
        .lines()
        .filter(|l| !l.starts_with('#'))
    {
        let columns: Vec<&str> = line.split('\t').collect();
        add(columns[0], 'p');
        for variant in columns.get(5).unwrap_or(&"").split('|') {
            add(variant, 'p');
        }
    }
    for line in std::fs::read_to_string(here.join("world-places.tsv"))?
        .lines()
        .filter(|l| !l.starts_with('#'))
    {
        add(line.split('\t').next().unwrap_or(""), 'g');
    }
    for line in std::fs::read_to_string(here.join("synonyms.tsv"))?.lines() {
        let line = line.trim();
        if !line.is_empty() && !line.starts_with('#') {
            line.split('|').for_each(|form| add(form, 's'));
        }
    }
    let listed = entries.len();
    eprintln!("build_dictionary: {listed} entries from the word list and reference data");

    let corpus = Corpus::read(&shared.join("corpus"))?;
    eprintln!(
        "build_dictionary: {} articles, {} tokens, {} distinct syllables",
        corpus.articles,
        corpus.tokens,
        corpus.names.len()
    );
    let mined = corpus.mine();
    eprintln!("build_dictionary: {} groups mined", mined.len());
    for group in &mined {
        let syllables: Vec<String> = group.iter().map(|&id| corpus.names[id as usize].clone()).collect();
        entries.entry(syllables).or_default().insert('m');
    }
    let ids: Vec<Option<Vec<u32>>> = entries.keys().map(|s| corpus.ids_of(s)).collect();
    let articles = corpus.articles_with(&ids);

    let mut rows: Vec<(String, String, String, u32)> = entries
        .iter()
        .zip(articles)
        .map(|((syllables, kinds), n)| {
            let exact = syllables.join(" ");
            let folded = analysis::token_texts(&exact, Form::Folded).join(" ");
            (folded, exact, kinds.iter().collect(), n)
        })
        .collect();
    rows.sort();
    let out_path = here.join("words.tsv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&out_path)?);
    writeln!(
        out,
        "# tracuu dictionary: words of 2-{MAX_ENTRY} syllables. Made by index-schema/build_dictionary.rs; see index-schema/DICTIONARY.md."
    )?;
    writeln!(out, "# folded\texact\tsources (w pyvi, o official, p province, g world place, s synonym form, m mined)\tarticles (of {}; exact form)", corpus.articles)?;
    for (folded, exact, kinds, n) in &rows {
        writeln!(out, "{folded}\t{exact}\t{kinds}\t{n}")?;
    }
    out.flush()?;
    eprintln!(
        "build_dictionary: {} entries ({listed} listed, {} mined) -> {}",
        rows.len(),
        mined.len(),
        out_path.display()
    );

    let common = corpus.common_syllables();
    // Each common word with its most frequent spelling (most articles; ties
    // by the spelling), which the index writes as the plain word: only the
    // other spellings need a term of their own.
    let candidates: Vec<&str> = rows
        .iter()
        .map(|(folded, ..)| folded.as_str())
        .filter(|folded| {
            let syllables: Vec<&str> = folded.split(' ').collect();
            syllables.len() <= MAX_INDEXED_WORD && syllables.iter().all(|s| common.contains(*s))
        })
        .collect();
    let holding = corpus.articles_with_all(&candidates, &common);
    let costly: BTreeSet<&str> = candidates
        .iter()
        .zip(holding)
        .filter(|(_, n)| f64::from(*n) >= MIN_CANDIDATE_SHARE * corpus.articles as f64)
        .map(|(w, _)| *w)
        .collect();
    let mut words: BTreeMap<&str, (u32, &str)> = BTreeMap::new();
    for (folded, exact, _, n) in &rows {
        if !costly.contains(folded.as_str()) {
            continue;
        }
        let best = words.entry(folded.as_str()).or_insert((*n, exact.as_str()));
        if (*n, std::cmp::Reverse(exact.as_str())) > (best.0, std::cmp::Reverse(best.1)) {
            *best = (*n, exact.as_str());
        }
    }
    let common_path = here.join("common-words.txt");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&common_path)?);
    writeln!(
        out,
        "# Dictionary words (folded, 2-{MAX_INDEXED_WORD} syllables) made only of common syllables (each in {:.0}% or more of the {} articles of the shared corpora: {} syllables) whose syllables all stand in {:.0}% or more of the articles, indexed as words in the `words` field, with their most frequent spelling. Made by index-schema/build_dictionary.rs; part of the index schema (see DICTIONARY.md).",
        COMMON_SYLLABLE_SHARE * 100.0,
        corpus.articles,
        common.len(),
        MIN_CANDIDATE_SHARE * 100.0
    )?;
    writeln!(out, "# folded\tmost frequent spelling (exact)")?;
    for (word, (_, spelling)) in &words {
        writeln!(out, "{word}\t{spelling}")?;
    }
    out.flush()?;
    eprintln!(
        "build_dictionary: {} words of {} common syllables -> {}",
        words.len(),
        common.len(),
        common_path.display()
    );
    Ok(())
}

/// The shared corpora as one stream of syllable ids, clauses apart.
struct Corpus {
    names: Vec<String>,
    stream: Vec<u32>,
    /// Where each article starts in `stream`.
    starts: Vec<usize>,
    articles: usize,
    tokens: usize,
}

impl Corpus {
    fn read(dir: &Path) -> anyhow::Result<Corpus> {
        let mut texts = Vec::new();
        for name in CORPORA {
            let reader = BufReader::new(GzDecoder::new(std::fs::File::open(dir.join(name))?));
            for line in reader.lines() {
                let line = line?;
                if line.trim().is_empty() {
                    continue;
                }
                let value: serde_json::Value = serde_json::from_str(&line)?;
                let field = |k: &str| value[k].as_str().unwrap_or("").to_string();
                texts.push(format!("{}\n{}", field("title"), field("body")));
            }
        }
        let mut corpus = Corpus {
            names: Vec::new(),
            stream: Vec::new(),
            starts: Vec::new(),
            articles: texts.len(),
            tokens: 0,
        };
        let mut intern: FxHashMap<String, u32> = FxHashMap::default();
        for chunk in texts.chunks(8192) {
            let analysed: Vec<Vec<(String, usize)>> = chunk
                .par_iter()
                .map(|text| {
                    analysis::tokens(text, Form::Exact)
                        .into_iter()
                        .map(|t| (t.text, t.position))
                        .collect()
                })
                .collect();
            for tokens in analysed {
                corpus.starts.push(corpus.stream.len());
                let mut last: Option<usize> = None;
                for (text, position) in tokens {
                    corpus.tokens += 1;
                    // Letters only: numbers and codes are not parts of words.
                    let word = text.chars().all(char::is_alphabetic);
                    if last.is_some_and(|p| p + 1 != position) || !word {
                        corpus.stream.push(BREAK);
                    }
                    last = Some(position);
                    if word {
                        let id = match intern.get(&text) {
                            Some(&id) => id,
                            None => {
                                let id = corpus.names.len() as u32;
                                corpus.names.push(text.clone());
                                intern.insert(text, id);
                                id
                            }
                        };
                        corpus.stream.push(id);
                    }
                }
                corpus.stream.push(BREAK);
            }
        }
        Ok(corpus)
    }

    fn ids_of(&self, syllables: &[String]) -> Option<Vec<u32>> {
        // Built lazily once: name -> id.
        thread_local! {
            static BY_NAME: std::cell::RefCell<Option<FxHashMap<String, u32>>> = const { std::cell::RefCell::new(None) };
        }
        BY_NAME.with_borrow_mut(|map| {
            let map = map.get_or_insert_with(|| {
                self.names
                    .iter()
                    .enumerate()
                    .map(|(i, n)| (n.clone(), i as u32))
                    .collect()
            });
            syllables.iter().map(|s| map.get(s).copied()).collect()
        })
    }

    /// Occurrences and article counts of every run of `n` syllables whose
    /// runs of `n - 1` are all in `keep` (every syllable, for n = 1).
    fn count(&self, n: usize, keep: &FxHashMap<Vec<u32>, Counts>) -> FxHashMap<Vec<u32>, Counts> {
        let mut counts: FxHashMap<Vec<u32>, Counts> = FxHashMap::default();
        for (article, &start) in self.starts.iter().enumerate() {
            let end = self.starts.get(article + 1).copied().unwrap_or(self.stream.len());
            for window in self.stream[start..end].windows(n) {
                if window.contains(&BREAK) {
                    continue;
                }
                if n > 1 && !(keep.contains_key(&window[..n - 1]) && keep.contains_key(&window[1..])) {
                    continue;
                }
                let c = match counts.get_mut(window) {
                    Some(c) => c,
                    None => counts.entry(window.to_vec()).or_default(),
                };
                c.occurrences += 1;
                if c.last_article != article as u32 + 1 {
                    c.last_article = article as u32 + 1;
                    c.articles += 1;
                }
            }
        }
        counts
    }

    /// Groups of 2..=MAX_MINED syllables passing the thresholds.
    fn mine(&self) -> Vec<Vec<u32>> {
        let mut all: FxHashMap<Vec<u32>, Counts> = self.count(1, &FxHashMap::default());
        let total: f64 = all.values().map(|c| f64::from(c.occurrences)).sum();
        let mut frequent: FxHashMap<Vec<u32>, Counts> = all.clone();
        let mut mined = Vec::new();
        for n in 2..=MAX_MINED + 1 {
            let counts = self.count(n, &frequent);
            frequent = counts.into_iter().filter(|(_, c)| c.occurrences >= MIN_COUNT).collect();
            all.extend(frequent.iter().map(|(k, v)| (k.clone(), *v)));
            if n > MAX_MINED {
                break;
            }
            for (group, c) in &frequent {
                if c.articles >= MIN_ARTICLES && associated(group, c.occurrences, &all, total) {
                    mined.push(group.clone());
                }
            }
        }
        // Fragments of longer groups: a longer run counted at n + 1 holds
        // nearly all of them.
        let mut longest_extension: FxHashMap<&[u32], u32> = FxHashMap::default();
        for (group, c) in &all {
            if group.len() >= 3 {
                for part in [&group[..group.len() - 1], &group[1..]] {
                    let best = longest_extension.entry(part).or_default();
                    *best = (*best).max(c.occurrences);
                }
            }
        }
        let grammar = |list: &[&str]| -> Vec<Option<u32>> {
            list.iter()
                .map(|w| self.ids_of(&analysis::token_texts(w, Form::Exact)).map(|ids| ids[0]))
                .collect()
        };
        let (not_first, not_last) = (grammar(NOT_FIRST), grammar(NOT_LAST));
        let before = mined.len();
        mined.retain(|group| !not_first.contains(&Some(group[0])) && !not_last.contains(&Some(group[group.len() - 1])));
        eprintln!(
            "build_dictionary: {} groups starting or ending with a grammatical word left out",
            before - mined.len()
        );
        let before = mined.len();
        mined.retain(|group| {
            let own = f64::from(all[group].occurrences);
            longest_extension
                .get(group.as_slice())
                .is_none_or(|&e| f64::from(e) < MAX_FRAGMENT_SHARE * own)
        });
        eprintln!(
            "build_dictionary: {} fragments of longer groups left out",
            before - mined.len()
        );
        if let Ok(debug) = std::env::var("DEBUG_GROUPS") {
            for text in debug.split(';') {
                let names: Vec<String> = analysis::token_texts(text, Form::Exact);
                let Some(ids) = self.ids_of(&names) else { continue };
                let together = all.get(&ids).map_or(0, |c| c.occurrences);
                let articles = all.get(&ids).map_or(0, |c| c.articles);
                let splits: Vec<String> = (1..ids.len())
                    .map(|k| {
                        let l = all.get(&ids[..k]).map_or(0, |c| c.occurrences) as f64;
                        let r = all.get(&ids[k..]).map_or(0, |c| c.occurrences) as f64;
                        let g = together as f64;
                        format!(
                            "split {k}: left {l} right {r} pmi {:.2} share {:.3}",
                            (g * total / (l * r)).log2(),
                            g / l.min(r)
                        )
                    })
                    .collect();
                eprintln!("{text}: {together} ({articles} articles) {}", splits.join("; "));
            }
        }
        mined.sort();
        mined
    }

    /// Folded syllables in at least `COMMON_SYLLABLE_SHARE` of the articles.
    fn common_syllables(&self) -> BTreeSet<String> {
        let folded: Vec<String> = self
            .names
            .iter()
            .map(|n| analysis::token_texts(n, Form::Folded).join(""))
            .collect();
        let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
        let folded_id: Vec<u32> = folded
            .iter()
            .map(|f| {
                let next = ids.len() as u32;
                *ids.entry(f.as_str()).or_insert(next)
            })
            .collect();
        let mut df = vec![0u32; ids.len()];
        let mut last = vec![usize::MAX; ids.len()];
        for (article, &start) in self.starts.iter().enumerate() {
            let end = self.starts.get(article + 1).copied().unwrap_or(self.stream.len());
            for &id in self.stream[start..end].iter().filter(|&&id| id != BREAK) {
                let f = folded_id[id as usize] as usize;
                if last[f] != article {
                    last[f] = article;
                    df[f] += 1;
                }
            }
        }
        let threshold = (COMMON_SYLLABLE_SHARE * self.articles as f64).ceil() as u32;
        ids.into_iter()
            .filter(|&(_, id)| df[id as usize] >= threshold)
            .map(|(name, _)| name.to_string())
            .collect()
    }

    /// For each word (folded syllables joined by spaces, each in `common`),
    /// how many articles hold all its syllables, anywhere.
    fn articles_with_all(&self, words: &[&str], common: &BTreeSet<String>) -> Vec<u32> {
        let bit: FxHashMap<&str, usize> = common.iter().enumerate().map(|(i, s)| (s.as_str(), i)).collect();
        let folded_bit: Vec<Option<usize>> = self
            .names
            .iter()
            .map(|n| {
                bit.get(analysis::token_texts(n, Form::Folded).join("").as_str())
                    .copied()
            })
            .collect();
        let blocks = common.len().div_ceil(64);
        let sets: Vec<Vec<u64>> = (0..self.starts.len())
            .map(|article| {
                let start = self.starts[article];
                let end = self.starts.get(article + 1).copied().unwrap_or(self.stream.len());
                let mut set = vec![0u64; blocks];
                for &id in self.stream[start..end].iter().filter(|&&id| id != BREAK) {
                    if let Some(b) = folded_bit[id as usize] {
                        set[b / 64] |= 1 << (b % 64);
                    }
                }
                set
            })
            .collect();
        words
            .par_iter()
            .map(|word| {
                let bits: Vec<usize> = word.split(' ').map(|s| bit[s]).collect();
                sets.iter()
                    .filter(|set| bits.iter().all(|&b| set[b / 64] & (1 << (b % 64)) != 0))
                    .count() as u32
            })
            .collect()
    }

    /// Articles holding each entry (exact form, adjacent syllables in one
    /// clause); 0 for entries with a syllable the corpus lacks.
    fn articles_with(&self, entries: &[Option<Vec<u32>>]) -> Vec<u32> {
        let mut by_first: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
        for (i, ids) in entries.iter().enumerate() {
            if let Some(ids) = ids {
                by_first.entry(ids[0]).or_default().push(i);
            }
        }
        let mut counts = vec![0u32; entries.len()];
        let mut last = vec![usize::MAX; entries.len()];
        for (article, &start) in self.starts.iter().enumerate() {
            let end = self.starts.get(article + 1).copied().unwrap_or(self.stream.len());
            let stream = &self.stream[start..end];
            for at in 0..stream.len() {
                let Some(candidates) = by_first.get(&stream[at]) else {
                    continue;
                };
                for &i in candidates {
                    let ids = entries[i].as_ref().expect("indexed");
                    if last[i] != article && stream[at..].starts_with(ids) {
                        last[i] = article;
                        counts[i] += 1;
                    }
                }
            }
        }
        counts
    }
}

#[derive(Clone, Copy, Default)]
struct Counts {
    occurrences: u32,
    articles: u32,
    last_article: u32,
}

/// Whether `group` (occurring `together` times) passes both association
/// thresholds at every split into a left and a right part.
fn associated(group: &[u32], together: u32, counts: &FxHashMap<Vec<u32>, Counts>, total: f64) -> bool {
    (1..group.len()).all(|split| {
        let (Some(left), Some(right)) = (counts.get(&group[..split]), counts.get(&group[split..])) else {
            return false;
        };
        let (l, r, g) = (
            f64::from(left.occurrences),
            f64::from(right.occurrences),
            f64::from(together),
        );
        let pmi = (g * total / (l * r)).log2();
        pmi >= MIN_PMI && g / l.min(r) >= MIN_SHARE
    })
}
