//! A parsed query as tantivy queries: the matching query (exactly the set
//! of articles the query means, scored with BM25) and the ranking tiers
//! that order its matches.

use super::{every_reading, Expr, Form, KeywordField, MatchMode, ParsedQuery, Syllable, TextField, Unit, UnitKind};
use crate::analysis;
use crate::dictionary::Dictionary;
use crate::schema::Fields;
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

/// Weight of a unit's BM25 in the headline, added to its BM25 in the body
/// (which holds the headline too).
const TITLE_BOOST: f32 = 2.0;

// Ranking tiers. BM25 orders documents within a tier; the tiers are added as
// constant scores far larger than any BM25 score, so that (1) the query's
// words standing together as typed beat everything else (the strongest sign
// of what was meant), then (2) an accentless query that spells a known
// person or place ranks the articles naming them ("to lam": Tô Lâm) above
// those where the same syllables are other words ("yếu tố làm"), (3) a word
// typed without accents ranks its dictionary form first ("tham nhung":
// tham nhũng), and (4) words close together beat words scattered. A BM25
// boost would not do: its weight scales with the words' rarity and
// vanishes for common words.
/// What one point of match quality adds to a score: far above any BM25
/// score, so tiers order before relevance within them.
const TIER_POINT: f32 = 10_000.0;
const PHRASE_TIER: f32 = 8.0 * TIER_POINT;
const NAME_TIER: f32 = 4.0 * TIER_POINT;
const WORD_FORM_TIER: f32 = 2.0 * TIER_POINT;
const NEAR_TIER: f32 = TIER_POINT;

/// The match-quality points a document's tier bonus stands for.
pub fn tier_points(bonus: f32) -> u32 {
    (bonus / TIER_POINT).round().max(0.0) as u32
}
/// How far apart (in positions) words may stand and still count as close.
const NEAR_SLOP: u32 = 6;
// Nor across the headline and the text, even with a synonym's own slop.
const _: () = assert!(2 * NEAR_SLOP < analysis::TEXT_END_GAP as u32);
/// Most ways of reading a query of several words for the phrase tiers.
const MAX_READINGS: usize = 16;

/// A ranking tier: a document matching any of `alternatives` gets `bonus`.
pub struct Tier {
    pub bonus: f32,
    pub alternatives: Vec<Box<dyn Query>>,
    /// A looser tier every member of this one is in too (the phrase tier's
    /// members are near): members get its bonus without checking it.
    pub implies: Option<usize>,
}

/// What a query matches, and the tiers that order its matches.
pub struct RankedQuery {
    /// Decides which documents match; scores them with BM25.
    pub matching: Box<dyn Query>,
    /// Position tiers, the largest bonus first.
    pub tiers: Vec<Tier>,
    /// Whether the query has words to rank by (else: date order).
    pub scored: bool,
}

/// `matching` and every tier as one query: every match scored with all
/// its tier bonuses (what ranking every match needs; tests compare the
/// fast ranking with it).
pub fn with_tiers(matching: &dyn Query, tiers: &[Tier]) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, matching.box_clone())];
    for tier in tiers {
        let any = union(tier.alternatives.iter().map(|q| q.box_clone()).collect());
        clauses.push((Occur::Should, Box::new(ConstScoreQuery::new(any, tier.bonus))));
    }
    Box::new(BooleanQuery::new(clauses))
}

/// Builds the ranked query for a parsed query.
pub fn build_query(fields: &Fields, parsed: &ParsedQuery, dictionary: &Dictionary) -> RankedQuery {
    let mode = parsed.options.matching;
    let matching = with_title_boost(expr_query(&parsed.expr, fields, mode), &parsed.expr, fields, mode);
    // Largest bonus first: phrase, names, word forms, near.
    let mut dictionary_tiers: Vec<Tier> = Vec::new();
    if mode == MatchMode::Words {
        for unit in parsed.expr.positive_units() {
            dictionary_tiers.extend(dictionary_tier(unit, fields, dictionary));
        }
    }
    dictionary_tiers.sort_by(|a, b| b.bonus.total_cmp(&a.bonus));
    let mut tiers = Vec::new();
    match position_tiers(&parsed.expr, fields.body) {
        Some((mut phrase, near)) => {
            // A phrase is words near each other.
            phrase.implies = Some(dictionary_tiers.len() + 1);
            tiers.push(phrase);
            tiers.extend(dictionary_tiers);
            tiers.push(near);
        }
        None => tiers = dictionary_tiers,
    }
    RankedQuery {
        matching,
        tiers,
        scored: parsed.expr.has_positive_terms(),
    }
}

