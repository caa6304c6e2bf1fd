//! The tantivy tokenizer: splits text into syllables and codes, with byte
//! offsets into the original text, and emits either the exact or the folded
//! form of each token. Both forms see the same tokens in the same positions,
//! so phrase queries and highlights agree across the two fields.
//!
//! Every text is indexed twice (folded and exact field), so the work of
//! splitting and normalising it is done once per thread: the analyses of the
//! last two texts (a headline and its article) are kept, and a later stream
//! over either replays it.

use super::letters::{char_at, is_alphanumeric};
use super::word::{exact_form, folded_form, is_ignorable};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::rc::Rc;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_normalization::char::is_combining_mark;

/// Longer tokens are glued junk (URLs, base64 images): not worth indexing, and
/// tantivy rejects terms past 65 KB.
pub const MAX_TOKEN_BYTES: usize = 200;

/// Positions a text's last token takes up. tantivy starts the next value of
/// a field after it: no phrase, even with the slop of a proximity search,
/// runs from one value into the next (the headline into the article text,
/// which share the `body` field).
pub const TEXT_END_GAP: usize = 32;

/// Which token stream to produce.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// Normalised and lower-case, accents kept.
    Exact,
    /// Every tone and vowel mark removed, đ → d.
    Folded,
    /// What the index holds: the folded form of every token and, at the same
    /// position, its exact form when that differs (when the token has
    /// accents). A query then picks, syllable by syllable, the exact term
    /// (accents typed) or the folded one (accents omitted), and a phrase can
    /// mix the two: "Nguyen Phú Trọng". Folded forms never carry marks, so
    /// the two kinds of term never collide.
    Dual,
    /// The common words of the text (see [`common_words`]), each once per
    /// text: folded, and exact when that differs. For a field that records
    /// only which documents hold a word.
    Words,
}

/// One token of an analysed text: its exact form is
/// `forms[exact_start..exact_end]`, its folded form
/// `forms[folded_start..folded_end]` (the same bytes when the two agree, as
/// for every ASCII token).
#[derive(Clone, Copy)]
struct Span {
    from: usize,
    to: usize,
    position: usize,
    exact_start: u32,
    exact_end: u32,
    folded_start: u32,
    folded_end: u32,
    /// Id of the folded form among the common syllables, or `NOT_COMMON`.
    common: u16,
}

/// A text split into tokens, with both forms of each.
#[derive(Clone, Default)]
struct Analysis {
    text: String,
    spans: Vec<Span>,
    forms: String,
}

thread_local! {
    /// The last two texts analysed on this thread, the latest first (see the
    /// module docs). Shared with the streams reading them, not copied: a
    /// body's spans run to tens of KB.
    static LAST: RefCell<[Rc<Analysis>; 2]> = RefCell::new(Default::default());

    /// Forms of the tokens seen lately on this thread. A language of
    /// syllables repeats a few thousand spellings over and over: looking a
    /// token up costs a fraction of normalising it again.
    static FORMS: RefCell<FormCache> = RefCell::new(FormCache::default());
}

/// Exact and folded forms by original spelling.
#[derive(Default)]
struct FormCache {
    /// Original token text (packed, see `short_key`) → where its forms are.
    by_raw: FxHashMap<u128, Entry>,
    forms: String,
    exact: String,
    folded: String,
}

/// The forms of one spelling: exact `forms[start..split]`, folded
/// `forms[split..end]`; the folded form's common-syllable id.
#[derive(Clone, Copy)]
struct Entry {
    start: u32,
    split: u32,
    end: u32,
    common: u16,
}

/// The two forms of a token.
struct Forms<'c> {
    exact: &'c str,
    folded: &'c str,
    /// The same string as `exact` (nothing to fold).
    same: bool,
    common: u16,
}

/// Not a common syllable.
const NOT_COMMON: u16 = u16::MAX;

