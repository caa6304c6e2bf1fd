//! Turning what a user types into a ranked tantivy query.
//!
//! The user's text goes through tantivy's query parser (phrases, OR,
//! -exclusion, field:value, parentheses) against the accent-folded fields, so
//! every accent variant matches. Optional clauses then set ranking tiers:
//! words typed with accents also match the exact fields (exact-accent matches
//! first), and plain multi-word queries get phrase and proximity tiers (words
//! together before words scattered).

use crate::analysis::{self, Form};
use crate::index::TracuuIndex;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, PhraseQuery, Query, QueryParser, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

/// Weight of a title match relative to a body match, within BM25.
const TITLE_BOOST: f32 = 2.0;

// Ranking tiers. BM25 orders documents within a tier; the tiers are added as
// constant scores far larger than any BM25 score, so that, as users expect,
// (1) every word matched with exactly the accents typed lifts a document above
// all documents that match it only after folding, and then (2) the words
// standing together as typed, or (3) close together, beat words scattered.
// A BM25 boost would not do: its weight scales with the words' rarity and
// vanishes for common words such as "thanh" and "hoa".
const EXACT_WORD_TIER: f32 = 100_000.0;
const PHRASE_TIER: f32 = 20_000.0;
const NEAR_TIER: f32 = 10_000.0;
/// How far apart (in positions) words may stand and still count as close.
const NEAR_SLOP: u32 = 6;

/// A query the user wrote that cannot be searched.
#[derive(Debug)]
pub struct QueryError(pub String);

impl std::fmt::Display for QueryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for QueryError {}

/// What the user typed, as far as ranking needs to know.
#[derive(Debug, Default, PartialEq)]
struct QueryShape {
    /// Words and quoted phrases the user wants present (not excluded ones).
    wanted: Vec<String>,
    /// True when the query is only bare words: no quotes, operators or fields.
    bare_words: bool,
    /// The text handed to tantivy's parser, with stray colons defused.
    parser_text: String,
    /// How many field:value clauses it has.
    fielded: usize,
}

/// Field names a user may write before a colon.
const QUERYABLE_FIELDS: [&str; 4] = ["title", "body", "source", "id"];

fn shape_of(text: &str) -> QueryShape {
    let mut shape = QueryShape {
        bare_words: true,
        ..QueryShape::default()
    };
    let mut parser_parts: Vec<String> = Vec::new();
    // A lone "-" or "+" binds to the piece after it ("-\"tin cũ\"").
    let mut pending_sign = "";
    let mut after_not = false;
    for piece in split_pieces(text) {
        let (sign, body, quoted) = match piece {
            Piece::Word(w @ ("-" | "+")) => {
                pending_sign = w;
                continue;
            }
            Piece::Word(w) if w.starts_with(['-', '+']) => (&w[..1], &w[1..], false),
            Piece::Word(w) => (std::mem::take(&mut pending_sign), w, false),
            Piece::Phrase(p) => (std::mem::take(&mut pending_sign), p, true),
        };
        let excluded = sign == "-" || std::mem::take(&mut after_not);
        let is_operator = !quoted && sign.is_empty() && matches!(body, "AND" | "OR" | "NOT");
        if quoted {
            parser_parts.push(format!("{sign}\"{body}\""));
        } else {
            parser_parts.push(format!("{sign}{}", defuse_colon(body)));
        }
        if quoted || !sign.is_empty() || is_operator || body.contains(['(', ')']) {
            shape.bare_words = false;
        }
        if is_operator {
            after_not = body == "NOT";
            continue;
        }
        let content = body.trim_matches(['(', ')']);
        if excluded || content.is_empty() {
            continue;
        }
        if !quoted && is_fielded(content) {
            shape.bare_words = false;
            shape.fielded += 1;
        } else {
            shape.wanted.push(content.to_string());
        }
    }
    shape.parser_text = drop_dangling_operators(parser_parts).join(" ");
    shape
}

enum Piece<'a> {
    Word(&'a str),
    Phrase(&'a str),
}

/// Splits a query into whitespace-separated words and "quoted phrases"; an
/// unclosed quote runs to the end of the query.
fn split_pieces(text: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
        rest = &rest[start..];
        if let Some(inner) = rest.strip_prefix('"') {
            let (phrase, after) = inner.split_once('"').unwrap_or((inner, ""));
            pieces.push(Piece::Phrase(phrase));
            rest = after;
        } else {
            let end = rest.find(|c: char| c.is_whitespace() || c == '"').unwrap_or(rest.len());
            pieces.push(Piece::Word(&rest[..end]));
            rest = &rest[end..];
        }
    }
    pieces
}

/// "thanh OR", "AND hội nghị", "a OR OR b": an operator with nothing to bind
/// is dropped, so the rest of the query still runs as the user meant.
fn drop_dangling_operators(parts: Vec<String>) -> Vec<String> {
    let is_operator = |p: &str| matches!(p, "AND" | "OR" | "NOT");
    let mut kept: Vec<String> = Vec::with_capacity(parts.len());
    for part in parts {
        let follows_operator = kept.last().is_some_and(|p| is_operator(p));
        let binary = matches!(part.as_str(), "AND" | "OR");
        if binary && (kept.is_empty() || follows_operator) {
            continue;
        }
        if part == "NOT" && follows_operator {
            continue;
        }
        kept.push(part);
    }
    while kept.last().is_some_and(|p| is_operator(p)) {
        kept.pop();
    }
    kept
}

