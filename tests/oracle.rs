//! Oracle test: a deliberately simple, independent reading of the query
//! semantics (README, "Queries") decides which articles each query must
//! return, by scanning normalised texts; tracuu's `total` and its exported
//! ids must be exactly that set, for every one of a few hundred generated
//! queries on a few thousand real articles of `../shared/data/corpus`.
//!
//! Independent: no tracuu code and no tantivy here (the binary is run as a
//! user runs it). The oracle reads the same data files (dictionary,
//! synonyms, document kinds) and the texts tracuu stored (its export), so
//! a cleaning difference cannot pass for a matching one.
//!
//! `cargo test --release --test oracle -- --nocapture` prints the agreement
//! per class. Without the shared corpora the test says so and passes, but
//! not under CI (`CI=true`).

mod common;

use common::{tracuu_at, Lcg};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

// ---------------------------------------------------------------------------
// Normalisation (README: "one word, many spellings").

const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{309}', '\u{303}', '\u{323}'];
const QUALITIES: [char; 3] = ['\u{302}', '\u{306}', '\u{31B}'];
const IGNORED: [char; 5] = ['\u{AD}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}'];
const I_Y_ONSETS: [&str; 14] = ["b", "d", "đ", "h", "k", "l", "m", "n", "r", "s", "t", "v", "x", "qu"];

/// A letter split into its base (with vowel quality: ô, ơ, ư, â, ă, ê) and tone.
fn split(c: char) -> (String, Option<char>) {
    let mut base = String::new();
    let mut tone = None;
    for d in c.to_string().nfd() {
        if TONES.contains(&d) {
            tone = Some(d);
        } else {
            base.push(d);
        }
    }
    (base.nfc().collect(), tone)
}

fn is_vowel(c: char) -> bool {
    let (base, _) = split(c);
    let plain: String = base.nfd().filter(|d| !QUALITIES.contains(d)).collect();
    matches!(plain.as_str(), "a" | "e" | "i" | "o" | "u" | "y")
}

/// The exact form: width variants as ASCII, invisible characters out, NFC,
/// lower case, the tone of an open oa/oe/uy on its first vowel, y for a
/// lone i after a consonant.
fn exact(raw: &str) -> String {
    let widened: String = raw
        .chars()
        .map(|c| match c as u32 {
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap(),
            _ => c,
        })
        .filter(|c| !IGNORED.contains(c))
        .collect();
    let lower: String = widened.nfc().collect::<String>().to_lowercase().nfc().collect();
    let mut chars: Vec<char> = lower.chars().collect();
    let n = chars.len();
    if n >= 2 {
        let (first, first_tone) = split(chars[n - 2]);
        let (second, second_tone) = split(chars[n - 1]);
        let varying = matches!((first.as_str(), second.as_str()), ("o", "a") | ("o", "e") | ("u", "y"));
        let before_ok = n < 3 || {
            let b = chars[n - 3];
            !(is_vowel(b) || (b == 'q' && first == "u"))
        };
        if let (true, None, Some(tone), true) = (varying, first_tone, second_tone, before_ok) {
            let moved: String = format!("{first}{tone}").nfc().collect();
            chars[n - 2] = moved.chars().next().unwrap();
            chars[n - 1] = second.chars().next().unwrap();
        }
    }
    let word: String = chars.iter().collect();
    if let Some(last) = word.chars().last() {
        let (base, tone) = split(last);
        let onset = &word[..word.len() - last.len_utf8()];
        if base == "i" && I_Y_ONSETS.contains(&onset) {
            let y: String = match tone {
                Some(t) => format!("y{t}").nfc().collect(),
                None => "y".to_string(),
            };
            return format!("{onset}{y}");
        }
    }
    word
}

/// Accents and đ gone.
fn fold(exact: &str) -> String {
    let stripped: String = exact
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect();
    let folded: String = stripped.nfc().collect();
    // A token of marks only keeps them, as the analyzer does.
    if folded.is_empty() {
        exact.to_string()
    } else {
        folded
    }
}

fn has_diacritic(raw: &str) -> bool {
    raw.nfd()
        .any(|c| TONES.contains(&c) || QUALITIES.contains(&c) || c == 'đ' || c == 'Đ')
        || raw.contains(['đ', 'Đ'])
}

// ---------------------------------------------------------------------------
// Tokens and positions (README: "phrases that mean it").

#[derive(Clone, Debug)]
struct Token {
    raw: String,
    exact: String,
    folded: String,
    position: usize,
}

fn is_token_char(c: char) -> bool {
    c.is_alphanumeric()
        || (!c.is_ascii() && (unicode_normalization::char::is_combining_mark(c) || IGNORED.contains(&c)))
}

/// Whether the text between two tokens ends a clause.
fn breaks_clause(separator: &str) -> bool {
    let chars: Vec<char> = separator.chars().collect();
    chars.iter().enumerate().any(|(i, &c)| match c {
        '\n' | '…' | '(' | ')' | '[' | ']' | '"' | '“' | '”' | '«' | '»' => true,
        '.' | ',' | ';' | ':' | '!' | '?' => chars.get(i + 1).is_some_and(|n| n.is_whitespace()),
        _ => false,
    })
}

fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut last_end = 0;
    let mut position: Option<usize> = None;
    let mut dropped = false;
    while i < chars.len() {
        if !chars[i].1.is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = chars[i].0;
        let mut j = i;
        let mut visible_end = start;
        while j < chars.len() {
            let c = chars[j].1;
            let joins = (c == '.' || c == ',')
                && j > i
                && chars[j - 1].1.is_ascii_digit()
                && chars.get(j + 1).is_some_and(|n| n.1.is_ascii_digit());
            if !(is_token_char(c) || joins) {
                break;
            }
            if !IGNORED.contains(&c) {
                visible_end = chars[j].0 + c.len_utf8();
            }
            j += 1;
        }
        let end = chars.get(j).map_or(text.len(), |c| c.0);
        let raw = &text[start..visible_end];
        let separator = &text[last_end..start];
        last_end = end;
        i = j;
        let e = exact(raw);
        if e.len() > 200 {
            dropped = true;
            continue;
        }
        let gap = std::mem::take(&mut dropped) || breaks_clause(separator);
        let p = position.map_or(0, |p| p + 1 + gap as usize);
        position = Some(p);
        out.push(Token {
            raw: raw.to_string(),
            folded: fold(&e),
            exact: e,
            position: p,
        });
    }
    out
}

// ---------------------------------------------------------------------------
// Data the query language reads.

struct Entry {
    exact: Vec<String>,
    name: bool,
    place: bool,
}

struct Data {
    /// Dictionary: folded key → entries.
    words: HashMap<String, Vec<Entry>>,
    /// Synonym groups: each form as (text, tokens).
    groups: Vec<Vec<(String, Vec<Token>)>>,
    /// Document kinds: (full form exact syllables, short forms folded).
    kinds: Vec<(Vec<String>, Vec<String>)>,
}

fn data() -> Data {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("index-schema");
    let mut words: HashMap<String, Vec<Entry>> = HashMap::new();
    for line in std::fs::read_to_string(root.join("words.tsv")).unwrap().lines() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        words.entry(cols[0].to_string()).or_default().push(Entry {
            exact: cols[1].split(' ').map(str::to_string).collect(),
            name: cols[2].contains(['o', 'p', 'g']),
            place: cols[2].contains(['p', 'g']),
        });
    }
    let mut groups = Vec::new();
    for line in std::fs::read_to_string(root.join("synonyms.tsv")).unwrap().lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        groups.push(
            line.split('|')
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .map(|f| (f.to_string(), tokenize(&f.replace('"', " "))))
                .collect(),
        );
    }
    let kinds = std::fs::read_to_string(root.join("document-types.tsv"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (full, short) = l.split_once('\t').unwrap();
            (
                tokenize(full).into_iter().map(|t| t.exact).collect(),
                short
                    .split('|')
                    .map(|s| tokenize(s).into_iter().map(|t| t.folded).collect::<String>())
                    .collect(),
            )
        })
        .collect();
    Data { words, groups, kinds }
}

// ---------------------------------------------------------------------------
// Queries: units and their forms (README: "Queries").

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Accents {
    Smart,
    Fold,
    Exact,
}

/// A syllable to find: its folded form, and its exact form when the
/// accents typed must match.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Syl {
    folded: String,
    exact: Option<String>,
}

/// Syllables at positions counted from the first.
type Form = Vec<(usize, Syl)>;

#[derive(Clone, Debug)]
struct Unit {
    forms: Vec<Form>,
    title_only: bool,
}

#[derive(Clone, Debug)]
enum Expr {
    All,
    Unit(Unit),
    And(Vec<Expr>),
    Or(Vec<Expr>),
    Not(Box<Expr>),
}

/// A typed token of a run, with the piece it is in.
#[derive(Clone, Debug)]
struct Typed {
    token: Token,
    piece: usize,
    piece_text: String,
}

impl Typed {
    fn accented(&self) -> bool {
        self.token.exact != self.token.folded && has_diacritic(&self.token.raw)
    }

    fn syl(&self, accents: Accents) -> Syl {
        Syl {
            folded: self.token.folded.clone(),
            exact: (accents != Accents::Fold && self.accented()).then(|| self.token.exact.clone()),
        }
    }

    fn capitalised(&self) -> bool {
        let letters: Vec<char> = self.token.raw.chars().filter(|c| c.is_alphabetic()).collect();
        match letters.split_first() {
            Some((first, rest)) => first.is_uppercase() && (rest.is_empty() || rest.iter().any(|c| c.is_lowercase())),
            None => false,
        }
    }

    /// Whether it agrees with an exact syllable of an entry or form.
    fn agrees(&self, exact: &str, accents: Accents) -> bool {
        if accents != Accents::Fold && self.accented() {
            self.token.exact == exact
        } else {
            self.token.folded == fold(exact)
        }
    }
}

struct Reader<'d> {
    data: &'d Data,
    accents: Accents,
}

fn run_tokens(pieces: &[&str]) -> Vec<Typed> {
    let run = pieces.join(" ");
    let mut starts = Vec::new();
    let mut at = 0;
    for p in pieces {
        starts.push(at);
        at += p.len() + 1;
    }
    // Tokens in order: each one's piece is the last piece starting at or before it.
    let tokens = tokenize(&run);
    let mut out = Vec::new();
    let mut search_from = 0;
    for token in tokens {
        let offset = run[search_from..].find(&token.raw).map(|o| o + search_from).unwrap();
        search_from = offset + token.raw.len();
        let piece = starts.iter().rposition(|&s| s <= offset).unwrap();
        out.push(Typed {
            token,
            piece,
            piece_text: pieces[piece].to_string(),
        });
    }
    out
}

