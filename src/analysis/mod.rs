//! Vietnamese text analysis.
//!
//! Two analyzers share one tokenizer and differ only in the form they emit:
//! [`EXACT`] keeps accents (after NFC, lower-casing and spelling
//! normalisation) and [`FOLDED`] removes them. Indexing both with identical
//! positions lets an accentless query match every variant while a query with
//! accents can prefer exact matches.

mod letters;
mod tokenizer;
mod word;

pub use letters::{char_at, fold_letter, push_lowercase};
pub use tokenizer::{folded_token, token_spans, Form, VietnameseTokenizer, MAX_TOKEN_BYTES, TEXT_END_GAP};
pub use word::{exact_form, fold, folded_form, has_diacritics};

use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, TokenizerManager};

/// Registered name of the accent-keeping analyzer.
pub const EXACT: &str = "vi_exact";
/// Registered name of the accent-folding analyzer.
pub const FOLDED: &str = "vi_folded";

/// Builds the analyzer for one form.
pub fn analyzer(form: Form) -> TextAnalyzer {
    TextAnalyzer::from(VietnameseTokenizer::new(form))
}

/// Registers both analyzers under their stable names. The exact fields keep
/// only which documents hold a word, so they get each word once per text.
pub fn register(manager: &TokenizerManager) {
    manager.register(EXACT, analyzer(Form::ExactDistinct));
    manager.register(FOLDED, analyzer(Form::Folded));
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
