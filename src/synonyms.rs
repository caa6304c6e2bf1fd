//! Abbreviations and their full forms (UBND = Ủy ban nhân dân), expanded at
//! query time: a query written with either form finds both.
//!
//! The list is data (`index-schema/synonyms.tsv`); users add their own file
//! in the same format with `--synonyms FILE`.

use crate::analysis::{self, Form};
use crate::error::{Error, Result};
use crate::ingest::Problem;
use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

/// The bundled list.
pub const BUNDLED: &str = include_str!("../index-schema/synonyms.tsv");

/// One written form of a group: its text and its folded tokens.
#[derive(Debug, Clone)]
struct Written {
    text: String,
    tokens: Vec<String>,
    /// The tokens' exact forms.
    exact: Vec<String>,
    /// Each token's position counted from the first: gaps where a clause
    /// break ("TP. HCM") parts the words.
    positions: Vec<usize>,
}

/// Groups of equivalent forms, looked up by their first folded token.
#[derive(Debug, Default, Clone)]
pub struct Synonyms {
    groups: Vec<Vec<Written>>,
    by_first_token: HashMap<String, Vec<(usize, usize)>>,
}

/// One form to search for: a text, read as a phrase, syllables at the
/// positions written (a clause break written in the form, as in "TP. HCM",
/// is a position between its words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alternative {
    pub text: String,
}

impl Alternative {
    pub fn exact(text: &str) -> Alternative {
        Alternative { text: text.to_string() }
    }
}

/// Folded tokens of `text` and their positions, as the query renders it
/// (quotes, which the phrase syntax cannot hold, read as spaces).
fn written(text: &str) -> Written {
    let rendered = text.replace('"', " ");
    let tokens = analysis::tokens(&rendered, Form::Folded);
    let first = tokens.first().map_or(0, |t| t.position);
    Written {
        exact: analysis::token_texts(&rendered, Form::Exact),
        text: text.to_string(),
        positions: tokens.iter().map(|t| t.position - first).collect(),
        tokens: tokens.into_iter().map(|t| t.text).collect(),
    }
}

/// The forms of a group, each search made once: forms with the same words
/// laid out alike ("TP.HCM", "TP HCM") are one search. Forms laid out
/// otherwise ("TP. HCM": a clause break, a position between the words)
/// are searched as written.
fn distinct_layouts<'w>(forms: impl IntoIterator<Item = &'w Written>) -> Vec<Alternative> {
    let mut kept: Vec<&Written> = Vec::new();
    for form in forms {
        if !kept
            .iter()
            .any(|k| k.tokens == form.tokens && k.positions == form.positions)
        {
            kept.push(form);
        }
    }
    kept.into_iter()
        .map(|form| Alternative {
            text: form.text.clone(),
        })
        .collect()
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
        let text = std::fs::read_to_string(path).map_err(|e| Error::io("cannot read", path, e))?;
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
                .map(written)
                .collect();
            if forms.len() < 2 || forms.iter().any(|f| f.tokens.is_empty()) {
                return Err(Error::BadInput(Problem {
                    file: origin.into(),
                    line: Some(number + 1),
                    message: "a group needs two or more forms with words, separated by \" | \"".into(),
                }));
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

    /// Groups of equivalent forms.
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// Whether there are no groups.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The forms to search for a stretch of query words that spells a form
    /// of `group`: what was typed (`typed`) first, then the group's other
    /// forms, each layout once (see `distinct_layouts`).
    pub fn alternatives(&self, group: usize, typed: &str) -> Vec<Alternative> {
        let typed = written(typed);
        distinct_layouts(std::iter::once(&typed).chain(&self.groups[group]))
    }

    /// The group and end token of the longest form starting at `at` of
    /// `tokens` (folded) that `accept` takes (given the form's exact tokens).
    pub fn longest_match_where(
        &self,
        tokens: &[String],
        at: usize,
        accept: impl Fn(&[String]) -> bool,
    ) -> Option<(usize, usize)> {
        self.by_first_token
            .get(&tokens[at])?
            .iter()
            .map(|&(group, form)| (group, &self.groups[group][form]))
            .filter(|(_, form)| tokens[at..].starts_with(&form.tokens) && accept(&form.exact))
            .map(|(group, form)| (group, at + form.tokens.len()))
            .max_by_key(|&(_, end)| end)
    }

    /// The group and end token of the longest form starting at `at` of
    /// `tokens` (folded).
    #[cfg(test)]
    fn longest_match(&self, tokens: &[String], at: usize) -> Option<(usize, usize)> {
        self.longest_match_where(tokens, at, |_| true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(text: &str) -> Synonyms {
        let mut s = Synonyms::default();
        s.add(text, "test").unwrap();
        s
    }

    fn folded(text: &str) -> Vec<String> {
        analysis::token_texts(text, Form::Folded)
    }

    fn texts(alternatives: Vec<Alternative>) -> Vec<String> {
        alternatives.into_iter().map(|a| a.text).collect()
    }

    #[test]
    fn bundled_list_parses() {
        assert!(Synonyms::bundled().len() >= 8);
    }

    #[test]
    fn abbreviation_and_full_form_find_each_other() {
        let s = list("UBND | Ủy ban nhân dân");
        let (group, end) = s.longest_match(&folded("UBND tỉnh"), 0).unwrap();
        assert_eq!(end, 1);
        assert_eq!(texts(s.alternatives(group, "UBND")), ["UBND", "Ủy ban nhân dân"]);
        let (group, end) = s.longest_match(&folded("uy ban nhan dan tinh"), 0).unwrap();
        assert_eq!(end, 4);
        // What was typed is searched once.
        assert_eq!(
            texts(s.alternatives(group, "uy ban nhan dan")),
            ["uy ban nhan dan", "UBND"]
        );
    }

    #[test]
    fn the_longest_form_wins_and_forms_cover_whole_tokens() {
        let s = list("TP | thành phố\nTP.HCM | TP Hồ Chí Minh | Thành phố Hồ Chí Minh");
        assert_eq!(
            s.longest_match(&folded("thành phố Hồ Chí Minh"), 0).map(|m| m.1),
            Some(5)
        );
        assert_eq!(s.longest_match(&folded("thành phố Huế"), 0).map(|m| m.1), Some(2));
        assert!(s.longest_match(&folded("thành"), 0).is_none());
    }

    #[test]
    fn forms_laid_out_alike_are_searched_once() {
        let s = list("TP.HCM | TPHCM | TP HCM | TP. HCM | TP Hồ Chí Minh | TP. Hồ Chí Minh");
        let (group, _) = s.longest_match(&folded("tp hcm"), 0).unwrap();
        // "TP.HCM" and "TP HCM" are the typed "tp hcm"; the full stop of
        // "TP. HCM" is a clause break: searched as written.
        assert_eq!(
            texts(s.alternatives(group, "tp hcm")),
            ["tp hcm", "TPHCM", "TP. HCM", "TP Hồ Chí Minh", "TP. Hồ Chí Minh"]
        );
        // A quote is rendered as a space: measured so.
        let s = list("Cty \"Sông Đà\" | Cty, Sông Đà");
        let (group, _) = s.longest_match(&folded("Cty Sông Đà"), 0).unwrap();
        assert_eq!(
            texts(s.alternatives(group, "Cty Sông Đà")),
            ["Cty Sông Đà", "Cty, Sông Đà"]
        );
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let err = Synonyms::default().add("# c\nUBND\n", "mine.tsv").unwrap_err();
        assert!(err.to_string().starts_with("mine.tsv:2:"), "{err}");
    }
}
