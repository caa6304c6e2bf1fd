//! The query language: what a user types, read as a set of articles.
//!
//! [`parse`] turns the text into an [`Expr`] tree of [`Unit`]s joined by
//! AND, OR and NOT (see `parser` for the grammar, `segment` for how a run
//! of words becomes Vietnamese words); [`build`] turns that into tantivy
//! queries: one that decides which articles match (set algebra, exactly),
//! and ranking tiers on top.

mod build;
mod lexer;
mod parser;
mod segment;

pub use build::{build_query, folded_words, tier_points, with_tiers, Tier};
pub use parser::parse;
pub use segment::Context;

/// How typed accents are matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Accents {
    /// Per syllable: typed with a diacritic, only that form matches; typed
    /// without, every form does. When an accented query finds nothing, its
    /// folded form is searched instead (and the user told).
    #[default]
    Smart,
    /// Every syllable matches every accent form.
    Fold,
    /// As `Smart`, but never falls back to the folded form.
    Exact,
}

/// How the words of a query are matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MatchMode {
    /// A word of several syllables matches its syllables side by side, in
    /// order, within a clause.
    #[default]
    Words,
    /// Every syllable anywhere in the article (the loose matching of old).
    AnyOrder,
}

/// How a query is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct QueryOptions {
    /// How typed accents are matched.
    pub accents: Accents,
    /// How the words of a query are matched.
    pub matching: MatchMode,
}

/// One syllable to look for: the exact term when matched with accents,
/// else the folded one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Syllable {
    pub folded: String,
    /// Set when the syllable must have exactly these accents.
    pub exact: Option<String>,
}

impl Syllable {
    /// The term in the index: exact terms and folded terms share the field
    /// (see `analysis::Form::Dual`).
    pub fn term(&self) -> &str {
        self.exact.as_deref().unwrap_or(&self.folded)
    }

    /// A syllable matched in every accent form.
    pub fn folded_of(text: &str) -> Syllable {
        let mut folded = String::new();
        let mut exact = String::new();
        crate::analysis::exact_form(text, &mut exact);
        crate::analysis::folded_form(&exact, &mut folded);
        Syllable { folded, exact: None }
    }
}

/// One way of writing a unit: syllables at positions counted from the
/// first (a gap where a clause break stands in the form), and how much
/// further apart they may stand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// (position from the first, syllable).
    pub syllables: Vec<(usize, Syllable)>,
    /// How many positions further apart the syllables may stand.
    pub slop: u32,
}

impl Form {
    /// Syllables side by side.
    pub fn side_by_side(syllables: impl IntoIterator<Item = Syllable>, slop: u32) -> Form {
        Form {
            syllables: syllables.into_iter().enumerate().collect(),
            slop,
        }
    }

    /// Whether any syllable is matched with its accents.
    pub fn has_exact(&self) -> bool {
        self.syllables.iter().any(|(_, s)| s.exact.is_some())
    }

    /// `next` after this form, `gap` extra positions between them (a
    /// clause break).
    pub fn followed_by(&self, next: &Form, gap: usize) -> Form {
        let start = self.syllables.last().map_or(0, |(at, _)| at + 1 + gap);
        let mut syllables = self.syllables.clone();
        syllables.extend(next.syllables.iter().map(|(at, s)| (start + at, s.clone())));
        Form {
            syllables,
            slop: self.slop + next.slop,
        }
    }
}

/// Every way of writing parts one after the other, a choice of forms each
/// (with the gap before it): at most `max` ways; past that, a part keeps
/// its first form (what was typed).
pub fn every_reading<'f>(parts: impl IntoIterator<Item = (&'f [Form], usize)>, max: usize) -> Vec<Form> {
    let mut readings = vec![Form {
        syllables: Vec::new(),
        slop: 0,
    }];
    for (forms, gap) in parts {
        let choices = if readings.len() * forms.len() <= max {
            forms
        } else {
            &forms[..1]
        };
        readings = readings
            .iter()
            .flat_map(|so_far| choices.iter().map(move |form| so_far.followed_by(form, gap)))
            .collect();
    }
    readings
}

