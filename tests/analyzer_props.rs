//! Property tests: the analyzer never panics, keeps offsets valid, and its
//! normalisations hold for generated Vietnamese text.

use proptest::prelude::*;
use tracuu::analysis::{
    common_words, folded_form, token_texts, tokens, Form, PositionedSpans, MAX_COMMON_WORD, OTHER_SPELLING,
};
use unicode_normalization::UnicodeNormalization;

/// Vietnamese letters (both cases), digits, spaces and the punctuation of news text.
const ALPHABET: &str = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ\
AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬBCDĐEÈÉẺẼẸÊỀẾỂỄỆGHIÌÍỈĨỊKLMNOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢPQRSTUÙÚỦŨỤƯỪỨỬỮỰVXYỲÝỶỸỴ0123456789     .,;:-/%()\"\n";

fn vietnamese_text() -> impl Strategy<Value = String> {
    let letters: Vec<char> = ALPHABET.chars().collect();
    proptest::collection::vec(proptest::sample::select(letters), 0..120).prop_map(|v| v.into_iter().collect())
}

/// Text from a few words, so words repeat, in several spellings.
fn repetitive_text() -> impl Strategy<Value = String> {
    let words = [
        "hà",
        "Hà",
        "nội",
        "Nội",
        "uỷ",
        "ủy",
        "ban",
        "trong",
        "TRONG",
        "2024",
        "kĩ",
        "kỹ",
        "người",
        "đường",
        "xyzxyzxyzxyzxyzxyz",
    ];
    let separators = [" ", " ", ", ", ". ", "\n"];
    proptest::collection::vec(
        (
            proptest::sample::select(words.to_vec()),
            proptest::sample::select(separators.to_vec()),
        ),
        0..60,
    )
    .prop_map(|v| v.into_iter().map(|(w, s)| format!("{w}{s}")).collect())
}

/// The dual stream is the folded stream with, after each token that has
/// accents, its exact form at the same position and offsets.
fn check_dual(text: &str) -> Result<(), TestCaseError> {
    let exact = tokens(text, Form::Exact);
    let folded = tokens(text, Form::Folded);
    let key = |t: &tantivy::tokenizer::Token| (t.text.clone(), t.position, t.offset_from, t.offset_to);
    let mut expected = Vec::new();
    for (e, f) in exact.iter().zip(&folded) {
        expected.push(key(f));
        if e.text != f.text {
            expected.push(key(e));
        }
    }
    let dual: Vec<_> = tokens(text, Form::Dual).iter().map(key).collect();
    prop_assert_eq!(dual, expected);
    Ok(())
}

