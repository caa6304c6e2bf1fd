//! The article's date and year.
//!
//! Vietnamese news dates an event in its first sentence, mostly without the
//! year: "Ngày 2/12, …", "Sáng 28-12, …", "… vào sáng ngày 4/1". The year then
//! comes from context:
//!
//! 1. A date given with the input wins.
//! 2. The *lead date* is the first day-month with a cue word (ngày, sáng,
//!    chiều, tối…) in the headline or the first two paragraphs. With a year
//!    it is the date.
//! 3. Without a year, a full date in the page header (an update date such as
//!    "[ Cập nhật vào ngày (30/12/2021) ]") supplies the year only if the
//!    lead day falls within 45 days before it, as a report's event does
//!    before its publication. Portals also print today's date in their header
//!    (seed 004: "23/4/2023" above a report of 1 December 2023), which says
//!    nothing about the article, so a header date that does not fit is
//!    ignored.
//! 4. Otherwise the year comes from the years the text discusses ("năm
//!    2023"): year-end conferences (October to December) review year N and
//!    plan N+1, so with both discussed the year is N; January and February
//!    sessions review N-1 and plan N, so the year is N. Other months take
//!    the most discussed year, if discussed at least twice.
//! 5. Without a lead date, a header date consistent with the years the text
//!    discusses is the date; failing that, a year the lead names and the
//!    text discusses clearly more than any other is the year (no date).

use super::folded::{is_word_char_at, is_word_char_before, word_before};
use tantivy::time::{Date, Month};

/// A day and month found in folded text, with its year when written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayMonth {
    /// Byte offset in the folded text.
    pub pos: usize,
    pub day: u8,
    pub month: u8,
    pub year: Option<i32>,
    /// Preceded by a word that makes it a date ("ngày", "sáng"…) rather than
    /// a fraction or a code ("3/4", "26/27").
    pub cued: bool,
}

impl DayMonth {
    fn with_year(&self, year: i32) -> Option<Date> {
        Date::from_calendar_date(year, Month::try_from(self.month).ok()?, self.day).ok()
    }
}

/// A header date further than this after the lead day is not its publication.
const MAX_PUBLICATION_DELAY_DAYS: i64 = 45;

const FIRST_YEAR: i32 = 1900;
const LAST_YEAR: i32 = 2100;

/// Date and year of an article (see the module docs).
///
/// `doc` is the folded headline and body, `lead_end` the end of its lead
/// (headline and first two paragraphs), `header` the folded dropped lines.
pub fn resolve(given: Option<Date>, doc: &str, lead_end: usize, header: &str) -> (Option<Date>, Option<i32>) {
    if let Some(d) = given {
        return (Some(d), Some(d.year()));
    }
    let lead = find_dates(&doc[..floor_char_boundary(doc, lead_end)])
        .into_iter()
        .find(|d| d.cued);
    let published = find_dates(header)
        .into_iter()
        .find_map(|d| d.year.and_then(|y| d.with_year(y)));
    // Counting the years a text mentions reads all of it: only when needed.
    let years = std::cell::OnceCell::new();
    let years = || years.get_or_init(|| year_mentions(doc, lead_end)).as_slice();

    if let Some(lead) = lead {
        if let Some(y) = lead.year {
            return (lead.with_year(y), Some(y));
        }
        if let Some(p) = published {
            for y in [p.year(), p.year() - 1] {
                if let Some(d) = lead.with_year(y) {
                    let delay = (p - d).whole_days();
                    if (0..=MAX_PUBLICATION_DELAY_DAYS).contains(&delay) {
                        return (Some(d), Some(y));
                    }
                }
            }
        }
        return match infer_year(lead.month, years()) {
            Some(y) => (lead.with_year(y), Some(y)),
            None => (None, None),
        };
    }
    if let Some(p) = published {
        let discussed = |y: i32| years().iter().any(|&(year, _)| year == y);
        if years().is_empty() || discussed(p.year()) || discussed(p.year() - 1) {
            return (Some(p), Some(p.year()));
        }
    }
    // No date at all: a year only if the lead names it and the text
    // discusses it more than any other ("Mậu Thân năm 1968" in the body of
    // a 2018 commemoration dates nothing).
    let lead_years = year_mentions(&doc[..floor_char_boundary(doc, lead_end)], 0);
    let year = dominant_year(years()).filter(|y| lead_years.iter().any(|&(l, _)| l == *y));
    (None, year)
}