/// Which term of a common word a text gets (see [`CommonWords`]).
#[derive(Clone, Copy)]
enum Spelling {
    /// Its folded form: spelled as usual.
    Usual,
    /// Its folded form marked: spelled otherwise.
    Other,
    /// The spelling itself (exact forms).
    Exact,
}

/// The words indexed as words (`index-schema/common-words.txt`): dictionary
/// words of two to four syllables, each syllable common (in 8 % or more of
/// the articles). Matching such a word by the positions of its syllables
/// means checking most of the corpus; looked up as a word, it is one
/// posting list.
///
/// A text holding a common word gets the term of its folded form when it
/// is spelled the way the word nearly always is (its most frequent
/// spelling, "có thể"), else the folded form marked as spelled otherwise
/// ([`OTHER_SPELLING`]) and, when that spelling has accents, the spelling
/// itself ("cơ thể"). A query for the word in any spelling reads the plain
/// and the marked terms; for the usual spelling, the plain one; for another
/// spelling, that spelling's term. One term per text for the 99 % of
/// occurrences in the usual spelling, instead of two.
pub struct CommonWords {
    syllables: FxHashMap<&'static str, u16>,
    /// By syllable id: whether some common word starts with it.
    starts: Vec<bool>,
    /// Bit `a * syllables + b`: some common word starts with syllables a, b.
    pairs: Vec<u64>,
    /// Word key (see `word_key`) → its most frequent spelling.
    words: FxHashMap<u64, &'static str>,
}

/// The bundled list.
pub const COMMON_WORDS: &str = include_str!("../../index-schema/common-words.txt");

/// Longest common word, in syllables.
pub const MAX_COMMON_WORD: usize = 4;

/// Appended to a common word's folded form for a text that spells it
/// otherwise than usual.
pub const OTHER_SPELLING: char = '\u{1}';

/// The common words, read once.
pub fn common_words() -> &'static CommonWords {
    static WORDS: std::sync::OnceLock<CommonWords> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        let mut syllables: FxHashMap<&'static str, u16> = FxHashMap::default();
        let mut words = FxHashMap::default();
        let mut starts = Vec::new();
        for line in COMMON_WORDS.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
            let (folded, spelling) = line.split_once('\t').unwrap_or((line, line));
            let ids: Vec<u16> = folded
                .split(' ')
                .map(|syllable| {
                    let next = syllables.len() as u16;
                    *syllables.entry(syllable).or_insert(next)
                })
                .collect();
            words.insert(word_key(&ids), spelling);
            starts.resize(syllables.len(), false);
            starts[ids[0] as usize] = true;
        }
        starts.resize(syllables.len(), false);
        let n = syllables.len();
        let mut pairs = vec![0u64; (n * n).div_ceil(64)];
        for line in COMMON_WORDS.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
            let folded = line.split('\t').next().unwrap_or(line);
            let mut first_two = folded.split(' ').map(|s| syllables[s] as usize);
            if let (Some(a), Some(b)) = (first_two.next(), first_two.next()) {
                let bit = a * n + b;
                pairs[bit / 64] |= 1 << (bit % 64);
            }
        }
        CommonWords {
            syllables,
            starts,
            pairs,
            words,
        }
    })
}

/// Up to four syllable ids packed with their count.
fn word_key(ids: &[u16]) -> u64 {
    ids.iter()
        .fold(ids.len() as u64, |key, &id| (key << 14) | u64::from(id))
}

