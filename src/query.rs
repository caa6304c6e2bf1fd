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
use crate::schema::Fields;
use crate::synonyms::{self, Alternative, Segment, Synonyms};
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, QueryParser, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

/// Weight of a word's BM25 in the title, added to its BM25 in the body
/// (which holds the title too).
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
// Nor across the headline and the text, even with a synonym's own slop.
const _: () = assert!(2 * NEAR_SLOP < analysis::TEXT_END_GAP as u32);

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
    /// Words and quoted phrases the user wants present with the accents
    /// typed (not excluded ones, nor ones with synonyms).
    wanted: Vec<String>,
    /// The ways of reading a query of bare words (several when synonyms
    /// apply); empty when the query has quotes, operators or fields.
    bare_variants: Vec<Alternative>,
    /// The text handed to tantivy's parser: stray colons defused, synonyms
    /// expanded.
    parser_text: String,
    /// How many field:value clauses it has.
    fielded: usize,
    /// A quoted phrase that is not excluded: something to search for even
    /// when synonyms took it out of `wanted`.
    positive_phrase: bool,
    /// A `field:*` piece (field exists), which tracuu's fields cannot answer.
    unsupported: Option<String>,
}

/// Field names a user may write before a colon.
const QUERYABLE_FIELDS: [&str; 4] = ["title", "body", "source", "id"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A word with no sign, field or parenthesis.
    Plain,
    Phrase,
    Operator,
    /// Signed, fielded or parenthesised words.
    Other,
}

/// One piece of the query, classified.
#[derive(Debug, Clone, Copy)]
struct Item<'a> {
    kind: Kind,
    sign: &'a str,
    body: &'a str,
    excluded: bool,
}

fn classify(text: &str) -> Vec<Item<'_>> {
    let mut items = Vec::new();
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
        let kind = if quoted {
            Kind::Phrase
        } else if sign.is_empty() && matches!(body, "AND" | "OR" | "NOT") {
            after_not = body == "NOT";
            Kind::Operator
        } else if !sign.is_empty() || body.contains(['(', ')']) || is_fielded(body) {
            Kind::Other
        } else {
            Kind::Plain
        };
        items.push(Item {
            kind,
            sign,
            body,
            excluded,
        });
    }
    items
}

fn shape_of(text: &str, synonyms: &Synonyms) -> QueryShape {
    let items = classify(text);
    let mut shape = QueryShape::default();
    let mut parser_parts: Vec<String> = Vec::new();
    let bare = !items.is_empty() && items.iter().all(|i| i.kind == Kind::Plain && !i.excluded);
    let mut at = 0;
    while at < items.len() {
        let item = items[at];
        match item.kind {
            Kind::Plain if !item.excluded => {
                let run_end = items[at..]
                    .iter()
                    .position(|i| i.kind != Kind::Plain || i.excluded)
                    .map_or(items.len(), |n| at + n);
                let words: Vec<&str> = items[at..run_end].iter().map(|i| i.body).collect();
                let segments = synonyms.segments(&words);
                for segment in &segments {
                    match segment {
                        Segment::Word(w) => {
                            parser_parts.push(defuse_colon(w));
                            shape.wanted.push(w.to_string());
                        }
                        Segment::Choice(forms) => parser_parts.push(any_of(forms)),
                    }
                }
                if bare {
                    shape.bare_variants = synonyms::variants(&segments);
                }
                at = run_end;
                continue;
            }
            Kind::Phrase => {
                let words: Vec<&str> = item.body.split_whitespace().collect();
                let variants = synonyms::variants(&synonyms.segments(&words));
                parser_parts.push(format!("{}{}", item.sign, any_of(&variants)));
                if !item.excluded && variants.len() == 1 && variants[0].slop == 0 {
                    shape.wanted.push(item.body.to_string());
                }
            }
            Kind::Operator => parser_parts.push(item.body.to_string()),
            Kind::Plain | Kind::Other => {
                parser_parts.push(format!("{}{}", item.sign, defuse_colon(item.body)));
                let content = item.body.trim_matches(['(', ')']);
                if item.excluded || content.is_empty() {
                } else if is_fielded(content) {
                    shape.fielded += 1;
                } else {
                    shape.wanted.push(content.to_string());
                }
            }
        }
        at += 1;
    }
    shape.parser_text = drop_dangling_operators(parser_parts).join(" ");
    shape.positive_phrase = items.iter().any(|i| i.kind == Kind::Phrase && !i.excluded);
    shape.unsupported = items
        .iter()
        .find(|i| is_fielded(i.body) && i.body.ends_with(":*"))
        .map(|i| i.body.to_string());
    shape
}