fn union(mut queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    if queries.len() == 1 {
        return queries.remove(0);
    }
    Box::new(BooleanQuery::union(queries))
}

fn text_field(fields: &Fields, field: TextField) -> Field {
    match field {
        TextField::Body => fields.body,
        TextField::Title => fields.title,
    }
}

/// The words of `value`, folded, side by side in `field` (a `vi_dual`
/// field): accents and case optional ("nld.com.vn", "nguoi lao dong"). No
/// words match nothing.
pub fn folded_words(field: Field, value: &str) -> Box<dyn Query> {
    let tokens = analysis::tokens(value, analysis::Form::Folded);
    let first = tokens.first().map_or(0, |t| t.position);
    let terms: Vec<(usize, Term)> = tokens
        .iter()
        .map(|t| (t.position - first, Term::from_field_text(field, &t.text)))
        .collect();
    match terms.len() {
        0 => Box::new(BooleanQuery::new(Vec::new())),
        1 => Box::new(TermQuery::new(terms[0].1.clone(), IndexRecordOption::Basic)),
        _ => Box::new(PhraseQuery::new_with_offset(terms)),
    }
}

/// The set algebra of `expr` as a tantivy query.
fn expr_query(expr: &Expr, fields: &Fields, mode: MatchMode) -> Box<dyn Query> {
    match expr {
        Expr::All => Box::new(AllQuery),
        Expr::Unit(unit) => {
            let words = (unit.field == TextField::Body).then_some(fields.words);
            unit_query(text_field(fields, unit.field), unit, mode, words)
        }
        Expr::Keyword(KeywordField::Source, value) => folded_words(fields.source_text, value),
        Expr::Keyword(KeywordField::Id, value) => Box::new(TermQuery::new(
            Term::from_field_text(fields.id, value),
            IndexRecordOption::Basic,
        )),
        Expr::And(children, _) => {
            let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for child in children {
                match child {
                    Expr::Not(inner) => clauses.push((Occur::MustNot, expr_query(inner, fields, mode))),
                    other => clauses.push((Occur::Must, expr_query(other, fields, mode))),
                }
            }
            if !clauses.iter().any(|(o, _)| *o == Occur::Must) {
                clauses.push((Occur::Must, Box::new(AllQuery)));
            }
            Box::new(BooleanQuery::new(clauses))
        }
        Expr::Or(children) => union(children.iter().map(|c| expr_query(c, fields, mode)).collect()),
        Expr::Not(inner) => Box::new(BooleanQuery::new(vec![
            (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
            (Occur::MustNot, expr_query(inner, fields, mode)),
        ])),
    }
}

/// Any of the unit's forms in `field` (`words`: the common-words field,
/// when `field` is the body).
pub fn unit_query(field: Field, unit: &Unit, mode: MatchMode, words: Option<Field>) -> Box<dyn Query> {
    union(
        unit.forms
            .iter()
            .map(|form| form_query(field, form, mode, words))
            .collect(),
    )
}

/// One form: a term, or its syllables side by side (a phrase), or, in
/// any-order mode, each syllable anywhere. A common word (see
/// `analysis::common_words`) typed all with accents or all without is
/// looked up in the `words` field (`words`: given when `field` is the body)
/// instead of by the positions of its syllables: the same documents.
fn form_query(field: Field, form: &Form, mode: MatchMode, words: Option<Field>) -> Box<dyn Query> {
    if let Some(word) = words
        .filter(|_| mode == MatchMode::Words)
        .and_then(|w| common_word_query(w, form))
    {
        return word;
    }
    let terms: Vec<(usize, Term)> = form
        .syllables
        .iter()
        .map(|(at, s)| (*at, Term::from_field_text(field, s.term())))
        .collect();
    if terms.len() == 1 {
        return Box::new(TermQuery::new(terms[0].1.clone(), IndexRecordOption::WithFreqs));
    }
    match mode {
        MatchMode::Words => {
            let phrase: Box<dyn Query> = Box::new(PhraseQuery::new_with_offset_and_slop(terms, form.slop));
            // The common words inside a longer phrase ("thành phố" and "hồ chí
            // minh" in "thành phố hồ chí minh"): documents without them
            // are not read for positions.
            let inside = words.map(|w| common_words_inside(w, form)).unwrap_or_default();
            if inside.is_empty() {
                return phrase;
            }
            let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, phrase)];
            // Scored by the phrase alone.
            clauses.extend(
                inside.into_iter().map(|word| -> (Occur, Box<dyn Query>) {
                    (Occur::Must, Box::new(ConstScoreQuery::new(word, 0.0)))
                }),
            );
            Box::new(BooleanQuery::new(clauses))
        }
        MatchMode::AnyOrder => Box::new(BooleanQuery::new(
            terms
                .into_iter()
                .map(|(_, t)| -> (Occur, Box<dyn Query>) {
                    (Occur::Must, Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs)))
                })
                .collect(),
        )),
    }
}

