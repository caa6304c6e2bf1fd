//! The bundled reference data (`index-schema/*.tsv`, derived by
//! `index-schema/derive.py`) and the one automaton that finds place names,
//! titles and honorifics in folded text.
//!
//! Built once per process (`OnceLock`): parsing 200 KB of TSV and compiling
//! the automaton takes milliseconds, far too much per article.

use super::folded::{is_word_char_at, is_word_char_before, word_at_or_after, Folded, Word};
use crate::analysis;
use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;
use tantivy::time::{Date, Month};

const PROVINCES_TSV: &str = include_str!("../../index-schema/provinces.tsv");
const OFFICIALS_TSV: &str = include_str!("../../index-schema/officials.tsv");
const SURNAMES_TXT: &str = include_str!("../../index-schema/surnames.txt");
const WORLD_PLACES_TSV: &str = include_str!("../../index-schema/world-places.tsv");
/// Office holders of other countries whose names read as Vietnamese ones
/// (`index-schema/derive_foreign_names.py`).
const FOREIGN_NAMES_TXT: &str = include_str!("../../index-schema/foreign-office-holders.txt");

/// Short names the news writes for countries CLDR names at length ("Mỹ" for
/// "Hoa Kỳ", "Anh" for "Vương quốc Anh", "Ý" for "Italy", "Nhật" for "Nhật Bản").
const COUNTRY_SHORT_NAMES: &[&str] = &["Mỹ", "Anh", "Ý", "Nhật", "Liên Hợp Quốc", "EU"];

/// World places that are Vietnam's own, never a foreign holder's country.
const HOME_PLACES: &[&str] = &["Việt Nam", "TP Hồ Chí Minh"];

/// Before or after the 2025 merger of provinces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Era {
    /// One of the 63 provinces before 2025-07-01.
    Old,
    /// One of the 34 provinces from 2025-07-01.
    New,
}

#[derive(Debug, Clone)]
pub struct Province {
    /// Canonical name, NFC, "hòa/ủy" tone style.
    pub name: String,
    pub era: Era,
    /// Name of the province it belongs to after the 2025 merger.
    pub province_2025: String,
    /// A bare mention proves nothing (the name is also a word or a person):
    /// count it only after a cue such as "tỉnh" or "thành phố".
    pub needs_cue: bool,
    /// Also a person's name: a title before it names the person ("Chủ
    /// tịch Hồ Chí Minh"), not the province's leader.
    pub person: bool,
}

/// One dated provincial post of a known politician.
#[derive(Debug, Clone)]
pub struct Post {
    /// Index into [`Gazetteer::provinces`] (an old-era province).
    pub province: usize,
    /// First day in office; `None` when unknown.
    pub start: Option<Date>,
    /// Last day in office; `None` when still in office.
    pub end: Option<Date>,
    /// The post title reduced by [`role_key`] ("bi thu tinh uy").
    pub key: String,
    /// The post title as the reference list writes it.
    pub title: &'static str,
}

/// What an automaton pattern stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pattern {
    /// A spelling of a province (index into [`Gazetteer::provinces`]).
    Province(usize),
    /// A longer phrase that contains a province name but is no province
    /// ("Thái Bình Dương" is the Pacific, "Điện Biên Phủ" the battle).
    Blocker,
    /// The head of an official title ("Bí thư", "Phó Chủ tịch").
    Title,
    /// "đồng chí", "ông", "bà": a full name may follow.
    Honorific,
    /// The full name of a body, part of a title ([`BODIES`]).
    Body,
}

/// A pattern found at word boundaries of the folded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub what: Pattern,
}

