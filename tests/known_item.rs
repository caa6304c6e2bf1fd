//! Known-item evaluation: a span of 4 consecutive syllables of a real
//! article, typed the ways people type it (as written, without accents,
//! decomposed, in capitals, with the other tone placement, with an
//! abbreviation for a full form), must bring that article into the first
//! ten hits. Success@10 per class must reach 0.97.
//!
//! Spans are drawn from one clause (no comma or full stop inside: nobody
//! types those) and only where they identify an article: at most ten
//! articles hold the span's syllables side by side, accents aside (else
//! even a perfect ranking could miss). How many spans were left out for
//! that is printed with the scores:
//! `cargo test --release --test known_item -- --nocapture`.

mod common;

use common::Lcg;
use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::Path;
use tracuu::analysis::{self, Form};
use tracuu::{ExportField, ExportFormat, ExportOptions, IndexOptions, Request, Sort, TracuuIndex};
use unicode_normalization::UnicodeNormalization;

/// One article of the sample: id, and its texts' tokens (raw, folded, position).
struct Article {
    id: String,
    texts: Vec<Vec<(String, String, usize)>>,
}

fn tokens_of(text: &str) -> Vec<(String, String, usize)> {
    analysis::tokens(text, Form::Folded)
        .into_iter()
        .map(|t| (text[t.offset_from..t.offset_to].to_string(), t.text, t.position))
        .collect()
}

/// Old tone placement for the new, or the other way round, in one syllable
/// (hòa ↔ hoà, thủy ↔ thuỷ, khỏe ↔ khoẻ: an open oa, oe or uy); `None` when
/// the syllable has no such rime.
fn other_tone_placement(syllable: &str) -> Option<String> {
    let tones = ['\u{300}', '\u{301}', '\u{309}', '\u{303}', '\u{323}'];
    // Letters with their marks, decomposed.
    let mut letters: Vec<(char, Vec<char>)> = Vec::new();
    for c in syllable.nfd() {
        match letters.last_mut() {
            Some((_, marks)) if unicode_normalization::char::is_combining_mark(c) => marks.push(c),
            _ => letters.push((c, Vec::new())),
        }
    }
    let n = letters.len();
    if n < 2 {
        return None;
    }
    let (a, b) = (
        letters[n - 2].0.to_ascii_lowercase(),
        letters[n - 1].0.to_ascii_lowercase(),
    );
    let plain = |marks: &[char]| marks.iter().all(|m| tones.contains(m));
    if !matches!((a, b), ('o', 'a') | ('o', 'e') | ('u', 'y')) || !plain(&letters[n - 2].1) || !plain(&letters[n - 1].1)
    {
        return None;
    }
    if n >= 3 {
        let before = letters[n - 3].0.to_ascii_lowercase();
        if "aeiouy".contains(before) || (before == 'q' && a == 'u') {
            return None;
        }
    }
    // The tone moves to the other vowel of the rime.
    if letters[n - 2].1.is_empty() == letters[n - 1].1.is_empty() {
        return None;
    }
    letters.swap(n - 2, n - 1);
    let (last, before_last) = (letters[n - 1].0, letters[n - 2].0);
    letters[n - 1].0 = before_last;
    letters[n - 2].0 = last;
    let out: String = letters
        .into_iter()
        .flat_map(|(c, marks)| std::iter::once(c).chain(marks))
        .collect::<String>()
        .nfc()
        .collect();
    Some(out)
}

fn corpus_sample(dir: &Path, out: &Path) -> bool {
    let mut file = std::io::BufWriter::new(std::fs::File::create(out).unwrap());
    for name in ["vntc-10topics", "baomoi-2017", "vietnews-party-subset"] {
        let Ok(f) = std::fs::File::open(dir.join(format!("{name}.jsonl.gz"))) else {
            return false;
        };
        for (i, line) in std::io::BufReader::new(flate2::read::MultiGzDecoder::new(f))
            .lines()
            .enumerate()
        {
            if i % 25 == 3 {
                writeln!(file, "{}", line.unwrap()).unwrap();
            }
        }
    }
    true
}

