//! Segmenting a run of typed words into units: the Vietnamese words (and
//! names, abbreviations and document codes) a query means, each matched as
//! its syllables side by side.
//!
//! The rule, fixed and documented in README ("Queries"): left to right, at
//! each word the longest of
//!
//! 1. a form of a synonym group (`UBND`, `Ủy ban nhân dân`), as typed;
//! 2. a document code: a kind of document (full or short form) and a
//!    number, "số" optional between them (`Chỉ thị 19`, `CT 19`);
//! 3. a dictionary entry of 2–8 syllables (`index-schema/words.tsv`);
//! 4. a run of capitalised syllables (`Nguyễn Văn Thanh`): every syllable
//!    starts with a capital and is not an abbreviation in capitals; cut
//!    before a syllable that starts a dictionary word reaching past the run
//!    ("Hà Nội Tham nhũng" = "Hà Nội" "tham nhũng"), and not used when the
//!    run is two or more place names in a row ("Nghệ An Hà Tĩnh");
//! 5. what the user typed as one piece (`19-CT/TW`, `TP.HCM`, `8,5%`);
//!
//! else the single syllable. Ties go to the earlier kind in this list. A
//! syllable typed with accents is compared with the exact form of an entry,
//! one typed without with its folded form. Units never cross a clause break
//! typed in the query (a comma, a full stop), except a synonym form written
//! with one ("TP. HCM"), and never split a piece.

use super::{every_reading, Accents, Form, QueryOptions, Syllable, Unit, UnitKind};
use crate::analysis::{self, Form as TokenForm};
use crate::dictionary::{Dictionary, Source, MAX_SYLLABLES};
use crate::synonyms::{Alternative, Synonyms};
use std::sync::OnceLock;

/// The bundled list of document kinds.
const DOCUMENT_TYPES: &str = include_str!("../../index-schema/document-types.tsv");

/// What segmentation reads besides the query.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    /// Equivalent forms (abbreviations).
    pub synonyms: &'a Synonyms,
    /// Words of several syllables.
    pub dictionary: &'a Dictionary,
    /// How accents and words are matched.
    pub options: QueryOptions,
}

/// One token of a run of typed words.
#[derive(Debug, Clone)]
pub struct Typed {
    /// As typed.
    pub raw: String,
    pub exact: String,
    pub folded: String,
    /// Position, with the analyzer's gaps at clause breaks.
    pub position: usize,
    /// Which whitespace-separated piece of the run it is in, and that
    /// piece as typed.
    pub piece: usize,
    pub piece_text: String,
}

impl Typed {
    /// Typed with a Vietnamese diacritic (tone mark, ă â ê ô ơ ư, đ).
    pub fn accented(&self) -> bool {
        self.exact != self.folded && analysis::has_diacritics(&self.raw)
    }

    /// The syllable to search for, as `accents` says.
    pub fn syllable(&self, accents: Accents) -> Syllable {
        Syllable {
            folded: self.folded.clone(),
            exact: (accents != Accents::Fold && self.accented()).then(|| self.exact.clone()),
        }
    }

    /// Starts with a capital and is not an abbreviation in capitals (TP, UBND).
    fn capitalised(&self) -> bool {
        let mut letters = self.raw.chars().filter(|c| c.is_alphabetic());
        let Some(first) = letters.next() else {
            return false;
        };
        let rest: Vec<char> = letters.collect();
        first.is_uppercase() && (rest.is_empty() || rest.iter().any(|c| c.is_lowercase()))
    }

    fn is_number(&self) -> bool {
        !self.raw.is_empty() && self.raw.bytes().all(|b| b.is_ascii_digit())
    }
}

