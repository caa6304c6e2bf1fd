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

use super::folded::{is_acronym, is_capitalised, word_at_or_after, Folded, Word};
use super::gazetteer::{canonical_name, lower_exact, Gazetteer, Hit, Pattern};

/// An official as found: canonical name, role text, where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub name: String,
    pub role: String,
    /// Folded offset of the first mention.
    pub pos: usize,
}

/// Lower-case words that belong to the bodies in titles ("Tỉnh ủy", "Ủy ban
/// nhân dân tỉnh", "Ban Chấp hành Trung ương", "Bộ Công an"), in exact form.
const ROLE_WORDS: &[&str] = &[
    "ủy",
    "ban",
    "tỉnh",
    "huyện",
    "thành",
    "phố",
    "xã",
    "thị",
    "trấn",
    "quận",
    "phường",
    "nhân",
    "dân",
    "trung",
    "ương",
    "chấp",
    "hành",
    "thường",
    "trực",
    "vụ",
    "quốc",
    "hội",
    "đồng",
    "phủ",
    "nước",
    "viên",
    "kiểm",
    "tra",
    "tổ",
    "chức",
    "tuyên",
    "giáo",
    "vận",
    "nội",
    "chính",
    "sát",
    "án",
    "khóa",
    "tịch",
    "thư",
    "trưởng",
    "đốc",
    "đoàn",
    "mặt",
    "trận",
    "tộc",
    "đảng",
    "bộ",
    "công",
    "an",
    "quân",
    "sự",
    "văn",
    "phòng",
    "tòa",
    "cục",
    "sở",
];

/// Of those, the words a role may end with ("Chủ tịch UBND tỉnh", "Trưởng
/// Ban Dân vận"), so "Bí thư Tỉnh ủy công bố" ends before "công".
const ROLE_FINAL_WORDS: &[&str] = &[
    "ủy",
    "tỉnh",
    "huyện",
    "phố",
    "xã",
    "trấn",
    "quận",
    "phường",
    "dân",
    "ương",
    "hành",
    "vụ",
    "trực",
    "quốc",
    "hội",
    "phủ",
    "nước",
    "viên",
    "tra",
    "chức",
    "giáo",
    "vận",
    "chính",
    "sát",
    "án",
    "đảng",
    "an",
    "sự",
    "tộc",
    "trận",
];

/// Capitalised words that never belong to a person's name: they start or
/// continue a title or a body ("Nguyễn Văn A Phó Chủ tịch" without a comma).
const NOT_IN_NAMES: &[&str] = &[
    "tỉnh",
    "ủy",
    "huyện",
    "đảng",
    "bộ",
    "sở",
    "ban",
    "phó",
    "xã",
    "quận",
    "phường",
    "trưởng",
    "tịch",
    "thư",
    "ubnd",
    "hđnd",
];

/// Longest run of words a title and its body span before the name.
const MAX_TITLE_WORDS: usize = 14;

/// Every official named in `f`, in order of first mention, deduplicated.
pub fn find(f: &Folded<'_>, hits: &[Hit], g: &Gazetteer) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
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
            match found.iter_mut().find(|o| o.name == official.name) {
                Some(known) if known.role.is_empty() => known.role = official.role,
                Some(_) => {}
                None => found.push(official),
            }
        }
    }
    found
}