fn typed_text(tokens: &[Typed]) -> String {
    let mut pieces: Vec<&str> = Vec::new();
    let mut last = None;
    for t in tokens {
        if last != Some(t.piece) {
            pieces.push(&t.piece_text);
            last = Some(t.piece);
        }
    }
    pieces
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

impl Reader<'_> {
    fn side_by_side(&self, t: &[Typed]) -> bool {
        t.windows(2).all(|w| w[1].token.position == w[0].token.position + 1)
    }

    fn ends_piece(&self, t: &[Typed], to: usize) -> bool {
        to == t.len() || t[to].piece != t[to - 1].piece
    }

    fn entry_at(&self, t: &[Typed], from: usize, to: usize, want: impl Fn(&Entry) -> bool) -> bool {
        let key: Vec<&str> = t[from..to].iter().map(|x| x.token.folded.as_str()).collect();
        self.data.words.get(&key.join(" ")).is_some_and(|entries| {
            entries.iter().any(|e| {
                want(e)
                    && e.exact.len() == to - from
                    && e.exact.iter().zip(&t[from..to]).all(|(x, y)| y.agrees(x, self.accents))
            })
        })
    }

    fn inside_a_name(&self, t: &[Typed], to: usize) -> bool {
        if to == 0 || to >= t.len() || !t[to - 1].capitalised() || !t[to].capitalised() {
            return false;
        }
        !(2..=8.min(t.len() - to)).any(|len| self.entry_at(t, to, to + len, |e| e.name))
    }

    fn dictionary(&self, t: &[Typed], at: usize) -> Option<usize> {
        (2..=8.min(t.len() - at)).rev().map(|len| at + len).find(|&to| {
            self.ends_piece(t, to)
                && !self.inside_a_name(t, to)
                && self.side_by_side(&t[at..to])
                && self.entry_at(t, at, to, |_| true)
        })
    }

    fn capitalised_run(&self, t: &[Typed], at: usize) -> Option<usize> {
        let mut end = at;
        while end < t.len()
            && t[end].capitalised()
            && (end == at || t[end].token.position == t[end - 1].token.position + 1)
        {
            end += 1;
        }
        while end > at && !self.ends_piece(t, end) {
            end -= 1;
        }
        if let Some(cut) = (at + 1..end).find(|&k| self.dictionary(t, k).is_some_and(|e| e > end)) {
            end = cut;
        }
        if end < at + 2 {
            return None;
        }
        // Two or more places in a row are not one name.
        let (mut k, mut places) = (at, 0);
        let all_places = loop {
            if k >= end {
                break places >= 2;
            }
            match (k + 2..=end).rev().find(|&e| self.entry_at(t, k, e, |x| x.place)) {
                Some(e) => {
                    places += 1;
                    k = e;
                }
                None => break false,
            }
        };
        (!all_places).then_some(end)
    }

    /// The longest synonym form at `at`: (group, end).
    fn synonym(&self, t: &[Typed], at: usize) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        for (g, forms) in self.data.groups.iter().enumerate() {
            for (_, tokens) in forms {
                let n = tokens.len();
                if at + n > t.len() || n == 0 {
                    continue;
                }
                let same = tokens
                    .iter()
                    .zip(&t[at..])
                    .all(|(f, y)| f.folded == y.token.folded && y.agrees(&f.exact, self.accents));
                if same && best.is_none_or(|(_, e)| at + n > e) {
                    best = Some((g, at + n));
                }
            }
        }
        best
    }

    /// A document code at `at`: (kind, number token).
    fn code(&self, t: &[Typed], at: usize) -> Option<(usize, usize)> {
        self.data.kinds.iter().enumerate().find_map(|(k, (full, short))| {
            let after = if at + full.len() <= t.len()
                && self.side_by_side(&t[at..at + full.len()])
                && full.iter().zip(&t[at..]).all(|(e, y)| y.agrees(e, self.accents))
            {
                at + full.len()
            } else if short.contains(&t[at].token.folded) {
                at + 1
            } else {
                return None;
            };
            let number = match t.get(after) {
                Some(y) if y.token.folded == "so" && y.agrees("số", self.accents) => after + 1,
                _ => after,
            };
            let n = t.get(number)?;
            let digits = !n.token.raw.is_empty() && n.token.raw.bytes().all(|b| b.is_ascii_digit());
            (digits && self.ends_piece(t, number + 1) && self.side_by_side(&t[at..=number])).then_some((k, number))
        })
    }

    fn typed_form(&self, t: &[Typed]) -> Form {
        let first = t[0].token.position;
        t.iter()
            .map(|y| (y.token.position - first, y.syl(self.accents)))
            .collect()
    }

    fn folded_form(tokens: &[Token]) -> Form {
        let first = tokens[0].position;
        tokens
            .iter()
            .map(|x| {
                (
                    x.position - first,
                    Syl {
                        folded: x.folded.clone(),
                        exact: None,
                    },
                )
            })
            .collect()
    }

    /// The typed form and the group's other forms laid out otherwise.
    fn group_forms(&self, t: &[Typed], group: usize) -> Vec<Form> {
        let layout = |tokens: &[Token]| -> Vec<(usize, String)> {
            let first = tokens.first().map_or(0, |x| x.position);
            tokens.iter().map(|x| (x.position - first, x.folded.clone())).collect()
        };
        let typed = tokenize(&typed_text(t).replace('"', " "));
        let mut layouts = vec![layout(&typed)];
        let mut forms = vec![self.typed_form(t)];
        for (_, tokens) in &self.data.groups[group] {
            let l = layout(tokens);
            if !layouts.contains(&l) {
                layouts.push(l);
                forms.push(Self::folded_form(tokens));
            }
        }
        forms
    }

    /// Every spelling of tokens side by side, synonyms in them expanded.
    fn spellings(&self, t: &[Typed]) -> Vec<Form> {
        let mut stretches: Vec<(usize, usize, Vec<Form>)> = Vec::new();
        let mut at = 0;
        while at < t.len() {
            match self.synonym(t, at) {
                Some((g, end)) => {
                    stretches.push((at, end, self.group_forms(&t[at..end], g)));
                    at = end;
                }
                None => {
                    stretches.push((at, at + 1, vec![self.typed_form(&t[at..at + 1])]));
                    at += 1;
                }
            }
        }
        let mut variants: Vec<Form> = vec![Vec::new()];
        let mut previous: Option<usize> = None;
        for (from, to, forms) in stretches {
            let gap = previous.map_or(0, |end| t[from].token.position - t[end - 1].token.position - 1);
            previous = Some(to);
            let choices = if variants.len() * forms.len() <= 16 {
                &forms[..]
            } else {
                &forms[..1]
            };
            variants = variants
                .iter()
                .flat_map(|v| {
                    choices.iter().map(move |f| {
                        let start = v.last().map_or(0, |(p, _)| p + 1 + gap);
                        let mut out = v.clone();
                        out.extend(f.iter().map(|(p, s)| (start + p, s.clone())));
                        out
                    })
                })
                .collect();
        }
        variants
    }

    fn code_forms(&self, t: &[Typed], kind: usize, number: usize) -> Vec<Form> {
        let (full, short) = &self.data.kinds[kind];
        let typed_full = !short.contains(&t[0].token.folded);
        let full: Vec<Syl> = if typed_full {
            t[..full.len()].iter().map(|y| y.syl(self.accents)).collect()
        } else {
            full.iter()
                .map(|e| Syl {
                    folded: fold(e),
                    exact: None,
                })
                .collect()
        };
        let num = t[number].syl(self.accents);
        let so = Syl {
            folded: "so".into(),
            exact: None,
        };
        let line = |s: Vec<Syl>| -> Form { s.into_iter().enumerate().collect() };
        let mut forms = vec![
            line(full.iter().cloned().chain([num.clone()]).collect()),
            line(full.iter().cloned().chain([so.clone(), num.clone()]).collect()),
        ];
        for s in short {
            let s = Syl {
                folded: s.clone(),
                exact: None,
            };
            forms.push(line(vec![num.clone(), s.clone()]));
            forms.push(vec![(0, num.clone()), (2, s.clone())]);
            forms.push(line(vec![s.clone(), num.clone()]));
            forms.push(line(vec![s, so.clone(), num.clone()]));
        }
        forms
    }

    /// The units of a run of words.
    fn units(&self, pieces: &[&str]) -> Vec<Unit> {
        let t = run_tokens(pieces);
        let mut out = Vec::new();
        let mut at = 0;
        while at < t.len() {
            let mut candidates: Vec<(usize, Vec<Form>)> = Vec::new();
            if let Some((g, end)) = self.synonym(&t, at).filter(|&(_, e)| self.ends_piece(&t, e)) {
                candidates.push((end, self.group_forms(&t[at..end], g)));
            }
            if let Some((k, number)) = self.code(&t, at) {
                candidates.push((number + 1, self.code_forms(&t[at..=number], k, number - at)));
            }
            for end in [self.dictionary(&t, at), self.capitalised_run(&t, at)]
                .into_iter()
                .flatten()
            {
                candidates.push((end, Vec::new()));
            }
            let piece = at + t[at..].iter().take_while(|y| y.piece == t[at].piece).count();
            candidates.push((piece, Vec::new()));
            let longest = candidates.iter().map(|c| c.0).max().unwrap();
            let (end, forms) = candidates.into_iter().find(|c| c.0 == longest).unwrap();
            let forms = if !forms.is_empty() {
                forms
            } else if end - at == 1 {
                vec![self.typed_form(&t[at..end])]
            } else {
                self.spellings(&t[at..end])
            };
            out.push(Unit {
                forms,
                title_only: false,
            });
            at = end;
        }
        out
    }

    fn phrase(&self, text: &str) -> Option<Unit> {
        let pieces: Vec<&str> = text.split_whitespace().collect();
        let t = run_tokens(&pieces);
        (!t.is_empty()).then(|| Unit {
            forms: self.spellings(&t),
            title_only: false,
        })
    }
}

