//! The dictionary of Vietnamese words of several syllables (`tham nhũng`,
//! `nông thôn mới`, `Trung Quốc`, `Tô Lâm`) that the query segmenter keeps
//! whole. The data is `index-schema/words.tsv`, compiled in and read where
//! it lies: one line per entry, sorted by folded form, so a lookup is a
//! binary search and opening it costs one pass to find the line starts.

use std::sync::OnceLock;

/// The bundled dictionary file (see `index-schema/DICTIONARY.md`).
pub const BUNDLED: &str = include_str!("../index-schema/words.tsv");

/// Longest entry, in syllables.
pub const MAX_SYLLABLES: usize = 8;

/// The dictionary: entries sorted by folded form.
pub struct Dictionary {
    text: &'static str,
    /// Byte range of each entry line in `text`.
    lines: Vec<(u32, u32)>,
}

/// Where an entry comes from (every letter the file uses is named, also
/// those no lookup asks about yet).
#[allow(dead_code)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The pyvi word list.
    WordList,
    /// A politician's name (reference list).
    Official,
    /// A province name or spelling variant.
    Province,
    /// A world place name (countries, regions, seas…).
    Place,
    /// A form of a synonym group.
    Synonym,
    /// A word group mined from the shared corpora.
    Mined,
}

/// One entry: its syllables folded and exact (each joined by spaces).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry<'a> {
    pub folded: &'a str,
    pub exact: &'a str,
    sources: &'a str,
    /// Articles of the shared corpora that hold the exact form.
    pub articles: u32,
}

impl Entry<'_> {
    /// Whether the entry comes (also) from `source`.
    pub fn is_from(&self, source: Source) -> bool {
        let code = match source {
            Source::WordList => 'w',
            Source::Official => 'o',
            Source::Province => 'p',
            Source::Place => 'g',
            Source::Synonym => 's',
            Source::Mined => 'm',
        };
        self.sources.contains(code)
    }

    /// A person or a place: what an accentless query that spells it most
    /// likely means.
    pub fn is_name(&self) -> bool {
        self.is_from(Source::Official) || self.is_from(Source::Province) || self.is_from(Source::Place)
    }

    /// The exact syllables.
    pub fn syllables(&self) -> impl Iterator<Item = &str> {
        self.exact.split(' ')
    }
}

impl Dictionary {
    /// The bundled dictionary, read once.
    pub fn bundled() -> &'static Dictionary {
        static BUNDLED_DICTIONARY: OnceLock<Dictionary> = OnceLock::new();
        BUNDLED_DICTIONARY.get_or_init(|| Dictionary::new(BUNDLED))
    }

    /// Reads a dictionary in the format of `words.tsv` (comment lines start
    /// with `#`; entries sorted by their folded column).
    pub fn new(text: &'static str) -> Dictionary {
        let mut lines = Vec::new();
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            let end = start + line.trim_end_matches(['\n', '\r']).len();
            if !line.starts_with('#') && end > start {
                lines.push((start as u32, end as u32));
            }
            start += line.len();
        }
        Dictionary { text, lines }
    }

    /// How many entries there are.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.lines.len()
    }

    fn entry(&self, index: usize) -> Entry<'static> {
        let (start, end) = self.lines[index];
        let line = &self.text[start as usize..end as usize];
        let mut columns = line.split('\t');
        let mut next = || columns.next().unwrap_or("");
        let (folded, exact, sources) = (next(), next(), next());
        Entry {
            folded,
            exact,
            sources,
            articles: next().parse().unwrap_or(0),
        }
    }

    /// The folded column of a line.
    fn folded_of(&self, (start, end): (u32, u32)) -> &'static str {
        let line = &self.text[start as usize..end as usize];
        line.split('\t').next().unwrap_or("")
    }

    /// Every entry whose folded form is `folded` (syllables joined by single
    /// spaces).
    pub fn entries<'a>(&'a self, folded: &'a str) -> impl Iterator<Item = Entry<'static>> + 'a {
        let from = self.lines.partition_point(|&line| self.folded_of(line) < folded);
        (from..self.lines.len())
            .take_while(move |&i| self.folded_of(self.lines[i]) == folded)
            .map(|i| self.entry(i))
    }

    /// All entries, in file order.
    pub fn all(&self) -> impl Iterator<Item = Entry<'static>> + '_ {
        (0..self.lines.len()).map(|i| self.entry(i))
    }

    /// All entries, in file order.
    #[cfg(test)]
    fn iter(&self) -> impl Iterator<Item = Entry<'static>> + '_ {
        (0..self.lines.len()).map(|i| self.entry(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{self, Form};

    #[test]
    fn the_bundled_file_is_sorted_and_normalised_by_the_analyzer() {
        let dictionary = Dictionary::bundled();
        assert!(dictionary.len() > 30_000, "{}", dictionary.len());
        let mut previous = String::new();
        for entry in dictionary.iter() {
            assert!(entry.folded >= previous.as_str(), "{} after {previous}", entry.folded);
            previous = entry.folded.to_string();
            let exact = analysis::token_texts(entry.exact, Form::Exact).join(" ");
            let folded = analysis::token_texts(entry.exact, Form::Folded).join(" ");
            assert_eq!(exact, entry.exact, "exact form of {:?}", entry.exact);
            assert_eq!(folded, entry.folded, "folded form of {:?}", entry.exact);
            let syllables = entry.syllables().count();
            assert!((2..=MAX_SYLLABLES).contains(&syllables), "{:?}", entry.exact);
        }
    }

    #[test]
    fn lookups_find_every_form_of_a_folded_key() {
        let dictionary = Dictionary::bundled();
        let forms: Vec<&str> = dictionary.entries("co the").map(|e| e.exact).collect();
        assert!(forms.contains(&"có thể") && forms.contains(&"cơ thể"), "{forms:?}");
        assert!(
            dictionary.entries("tinh uy").any(|e| e.exact == "tỉnh ủy"),
            "pyvi's tỉnh uỷ, normalised"
        );
        assert!(dictionary.entries("trung quoc").any(|e| e.is_name()));
        assert!(dictionary.entries("to lam").any(|e| e.is_from(Source::Official)));
        assert_eq!(dictionary.entries("zzzz qqqq").count(), 0);
        assert_eq!(dictionary.entries("").count(), 0);
    }
}
