//! Abbreviations and their full forms (UBND = Ủy ban nhân dân), expanded at
//! query time: a query written with either form finds both.
//!
//! The list is data (`index-schema/synonyms.tsv`); users add their own file
//! in the same format with `--synonyms FILE`.

use crate::analysis::{self, Form};
use anyhow::{bail, Context, Result};
use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

/// The bundled list.
pub const BUNDLED: &str = include_str!("../index-schema/synonyms.tsv");

/// Longest expansion of one query: past this, further matches stay as typed.
const MAX_VARIANTS: usize = 16;

/// One written form of a group: its text and its folded tokens.
#[derive(Debug, Clone)]
struct Written {
    text: String,
    tokens: Vec<String>,
}

/// Groups of equivalent forms, looked up by their first folded token.
#[derive(Debug, Default, Clone)]
pub struct Synonyms {
    groups: Vec<Vec<Written>>,
    by_first_token: HashMap<String, Vec<(usize, usize)>>,
}

/// A stretch of query words: as typed, or a choice between equivalent forms.
#[derive(Debug, Clone, PartialEq)]
pub enum Segment<'a> {
    Word(&'a str),
    /// The typed text first, then the other forms of its group.
    Choice(Vec<String>),
}

impl Synonyms {
    /// The bundled list, parsed once.
    pub fn bundled() -> &'static Synonyms {
        static BUNDLED_LIST: OnceLock<Synonyms> = OnceLock::new();
        BUNDLED_LIST.get_or_init(|| {
            let mut list = Synonyms::default();
            list.add(BUNDLED, "index-schema/synonyms.tsv")
                .expect("bundled synonyms parse (checked by tests)");
            list
        })
    }

    /// The bundled list plus a user's file.
    pub fn with_file(path: &Path) -> Result<Synonyms> {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        let mut list = Synonyms::bundled().clone();
        list.add(&text, &path.display().to_string())?;
        Ok(list)
    }

    /// Adds the groups of a file: one group a line, forms separated by " | ",
    /// `#` starts a comment line.
    pub fn add(&mut self, text: &str, origin: &str) -> Result<()> {
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let forms: Vec<Written> = line
                .split('|')
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .map(|f| Written {
                    text: f.to_string(),
                    tokens: analysis::token_texts(f, Form::Folded),
                })
                .collect();
            if forms.len() < 2 || forms.iter().any(|f| f.tokens.is_empty()) {
                bail!(
                    "{origin}:{}: a group needs two or more forms with words, separated by \" | \"",
                    number + 1
                );
            }
            let group = self.groups.len();
            for (index, form) in forms.iter().enumerate() {
                self.by_first_token
                    .entry(form.tokens[0].clone())
                    .or_default()
                    .push((group, index));
            }
            self.groups.push(forms);
        }
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.groups.len()
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Splits query words into segments, replacing every run of whole words
    /// that spells a form of a group by a choice between its forms. The
    /// longest match wins; a form must cover whole words, so "CT" in
    /// "19-CT/TW" is never expanded.
    pub fn segments<'a>(&self, words: &[&'a str]) -> Vec<Segment<'a>> {
        // Folded tokens of the words, and for each token the word it is in.
        let mut tokens: Vec<String> = Vec::new();
        let mut word_of: Vec<usize> = Vec::new();
        let mut word_start: Vec<usize> = Vec::with_capacity(words.len());
        for (w, word) in words.iter().enumerate() {
            word_start.push(tokens.len());
            for token in analysis::token_texts(word, Form::Folded) {
                tokens.push(token);
                word_of.push(w);
            }
        }
        let mut segments = Vec::new();
        let mut w = 0;
        while w < words.len() {
            let at = word_start[w];
            let found = (at < tokens.len() && word_of[at] == w)
                .then(|| self.longest_match(&tokens, at))
                .flatten()
                .filter(|&(_, end)| end == tokens.len() || word_start.get(word_of[end - 1] + 1) == Some(&end));
            match found {
                Some((group, end)) => {
                    let last_word = word_of[end - 1];
                    let typed = words[w..=last_word].join(" ");
                    // Every written form, even one with the typed tokens: its
                    // punctuation may be what the articles use.
                    let mut choice = vec![typed];
                    for form in &self.groups[group] {
                        if !choice.contains(&form.text) {
                            choice.push(form.text.clone());
                        }
                    }
                    segments.push(Segment::Choice(choice));
                    w = last_word + 1;
                }
                None => {
                    segments.push(Segment::Word(words[w]));
                    w += 1;
                }
            }
        }
        segments
    }

    /// The group and end token of the longest form starting at `at`.
    fn longest_match(&self, tokens: &[String], at: usize) -> Option<(usize, usize)> {
        self.by_first_token
            .get(&tokens[at])?
            .iter()
            .map(|&(group, form)| (group, &self.groups[group][form].tokens))
            .filter(|(_, form)| tokens[at..].starts_with(form))
            .map(|(group, form)| (group, at + form.len()))
            .max_by_key(|&(_, end)| end)
    }
}