/// The hit starting exactly at `pos`, if any.
fn hit_at(hits: &[Hit], pos: usize) -> Option<&Hit> {
    hits.binary_search_by_key(&pos, |h| h.start)
        .ok()
        .map(|i| &hits[i])
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
fn title_first(
    f: &Folded<'_>,
    hits: &[Hit],
    index: usize,
    g: &Gazetteer,
) -> Option<(Found, usize)> {
    let text = f.text.as_str();
    let head = hits[index];
    let (mut pos, mut role_end) = (head.end, head.end);
    for _ in 0..MAX_TITLE_WORDS {
        let w = word_at_or_after(text, pos)?;
        let sep = &text[pos..w.start];
        let hit = hit_at(hits, w.start);
        if !is_soft(sep) {
            // "Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Đỗ Trọng Hưng": one chain.
            match hit {
                Some(h) if h.what == Pattern::Title && is_title_joint(sep) => {
                    (pos, role_end) = (h.end, h.end);
                    continue;
                }
                _ => return None,
            }
        }
        match hit.map(|h| h.what) {
            Some(Pattern::Province(_) | Pattern::Blocker | Pattern::Title) => {
                let end = hit.map_or(w.end, |h| h.end);
                (pos, role_end) = (end, end);
                continue;
            }
            Some(Pattern::Honorific) => return None,
            None => {}
        }
        if let Some((name, end)) = name_at(f, hits, w, g) {
            let role = tidy(f.orig_span(head.start, role_end));
            return Some((
                Found {
                    name,
                    role,
                    pos: w.start,
                },
                end,
            ));
        }
        let word = w.text(text);
        if is_capitalised(word)
            || is_acronym(word)
            || ROLE_WORDS.contains(&exact_word(f, w).as_str())
        {
            (pos, role_end) = (w.end, w.end);
            continue;
        }
        return None;
    }
    None
}

/// "đồng chí Đỗ Minh Tuấn, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh".
fn honorific_first(
    f: &Folded<'_>,
    hits: &[Hit],
    hit: &Hit,
    g: &Gazetteer,
) -> Option<(Found, usize)> {
    let text = f.text.as_str();
    let w = word_at_or_after(text, hit.end)?;
    if &text[hit.end..w.start] != " " || hit_at(hits, w.start).is_some() {
        return None;
    }
    let (name, name_end) = name_at(f, hits, w, g)?;
    let mut role = String::new();
    let mut end = name_end;
    if let Some(next) = word_at_or_after(text, name_end) {
        let sep = &text[name_end..next.start];
        let joined = is_title_joint(sep) || sep.trim() == "(";
        if let (true, Some(h)) = (joined, hit_at(hits, next.start)) {
            if h.what == Pattern::Title {
                let role_end = role_chain(f, hits, h);
                role = tidy(f.orig_span(h.start, role_end));
                end = role_end;
            }
        }
    }
    Some((
        Found {
            name,
            role,
            pos: w.start,
        },
        end,
    ))
}

/// The end of a chain of titles starting at the title head `head`: "Ủy
/// viên Trung ương Đảng, Bí thư Tỉnh ủy" up to the verb that follows.
fn role_chain(f: &Folded<'_>, hits: &[Hit], head: &Hit) -> usize {
    let text = f.text.as_str();
    let (mut pos, mut end) = (head.end, head.end);
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
                    continue;
                }
                _ => break,
            }
        }
        match hit.map(|h| h.what) {
            Some(Pattern::Province(_) | Pattern::Title) => {
                let to = hit.map_or(w.end, |h| h.end);
                (pos, end) = (to, to);
                continue;
            }
            Some(_) => break,
            None => {}
        }
        let word = w.text(text);
        if is_capitalised(word) || is_acronym(word) {
            (pos, end) = (w.end, w.end);
            continue;
        }
        let exact = exact_word(f, w);
        if !ROLE_WORDS.contains(&exact.as_str()) {
            break;
        }
        pos = w.end;
        if ROLE_FINAL_WORDS.contains(&exact.as_str()) {
            end = w.end;
        }
    }
    end
}

/// A full name starting at word `w`: a surname and 1–3 more capitalised
/// syllables, joined by single spaces, then something that is no syllable
/// of it. Returns the canonical name and where it ends.
fn name_at(f: &Folded<'_>, hits: &[Hit], w: Word, g: &Gazetteer) -> Option<(String, usize)> {
    let text = f.text.as_str();
    if !is_syllable(w.text(text)) || !g.is_surname(f.orig_span(w.start, w.end)) {
        return None;
    }
    let mut words = vec![w];
    let mut end = w.end;
    while let Some(next) = word_at_or_after(text, end) {
        if &text[end..next.start] != " "
            || !is_syllable(next.text(text))
            || hit_at(hits, next.start).is_some()
            || NOT_IN_NAMES.contains(&exact_word(f, next).as_str())
        {
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
    Some((canonical_name(f.orig_span(w.start, end)), end))
}

/// A capitalised syllable: "Nguyen", "A"; not "UBND", "Covid", "2023".
fn is_syllable(word: &str) -> bool {
    is_capitalised(word) && word.len() <= 7 && word.bytes().all(|b| b.is_ascii_alphabetic())
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
        let hits = g.scan(&f.text);
        find(&f, &hits, g)
            .into_iter()
            .map(|o| (o.name, o.role))
            .collect()
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
            officials("Tham dự có đồng chí Trần Quốc Nam, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh; các đồng chí UVTV Tỉnh ủy"),
            [pair("Trần Quốc Nam", "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh")]
        );
        assert_eq!(
            officials("có đồng chí Hà Văn Ca - Ủy viên BCH Tỉnh ủy, Bí thư Huyện ủy, Chủ tịch HĐND huyện; đồng chí Nguyễn Văn Bình – Phó Bí thư Huyện ủy"),
            [
                pair("Hà Văn Ca", "Ủy viên BCH Tỉnh ủy, Bí thư Huyện ủy, Chủ tịch HĐND huyện"),
                pair("Nguyễn Văn Bình", "Phó Bí thư Huyện ủy"),
            ]
        );
        assert_eq!(
            officials("ông Lê Văn Tuyên cho biết"),
            [pair("Lê Văn Tuyên", "")]
        );
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
    }

    #[test]
    fn tone_styles_meet_and_duplicates_go() {
        assert_eq!(
            officials("Đồng chí Phạm Thị Thanh Thuỷ - Trưởng Ban Dân vận Tỉnh uỷ phát biểu. Bà Phạm Thị Thanh Thủy nói."),
            [pair("Phạm Thị Thanh Thủy", "Trưởng Ban Dân vận Tỉnh uỷ")]
        );
        assert_eq!(
            officials("ông Trần Văn A nói. Chủ tịch UBND tỉnh Trần Văn A cho biết"),
            [pair("Trần Văn A", "Chủ tịch UBND tỉnh")]
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