/// `"a"` for one form, `("a" OR "b c"~1)` for several.
fn any_of(forms: &[Alternative]) -> String {
    let quoted: Vec<String> = forms
        .iter()
        .map(|f| {
            let phrase = format!("\"{}\"", f.text.replace('"', " "));
            match f.slop {
                0 => phrase,
                slop => format!("{phrase}~{slop}"),
            }
        })
        .collect();
    match quoted.as_slice() {
        [one] => one.clone(),
        _ => format!("({})", quoted.join(" OR ")),
    }
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

/// A ranking tier: a document matching any of `alternatives` gets `bonus`
/// added to its score.
pub struct Tier {
    pub bonus: f32,
    pub alternatives: Vec<Box<dyn Query>>,
}

/// What a query matches, and the tiers that order its matches.
pub struct RankedQuery {
    /// Decides which documents match; scores them with BM25.
    pub matching: Box<dyn Query>,
    /// Tiers on which words carry the accents typed: cheap to check for every
    /// match (no positions).
    pub word_tiers: Vec<Tier>,
    /// Tiers on words standing together: position checks, costly on common
    /// words. Loosest first: each tier's matches are among the previous one's.
    pub position_tiers: Vec<Tier>,
}

impl RankedQuery {
    /// Matching scored with the word tiers.
    pub fn without_position_tiers(&self) -> Box<dyn Query> {
        with_tiers(&self.matching, &self.word_tiers)
    }

    /// Matching and every tier as one query: every match scored with all its
    /// tier bonuses (what ranking every match needs).
    pub fn combined(&self) -> Box<dyn Query> {
        let all: Vec<&Tier> = self.word_tiers.iter().chain(&self.position_tiers).collect();
        with_tiers(&self.matching, all)
    }
}

fn with_tiers<'a>(matching: &dyn Query, tiers: impl IntoIterator<Item = &'a Tier>) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, matching.box_clone())];
    for tier in tiers {
        let any: Box<dyn Query> = match tier.alternatives.as_slice() {
            [only] => only.box_clone(),
            all => Box::new(BooleanQuery::union(all.iter().map(|q| q.box_clone()).collect())),
        };
        clauses.push((Occur::Should, Box::new(ConstScoreQuery::new(any, tier.bonus))));
    }
    Box::new(BooleanQuery::new(clauses))
}

