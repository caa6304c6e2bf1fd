//! Officials: people named with a title or as "đồng chí X", "ông X", "bà X".
//!
//! Two shapes cover how Vietnamese news names officials:
//!
//! - title first: "Bí thư Tỉnh ủy Hải Dương Trần Đức Thắng" — a title head,
//!   the body it belongs to (capitalised words, acronyms, a few lower-case
//!   words such as "tỉnh", a province name), then the name;
//! - honorific first: "đồng chí Nguyễn Đức Thanh, Ủy viên Trung ương Đảng, Bí
//!   thư Tỉnh ủy" — the name right after the honorific, then optionally the
//!   roles after a comma or dash.
//!
//! A name is 2–4 capitalised syllables starting with a known surname, so
//! short references ("ông Đọc", "đồng chí Bí thư") and credits without a
//! title ("Tin, ảnh: Hồ Thuỷ") name nobody.

use super::folded::{is_acronym, is_capitalised, word_at_or_after, word_before, Folded, Word};
use super::gazetteer::{canonical_name, exact_phrase, lower_exact, Gazetteer, Hit, Pattern};
use std::collections::HashMap;

/// An official as found: canonical name, role text, where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub name: String,
    pub role: String,
    /// Folded offset of the first mention.
    pub pos: usize,
    /// Holds office abroad; Vietnamese officials are `false`.
    pub foreign: bool,
    /// For a foreign office holder, the country or body, when named.
    pub country: Option<String>,
}

/// Lower-case words that belong to the bodies in titles ("Tỉnh ủy", "Ủy ban
/// nhân dân tỉnh", "Ban Chấp hành Trung ương", "Bộ Công an"), in exact form.
#[rustfmt::skip]
const ROLE_WORDS: &[&str] = &[
    "ủy", "ban", "tỉnh", "huyện", "thành", "phố", "xã", "thị", "trấn", "quận", "phường", "nhân",
    "dân", "trung", "ương", "chấp", "hành", "thường", "trực", "vụ", "quốc", "hội", "đồng", "phủ",
    "nước", "viên", "kiểm", "tra", "tổ", "chức", "tuyên", "giáo", "vận", "nội", "chính", "sát",
    "án", "khóa", "tịch", "thư", "trưởng", "đốc", "đoàn", "mặt", "trận", "tộc", "đảng", "bộ",
    "công", "an", "quân", "sự", "văn", "phòng", "tòa", "cục", "sở",
];

/// Of those, the words a role may end with ("Chủ tịch UBND tỉnh", "Trưởng
/// Ban Dân vận"), so "Bí thư Tỉnh ủy công bố" ends before "công".
#[rustfmt::skip]
const ROLE_FINAL_WORDS: &[&str] = &[
    "ủy", "bộ", "tỉnh", "huyện", "phố", "xã", "trấn", "quận", "phường", "dân", "ương", "hành", "vụ",
    "trực", "quốc", "hội", "phủ", "nước", "viên", "tra", "chức", "giáo", "vận", "chính", "sát",
    "án", "đảng", "an", "sự", "tộc", "trận",
];

/// Capitalised words that never belong to a person's name: they start or
/// continue a title or a body ("Nguyễn Văn A Phó Chủ tịch" without a comma).
#[rustfmt::skip]
const NOT_IN_NAMES: &[&str] = &[
    "tỉnh", "ủy", "huyện", "đảng", "bộ", "sở", "ban", "phó", "xã", "quận", "phường", "trưởng",
    "tịch", "thư", "ubnd", "hđnd",
];

/// [`NOT_IN_NAMES`] folded, to test before computing exact forms.
#[rustfmt::skip]
const NOT_IN_NAMES_FOLDED: &[&str] = &[
    "tinh", "uy", "huyen", "dang", "bo", "so", "ban", "pho", "xa", "quan", "phuong", "truong",
    "tich", "thu", "ubnd", "hdnd",
];

