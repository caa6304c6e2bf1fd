//! The bundled reference data (`index-schema/*.tsv`, derived by
//! `index-schema/derive.py`) and the one automaton that finds place names,
//! titles and honorifics in folded text.
//!
//! Built once per process (`OnceLock`): parsing 200 KB of TSV and compiling
//! the automaton takes milliseconds, far too much per article.

use super::folded::{is_word_char_at, is_word_char_before, Folded};
use crate::analysis;
use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;
use tantivy::time::{Date, Month};

const PROVINCES_TSV: &str = include_str!("../../index-schema/provinces.tsv");
const OFFICIALS_TSV: &str = include_str!("../../index-schema/officials.tsv");
const SURNAMES_TXT: &str = include_str!("../../index-schema/surnames.txt");

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
    automaton: AhoCorasick,
    patterns: Vec<Pattern>,
}

/// Heads of official titles, folded. A name may follow, after the body the
/// title belongs to ("Bí thư Tỉnh ủy Hải Dương Trần Đức Thắng"), or the title
/// may follow a name ("đồng chí Đỗ Minh Tuấn, Phó Bí thư Tỉnh ủy").
/// Military ranks are included: "Thượng tướng Tô Lâm" is how officers are named.
const TITLE_HEADS: &[&str] = &[
    "bi thu",
    "pho bi thu",
    "tong bi thu",
    "chu tich",
    "pho chu tich",
    "thu tuong",
    "pho thu tuong",
    "bo truong",
    "quyen bo truong",
    "thu truong",
    "giam doc",
    "pho giam doc",
    "tong giam doc",
    "truong ban",
    "pho truong ban",
    "truong phong",
    "pho truong phong",
    "chu nhiem",
    "pho chu nhiem",
    "chanh an",
    "pho chanh an",
    "vien truong",
    "pho vien truong",
    "chanh van phong",
    "pho chanh van phong",
    "chanh thanh tra",
    "tong thanh tra",
    "pho tong thanh tra",
    "uy vien",
    "tinh uy vien",
    "thanh uy vien",
    "dai bieu quoc hoi",
    "truong doan",
    "pho truong doan",
    "cuc truong",
    "pho cuc truong",
    "vu truong",
    "pho vu truong",
    "tong cuc truong",
    "dai su",
    "tong thu ky",
    "pho tong thu ky",
    "tu lenh",
    "pho tu lenh",
    "chinh uy",
    "pho chinh uy",
    "dai tuong",
    "thuong tuong",
    "trung tuong",
    "thieu tuong",
    "dai ta",
    "thuong ta",
];

/// "đồng chí" (comrade), "ông" (Mr), "bà" (Mrs/Ms), and the abbreviation "đ/c".
const HONORIFICS: &[&str] = &["dong chi", "d/c", "ong", "ba"];

/// Phrases that contain a province name but are not about the province.
const BLOCKERS: &[&str] = &["thai binh duong", "dien bien phu"];

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
                }
            }
        }
        for (words, what) in [
            (BLOCKERS, Pattern::Blocker),
            (TITLE_HEADS, Pattern::Title),
            (HONORIFICS, Pattern::Honorific),
        ] {
            for w in words {
                automaton_words.push(w.to_string());
                patterns.push(what);
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

        let mut gazetteer = Gazetteer {
            provinces,
            by_variant,
            posts: HashMap::new(),
            surnames: SURNAMES_TXT
                .lines()
                .map(str::trim)
                .filter(|s| !s.is_empty() && !s.starts_with('#'))
                .map(lower_exact)
                .collect(),
            automaton,
            patterns,
        };
        gazetteer.posts = parse_posts(&gazetteer);
        gazetteer
    }

    /// Finds every province spelling, title head and honorific that stands
    /// as whole words in `folded`, left to right, without overlaps.
    pub fn scan(&self, folded: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut at = 0;
        while at < folded.len() {
            let Some(m) = self.automaton.find(Input::new(folded).range(at..)) else {
                break;
            };
            let (start, end) = (m.start(), m.end());
            if is_word_char_before(folded, start) || is_word_char_at(folded, end) {
                // Inside a longer word ("ong" in "không"): look again from the
                // next character, a real match may start inside this one.
                at = start + folded[start..].chars().next().map_or(1, char::len_utf8);
                continue;
            }
            hits.push(Hit {
                start,
                end,
                what: self.patterns[m.pattern().as_usize()],
            });
            at = end;
        }
        hits
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

    pub fn posts_of(&self, canonical_name: &str) -> &[Post] {
        self.posts.get(canonical_name).map_or(&[], Vec::as_slice)
    }

    /// Is this word (as written) a Vietnamese surname?
    pub fn is_surname(&self, word: &str) -> bool {
        self.surnames.contains(&lower_exact(word))
    }

    /// Number of (old and new) provinces, for tests.
    #[cfg(test)]
    pub fn province_count(&self) -> (usize, usize) {
        let old = self.provinces.iter().filter(|p| p.era == Era::Old).count();
        (old, self.provinces.len() - old)
    }
}

/// Lower-case exact form of a word: NFC, one tone placement.
pub fn lower_exact(word: &str) -> String {
    let mut out = String::new();
    analysis::exact_form(word, &mut out);
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
            era: if f.get(1) == Some(&"new") {
                Era::New
            } else {
                Era::Old
            },
            province_2025: f.get(3).unwrap_or(&f[0]).to_string(),
            needs_cue: f.get(4).is_some_and(|flags| flags.contains("cue")),
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
        let written_last = syllable
            .chars()
            .next_back()
            .map(|c| lower_exact(&c.to_string()));
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
    w.bytes().all(|b| b.is_ascii_digit())
        || w.bytes().all(|b| matches!(b, b'i' | b'v' | b'x' | b'l'))
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
        let hits = g.scan(&f.text);
        let found: Vec<&str> = hits.iter().map(|h| &f.text[h.start..h.end]).collect();
        assert_eq!(found, ["ong", "Pho Bi thu", "Thanh Hoa"]);
        assert_eq!(hits[0].what, Pattern::Honorific);
        assert_eq!(hits[1].what, Pattern::Title);
        assert!(matches!(hits[2].what, Pattern::Province(_)));
        let blocked = g.scan(&Folded::new("Thái Bình Dương").text);
        assert_eq!(blocked[0].what, Pattern::Blocker);
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
        assert_ne!(
            role_key(g, "Phó Chủ tịch UBND tỉnh"),
            role_key(g, "Chủ tịch UBND tỉnh")
        );
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
        assert!(Gazetteer::get().is_surname("Nguyễn"));
        assert!(Gazetteer::get().is_surname("NGUYỄN"));
        assert!(!Gazetteer::get().is_surname("Tỉnh"));
    }
}