impl CommonWords {
    /// Whether some common word starts with common syllables `a`, `b`.
    fn starts_with_pair(&self, a: u16, b: u16) -> bool {
        let bit = a as usize * self.starts.len() + b as usize;
        self.pairs[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// The id of a common syllable (folded form).
    fn syllable(&self, folded: &str) -> u16 {
        self.syllables.get(folded).copied().unwrap_or(NOT_COMMON)
    }

    /// The most frequent spelling (exact syllables joined by spaces) of a
    /// common word given by its folded syllables; `None` when it is not one.
    pub fn usual_spelling(&self, folded: &[&str]) -> Option<&'static str> {
        if !(2..=MAX_COMMON_WORD).contains(&folded.len()) {
            return None;
        }
        let ids: Vec<u16> = folded.iter().map(|s| self.syllable(s)).collect();
        if ids.contains(&NOT_COMMON) {
            return None;
        }
        self.words.get(&word_key(&ids)).copied()
    }
}

/// A token of at most 15 bytes packed into one integer with its length:
/// hashing and comparing it needs no pointer chase and no `memcmp`.
/// Nearly every syllable with accents fits. Longer tokens are not cached, and
/// neither is plain ASCII (numbers, codes, unaccented syllables): it is cheap
/// to normalise and would crowd the table out of the CPU caches.
#[inline]
fn short_key(raw: &str) -> Option<u128> {
    if raw.is_ascii() {
        return None;
    }
    packed(raw)
}

/// `raw` packed with its length into one integer, if at most 15 bytes long.
#[inline]
fn packed(raw: &str) -> Option<u128> {
    let bytes = raw.as_bytes();
    if bytes.len() > 15 {
        return None;
    }
    let mut packed = [0u8; 16];
    packed[..bytes.len()].copy_from_slice(bytes);
    packed[15] = bytes.len() as u8;
    Some(u128::from_le_bytes(packed))
}

impl FormCache {
    /// Plenty for Vietnamese syllables; bounds the memory that names,
    /// numbers and codes can take.
    const MAX_ENTRIES: usize = 200_000;

    /// The exact and folded forms of one token's original text.
    fn forms_of(&mut self, raw: &str) -> Forms<'_> {
        let Some(key) = short_key(raw) else {
            return self.uncached(raw);
        };
        let entry = match self.by_raw.get(&key) {
            Some(found) => *found,
            None => self.insert(key, raw),
        };
        let forms = &self.forms;
        Forms {
            exact: &forms[entry.start as usize..entry.split as usize],
            folded: &forms[entry.split as usize..entry.end as usize],
            same: false,
            common: entry.common,
        }
    }

    fn insert(&mut self, key: u128, raw: &str) -> Entry {
        if self.by_raw.len() >= Self::MAX_ENTRIES {
            self.by_raw.clear();
            self.forms.clear();
        }
        self.normalise(raw);
        let start = self.forms.len();
        self.forms.push_str(&self.exact);
        let split = self.forms.len();
        self.forms.push_str(&self.folded);
        let entry = Entry {
            start: start as u32,
            split: split as u32,
            end: self.forms.len() as u32,
            common: common_words().syllable(&self.folded),
        };
        self.by_raw.insert(key, entry);
        entry
    }

    /// Computes both forms of `raw` into `exact` and `folded`.
    fn normalise(&mut self, raw: &str) {
        exact_form(raw, &mut self.exact);
        folded_form(&self.exact, &mut self.folded);
        // A token of marks only (e.g. a stray Indic vowel sign) would fold
        // to nothing; keep it so both streams line up.
        if self.folded.is_empty() {
            self.folded.push_str(&self.exact);
        }
    }

    /// Both forms of an uncached token; the same string twice when they
    /// agree (an ASCII token has nothing to fold).
    fn uncached(&mut self, raw: &str) -> Forms<'_> {
        let same = raw.is_ascii();
        if same {
            exact_form(raw, &mut self.exact);
        } else {
            self.normalise(raw);
        }
        let folded = if same { &self.exact } else { &self.folded };
        Forms {
            exact: &self.exact,
            folded,
            same,
            common: common_words().syllable(folded),
        }
    }
}

/// Vietnamese tokenizer for tantivy; see the module docs.
#[derive(Clone)]
pub struct VietnameseTokenizer {
    form: Form,
    token: Token,
}

impl VietnameseTokenizer {
    /// A tokenizer producing `form` tokens.
    pub fn new(form: Form) -> Self {
        VietnameseTokenizer {
            form,
            token: Token::default(),
        }
    }
}