/// The tokens of a run of words typed one after the other (white space
/// between the pieces), as the analyzer reads them: a comma or full stop
/// typed between two words is a clause break.
pub fn tokenize(pieces: &[&str]) -> Vec<Typed> {
    let run = pieces.join(" ");
    let mut piece_ends = Vec::with_capacity(pieces.len());
    let mut end = 0;
    for piece in pieces {
        end += piece.len();
        piece_ends.push(end);
        end += 1;
    }
    analysis::tokens(&run, TokenForm::Exact)
        .into_iter()
        .map(|token| {
            let mut folded = String::new();
            analysis::folded_form(&token.text, &mut folded);
            let piece = piece_ends.partition_point(|&e| e <= token.offset_from);
            Typed {
                raw: run[token.offset_from..token.offset_to].to_string(),
                piece,
                piece_text: pieces[piece].to_string(),
                exact: token.text,
                folded,
                position: token.position,
            }
        })
        .collect()
}

/// A stretch of tokens and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    /// Syllables side by side: a word, a name, a piece.
    Plain {
        from: usize,
        to: usize,
    },
    Synonym {
        from: usize,
        to: usize,
        group: usize,
    },
    Code {
        from: usize,
        to: usize,
        kind: usize,
        number: usize,
    },
}

/// A kind of document: its full form (exact syllables) and short forms (folded).
struct DocumentType {
    full: Vec<String>,
    short: Vec<String>,
}

fn document_types() -> &'static [DocumentType] {
    static TYPES: OnceLock<Vec<DocumentType>> = OnceLock::new();
    TYPES.get_or_init(|| {
        DOCUMENT_TYPES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|line| {
                let (full, short) = line.split_once('\t').unwrap_or((line, ""));
                DocumentType {
                    full: analysis::token_texts(full, TokenForm::Exact),
                    short: short
                        .split('|')
                        .map(|s| analysis::token_texts(s, TokenForm::Folded).join(""))
                        .filter(|s| !s.is_empty())
                        .collect(),
                }
            })
            .collect()
    })
}

/// The units of a run of typed words.
pub fn units(tokens: &[Typed], context: &Context<'_>) -> Vec<Unit> {
    segments(tokens, context)
        .into_iter()
        .map(|segment| unit_of(&segment, tokens, context))
        .collect()
}

fn segments(tokens: &[Typed], context: &Context<'_>) -> Vec<Segment> {
    let folded: Vec<String> = tokens.iter().map(|t| t.folded.clone()).collect();
    let mut out = Vec::new();
    let mut at = 0;
    while at < tokens.len() {
        // In the documented order: on a tie, the first one wins.
        let mut candidates: Vec<(Segment, usize)> = Vec::new();
        if let Some((group, end)) = synonym_at(tokens, &folded, at, context) {
            if ends_piece(tokens, end) {
                candidates.push((
                    Segment::Synonym {
                        from: at,
                        to: end,
                        group,
                    },
                    end,
                ));
            }
        }
        if let Some((kind, number)) = document_code(tokens, at, context) {
            let to = number + 1;
            candidates.push((
                Segment::Code {
                    from: at,
                    to,
                    kind,
                    number,
                },
                to,
            ));
        }
        if let Some(end) = dictionary_word(tokens, at, context) {
            candidates.push((Segment::Plain { from: at, to: end }, end));
        }
        if let Some(end) = capitalised_run(tokens, at, context) {
            candidates.push((Segment::Plain { from: at, to: end }, end));
        }
        let piece = piece_end(tokens, at);
        candidates.push((Segment::Plain { from: at, to: piece }, piece));
        let longest = candidates.iter().map(|c| c.1).max().unwrap_or(at + 1);
        let (segment, end) = candidates.into_iter().find(|c| c.1 == longest).expect("a candidate");
        out.push(segment);
        at = end;
    }
    out
}

/// The end of the piece token `at` is in.
fn piece_end(tokens: &[Typed], at: usize) -> usize {
    let piece = tokens[at].piece;
    at + tokens[at..].iter().take_while(|t| t.piece == piece).count()
}