pub struct Gazetteer {
    pub provinces: Vec<Province>,
    /// Folded lower-case spelling → province index. Old-era names win over
    /// new-era ones of the same spelling; new-only names ("Huế") map to the
    /// new-era entry.
    by_variant: HashMap<String, usize>,
    /// Canonical full name → the person's provincial posts.
    posts: HashMap<String, Vec<Post>>,
    /// Surnames, lower-case exact form ("nguyễn").
    surnames: HashSet<String>,
    /// The same folded ("nguyen"), a quick first test.
    surnames_folded: HashSet<String>,
    /// Countries, territories and foreign cities (CLDR's, without Vietnam's
    /// own): after a title they make its holder foreign.
    foreign_places: PhraseSet,
    /// Every world place name, Vietnam's included: no person's name.
    world_places: PhraseSet,
    /// Canonical names of foreign office holders that read as Vietnamese.
    foreign_names: HashSet<String>,
    automaton: AhoCorasick,
    patterns: Vec<Pattern>,
    /// For title and honorific patterns, the accented lower-case form the
    /// original text must have.
    accented: Vec<Option<String>>,
}

/// Heads of official titles, with accents (the automaton matches them
/// folded, then the accents are checked: "viên Trường" in "giáo viên Trường
/// THCS" is no "viện trưởng", "thủ trưởng" no "thứ trưởng"). A name may follow, after the body the
/// title belongs to ("Bí thư Tỉnh ủy Hải Dương Trần Đức Thắng"), or the title
/// may follow a name ("đồng chí Đỗ Minh Tuấn, Phó Bí thư Tỉnh ủy").
/// Military ranks are included: "Thượng tướng Tô Lâm" is how officers are named.
const TITLE_HEADS: &[&str] = &[
    "bí thư",
    "phó bí thư",
    "tổng bí thư",
    "chủ tịch",
    "phó chủ tịch",
    "thủ tướng",
    "phó thủ tướng",
    "bộ trưởng",
    "quyền bộ trưởng",
    "thứ trưởng",
    "giám đốc",
    "phó giám đốc",
    "tổng giám đốc",
    "trưởng ban",
    "phó trưởng ban",
    "trưởng phòng",
    "phó trưởng phòng",
    "chủ nhiệm",
    "phó chủ nhiệm",
    "chánh án",
    "phó chánh án",
    "viện trưởng",
    "phó viện trưởng",
    "chánh văn phòng",
    "phó chánh văn phòng",
    "chánh thanh tra",
    "tổng thanh tra",
    "phó tổng thanh tra",
    "ủy viên",
    "tỉnh ủy viên",
    "thành ủy viên",
    "huyện ủy viên",
    "quận ủy viên",
    "đảng ủy viên",
    // A commune's or ward's police chief: "Trưởng Công an xã".
    "trưởng công an",
    "phó trưởng công an",
    // "GĐ Sở GTVT": the abbreviation the news writes for "Giám đốc".
    "gđ",
    "pgđ",
    "đại biểu quốc hội",
    "trưởng đoàn",
    "phó trưởng đoàn",
    "cục trưởng",
    "phó cục trưởng",
    "vụ trưởng",
    "phó vụ trưởng",
    "tổng cục trưởng",
    "đại sứ",
    "tổng thư ký",
    "phó tổng thư ký",
    "tư lệnh",
    "phó tư lệnh",
    "chính ủy",
    "phó chính ủy",
    "đại tướng",
    "thượng tướng",
    "trung tướng",
    "thiếu tướng",
    "thống đốc",
    "phó thống đốc",
    "đại tá",
    "thượng tá",
    "trung tá",
    "thiếu tá",
    "đại úy",
    // A deputy of an elected body, also without the body ("đại biểu Lê
    // Quân (Hà Nội)" in a National Assembly report).
    "đại biểu",
    // Posts only other countries have: their holders are foreign.
    "tổng thống",
    "phó tổng thống",
    "ngoại trưởng",
    "thị trưởng",
    "quốc vương",
];

/// Of [`TITLE_HEADS`], those only other countries have, in exact form.
pub const FOREIGN_HEADS: &[&str] = &[
    "tổng thống",
    "phó tổng thống",
    "ngoại trưởng",
    "thị trưởng",
    "quốc vương",
];