// A small parser for the queries the generator writes: words, "phrases",
// AND, OR, NOT, -word, title:, parentheses. NOT > AND > OR.

#[derive(Clone, Debug, PartialEq)]
enum Piece {
    Word(String),
    Phrase(String),
    And,
    Or,
    Not,
    Minus,
    Title,
    Open,
    Close,
}

fn pieces(q: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut rest = q.trim_start();
    while !rest.is_empty() {
        if let Some(inner) = rest.strip_prefix('"') {
            let end = inner.find('"').unwrap_or(inner.len());
            out.push(Piece::Phrase(inner[..end].to_string()));
            rest = inner.get(end + 1..).unwrap_or("");
        } else if let Some(r) = rest.strip_prefix('(') {
            out.push(Piece::Open);
            rest = r;
        } else if let Some(r) = rest.strip_prefix(')') {
            out.push(Piece::Close);
            rest = r;
        } else if let Some(r) = rest.strip_prefix('-') {
            out.push(Piece::Minus);
            rest = r;
        } else if let Some(r) = rest.strip_prefix("title:") {
            out.push(Piece::Title);
            rest = r;
        } else {
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '"' || c == '(' || c == ')')
                .unwrap_or(rest.len());
            out.push(match &rest[..end] {
                "AND" => Piece::And,
                "OR" => Piece::Or,
                "NOT" => Piece::Not,
                w => Piece::Word(w.to_string()),
            });
            rest = &rest[end..];
        }
        rest = rest.trim_start();
    }
    out
}

