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

use super::folded::{is_word_char_at, is_word_char_before, word_at_or_after, word_before};
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

/// How precisely an article's date is known. The stored date is the first
/// day of the period (2017-01-01 for "2017"), so sorting, date filters and
/// the year facet all read the same value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Precision {
    /// The day.
    Day,
    /// The month only.
    Month,
    /// The year only.
    Year,
}

impl Precision {
    /// `day`, `month` or `year`.
    pub fn name(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Year => "year",
        }
    }

    /// The precision [`Precision::name`] names.
    pub fn from_name(name: &str) -> Option<Precision> {
        [Precision::Day, Precision::Month, Precision::Year]
            .into_iter()
            .find(|p| p.name() == name)
    }

    /// The last day of the period at this precision that starts on `first`
    /// (a date known to the month or year is stored as its first day).
    pub fn last_day(self, first: Date) -> Date {
        let last = match self {
            Precision::Day => Ok(first),
            Precision::Month => first.replace_day(first.month().length(first.year())),
            Precision::Year => Date::from_calendar_date(first.year(), Month::December, 31),
        };
        last.unwrap_or(first)
    }

    /// `date` (the first day of its period) in ISO 8601 at this precision.
    pub fn iso(self, date: Date) -> String {
        match self {
            Precision::Day => date.to_string(),
            Precision::Month => format!("{:04}-{:02}", date.year(), u8::from(date.month())),
            Precision::Year => format!("{:04}", date.year()),
        }
    }
}

/// Where an article's date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateSource {
    /// The input gave it (a JSONL date field, a page header's date).
    Given,
    /// Read from the article's dateline or lead.
    Text,
}

impl DateSource {
    /// `given` or `text`.
    pub fn name(self) -> &'static str {
        match self {
            DateSource::Given => "given",
            DateSource::Text => "text",
        }
    }
}

/// An article's date: the first day of the period, how precise, from where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArticleDate {
    /// The day, or the first day of the month or year.
    pub date: Date,
    /// Day, month or year.
    pub precision: Precision,
    /// Given or read from the text.
    pub source: DateSource,
}

impl ArticleDate {
    /// ISO 8601 at its precision: "2017-11-08", "2017-11", "2017".
    pub fn iso(&self) -> String {
        self.precision.iso(self.date)
    }
}

/// The dates an article can plausibly have: none before `earliest_year`,
/// none after `latest` (the day of indexing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateWindow {
    /// The first year a date may have.
    pub earliest_year: i32,
    /// The last day a date may have; `None` for no limit.
    pub latest: Option<Date>,
}

/// Default of [`DateWindow::earliest_year`]: the news corpora tracuu serves
/// report on the Democratic Republic and after; earlier years in them are
/// history, not publication dates.
pub const EARLIEST_YEAR: i32 = 1945;

impl Default for DateWindow {
    fn default() -> Self {
        DateWindow {
            earliest_year: EARLIEST_YEAR,
            latest: None,
        }
    }
}

impl DateWindow {
    fn admits(&self, date: &ArticleDate) -> bool {
        date.date.year() >= self.earliest_year && self.latest.is_none_or(|latest| date.date <= latest)
    }
}

/// The date of an article, or `None` when it has no plausible one (see the
/// module docs): a given date outside `window` gives way to the text's.
/// Prefer no date to a wrong one.
pub fn resolve(
    given: Option<Date>,
    doc: &str,
    lead_end: usize,
    header: &str,
    window: &DateWindow,
) -> Option<ArticleDate> {
    let given = given.map(|date| ArticleDate {
        date,
        precision: Precision::Day,
        source: DateSource::Given,
    });
    if let Some(given) = given.filter(|d| window.admits(d)) {
        return Some(given);
    }
    let (date, year, source) = resolve_parts(doc, lead_end, header);
    let found = match (date, year) {
        (Some(date), _) => ArticleDate {
            date,
            precision: Precision::Day,
            source,
        },
        (None, Some(year)) => ArticleDate {
            date: Date::from_calendar_date(year, Month::January, 1).ok()?,
            precision: Precision::Year,
            source,
        },
        (None, None) => return None,
    };
    window.admits(&found).then_some(found)
}

/// A header date further than this after the lead day is not its publication.
const MAX_PUBLICATION_DELAY_DAYS: i64 = 45;

const FIRST_YEAR: i32 = 1900;
const LAST_YEAR: i32 = 2100;