/// Full names of bodies whose commas or dashes would otherwise end a title
/// ("Bộ trưởng Bộ Lao động, Thương binh và Xã hội Đào Ngọc Dung").
const BODIES: &[&str] = &[
    "lao động, thương binh và xã hội",
    "lao động - thương binh và xã hội",
    "lao động-thương binh và xã hội",
    "văn hóa, thể thao và du lịch",
    "văn hóa - thể thao và du lịch",
    "văn hóa-thể thao và du lịch",
];

/// "đồng chí" (comrade), "ông" (Mr), "bà" (Mrs/Ms), and the abbreviation
/// "đ/c"; accents checked as for titles ("ba" is three, "ong" a bee).
const HONORIFICS: &[&str] = &["đồng chí", "đ/c", "ông", "bà"];

/// Phrases that contain a province name but are not about the province,
/// and countries whose names start with a surname ("Hàn Quốc", "Thái Lan"),
/// so "Bộ trưởng Quốc phòng Hàn Quốc Han Min-koo" yields no "Hàn Quốc Han".
const BLOCKERS: &[&str] = &[
    "thai binh duong",
    "dien bien phu",
    "han quoc",
    "thai lan",
    "trieu tien",
    "trung quoc",
    "nhat ban",
    "hoa ky",
];

impl Gazetteer {
    /// The process-wide gazetteer.
    pub fn get() -> &'static Gazetteer {
        static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
        GAZETTEER.get_or_init(Gazetteer::load)
    }

    fn load() -> Gazetteer {
        let provinces = parse_provinces(PROVINCES_TSV);
        let mut by_variant = HashMap::new();
        let mut automaton_words: Vec<String> = Vec::new();
        let mut patterns = Vec::new();
        let mut accented = Vec::new();
        // Old era first so that its entries win for shared spellings.
        for era in [Era::Old, Era::New] {
            for (line, (index, p)) in tsv_rows(PROVINCES_TSV).zip(provinces.iter().enumerate()) {
                if p.era != era {
                    continue;
                }
                let variants = line.get(5).copied().unwrap_or("");
                for variant in variants.split('|').chain([p.name.as_str()]) {
                    let key = fold_phrase(variant);
                    if key.is_empty() || by_variant.contains_key(&key) {
                        continue;
                    }
                    by_variant.insert(key.clone(), index);
                    automaton_words.push(key);
                    patterns.push(Pattern::Province(index));
                    accented.push(None);
                }
            }
        }
        for w in BLOCKERS {
            automaton_words.push(w.to_string());
            patterns.push(Pattern::Blocker);
            accented.push(None);
        }
        for w in BODIES {
            automaton_words.push(fold_phrase(w));
            patterns.push(Pattern::Body);
            accented.push(None);
        }
        for (words, what) in [(TITLE_HEADS, Pattern::Title), (HONORIFICS, Pattern::Honorific)] {
            for w in words {
                automaton_words.push(fold_phrase(w));
                patterns.push(what);
                accented.push(Some(exact_phrase(w)));
            }
        }
        // Leftmost-longest: "Phó Bí thư" wins over "Bí thư", "Bà Rịa - Vũng
        // Tàu" over "bà". A DFA: ~400 short patterns make a small one, and it
        // is the fastest scan.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&automaton_words)
            .expect("the gazetteer patterns form a valid automaton");

        let surnames: HashSet<String> = SURNAMES_TXT
            .lines()
            .map(str::trim)
            .filter(|s| !s.is_empty() && !s.starts_with('#'))
            .map(lower_exact)
            .collect();
        let foreign_places = PhraseSet::new(foreign_places(&by_variant).into_iter());
        let mut gazetteer = Gazetteer {
            provinces,
            by_variant,
            posts: HashMap::new(),
            surnames_folded: surnames.iter().map(|s| fold_phrase(s)).collect(),
            surnames,
            foreign_places,
            world_places: PhraseSet::new(tsv_rows(WORLD_PLACES_TSV).map(|f| f[0])),
            foreign_names: (FOREIGN_NAMES_TXT.lines())
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(canonical_name)
                .collect(),
            automaton,
            patterns,
            accented,
        };
        gazetteer.posts = parse_posts(&gazetteer);
        gazetteer
    }

    /// Finds every province spelling, title head and honorific that stands
    /// as whole words in the folded text, left to right, without overlaps.
    pub fn scan(&self, f: &Folded<'_>) -> Vec<Hit> {
        let folded = f.text.as_str();
        let mut hits = Vec::new();
        let mut at = 0;
        while at < folded.len() {
            let Some(m) = self.automaton.find(Input::new(folded).range(at..)) else {
                break;
            };
            let (start, end) = (m.start(), m.end());
            let pattern = m.pattern().as_usize();
            let whole_words = !is_word_char_before(folded, start) && !is_word_char_at(folded, end);
            if !whole_words || !self.accents_agree(f, start, end, pattern) {
                // Inside a longer word ("ong" in "không"), or other accents:
                // a real match starts at the next word at the earliest.
                let mut next = start + folded[start..].chars().next().map_or(1, char::len_utf8);
                while next < folded.len() && is_word_char_at(folded, next) {
                    next += folded[next..].chars().next().map_or(1, char::len_utf8);
                }
                at = next;
                continue;
            }
            hits.push(Hit {
                start,
                end,
                what: self.patterns[pattern],
            });
            at = end;
        }
        hits
    }

    /// Titles and honorifics must be written with their accents, unless the
    /// whole text was typed without any.
    fn accents_agree(&self, f: &Folded<'_>, start: usize, end: usize, pattern: usize) -> bool {
        match &self.accented[pattern] {
            None => true,
            Some(accented) => f.ascii || exact_phrase(f.orig_span(start, end)) == *accented,
        }
    }

    /// The province a free-form name designates ("tỉnh Thanh Hoá", "TP.HCM",
    /// "Hue"), accents and case optional.
    pub fn province_by_name(&self, name: &str) -> Option<usize> {
        let key = fold_phrase(name);
        if let Some(&i) = self.by_variant.get(&key) {
            return Some(i);
        }
        for prefix in ["tinh ", "thanh pho ", "tp. ", "tp.", "tp "] {
            if let Some(rest) = key.strip_prefix(prefix) {
                if let Some(&i) = self.by_variant.get(rest.trim()) {
                    return Some(i);
                }
            }
        }
        None
    }

    /// The old-era province that became `new` (a new-era index), when
    /// exactly one did under the same name or `new` was renamed ("Huế" ←
    /// "Thừa Thiên Huế").
    pub fn old_name_of(&self, index: usize) -> usize {
        let p = &self.provinces[index];
        if p.era == Era::Old {
            return index;
        }
        let mut merged = self
            .provinces
            .iter()
            .enumerate()
            .filter(|(_, o)| o.era == Era::Old && o.province_2025 == p.name);
        match (merged.next(), merged.next()) {
            (Some((i, _)), None) => i,
            _ => index,
        }
    }

    /// Whether `name` is a foreign office holder whose name reads as a
    /// Vietnamese one ("Hồ Cẩm Đào"), as the shared corpora name them with a
    /// foreign post.
    pub fn is_foreign_name(&self, name: &str) -> bool {
        self.foreign_names.contains(&canonical_name(name))
    }

    pub fn posts_of(&self, canonical_name: &str) -> &[Post] {
        self.posts.get(canonical_name).map_or(&[], Vec::as_slice)
    }

    /// Is this word (as written) a Vietnamese surname? `folded` is its
    /// folded form, tested first because it needs no allocation.
    pub fn is_surname(&self, word: &str, folded: &str) -> bool {
        let mut buf = [0u8; 16];
        let Some(lower) = buf.get_mut(..folded.len()) else {
            return false;
        };
        lower.copy_from_slice(folded.as_bytes());
        lower.make_ascii_lowercase();
        match std::str::from_utf8(lower) {
            Ok(key) if self.surnames_folded.contains(key) => {}
            _ => return false,
        }
        self.surnames.contains(&lower_exact(word))
    }

    /// The foreign country (or territory, or city) named from word `w` on,
    /// the longest: where it ends.
    /// Written with a capital: "pháp" (law) is no "Pháp" (France).
    pub fn foreign_place_at(&self, f: &Folded<'_>, w: Word) -> Option<usize> {
        let capital = f.text.as_bytes()[w.start].is_ascii_uppercase();
        capital.then(|| self.foreign_places.longest_at(f, w)).flatten()
    }

    /// The world place (Vietnam's own included) named from word `w` on,
    /// written with a capital: where it ends.
    pub fn world_place_at(&self, f: &Folded<'_>, w: Word) -> Option<usize> {
        let capital = f.text.as_bytes()[w.start].is_ascii_uppercase();
        capital.then(|| self.world_places.longest_at(f, w)).flatten()
    }

    /// Is this whole phrase (folded, single-spaced) a world place name?
    pub fn is_world_place(&self, f: &Folded<'_>, start: usize, end: usize) -> bool {
        word_at_or_after(&f.text, start).and_then(|w| self.world_places.longest_at(f, w)) == Some(end)
    }

    /// Number of (old and new) provinces, for tests.
    #[cfg(test)]
    pub fn province_count(&self) -> (usize, usize) {
        let old = self.provinces.iter().filter(|p| p.era == Era::Old).count();
        (old, self.provinces.len() - old)
    }
}