/// The `words` lookup for a form that is a common word, typed all with
/// accents or all without, its syllables side by side (see
/// `analysis::CommonWords` for the terms).
fn common_word_query(words: Field, form: &Form) -> Option<Box<dyn Query>> {
    let n = form.syllables.len();
    let side_by_side = form.syllables.iter().enumerate().all(|(i, (at, _))| *at == i);
    if form.slop != 0 || !side_by_side {
        return None;
    }
    let folded: Vec<&str> = form.syllables.iter().map(|(_, s)| s.folded.as_str()).collect();
    let exact = form.syllables.iter().filter(|(_, s)| s.exact.is_some()).count();
    match exact {
        0 => common_word_any_spelling(words, &folded),
        e if e == n => {
            let spelling: Vec<&str> = form.syllables.iter().map(|(_, s)| s.term()).collect();
            common_word_spelled(words, &folded, &spelling.join(" "))
        }
        // Some syllables with accents, some without: by positions.
        _ => None,
    }
}

/// A common word in any spelling: the plain and the marked folded terms.
fn common_word_any_spelling(words: Field, folded: &[&str]) -> Option<Box<dyn Query>> {
    analysis::common_words().usual_spelling(folded)?;
    let key = folded.join(" ");
    let term = |text: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(words, text),
            IndexRecordOption::Basic,
        ))
    };
    Some(union(vec![
        term(&key),
        term(&format!("{key}{}", analysis::OTHER_SPELLING)),
    ]))
}

/// A common word spelled `spelling` (exact syllables joined by spaces): its
/// plain folded term for the usual spelling, else the spelling's own term
/// (`None` for an accentless spelling that is not the usual one: the
/// index has no term for it alone).
fn common_word_spelled(words: Field, folded: &[&str], spelling: &str) -> Option<Box<dyn Query>> {
    let usual = analysis::common_words().usual_spelling(folded)?;
    let text = if spelling == usual {
        folded.join(" ")
    } else if spelling == folded.join(" ") {
        return None;
    } else {
        spelling.to_string()
    };
    let term = Term::from_field_text(words, &text);
    Some(Box::new(TermQuery::new(term, IndexRecordOption::Basic)))
}

/// The common words a phrase holds (side by side, no slop), left to
/// right, longest first.
fn common_words_inside(words: Field, form: &Form) -> Vec<Box<dyn Query>> {
    let mut out = Vec::new();
    if form.slop != 0 {
        return out;
    }
    let syllables = &form.syllables;
    let mut at = 0;
    while at < syllables.len() {
        let found = (2..=analysis::MAX_COMMON_WORD.min(syllables.len() - at))
            .rev()
            .find_map(|len| {
                let part = &syllables[at..at + len];
                let side_by_side = part.windows(2).all(|w| w[1].0 == w[0].0 + 1);
                let piece = Form {
                    syllables: part.iter().enumerate().map(|(i, (_, s))| (i, s.clone())).collect(),
                    slop: 0,
                };
                side_by_side
                    .then(|| common_word_query(words, &piece))
                    .flatten()
                    .map(|q| (q, len))
            });
        match found {
            Some((query, len)) => {
                out.push(query);
                at += len;
            }
            None => at += 1,
        }
    }
    out
}