/// Date and year of an article (see the module docs).
///
/// `doc` is the folded headline and body, `lead_end` the end of its lead
/// (headline and first two paragraphs), `header` the folded dropped lines.
fn resolve_parts(doc: &str, lead_end: usize, header: &str) -> (Option<Date>, Option<i32>, DateSource) {
    // Counting the years a text mentions reads all of it: only when
    // needed, and once.
    let counted = std::cell::OnceCell::new();
    let years = || counted.get_or_init(|| year_mentions(doc, lead_end)).as_slice();
    let (date, year, source) = resolve_unchecked(doc, lead_end, header, &years);
    // A text that discusses a later year as its present ("năm 2005" in a
    // report dated "23-9" of 1945) is not from the year found: no date
    // rather than a background one.
    let Some(y) = year.filter(|_| source == DateSource::Text) else {
        return (date, year, source);
    };
    match years().iter().map(|&(discussed, _)| discussed).max() {
        Some(latest) if latest > y + 1 => (None, None, source),
        _ => (date, year, source),
    }
}

fn resolve_unchecked<'y>(
    doc: &str,
    lead_end: usize,
    header: &str,
    years: &dyn Fn() -> &'y [(i32, u32)],
) -> (Option<Date>, Option<i32>, DateSource) {
    use DateSource::{Given, Text};
    let lead = find_dates(&doc[..floor_char_boundary(doc, lead_end)])
        .into_iter()
        .find(|d| d.cued);
    let published = find_dates(header)
        .into_iter()
        .find_map(|d| d.year.and_then(|y| d.with_year(y)));

    if let Some(lead) = lead {
        if let Some(y) = lead.year {
            return (lead.with_year(y), Some(y), Text);
        }
        // "ngày 17-6, …" in the lead and "17-6-2018" further on: the same day.
        // The latest such year: an anniversary's "(23.9.1945 – 23.9.2005)"
        // names the first event too.
        let later = (find_dates(doc).into_iter())
            .filter(|d| d.day == lead.day && d.month == lead.month)
            .filter_map(|d| d.year)
            .max();
        if let Some(y) = later {
            return (lead.with_year(y), Some(y), Text);
        }
        if let Some(p) = published {
            for y in [p.year(), p.year() - 1] {
                if let Some(d) = lead.with_year(y) {
                    let delay = (p - d).whole_days();
                    if (0..=MAX_PUBLICATION_DELAY_DAYS).contains(&delay) {
                        return (Some(d), Some(y), Text);
                    }
                }
            }
        }
        // A year inferred from the years discussed must also stand in the
        // lead: a text reviewing 2017 at length but dated "ngày 5/6" in a
        // later year says nothing of which June it is.
        // Any year the lead writes counts here, a target's included ("đến
        // hết quý 1/2015" in a December report): it only confirms a year
        // already inferred. A year-end session reviews N and plans N + 1, a
        // January one the other way round: the lead may name either.
        let lead_years = written_years(&doc[..floor_char_boundary(doc, lead_end)]);
        let named = |y: i32| lead_years.contains(&y);
        let in_lead = |y: &i32| named(*y) || (lead.month >= 10 && named(y + 1)) || (lead.month <= 2 && named(y - 1));
        return match infer_year(lead.month, years()).filter(in_lead) {
            Some(y) => (lead.with_year(y), Some(y), Text),
            None => (None, None, Text),
        };
    }
    if let Some(p) = published {
        let discussed = |y: i32| years().iter().any(|&(year, _)| year == y);
        if years().is_empty() || discussed(p.year()) || discussed(p.year() - 1) {
            return (Some(p), Some(p.year()), Given);
        }
    }
    // No date at all: a year only if the lead names it and the text
    // discusses it more than any other ("Mậu Thân năm 1968" in the body of
    // a 2018 commemoration dates nothing).
    // Nor a year only foretold: "năm 2004, thị trường sẽ…" in an interview
    // of late 2003 says what the year will bring, not when the text is from.
    let present = count_years(doc, lead_end, Forecasts::Skip);
    let lead_years = count_years(&doc[..floor_char_boundary(doc, lead_end)], 0, Forecasts::Skip);
    let year = dominant_year(&present).filter(|y| lead_years.iter().any(|&(l, _)| l == *y));
    (None, year, Text)
}