/// The foreign places of `world-places.tsv`: CLDR's names (countries,
/// territories, time-zone cities) and the short country names, less
/// Vietnam's own (its name, its provinces' spellings).
fn foreign_places(provinces: &HashMap<String, usize>) -> Vec<&'static str> {
    tsv_rows(WORLD_PLACES_TSV)
        .filter(|f| f.get(1) == Some(&"cldr"))
        .map(|f| f[0])
        .chain(COUNTRY_SHORT_NAMES.iter().copied())
        .filter(|name| !HOME_PLACES.contains(name) && !provinces.contains_key(&fold_phrase(name)))
        .collect()
}

/// Multi-word names matched at a word of a folded text: folded keys for a
/// test without allocation, exact forms to confirm the accents ("Lào" is
/// no "Lão").
struct PhraseSet {
    folded: HashSet<String>,
    /// The first words of the folded keys: most words start no phrase, and
    /// are told so by one lookup.
    first_words: HashSet<String>,
    exact: HashSet<String>,
    /// Words in the longest phrase.
    max_words: usize,
}

/// Longest folded phrase [`PhraseSet::longest_at`] tests, in bytes.
const MAX_PHRASE_BYTES: usize = 48;

impl PhraseSet {
    fn new<'a>(names: impl Iterator<Item = &'a str>) -> PhraseSet {
        let mut set = PhraseSet {
            folded: HashSet::new(),
            first_words: HashSet::new(),
            exact: HashSet::new(),
            max_words: 1,
        };
        for name in names {
            let key = fold_phrase(name);
            if key.is_empty() || key.len() > MAX_PHRASE_BYTES {
                continue;
            }
            set.max_words = set.max_words.max(key.split(' ').count());
            set.first_words.insert(key.split(' ').next().unwrap_or("").to_string());
            set.folded.insert(key);
            set.exact.insert(exact_phrase(name));
        }
        set
    }

    /// The end of the longest phrase of the set that starts at word `w`
    /// (its words joined by single spaces), if any.
    fn longest_at(&self, f: &Folded<'_>, w: Word) -> Option<usize> {
        let text = f.text.as_str();
        let mut buf = [0u8; MAX_PHRASE_BYTES];
        let first = &text.as_bytes()[w.start..w.end];
        let lower = buf.get_mut(..first.len())?;
        lower.copy_from_slice(first);
        lower.make_ascii_lowercase();
        if !std::str::from_utf8(lower).is_ok_and(|key| self.first_words.contains(key)) {
            return None;
        }
        let mut ends = [0usize; 8];
        let mut count = 0;
        let mut end = w.end;
        while count < self.max_words.min(ends.len()) && end - w.start <= MAX_PHRASE_BYTES {
            ends[count] = end;
            count += 1;
            match word_at_or_after(text, end) {
                Some(next) if &text[end..next.start] == " " => end = next.end,
                _ => break,
            }
        }
        ends[..count].iter().rev().copied().find(|&end| {
            let span = &text.as_bytes()[w.start..end];
            let lower = &mut buf[..span.len()];
            lower.copy_from_slice(span);
            lower.make_ascii_lowercase();
            std::str::from_utf8(lower).is_ok_and(|key| self.folded.contains(key))
                && self.exact.contains(&exact_phrase(f.orig_span(w.start, end)))
        })
    }
}