/// Whether tokens `from..to` stand side by side (no clause break between).
fn side_by_side(tokens: &[Typed], from: usize, to: usize) -> bool {
    tokens[from..to].windows(2).all(|w| w[1].position == w[0].position + 1)
}

/// Whether `to` ends a piece (a unit may end there).
fn ends_piece(tokens: &[Typed], to: usize) -> bool {
    to == tokens.len() || tokens[to].piece != tokens[to - 1].piece
}

/// Whether the typed token matches an entry's exact syllable: the same
/// exact form when typed with accents, else the same folded form.
fn matches_syllable(typed: &Typed, exact: &str, accents: Accents) -> bool {
    if accents != Accents::Fold && typed.accented() {
        typed.exact == exact
    } else {
        let mut folded = String::new();
        analysis::folded_form(exact, &mut folded);
        typed.folded == folded
    }
}

/// The longest synonym form spelled from token `at` on (`folded`: the
/// tokens' folded forms), accents typed agreeing: (group, end token).
fn synonym_at(tokens: &[Typed], folded: &[String], at: usize, context: &Context<'_>) -> Option<(usize, usize)> {
    let accents_agree = |exact: &[String]| {
        exact
            .iter()
            .zip(&tokens[at..])
            .all(|(e, typed)| matches_syllable(typed, e, context.options.accents))
    };
    context.synonyms.longest_match_where(folded, at, accents_agree)
}

/// The end of the longest dictionary entry starting at `at` (2 syllables
/// or more, side by side, ending at a piece end), if any.
fn dictionary_word(tokens: &[Typed], at: usize, context: &Context<'_>) -> Option<usize> {
    let longest = (tokens.len() - at).min(MAX_SYLLABLES);
    (2..=longest)
        .rev()
        .find(|&len| {
            let to = at + len;
            ends_piece(tokens, to)
                && !inside_a_name(tokens, to, context)
                && side_by_side(tokens, at, to)
                && has_entry(tokens, at, to, context, |_| true)
        })
        .map(|len| at + len)
}

/// Whether `to` falls between two capitalised syllables where no known
/// name starts: a word ending there would cut a name ("ông Nguyễn Văn |
/// Thanh"), unlike "Nghệ An | Hà Tĩnh".
fn inside_a_name(tokens: &[Typed], to: usize, context: &Context<'_>) -> bool {
    if to == 0 || to >= tokens.len() || !tokens[to - 1].capitalised() || !tokens[to].capitalised() {
        return false;
    }
    let longest = (tokens.len() - to).min(MAX_SYLLABLES);
    !(2..=longest).any(|len| has_entry(tokens, to, to + len, context, |e| e.is_name()))
}

