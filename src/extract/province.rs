//! The province an article is about.
//!
//! Place names are also district and commune names ("xã Thái Bình"), words
//! ("hòa bình" is peace) and people ("Hồ Chí Minh"), so mentions are weighed:
//!
//! - a mention after a province cue ("tỉnh", "Tỉnh ủy", "UBND tỉnh", "thành
//!   phố", "TP", "Thành ủy", "UBND", "HĐND") scores 2;
//! - a bare capitalised mention scores 1, unless the name needs a cue (it is
//!   also a word or a person), follows a smaller unit ("huyện", "xã",
//!   "phường", "đường"…) or is glued to other capitalised words (part of a
//!   name or an organisation), or ends an organisation's name written in
//!   sentence case ("Trung tâm giao dịch chứng khoán Hà Nội");
//! - in the headline, a title right before the name is a cue too ("Bí thư
//!   Hải Phòng" is the province's leader), unless the name is also a
//!   person's ("Chủ tịch Hồ Chí Minh");
//! - mentions in the headline score 4 more, and a headline that opens with
//!   the province ("Hậu Giang: …") 4 more again: the headline says what the
//!   article is about, the body may retell a career in other provinces;
//! - a mention followed by a foreign country ("tỉnh Hà Nam, Trung Quốc") is
//!   not Vietnamese and scores nothing;
//! - each official whose role and the article's date match a dated
//!   provincial post in the reference data scores 3 for that province (the
//!   article names its province only through them, as seed 000 does).
//!
//! The most cited province wins if it scores at least 2; ties go to the
//! province mentioned first. An article whose lead is about the nation
//! (the National Assembly, the Government, a ministry, a law's draft, "cả
//! nước"), about
//! several regions ("các tỉnh Bắc Bộ") or about another country, and whose
//! headline does not name the province, has a province only when one
//! clearly dominates: at least 4 (two mentions with a cue) and twice the next (a passing "tại Hà Nội"
//! or one official of a province present does not make a national meeting
//! a provincial one), and at least 6 when neither headline nor lead names
//! it (a national body's agenda item). A province given with the input
//! wins over all.

use super::folded::{is_acronym, is_capitalised, word_at_or_after, word_before, Folded, Word};
use super::gazetteer::{role_key, Era, Gazetteer, Hit, Pattern, Post};
use super::officials::Found;
use tantivy::time::{Date, Month};

/// Everything province resolution reads.
pub struct Evidence<'a, 'f> {
    pub doc: &'a Folded<'f>,
    pub doc_hits: &'a [Hit],
    /// End of the headline in `doc` (folded offset).
    pub title_end: usize,
    /// End of the lead (headline and first sentences) in `doc`.
    pub lead_end: usize,
    pub header: &'a Folded<'f>,
    pub header_hits: &'a [Hit],
    pub officials: &'a [Found],
    pub date: Option<Date>,
    pub year: Option<i32>,
}

const CUE_SCORE: u32 = 2;
const BARE_SCORE: u32 = 1;
const TITLE_BONUS: u32 = 4;
const OFFICIAL_SCORE: u32 = 3;
const MIN_SCORE: u32 = 2;
/// What a province must score in a national or foreign article.
const NATIONAL_DOMINANCE: u32 = 4;
/// The same for a province named neither in the headline nor in the lead
/// (a venue apart): one item of a national body's agenda.
const NATIONAL_BODY_DOMINANCE: u32 = 6;

/// Folded words that make a lead national: its scope and the bodies that
/// act for the nation (not "Trung ương" or "Quốc hội" alone: provincial
/// leaders are Central Committee members and deputies too).
const NATIONAL_CUES: &[&str] = &[
    "ca nuoc",
    "toan quoc",
    "bo chinh tri",
    "ban bi thu",
    "uy ban thuong vu quoc hoi",
    "ky hop quoc hoi",
    "phien hop chinh phu",
    "chinh phu da",
    "thu tuong chinh phu",
    "uy ban kiem tra trung uong",
    "bo cong an",
    "bo quoc phong",
    "toa an nhan dan toi cao",
    // Laws are the nation's: "thảo luận dự án Luật giáo dục".
    "du an luat",
    "du thao luat",
    "vien kiem sat nhan dan toi cao",
    "bac bo",
    "trung bo",
    "nam bo",
    "mien bac",
    "mien trung",
    "mien nam",
    "tay nguyen",
];