#[test]
fn known_items_are_found_in_the_first_ten_hits() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/corpus");
    let home = tempfile::TempDir::new().unwrap();
    let input = home.path().join("sample.jsonl");
    if !corpus_sample(&dir, &input) {
        assert!(
            std::env::var("CI").is_err(),
            "CI needs the shared corpora at {}",
            dir.display()
        );
        eprintln!("skipped: no shared corpora at {}", dir.display());
        return;
    }
    let target = TracuuIndex::open_or_create(&home.path().join("idx")).unwrap();
    target.add_paths(&[input], &IndexOptions::default(), &mut ()).unwrap();
    // The originals as indexed (copies are hidden: their spans find the
    // original), read as a second program would: an export.
    let mut jsonl = Vec::new();
    let everything = Request {
        sort: Sort::Date,
        ..Request::default()
    };
    let options = ExportOptions {
        format: ExportFormat::Jsonl,
        fields: vec![ExportField::Id, ExportField::Title, ExportField::Body],
        excel: false,
    };
    target.export(&everything, &options, &mut jsonl, &mut ()).unwrap();
    let articles: Vec<Article> = jsonl
        .lines()
        .map(|line| {
            let hit: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
            let text = |key: &str| hit[key].as_str().unwrap().to_string();
            Article {
                texts: vec![tokens_of(&text("title")), tokens_of(&text("body"))],
                id: text("id"),
            }
        })
        .collect();
    // How many articles hold each folded 4-syllable span (side by side).
    let mut spans: std::collections::HashMap<String, usize> = Default::default();
    for a in &articles {
        let mut seen = std::collections::HashSet::new();
        for text in &a.texts {
            for w in text.windows(4) {
                if w.windows(2).all(|p| p[1].2 == p[0].2 + 1) {
                    let key = w.iter().map(|t| t.1.as_str()).collect::<Vec<_>>().join(" ");
                    if seen.insert(key.clone()) {
                        *spans.entry(key).or_default() += 1;
                    }
                }
            }
        }
    }
    let abbreviations: Vec<(Vec<String>, String)> = synonym_full_forms();

    let mut rng = Lcg(4);
    let classes = [
        "as written",
        "without accents",
        "NFD",
        "capitals",
        "other tone placement",
        "abbreviation",
    ];
    let mut results: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut ambiguous = 0;
    let mut misses: Vec<String> = Vec::new();
    let wanted = 150;
    let mut attempts = 0;
    while classes.iter().any(|c| results.get(c).is_none_or(|r| r.1 < wanted)) && attempts < 2_000_000 {
        attempts += 1;
        let a = &articles[rng.next(articles.len())];
        let text = &a.texts[if rng.next(6) == 0 { 0 } else { 1 }];
        if text.len() < 8 {
            continue;
        }
        let start = rng.next(text.len() - 7);
        // Abbreviation class: a full form and the syllables after it.
        let full = abbreviations.iter().find(|(folded, _)| {
            text[start..].len() >= folded.len() + 3
                && text[start..start + folded.len()].iter().map(|t| &t.1).eq(folded.iter())
        });
        let len = full.map_or(4, |(f, _)| f.len() + 3);
        let w = &text[start..start + len];
        let letters = w.iter().all(|t| t.0.chars().all(char::is_alphabetic));
        if !letters || !w.windows(2).all(|p| p[1].2 == p[0].2 + 1) {
            continue;
        }
        let identifies = w.windows(4).all(|part| {
            let key = part.iter().map(|t| t.1.as_str()).collect::<Vec<_>>().join(" ");
            spans.get(&key).copied().unwrap_or(0) <= 10
        });
        if !identifies {
            ambiguous += 1;
            continue;
        }
        let raw: Vec<&str> = w.iter().map(|t| t.0.as_str()).collect();
        let mut queries: Vec<(&str, String)> = Vec::new();
        if let Some((folded, abbreviation)) = full {
            let rest = raw[folded.len()..].join(" ");
            queries.push(("abbreviation", format!("{abbreviation} {rest}")));
        } else {
            queries.push(("as written", raw.join(" ")));
            queries.push((
                "without accents",
                w.iter().map(|t| t.1.as_str()).collect::<Vec<_>>().join(" "),
            ));
            queries.push(("NFD", raw.join(" ").nfd().collect()));
            queries.push(("capitals", raw.join(" ").to_uppercase()));
            let swapped: Vec<Option<String>> = raw.iter().map(|s| other_tone_placement(s)).collect();
            if swapped.iter().any(Option::is_some) {
                let typed: Vec<String> = raw
                    .iter()
                    .zip(&swapped)
                    .map(|(r, s)| s.clone().unwrap_or_else(|| r.to_string()))
                    .collect();
                queries.push(("other tone placement", typed.join(" ")));
            }
        }
        for (class, query) in queries {
            let entry = results.entry(class).or_default();
            if entry.1 >= wanted {
                continue;
            }
            let found = target.search(&Request::new(query.as_str())).unwrap();
            let hit = found.hits.iter().any(|h| h.id == a.id);
            entry.0 += hit as usize;
            entry.1 += 1;
            if !hit {
                misses.push(format!(
                    "{class}: {query:?} (read as {}) → {} matches, {} not in the first 10",
                    found.read_as, found.total, a.id
                ));
            }
        }
    }
    eprintln!(
        "known-item success@10 on {} articles ({ambiguous} spans left out: held by more than 10 articles):",
        articles.len()
    );
    for (class, (hits, all)) in &results {
        eprintln!("  {class:22} {:.3} ({hits}/{all})", *hits as f64 / *all as f64);
    }
    for miss in misses.iter().take(30) {
        eprintln!("  miss: {miss}");
    }
    for class in classes {
        let (hits, all) = results.get(class).copied().unwrap_or_default();
        assert!(all >= 50, "{class}: only {all} spans");
        assert!(hits as f64 >= 0.97 * all as f64, "{class}: success@10 {hits}/{all}");
    }
}

/// (folded tokens, abbreviation) of every synonym group's full forms of
/// two syllables or more, with the group's first (short) form.
fn synonym_full_forms() -> Vec<(Vec<String>, String)> {
    let mut out = Vec::new();
    for line in tracuu::BUNDLED_SYNONYMS.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let forms: Vec<&str> = line.split('|').map(str::trim).collect();
        let short = forms[0];
        for form in &forms[1..] {
            let tokens = analysis::token_texts(form, Form::Folded);
            // A form written with punctuation is not a span one types.
            if tokens.len() >= 2 && !form.contains([',', '.', '-', '&', '"']) {
                out.push((tokens, short.to_string()));
            }
        }
    }
    out.sort_by_key(|(t, _)| std::cmp::Reverse(t.len()));
    out
}