/// Whether the dictionary has an entry spelled by tokens `from..to`, as
/// typed, passing `wanted`.
fn has_entry(
    tokens: &[Typed],
    from: usize,
    to: usize,
    context: &Context<'_>,
    wanted: impl Fn(&crate::dictionary::Entry<'_>) -> bool,
) -> bool {
    let key: Vec<&str> = tokens[from..to].iter().map(|t| t.folded.as_str()).collect();
    context.dictionary.entries(&key.join(" ")).any(|entry| {
        wanted(&entry)
            && entry
                .syllables()
                .zip(&tokens[from..to])
                .all(|(exact, typed)| matches_syllable(typed, exact, context.options.accents))
    })
}

/// The end of a run of capitalised syllables starting at `at` (see the
/// module docs), if it has two syllables or more.
fn capitalised_run(tokens: &[Typed], at: usize, context: &Context<'_>) -> Option<usize> {
    let mut end = at;
    while end < tokens.len()
        && tokens[end].capitalised()
        && (end == at || tokens[end].position == tokens[end - 1].position + 1)
    {
        end += 1;
    }
    while end > at && !ends_piece(tokens, end) {
        end -= 1;
    }
    // Cut before a syllable that starts a dictionary word reaching past the run.
    if let Some(cut) = (at + 1..end).find(|&k| dictionary_word(tokens, k, context).is_some_and(|e| e > end)) {
        end = cut;
    }
    if end - at < 2 || is_places_in_a_row(tokens, at, end, context) {
        return None;
    }
    Some(end)
}

/// Tokens `from..to` are two or more place names back to back.
fn is_places_in_a_row(tokens: &[Typed], from: usize, to: usize, context: &Context<'_>) -> bool {
    let is_place = |e: &crate::dictionary::Entry<'_>| e.is_from(Source::Province) || e.is_from(Source::Place);
    let mut at = from;
    let mut places = 0;
    while at < to {
        let Some(end) = (at + 2..=to)
            .rev()
            .find(|&end| has_entry(tokens, at, end, context, is_place))
        else {
            return false;
        };
        places += 1;
        at = end;
    }
    places >= 2
}

/// A document code at `at`: (kind, index of the number token).
fn document_code(tokens: &[Typed], at: usize, context: &Context<'_>) -> Option<(usize, usize)> {
    let accents = context.options.accents;
    document_types().iter().enumerate().find_map(|(kind, doc)| {
        let full = doc.full.len();
        let after = if at + full <= tokens.len()
            && side_by_side(tokens, at, at + full)
            && doc
                .full
                .iter()
                .zip(&tokens[at..])
                .all(|(exact, typed)| matches_syllable(typed, exact, accents))
        {
            at + full
        } else if doc.short.contains(&tokens[at].folded) {
            at + 1
        } else {
            return None;
        };
        // "số" between the kind and its number is optional.
        let number = match tokens.get(after) {
            Some(t) if t.folded == "so" && matches_syllable(t, "số", accents) => after + 1,
            _ => after,
        };
        let token = tokens.get(number)?;
        (token.is_number() && ends_piece(tokens, number + 1) && side_by_side(tokens, at, number + 1))
            .then_some((kind, number))
    })
}

/// The syllables of `text` as a form: each folded (a form the user did not type).
pub fn folded_form(alternative: &Alternative) -> Form {
    let tokens = analysis::tokens(&alternative.text.replace('"', " "), TokenForm::Folded);
    let first = tokens.first().map_or(0, |t| t.position);
    Form {
        syllables: tokens
            .into_iter()
            .map(|t| {
                (
                    t.position - first,
                    Syllable {
                        folded: t.text,
                        exact: None,
                    },
                )
            })
            .collect(),
        slop: 0,
    }
}

/// The typed tokens as a form, accents as the options say.
pub fn typed_form(tokens: &[Typed], accents: Accents) -> Form {
    let first = tokens.first().map_or(0, |t| t.position);
    Form {
        syllables: tokens
            .iter()
            .map(|t| (t.position - first, t.syllable(accents)))
            .collect(),
        slop: 0,
    }
}

/// The typed text of some tokens: the pieces they are in, joined by
/// spaces, without the punctuation typed before the first or after the
/// last ("xã hội," is "xã hội").
pub fn typed_text(tokens: &[Typed]) -> String {
    let mut text = String::new();
    let mut last_piece = None;
    for token in tokens.iter().filter(|t| last_piece.replace(t.piece) != Some(t.piece)) {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&token.piece_text);
    }
    text.trim_matches(|c: char| !c.is_alphanumeric()).to_string()
}