/// Folded country names that make a lead foreign, as written (capitalised):
/// only names that are no common word or given name ("Mỹ", "Anh", "Nga",
/// "Đức" are also words and names, so "Hoa Kỳ" stands for the US).
const COUNTRY_CUES: &[&str] = &[
    "Hoa Ky",
    "Trung Quoc",
    "Nhat Ban",
    "Han Quoc",
    "Trieu Tien",
    "Campuchia",
    "Thai Lan",
    "An Do",
    "Indonesia",
    "Philippines",
    "Malaysia",
    "Singapore",
    "ASEAN",
    "Lien Hop Quoc",
    "Iraq",
    "Iran",
    "Israel",
    "Syria",
    "Ukraine",
    "Australia",
];

/// Whether a folded lead speaks of the nation or of other countries.
fn is_national_or_foreign(lead: &str) -> bool {
    let words = format!(" {} ", lead.replace(|c: char| !c.is_ascii_alphanumeric(), " "));
    let lower = words.to_ascii_lowercase();
    let national = NATIONAL_CUES.iter().any(|cue| lower.contains(&format!(" {cue} ")));
    national || COUNTRY_CUES.iter().any(|cue| words.contains(&format!(" {cue} ")))
}

/// Units below a province whose names often equal a province's: a mention
/// right after them is about the unit ("huyện Thái Bình" is no province).
const SMALLER_UNITS: &[&str] = &[
    "huyen", "quan", "xa", "phuong", "tran", "duong", "song", "cau", "thon", "ap", "ban", "lang", "nui", "deo", "cho",
    "ga", "khu", "to",
];

/// Countries whose provinces share names with Vietnam's ("Hà Nam" is Henan).
const FOREIGN: &[&str] = &["trung quoc", "lao", "campuchia", "thai lan", "han quoc", "nhat ban"];