fn is_not_in_names(f: &Folded<'_>, w: Word) -> bool {
    let folded = w.text(&f.text);
    NOT_IN_NAMES_FOLDED.iter().any(|n| n.eq_ignore_ascii_case(folded))
        && NOT_IN_NAMES.contains(&exact_word(f, w).as_str())
}

/// Longest run of words a title and its body span before the name.
const MAX_TITLE_WORDS: usize = 14;

/// Every official named in `f`, in order of first mention, deduplicated.
pub fn find(f: &Folded<'_>, hits: &[Hit], g: &Gazetteer) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    // One person, whatever the i/y spelling ("Sĩ"/"Sỹ"): exact form → index.
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut consumed = 0;
    for (i, hit) in hits.iter().enumerate() {
        if hit.start < consumed {
            continue;
        }
        let parsed = match hit.what {
            Pattern::Title => title_first(f, hits, i, g),
            Pattern::Honorific => honorific_first(f, hits, hit, g),
            _ => None,
        };
        if let Some((official, end)) = parsed {
            consumed = end;
            let key = exact_phrase(&official.name);
            match seen.get(&key) {
                Some(&known) => {
                    if found[known].role.is_empty() {
                        found[known].role = official.role;
                    }
                }
                None => {
                    seen.insert(key, found.len());
                    found.push(official);
                }
            }
        }
    }
    merge_short_forms(found)
}

/// "bà Kim Ngân" after (or before) "Chủ tịch Quốc hội Nguyễn Thị Kim Ngân":
/// a name that ends a longer name found in the same article is that person.
fn merge_short_forms(found: Vec<Found>) -> Vec<Found> {
    let keys: Vec<String> = found.iter().map(|o| exact_phrase(&o.name)).collect();
    // Every ending of two syllables or more of a name → that name; an
    // ending shared by two names ("Văn Bình") is nobody in particular.
    const SHARED: usize = usize::MAX;
    let mut longer: HashMap<&str, usize> = HashMap::new();
    for (i, key) in keys.iter().enumerate() {
        for (at, _) in key.match_indices(' ') {
            let ending = &key[at + 1..];
            if ending.contains(' ') {
                let owner = longer.entry(ending).or_insert(i);
                if *owner != i {
                    *owner = SHARED;
                }
            }
        }
    }
    longer.retain(|_, owner| *owner != SHARED);
    let mut merged: Vec<Option<Found>> = found.into_iter().map(Some).collect();
    for i in 0..merged.len() {
        let Some(&first) = longer.get(keys[i].as_str()) else {
            continue;
        };
        // The longest name it ends (each step is strictly longer).
        let mut target = first;
        while let Some(&next) = longer.get(keys[target].as_str()) {
            target = next;
        }
        let Some(short) = merged[i].take() else {
            continue;
        };
        if let Some(long) = merged[target].as_mut() {
            if long.role.is_empty() {
                long.role = short.role;
            }
            long.pos = long.pos.min(short.pos);
        }
    }
    let mut out: Vec<Found> = merged.into_iter().flatten().collect();
    out.sort_by_key(|o| o.pos);
    out
}

/// The hit starting exactly at `pos`, if any.
fn hit_at(hits: &[Hit], pos: usize) -> Option<&Hit> {
    hits.binary_search_by_key(&pos, |h| h.start).ok().map(|i| &hits[i])
}

/// Between two words of one phrase: a space, or a dot glued inside a
/// name ("TP.HCM").
fn is_soft(sep: &str) -> bool {
    sep == " " || sep == "."
}

/// ", " or " - " between two titles of one person.
fn is_title_joint(sep: &str) -> bool {
    matches!(sep.trim(), "," | "-")
}

fn exact_word(f: &Folded<'_>, w: Word) -> String {
    lower_exact(f.orig_span(w.start, w.end))
}

/// "Bí thư Tỉnh ủy Ngô Chí Cường": the hit at `index` is a title head.
fn title_first(f: &Folded<'_>, hits: &[Hit], index: usize, g: &Gazetteer) -> Option<(Found, usize)> {
    let (mut found, end) = title_then_name(f, hits, index, g)?;
    // "Đại tướng Tô Lâm, Bộ trưởng Bộ Công an": more titles after.
    let (more, end) = roles_after(f, hits, end, g);
    if !more.is_empty() {
        found.role = format!("{}, {more}", found.role);
    }
    Some((found, end))
}