/// What kind of thing a unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    /// One syllable (or number, or code part).
    Syllable,
    /// A word, a name or a piece typed together: syllables side by side.
    Word,
    /// A quoted phrase.
    Phrase,
    /// An abbreviation or full form of a synonym group.
    Synonym,
    /// A document kind and number (Chỉ thị 19).
    Code,
}

/// Something the query looks for: any of its forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// What the segmenter took it for.
    pub kind: UnitKind,
    /// As typed (for messages).
    pub typed: String,
    /// The forms, the typed one first.
    pub forms: Vec<Form>,
    /// The text field it is searched in.
    pub field: TextField,
}

impl Unit {
    /// A unit searched in the body.
    pub fn new(kind: UnitKind, typed: String, forms: Vec<Form>) -> Unit {
        Unit {
            kind,
            typed,
            forms,
            field: TextField::Body,
        }
    }

    /// Whether any form has a syllable matched with its accents.
    pub fn has_exact(&self) -> bool {
        self.forms.iter().any(Form::has_exact)
    }
}

/// The analysed text fields a unit can be searched in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    /// The headline and the text.
    Body,
    /// The headline alone.
    Title,
}

/// The fields matched as stored (no analysis).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeywordField {
    Source,
    Id,
}

/// A query, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// Every article.
    All,
    /// Articles with the unit.
    Unit(Unit),
    /// `source:…` or `id:…`: the stored value exactly.
    Keyword(KeywordField, String),
    /// All of them; `implicit` when written side by side (no AND, no parentheses).
    And(Vec<Expr>, bool),
    /// Any of them.
    Or(Vec<Expr>),
    /// Every article but those.
    Not(Box<Expr>),
}

impl Expr {
    /// The units the query wants present (not under an odd number of NOTs).
    pub fn positive_units(&self) -> Vec<&Unit> {
        let mut out = Vec::new();
        self.collect_units(true, &mut out);
        out
    }

    fn collect_units<'a>(&'a self, positive: bool, out: &mut Vec<&'a Unit>) {
        match self {
            Expr::Unit(unit) if positive => out.push(unit),
            Expr::And(children, _) | Expr::Or(children) => children.iter().for_each(|c| c.collect_units(positive, out)),
            Expr::Not(inner) => inner.collect_units(!positive, out),
            _ => {}
        }
    }

    /// Every unit, excluded ones too.
    pub fn all_units(&self) -> Vec<&Unit> {
        let mut out = self.positive_units();
        let mut negative = Vec::new();
        self.collect_units(false, &mut negative);
        out.extend(negative);
        out
    }

    /// Whether the query names anything to look for (not only exclusions
    /// and `*`): without, there is no relevance to sort by.
    pub fn has_positive_terms(&self) -> bool {
        match self {
            Expr::All => false,
            Expr::Unit(_) | Expr::Keyword(..) => true,
            Expr::And(children, _) => children.iter().any(Expr::has_positive_terms),
            Expr::Or(children) => children.iter().all(Expr::has_positive_terms),
            Expr::Not(_) => false,
        }
    }
}

/// A query read from what the user typed.
#[derive(Debug, Clone)]
pub struct ParsedQuery {
    pub expr: Expr,
    /// How the query was read, for people: `("bí thư" AND "Nghệ An") OR "Hà Tĩnh"`.
    pub read_as: String,
    /// Things the user should know about how it was read.
    pub notes: Vec<String>,
    pub options: QueryOptions,
}

impl ParsedQuery {
    /// Whether any syllable is matched with its accents (a folded reading
    /// could then find more).
    pub fn has_exact(&self) -> bool {
        self.expr.all_units().iter().any(|u| u.has_exact())
    }
}

/// A query the user wrote that cannot be searched.
#[derive(Debug)]
pub struct QueryError(pub String);

impl std::fmt::Display for QueryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for QueryError {}

impl From<QueryError> for crate::Error {
    fn from(err: QueryError) -> crate::Error {
        crate::Error::BadQuery(err.0)
    }
}