/// The province as named at the article's date (the new name from the
/// merger on 1 July 2025), and the province it belongs to after the merger.
pub fn resolve(given: Option<&str>, ev: &Evidence<'_, '_>, g: &Gazetteer) -> (Option<String>, Option<String>) {
    if let Some(given) = given.map(str::trim).filter(|s| !s.is_empty()) {
        return match g.province_by_name(given) {
            Some(i) => (
                Some(g.provinces[i].name.clone()),
                Some(g.provinces[i].province_2025.clone()),
            ),
            None => (Some(given.to_string()), None),
        };
    }
    let mut scores: Vec<(usize, u32, usize)> = Vec::new(); // (province, score, first position)
    let mut add = |province: usize, score: u32, pos: usize| {
        let province = g.old_name_of(province);
        match scores.iter_mut().find(|(p, _, _)| *p == province) {
            Some((_, s, first)) => {
                *s += score;
                *first = (*first).min(pos);
            }
            None => scores.push((province, score, pos)),
        }
    };
    // Provinces with a counted mention in the lead (the headline included).
    let mut lead_mentions: Vec<usize> = Vec::new();
    let lead = &ev.doc.text[..ev.lead_end.min(ev.doc.text.len())];
    let national = is_national_or_foreign(lead);
    for (f, hits, in_doc) in [(ev.doc, ev.doc_hits, true), (ev.header, ev.header_hits, false)] {
        for (i, hit) in hits.iter().enumerate() {
            let Pattern::Province(p) = hit.what else {
                continue;
            };
            // "Uỷ ban Kiểm tra Trung ương đã họp tại Hà Nội": the venue of a
            // national body's meeting says nothing of the article's province.
            let venue = word_before(&f.text, hit.start).is_some_and(|w| w.text(&f.text).eq_ignore_ascii_case("tai"));
            if national && in_doc && hit.start < ev.lead_end && venue {
                continue;
            }
            let province = &g.provinces[p];
            // "Bí thư Hải Phòng", "Phó Chủ tịch Hà Nội": a headline's short
            // for the province's leader, so the title is a cue there. (In the
            // body it mostly names leaders of other provinces in passing.)
            let in_title = in_doc && hit.start < ev.title_end;
            let after_title = in_title
                && i > 0
                && hits[i - 1].what == Pattern::Title
                && &f.text[hits[i - 1].end..hit.start] == " "
                && !province.person;
            let score = if after_title {
                Some(CUE_SCORE)
            } else {
                mention_score(&f.text, hit, province)
            };
            let Some(mut score) = score.filter(|_| !is_foreign(&f.text, hit.end)) else {
                continue;
            };
            if in_title {
                score += TITLE_BONUS;
                if opens_title(&f.text, hit) {
                    score += TITLE_BONUS;
                }
            }
            if in_doc && hit.start < ev.lead_end {
                lead_mentions.push(g.old_name_of(p));
            }
            // Header mentions rank after every body mention on ties.
            let pos = if in_doc { hit.start } else { usize::MAX / 2 + hit.start };
            add(p, score, pos);
        }
    }
    for official in ev.officials {
        if let Some((p, score)) = official_vote(official, ev.date, ev.year, g) {
            add(p, score, official.pos);
        }
    }
    let best = scores
        .iter()
        .filter(|s| s.1 >= MIN_SCORE)
        .max_by_key(|&&(_, score, first)| (score, std::cmp::Reverse(first)));
    let Some(&(p, best_score, _)) = best else {
        return (None, None);
    };
    let in_headline = ev.doc_hits.iter().any(|h| {
        matches!(h.what, Pattern::Province(q) if g.old_name_of(q) == p)
            && h.start < ev.title_end
            && !is_foreign(&ev.doc.text, h.end)
    });
    if !in_headline && national {
        let second = scores.iter().filter(|s| s.0 != p).map(|s| s.1).max().unwrap_or(0);
        // "Uỷ ban Kiểm tra Trung ương đã họp…" and, among its cases, "Huyện
        // uỷ Ba Vì, thành phố Hà Nội": the lead tells whose affairs these are.
        let in_lead = lead_mentions.contains(&p);
        let needed = if in_lead {
            NATIONAL_DOMINANCE
        } else {
            NATIONAL_BODY_DOMINANCE
        };
        if best_score < needed || best_score < 2 * second {
            return (None, None);
        }
    }
    let province = &g.provinces[p];
    let after_merger = match (ev.date, ev.year) {
        (Some(d), _) => d >= merger_day(),
        (None, Some(y)) => y > merger_day().year(),
        _ => false,
    };
    let name = if after_merger || province.era == Era::New {
        province.province_2025.clone()
    } else {
        province.name.clone()
    };
    (Some(name), Some(province.province_2025.clone()))
}

/// The 34 provinces exist from 1 July 2025 (Resolution 202/2025/QH15).
fn merger_day() -> Date {
    Date::from_calendar_date(2025, Month::July, 1).unwrap_or(Date::MIN)
}