/// The title at `index`, its body and the name after them; the name's end.
fn title_then_name(f: &Folded<'_>, hits: &[Hit], index: usize, g: &Gazetteer) -> Option<(Found, usize)> {
    let text = f.text.as_str();
    let head = hits[index];
    let (mut pos, mut role_end) = (head.end, head.end);
    // The last two words of the role so far, exact forms.
    let mut last: [String; 2] = Default::default();
    for _ in 0..MAX_TITLE_WORDS {
        let w = word_at_or_after(text, pos)?;
        let sep = &text[pos..w.start];
        let hit = hit_at(hits, w.start);
        if !is_soft(sep) {
            // "Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Đỗ Trọng Hưng": one chain.
            match hit {
                Some(h) if h.what == Pattern::Title && is_title_joint(sep) => {
                    (pos, role_end) = (h.end, h.end);
                    last = Default::default();
                    continue;
                }
                _ => return None,
            }
        }
        match hit.map(|h| h.what) {
            Some(Pattern::Province(_) | Pattern::Blocker | Pattern::Title) => {
                let end = hit.map_or(w.end, |h| h.end);
                (pos, role_end) = (end, end);
                last = Default::default();
                continue;
            }
            Some(Pattern::Honorific) => return None,
            None => {}
        }
        // Right after "huyện", "xã", "Quận ủy"… comes the unit's own name
        // ("Bí thư Quận ủy Ninh Kiều"); a person's name there has three
        // syllables or more ("Chủ tịch UBND xã Trần Văn Hùng").
        let min = if after_local_unit(&last) { 3 } else { 2 };
        if let Some((name, end)) = name_at(f, hits, w, g).filter(|(n, _)| n.split(' ').count() >= min) {
            let role = tidy(f.orig_span(head.start, role_end));
            return Some((
                Found {
                    name,
                    role,
                    pos: w.start,
                    foreign: false,
                    country: None,
                },
                end,
            ));
        }
        let word = w.text(text);
        let exact = exact_word(f, w);
        if is_capitalised(word) || is_acronym(word) || ROLE_WORDS.contains(&exact.as_str()) {
            (pos, role_end) = (w.end, w.end);
            last = [std::mem::take(&mut last[1]), exact];
            continue;
        }
        return None;
    }
    None
}

/// Units below the province, whose names follow them in a title.
const LOCAL_UNITS: &[&str] = &["huyện", "quận", "xã", "phường", "trấn", "thị"];

/// Do the last words of a role name a local unit ("xã", "Huyện ủy")?
fn after_local_unit(last: &[String; 2]) -> bool {
    LOCAL_UNITS.contains(&last[1].as_str()) || (last[1] == "ủy" && LOCAL_UNITS.contains(&last[0].as_str()))
}

/// Words after which a capitalised word starts a compound whose next
/// syllable is lower-case: "Sở Du lịch", "Viện Nghiên cứu", "Hội đồng Lý
/// luận", "Khoa học và Công nghệ".
#[rustfmt::skip]
const COMPOUND_AFTER: &[&str] = &[
    "sở", "viện", "bộ", "ban", "đồng", "cục", "ty", "hội", "vụ", "đoàn", "phòng", "và", "đốc",
    "trưởng", "tịch", "thư", "nhiệm",
];

/// "đồng chí Đỗ Minh Tuấn, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh".
fn honorific_first(f: &Folded<'_>, hits: &[Hit], hit: &Hit, g: &Gazetteer) -> Option<(Found, usize)> {
    let text = f.text.as_str();
    let w = word_at_or_after(text, hit.end)?;
    if &text[hit.end..w.start] != " " || hit_at(hits, w.start).is_some() {
        return None;
    }
    let (name, name_end) = name_at(f, hits, w, g)?;
    let (role, end) = roles_after(f, hits, name_end, g);
    Some((
        Found {
            name,
            role,
            pos: w.start,
            foreign: false,
            country: None,
        },
        end,
    ))
}