pub struct VietnameseTokenStream<'a> {
    analysis: Rc<Analysis>,
    next: usize,
    form: Form,
    /// In the dual stream: the exact form of the last span is still to come.
    exact_pending: bool,
    /// In the words stream: words found and not yet emitted (first span,
    /// syllables, exact form), and what this text emitted so far.
    words: Vec<(usize, usize, Spelling)>,
    emitted: rustc_hash::FxHashSet<u64>,
    emitted_exact: rustc_hash::FxHashSet<u64>,
    token: &'a mut Token,
}

impl Tokenizer for VietnameseTokenizer {
    type TokenStream<'a> = VietnameseTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VietnameseTokenStream<'a> {
        self.token.reset();
        let analysis = LAST.with_borrow_mut(|last| {
            if last[0].text != text {
                // The other one becomes the latest, or is replaced.
                last.swap(0, 1);
                if last[0].text != text {
                    // A stream over the old text may still hold it: then
                    // start afresh rather than copy what is to be replaced.
                    if Rc::get_mut(&mut last[0]).is_none() {
                        last[0] = Rc::new(Analysis::default());
                    }
                    Rc::get_mut(&mut last[0]).expect("not shared").analyse(text);
                }
            }
            Rc::clone(&last[0])
        });
        VietnameseTokenStream {
            analysis,
            next: 0,
            form: self.form,
            exact_pending: false,
            words: Vec::new(),
            emitted: Default::default(),
            emitted_exact: Default::default(),
            token: &mut self.token,
        }
    }
}

/// A character that can start a token.
#[inline]
fn starts_token(c: char) -> bool {
    is_alphanumeric(c)
}

/// A character that continues a token: letters, digits, the combining marks of
/// decomposed (NFD) text, and invisible characters that must not split a word.
#[inline]
fn continues_token(c: char) -> bool {
    starts_token(c) || (!c.is_ascii() && (is_combining_mark(c) || is_ignorable(c)))
}

/// "8,5" and "3.200": a separator between two digits keeps a number whole.
#[inline]
fn joins_number(bytes: &[u8], at: usize) -> bool {
    at > 0
        && matches!(bytes[at], b'.' | b',')
        && bytes[at - 1].is_ascii_digit()
        && bytes.get(at + 1).is_some_and(u8::is_ascii_digit)
}

/// Punctuation between two tokens that ends a clause ("xã hội, đồng bào";
/// a full stop; a line break). Such a break costs one extra position, so a
/// phrase cannot run across it: with syllables as tokens, "hội đồng" would
/// otherwise match "xã hội, đồng bào" all the time. Dashes are not breaks:
/// they join compounds ("kinh tế - xã hội") and codes ("19-CT/TW"), and
/// neither are joiners inside names ("TP.HCM").
fn separates_clauses(separator: &str) -> bool {
    if separator == " " {
        return false;
    }
    let mut chars = separator.chars().peekable();
    while let Some(c) = chars.next() {
        let next_is_space = chars.peek().is_some_and(|n| n.is_whitespace());
        match c {
            '\n' | '…' | '(' | ')' | '[' | ']' | '"' | '“' | '”' | '«' | '»' => return true,
            '.' | ',' | ';' | ':' | '!' | '?' if next_is_space => return true,
            _ => {}
        }
    }
    false
}

/// Length of the character at `at` when it is one of the letters most
/// Vietnamese text is made of (Latin-1 and Latin Extended-A/B letters,
/// U+00C0..U+01BF save × and ÷; Latin Extended Additional, U+1E00..U+1EFF):
/// a letter that starts and continues tokens and is visible. `None` for
/// anything else, which is then decoded and judged the long way.
#[inline(always)]
fn common_letter_len(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes[at] {
        0xC3 => (!matches!(bytes.get(at + 1), Some(0x97 | 0xB7))).then_some(2),
        0xC4..=0xC6 => Some(2),
        0xE1 if matches!(bytes.get(at + 1), Some(0xB8..=0xBB)) => Some(3),
        _ => None,
    }
}

