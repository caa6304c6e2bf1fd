//! The grammar of the query language, read leniently:
//!
//! ```text
//! query := or
//! or    := and ("OR" and)*
//! and   := item (["AND"] item)*        words side by side are ANDed
//! item  := ("NOT" | "-") item          excludes the next unit or group
//!        | "+" item                    required (as a plain word is)
//!        | field ":" item              title: body: source: id:, on the next unit
//!        | "(" or ")" | "phrase" | "*" | words
//! ```
//!
//! NOT binds tightest, then AND, then OR. A run of words is segmented into
//! units (see `segment`); a sign, NOT or field before it applies to its
//! first unit only (`-Trung Quốc tham nhũng` excludes "Trung Quốc"). An
//! operator with nothing to bind is dropped, an unclosed quote or
//! parenthesis runs to the end, a stray `)` is ignored.

use super::lexer::{pieces, Piece};
use super::segment::{self, Context};
use super::{Expr, KeywordField, ParsedQuery, QueryError, TextField, Unit, UnitKind};

/// Reads `text` as a query.
pub fn parse(text: &str, context: &Context<'_>) -> Result<ParsedQuery, QueryError> {
    let pieces = pieces(text);
    let mut parser = Parser { pieces, at: 0, context };
    let mut parts = Vec::new();
    while parser.at < parser.pieces.len() {
        if let Some(expr) = parser.or() {
            parts.push(expr);
        }
        // A stray closing parenthesis: skip it and read on.
        if parser.peek().is_some() {
            parser.at += 1;
        }
    }
    let expr = match parts.len() {
        0 if text.trim().is_empty() => Expr::All,
        0 => return Err(QueryError(format!("query {text:?} has no words to search for"))),
        1 => parts.remove(0),
        _ => Expr::And(parts, true),
    };
    let mut notes = Vec::new();
    if mixes_or_with_implicit_and(&expr) {
        notes.push(format!(
            "read as {}: words side by side bind before OR; use parentheses to group otherwise",
            render(&expr, Parent::Top)
        ));
    }
    Ok(ParsedQuery {
        read_as: render(&expr, Parent::Top),
        expr,
        notes,
        options: context.options,
    })
}

struct Parser<'q, 'c> {
    pieces: Vec<Piece<'q>>,
    at: usize,
    context: &'c Context<'c>,
}

impl<'q> Parser<'q, '_> {
    fn peek(&self) -> Option<&Piece<'q>> {
        self.pieces.get(self.at)
    }

    fn next(&mut self) -> Option<Piece<'q>> {
        let piece = self.pieces.get(self.at).cloned();
        self.at += 1;
        piece
    }

    fn or(&mut self) -> Option<Expr> {
        let mut operands: Vec<Expr> = self.and().into_iter().collect();
        while self.peek() == Some(&Piece::Or) {
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
        let mut explicit = false;
        loop {
            match self.peek() {
                None | Some(Piece::Or) | Some(Piece::Close) => break,
                Some(Piece::And) => {
                    self.at += 1;
                    explicit = true;
                }
                Some(_) => items.extend(self.item()),
            }
        }
        match items.len() {
            0 => None,
            1 => items.pop(),
            _ => Some(Expr::And(items, !explicit)),
        }
    }

    /// The next item; a run of words gives one expression per unit.
    fn item(&mut self) -> Vec<Expr> {
        let Some(piece) = self.next() else {
            return Vec::new();
        };
        match piece {
            Piece::Not | Piece::Minus => {
                let mut items = self.item();
                if !items.is_empty() {
                    let first = items.remove(0);
                    items.insert(0, Expr::Not(Box::new(first)));
                }
                items
            }
            Piece::Plus => self.item(),
            Piece::Field(field) => self.fielded(field),
            Piece::Open => {
                let inner = self.or();
                if self.peek() == Some(&Piece::Close) {
                    self.at += 1;
                }
                inner.map(explicit_group).into_iter().collect()
            }
            Piece::Close | Piece::And | Piece::Or => Vec::new(),
            Piece::All => vec![Expr::All],
            Piece::Phrase(text) => phrase_unit(text, self.context).map(Expr::Unit).into_iter().collect(),
            Piece::Word(first) => {
                let mut words = vec![first];
                while let Some(Piece::Word(word)) = self.peek() {
                    words.push(word);
                    self.at += 1;
                }
                let tokens = segment::tokenize(&words);
                segment::units(&tokens, self.context)
                    .into_iter()
                    .map(Expr::Unit)
                    .collect()
            }
        }
    }

    /// The item after `field:`.
    fn fielded(&mut self, field: &str) -> Vec<Expr> {
        let keyword = match field {
            "source" => Some(KeywordField::Source),
            "id" => Some(KeywordField::Id),
            _ => None,
        };
        if let Some(keyword) = keyword {
            // Matched as stored: the next word or phrase as written.
            return match self.peek() {
                Some(Piece::Word(value) | Piece::Phrase(value)) => {
                    let value = value.to_string();
                    self.at += 1;
                    vec![Expr::Keyword(keyword, value)]
                }
                _ => Vec::new(),
            };
        }
        let text_field = if field == "title" {
            TextField::Title
        } else {
            TextField::Body
        };
        let mut items = self.item();
        if let Some(first) = items.first_mut() {
            set_field(first, text_field);
        }
        items
    }
}