/// Builds the ranked query for `text`, with `synonyms` expanded.
pub fn build_query(target: &TracuuIndex, text: &str, synonyms: &Synonyms) -> Result<RankedQuery, QueryError> {
    let fields = &target.fields;
    let shape = shape_of(text, synonyms);
    if let Some(piece) = &shape.unsupported {
        return Err(QueryError(format!(
            "{piece:?} is not supported: search for words in the field instead (e.g. title:hội)"
        )));
    }
    if !has_searchable_words(&shape.parser_text) {
        return Err(QueryError(format!("query {text:?} has no words to search for")));
    }
    if shape.wanted.is_empty() && shape.bare_variants.is_empty() && shape.fielded == 0 && !shape.positive_phrase {
        return Err(QueryError(format!(
            "query {text:?} only excludes words; add a word to search for"
        )));
    }
    // The body field holds the headline too: one posting list per word to
    // intersect, not a union of title and body lists.
    let mut parser = QueryParser::for_index(&target.index, vec![fields.body]);
    parser.set_conjunction_by_default();
    let (parsed, _lenient_fixes) = parser.parse_query_lenient(&shape.parser_text);
    let matching = with_title_boost(parsed, fields);

    let mut word_tiers = Vec::new();
    for wanted in shape.wanted.iter().filter(|w| analysis::has_diacritics(w)) {
        let exact = analysis::token_texts(wanted, Form::Exact);
        word_tiers.extend(exact_tier(fields.body_exact, &exact));
    }
    let mut position_tiers = Vec::new();
    let mut readings: Vec<Reading> = Vec::new();
    for variant in &shape.bare_variants {
        let tokens = analysis::token_texts(&variant.text, Form::Folded);
        let slop = variant.slop as u32;
        match readings.iter_mut().find(|r| r.tokens == tokens) {
            Some(seen) => seen.slop = seen.slop.max(slop),
            None if tokens.len() > 1 => readings.push(Reading { tokens, slop }),
            None => {}
        }
    }
    if !readings.is_empty() {
        // Near, then phrase: a phrase is words near each other.
        position_tiers.extend(tier(fields.body, &readings, NEAR_SLOP, NEAR_TIER));
        position_tiers.extend(tier(fields.body, &readings, 0, PHRASE_TIER));
    }
    Ok(RankedQuery {
        matching,
        word_tiers,
        position_tiers,
    })
}

/// `parsed`, with each word and phrase it searches the body for also scored
/// in the title (optional clauses: they rank, they do not match), as the
/// headline's extra weight. Excluded parts add nothing.
fn with_title_boost(parsed: Box<dyn Query>, fields: &Fields) -> Box<dyn Query> {
    let mut in_title = Vec::new();
    title_parts(&*parsed, fields, &mut in_title);
    if in_title.is_empty() {
        return parsed;
    }
    let mut clauses = vec![(Occur::Must, parsed)];
    clauses.extend(
        in_title
            .into_iter()
            .map(|query| -> (Occur, Box<dyn Query>) { (Occur::Should, Box::new(BoostQuery::new(query, TITLE_BOOST))) }),
    );
    Box::new(BooleanQuery::new(clauses))
}

/// The positive parts of `query` on the body, searched in the title instead:
/// a phrase stays a phrase (a synonym's full form boosts only when the
/// headline has it whole), a word a word.
fn title_parts(query: &dyn Query, fields: &Fields, out: &mut Vec<Box<dyn Query>>) {
    let in_title = |term: &Term| {
        if term.field() != fields.body {
            return None;
        }
        term.value()
            .as_str()
            .map(|word| Term::from_field_text(fields.title, word))
    };
    if let Some(boolean) = query.downcast_ref::<BooleanQuery>() {
        for (occur, clause) in boolean.clauses() {
            if *occur != Occur::MustNot {
                title_parts(&**clause, fields, out);
            }
        }
    } else if let Some(phrase) = query.downcast_ref::<PhraseQuery>() {
        let terms: Option<Vec<Term>> = phrase.phrase_terms().iter().map(in_title).collect();
        if let Some(terms) = terms.filter(|terms| terms.len() > 1) {
            out.push(Box::new(PhraseQuery::new(terms)));
        }
    } else {
        // A word, or syntax whose parts cannot be told apart (`word^2`): word by word.
        query.query_terms(&mut |term, _| {
            if let Some(term) = in_title(term) {
                out.push(Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)));
            }
        });
    }
}

fn has_searchable_words(text: &str) -> bool {
    !analysis::token_texts(text, Form::Folded).is_empty()
}

/// A tier worth `EXACT_WORD_TIER` when every token of a word or phrase
/// occurs with the accents typed in the exact `field`. It keeps no positions
/// (it halves its size), so a phrase counts word by word here.
fn exact_tier(field: Field, tokens: &[String]) -> Option<Tier> {
    if tokens.is_empty() {
        return None;
    }
    let terms: Vec<(Occur, Box<dyn Query>)> = tokens
        .iter()
        .map(|t| -> (Occur, Box<dyn Query>) {
            let term = Term::from_field_text(field, t);
            (Occur::Must, Box::new(TermQuery::new(term, IndexRecordOption::Basic)))
        })
        .collect();
    Some(Tier {
        bonus: EXACT_WORD_TIER,
        alternatives: vec![Box::new(BooleanQuery::new(terms))],
    })
}