/// The end of the first `lines` non-empty lines of `text` (the headline and
/// the first paragraphs: where an article dates its event).
pub fn lead_end(text: &str, lines: usize) -> usize {
    let mut seen = 0;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        at += line.len();
        if !line.trim().is_empty() {
            seen += 1;
            if seen == lines {
                break;
            }
        }
    }
    at
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The year of a day-month from the years the text discusses.
fn infer_year(month: u8, years: &[(i32, u32)]) -> Option<i32> {
    let count = |y: i32| years.iter().find(|&&(year, _)| year == y).map_or(0, |&(_, n)| n);
    if month >= 10 || month <= 2 {
        // The best-discussed pair of consecutive years: review and plan.
        let pair = years
            .iter()
            .filter(|&&(y, n)| n > 0 && count(y + 1) > 0)
            .max_by_key(|&&(y, n)| (n + count(y + 1), y))
            .map(|&(y, _)| y);
        if let Some(y) = pair {
            return Some(if month >= 10 { y } else { y + 1 });
        }
    }
    // A single mention ("từ năm 1958") is too little to date an article.
    years
        .iter()
        .filter(|&&(_, n)| n >= 2)
        .max_by_key(|&&(y, n)| (n, y))
        .map(|&(y, _)| y)
}

/// A year discussed at least twice and more than any other.
fn dominant_year(years: &[(i32, u32)]) -> Option<i32> {
    let mut sorted: Vec<(i32, u32)> = years.to_vec();
    sorted.sort_by_key(|&(y, n)| std::cmp::Reverse((n, y)));
    match sorted[..] {
        [(y, n), ..] if n >= 2 && sorted.get(1).is_none_or(|&(_, m)| m < n) => Some(y),
        _ => None,
    }
}

/// Words after which a day-month is a date: ngày, sáng, chiều, tối, trưa,
/// đêm, hôm (nay), khuya, rạng (sáng).
const DATE_CUES: &[&str] = &["ngay", "sang", "chieu", "toi", "trua", "dem", "hom", "nay", "khuya"];

/// Day names after "thứ" (thứ Hai … thứ Bảy) and "Chủ nhật".
const WEEKDAYS: &[&str] = &["hai", "ba", "tu", "nam", "sau", "bay"];

/// Every day-month ("28/12", "28-12", "30/12/2021", "28 tháng 12 năm 2021")
/// in folded text, in order.
pub fn find_dates(f: &str) -> Vec<DayMonth> {
    let b = f.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && (is_word_char_before(f, i) || is_joiner_before(b, i))) {
            i += 1;
            continue;
        }
        let start = i;
        let (day, after_day) = number(b, i);
        i = after_day.max(i + 1);
        let Some(day) = day.filter(|d| (1..=31).contains(d) && after_day - start <= 2) else {
            continue;
        };
        if let Some(dm) = numeric_rest(f, after_day).or_else(|| spelled_rest(f, after_day)) {
            let (month, year, end) = dm;
            out.push(DayMonth {
                pos: start,
                day: day as u8,
                month,
                year,
                cued: is_cued(f, start),
            });
            i = end;
        }
    }
    out
}

/// "/12", "/12/2021", "-12", ".12.2021" after a day: (month, year, end).
fn numeric_rest(f: &str, at: usize) -> Option<(u8, Option<i32>, usize)> {
    let b = f.as_bytes();
    let sep = *b.get(at)?;
    if !matches!(sep, b'/' | b'-' | b'.') {
        return None;
    }
    let (month, after_month) = number(b, at + 1);
    let month = month.filter(|m| (1..=12).contains(m) && after_month - at - 1 <= 2)?;
    if b.get(after_month) == Some(&sep) {
        let (year, after_year) = number(b, after_month + 1);
        let year = year.filter(|_| after_year - after_month - 1 == 4)?;
        if !(FIRST_YEAR as u32..=LAST_YEAR as u32).contains(&year) || continues_code(f, after_year) {
            return None;
        }
        return Some((month as u8, Some(year as i32), after_year));
    }
    if continues_code(f, after_month) {
        return None;
    }
    Some((month as u8, None, after_month))
}

/// " tháng 12" and " tháng 12 năm 2021" after a day.
fn spelled_rest(f: &str, at: usize) -> Option<(u8, Option<i32>, usize)> {
    let b = f.as_bytes();
    let rest = b.get(at..)?;
    if rest.len() < 8 || !rest[..7].eq_ignore_ascii_case(b" thang ") {
        return None;
    }
    let (month, after_month) = number(b, at + 7);
    let month = month.filter(|m| (1..=12).contains(m) && after_month - at - 7 <= 2)?;
    let tail = &b[after_month..];
    if tail.len() >= 9 && tail[..5].eq_ignore_ascii_case(b" nam ") {
        let (year, after_year) = number(b, after_month + 5);
        if let Some(y) =
            year.filter(|y| after_year - after_month - 5 == 4 && (FIRST_YEAR as u32..=LAST_YEAR as u32).contains(y))
        {
            return Some((month as u8, Some(y as i32), after_year));
        }
    }
    if is_word_char_at(f, after_month) {
        return None;
    }
    Some((month as u8, None, after_month))
}