/// The titles written after a name (", Phó Bí thư Tỉnh ủy, Chủ tịch UBND
/// tỉnh", " - Trưởng Ban…", " (Chủ tịch…"): the role text and where it ends
/// (`name_end` and an empty role when none follows).
fn roles_after(f: &Folded<'_>, hits: &[Hit], name_end: usize, g: &Gazetteer) -> (String, usize) {
    let text = f.text.as_str();
    let Some(next) = word_at_or_after(text, name_end) else {
        return (String::new(), name_end);
    };
    let sep = &text[name_end..next.start];
    let joined = is_title_joint(sep) || sep.trim() == "(";
    let Ok(index) = hits.binary_search_by_key(&next.start, |h| h.start) else {
        return (String::new(), name_end);
    };
    let h = &hits[index];
    if !joined || h.what != Pattern::Title {
        return (String::new(), name_end);
    }
    // "ông Phan Văn Sáu, Thủ tướng Nguyễn Xuân Phúc…": the title leads to
    // another name, so it is that person's.
    if title_then_name(f, hits, index, g).is_some() {
        return (String::new(), name_end);
    }
    let role_end = role_chain(f, hits, h);
    (tidy(f.orig_span(h.start, role_end)), role_end)
}

/// The end of a chain of titles starting at the title head `head`: "Ủy
/// viên Trung ương Đảng, Bí thư Tỉnh ủy" up to the verb that follows.
fn role_chain(f: &Folded<'_>, hits: &[Hit], head: &Hit) -> usize {
    let text = f.text.as_str();
    let (mut pos, mut end) = (head.end, head.end);
    // "Giám đốc Công ty": the head's last word opens a body.
    let mut previous = word_before(text, head.end).map_or_else(String::new, |w| exact_word(f, w));
    for _ in 0..3 * MAX_TITLE_WORDS {
        let Some(w) = word_at_or_after(text, pos) else {
            break;
        };
        let sep = &text[pos..w.start];
        let hit = hit_at(hits, w.start);
        if !is_soft(sep) {
            match hit {
                Some(h) if h.what == Pattern::Title && is_title_joint(sep) => {
                    (pos, end) = (h.end, h.end);
                    previous = word_before(text, h.end).map_or_else(String::new, |w| exact_word(f, w));
                    continue;
                }
                _ => break,
            }
        }
        match hit.map(|h| h.what) {
            Some(what @ (Pattern::Province(_) | Pattern::Title)) => {
                let to = hit.map_or(w.end, |h| h.end);
                (pos, end) = (to, to);
                previous.clear();
                if what == Pattern::Title {
                    // "Giám đốc Công ty": the head's last word opens a body.
                    if let Some(last) = word_before(text, to) {
                        previous = exact_word(f, last);
                    }
                }
                continue;
            }
            Some(_) => break,
            None => {}
        }
        let word = w.text(text);
        let exact = exact_word(f, w);
        let before_word = std::mem::take(&mut previous);
        if is_capitalised(word) || is_acronym(word) {
            (pos, end) = (w.end, w.end);
            previous = exact;
            // "Sở Du lịch": the lower-case second syllable of a body's name
            // (never after an acronym: "Sở GTVT cho biết").
            if is_capitalised(word) && COMPOUND_AFTER.contains(&before_word.as_str()) {
                if let Some(next) = word_at_or_after(text, w.end) {
                    let lower = next.text(text).bytes().all(|b| b.is_ascii_lowercase());
                    let next_exact = exact_word(f, next);
                    if &text[w.end..next.start] == " " && lower && !ROLE_WORDS.contains(&next_exact.as_str()) {
                        (pos, end) = (next.end, next.end);
                        previous = next_exact;
                    }
                }
            }
            continue;
        }
        if exact == "và" {
            // "Sở Khoa học và Công nghệ": only when a capitalised word follows.
            let capital_next = word_at_or_after(text, w.end)
                .filter(|n| &text[w.end..n.start] == " ")
                .is_some_and(|n| is_capitalised(n.text(text)));
            if !capital_next {
                break;
            }
            pos = w.end;
            previous = exact;
            continue;
        }
        if !ROLE_WORDS.contains(&exact.as_str()) {
            break;
        }
        pos = w.end;
        if ROLE_FINAL_WORDS.contains(&exact.as_str()) {
            end = w.end;
        }
        previous = exact;
    }
    end
}

