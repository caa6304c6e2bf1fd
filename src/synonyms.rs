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
    /// The tokens' exact forms.
    exact: Vec<String>,
    /// Each token's position counted from the first: gaps where a clause
    /// break ("TP. HCM") parts the words.
    positions: Vec<usize>,
}

impl Written {
    /// Position of the last token, counted from the first.
    fn span(&self) -> usize {
        self.positions.last().copied().unwrap_or(0)
    }

    fn gapless(&self) -> bool {
        self.span() + 1 == self.positions.len().max(1)
    }
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
    Choice(Vec<Alternative>),
}

/// One thing to search for: a text, read as a phrase, whose words may stand
/// `slop` positions further apart than written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alternative {
    pub text: String,
    pub slop: usize,
}

impl Alternative {
    pub fn exact(text: &str) -> Alternative {
        Alternative {
            text: text.to_string(),
            slop: 0,
        }
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

/// The forms of a choice, each search made once: forms with the same words
/// laid out alike ("TP.HCM", "TP HCM") are one search, and a form with the
/// words side by side stands for the others with the same words, with the
/// slop the loosest needs (the full stop in "TP. HCM" is a clause break, a
/// position between the words). Searching each would cost a pass over the
/// same positions and count twice in the score. Forms with gaps in different
/// places and no gapless form among them stay apart.
fn merge_alike<'w>(forms: impl IntoIterator<Item = &'w Written>) -> Vec<Alternative> {
    // (form kept, loosest span it stands for)
    let mut kept: Vec<(&Written, usize)> = Vec::new();
    for form in forms {
        let alike =
            |k: &Written| k.tokens == form.tokens && (k.positions == form.positions || k.gapless() || form.gapless());
        match kept.iter_mut().find(|(k, _)| alike(k)) {
            Some((k, loosest)) => {
                *loosest = (*loosest).max(form.span());
                if form.gapless() && !k.gapless() {
                    *k = form;
                }
            }
            None => kept.push((form, form.span())),
        }
    }
    kept.into_iter()
        .map(|(form, loosest)| Alternative {
            text: form.text.clone(),
            slop: loosest - form.span(),
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
                .map(written)
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
                    let typed = written(&typed);
                    let choice = merge_alike(std::iter::once(&typed).chain(&self.groups[group]));
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

    /// The forms to search for a stretch of query words that spells a form
    /// of `group`: what was typed (`typed`) first, then the group's other
    /// forms, each search made once (see `merge_alike`).
    pub fn alternatives(&self, group: usize, typed: &str) -> Vec<Alternative> {
        let typed = written(typed);
        merge_alike(std::iter::once(&typed).chain(&self.groups[group]))
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
    fn longest_match(&self, tokens: &[String], at: usize) -> Option<(usize, usize)> {
        self.longest_match_where(tokens, at, |_| true)
    }
}

/// Every way of reading a sequence of segments (at most `MAX_VARIANTS`;
/// beyond that, choices keep the typed form).
pub fn variants(segments: &[Segment<'_>]) -> Vec<Alternative> {
    let mut out: Vec<Vec<&Alternative>> = vec![Vec::new()];
    let words: Vec<Alternative> = segments
        .iter()
        .map(|segment| match segment {
            Segment::Word(w) => Alternative::exact(w),
            Segment::Choice(_) => Alternative::exact(""),
        })
        .collect();
    for (segment, word) in segments.iter().zip(&words) {
        match segment {
            Segment::Word(_) => out.iter_mut().for_each(|v| v.push(word)),
            Segment::Choice(forms) if out.len() * forms.len() <= MAX_VARIANTS => {
                out = out
                    .iter()
                    .flat_map(|v| forms.iter().map(move |f| [v.as_slice(), &[f]].concat()))
                    .collect();
            }
            Segment::Choice(forms) => out.iter_mut().for_each(|v| v.push(&forms[0])),
        }
    }
    out.into_iter()
        .map(|parts| Alternative {
            text: parts.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join(" "),
            slop: parts.iter().map(|p| p.slop).sum(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(forms: &[(&str, usize)]) -> Segment<'static> {
        Segment::Choice(
            forms
                .iter()
                .map(|&(text, slop)| Alternative {
                    text: text.to_string(),
                    slop,
                })
                .collect(),
        )
    }

    fn texts(variants: Vec<Alternative>) -> Vec<String> {
        variants.into_iter().map(|v| v.text).collect()
    }

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
            [choice(&[("UBND", 0), ("Ủy ban nhân dân", 0)]), Segment::Word("tỉnh")]
        );
        assert_eq!(
            s.segments(&["uy", "ban", "nhan", "dan", "tinh"]),
            // "Ủy ban nhân dân" searches for what was typed: not twice.
            [choice(&[("uy ban nhan dan", 0), ("UBND", 0)]), Segment::Word("tinh")]
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
        assert_eq!(variants(&segments).len(), 3, "typed + two other forms");
    }

    #[test]
    fn forms_with_the_same_words_are_searched_once() {
        let s = list("TP.HCM | TPHCM | TP HCM | TP. HCM | TP Hồ Chí Minh | TP. Hồ Chí Minh");
        // A full stop is a clause break, one position between the words:
        // the tightest spelling is searched, with room for the loosest.
        assert_eq!(
            s.segments(&["tp.", "hcm"]),
            [choice(&[("TP.HCM", 1), ("TPHCM", 0), ("TP Hồ Chí Minh", 1)])]
        );
        assert_eq!(
            variants(&[Segment::Word("tại"), s.segments(&["tphcm"]).remove(0)]),
            [
                Alternative::exact("tại tphcm"),
                Alternative {
                    text: "tại TP.HCM".into(),
                    slop: 1
                },
                Alternative {
                    text: "tại TP Hồ Chí Minh".into(),
                    slop: 1
                }
            ]
        );
    }

    #[test]
    fn forms_with_gaps_in_other_places_stay_apart() {
        // No form has the words side by side: each layout is searched.
        let s = list("UBND TP. Hà Nội | UBND, TP Hà Nội");
        let segments = s.segments(&["UBND", "TP.", "Hà", "Nội"]);
        let [Segment::Choice(forms)] = segments.as_slice() else {
            panic!("one choice: {segments:?}")
        };
        assert_eq!(forms.len(), 2, "{forms:?}");
        assert!(forms.iter().all(|f| f.slop == 0), "{forms:?}");
        // A quote is rendered as a space: measured so.
        let s = list("Cty \"Sông Đà\" | Cty, Sông Đà");
        assert_eq!(
            s.segments(&["Cty", "Sông", "Đà"]),
            [choice(&[("Cty Sông Đà", 1)])],
            "the typed words side by side stand for both spellings"
        );
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let err = Synonyms::default().add("# c\nUBND\n", "mine.tsv").unwrap_err();
        assert!(err.to_string().starts_with("mine.tsv:2:"), "{err}");
    }

    #[test]
    fn variants_multiply_and_stay_bounded() {
        let abc = choice(&[("a", 0), ("b", 0), ("c", 0)]);
        assert_eq!(
            texts(variants(&[abc.clone(), Segment::Word("x")])),
            ["a x", "b x", "c x"]
        );
        assert_eq!(variants(&vec![abc; 5]).len(), 9);
    }
}