fn is_fielded(word: &str) -> bool {
    word.split_once(':')
        .is_some_and(|(field, _)| QUERYABLE_FIELDS.contains(&field))
}

/// "ý:" in "Lưu ý: ..." is not a field name: escape the colon so the parser
/// reads it as text instead of failing on an unknown field.
fn defuse_colon(word: &str) -> String {
    if word.contains(':') && !is_fielded(word) {
        word.replace(':', " ")
    } else {
        word.to_string()
    }
}

/// Builds the ranked query for `text`.
pub fn build_query(target: &TracuuIndex, text: &str) -> Result<Box<dyn Query>, QueryError> {
    let fields = &target.fields;
    let shape = shape_of(text);
    if !has_searchable_words(&shape.parser_text) {
        return Err(QueryError(format!("query {text:?} has no words to search for")));
    }
    if shape.wanted.is_empty() && shape.fielded == 0 {
        return Err(QueryError(format!(
            "query {text:?} only excludes words; add a word to search for"
        )));
    }
    let mut parser = QueryParser::for_index(&target.index, vec![fields.title, fields.body]);
    parser.set_conjunction_by_default();
    parser.set_field_boost(fields.title, TITLE_BOOST);
    let (matching, _lenient_fixes) = parser.parse_query_lenient(&shape.parser_text);

    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, matching)];
    for wanted in shape.wanted.iter().filter(|w| analysis::has_diacritics(w)) {
        let exact = analysis::token_texts(wanted, Form::Exact);
        clauses.extend(tier(
            &[fields.title_exact, fields.body_exact],
            &exact,
            0,
            EXACT_WORD_TIER,
        ));
    }
    if shape.bare_words {
        let folded = analysis::token_texts(&shape.wanted.join(" "), Form::Folded);
        if folded.len() > 1 {
            clauses.extend(tier(&[fields.title, fields.body], &folded, 0, PHRASE_TIER));
            clauses.extend(tier(&[fields.title, fields.body], &folded, NEAR_SLOP, NEAR_TIER));
        }
    }
    Ok(Box::new(BooleanQuery::new(clauses)))
}

fn has_searchable_words(text: &str) -> bool {
    !analysis::token_texts(text, Form::Folded).is_empty()
}

/// An optional clause worth `score` when `tokens` occur (as a phrase within
/// `slop` when several) in any of `fields`.
fn tier(fields: &[Field], tokens: &[String], slop: u32, score: f32) -> Option<(Occur, Box<dyn Query>)> {
    if tokens.is_empty() {
        return None;
    }
    let per_field: Vec<Box<dyn Query>> = fields
        .iter()
        .map(|&field| -> Box<dyn Query> {
            let terms: Vec<Term> = tokens.iter().map(|t| Term::from_field_text(field, t)).collect();
            if terms.len() == 1 {
                Box::new(TermQuery::new(terms[0].clone(), IndexRecordOption::Basic))
            } else {
                let mut phrase = PhraseQuery::new(terms);
                phrase.set_slop(slop);
                Box::new(phrase)
            }
        })
        .collect();
    let any_field = BooleanQuery::union(per_field);
    Some((
        Occur::Should,
        Box::new(ConstScoreQuery::new(Box::new(any_field), score)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_words_are_wanted_and_get_proximity() {
        let shape = shape_of("thanh  hoá");
        assert_eq!(shape.wanted, vec!["thanh", "hoá"]);
        assert!(shape.bare_words);
    }

    #[test]
    fn syntax_turns_off_proximity_and_exclusions_are_not_wanted() {
        let shape = shape_of("\"hội nghị\" -covid title:tỉnh OR (a b)");
        assert_eq!(shape.wanted, vec!["hội nghị", "a", "b"]);
        assert!(!shape.bare_words);
    }

    #[test]
    fn stray_colons_are_defused_known_fields_kept() {
        assert_eq!(shape_of("Lưu ý: họp").parser_text, "Lưu ý  họp");
        assert_eq!(shape_of("title:họp").parser_text, "title:họp");
    }

    #[test]
    fn negation_covers_minus_phrases_and_not() {
        let shape = shape_of("hội nghị - \"tin cũ\" NOT covid -dịch");
        assert_eq!(shape.wanted, vec!["hội", "nghị"]);
        assert_eq!(shape.parser_text, "hội nghị -\"tin cũ\" NOT covid -dịch");
    }

    #[test]
    fn dangling_operators_are_dropped() {
        assert_eq!(shape_of("thanh OR").parser_text, "thanh");
        assert_eq!(shape_of("AND thanh OR OR hoa NOT").parser_text, "thanh OR hoa");
        assert_eq!(shape_of("OR").parser_text, "");
    }

    #[test]
    fn unbalanced_quote_reads_to_the_end() {
        let shape = shape_of("\"thanh hoa");
        assert_eq!(shape.wanted, vec!["thanh hoa"]);
    }
}