/// Lower-case exact form of a word: NFC, one tone placement.
pub fn lower_exact(word: &str) -> String {
    let mut out = String::new();
    analysis::exact_form(word, &mut out);
    out
}

/// Lower-case exact form of a phrase, word by word, single-spaced.
pub fn exact_phrase(phrase: &str) -> String {
    let mut out = String::with_capacity(phrase.len());
    let mut word = String::new();
    for w in phrase.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        analysis::exact_form(w, &mut word);
        out.push_str(&word);
    }
    out
}

/// Folded, lower-case, single-spaced form of a phrase; punctuation kept
/// ("TP.HCM" → "tp.hcm", "Bà Rịa – Vũng Tàu" → "ba ria - vung tau").
pub fn fold_phrase(phrase: &str) -> String {
    let folded = Folded::new(phrase.trim());
    folded.text.trim().to_ascii_lowercase()
}

/// Data lines of a TSV file, split into fields (comments and blanks skipped).
fn tsv_rows(tsv: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    tsv.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

fn parse_provinces(tsv: &'static str) -> Vec<Province> {
    tsv_rows(tsv)
        .map(|f| Province {
            name: f[0].to_string(),
            era: if f.get(1) == Some(&"new") { Era::New } else { Era::Old },
            province_2025: f.get(3).unwrap_or(&f[0]).to_string(),
            needs_cue: f.get(4).is_some_and(|flags| flags.contains("cue")),
            person: f.get(4).is_some_and(|flags| flags.contains("person")),
        })
        .collect()
}

fn parse_posts(g: &Gazetteer) -> HashMap<String, Vec<Post>> {
    let mut posts: HashMap<String, Vec<Post>> = HashMap::new();
    for f in tsv_rows(OFFICIALS_TSV) {
        let [_id, name, province, start, end, title] = f[..] else {
            continue;
        };
        let Some(province) = g.province_by_name(province).map(|i| g.old_name_of(i)) else {
            continue;
        };
        let start_date = parse_bound(start, false);
        let end_date = match end {
            "nay" => None,
            // An unknown end: assume one five-year term, the usual length,
            // rather than an open end that would match every later article.
            "" => start_date.and_then(|d| d.replace_year(d.year() + 5).ok()),
            _ => parse_bound(end, true),
        };
        if end != "nay" && end_date.is_none() {
            continue;
        }
        posts.entry(canonical_name(name)).or_default().push(Post {
            province,
            start: start_date,
            end: end_date,
            key: role_key(g, title),
            title,
        });
    }
    posts
}

/// "2014", "2014-05" or "2014-05-29" as the first (`end` false) or last day.
fn parse_bound(text: &str, end: bool) -> Option<Date> {
    let mut parts = text.split('-').map(|p| p.parse::<u32>().ok());
    let year = parts.next()?? as i32;
    let month = match parts.next() {
        Some(m) => m?,
        None => {
            if end {
                12
            } else {
                1
            }
        }
    };
    let month = Month::try_from(u8::try_from(month).ok()?).ok()?;
    let day = match parts.next() {
        Some(d) => u8::try_from(d?).ok()?,
        None if end => month.length(year),
        None => 1,
    };
    Date::from_calendar_date(year, month, day).ok()
}

/// A full name in the one spelling extraction reports: NFC, tone placement
/// unified ("Thuỷ" → "Thủy") as `analysis::exact_form` does, each syllable
/// capitalised. The i/y spelling is left as written: "Sĩ" and "Sỹ" are both
/// in use in names and the person chose one.
pub fn canonical_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut exact = String::new();
    for syllable in name.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        analysis::exact_form(syllable, &mut exact);
        let written_last = syllable.chars().next_back().map(|c| lower_exact(&c.to_string()));
        let exact_last = exact.chars().next_back();
        let mut chars: Vec<char> = exact.chars().collect();
        // exact_form turns a final i into y after some onsets (kĩ → kỹ):
        // undo that one change.
        if let (Some(w), Some(e)) = (written_last, exact_last) {
            if analysis::fold(&w) == "i" && analysis::fold(&e.to_string()) == "y" {
                if let (Some(last), Some(wc)) = (chars.last_mut(), w.chars().next()) {
                    *last = wc;
                }
            }
        }
        for (i, c) in chars.into_iter().enumerate() {
            if i == 0 {
                out.extend(c.to_uppercase());
            } else {
                out.push(c);
            }
        }
    }
    out
}