struct Parser<'r, 'd> {
    pieces: Vec<Piece>,
    at: usize,
    reader: &'r Reader<'d>,
}

impl Parser<'_, '_> {
    fn or(&mut self) -> Option<Expr> {
        let mut operands: Vec<Expr> = self.and().into_iter().collect();
        while self.pieces.get(self.at) == Some(&Piece::Or) {
            self.at += 1;
            operands.extend(self.and());
        }
        match operands.len() {
            0 => None,
            1 => operands.pop(),
            _ => Some(Expr::Or(operands)),
        }
    }

    fn and(&mut self) -> Option<Expr> {
        let mut items = Vec::new();
        loop {
            match self.pieces.get(self.at) {
                None | Some(Piece::Or) | Some(Piece::Close) => break,
                Some(Piece::And) => self.at += 1,
                _ => items.extend(self.item()),
            }
        }
        match items.len() {
            0 => None,
            1 => items.pop(),
            _ => Some(Expr::And(items)),
        }
    }

    fn item(&mut self) -> Vec<Expr> {
        let piece = self.pieces[self.at].clone();
        self.at += 1;
        match piece {
            Piece::Not | Piece::Minus => {
                let mut items = self.item();
                if !items.is_empty() {
                    let first = items.remove(0);
                    items.insert(0, Expr::Not(Box::new(first)));
                }
                items
            }
            Piece::Title => {
                let mut items = self.item();
                if let Some(Expr::Unit(u)) = items.first_mut() {
                    u.title_only = true;
                }
                items
            }
            Piece::Open => {
                let inner = self.or();
                if self.pieces.get(self.at) == Some(&Piece::Close) {
                    self.at += 1;
                }
                inner.into_iter().collect()
            }
            Piece::Phrase(p) => self.reader.phrase(&p).map(Expr::Unit).into_iter().collect(),
            Piece::Word(w) => {
                let mut words = vec![w];
                while let Some(Piece::Word(w)) = self.pieces.get(self.at) {
                    words.push(w.clone());
                    self.at += 1;
                }
                let refs: Vec<&str> = words.iter().map(String::as_str).collect();
                self.reader.units(&refs).into_iter().map(Expr::Unit).collect()
            }
            Piece::And | Piece::Or | Piece::Close => Vec::new(),
        }
    }
}

fn read(query: &str, data: &Data, accents: Accents) -> Expr {
    let reader = Reader { data, accents };
    let mut parser = Parser {
        pieces: pieces(query),
        at: 0,
        reader: &reader,
    };
    let mut parts = Vec::new();
    while parser.at < parser.pieces.len() {
        parts.extend(parser.or());
        if parser.at < parser.pieces.len() {
            parser.at += 1;
        }
    }
    match parts.len() {
        0 => Expr::All,
        1 => parts.remove(0),
        _ => Expr::And(parts),
    }
}

fn has_exact(expr: &Expr) -> bool {
    match expr {
        Expr::All => false,
        Expr::Unit(u) => u.forms.iter().flatten().any(|(_, s)| s.exact.is_some()),
        Expr::And(c) | Expr::Or(c) => c.iter().any(has_exact),
        Expr::Not(e) => has_exact(e),
    }
}

// ---------------------------------------------------------------------------
// Articles and the scan.

/// One text of an article: its tokens, and which token is at each position.
struct Text {
    raw: String,
    tokens: Vec<Token>,
    at: Vec<Option<usize>>,
}

impl Text {
    fn new(raw: &str) -> Text {
        let tokens = tokenize(raw);
        let mut at = vec![None; tokens.last().map_or(0, |t| t.position + 1)];
        for (i, t) in tokens.iter().enumerate() {
            at[t.position] = Some(i);
        }
        Text {
            raw: raw.to_string(),
            tokens,
            at,
        }
    }
}

struct Article {
    id: String,
    title: Text,
    body: Text,
    province: String,
    year: i32,
}

fn is(t: &Token, s: &Syl) -> bool {
    match &s.exact {
        Some(e) => &t.exact == e,
        None => t.folded == s.folded,
    }
}

/// The form's syllables at their positions from some token on.
fn form_in(text: &Text, form: &Form) -> bool {
    text.tokens.iter().any(|start| {
        form.iter().all(|(offset, s)| {
            let p = start.position + offset;
            text.at
                .get(p)
                .copied()
                .flatten()
                .is_some_and(|i| is(&text.tokens[i], s))
        })
    })
}