/// The end of the lead of `text` (the headline and the first paragraphs:
/// where an article dates its event): the first `lines` non-empty lines,
/// cut after `sentences` sentences of the text after the headline.
pub fn lead_end(text: &str, lines: usize, sentences: usize) -> usize {
    let mut seen = 0;
    let mut at = 0;
    let mut sentences_left = sentences;
    for line in text.split_inclusive('\n') {
        // A subheading ("Không đạt kế hoạch") or a photo credit opening the
        // body is no paragraph: the lead goes on to the one that tells.
        if !line.trim().is_empty() && (seen == 0 || !is_subheading(line)) {
            seen += 1;
            if seen > 1 {
                if let Some(end) = sentence_end(line, sentences_left) {
                    return at + end;
                }
                sentences_left -= sentence_count(line);
            }
        }
        at += line.len();
        if seen == lines {
            break;
        }
    }
    at
}

/// A line of a few words that ends without a stop: a subheading, a
/// caption's credit, not a sentence.
fn is_subheading(line: &str) -> bool {
    const MAX_WORDS: usize = 8;
    let line = line.trim();
    let words = line.split_whitespace().count();
    let ends_sentence = line.ends_with(['.', '?', '!', ':', ';', '"', '\'', ')', '”', '…']);
    words <= MAX_WORDS && !ends_sentence
}

/// Where the `n`th sentence of `line` ends, if it has that many and more
/// text follows: a full stop, "?" or "!" followed by a capital or a digit
/// (with or without a space: pasted texts glue sentences, "HIV/AIDS.Dự án").
fn sentence_end(line: &str, n: usize) -> Option<usize> {
    let b = line.as_bytes();
    let mut count = 0;
    for i in 0..b.len() {
        if !matches!(b[i], b'.' | b'?' | b'!') {
            continue;
        }
        let next = b[i + 1..].iter().position(|&c| c != b' ').map(|p| i + 1 + p);
        let starts_sentence = next.is_some_and(|j| b[j].is_ascii_uppercase() || (b[j].is_ascii_digit() && j > i + 1));
        // "TP. HCM", "Q. Phú Nhuận", "ông A. Nguyễn": a capitalised word of one or two
        // letters before the stop is an abbreviation.
        let word = &b[i - b[..i].iter().rev().take_while(|c| c.is_ascii_alphabetic()).count()..i];
        let abbreviation = word.len() == 1 || (word.len() == 2 && word[0].is_ascii_uppercase());
        if starts_sentence && !abbreviation {
            count += 1;
            if count == n {
                return Some(i + 1);
            }
        }
    }
    None
}

/// How many sentence ends `line` has (as [`sentence_end`] counts them).
fn sentence_count(line: &str) -> usize {
    (1..).find(|&n| sentence_end(line, n).is_none()).map_or(0, |n| n - 1)
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
    // "13-7 - 2018": the year after a spaced separator.
    let spaced = |i: usize| {
        let j = i + b.get(i..)?.iter().take_while(|&&c| c == b' ').count();
        let k = j + 1 + b.get(j + 1..)?.iter().take_while(|&&c| c == b' ').count();
        (j > i && b.get(j) == Some(&sep) && k > j + 1).then_some(k)
    };
    if let Some(year_at) = spaced(after_month) {
        let (year, after_year) = number(b, year_at);
        if let Some(y) =
            year.filter(|y| after_year - year_at == 4 && (FIRST_YEAR as u32..=LAST_YEAR as u32).contains(y))
        {
            if !continues_code(f, after_year) {
                return Some((month as u8, Some(y as i32), after_year));
            }
        }
    }
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
    // The last day of a list: "ngày 17 và 19-1-2006", "ngày 17, 18 và 19/1".
    if word == "va" || word.bytes().all(|c| c.is_ascii_digit()) {
        let mut at = w.start;
        for _ in 0..6 {
            let Some(prev) = word_before(f, at) else { break };
            let text = prev.text(f).to_ascii_lowercase();
            if text == "ngay" {
                return true;
            }
            if !(text == "va" || text.bytes().all(|c| c.is_ascii_digit())) {
                break;
            }
            at = prev.start;
        }
    }
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
    count_years(f, lead_end, Forecasts::Count)
}

/// Whether [`count_years`] counts a year the text foretells ("năm 2024
/// sẽ…"). A dated lead's year is inferred from review and plan together
/// (a year-end meeting plans N + 1), so there they count.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Forecasts {
    Count,
    Skip,
}