/// A role or post title reduced to what two spellings of one post share:
/// folded, acronyms spelled out, the province and words like "tỉnh" and
/// "khóa XIV" dropped. "Chủ tịch UBND tỉnh" and "Chủ tịch, Ủy ban nhân dân
/// tỉnh Ninh Thuận" both give "chu tich uy ban nhan dan".
pub fn role_key(g: &Gazetteer, role: &str) -> String {
    let folded = fold_phrase(role);
    let mut words: Vec<&str> = Vec::new();
    for w in folded.split(|c: char| !c.is_ascii_alphanumeric()) {
        match w {
            "" => {}
            "ubnd" => words.extend(["uy", "ban", "nhan", "dan"]),
            "hdnd" => words.extend(["hoi", "dong", "nhan", "dan"]),
            "bch" => words.extend(["ban", "chap", "hanh"]),
            "ubmttq" | "mttq" => words.extend(["mat", "tran", "to", "quoc"]),
            "tp" => words.extend(["thanh", "pho"]),
            _ => words.push(w),
        }
    }
    // Drop province names (longest spelling first, up to four words).
    let mut kept: Vec<&str> = Vec::new();
    let mut i = 0;
    'outer: while i < words.len() {
        for n in (1..=4).rev() {
            if i + n <= words.len() {
                let phrase = words[i..i + n].join(" ");
                if g.by_variant.contains_key(&phrase) {
                    i += n;
                    continue 'outer;
                }
            }
        }
        kept.push(words[i]);
        i += 1;
    }
    let mut out: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < kept.len() {
        let w = kept[i];
        let next = kept.get(i + 1).copied();
        match w {
            // "tỉnh" alone is the level, "Tỉnh ủy" is the body.
            "tinh" if next != Some("uy") => {}
            "thanh" if next == Some("pho") => i += 1,
            "khoa" => {
                // "khóa XIV, XV": the term numbers go too.
                while kept.get(i + 1).is_some_and(|n| is_term_number(n)) {
                    i += 1;
                }
            }
            "viet" if next == Some("nam") => i += 1,
            _ => out.push(w),
        }
        i += 1;
    }
    out.join(" ")
}