/// The weight of one mention, `None` when it does not count.
fn mention_score(text: &str, hit: &Hit, province: &super::gazetteer::Province) -> Option<u32> {
    if is_foreign(text, hit.end) {
        return None;
    }
    let matched = &text[hit.start..hit.end];
    if has_cue(text, hit.start) || matched.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("tp")) {
        return Some(CUE_SCORE);
    }
    // "(Tân Châu, An Giang)", "(Long Biên, Hà Nội)": the press's locator
    // of a place, the province last.
    if text[hit.end..].starts_with(')') && text[..hit.start].ends_with(", ") {
        let opened = text[..hit.start]
            .rfind('(')
            .is_some_and(|open| !text[open..hit.start].contains([')', '\n']));
        if opened && hit.start - text[..hit.start].rfind('(').unwrap_or(0) < 60 {
            return Some(CUE_SCORE);
        }
    }
    if province.needs_cue {
        return None;
    }
    let proper = matched
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| is_capitalised(w) || is_acronym(w));
    if !proper {
        return None;
    }
    if let Some(prev) = word_before(text, hit.start) {
        let glued = &text[prev.end..hit.start] == " ";
        let word = prev.text(text);
        let lower = word.to_ascii_lowercase();
        if glued && (is_capitalised(word) || is_acronym(word) || SMALLER_UNITS.contains(&lower.as_str())) {
            return None;
        }
        // "phố Hải Phòng" is a street; "thành phố Hải Phòng" has its cue.
        if glued && lower == "pho" {
            return None;
        }
    }
    if ends_organisation_name(text, hit.start) {
        return None;
    }
    Some(BARE_SCORE)
}

/// Capitalised first two words of an organisation's name ("Trung tâm",
/// "Công ty"), folded and lower-cased.
const ORGANISATION_HEADS: &[(&str, &str)] = &[
    ("trung", "tam"),
    ("cong", "ty"),
    ("tong", "cong"),
    ("ngan", "hang"),
    ("benh", "vien"),
    ("tap", "doan"),
    ("hoc", "vien"),
    ("dai", "hoc"),
    ("nha", "may"),
    ("nha", "hat"),
    ("nha", "xuat"),
    ("bao", "tang"),
    ("so", "giao"),
    ("hiep", "hoi"),
    ("lien", "doan"),
    ("cau", "lac"),
];

/// Words that end a name and start what is said of it ("Trung tâm đặt
/// tại Hà Nội"): the province after them is a place, not part of the name.
const NAME_BREAKERS: &[&str] = &[
    "tai", "o", "cua", "va", "voi", "den", "tu", "ve", "cho", "tren", "trong", "thuoc", "la", "da", "dang", "se", "co",
    "khu", "vuc", "dia", "ban",
];

/// "Trung tâm giao dịch chứng khoán Hà Nội", "Công ty cổ phần sữa Hà
/// Nội": the province ends an organisation's name written in sentence case,
/// where it says the seat, not the article's place. (Names in title case,
/// "Công an Hà Nội", are caught as glued capitalised words.)
fn ends_organisation_name(text: &str, at: usize) -> bool {
    const MAX_NAME_WORDS: usize = 7;
    let mut end = at;
    let mut words = 0;
    let mut second: Option<Word> = None;
    while let Some(w) = word_before(text, end) {
        if &text[w.end..end] != " " || words > MAX_NAME_WORDS {
            return false;
        }
        let word = w.text(text);
        if is_capitalised(word) {
            let Some(next) = second else {
                return false;
            };
            let pair = (word.to_ascii_lowercase(), next.text(text));
            return ORGANISATION_HEADS.iter().any(|&(a, b)| a == pair.0 && b == pair.1);
        }
        if is_acronym(word)
            || !word.bytes().all(|c| c.is_ascii_lowercase() || c >= 0x80)
            || NAME_BREAKERS.contains(&word)
        {
            return false;
        }
        second = Some(w);
        words += 1;
        end = w.start;
    }
    false
}

/// "tỉnh X", "Tỉnh ủy X", "thành phố X", "TP X", "TP.X", "UBND X".
fn has_cue(text: &str, at: usize) -> bool {
    let Some(prev) = word_before(text, at) else {
        return false;
    };
    if !matches!(&text[prev.end..at], " " | "." | ". ") {
        return false;
    }
    let word = prev.text(text).to_ascii_lowercase();
    match word.as_str() {
        "tinh" | "tp" | "ubnd" | "hdnd" | "ubmttq" => true,
        "uy" | "pho" => {
            let before = word_before(text, prev.start).map(|w| w.text(text).to_ascii_lowercase());
            matches!(
                (word.as_str(), before.as_deref()),
                ("uy", Some("tinh" | "thanh")) | ("pho", Some("thanh"))
            )
        }
        _ => false,
    }
}