/// `matching`, with each unit it wants also scored in the headline
/// (optional clauses: they rank, they do not match).
fn with_title_boost(matching: Box<dyn Query>, expr: &Expr, fields: &Fields, mode: MatchMode) -> Box<dyn Query> {
    let boosts: Vec<(Occur, Box<dyn Query>)> = expr
        .positive_units()
        .into_iter()
        .filter(|u| u.field == TextField::Body)
        .map(|u| -> (Occur, Box<dyn Query>) {
            let in_title = unit_query(fields.title, u, mode, None);
            (Occur::Should, Box::new(BoostQuery::new(in_title, TITLE_BOOST)))
        })
        .collect();
    if boosts.is_empty() {
        return matching;
    }
    let mut clauses = vec![(Occur::Must, matching)];
    clauses.extend(boosts);
    Box::new(BooleanQuery::new(clauses))
}

/// For a unit typed (partly) without accents that spells dictionary
/// entries: a tier for articles holding an entry with its accents, the
/// names of people and places above other words.
fn dictionary_tier(unit: &Unit, fields: &Fields, dictionary: &Dictionary) -> Option<Tier> {
    if !matches!(unit.kind, UnitKind::Word | UnitKind::Phrase) || unit.field != TextField::Body {
        return None;
    }
    let typed = unit.forms.first()?;
    let side_by_side = typed.syllables.iter().enumerate().all(|(i, (at, _))| *at == i);
    if typed.syllables.len() < 2 || !side_by_side || typed.syllables.iter().all(|(_, s)| s.exact.is_some()) {
        return None;
    }
    let key: Vec<&str> = typed.syllables.iter().map(|(_, s)| s.folded.as_str()).collect();
    let entries: Vec<_> = dictionary
        .entries(&key.join(" "))
        .filter(|entry| {
            entry
                .syllables()
                .zip(&typed.syllables)
                .all(|(exact, (_, s))| s.exact.as_deref().is_none_or(|e| e == exact))
        })
        .collect();
    let names: Vec<_> = entries.iter().filter(|e| e.is_name()).collect();
    let (chosen, bonus) = if names.is_empty() {
        (entries.iter().collect::<Vec<_>>(), WORD_FORM_TIER)
    } else {
        (names, NAME_TIER)
    };
    let alternatives: Vec<Box<dyn Query>> = chosen
        .into_iter()
        .map(|entry| -> Box<dyn Query> {
            let folded: Vec<&str> = entry.folded.split(' ').collect();
            if let Some(word) = common_word_spelled(fields.words, &folded, entry.exact) {
                return word;
            }
            let syllables = entry.syllables().map(exact_syllable);
            form_query(fields.body, &Form::side_by_side(syllables, 0), MatchMode::Words, None)
        })
        .collect();
    (!alternatives.is_empty()).then_some(Tier {
        bonus,
        alternatives,
        implies: None,
    })
}

/// A dictionary syllable matched with its accents (an unaccented one is
/// its folded term).
fn exact_syllable(exact: &str) -> Syllable {
    let mut folded = String::new();
    analysis::folded_form(exact, &mut folded);
    Syllable {
        exact: (folded != exact).then(|| exact.to_string()),
        folded,
    }
}

/// Phrase and near tiers for a query of several units side by side (no
/// operators): the units in order, together, then within a few words.
fn position_tiers(expr: &Expr, field: Field) -> Option<(Tier, Tier)> {
    let Expr::And(children, true) = expr else {
        return None;
    };
    let units: Option<Vec<&Unit>> = children
        .iter()
        .map(|c| match c {
            Expr::Unit(u) if u.field == TextField::Body => Some(u),
            _ => None,
        })
        .collect();
    let units = units.filter(|u| u.len() > 1)?;
    // Every way of reading the units one after the other (synonyms give several).
    let readings = every_reading(units.iter().map(|u| (u.forms.as_slice(), 0)), MAX_READINGS);
    let phrases = |slop: u32| -> Vec<Box<dyn Query>> {
        readings
            .iter()
            .map(|r| {
                let mut form = r.clone();
                form.slop += slop;
                form_query(field, &form, MatchMode::Words, None)
            })
            .collect()
    };
    let phrase = Tier {
        bonus: PHRASE_TIER,
        alternatives: phrases(0),
        implies: None,
    };
    let near = Tier {
        bonus: NEAR_TIER,
        alternatives: phrases(NEAR_SLOP),
        implies: None,
    };
    Some((phrase, near))
}