/// A full name starting at word `w`: a surname and 1–3 more capitalised
/// syllables, joined by single spaces, then something that is no syllable
/// of it. Returns the canonical name and where it ends.
fn name_at(f: &Folded<'_>, hits: &[Hit], w: Word, g: &Gazetteer) -> Option<(String, usize)> {
    let text = f.text.as_str();
    if !is_syllable(w.text(text)) || !g.is_surname(f.orig_span(w.start, w.end), w.text(text)) {
        return None;
    }
    let mut words = vec![w];
    let mut end = w.end;
    while let Some(next) = word_at_or_after(text, end) {
        if &text[end..next.start] != " " || !is_syllable(next.text(text)) || hit_at(hits, next.start).is_some() {
            break;
        }
        if is_not_in_names(f, next) {
            // "Huyện" opens a body ("Huyện ủy"), unless nothing follows it
            // in the phrase: "ông Nguyễn Văn Huyện, Tổng cục trưởng".
            let ends_phrase = word_at_or_after(text, next.end).is_none_or(|after| &text[next.end..after.start] != " ");
            if !ends_phrase || words.len() >= 4 {
                break;
            }
            words.push(next);
            end = next.end;
            break;
        }
        words.push(next);
        end = next.end;
        if words.len() > 4 {
            return None;
        }
    }
    if words.len() < 2 {
        return None;
    }
    // "Kim Jong-un": a foreign name written with hyphens is not parsed.
    let b = text.as_bytes();
    if b.get(end) == Some(&b'-') && b.get(end + 1).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    Some((canonical_name(f.orig_span(w.start, end)), end))
}

/// A capitalised syllable: "Nguyen", "A"; not "UBND", "Covid", "2023",
/// nor "Jong" (f, j, w and z are no Vietnamese letters).
fn is_syllable(word: &str) -> bool {
    is_capitalised(word)
        && word.len() <= 7
        && word
            .bytes()
            .all(|b| b.is_ascii_alphabetic() && !b"fjwzFJWZ".contains(&b))
}