fn unit_matches(article: &Article, unit: &Unit, any_order: bool) -> bool {
    let texts: Vec<&Text> = if unit.title_only {
        vec![&article.title]
    } else {
        vec![&article.title, &article.body]
    };
    unit.forms.iter().any(|form| {
        if any_order {
            form.iter()
                .all(|(_, s)| texts.iter().any(|text| text.tokens.iter().any(|t| is(t, s))))
        } else {
            texts.iter().any(|text| form_in(text, form))
        }
    })
}

fn matches(article: &Article, expr: &Expr, any_order: bool) -> bool {
    match expr {
        Expr::All => true,
        Expr::Unit(u) => unit_matches(article, u, any_order),
        Expr::And(c) => c.iter().all(|e| matches(article, e, any_order)),
        Expr::Or(c) => c.iter().any(|e| matches(article, e, any_order)),
        Expr::Not(e) => !matches(article, e, any_order),
    }
}

/// A query as generated: its text and how it is run.
#[derive(Clone, Debug)]
struct Case {
    class: &'static str,
    query: String,
    accents: Accents,
    any_order: bool,
    province: Option<String>,
    year: Option<i32>,
}

fn oracle(case: &Case, articles: &[Article], data: &Data) -> BTreeSet<String> {
    let run = |accents| {
        let expr = read(&case.query, data, accents);
        let found: BTreeSet<String> = articles
            .iter()
            .filter(|a| case.province.as_ref().is_none_or(|p| &a.province == p))
            .filter(|a| case.year.is_none_or(|y| a.year == y))
            .filter(|a| matches(a, &expr, case.any_order))
            .map(|a| a.id.clone())
            .collect();
        (found, has_exact(&expr))
    };
    let (found, exact) = run(case.accents);
    if found.is_empty() && exact && case.accents == Accents::Smart {
        return run(Accents::Fold).0;
    }
    found
}

// ---------------------------------------------------------------------------
// The corpus sample and the generated queries.

const PROVINCES: [&str; 6] = ["Hà Nội", "Nghệ An", "Thanh Hóa", "Đà Nẵng", "Cần Thơ", "Hải Dương"];

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/corpus")
}

/// Every 40th article of each corpus with a body, no two with the same
/// letters once accents, case and everything else are set aside (tracuu
/// would index such a pair as an original and its copy), with a province
/// and a date of our choosing.
fn sample(dir: &Path, out: &Path) -> usize {
    let mut seen = BTreeSet::new();
    let mut file = std::io::BufWriter::new(std::fs::File::create(out).unwrap());
    let mut rng = Lcg(12);
    let mut n = 0;
    for name in ["vntc-10topics", "baomoi-2017", "vietnews-party-subset"] {
        let path = dir.join(format!("{name}.jsonl.gz"));
        let reader = std::io::BufReader::new(flate2::read::MultiGzDecoder::new(std::fs::File::open(path).unwrap()));
        for (i, line) in reader.lines().enumerate() {
            if i % 40 != 7 {
                continue;
            }
            let Ok(value) = serde_json::from_str::<Value>(&line.unwrap()) else {
                continue;
            };
            let title = value["title"].as_str().unwrap_or("");
            let body = value["body"].as_str().unwrap_or("");
            if body.trim().len() < 200 {
                continue;
            }
            let key: String = fold(&exact(&format!("{title}{body}")))
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect();
            if !seen.insert(key) {
                continue;
            }
            let province = PROVINCES[rng.next(PROVINCES.len())];
            let date = format!("{}-{:02}-{:02}", 2015 + rng.next(4), 1 + rng.next(12), 1 + rng.next(28));
            let line = serde_json::json!({"id": value["id"], "title": title, "body": body, "province": province, "date": date});
            writeln!(file, "{line}").unwrap();
            n += 1;
        }
    }
    n
}

/// Consecutive tokens of one clause of a random article: (raw, exact) pairs.
fn window(articles: &[Article], rng: &mut Lcg, len: usize) -> Option<Vec<Token>> {
    let a = &articles[rng.next(articles.len())];
    let text = if rng.next(5) == 0 {
        &a.title.tokens
    } else {
        &a.body.tokens
    };
    if text.len() < len {
        return None;
    }
    let start = rng.next(text.len() - len + 1);
    let part = &text[start..start + len];
    let side_by_side = part.windows(2).all(|w| w[1].position == w[0].position + 1);
    let plain = part.iter().all(|t| t.raw.chars().all(|c| c.is_alphabetic()));
    (side_by_side && plain).then(|| part.to_vec())
}

fn typed(tokens: &[Token], how: usize, rng: &mut Lcg) -> String {
    let words: Vec<String> = tokens
        .iter()
        .map(|t| match how {
            // As written.
            0 => t.raw.clone(),
            // Without accents, lower case.
            1 => t.folded.clone(),
            // Some syllables without accents.
            2 if rng.next(2) == 0 => t.folded.clone(),
            2 => t.raw.clone(),
            // Upper case.
            3 => t.raw.to_uppercase(),
            // Decomposed (NFD).
            _ => t.raw.nfd().collect(),
        })
        .collect();
    words.join(" ")
}

fn word(articles: &[Article], rng: &mut Lcg, lengths: &[usize], how: usize) -> String {
    loop {
        let len = lengths[rng.next(lengths.len())];
        if let Some(tokens) = window(articles, rng, len) {
            return typed(&tokens, how, rng);
        }
    }
}