/// The words stream holds exactly the terms of the common words of the
/// text, each once: the folded form for the usual spelling, else the folded
/// form marked and the spelling (when it has accents). Checked against a
/// scan of the tokens.
fn check_words(text: &str) -> Result<(), TestCaseError> {
    let exact = tokens(text, Form::Exact);
    let folded = tokens(text, Form::Folded);
    let mut expected = std::collections::BTreeSet::new();
    for start in 0..folded.len() {
        for len in 2..=MAX_COMMON_WORD.min(folded.len() - start) {
            let part = &folded[start..start + len];
            if part.windows(2).any(|w| w[1].position != w[0].position + 1) {
                break;
            }
            let syllables: Vec<&str> = part.iter().map(|t| t.text.as_str()).collect();
            let folded = syllables.join(" ");
            let spelling = exact[start..start + len]
                .iter()
                .map(|t| t.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            match common_words().usual_spelling(&syllables) {
                Some(usual) if usual == spelling => {
                    expected.insert(folded);
                }
                Some(_) => {
                    expected.insert(format!("{folded}{OTHER_SPELLING}"));
                    if spelling != folded {
                        expected.insert(spelling);
                    }
                }
                None => {}
            }
        }
    }
    let words: Vec<String> = token_texts(text, Form::Words);
    let unique: std::collections::BTreeSet<String> = words.iter().cloned().collect();
    prop_assert_eq!(unique.len(), words.len(), "each word once: {:?}", words);
    prop_assert_eq!(unique, expected);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// The index gets folded and exact forms at the same positions, and
    /// the common words once each, whatever text came before on the thread.
    #[test]
    fn dual_and_words_streams_hold_what_the_text_has(a in repetitive_text(), b in repetitive_text()) {
        check_dual(&a)?;
        check_words(&b)?;
        check_dual(&b)?;
        check_words(&a)?;
        let shared = std::thread::scope(|s| s.spawn(|| tokens(&b, Form::Words).len()).join().unwrap());
        prop_assert_eq!(shared, tokens(&b, Form::Words).len());
    }

    #[test]
    fn dual_stream_on_any_text(text in vietnamese_text()) {
        check_dual(&text)?;
        check_words(&text)?;
    }

    /// The snippets' walk over spans gives the analyzer's positions, long
    /// tokens and clause breaks included.
    #[test]
    fn positioned_spans_agree_with_the_analyzer(text in any::<String>(), viet in vietnamese_text()) {
        for text in [&text, &viet] {
            let analysed: Vec<(usize, usize, usize)> =
                tokens(text, Form::Exact).into_iter().map(|t| (t.offset_from, t.offset_to, t.position)).collect();
            let mut spans = PositionedSpans::default();
            let mut walked = Vec::new();
            while let Some((range, position)) = spans.next(text) {
                walked.push((range.start, range.end, position));
            }
            prop_assert_eq!(analysed, walked);
        }
    }

    #[test]
    fn any_string_tokenizes_with_valid_offsets_and_positions(text in any::<String>()) {
        for form in [Form::Exact, Form::Folded] {
            let toks = tokens(&text, form);
            let mut last_end = 0;
            let mut last_position = None;
            for t in &toks {
                // Consecutive, or one apart across a clause break.
                let expected = last_position.map_or(0..=1, |p: usize| p + 1..=p + 2);
                prop_assert!(expected.contains(&t.position), "{:?} after {:?}", t, last_position);
                last_position = Some(t.position);
                prop_assert!(t.offset_from >= last_end && t.offset_from < t.offset_to && t.offset_to <= text.len());
                prop_assert!(text.is_char_boundary(t.offset_from) && text.is_char_boundary(t.offset_to));
                prop_assert!(!t.text.is_empty());
                last_end = t.offset_to;
            }
        }
    }

    /// The highlighter's shortcut (spans first, forms only where wanted) sees
    /// exactly the analyzer's tokens.
    #[test]
    fn spans_and_folded_tokens_agree_with_the_analyzer(text in vietnamese_text()) {
        let analysed: Vec<(usize, usize, String)> =
            tokens(&text, Form::Folded).into_iter().map(|t| (t.offset_from, t.offset_to, t.text)).collect();
        let mut folded = String::new();
        let shortcut: Vec<(usize, usize, String)> = tracuu::analysis::token_spans(&text)
            .filter_map(|span| {
                let kept = tracuu::analysis::folded_token(&text[span.clone()], &mut folded);
                kept.then(|| (span.start, span.end, folded.clone()))
            })
            .collect();
        prop_assert_eq!(analysed, shortcut);
    }

    /// The analyses of the last two texts are reused by later streams over
    /// them: whatever came in between, a text always gets its own tokens,
    /// the ones a thread that never saw another text gives it.
    #[test]
    fn kept_analyses_are_replayed_for_their_own_text_only(
        a in vietnamese_text(),
        b in vietnamese_text(),
        c in vietnamese_text(),
    ) {
        let fresh = |text: &str, form| std::thread::scope(|s| s.spawn(|| tokens(text, form)).join().unwrap());
        let order = [
            (&a, Form::Exact), (&b, Form::Folded), (&a, Form::Dual), (&b, Form::Words),
            (&c, Form::Exact), (&a, Form::Words), (&b, Form::Dual), (&c, Form::Folded),
        ];
        for (text, form) in order {
            prop_assert_eq!(format!("{:?}", tokens(text, form)), format!("{:?}", fresh(text, form)));
        }
    }

    /// The analysis of the last text is reused by the next stream over the
    /// same text: whatever came in between, a text always gets its own tokens.
    #[test]
    fn reused_analysis_never_leaks_between_texts(a in vietnamese_text(), b in vietnamese_text()) {
        let first = (tokens(&a, Form::Exact), tokens(&a, Form::Folded));
        let other = tokens(&b, Form::Folded);
        prop_assert_eq!(&tokens(&b, Form::Exact).len(), &other.len());
        let again = (tokens(&a, Form::Folded), tokens(&a, Form::Exact));
        prop_assert_eq!(format!("{:?}", first.0), format!("{:?}", again.1));
        prop_assert_eq!(format!("{:?}", first.1), format!("{:?}", again.0));
        let fresh = std::thread::scope(|s| s.spawn(|| tokens(&b, Form::Exact)).join().unwrap());
        prop_assert_eq!(format!("{:?}", fresh), format!("{:?}", tokens(&b, Form::Exact)));
    }

    #[test]
    fn exact_and_folded_streams_have_identical_positions(text in any::<String>()) {
        let e = tokens(&text, Form::Exact);
        let f = tokens(&text, Form::Folded);
        prop_assert_eq!(e.len(), f.len());
        for (a, b) in e.iter().zip(&f) {
            prop_assert_eq!((a.position, a.offset_from, a.offset_to), (b.position, b.offset_from, b.offset_to));
        }
    }

    #[test]
    fn nfd_and_nfc_give_the_same_tokens(text in vietnamese_text()) {
        let nfd: String = text.nfd().collect();
        let nfc: String = text.nfc().collect();
        prop_assert_eq!(token_texts(&nfd, Form::Exact), token_texts(&nfc, Form::Exact));
    }

    #[test]
    fn case_does_not_matter(text in vietnamese_text()) {
        prop_assert_eq!(token_texts(&text.to_uppercase(), Form::Exact), token_texts(&text.to_lowercase(), Form::Exact));
    }

    #[test]
    fn folded_vietnamese_is_plain_ascii_and_folding_is_idempotent(text in vietnamese_text()) {
        for token in token_texts(&text, Form::Folded) {
            prop_assert!(token.is_ascii(), "{token}");
            let mut again = String::new();
            folded_form(&token, &mut again);
            prop_assert_eq!(again, token);
        }
    }

    #[test]
    fn folded_tokens_are_the_fold_of_exact_tokens(text in vietnamese_text()) {
        let folded_of_exact: Vec<String> = token_texts(&text, Form::Exact).iter().map(|t| {
            let mut out = String::new();
            folded_form(t, &mut out);
            out
        }).collect();
        prop_assert_eq!(folded_of_exact, token_texts(&text, Form::Folded));
    }

    #[test]
    fn old_style_tone_placement_reads_as_new_style(onset in "(h|kh|th|t|l|x|ng|)", tone in 0usize..5, rime in 0usize..3) {
        // Old style puts the tone on the last vowel of an open oa/oe/uy.
        let marks = ['\u{300}', '\u{301}', '\u{309}', '\u{303}', '\u{323}'];
        let (v1, v2) = [("o", "a"), ("o", "e"), ("u", "y")][rime];
        let old: String = format!("{onset}{v1}{v2}{}", marks[tone]).nfc().collect();
        let new: String = format!("{onset}{v1}{}{v2}", marks[tone]).nfc().collect();
        prop_assert_eq!(token_texts(&old, Form::Exact), token_texts(&new, Form::Exact));
    }
}

#[test]
fn words_stream_gives_one_term_for_the_usual_spelling_and_two_for_others() {
    let words = token_texts("Có thể người dân cho biết, có thể. Cơ thể khỏe.", Form::Words);
    // The usual spellings: their folded form, once.
    for expected in ["co the", "nguoi dan", "cho biet"] {
        assert!(words.contains(&expected.to_string()), "{expected} in {words:?}");
    }
    assert_eq!(words.iter().filter(|w| *w == "co the").count(), 1);
    assert!(
        !words.contains(&"có thể".to_string()),
        "the usual spelling has no term of its own: {words:?}"
    );
    // "cơ thể" (body) is "co the" spelled otherwise.
    assert!(words.contains(&format!("co the{OTHER_SPELLING}")), "{words:?}");
    assert!(words.contains(&"cơ thể".to_string()), "{words:?}");
}

#[test]
fn a_long_token_breaks_phrases_for_the_span_walk_too() {
    let long = "x".repeat(300);
    let text = format!("hội {long} đồng");
    let positions: Vec<usize> = tokens(&text, Form::Exact).iter().map(|t| t.position).collect();
    assert_eq!(positions, [0, 2]);
}