/// [`year_mentions`], forecasts counted or not.
fn count_years(f: &str, lead_end: usize, forecasts: Forecasts) -> Vec<(i32, u32)> {
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
        // A range: "2021-2025", "2022 - 2025", unless it is an
        // anniversary's, whose last year is the event's: "kỷ niệm 50 năm
        // (1969 - 2019)".
        let rest = &b[end..];
        let skip_spaces = rest.iter().take_while(|&&c| c == b' ').count();
        if rest.get(skip_spaces) == Some(&b'-') {
            if let Some((last, last_end)) = anniversary_end(f, start, end + skip_spaces + 1) {
                let weight = if start < lead_end { 2 } else { 1 };
                match counts.iter_mut().find(|(y, _)| *y == last) {
                    Some((_, n)) => *n += weight,
                    None => counts.push((last, weight)),
                }
                i = last_end;
            }
            continue;
        }
        let skipped = forecasts == Forecasts::Skip && is_forecast(f, end);
        if !skipped && counts_as_discussed(f, start) {
            let weight = if start < lead_end { 2 } else { 1 };
            match counts.iter_mut().find(|(y, _)| *y == year) {
                Some((_, n)) => *n += weight,
                None => counts.push((year, weight)),
            }
        }
    }
    counts
}

/// "năm 2004, thị trường sẽ có…", "trong năm 2004 sẽ đạt": "sẽ" (will)
/// among the next words of the sentence makes the year a forecast.
fn is_forecast(f: &str, year_end: usize) -> bool {
    const WORDS_AHEAD: usize = 8;
    let mut at = year_end;
    let mut previous = "";
    for _ in 0..WORDS_AHEAD {
        let Some(w) = word_at_or_after(f, at) else {
            return false;
        };
        if f[at..w.start].contains(['.', '?', '!', '\n']) {
            return false;
        }
        let word = w.text(f);
        // Folded, "sẻ" of "chia sẻ" (share) reads "se" too.
        if word.eq_ignore_ascii_case("se") && !matches!(previous, "chia" | "san") {
            return true;
        }
        previous = word;
        at = w.end;
    }
    false
}

/// The last year of "(1969 - 2019)" when "kỷ niệm" (anniversary) stands
/// in the dozen words before the bracket: (year, where it ends).
fn anniversary_end(f: &str, first_start: usize, after_dash: usize) -> Option<(i32, usize)> {
    let b = f.as_bytes();
    if first_start == 0 || b[first_start - 1] != b'(' {
        return None;
    }
    let at = after_dash + b.get(after_dash..)?.iter().take_while(|&&c| c == b' ').count();
    let (year, end) = number(b, at);
    let year = year.filter(|_| end - at == 4 && b.get(end) == Some(&b')'))? as i32;
    let mut words_at = first_start - 1;
    for _ in 0..12 {
        let w = word_before(f, words_at)?;
        if w.text(f).eq_ignore_ascii_case("niem")
            && word_before(f, w.start).is_some_and(|k| k.text(f).eq_ignore_ascii_case("ky"))
        {
            return Some((year, end));
        }
        words_at = w.start;
    }
    None
}