/// A word typed in a way drawn from `first..first + kinds` (see `typed`).
fn word_any(articles: &[Article], rng: &mut Lcg, lengths: &[usize], first: usize, kinds: usize) -> String {
    let how = first + rng.next(kinds);
    word(articles, rng, lengths, how)
}

/// A piece of real text typed as written, holding a digit or punctuation
/// between its letters ("19-CT/TW", "8,5%", "TP.HCM"), maybe with a word
/// before it.
fn piece(articles: &[Article], rng: &mut Lcg) -> String {
    loop {
        let a = &articles[rng.next(articles.len())];
        let chunks: Vec<&str> = a.body.raw.split_whitespace().collect();
        if chunks.len() < 2 {
            continue;
        }
        let i = 1 + rng.next(chunks.len() - 1);
        let chunk = chunks[i].trim_matches(|c: char| !c.is_alphanumeric());
        let inner = chunk.chars().any(|c| !c.is_alphabetic()) && chunk.chars().any(|c| c.is_alphanumeric());
        if inner && !chunk.contains(['"', '(', ')', '“', '”', ':']) && !chunk.starts_with(['-', '+']) {
            let before = chunks[i - 1].trim_matches(|c: char| !c.is_alphanumeric());
            return if rng.next(2) == 0 || before.is_empty() || before.contains(['"', '(', ')', ':']) {
                chunk.to_string()
            } else {
                format!("{before} {chunk}")
            };
        }
    }
}

/// Two syllables of real text with a clause break between them, typed
/// with a comma there: "xã hội, đồng bào".
fn across_a_break(articles: &[Article], rng: &mut Lcg) -> String {
    loop {
        let a = &articles[rng.next(articles.len())];
        let t = &a.body.tokens;
        if t.len() < 3 {
            continue;
        }
        let i = rng.next(t.len() - 1);
        let letters = |x: &Token| x.raw.chars().all(|c| c.is_alphabetic());
        if t[i + 1].position == t[i].position + 2 && letters(&t[i]) && letters(&t[i + 1]) {
            let before = if i > 0 && t[i - 1].position + 1 == t[i].position && letters(&t[i - 1]) {
                format!("{} ", t[i - 1].raw)
            } else {
                String::new()
            };
            return format!("{before}{}, {}", t[i].raw, t[i + 1].raw);
        }
    }
}

fn cases(articles: &[Article], rng: &mut Lcg) -> Vec<Case> {
    let mut out = Vec::new();
    let plain = |class, query: String| Case {
        class,
        query,
        accents: Accents::Smart,
        any_order: false,
        province: None,
        year: None,
    };
    for _ in 0..50 {
        out.push(plain("accented 1-4", word(articles, rng, &[1, 2, 3, 4], 0)));
        out.push(plain("accentless 1-4", word(articles, rng, &[1, 2, 3, 4], 1)));
        out.push(plain("mixed accents", word(articles, rng, &[2, 3, 4], 2)));
    }
    for _ in 0..15 {
        out.push(plain("upper case / NFD", word_any(articles, rng, &[2, 3], 3, 2)));
        out.push(plain(
            "phrase",
            format!("\"{}\"", word_any(articles, rng, &[2, 3, 4, 5], 0, 2)),
        ));
    }
    for _ in 0..40 {
        let (a, b, c) = (
            word_any(articles, rng, &[1, 2], 0, 3),
            word_any(articles, rng, &[1, 2], 0, 3),
            word_any(articles, rng, &[1, 2, 3], 0, 3),
        );
        let query = match rng.next(7) {
            0 => format!("{a} OR {b}"),
            1 => format!("{a} AND NOT {b}"),
            2 => format!("{a} -{b}"),
            3 => format!("({a} OR {b}) -\"{c}\""),
            4 => format!("{a} AND ({b} OR {c})"),
            5 => format!("{a} OR {b} {c}"),
            _ => format!("NOT {a} {b}"),
        };
        out.push(plain("boolean", query));
    }
    for _ in 0..15 {
        out.push(plain(
            "title:",
            format!("title:{}", word_any(articles, rng, &[1, 2], 0, 2)),
        ));
        let mut filtered = plain("filters", word_any(articles, rng, &[1, 2], 0, 3));
        match rng.next(3) {
            0 => filtered.province = Some(PROVINCES[rng.next(PROVINCES.len())].to_string()),
            1 => filtered.year = Some(2015 + rng.next(4) as i32),
            _ => {
                filtered.province = Some(PROVINCES[rng.next(PROVINCES.len())].to_string());
                filtered.year = Some(2015 + rng.next(4) as i32);
            }
        }
        out.push(filtered);
        let mut loose = plain("any-order", word_any(articles, rng, &[2, 3], 0, 3));
        loose.any_order = true;
        out.push(loose);
        let mut folded = plain("--accents fold/exact", word(articles, rng, &[1, 2, 3], 0));
        folded.accents = if rng.next(2) == 0 {
            Accents::Fold
        } else {
            Accents::Exact
        };
        out.push(folded);
    }
    for _ in 0..20 {
        out.push(plain("pieces with digits, codes", piece(articles, rng)));
    }
    for _ in 0..15 {
        out.push(plain("comma typed", across_a_break(articles, rng)));
    }
    // Abbreviations and full forms, and document codes.
    for query in [
        "UBND",
        "Ủy ban nhân dân",
        "ubnd tỉnh",
        "HĐND",
        "TP.HCM",
        "TP HCM",
        "thành phố Hồ Chí Minh",
        "Chỉ thị 19",
        "nghị quyết 18",
        "CT 20",
        "quyết định số 15",
        "BHXH",
        "an toàn giao thông",
        "Trung Quốc",
        "trung quoc",
        "Hoa Kỳ",
        "Biển Đông",
        "bien dong",
        "Nguyễn Tấn Dũng",
        "nguyen tan dung",
        "tham nhũng",
        "tham nhủng",
    ] {
        out.push(plain("synonyms, codes, names", query.to_string()));
    }
    out
}