fn unit_of(segment: &Segment, tokens: &[Typed], context: &Context<'_>) -> Unit {
    let accents = context.options.accents;
    match *segment {
        Segment::Plain { from, to } => {
            let typed = &tokens[from..to];
            let kind = if to - from == 1 {
                UnitKind::Syllable
            } else {
                UnitKind::Word
            };
            // A word holding an abbreviation or full form ("UBND tỉnh") is
            // searched in each of its spellings.
            let forms = if to - from == 1 {
                vec![typed_form(typed, accents)]
            } else {
                spellings(typed, context)
            };
            Unit::new(kind, typed_text(typed), forms)
        }
        Segment::Synonym { from, to, group } => {
            let typed = &tokens[from..to];
            Unit::new(UnitKind::Synonym, typed_text(typed), group_forms(typed, group, context))
        }
        Segment::Code { from, to, kind, number } => {
            let typed = &tokens[from..to];
            let doc = &document_types()[kind];
            let number = &tokens[number];
            let typed_full = !doc.short.contains(&tokens[from].folded);
            let full: Vec<Syllable> = if typed_full {
                tokens[from..from + doc.full.len()]
                    .iter()
                    .map(|t| t.syllable(accents))
                    .collect()
            } else {
                doc.full.iter().map(|e| Syllable::folded_of(e)).collect()
            };
            let num = number.syllable(accents);
            let so = Syllable::folded_of("so");
            let mut forms = vec![
                Form::side_by_side(full.iter().cloned().chain([num.clone()]), 0),
                Form::side_by_side(full.iter().cloned().chain([so.clone(), num.clone()]), 0),
            ];
            for short in &doc.short {
                let short = Syllable::folded_of(short);
                // 19-CT/TW, and 19/2022/CT-TTg (the year between): the number first.
                forms.push(Form::side_by_side([num.clone(), short.clone()], 0));
                forms.push(Form {
                    syllables: vec![(0, num.clone()), (2, short.clone())],
                    slop: 0,
                });
                forms.push(Form::side_by_side([short.clone(), num.clone()], 0));
                forms.push(Form::side_by_side([short, so.clone(), num.clone()], 0));
            }
            forms.dedup();
            Unit::new(UnitKind::Code, typed_text(typed), forms)
        }
    }
}

/// The forms of a synonym group for the tokens that spell one of them:
/// what was typed (accents as the options say), then the group's other
/// forms laid out otherwise, matched without regard to accents.
fn group_forms(typed: &[Typed], group: usize, context: &Context<'_>) -> Vec<Form> {
    let alternatives = context.synonyms.alternatives(group, &typed_text(typed));
    let mut forms = vec![typed_form(typed, context.options.accents)];
    forms.extend(alternatives.iter().skip(1).map(folded_form));
    forms
}

/// Longest expansion of a phrase by synonyms: past this, further
/// abbreviations in it stay as typed.
const MAX_SPELLINGS: usize = 16;