/// Finds the byte span of the next token at or after `cursor`: where it starts,
/// where its visible text ends, and where scanning goes on. ASCII is judged
/// byte by byte; only other characters are decoded.
fn next_span(text: &str, cursor: usize) -> Option<(usize, usize, usize)> {
    let bytes = text.as_bytes();
    let mut at = cursor;
    let start = loop {
        let b = *bytes.get(at)?;
        if b.is_ascii() {
            if b.is_ascii_alphanumeric() {
                break at;
            }
            at += 1;
        } else if common_letter_len(bytes, at).is_some() {
            break at;
        } else {
            let (c, len) = char_at(text, at);
            if starts_token(c) {
                break at;
            }
            at += len;
        }
    };
    let mut visible_end = start;
    at = start;
    while let Some(&b) = bytes.get(at) {
        if b.is_ascii() {
            if !(b.is_ascii_alphanumeric() || joins_number(bytes, at)) {
                break;
            }
            at += 1;
            visible_end = at;
        } else if let Some(len) = common_letter_len(bytes, at) {
            at += len;
            visible_end = at;
        } else {
            let (c, len) = char_at(text, at);
            if !continues_token(c) {
                break;
            }
            at += len;
            if !is_ignorable(c) {
                visible_end = at;
            }
        }
    }
    Some((start, visible_end, at))
}

/// Byte ranges of the tokens of `text`, not normalised: for callers that need
/// the forms of only some tokens (see [`folded_token`]). The same tokens as
/// the analyzers', over-long ones included.
pub fn token_spans(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut cursor = 0;
    std::iter::from_fn(move || {
        let (from, to, end) = next_span(text, cursor)?;
        cursor = end;
        Some(from..to)
    })
}

/// The folded form of one token (`raw`: its text as [`token_spans`] found
/// it), as the folded analyzer emits it, into `out`; false for a token the
/// analyzers leave out (longer than [`MAX_TOKEN_BYTES`]).
pub fn folded_token(raw: &str, out: &mut String) -> bool {
    FORMS.with_borrow_mut(|cache| {
        let forms = cache.forms_of(raw);
        out.clear();
        out.push_str(forms.folded);
        forms.exact.len() <= MAX_TOKEN_BYTES
    })
}

/// Both forms of one token (`raw`: its text as [`token_spans`] found it),
/// as the analyzers emit them, into `exact` and `folded`; false for a
/// token the analyzers leave out (longer than [`MAX_TOKEN_BYTES`]).
pub fn token_forms(raw: &str, exact: &mut String, folded: &mut String) -> bool {
    FORMS.with_borrow_mut(|cache| {
        let forms = cache.forms_of(raw);
        exact.clear();
        exact.push_str(forms.exact);
        folded.clear();
        folded.push_str(forms.folded);
        forms.exact.len() <= MAX_TOKEN_BYTES
    })
}

/// Walks the tokens of a text with the positions the analyzer gives them
/// (a gap at each clause break and each token left out), without
/// normalising tokens it need not: for callers that look at a few tokens
/// only (snippets). The text may grow between calls (read in chunks), as
/// long as a chunk never ends inside a token.
#[derive(Debug, Clone, Default)]
pub struct PositionedSpans {
    cursor: usize,
    position: Option<usize>,
    break_pending: bool,
    exact: String,
}