/// A decimal number of up to 9 digits at `at`, and where it ends.
fn number(b: &[u8], at: usize) -> (Option<u32>, usize) {
    let mut end = at;
    let mut value: u32 = 0;
    while end < b.len() && b[end].is_ascii_digit() && end - at < 9 {
        value = value * 10 + u32::from(b[end] - b'0');
        end += 1;
    }
    if end == at {
        (None, at)
    } else {
        (Some(value), end)
    }
}

/// "1.000", "2/3/4", "12-CT": the number goes on as a code or a longer number.
fn continues_code(f: &str, at: usize) -> bool {
    let b = f.as_bytes();
    if is_word_char_at(f, at) {
        return true;
    }
    matches!(b.get(at), Some(b'/' | b'-' | b'.' | b',')) && b.get(at + 1).is_some_and(|c| c.is_ascii_alphanumeric())
}

/// A number glued to a code before it ("ĐA/12", "3.200", "1,5").
fn is_joiner_before(b: &[u8], i: usize) -> bool {
    i >= 2 && matches!(b[i - 1], b'/' | b'-' | b'.' | b',') && b[i - 2].is_ascii_alphanumeric()
}

/// Is the word before `at` a date cue ("Sáng 28-12", "ngày (30/12/2021)",
/// "thứ Hai, 4/1")?
fn is_cued(f: &str, at: usize) -> bool {
    let Some(w) = word_before(f, at) else {
        return false;
    };
    // Only spaces, "(" and "," may stand between the cue and the date.
    if !f[w.end..at].bytes().all(|c| matches!(c, b' ' | b'(' | b',')) {
        return false;
    }
    let word = w.text(f).to_ascii_lowercase();
    let before = word_before(f, w.start).map(|p| p.text(f).to_ascii_lowercase());
    if DATE_CUES.contains(&word.as_str()) || word == "cn" {
        // "sinh ngày 2/2/1917", "hy sinh ngày 24/7/1968": a life's dates,
        // not the event's.
        return !(word == "ngay" && before.as_deref() == Some("sinh"));
    }
    match before.as_deref() {
        Some("thu") => WEEKDAYS.contains(&word.as_str()),
        Some("chu") => word == "nhat",
        _ => false,
    }
}

/// Years the text discusses, with how often: "năm 2023", "tháng 11/2023",
/// "quý I/2024". Targets ("đến năm 2030"), ranges ("năm 2021-2025") and
/// full dates (often of older documents) do not count. A mention in the lead
/// (before `lead_end`), which tells the event, counts twice.
pub fn year_mentions(f: &str, lead_end: usize) -> Vec<(i32, u32)> {
    let b = f.as_bytes();
    let mut counts: Vec<(i32, u32)> = Vec::new();
    let mut i = 0;
    while let Some(digit) = next_digit(b, i) {
        i = digit;
        if i + 4 > b.len() {
            break;
        }
        if is_word_char_before(f, i) {
            i += 1;
            continue;
        }
        let (value, end) = number(b, i);
        let start = i;
        i = end.max(i + 1);
        let Some(year) = value.filter(|_| end - start == 4).map(|v| v as i32) else {
            continue;
        };
        if !(FIRST_YEAR..=LAST_YEAR).contains(&year) || is_word_char_at(f, end) {
            continue;
        }
        // A range: "2021-2025", "2022 - 2025".
        let rest = &b[end..];
        let skip_spaces = rest.iter().take_while(|&&c| c == b' ').count();
        if rest.get(skip_spaces) == Some(&b'-') {
            continue;
        }
        if counts_as_discussed(f, start) {
            let weight = if start < lead_end { 2 } else { 1 };
            match counts.iter_mut().find(|(y, _)| *y == year) {
                Some((_, n)) => *n += weight,
                None => counts.push((year, weight)),
            }
        }
    }
    counts
}

/// The first ASCII digit at or after `from`. Prose has few: most 16-byte
/// blocks are passed over with one (vectorised) test.
fn next_digit(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(block) = b.get(i..i + 16) {
        if block.iter().fold(false, |any, c| any | c.is_ascii_digit()) {
            break;
        }
        i += 16;
    }
    b.get(i..)?.iter().position(u8::is_ascii_digit).map(|p| i + p)
}