/// "Hậu Giang: Hội nghị…": the headline opens with the province.
fn opens_title(text: &str, hit: &Hit) -> bool {
    word_before(text, hit.start).is_none() && matches!(text[hit.end..].trim_start().chars().next(), Some(':' | '-'))
}

/// Followed by a foreign country: ", Trung Quốc", "(Lào)".
fn is_foreign(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let skipped = rest.len() - rest.trim_start_matches([' ', ',', '(']).len();
    if skipped == 0 {
        return false;
    }
    let Some(first) = word_at_or_after(text, end + skipped) else {
        return false;
    };
    if first.start != end + skipped {
        return false;
    }
    let mut phrase = first.text(text).to_ascii_lowercase();
    if let Some(second) = word_at_or_after(text, first.end).filter(|w| &text[first.end..w.start] == " ") {
        let two = format!("{phrase} {}", second.text(text).to_ascii_lowercase());
        if FOREIGN.contains(&two.as_str()) {
            return true;
        }
    }
    phrase.make_ascii_lowercase();
    FOREIGN.contains(&phrase.as_str())
}

/// The province an official's dated post points to: the posts whose title
/// matches one of the roles found with the name and whose term covers the
/// article's date (or year) must all be in one province.
fn official_vote(official: &Found, date: Option<Date>, year: Option<i32>, g: &Gazetteer) -> Option<(usize, u32)> {
    if official.role.is_empty() {
        return None;
    }
    let posts = g.posts_of(&official.name);
    if posts.is_empty() {
        return None;
    }
    let keys: Vec<String> = official
        .role
        .split([',', ';', '-', '–'])
        .map(|part| role_key(g, part))
        .filter(|k| !k.is_empty())
        .collect();
    let undated = date.is_none() && year.is_none();
    let mut province = None;
    for post in posts.iter().filter(|p| keys.contains(&p.key)) {
        if !undated && !covers(post, date, year) {
            continue;
        }
        match province {
            None => province = Some(post.province),
            Some(p) if p == post.province => {}
            Some(_) => return None,
        }
    }
    // Without a date a post proves less: the person may have moved since.
    province.map(|p| (p, if undated { BARE_SCORE } else { OFFICIAL_SCORE }))
}