/// Every way of writing `tokens` (syllables side by side as typed) with the
/// forms of the synonyms in it: the typed form first, the synonyms' other
/// forms folded.
pub fn spellings(tokens: &[Typed], context: &Context<'_>) -> Vec<Form> {
    let folded: Vec<String> = tokens.iter().map(|t| t.folded.clone()).collect();
    let accents = context.options.accents;
    // (first token, end token, forms) of each stretch.
    let mut stretches: Vec<(usize, usize, Vec<Form>)> = Vec::new();
    let mut at = 0;
    while at < tokens.len() {
        match synonym_at(tokens, &folded, at, context) {
            Some((group, end)) => {
                stretches.push((at, end, group_forms(&tokens[at..end], group, context)));
                at = end;
            }
            None => {
                stretches.push((at, at + 1, vec![typed_form(&tokens[at..at + 1], accents)]));
                at += 1;
            }
        }
    }
    // Keep the typed gap (a clause break) between stretches.
    let gap_before = |i: usize| -> usize {
        match i.checked_sub(1) {
            Some(previous) => tokens[stretches[i].0].position - tokens[stretches[previous].1 - 1].position - 1,
            None => 0,
        }
    };
    let parts: Vec<(&[Form], usize)> = (0..stretches.len())
        .map(|i| (stretches[i].2.as_slice(), gap_before(i)))
        .collect();
    every_reading(parts, MAX_SPELLINGS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context(synonyms: &Synonyms) -> Context<'_> {
        Context {
            synonyms,
            dictionary: Dictionary::bundled(),
            options: QueryOptions::default(),
        }
    }

    /// The units of `text` as typed, one string each.
    fn split(text: &str) -> Vec<String> {
        let synonyms = Synonyms::bundled();
        let pieces: Vec<&str> = text.split_whitespace().collect();
        let tokens = tokenize(&pieces);
        units(&tokens, &context(synonyms))
            .into_iter()
            .map(|u| u.typed)
            .collect()
    }

    #[test]
    fn dictionary_words_are_units() {
        assert_eq!(split("giá xăng"), ["giá xăng"]);
        assert_eq!(split("tham nhũng Hà Nội"), ["tham nhũng", "Hà Nội"]);
        assert_eq!(split("tham nhung ha noi"), ["tham nhung", "ha noi"]);
        assert_eq!(split("Trung Quốc"), ["Trung Quốc"]);
        assert_eq!(split("trung quoc"), ["trung quoc"]);
        assert_eq!(split("nông thôn mới"), ["nông thôn mới"]);
        assert_eq!(split("tai nạn giao thông"), ["tai nạn giao thông"]);
    }

    #[test]
    fn accents_typed_must_agree_with_the_entry() {
        // "bàn" is not the "ban" of "ban chấp hành".
        assert_eq!(split("ban chấp hành"), ["ban chấp hành"]);
        assert_ne!(split("bàn chấp hành"), ["bàn chấp hành"]);
    }

    #[test]
    fn capitalised_runs_are_names() {
        assert_eq!(
            split("ông Nguyễn Văn Thanh phát biểu"),
            ["ông", "Nguyễn Văn Thanh", "phát biểu"]
        );
        assert_eq!(split("Hà Nội Tham nhũng"), ["Hà Nội", "Tham nhũng"]);
        assert_eq!(split("Nghệ An Hà Tĩnh"), ["Nghệ An", "Hà Tĩnh"]);
        // Abbreviations in capitals do not join a name.
        assert_eq!(split("UBND Hà Nội"), ["UBND", "Hà Nội"]);
    }

    #[test]
    fn pieces_stay_whole_and_clause_breaks_end_units() {
        assert_eq!(split("19-CT/TW Hà Nội"), ["19-CT/TW", "Hà Nội"]);
        assert_eq!(split("xã hội, đồng bào"), ["xã hội", "đồng bào"]);
        assert_eq!(split("hội, đồng"), ["hội", "đồng"]);
    }

    #[test]
    fn document_codes_are_units() {
        assert_eq!(split("Chỉ thị 19"), ["Chỉ thị 19"]);
        assert_eq!(split("chi thi so 19 ha noi"), ["chi thi so 19", "ha noi"]);
        assert_eq!(split("CT 19"), ["CT 19"]);
        assert_eq!(
            split("CT chỉ thị"),
            ["CT", "chỉ thị"],
            "a short form only next to a number"
        );
    }

    #[test]
    fn synonyms_are_units_with_their_forms() {
        let synonyms = Synonyms::bundled();
        let tokens = tokenize(&["UBND", "Nghệ", "An"]);
        let units = units(&tokens, &context(synonyms));
        assert_eq!(units[0].kind, UnitKind::Synonym);
        assert!(units[0].forms.len() >= 2);
        // The forms the user did not type are matched folded.
        assert!(units[0].forms[1].syllables.iter().all(|(_, s)| s.exact.is_none()));
        assert_eq!(units[1].typed, "Nghệ An");
        // A word holding an abbreviation is searched in every spelling.
        let tokens = tokenize(&["UBND", "tỉnh"]);
        let both = super::units(&tokens, &context(synonyms));
        let lengths: Vec<usize> = both
            .iter()
            .flat_map(|u| u.forms.iter().map(|f| f.syllables.len()))
            .collect();
        assert!(lengths.contains(&5), "Ủy ban nhân dân tỉnh among {lengths:?}");
    }
}
