//! Vietnamese text analysis.
//!
//! One tokenizer splits text into syllables and codes and normalises each
//! token into two forms: the exact form keeps accents (after NFC,
//! lower-casing and spelling normalisation), the folded form removes them.
//! The index holds both at the same position ([`DUAL`]): a syllable typed
//! with accents is looked up by its exact form, one typed without by its
//! folded form, and a phrase may mix them.

mod letters;
mod tokenizer;
mod word;

pub use letters::{char_at, fold_letter, push_lowercase};
pub use tokenizer::{
    common_words, folded_token, token_forms, token_spans, CommonWords, Form, PositionedSpans, VietnameseTokenizer,
    MAX_COMMON_WORD, MAX_TOKEN_BYTES, OTHER_SPELLING, TEXT_END_GAP,
};
pub use word::{exact_form, fold, folded_form, has_diacritics};

use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, TokenizerManager};

/// Registered name of the analyzer of the indexed text fields: folded and
/// exact forms at the same positions.
pub const DUAL: &str = "vi_dual";

/// Builds the analyzer for one form.
pub fn analyzer(form: Form) -> TextAnalyzer {
    TextAnalyzer::from(VietnameseTokenizer::new(form))
}

/// Registered name of the analyzer of the `words` field: the common words
/// of a text, once each.
pub const WORDS: &str = "vi_words";

/// Registers the index's analyzers under their stable names.
pub fn register(manager: &TokenizerManager) {
    manager.register(DUAL, analyzer(Form::Dual));
    manager.register(WORDS, analyzer(Form::Words));
}

/// All tokens of `text` in one form (for tests, query building and tools).
pub fn tokens(text: &str, form: Form) -> Vec<Token> {
    let mut analyzer = analyzer(form);
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().clone());
    }
    out
}

/// Just the token texts, in order.
pub fn token_texts(text: &str, form: Form) -> Vec<String> {
    tokens(text, form).into_iter().map(|t| t.text).collect()
}