fn covers(post: &Post, date: Option<Date>, year: Option<i32>) -> bool {
    match (date, year) {
        (Some(d), _) => post.start.is_none_or(|s| s <= d) && post.end.is_none_or(|e| d <= e),
        (None, Some(y)) => post.start.is_none_or(|s| s.year() <= y) && post.end.is_none_or(|e| y <= e.year()),
        (None, None) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::officials;

    fn province_of(text: &str, title_end: usize, date: Option<Date>) -> (Option<String>, Option<String>) {
        let g = Gazetteer::get();
        let doc = Folded::new(text);
        let hits = g.scan(&doc);
        let header = Folded::new("");
        let found = officials::find(&doc, &hits, g);
        let ev = Evidence {
            doc: &doc,
            doc_hits: &hits,
            title_end,
            lead_end: title_end,
            header: &header,
            header_hits: &[],
            officials: &found,
            date,
            year: date.map(|d| d.year()),
        };
        resolve(None, &ev, g)
    }

    fn one(text: &str) -> Option<String> {
        province_of(text, 0, None).0
    }

    fn day(y: i32, m: u8, d: u8) -> Option<Date> {
        Date::from_calendar_date(y, Month::try_from(m).unwrap(), d).ok()
    }

    #[test]
    fn cued_mentions_in_both_tone_styles() {
        assert_eq!(
            one("Sáng 28-12, UBND tỉnh Thanh Hoá đã tổ chức"),
            Some("Thanh Hóa".into())
        );
        assert_eq!(one("Tỉnh ủy Hậu Giang tổ chức Hội nghị"), Some("Hậu Giang".into()));
        assert_eq!(one("tại TP.HCM và TP Hồ Chí Minh"), Some("Hồ Chí Minh".into()));
        assert_eq!(one("Thành phố Hồ Chí Minh"), Some("Hồ Chí Minh".into()));
        assert_eq!(one("tỉnh Hòa Bình"), Some("Hòa Bình".into()));
    }

    #[test]
    fn bare_words_districts_and_people_are_no_province() {
        for text in [
            "vì hòa bình và Hòa bình thế giới",
            "xã Thái Bình, huyện Long An, đường Hải Phòng, phố Hà Nội",
            "phong cách Hồ Chí Minh, Chủ tịch Hồ Chí Minh",
            "Chánh án Nguyễn Hòa Bình",
            "Tỉnh uỷ Thiểm Tây",
            "tỉnh Hà Nam, Trung Quốc",
            "Thái Bình Dương và chiến thắng Điện Biên Phủ",
            "một lần Nghệ An",
        ] {
            assert_eq!(one(text), None, "{text}");
        }
    }

    #[test]
    fn a_leader_named_by_the_province_is_a_cue_but_not_the_president() {
        let headline = |t: &str| province_of(t, t.len(), None).0;
        assert_eq!(headline("Phó Bí thư Hoà Bình kiểm điểm"), Some("Hòa Bình".into()));
        assert_eq!(headline("Nguyên Bí thư Hải Phòng vi phạm"), Some("Hải Phòng".into()));
        assert_eq!(headline("Lãnh đạo viếng Chủ tịch Hồ Chí Minh"), None);
        // In the body it is no cue.
        assert_eq!(one("nguyên Bí thư Hải Phòng"), None);
    }

    #[test]
    fn a_province_ending_an_organisation_s_name_is_its_seat() {
        assert_eq!(
            one("xây dựng Trung tâm giao dịch chứng khoán Hà Nội và Trung tâm giao dịch chứng khoán Hà Nội"),
            None
        );
        // Said of the organisation, the province is a place again.
        assert_eq!(
            one("Trung tâm mới đặt tại Hà Nội, hoạt động ở Hà Nội"),
            Some("Hà Nội".into())
        );
        assert_eq!(one("người dân Hà Nội và Hà Nội"), Some("Hà Nội".into()));
    }

    /// The province of `text` whose lead ends before " Một" (folded " Mot").
    fn with_lead(text: &str) -> Option<String> {
        let g = Gazetteer::get();
        let doc = Folded::new(text);
        let hits = g.scan(&doc);
        let header = Folded::new("");
        let ev = Evidence {
            doc: &doc,
            doc_hits: &hits,
            title_end: 0,
            lead_end: doc.text.find(" Mot").unwrap_or(doc.text.len()),
            header: &header,
            header_hits: &[],
            officials: &[],
            date: None,
            year: None,
        };
        resolve(None, &ev, g).0
    }

    #[test]
    fn a_law_s_debate_is_national() {
        let deputies = "Một: đại biểu Lê Quân (Hà Nội) và đại biểu Dương Minh Ánh (Hà Nội).";
        let debate = format!("Đại biểu Quốc hội thảo luận dự án Luật giáo dục (sửa đổi). {deputies}");
        assert_eq!(with_lead(&debate), None);
        let meeting = format!("Đại biểu Quốc hội tiếp xúc cử tri. {deputies}");
        assert_eq!(with_lead(&meeting), Some("Hà Nội".into()));
    }

    #[test]
    fn a_national_body_s_agenda_item_needs_more_than_two_cues() {
        let of = with_lead;
        let agenda = "Uỷ ban Kiểm tra Trung ương đã họp tại Hà Nội. Một: Huyện uỷ Ba Vì, thành phố Hà Nội vi phạm chỉ đạo của Thành uỷ Hà Nội.";
        assert_eq!(of(agenda), None);
        let led =
            "Uỷ ban Kiểm tra Trung ương kết luận về Thành uỷ Hà Nội. Một: Huyện uỷ Ba Vì, thành phố Hà Nội vi phạm.";
        assert_eq!(of(led), Some("Hà Nội".into()));
        let thrice = format!("{agenda} Thành uỷ Hà Nội.");
        assert_eq!(of(&thrice), Some("Hà Nội".into()));
    }

    #[test]
    fn the_headline_outweighs_a_career_retold() {
        let text = "Tân Bí thư Tỉnh uỷ Hà Giang Đặng Quốc Khánh\nÔng từng là Chủ tịch UBND tỉnh Hà Tĩnh, Phó Bí thư Tỉnh ủy Hà Tĩnh, Trưởng ban tỉnh Hà Tĩnh.";
        assert_eq!(province_of(text, 44, None).0, Some("Hà Giang".into()));
    }

    #[test]
    fn the_most_cited_province_wins() {
        assert_eq!(
            one("tỉnh Hải Dương, tỉnh Hải Dương, Bắc Ninh, tỉnh Hưng Yên"),
            Some("Hải Dương".into())
        );
        assert_eq!(one("Nghệ An và Nghệ An"), Some("Nghệ An".into()));
        // A headline opening with the province.
        assert_eq!(
            province_of("Hậu Giang: Hội nghị\ntỉnh Cà Mau", 10, None).0,
            Some("Hậu Giang".into())
        );
    }

    #[test]
    fn officials_dated_posts_name_the_province() {
        let text = "Đồng chí Nguyễn Đức Thanh, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy chủ trì. Tham dự có đồng chí Trần Quốc Nam, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh.";
        assert_eq!(
            province_of(text, 0, day(2022, 12, 2)),
            (Some("Ninh Thuận".into()), Some("Khánh Hòa".into()))
        );
        // In 2009 neither held those posts.
        assert_eq!(province_of(text, 0, day(2009, 12, 2)), (None, None));
        // A role that does not match the post proves nothing.
        assert_eq!(
            province_of("ông Nguyễn Đức Thanh, Phó Giám đốc Sở", 0, day(2022, 1, 1)),
            (None, None)
        );
    }

    #[test]
    fn named_as_at_the_date_and_after_the_merger() {
        assert_eq!(
            province_of("tỉnh Hải Dương", 0, day(2023, 12, 1)),
            (Some("Hải Dương".into()), Some("Hải Phòng".into()))
        );
        assert_eq!(
            province_of("tỉnh Hải Dương cũ", 0, day(2025, 8, 1)),
            (Some("Hải Phòng".into()), Some("Hải Phòng".into()))
        );
        assert_eq!(
            province_of("thành phố Huế", 0, day(2020, 1, 1)),
            (Some("Thừa Thiên Huế".into()), Some("Huế".into()))
        );
    }

    #[test]
    fn a_given_province_wins_canonicalised() {
        let g = Gazetteer::get();
        let doc = Folded::new("tỉnh Nghệ An");
        let hits = g.scan(&doc);
        let ev = Evidence {
            doc: &doc,
            doc_hits: &hits,
            title_end: 0,
            lead_end: 0,
            header: &doc,
            header_hits: &[],
            officials: &[],
            date: None,
            year: None,
        };
        assert_eq!(
            resolve(Some(" tỉnh Thanh Hoá "), &ev, g),
            (Some("Thanh Hóa".into()), Some("Thanh Hóa".into()))
        );
        assert_eq!(resolve(Some("Vientiane"), &ev, g), (Some("Vientiane".into()), None));
        assert_eq!(resolve(Some("  "), &ev, g).0, Some("Nghệ An".into()));
    }
}
