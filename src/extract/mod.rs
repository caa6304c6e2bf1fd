//! Article metadata: cleaning web-page debris, headline, date and year,
//! province (as named then, and after the 2025 merger) and officials named.
//!
//! Pure functions over text and the bundled reference data in `index-schema/`.

use tantivy::time::Date;

/// An official named in an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Official {
    /// Full name, NFC, one tone style ("Đỗ Trọng Hưng").
    pub name: String,
    /// The role text found with the name ("Bí thư Tỉnh ủy"), may be empty.
    pub role: String,
}

/// What is known of an article before extraction.
#[derive(Debug, Clone, Copy, Default)]
pub struct RawArticle<'a> {
    /// Headline given by the input (JSONL `title`); `None` for `.txt`
    /// articles, whose headline is found in the text.
    pub title: Option<&'a str>,
    /// The text as read (for `.txt`, the whole file).
    pub text: &'a str,
    /// A date given by the input (JSONL `date`): wins over extraction.
    pub date: Option<Date>,
    /// A province given by the input (JSONL `province`): wins over extraction.
    pub province: Option<&'a str>,
}

/// Everything extraction found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    /// Cleaned headline.
    pub title: String,
    /// Cleaned text: what is indexed and shown.
    pub body: String,
    pub date: Option<Date>,
    pub year: Option<i32>,
    /// Province as named at the article's date ("Hải Dương").
    pub province: Option<String>,
    /// The province it belongs to after the 2025 merger ("Hải Phòng").
    pub province_2025: Option<String>,
    pub officials: Vec<Official>,
}

/// Extracts the metadata of one article.
pub fn extract(raw: &RawArticle<'_>) -> Metadata {
    let (title, body) = match raw.title {
        Some(title) => (title.trim().to_string(), raw.text.trim().to_string()),
        None => {
            let text = raw.text.trim_start();
            match text.split_once('\n') {
                Some((first, rest)) => (first.trim().to_string(), rest.trim().to_string()),
                None => (text.trim().to_string(), String::new()),
            }
        }
    };
    Metadata {
        title,
        body,
        date: raw.date,
        year: raw.date.map(|d| d.year()),
        province: raw.province.map(str::to_string),
        province_2025: None,
        officials: Vec::new(),
    }
}