/// Every four-digit number in the range of years that `f` writes as a
/// word of its own (or after "/": "quý 1/2015"), whatever its role.
fn written_years(f: &str) -> Vec<i32> {
    let b = f.as_bytes();
    let mut years = Vec::new();
    let mut i = 0;
    while let Some(digit) = next_digit(b, i) {
        let (value, end) = number(b, digit);
        let alone = !is_word_char_before(f, digit) && !is_word_char_at(f, end);
        if let Some(year) = value.filter(|_| end - digit == 4 && alone).map(|v| v as i32) {
            if (FIRST_YEAR..=LAST_YEAR).contains(&year) {
                years.push(year);
            }
        }
        i = end.max(digit + 1);
    }
    years
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

/// A year that names the season of an event: "Tết Mậu Tuất 2018", "kỳ
/// thi THPT quốc gia 2019" (not "Quý Mão 2023" alone, a greeting's).
fn names_a_season(f: &str, start: usize) -> bool {
    let mut words = Vec::new();
    let mut at = start;
    for _ in 0..5 {
        let Some(w) = word_before(f, at) else { break };
        words.push(w.text(f).to_ascii_lowercase());
        at = w.start;
    }
    let tet = words.get(2).is_some_and(|w| w == "tet");
    let exam = words.windows(2).any(|pair| pair[0] == "thi" && pair[1] == "ky");
    tet || exam
}

/// Last words of a life's or an institution's milestone before its year
/// ("sinh năm", "lên ngôi năm", "thành lập năm", "ra đời năm", "qua đời
/// năm", "tốt nghiệp năm"): background, not the article's event.
fn is_milestone(word: &str) -> bool {
    matches!(word, "sinh" | "ngoi" | "lap" | "doi" | "mat" | "nghiep")
}

/// Words before a month or year that make it a point of reference, not
/// the time of the event: từ, đến, tới, trước, sau.
fn is_reference_point(word: &str) -> bool {
    matches!(word, "den" | "toi" | "tu" | "truoc" | "sau")
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
        let Some(unit) = word_before(f, w.start) else {
            return false;
        };
        // "từ tháng 6/2003", "đến tháng 3/2019": points of reference, as
        // with "từ năm".
        if word_before(f, unit.start).is_some_and(|p| is_reference_point(&p.text(f).to_ascii_lowercase())) {
            return false;
        }
        return match unit.text(f).to_ascii_lowercase().as_str() {
            "thang" => is_month,
            "quy" => !is_month,
            _ => false,
        };
    }
    let Some(w) = word_before(f, start) else {
        return false;
    };
    if !f[w.end..start].bytes().all(|c| c == b' ') {
        return false;
    }
    if !w.text(f).eq_ignore_ascii_case("nam") {
        return names_a_season(f, start);
    }
    // "đến năm 2030", "tới năm 2045", "tầm nhìn năm 2050": targets;
    // "từ năm 2025", "trước năm 2030", "sau năm 1975": points of reference;
    // "sinh năm 1982": a birth year.
    // "so với năm 2016", "cùng kỳ năm 2016": the year compared with.
    let before = word_before(f, w.start).map(|p| p.text(f).to_ascii_lowercase());
    if before.as_deref().is_some_and(|b| {
        is_reference_point(b) || matches!(b, "nhin" | "voi" | "ky" | "sang" | "vao") || is_milestone(b)
    }) {
        return false;
    }
    // "những năm 1970" (a decade), "các năm 1977, 2002" (a list), "2 năm
    // 2015 và 2016" (a span), "ban hành năm 2008" (a document's year).
    let before_word = word_before(f, w.start);
    if let Some(b) = &before_word {
        let word = b.text(f).to_ascii_lowercase();
        let earlier = word_before(f, b.start).map(|p| p.text(f).to_ascii_lowercase());
        let adjacent = f[b.end..w.start].bytes().all(|c| c == b' ');
        if matches!(word.as_str(), "nhung" | "cac")
            || (adjacent && word.bytes().all(|c| c.is_ascii_digit()))
            || (word == "hanh" && earlier.as_deref() == Some("ban"))
        {
            return false;
        }
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

    #[test]
    fn a_period_ends_on_its_last_day() {
        assert_eq!(Precision::Day.last_day(date(2016, 2, 1)), date(2016, 2, 1));
        assert_eq!(Precision::Month.last_day(date(2016, 2, 1)), date(2016, 2, 29));
        assert_eq!(Precision::Month.last_day(date(2017, 12, 1)), date(2017, 12, 31));
        assert_eq!(Precision::Year.last_day(date(2017, 1, 1)), date(2017, 12, 31));
    }
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
        let window = DateWindow {
            earliest_year: 1900,
            latest: None,
        };
        let found = resolve(None, &doc, lead_end(&doc, 3, 3), &Folded::new(header).text, &window);
        let day = found.filter(|d| d.precision == Precision::Day).map(|d| d.date);
        (day, found.map(|d| d.date.year()))
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
        let found = resolve(Some(d), "Ngay 2/12/2022", 100, "", &DateWindow::default()).unwrap();
        assert_eq!((found.date, found.source), (d, DateSource::Given));
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
    fn spaced_dates_and_a_lead_day_dated_further_on() {
        assert_eq!(dates("Ngày 13-7 - 2018, tại"), [(13, 7, Some(2018), true)]);
        assert_eq!(
            run(
                "Tin\nNgày 17-6, hội nghị.\nHai.\nBa. Hội nghị ngày 17-6-2018 đã thành công.",
                ""
            ),
            (Some(date(2018, 6, 17)), Some(2018))
        );
        // The last day of a list: "ngày 17 và 19-1-2006".
        assert!(dates("trong 2 ngày 17 và 19-1-2006").contains(&(19, 1, Some(2006), true)));
    }

    #[test]
    fn seasons_and_anniversaries_name_the_event_year() {
        let years = |text: &str| year_mentions(&Folded::new(text).text, 0);
        assert_eq!(years("đón Tết Mậu Tuất 2018 vui tươi"), [(2018, 1)]);
        assert_eq!(years("kỳ thi THPT quốc gia 2019 diễn ra"), [(2019, 1)]);
        assert_eq!(years("Quý Mão 2023"), []);
        assert_eq!(years("kỷ niệm 50 năm thực hiện Di chúc (1969 - 2019)"), [(2019, 1)]);
        assert_eq!(years("nhiệm kỳ (2020 - 2025)"), []);
    }

    #[test]
    fn background_years_are_not_the_event_s() {
        let years = |text: &str| year_mentions(&Folded::new(text).text, 0);
        for background in [
            "những năm 1970",
            "các năm 1977, 2002 và 2012",
            "2 năm 2015 và 2016",
            "Luật ban hành năm 2008",
            "lên ngôi năm 1952",
            "thành lập năm 1930",
            "so với năm 2016",
            "cùng kỳ năm 2016",
            "từ tháng 6/2003",
            "đến tháng 3/2019",
            "sang năm 2004",
            "vào năm 1979",
        ] {
            assert_eq!(years(background), [], "{background}");
        }
        assert_eq!(years("năm 2022; năm 2023"), [(2022, 1), (2023, 1)]);
    }

    #[test]
    fn dates_outside_the_window_are_refused() {
        let doc = Folded::new("Ngày 1/1/2100, thư gửi thế hệ năm 2100. Ngày 11/6/1948.").text;
        let window = DateWindow {
            earliest_year: EARLIEST_YEAR,
            latest: Some(date(2026, 12, 2)),
        };
        assert_eq!(resolve(None, &doc, doc.len(), "", &window), None);
        let given = resolve(Some(date(2100, 1, 1)), "Ngay 2/12/2022", 100, "", &window).unwrap();
        assert_eq!((given.date, given.source), (date(2022, 12, 2), DateSource::Text));
        let old = Folded::new("Ngày 11/6/1948, Bác ra lời kêu gọi.").text;
        let window_1950 = DateWindow {
            earliest_year: 1950,
            ..window
        };
        assert_eq!(resolve(None, &old, old.len(), "", &window_1950), None);
    }

    #[test]
    fn a_text_without_line_breaks_has_a_lead_of_sentences() {
        let text =
            Folded::new("Tiêu đề\nNgày 8-12-2017, tỉnh họp. Câu hai. Câu ba. Năm 2010, năm 2010, năm 2010 là nền.")
                .text;
        let text = text.as_str();
        let end = lead_end(text, 3, 3);
        let text = &Folded::new(text).text;
        assert!(
            text[..end].contains("Cau ba.") && !text[..end].contains("2010"),
            "{}",
            &text[..end]
        );
    }

    #[test]
    fn a_subheading_opening_the_body_is_no_lead_paragraph() {
        let text = "Tiêu đề\nTóm tắt.\nKhông đạt kế hoạch\nKết luận thanh tra cuối năm 2018 đã rõ.\nSau.";
        let f = Folded::new(text).text;
        assert!(f[..lead_end(&f, 3, 3)].contains("2018"));
        // A short line that ends a sentence is a paragraph.
        let text = "Tiêu đề\nTóm tắt.\nÔng Trần Văn Minh.\nKết luận thanh tra cuối năm 2018 đã rõ.";
        let f = Folded::new(text).text;
        assert!(!f[..lead_end(&f, 3, 3)].contains("2018"));
    }

    #[test]
    fn a_year_only_foretold_does_not_date_the_text() {
        let interview = "Năm nay\nNăm 2004, thị trường sẽ thuận lợi hơn.\nMột.\nTrong năm 2004 sẽ đạt 8%. Giữa năm 2004 sẽ niêm yết. Năm 2003 tăng 7%.";
        assert_eq!(run(interview, ""), (None, None));
        // Shared, not foretold: "chia sẻ" folds to "chia se".
        let report = "Tin\nNăm 2004, tỉnh chia sẻ kinh nghiệm.\nMột.\nTrong năm 2004 tỉnh đạt 8%.";
        assert_eq!(run(report, ""), (None, Some(2004)));
        // A dated lead still pairs review and plan, the plan foretold.
        let text = "Ngày 2/12, hội nghị tổng kết năm 2022. Năm 2023 tỉnh sẽ tăng tốc; năm 2022, năm 2023 sẽ khó.";
        assert_eq!(run(text, ""), (Some(date(2022, 12, 2)), Some(2022)));
    }

    #[test]
    fn an_impossible_day_gives_the_year_only() {
        assert_eq!(run("Ngày 29/2, năm 2023 và năm 2023.", ""), (None, Some(2023)));
    }
}