/// One way of reading a query of bare words: its folded tokens, and the
/// slop its spelling allows (a synonym written with a clause break).
struct Reading {
    tokens: Vec<String>,
    slop: u32,
}

/// A tier worth `score` when any reading's tokens occur (as a phrase within
/// `slop` more than the reading's own when several) in `field`.
fn tier(field: Field, readings: &[Reading], slop: u32, score: f32) -> Option<Tier> {
    let alternatives: Vec<Box<dyn Query>> = readings
        .iter()
        .filter(|r| !r.tokens.is_empty())
        .map(|reading| -> Box<dyn Query> {
            let terms: Vec<Term> = reading.tokens.iter().map(|t| Term::from_field_text(field, t)).collect();
            if terms.len() == 1 {
                Box::new(TermQuery::new(terms[0].clone(), IndexRecordOption::Basic))
            } else {
                let mut phrase = PhraseQuery::new(terms);
                phrase.set_slop(slop + reading.slop);
                Box::new(phrase)
            }
        })
        .collect();
    (!alternatives.is_empty()).then_some(Tier {
        bonus: score,
        alternatives,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(text: &str) -> QueryShape {
        shape_of(text, &Synonyms::default())
    }

    #[test]
    fn bare_words_are_wanted_and_get_proximity() {
        let shape = shape("thanh  hoá");
        assert_eq!(shape.wanted, vec!["thanh", "hoá"]);
        assert_eq!(shape.bare_variants, vec![Alternative::exact("thanh hoá")]);
    }

    #[test]
    fn syntax_turns_off_proximity_and_exclusions_are_not_wanted() {
        let shape = shape("\"hội nghị\" -covid title:tỉnh OR (a b)");
        assert_eq!(shape.wanted, vec!["hội nghị", "a", "b"]);
        assert!(shape.bare_variants.is_empty());
        assert_eq!(shape.fielded, 1);
    }

    #[test]
    fn stray_colons_are_defused_known_fields_kept() {
        assert_eq!(shape("Lưu ý: họp").parser_text, "Lưu ý  họp");
        assert_eq!(shape("title:họp").parser_text, "title:họp");
    }

    #[test]
    fn negation_covers_minus_phrases_and_not() {
        let shape = shape("hội nghị - \"tin cũ\" NOT covid -dịch");
        assert_eq!(shape.wanted, vec!["hội", "nghị"]);
        assert_eq!(shape.parser_text, "hội nghị -\"tin cũ\" NOT covid -dịch");
    }

    #[test]
    fn dangling_operators_are_dropped() {
        assert_eq!(shape("thanh OR").parser_text, "thanh");
        assert_eq!(shape("AND thanh OR OR hoa NOT").parser_text, "thanh OR hoa");
        assert_eq!(shape("OR").parser_text, "");
    }

    #[test]
    fn unbalanced_quote_reads_to_the_end() {
        assert_eq!(shape("\"thanh hoa").wanted, vec!["thanh hoa"]);
    }

    #[test]
    fn synonyms_expand_words_and_phrases_into_alternatives() {
        let mut synonyms = Synonyms::default();
        synonyms.add("UBND | Ủy ban nhân dân", "test").unwrap();
        let bare = shape_of("UBND tỉnh", &synonyms);
        assert_eq!(bare.parser_text, "(\"UBND\" OR \"Ủy ban nhân dân\") tỉnh");
        assert_eq!(
            bare.bare_variants,
            [
                Alternative::exact("UBND tỉnh"),
                Alternative::exact("Ủy ban nhân dân tỉnh")
            ]
        );
        assert_eq!(bare.wanted, vec!["tỉnh"], "words with synonyms rank as a normal match");
        let quoted = shape_of("\"ủy ban nhân dân tỉnh\"", &synonyms);
        assert_eq!(
            quoted.parser_text, "(\"ủy ban nhân dân tỉnh\" OR \"UBND tỉnh\")",
            "the full form is what was typed: searched once"
        );
    }
}