/// Role text as shown: one space between words, no stray punctuation.
fn tidy(role: &str) -> String {
    let joined: Vec<&str> = role.split_whitespace().collect();
    joined
        .join(" ")
        .trim_matches(|c: char| c.is_whitespace() || ",;:-–(".contains(c))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn officials(text: &str) -> Vec<(String, String)> {
        let g = Gazetteer::get();
        let f = Folded::new(text);
        let hits = g.scan(&f);
        find(&f, &hits, g).into_iter().map(|o| (o.name, o.role)).collect()
    }

    fn pair(name: &str, role: &str) -> (String, String) {
        (name.to_string(), role.to_string())
    }

    #[test]
    fn honorific_then_roles() {
        assert_eq!(
            officials("Đồng chí Nguyễn Đức Thanh, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy chủ trì hội nghị."),
            [pair("Nguyễn Đức Thanh", "Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy")]
        );
        assert_eq!(
            officials(
                "Tham dự có đồng chí Trần Quốc Nam, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh; các đồng chí UVTV Tỉnh ủy"
            ),
            [pair("Trần Quốc Nam", "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh")]
        );
        assert_eq!(
            officials("có đồng chí Hà Văn Ca - Ủy viên BCH Tỉnh ủy, Bí thư Huyện ủy, Chủ tịch HĐND huyện; đồng chí Nguyễn Văn Bình – Phó Bí thư Huyện ủy"),
            [
                pair("Hà Văn Ca", "Ủy viên BCH Tỉnh ủy, Bí thư Huyện ủy, Chủ tịch HĐND huyện"),
                pair("Nguyễn Văn Bình", "Phó Bí thư Huyện ủy"),
            ]
        );
        assert_eq!(officials("ông Lê Văn Tuyên cho biết"), [pair("Lê Văn Tuyên", "")]);
    }

    #[test]
    fn title_then_name() {
        assert_eq!(
            officials("Kết luận hội nghị, Bí thư Tỉnh ủy Ngô Chí Cường cho rằng"),
            [pair("Ngô Chí Cường", "Bí thư Tỉnh ủy")]
        );
        assert_eq!(
            officials("đồng chí Bí thư Tỉnh ủy Hải Dương Trần Đức Thắng lưu ý"),
            [pair("Trần Đức Thắng", "Bí thư Tỉnh ủy Hải Dương")]
        );
        assert_eq!(
            officials("Chủ tịch UBND TP.HCM Phan Văn Mãi và Thượng tướng Tô Lâm"),
            [
                pair("Phan Văn Mãi", "Chủ tịch UBND TP.HCM"),
                pair("Tô Lâm", "Thượng tướng")
            ]
        );
        assert_eq!(
            officials("Đại tướng Tô Lâm, Ủy viên Bộ Chính trị, Bộ trưởng Bộ Công an phát biểu"),
            [pair("Tô Lâm", "Đại tướng, Ủy viên Bộ Chính trị, Bộ trưởng Bộ Công an")]
        );
        assert_eq!(
            officials("ông Nguyễn Sĩ Hiệp nói; ông Nguyễn Sỹ Hiệp cho biết"),
            [pair("Nguyễn Sĩ Hiệp", "")]
        );
    }

    #[test]
    fn tone_styles_meet_and_duplicates_go() {
        assert_eq!(
            officials(
                "Đồng chí Phạm Thị Thanh Thuỷ - Trưởng Ban Dân vận Tỉnh uỷ phát biểu. Bà Phạm Thị Thanh Thủy nói."
            ),
            [pair("Phạm Thị Thanh Thủy", "Trưởng Ban Dân vận Tỉnh uỷ")]
        );
        assert_eq!(
            officials("ông Trần Văn A nói. Chủ tịch UBND tỉnh Trần Văn A cho biết"),
            [pair("Trần Văn A", "Chủ tịch UBND tỉnh")]
        );
    }

    #[test]
    fn foreign_countries_and_names_are_no_vietnamese_names() {
        assert_eq!(
            officials("Bộ trưởng Quốc phòng Hàn Quốc Han Min-koo và ông Kim Jong-un"),
            []
        );
        assert_eq!(
            officials("Thủ tướng Thái Lan Prayuth và Bộ trưởng Lê Văn A"),
            [pair("Lê Văn A", "Bộ trưởng")]
        );
    }

    #[test]
    fn roles_after_a_title_head_keep_their_body() {
        assert_eq!(
            officials("ông Nguyễn Văn Thiện, Trưởng phòng Tuyên truyền cho biết"),
            [pair("Nguyễn Văn Thiện", "Trưởng phòng Tuyên truyền")]
        );
        assert_eq!(
            officials("ông Lương Thanh Tùng, Giám đốc Công ty Điện lực cho biết"),
            [pair("Lương Thanh Tùng", "Giám đốc Công ty Điện lực")]
        );
        assert_eq!(
            officials("ông Lê Văn Tám, Giám đốc Sở GTVT cho biết"),
            [pair("Lê Văn Tám", "Giám đốc Sở GTVT")]
        );
    }

    #[test]
    fn given_names_that_are_also_unit_words() {
        assert_eq!(
            officials("Theo ông Nguyễn Văn Huyện, Tổng cục trưởng Đường bộ"),
            [pair("Nguyễn Văn Huyện", "Tổng cục trưởng Đường bộ")]
        );
        assert_eq!(
            officials("ông Nguyễn Văn Tâm Huyện ủy viên"),
            [pair("Nguyễn Văn Tâm", "")]
        );
    }

    #[test]
    fn a_title_before_another_name_is_that_persons() {
        assert_eq!(
            officials("miễn nhiệm ông Phan Văn Sáu, Thủ tướng Nguyễn Xuân Phúc đã ký"),
            [pair("Phan Văn Sáu", ""), pair("Nguyễn Xuân Phúc", "Thủ tướng")]
        );
        assert_eq!(
            officials("ông Nguyễn Văn Bình, Trưởng ban Kinh tế Trung ương, cho biết"),
            [pair("Nguyễn Văn Bình", "Trưởng ban Kinh tế Trung ương")]
        );
    }

    #[test]
    fn long_lists_stay_linear() {
        let mut text = String::new();
        for i in 0..3000 {
            let given = ["An", "Bình", "Cường", "Dũng", "Hà", "Lan"][i % 6];
            let middle = ["Văn", "Thị", "Đức", "Minh", "Quốc"][i % 5];
            text.push_str(&format!(
                "Thủ tướng Nguyễn {middle} {given}, Chủ tịch Lê {given} {middle} {given}; ông Trần Văn {given}... "
            ));
        }
        let found = officials(&text);
        assert!(found.len() <= 3 * 30, "{}", found.len());
    }

    #[test]
    fn short_forms_merge_into_the_full_name() {
        assert_eq!(
            officials("Bà Kim Ngân chúc mừng. Chủ tịch Quốc hội Nguyễn Thị Kim Ngân nói."),
            [pair("Nguyễn Thị Kim Ngân", "Chủ tịch Quốc hội")]
        );
        assert_eq!(
            officials("ông Nguyễn Văn Bình, ông Trần Văn Bình và ông Văn Bình"),
            [
                pair("Nguyễn Văn Bình", ""),
                pair("Trần Văn Bình", ""),
                pair("Văn Bình", "")
            ]
        );
        assert_eq!(
            officials("ông Trần Văn Bình, ông Lê Minh và ông Nguyễn Văn Bình"),
            [
                pair("Trần Văn Bình", ""),
                pair("Lê Minh", ""),
                pair("Nguyễn Văn Bình", "")
            ]
        );
    }

    #[test]
    fn local_units_are_no_names() {
        assert_eq!(officials("ông Võ Thành Thống từng giữ chức Bí thư Quận uỷ Ninh Kiều và Chủ tịch UBND xã Phước Vinh Trần Văn Hùng"),
            [pair("Võ Thành Thống", ""), pair("Trần Văn Hùng", "Chủ tịch UBND xã Phước Vinh")]);
        assert_eq!(
            officials("Bí thư Huyện ủy Lê Văn Ba phát biểu"),
            [pair("Lê Văn Ba", "Bí thư Huyện ủy")]
        );
    }

    #[test]
    fn roles_keep_compound_names_of_bodies() {
        assert_eq!(
            officials("ông Nguyễn Ngọc Phương, Phó giám đốc Sở Khoa học và Công nghệ cho biết"),
            [pair("Nguyễn Ngọc Phương", "Phó giám đốc Sở Khoa học và Công nghệ")]
        );
        assert_eq!(
            officials("ông Trần Chí Cường, Phó giám đốc Sở Du lịch cho biết"),
            [pair("Trần Chí Cường", "Phó giám đốc Sở Du lịch")]
        );
    }

    #[test]
    fn short_references_credits_and_words_name_nobody() {
        for text in [
            "Tin, ảnh: Hồ Thuỷ",
            "Nguyên Chương",
            "ông Đọc nói",
            "đồng chí Bí thư Tỉnh ủy khái quát tình hình",
            "các đồng chí UVTV Tỉnh ủy",
            "Bà mẹ Việt Nam anh hùng",
            "bà con nhân dân, ông bà",
            "Không, không có.",
            "phong cách Hồ Chí Minh",
            "Chủ tịch Hồ Chí Minh",
            "ông Nguyễn Văn An Bình Phúc Lộc",
        ] {
            assert_eq!(officials(text), [], "{text}");
        }
    }
}