impl PositionedSpans {
    /// The next token's byte range and position.
    pub fn next(&mut self, text: &str) -> Option<(std::ops::Range<usize>, usize)> {
        loop {
            let (from, to, end) = next_span(text, self.cursor)?;
            let separator = &text[self.cursor..from];
            self.cursor = end;
            // Lower-casing can grow a token by half (İ → i̇); only a token
            // that could then pass the limit needs its exact form.
            let raw = &text[from..to];
            if raw.len() * 3 / 2 > MAX_TOKEN_BYTES {
                exact_form(raw, &mut self.exact);
                if self.exact.len() > MAX_TOKEN_BYTES {
                    self.break_pending = true;
                    continue;
                }
            }
            let gap = std::mem::take(&mut self.break_pending) || separates_clauses(separator);
            let position = match self.position {
                None => 0,
                Some(p) => p + 1 + gap as usize,
            };
            self.position = Some(position);
            return Some((from..to, position));
        }
    }
}

impl Analysis {
    /// Splits `text` into tokens, replacing what was analysed before.
    fn analyse(&mut self, text: &str) {
        self.text.clear();
        self.text.push_str(text);
        self.spans.clear();
        self.forms.clear();
        FORMS.with_borrow_mut(|cache| {
            let mut cursor = 0;
            let mut position: Option<usize> = None;
            // A token left out breaks a phrase like a clause break does:
            // "xã hội, <URL> đồng" must not read as "hội đồng".
            let mut break_pending = false;
            while let Some((from, to, end)) = next_span(text, cursor) {
                let separator = &text[cursor..from];
                cursor = end;
                let raw = &text[from..to];
                let Forms {
                    exact,
                    folded,
                    same,
                    common,
                } = cache.forms_of(raw);
                // Judged on the exact form, so NFC and NFD input, and both
                // streams, agree on which tokens are too long.
                if exact.len() > MAX_TOKEN_BYTES {
                    break_pending = true;
                    continue;
                }
                let gap = std::mem::take(&mut break_pending) || separates_clauses(separator);
                let next = match position {
                    None => 0,
                    Some(p) => p + 1 + gap as usize,
                };
                position = Some(next);
                let exact_start = self.forms.len() as u32;
                self.forms.push_str(exact);
                let exact_end = self.forms.len() as u32;
                // One copy when both forms are the same string.
                let same = same || exact == folded;
                let folded_start = if same { exact_start } else { exact_end };
                if !same {
                    self.forms.push_str(folded);
                }
                self.spans.push(Span {
                    from,
                    to,
                    position: next,
                    exact_start,
                    exact_end,
                    folded_start,
                    folded_end: self.forms.len() as u32,
                    common,
                });
            }
        });
    }

    fn exact(&self, span: &Span) -> &str {
        &self.forms[span.exact_start as usize..span.exact_end as usize]
    }

    fn folded(&self, span: &Span) -> &str {
        &self.forms[span.folded_start as usize..span.folded_end as usize]
    }

    /// Whether the exact forms of `spans`, joined by spaces, are `spelling`.
    fn spells(&self, spans: &[Span], spelling: &str) -> bool {
        let mut rest = spelling;
        for (i, span) in spans.iter().enumerate() {
            if i > 0 {
                let Some(after) = rest.strip_prefix(' ') else {
                    return false;
                };
                rest = after;
            }
            let Some(after) = rest.strip_prefix(self.exact(span)) else {
                return false;
            };
            rest = after;
        }
        rest.is_empty()
    }

    /// A hash of the exact forms of some spans (a word's spelling).
    fn exact_key(&self, spans: &[Span]) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = rustc_hash::FxHasher::default();
        for span in spans {
            self.exact(span).hash(&mut hasher);
        }
        hasher.finish()
    }
}

impl Span {
    /// The exact form differs from the folded one (the token has accents).
    fn has_exact_form(&self) -> bool {
        self.folded_start != self.exact_start
    }
}