/// A group the user put in parentheses: its ANDs are explicit.
fn explicit_group(expr: Expr) -> Expr {
    match expr {
        Expr::And(children, _) => Expr::And(children, false),
        other => other,
    }
}

fn set_field(expr: &mut Expr, field: TextField) {
    match expr {
        Expr::Unit(unit) => unit.field = field,
        Expr::And(children, _) | Expr::Or(children) => children.iter_mut().for_each(|c| set_field(c, field)),
        Expr::Not(inner) => set_field(inner, field),
        Expr::All | Expr::Keyword(..) => {}
    }
}

/// A quoted phrase: one unit, its syllables side by side as typed, with
/// every way of writing the synonyms in it.
fn phrase_unit(text: &str, context: &Context<'_>) -> Option<Unit> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let tokens = segment::tokenize(&words);
    if tokens.is_empty() {
        return None;
    }
    let forms = segment::spellings(&tokens, context);
    Some(Unit::new(UnitKind::Phrase, text.trim().to_string(), forms))
}

/// Whether an OR has an operand made of words side by side (no
/// parentheses, no AND): users often mean something else.
fn mixes_or_with_implicit_and(expr: &Expr) -> bool {
    match expr {
        Expr::Or(children) => {
            children
                .iter()
                .any(|c| matches!(c, Expr::And(items, true) if items.len() > 1))
                || children.iter().any(mixes_or_with_implicit_and)
        }
        Expr::And(children, _) => children.iter().any(mixes_or_with_implicit_and),
        Expr::Not(inner) => mixes_or_with_implicit_and(inner),
        _ => false,
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Parent {
    Top,
    And,
    Or,
    Not,
}

/// The expression as people read it, grouping made explicit.
fn render(expr: &Expr, parent: Parent) -> String {
    match expr {
        Expr::All => "*".to_string(),
        Expr::Unit(unit) => {
            let field = if unit.field == TextField::Title { "title:" } else { "" };
            let syllables = unit.forms.first().map_or(0, |f| f.syllables.len());
            let quoted = unit.kind == UnitKind::Phrase || syllables > 1;
            if quoted {
                format!("{field}\"{}\"", unit.typed)
            } else {
                format!("{field}{}", unit.typed)
            }
        }
        Expr::Keyword(field, value) => {
            let name = match field {
                KeywordField::Source => "source",
                KeywordField::Id => "id",
            };
            format!("{name}:{value}")
        }
        Expr::Not(inner) => format!("NOT {}", render(inner, Parent::Not)),
        Expr::And(children, _) => {
            let inner: Vec<String> = children.iter().map(|c| render(c, Parent::And)).collect();
            let text = inner.join(" AND ");
            if matches!(parent, Parent::Or | Parent::Not) {
                format!("({text})")
            } else {
                text
            }
        }
        Expr::Or(children) => {
            let inner: Vec<String> = children.iter().map(|c| render(c, Parent::Or)).collect();
            let text = inner.join(" OR ");
            if matches!(parent, Parent::And | Parent::Not) {
                format!("({text})")
            } else {
                text
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::Dictionary;
    use crate::query::QueryOptions;
    use crate::synonyms::Synonyms;

    fn read(text: &str) -> ParsedQuery {
        let context = Context {
            synonyms: Synonyms::bundled(),
            dictionary: Dictionary::bundled(),
            options: QueryOptions::default(),
        };
        parse(text, &context).unwrap()
    }

    fn read_as(text: &str) -> String {
        read(text).read_as
    }

    #[test]
    fn precedence_not_and_or() {
        assert_eq!(
            read_as("bí thư Nghệ An OR Hà Tĩnh"),
            "(\"bí thư\" AND \"Nghệ An\") OR \"Hà Tĩnh\""
        );
        assert_eq!(read_as("tham nhũng OR hối lộ"), "\"tham nhũng\" OR \"hối lộ\"");
        assert_eq!(read_as("a OR b c"), "a OR (b AND c)");
        assert_eq!(read_as("NOT a b"), "NOT a AND b");
        assert_eq!(
            read_as("tham nhũng AND NOT \"Trung Quốc\""),
            "\"tham nhũng\" AND NOT \"Trung Quốc\""
        );
        assert_eq!(
            read_as("bí thư (Nghệ An OR Hà Tĩnh)"),
            "\"bí thư\" AND (\"Nghệ An\" OR \"Hà Tĩnh\")"
        );
    }

    #[test]
    fn or_meeting_implicit_and_is_announced() {
        assert_eq!(read("bí thư Nghệ An OR Hà Tĩnh").notes.len(), 1);
        assert!(read("tham nhũng OR hối lộ").notes.is_empty());
        assert!(read("(bí thư AND Nghệ An) OR Hà Tĩnh").notes.is_empty());
    }

    #[test]
    fn signs_and_fields_apply_to_the_next_unit() {
        assert_eq!(
            read_as("tham nhũng -Trung Quốc"),
            "\"tham nhũng\" AND NOT \"Trung Quốc\""
        );
        assert_eq!(
            read_as("-Trung Quốc tham nhũng"),
            "NOT \"Trung Quốc\" AND \"tham nhũng\""
        );
        assert_eq!(read_as("title:bí thư Nghệ An"), "title:\"bí thư\" AND \"Nghệ An\"");
        assert_eq!(read_as("+tham nhũng"), "\"tham nhũng\"");
        assert_eq!(read_as("source:nld.com.vn x"), "source:nld.com.vn AND x");
    }

    #[test]
    fn lenient_with_malformed_input() {
        assert_eq!(read_as("thanh OR"), "thanh");
        assert_eq!(read_as("AND thanh OR OR hoa NOT"), "thanh OR hoa");
        assert_eq!(read_as("(a OR b"), "a OR b");
        assert_eq!(read_as("a ) b"), "a AND b");
        assert_eq!(read_as("\"thanh hoa"), "\"thanh hoa\"");
        assert_eq!(read_as("*"), "*");
        assert_eq!(read_as(""), "*");
        assert_eq!(read_as("-covid"), "NOT covid");
        let context = Context {
            synonyms: Synonyms::bundled(),
            dictionary: Dictionary::bundled(),
            options: QueryOptions::default(),
        };
        assert!(parse("!!! ...", &context).is_err());
        assert!(parse("OR AND", &context).is_err());
    }

    #[test]
    fn phrases_keep_their_words_together_and_expand_synonyms() {
        let parsed = read("\"UBND tỉnh\"");
        let Expr::Unit(unit) = &parsed.expr else {
            panic!("{parsed:?}")
        };
        assert_eq!(unit.kind, UnitKind::Phrase);
        assert!(unit.forms.len() >= 2, "{:?}", unit.forms);
        let lengths: Vec<usize> = unit.forms.iter().map(|f| f.syllables.len()).collect();
        assert!(lengths.contains(&2) && lengths.contains(&5), "{lengths:?}");
    }
}