/// Every way of reading a sequence of segments (at most `MAX_VARIANTS`;
/// beyond that, choices keep the typed form).
pub fn variants(segments: &[Segment<'_>]) -> Vec<String> {
    let mut out: Vec<Vec<&str>> = vec![Vec::new()];
    for segment in segments {
        match segment {
            Segment::Word(w) => out.iter_mut().for_each(|v| v.push(w)),
            Segment::Choice(forms) if out.len() * forms.len() <= MAX_VARIANTS => {
                out = out
                    .iter()
                    .flat_map(|v| forms.iter().map(move |f| [v.as_slice(), &[f.as_str()]].concat()))
                    .collect();
            }
            Segment::Choice(forms) => out.iter_mut().for_each(|v| v.push(&forms[0])),
        }
    }
    out.into_iter().map(|v| v.join(" ")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(text: &str) -> Synonyms {
        let mut s = Synonyms::default();
        s.add(text, "test").unwrap();
        s
    }

    #[test]
    fn bundled_list_parses() {
        assert!(Synonyms::bundled().len() >= 8);
    }

    #[test]
    fn abbreviation_and_full_form_expand_both_ways() {
        let s = list("UBND | Ủy ban nhân dân");
        assert_eq!(
            s.segments(&["UBND", "tỉnh"]),
            [
                Segment::Choice(vec!["UBND".into(), "Ủy ban nhân dân".into()]),
                Segment::Word("tỉnh")
            ]
        );
        assert_eq!(
            s.segments(&["uy", "ban", "nhan", "dan", "tinh"]),
            [
                Segment::Choice(vec!["uy ban nhan dan".into(), "UBND".into(), "Ủy ban nhân dân".into()]),
                Segment::Word("tinh")
            ]
        );
    }

    #[test]
    fn forms_must_cover_whole_words() {
        let s = list("CT | Chỉ thị\nTW | Trung ương");
        assert_eq!(s.segments(&["19-CT/TW"]), [Segment::Word("19-CT/TW")]);
    }

    #[test]
    fn longest_form_wins() {
        let s = list("TP | thành phố\nTP.HCM | TP Hồ Chí Minh | Thành phố Hồ Chí Minh");
        let segments = s.segments(&["thành", "phố", "Hồ", "Chí", "Minh"]);
        assert_eq!(segments.len(), 1);
        assert_eq!(variants(&segments).len(), 4, "typed + three forms");
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let err = Synonyms::default().add("# c\nUBND\n", "mine.tsv").unwrap_err();
        assert!(err.to_string().starts_with("mine.tsv:2:"), "{err}");
    }

    #[test]
    fn variants_multiply_and_stay_bounded() {
        let choice = Segment::Choice(vec!["a".into(), "b".into(), "c".into()]);
        assert_eq!(variants(&[choice.clone(), Segment::Word("x")]), ["a x", "b x", "c x"]);
        assert_eq!(variants(&vec![choice; 5]).len(), 9);
    }
}