fn counts_as_discussed(f: &str, start: usize) -> bool {
    let b = f.as_bytes();
    if start >= 1 && b[start - 1] == b'/' {
        // "tháng 11/2023", "quý I/2024"; not "30/12/2021" (a full date).
        let Some(w) = word_before(f, start - 1) else {
            return false;
        };
        if w.end != start - 1 {
            return false;
        }
        let is_month = w.text(f).bytes().all(|c| c.is_ascii_digit());
        let unit = word_before(f, w.start).map(|u| u.text(f).to_ascii_lowercase());
        return match unit.as_deref() {
            Some("thang") => is_month,
            Some("quy") => !is_month,
            _ => false,
        };
    }
    let Some(w) = word_before(f, start) else {
        return false;
    };
    if !f[w.end..start].bytes().all(|c| c == b' ') || !w.text(f).eq_ignore_ascii_case("nam") {
        return false;
    }
    // "đến năm 2030", "tới năm 2045", "tầm nhìn năm 2050": targets;
    // "từ năm 2025", "trước năm 2030", "sau năm 1975": points of reference;
    // "sinh năm 1982": a birth year.
    let before = word_before(f, w.start).map(|p| p.text(f).to_ascii_lowercase());
    if matches!(
        before.as_deref(),
        Some("den" | "toi" | "nhin" | "tu" | "sinh" | "truoc" | "sau")
    ) {
        return false;
    }
    // "Bộ luật Hình sự năm 1999", "Hiến pháp năm 2013": the year names a law.
    let mut at = w.start;
    for _ in 0..4 {
        let Some(prev) = word_before(f, at) else {
            break;
        };
        let word = prev.text(f).to_ascii_lowercase();
        if word == "luat" || word == "phap" {
            return false;
        }
        at = prev.start;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::folded::Folded;

    fn dates(text: &str) -> Vec<(u8, u8, Option<i32>, bool)> {
        find_dates(&Folded::new(text).text)
            .into_iter()
            .map(|d| (d.day, d.month, d.year, d.cued))
            .collect()
    }

    fn date(y: i32, m: u8, d: u8) -> Date {
        Date::from_calendar_date(y, Month::try_from(m).unwrap(), d).unwrap()
    }

    fn run(text: &str, header: &str) -> (Option<Date>, Option<i32>) {
        let doc = Folded::new(text).text;
        resolve(None, &doc, lead_end(&doc, 3), &Folded::new(header).text)
    }

    #[test]
    fn finds_cued_day_months_in_every_spelling() {
        assert_eq!(dates("Ngày 28/12, tại"), [(28, 12, None, true)]);
        assert_eq!(dates("Sáng 28-12, UBND"), [(28, 12, None, true)]);
        assert_eq!(dates("vào sáng ngày 4/1."), [(4, 1, None, true)]);
        assert_eq!(
            dates("[ Cập nhật vào ngày (30/12/2021) ]"),
            [(30, 12, Some(2021), true)]
        );
        assert_eq!(dates("Chiều 5.6.2020"), [(5, 6, Some(2020), true)]);
        assert_eq!(dates("ngày 28 tháng 12 năm 2021"), [(28, 12, Some(2021), true)]);
        assert_eq!(dates("Thứ Hai, 4/1"), [(4, 1, None, true)]);
        assert_eq!(dates("23/4/2023 | English"), [(23, 4, Some(2023), false)]);
        assert_eq!(dates("(sinh ngày 2/2/1917)"), [(2, 2, Some(1917), false)]);
    }

    #[test]
    fn ignores_codes_ratios_and_numbers() {
        assert_eq!(dates("vượt 26/27 nghị quyết, 25/30 nội dung"), []);
        assert_eq!(dates("Đề án số 02-ĐA/TU, Chỉ thị 19-CT/TW"), []);
        assert_eq!(dates("tăng 8,5%, 1,5 ngày, 3.200 tỷ, 2020-2025"), []);
        assert_eq!(dates("tỷ lệ 3/4"), [(3, 4, None, false)]);
        assert_eq!(dates("32/12 và 12/13 và 1/2/3/4"), []);
        assert_eq!(dates("29.12.21.1.jpg"), []);
    }

    #[test]
    fn finds_every_digit_across_blocks() {
        let text = "x".repeat(40) + "7" + &"y".repeat(15) + "12";
        let b = text.as_bytes();
        let naive = |from: usize| (from..b.len()).find(|&i| b[i].is_ascii_digit());
        for from in 0..=b.len() {
            assert_eq!(next_digit(b, from), naive(from), "from {from}");
        }
    }

    #[test]
    fn counts_discussed_years_but_not_targets_ranges_or_dates() {
        let f = Folded::new(
            "năm 2022; năm 2023, tháng 11/2023, quý I/2024, đến năm 2030, tầm nhìn đến năm 2050, nhiệm kỳ 2020-2025, năm 2021 - 2025, ngày 15/8/2021, Quý Mão 2023, sinh năm 1982, từ năm 2025, Bộ luật Hình sự năm 1999, Hiến pháp năm 2013, trước năm 2030, sau năm 1975",
        )
        .text;
        assert_eq!(year_mentions(&f, 0), [(2022, 1), (2023, 2), (2024, 1)]);
        assert_eq!(year_mentions(&f, 10), [(2022, 2), (2023, 2), (2024, 1)]);
    }

    #[test]
    fn a_given_date_wins() {
        let d = date(2020, 5, 1);
        assert_eq!(resolve(Some(d), "Ngày 2/12 năm 2022", 100, ""), (Some(d), Some(2020)));
    }

    #[test]
    fn year_end_conferences_belong_to_the_year_reviewed() {
        let text = "Ngày 2/12, hội nghị đánh giá nhiệm vụ năm 2022; đề ra nhiệm vụ năm 2023. Năm 2023, năm 2023.";
        assert_eq!(run(text, ""), (Some(date(2022, 12, 2)), Some(2022)));
    }

    #[test]
    fn january_sessions_belong_to_the_year_planned() {
        let text = "Hội nghị tổng kết năm 2023 và xây dựng Nghị quyết năm 2024 bế mạc sáng ngày 4/1.";
        assert_eq!(run(text, ""), (Some(date(2024, 1, 4)), Some(2024)));
    }

    #[test]
    fn other_months_take_the_most_discussed_year() {
        assert_eq!(
            run("Ngày 5/6, năm 2019 và năm 2019, năm 2020.", ""),
            (Some(date(2019, 6, 5)), Some(2019))
        );
        assert_eq!(run("Ngày 5/6, không năm nào.", ""), (None, None));
        assert_eq!(
            run("Tin\nNgày 22/5, Obama đến.\nHai.\nBác ở đây từ năm 1958.", ""),
            (None, None)
        );
        // A year in the lead counts twice.
        assert_eq!(
            run("Ngày 5/6, tổng kết năm 2019.", ""),
            (Some(date(2019, 6, 5)), Some(2019))
        );
    }

    #[test]
    fn a_header_date_completes_the_lead_only_when_it_fits() {
        // Published two days after the event.
        assert_eq!(
            run("Ngày 28/12, hội nghị năm 2022.", "(30/12/2021)"),
            (Some(date(2021, 12, 28)), Some(2021))
        );
        // Across the new year.
        assert_eq!(
            run("Ngày 30/12, hội nghị.", "Cập nhật 2/1/2022"),
            (Some(date(2021, 12, 30)), Some(2021))
        );
        // A portal's "today" in April says nothing about a December report.
        assert_eq!(
            run(
                "Sáng 1/12, hội nghị: năm 2024 là năm quan trọng; năm 2023 đã qua; năm 2024.",
                "23/4/2023 | English"
            ),
            (Some(date(2023, 12, 1)), Some(2023))
        );
    }

    #[test]
    fn without_a_lead_a_consistent_header_date_or_a_dominant_year() {
        assert_eq!(
            run("Hội nghị năm 2021.", "(30/12/2021)"),
            (Some(date(2021, 12, 30)), Some(2021))
        );
        // An inconsistent header date gives way to the year the lead names.
        assert_eq!(run("Hội nghị năm 2010.", "(30/12/2021)"), (None, Some(2010)));
        assert_eq!(run("năm 2018, năm 2018, năm 2017", ""), (None, Some(2018)));
        assert_eq!(
            run("Tiêu đề\nMột.\nHai.\nChiến dịch năm 1968, năm 1968.", ""),
            (None, None)
        );
        assert_eq!(run("năm 2018, năm 2017", ""), (None, None));
        // A full date later in the text is a document's, not the article's.
        assert_eq!(
            run(
                "Tiêu đề\nMột.\n\nHai.\nThực hiện Đề án ngày 15/8/2021 của Ban Thường vụ.",
                ""
            ),
            (None, None)
        );
    }

    #[test]
    fn an_impossible_day_gives_the_year_only() {
        assert_eq!(run("Ngày 29/2, năm 2023 và năm 2023.", ""), (None, Some(2023)));
    }
}