impl VietnameseTokenStream<'_> {
    /// The next term of a common word of the text not emitted yet.
    fn advance_word(&mut self) -> bool {
        let analysis = &*self.analysis;
        let spans = &analysis.spans;
        let words = common_words();
        loop {
            if let Some((first, len, spelling)) = self.words.pop() {
                let word = &spans[first..first + len];
                self.token.text.clear();
                for (i, span) in word.iter().enumerate() {
                    if i > 0 {
                        self.token.text.push(' ');
                    }
                    self.token.text.push_str(match spelling {
                        Spelling::Exact => analysis.exact(span),
                        Spelling::Usual | Spelling::Other => analysis.folded(span),
                    });
                }
                if let Spelling::Other = spelling {
                    self.token.text.push(OTHER_SPELLING);
                }
                self.token.offset_from = word[0].from;
                self.token.offset_to = word[len - 1].to;
                self.token.position = word[0].position;
                self.token.position_length = 1;
                return true;
            }
            let first = self.next;
            let Some(start) = spans.get(first) else {
                return false;
            };
            self.next += 1;
            if start.common == NOT_COMMON || !words.starts[start.common as usize] {
                continue;
            }
            let mut ids = [start.common; MAX_COMMON_WORD];
            let mut last = start;
            for len in 2..=MAX_COMMON_WORD.min(spans.len() - first) {
                let span = &spans[first + len - 1];
                if span.common == NOT_COMMON || span.position != last.position + 1 {
                    break;
                }
                if len == 2 && !words.starts_with_pair(start.common, span.common) {
                    break;
                }
                last = span;
                ids[len - 1] = span.common;
                let key = word_key(&ids[..len]);
                let Some(usual) = words.words.get(&key) else {
                    continue;
                };
                // Each term once per text.
                let word = &spans[first..first + len];
                if analysis.spells(word, usual) {
                    if self.emitted.insert(key) {
                        self.words.push((first, len, Spelling::Usual));
                    }
                    continue;
                }
                if self.emitted.insert(key | OTHER_BIT) {
                    self.words.push((first, len, Spelling::Other));
                }
                if word.iter().any(Span::has_exact_form) && self.emitted_exact.insert(analysis.exact_key(word)) {
                    self.words.push((first, len, Spelling::Exact));
                }
            }
        }
    }
}

/// Tells a word's "spelled otherwise" key from its plain one (keys use 59 bits).
const OTHER_BIT: u64 = 1 << 63;

impl TokenStream for VietnameseTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if self.form == Form::Words {
            return self.advance_word();
        }
        let analysis = &*self.analysis;
        if std::mem::take(&mut self.exact_pending) {
            // The exact form, at the position (and offsets) the folded one
            // just took.
            let span = &analysis.spans[self.next - 1];
            self.token.text.clear();
            self.token.text.push_str(analysis.exact(span));
            return true;
        }
        let Some(span) = analysis.spans.get(self.next) else {
            return false;
        };
        self.next += 1;
        let text = match self.form {
            Form::Exact => analysis.exact(span),
            Form::Folded | Form::Words => analysis.folded(span),
            Form::Dual => {
                self.exact_pending = span.has_exact_form();
                analysis.folded(span)
            }
        };
        self.token.text.clear();
        self.token.text.push_str(text);
        self.token.offset_from = span.from;
        self.token.offset_to = span.to;
        self.token.position = span.position;
        let last = self.next == analysis.spans.len();
        self.token.position_length = if last { TEXT_END_GAP } else { 1 };
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut agrees with the long way on every character it covers.
    #[test]
    fn common_letters_are_what_the_long_way_says() {
        for code in (0x80..0x800).chain(0x1E00..0x1F00) {
            let Some(c) = char::from_u32(code) else { continue };
            let encoded = c.to_string();
            let long_way = starts_token(c) && continues_token(c) && !is_ignorable(c);
            if let Some(len) = common_letter_len(encoded.as_bytes(), 0) {
                assert!(long_way && len == c.len_utf8(), "{c:?}");
            }
        }
        for c in ['à', 'Đ', 'ơ', 'ư', 'ạ', 'ỹ', 'Ỹ'] {
            assert!(common_letter_len(c.to_string().as_bytes(), 0).is_some(), "{c:?}");
        }
        assert!(common_letter_len("×".as_bytes(), 0).is_none());
    }
}