// ---------------------------------------------------------------------------

fn args_of(case: &Case) -> Vec<String> {
    let mut args = Vec::new();
    args.push(format!(
        "--accents={}",
        match case.accents {
            Accents::Smart => "smart",
            Accents::Fold => "fold",
            Accents::Exact => "exact",
        }
    ));
    if case.any_order {
        args.push("--match=any-order".into());
    }
    if let Some(p) = &case.province {
        args.push(format!("--province={p}"));
    }
    if let Some(y) = case.year {
        args.push(format!("--year={y}"));
    }
    args.push("--".into());
    args.push(case.query.clone());
    args
}

fn tracuu_set(index: &Path, case: &Case) -> (u64, BTreeSet<String>) {
    let search = tracuu_at(index)
        .args(["search", "--format", "json", "--limit", "1"])
        .args(args_of(case))
        .output()
        .unwrap();
    assert!(
        search.status.success(),
        "{:?}: {}",
        case.query,
        String::from_utf8_lossy(&search.stderr)
    );
    let results: Value = serde_json::from_slice(&search.stdout).unwrap();
    let export = tracuu_at(index)
        .args(["export", "--format", "jsonl", "--fields", "id"])
        .args(args_of(case))
        .output()
        .unwrap();
    assert!(
        export.status.success(),
        "{:?}: {}",
        case.query,
        String::from_utf8_lossy(&export.stderr)
    );
    let ids = String::from_utf8_lossy(&export.stdout)
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    (results["total"].as_u64().unwrap(), ids)
}

#[test]
fn tracuu_returns_exactly_the_articles_the_oracle_finds() {
    let dir = corpus_dir();
    if !dir.join("vntc-10topics.jsonl.gz").exists() {
        assert!(
            std::env::var("CI").is_err(),
            "CI needs the shared corpora at {}",
            dir.display()
        );
        eprintln!("skipped: no shared corpora at {}", dir.display());
        return;
    }
    let home = tempfile::TempDir::new().unwrap();
    let input = home.path().join("sample.jsonl");
    let sampled = sample(&dir, &input);
    let index = home.path().join("idx");
    common::index_file(&index, &input).stderr(predicates::str::contains(" 0 duplicates, 0 skipped"));

    // The texts as tracuu stored them (cleaned), with the metadata we gave.
    let given: HashMap<String, (String, i32)> = std::fs::read_to_string(&input)
        .unwrap()
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            let year = v["date"].as_str().unwrap()[..4].parse().unwrap();
            (
                v["id"].as_str().unwrap().to_string(),
                (v["province"].as_str().unwrap().to_string(), year),
            )
        })
        .collect();
    let export = tracuu_at(&index)
        .args(["export", "--format", "jsonl", "--fields", "id,title,body"])
        .output()
        .unwrap();
    let articles: Vec<Article> = String::from_utf8_lossy(&export.stdout)
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            let id = v["id"].as_str().unwrap().to_string();
            let (province, year) = given[&id].clone();
            Article {
                title: Text::new(v["title"].as_str().unwrap()),
                body: Text::new(v["body"].as_str().unwrap()),
                id,
                province,
                year,
            }
        })
        .collect();
    assert_eq!(articles.len(), sampled);

    let data = data();
    let mut rng = Lcg(2026);
    let cases = cases(&articles, &mut rng);
    let mut by_class: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut nonempty = 0;
    for case in &cases {
        let expected = oracle(case, &articles, &data);
        nonempty += !expected.is_empty() as usize;
        let (total, ids) = tracuu_set(&index, case);
        let agree = total as usize == expected.len() && ids == expected;
        let entry = by_class.entry(case.class).or_default();
        entry.0 += agree as usize;
        entry.1 += 1;
        if !agree {
            let missing: Vec<_> = expected.difference(&ids).take(3).collect();
            let extra: Vec<_> = ids.difference(&expected).take(3).collect();
            failures.push(format!(
                "{:?} ({}, {:?}{}): tracuu total {total}, {} ids; oracle {}; missing {missing:?}, extra {extra:?}",
                case.query,
                case.class,
                case.accents,
                if case.any_order { ", any-order" } else { "" },
                ids.len(),
                expected.len()
            ));
        }
    }
    eprintln!(
        "oracle agreement on {} articles, {} queries:",
        articles.len(),
        cases.len()
    );
    for (class, (agree, all)) in &by_class {
        eprintln!("  {class:24} {agree:3}/{all:3}");
    }
    eprintln!("  ({nonempty} of the queries match something)");
    assert!(
        failures.is_empty(),
        "{} disagreements:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        nonempty * 2 > cases.len(),
        "most queries should match something: {nonempty}/{}",
        cases.len()
    );
}