fn is_term_number(w: &str) -> bool {
    w.bytes().all(|b| b.is_ascii_digit()) || w.bytes().all(|b| matches!(b, b'i' | b'v' | b'x' | b'l'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_every_province_and_the_merger_mapping() {
        let g = Gazetteer::get();
        assert_eq!(g.province_count(), (63, 34));
        let hd = g.province_by_name("Hải Dương").unwrap();
        assert_eq!(g.provinces[hd].province_2025, "Hải Phòng");
        let th = g.province_by_name("tỉnh Thanh Hoá").unwrap();
        assert_eq!(g.provinces[th].name, "Thanh Hóa");
        let hcm = g.province_by_name("TP.HCM").unwrap();
        assert_eq!(g.provinces[hcm].name, "Hồ Chí Minh");
        assert!(g.provinces[hcm].needs_cue);
        let hue = g.province_by_name("Huế").unwrap();
        assert_eq!(g.provinces[g.old_name_of(hue)].name, "Thừa Thiên Huế");
        assert_eq!(g.province_by_name("Thiểm Tây"), None);
    }

    #[test]
    fn scan_finds_whole_words_only() {
        let g = Gazetteer::get();
        let f = Folded::new("Không, ông Phó Bí thư Tỉnh uỷ Thanh Hoá");
        let hits = g.scan(&f);
        let found: Vec<&str> = hits.iter().map(|h| &f.text[h.start..h.end]).collect();
        assert_eq!(found, ["ong", "Pho Bi thu", "Thanh Hoa"]);
        assert_eq!(hits[0].what, Pattern::Honorific);
        assert_eq!(hits[1].what, Pattern::Title);
        assert!(matches!(hits[2].what, Pattern::Province(_)));
        let blocked = g.scan(&Folded::new("Thái Bình Dương"));
        assert_eq!(blocked[0].what, Pattern::Blocker);
    }

    #[test]
    fn titles_and_honorifics_need_their_accents() {
        let g = Gazetteer::get();
        for text in [
            "giáo viên Trường THCS",
            "thủ trưởng đơn vị",
            "ba người",
            "con ong bay về",
        ] {
            assert!(g.scan(&Folded::new(text)).is_empty(), "{text}");
        }
        for text in ["Viện trưởng", "Thứ trưởng", "Bà", "ong", "vien truong", "Uỷ viên"] {
            assert_eq!(g.scan(&Folded::new(text)).len(), 1, "{text}");
        }
    }

    #[test]
    fn posts_are_dated_and_keyed() {
        let g = Gazetteer::get();
        let posts = g.posts_of("Nguyễn Đức Thanh");
        let ninh_thuan = g.province_by_name("Ninh Thuận").unwrap();
        assert!(posts
            .iter()
            .any(|p| p.province == ninh_thuan && p.key == "bi thu tinh uy"));
        assert_eq!(
            role_key(g, "Chủ tịch, Ủy ban nhân dân tỉnh Ninh Thuận"),
            role_key(g, "Chủ tịch UBND tỉnh")
        );
        assert_eq!(
            role_key(g, "Ủy viên Trung ương Đảng khóa XII, XIII"),
            "uy vien trung uong dang"
        );
        assert_ne!(role_key(g, "Phó Chủ tịch UBND tỉnh"), role_key(g, "Chủ tịch UBND tỉnh"));
    }

    #[test]
    fn term_bounds() {
        let d = |y, m, day| Date::from_calendar_date(y, Month::try_from(m).unwrap(), day).ok();
        assert_eq!(parse_bound("2014-05", false), d(2014, 5, 1));
        assert_eq!(parse_bound("2014-02", true), d(2014, 2, 28));
        assert_eq!(parse_bound("2016", true), d(2016, 12, 31));
        assert_eq!(parse_bound("2022-10-27", false), d(2022, 10, 27));
        assert_eq!(parse_bound("x", false), None);
    }

    #[test]
    fn names_are_canonical_but_keep_their_i() {
        assert_eq!(canonical_name("Hồ  Thuỷ"), "Hồ Thủy");
        assert_eq!(canonical_name("NGUYỄN sĩ hoà"), "Nguyễn Sĩ Hòa");
        let g = Gazetteer::get();
        assert!(g.is_surname("Nguyễn", "Nguyen"));
        assert!(g.is_surname("NGUYỄN", "NGUYEN"));
        assert!(g.is_surname("Đỗ", "Do"));
        assert!(!g.is_surname("Đô", "Do"));
        assert!(!g.is_surname("Tỉnh", "Tinh"));
    }
}
