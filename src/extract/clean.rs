//! Cleaning: the headline and the paragraphs of an article, without the
//! debris a copy of a web page brings along (login links, view counters,
//! media players, comment forms, portal headers, section labels).
//!
//! Every rule matches a whole short line (or, for the comment form, a known
//! phrase glued to the end of a line), so a real paragraph is never dropped:
//! paragraphs are long and say something else.

use super::folded::{fold_lower, Folded};

/// The parts of a text.
#[derive(Debug, Default, PartialEq)]
pub struct Cleaned<'a> {
    /// The headline found in the text (only when one was looked for).
    pub title: Option<&'a str>,
    /// Cleaned paragraphs, one per line, a blank line where the text had one.
    pub body: String,
    /// Dropped lines. Some still say something about the article (the
    /// portal's province, an update date), so date and place extraction
    /// read them, with less trust than the body.
    pub header: Vec<&'a str>,
}

/// Lines longer than this are paragraphs, never debris (the longest debris
/// line seen, a bracketed update-date-and-counter line, is ~60 bytes).
const MAX_DEBRIS_BYTES: usize = 160;
/// Nor has debris more than this many spaces (that line has 16).
const MAX_DEBRIS_SPACES: usize = 24;

/// Splits `text` into headline (when `find_title`), body and dropped lines.
pub fn clean(text: &str, find_title: bool) -> Cleaned<'_> {
    let lines: Vec<Line<'_>> = text.lines().map(classify).collect();
    let mut out = Cleaned::default();
    let mut first_body_line = 0;
    if find_title {
        let mut i = 0;
        while i < lines.len() {
            match lines[i] {
                Line::Blank => {}
                Line::Debris(l) => out.header.push(l),
                Line::Text(l) => {
                    if is_author_line(l) || is_section_label(l, &lines[i + 1..]) {
                        out.header.push(l);
                    } else {
                        out.title = Some(l);
                        first_body_line = i + 1;
                        break;
                    }
                }
            }
            i += 1;
        }
        if out.title.is_none() {
            first_body_line = lines.len();
        }
    }
    let mut blank = false;
    for line in &lines[first_body_line..] {
        match *line {
            Line::Blank => blank = true,
            Line::Debris(l) => out.header.push(l),
            Line::Text(l) => {
                if !out.body.is_empty() {
                    out.body.push_str(if blank { "\n\n" } else { "\n" });
                }
                out.body.push_str(l);
                blank = false;
            }
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Line<'a> {
    Blank,
    /// Not part of the article.
    Debris(&'a str),
    /// Article text, trimmed, with glued debris removed.
    Text(&'a str),
}

fn classify(raw: &str) -> Line<'_> {
    let line = raw.trim();
    if line.is_empty() {
        return Line::Blank;
    }
    let line = strip_glued_comment_prompt(line);
    if line.is_empty() {
        return Line::Debris(raw.trim());
    }
    if could_be_debris(line) && is_debris(&fold_lower(line)) {
        return Line::Debris(line);
    }
    Line::Text(line)
}

/// A cheap first test, so most lines are never folded: every kind of debris
/// is short, and either has few words or a tell-tale character ("|", ">",
/// "[", ":", "/", a dot in a file name) or opens like a portal's name.
fn could_be_debris(line: &str) -> bool {
    if line.len() > MAX_DEBRIS_BYTES {
        return false;
    }
    let spaces = line.bytes().filter(|&b| b == b' ').count();
    spaces <= 5
        || (spaces <= MAX_DEBRIS_SPACES
            && (line.bytes().any(|b| b"|>[:/".contains(&b))
                || line.contains('»')
                || ["Cổng", "cổng", "CỔNG", "Trang", "trang", "TRANG"]
                    .iter()
                    .any(|p| line.starts_with(p))))
}

/// Navigation and account links ("Đăng nhập", "English", "中文").
const NAV_WORDS: &[&str] = &[
    "dang nhap",
    "dang ky",
    "dang xuat",
    "trang chu",
    "lien he",
    "gioi thieu",
    "so do site",
    "so do trang",
    "tim kiem",
    "hoi dap",
    "rss",
    "english",
    "tieng viet",
    "tieng anh",
    "francais",
    "中文",
    "日本語",
    "한국어",
];

/// Comment-form remnants, whole lines.
const COMMENT_LINES: &[&str] = &[
    "cac y kien cua ban doc",
    "y kien ban doc",
    "y kien cua ban",
    "gui y kien",
    "gui binh luan",
    "viet binh luan",
    "binh luan",
    "ma kiem tra",
    "no image",
];

/// Words of view counters ("Lượt xem: 6861", "Số lần xem: 475").
const COUNTER_WORDS: &[&str] = &["luot xem", "so lan xem", "luot doc", "luot truy cap", "luot view"];

/// Site names above the article ("Cổng thông tin điện tử tỉnh Hải Dương").
const PORTAL_PREFIXES: &[&str] = &[
    "cong thong tin dien tu",
    "trang thong tin dien tu",
    "cong thong tin",
    "trang tin dien tu",
];

const IMAGE_EXTENSIONS: &[&str] = &[".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp"];

/// Is this (lower-case folded, trimmed) line web-page debris?
fn is_debris(f: &str) -> bool {
    let words = f.split_whitespace().count();
    // "0:00 / 0:00": a media player's clock.
    if f.contains(':') && f.bytes().all(|b| b.is_ascii_digit() || b"/: ".contains(&b)) {
        return true;
    }
    // "29.12.21.1.jpg": an image's file name.
    if !f.contains(' ') && IMAGE_EXTENSIONS.iter().any(|e| f.ends_with(e)) {
        return true;
    }
    // "anh tin bai" (ảnh tin bài): an image placeholder.
    if f == "anh tin bai" {
        return true;
    }
    // "Họ tên no image", "Mã kiểm tra no image": a comment form whose
    // images were lost.
    if (f.ends_with("no image") && words <= 6) || COMMENT_LINES.contains(&f) {
        return true;
    }
    if COUNTER_WORDS.iter().any(|w| f.contains(w)) && f.bytes().any(|b| b.is_ascii_digit()) {
        return true;
    }
    if words <= 12 && PORTAL_PREFIXES.iter().any(|p| f.starts_with(p)) {
        return true;
    }
    is_nav_line(f) || is_date_line(f)
}

/// "Đăng nhập", "23/4/2023 | English | 中文", "Trang chủ > Tin tức": every
/// cell a link or a date.
fn is_nav_line(f: &str) -> bool {
    if NAV_WORDS.contains(&f) {
        return true;
    }
    for sep in ['|', '>', '»'] {
        if f.contains(sep) {
            let cells: Vec<&str> = f.split(sep).map(str::trim).filter(|c| !c.is_empty()).collect();
            if sep == '|' && cells.len() >= 2 && cells.iter().all(|c| NAV_WORDS.contains(c) || is_date_line(c)) {
                return true;
            }
            // A breadcrumb starts at the home page.
            if sep != '|' && cells.len() >= 2 && cells[0] == "trang chu" {
                return true;
            }
        }
    }
    false
}

/// Words that may surround a date on a date-only line ("Thứ hai, 12/06/2023
/// 10:30 (GMT+7)", "Cập nhật: 30/12/2021").
const DATE_LINE_WORDS: &[&str] = &[
    "thu", "hai", "ba", "tu", "nam", "sau", "bay", "chu", "nhat", "cn", "ngay", "gmt", "cap", "luc", "dang", "am",
    "pm", "thang",
];

/// A line that is a date, with nothing else but weekday and time.
fn is_date_line(f: &str) -> bool {
    let mut has_date = false;
    for word in f.split(|c: char| c.is_whitespace() || ",()[]-+".contains(c)) {
        let word = word.trim_end_matches(':');
        if word.is_empty() || DATE_LINE_WORDS.contains(&word) {
            continue;
        }
        let numeric = word.bytes().all(|b| b.is_ascii_digit() || b"/.:".contains(&b));
        if !numeric || !word.bytes().any(|b| b.is_ascii_digit()) {
            return false;
        }
        has_date |= word.contains('/') || word.matches('.').count() == 2;
    }
    has_date
}

/// "Thanh TâmCác ý kiến của bạn đọc": the comment form's heading glued to
/// the last line. Returns the line without it.
fn strip_glued_comment_prompt(line: &str) -> &str {
    const PROMPT: &str = "cac y kien cua ban doc";
    // Cheap test first: the prompt ends in "đọc" (NFC or NFD: a 'c' either way).
    if !line.ends_with(['c', 'C']) || line.len() < PROMPT.len() {
        return line;
    }
    let folded = Folded::new(line);
    let text = folded.text.as_bytes();
    if text.len() < PROMPT.len() || !text[text.len() - PROMPT.len()..].eq_ignore_ascii_case(PROMPT.as_bytes()) {
        return line;
    }
    line[..folded.orig_at(text.len() - PROMPT.len())].trim_end()
}

/// "Tin, ảnh: Hồ Thuỷ", "Bài và ảnh: …", "Nguồn: …": a credit, not a headline.
fn is_author_line(line: &str) -> bool {
    if line.len() > 80 {
        return false;
    }
    let f = fold_lower(line).replace(" :", ":");
    [
        "tin, anh:",
        "tin anh:",
        "tin va anh:",
        "tin - anh:",
        "bai, anh:",
        "bai va anh:",
        "bai anh:",
        "anh:",
        "tin:",
        "bai:",
        "nguon:",
        "video:",
    ]
    .iter()
    .any(|p| f.starts_with(p))
}

/// Section names portals print above the headline.
const SECTION_LABELS: &[&str] = &[
    "thoi su",
    "chinh tri",
    "xa hoi",
    "kinh te",
    "van hoa",
    "van hoa xa hoi",
    "van hoa - xa hoi",
    "tin tuc",
    "tin tuc - su kien",
    "tin tuc su kien",
    "su kien",
    "hoat dong",
    "tin hoat dong",
    "quoc phong - an ninh",
    "quoc phong an ninh",
    "xay dung dang",
    "tin dia phuong",
    "tin trong tinh",
    "tieu diem",
    "phap luat",
    "giao duc",
    "y te",
];

/// A short line above the headline naming the site's section ("Văn hóa xã
/// hội"): a known section name, or a short line without digits or
/// punctuation directly followed (no blank line) by a longer line that reads
/// as a headline.
fn is_section_label(line: &str, rest: &[Line<'_>]) -> bool {
    let words = line.split_whitespace().count();
    if words > 5 || line.len() > 60 {
        return false;
    }
    let f = fold_lower(line);
    if SECTION_LABELS.contains(&f.as_str()) {
        return true;
    }
    if f.bytes().any(|b| b.is_ascii_digit() || b".:;,!?\"".contains(&b)) {
        return false;
    }
    match rest.first() {
        Some(Line::Text(next)) => {
            let next_words = next.split_whitespace().count();
            next_words > words + 2 && next_words <= 40 && !next.ends_with('.')
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn debris(line: &str) -> bool {
        matches!(classify(line), Line::Debris(_))
    }

    #[test]
    fn drops_page_debris() {
        for line in [
            "Đăng nhập",
            "Lượt xem: 6861",
            "[ Cập nhật vào ngày (30/12/2021) ] - [ Số lần xem: 475 ]",
            "0:00 / 0:00",
            "anh tin bai",
            "29.12.21.1.jpg",
            "Họ tên no image",
            "no image",
            "Tiêu đề no image",
            "Nội dung no image",
            "Mã kiểm tra no image",
            "Các ý kiến của bạn đọc",
            "Cổng thông tin điện tử tỉnh Hải Dương",
            "23/4/2023  |  English  |  中文",
            "Trang chủ > Tin tức > Thời sự",
            "Thứ Hai, 12/06/2023 10:30 (GMT+7)",
        ] {
            assert!(debris(line), "{line}");
        }
    }

    #[test]
    fn keeps_text_that_looks_a_bit_like_debris() {
        for line in [
            "Quang cảnh hội nghị",
            "Tin, ảnh: Hồ Thuỷ",
            "Nguyên Chương",
            "Năm 2021, với tinh thần “đổi mới, đột phá, quyết tâm, khát vọng”.",
            "Cổng thông tin điện tử của tỉnh đã đăng tải toàn văn nghị quyết và hướng dẫn các sở, ngành, địa phương thực hiện nghiêm túc, đúng tiến độ đề ra.",
            "Lượt xem trang tăng mạnh",
            "Tỷ lệ 3/4",
            "English",
            "Ngày 2/12, Ban Chấp hành Đảng bộ tỉnh tổ chức Hội nghị lần thứ 14.",
        ] {
            // "English" alone is a link; a lone word like it is no paragraph
            // anyway, but the rest must stay.
            if line != "English" {
                assert!(!debris(line), "{line}");
            }
        }
    }

    #[test]
    fn strips_the_comment_prompt_glued_to_a_line() {
        assert_eq!(classify("Thanh TâmCác ý kiến của bạn đọc"), Line::Text("Thanh Tâm"));
        assert_eq!(classify("Ý kiến bạn đọc"), Line::Debris("Ý kiến bạn đọc"));
        assert_eq!(classify("Tôi đọc"), Line::Text("Tôi đọc"));
    }

    #[test]
    fn finds_the_headline_below_debris_and_section_label() {
        let c = clean(
            "Văn hóa xã hội\nHậu Giang: Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 7\n\n[ Cập nhật vào ngày (30/12/2021) ] - [ Số lần xem: 475 ]\n\nNgày 28/12, tại Trung tâm Hội nghị tỉnh.\n\n29.12.21.1.jpg\n\nQuang cảnh Hội nghị\nThanh TâmCác ý kiến của bạn đọc",
            true,
        );
        assert_eq!(
            c.title,
            Some("Hậu Giang: Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 7")
        );
        assert_eq!(
            c.body,
            "Ngày 28/12, tại Trung tâm Hội nghị tỉnh.\n\nQuang cảnh Hội nghị\nThanh Tâm"
        );
        assert!(c.header.contains(&"Văn hóa xã hội"));
    }

    #[test]
    fn a_short_headline_followed_by_a_paragraph_is_no_section_label() {
        let c = clean(
            "Bế mạc Hội nghị Tỉnh ủy\nSáng 1/12, sau 1,5 ngày làm việc, Hội nghị đã hoàn thành chương trình đề ra.",
            true,
        );
        assert_eq!(c.title, Some("Bế mạc Hội nghị Tỉnh ủy"));
        let c = clean(
            "Bế mạc Hội nghị\n\nHội nghị lần thứ 17 Ban Chấp hành Đảng bộ tỉnh Hải Dương khóa XVII",
            true,
        );
        assert_eq!(c.title, Some("Bế mạc Hội nghị"));
    }

    #[test]
    fn author_lines_are_no_headline() {
        let c = clean("Tin, ảnh: Hồ Thuỷ\nHội nghị trực tuyến toàn tỉnh\nNội dung.", true);
        assert_eq!(c.title, Some("Hội nghị trực tuyến toàn tỉnh"));
        assert_eq!(c.body, "Nội dung.");
    }

    #[test]
    fn without_a_headline_to_find_every_text_line_is_body() {
        let c = clean("  Dòng một\n\n\n\nDòng hai\nLượt xem: 5\n", false);
        assert_eq!(c.title, None);
        assert_eq!(c.body, "Dòng một\n\nDòng hai");
        assert_eq!(clean("", true), Cleaned::default());
    }
}
