//! Article metadata: cleaning web-page debris, headline, date and year,
//! province (as named then, and after the 2025 merger) and officials named.
//!
//! Pure functions over text and the bundled reference data in `index-schema/`
//! (see `index-schema/REFERENCE-DATA.md`).
//!
//! One article costs one cleaning pass over its lines, one fold of the
//! cleaned text into accent-free ASCII (`folded`), and one scan of that by
//! a single Aho-Corasick automaton that knows every province spelling, title
//! head and honorific (`gazetteer`). Dates, officials and the province are
//! then read around the hits, never by scanning the text once per province.

mod clean;
mod date;
mod folded;
mod gazetteer;
mod officials;
mod province;

pub use date::{ArticleDate, DateSource, DateWindow, Precision, EARLIEST_YEAR};
use folded::Folded;
use gazetteer::Gazetteer;
use tantivy::time::Date;

/// An official named in an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Official {
    /// Full name, NFC, one tone style ("Đỗ Trọng Hưng").
    pub name: String,
    /// The role text found with the name ("Bí thư Tỉnh ủy"), may be empty.
    pub role: String,
}

/// An office holder of another country or of an international body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignOfficial {
    /// The name as written ("Tập Cận Bình", "Donald Trump").
    pub name: String,
    /// The post found with the name ("Chủ tịch").
    pub role: String,
    /// The country or body, when the text names it ("Trung Quốc").
    pub country: Option<String>,
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
    /// The dates the article can plausibly have.
    pub window: DateWindow,
}

/// Everything extraction found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    /// Cleaned headline.
    pub title: String,
    /// Cleaned text: what is indexed and shown.
    pub body: String,
    /// Publication date with its precision and source, when the input or
    /// the text gives a plausible one.
    pub date: Option<ArticleDate>,
    /// Its year.
    pub year: Option<i32>,
    /// The input gave a date outside the window (it gave way to the text's).
    pub given_date_refused: bool,
    /// Province as named at the article's date ("Hải Dương").
    pub province: Option<String>,
    /// The province it belongs to after the 2025 merger ("Hải Phòng").
    pub province_2025: Option<String>,
    /// Vietnamese officials named, with the post found beside each name.
    pub officials: Vec<Official>,
    /// Office holders of other countries named.
    pub foreign_officials: Vec<ForeignOfficial>,
    /// Fingerprint of the headline and text, for finding syndicated copies:
    /// see [`fingerprint`].
    pub content_hash: u64,
}

/// How many lines (headline included) make the lead, where an article
/// dates its event.
const LEAD_LINES: usize = 3;

/// At most this many sentences of the text after the headline make the
/// lead: an article pasted without line breaks is one long "line", whose
/// background years would otherwise count as the event's.
const LEAD_SENTENCES: usize = 3;

/// Extracts the metadata of one article.
pub fn extract(raw: &RawArticle<'_>) -> Metadata {
    let g = Gazetteer::get();
    let cleaned = clean::clean(raw.text, raw.title.is_none());
    let title = raw.title.or(cleaned.title).unwrap_or("").trim().to_string();

    // Headline and body are read as one text; a line break keeps a phrase
    // from running across them.
    let mut doc_text = String::with_capacity(title.len() + 1 + cleaned.body.len());
    doc_text.push_str(&title);
    doc_text.push('\n');
    doc_text.push_str(&cleaned.body);
    let doc = Folded::new(&doc_text);
    let content_hash = fingerprint(&doc.text);
    let doc_hits = g.scan(&doc);
    let title_end = doc.text.find('\n').unwrap_or(doc.text.len());

    let header_text = cleaned.header.join("\n");
    let header = Folded::new(&header_text);
    let header_hits = g.scan(&header);

    let lead_end = date::lead_end(&doc.text, LEAD_LINES, LEAD_SENTENCES);
    let found_date = date::resolve(raw.date, &doc.text, lead_end, &header.text, &raw.window);
    let given_date_refused = raw.date.is_some() && found_date.is_none_or(|d| d.source != DateSource::Given);
    let year = found_date.map(|d| d.date.year());
    let date = found_date.filter(|d| d.precision == Precision::Day).map(|d| d.date);
    let found = officials::find(&doc, &doc_hits, g);
    let evidence = province::Evidence {
        doc: &doc,
        doc_hits: &doc_hits,
        title_end,
        lead_end,
        header: &header,
        header_hits: &header_hits,
        officials: &found,
        date,
        year,
    };
    let (province, province_2025) = province::resolve(raw.province, &evidence, g);

    Metadata {
        title,
        body: cleaned.body,
        date: found_date,
        year,
        given_date_refused,
        province,
        province_2025,
        officials: (found.iter())
            .filter(|o| !o.foreign)
            .map(|o| Official {
                name: o.name.clone(),
                role: o.role.clone(),
            })
            .collect(),
        foreign_officials: (found.into_iter())
            .filter(|o| o.foreign)
            .map(|o| ForeignOfficial {
                name: o.name,
                role: o.role,
                country: o.country,
            })
            .collect(),
        content_hash,
    }
}

/// The posts the reference list (`index-schema/officials.tsv`, from
/// Wikipedia) says `name` held during the period from `from` to `to` (one
/// day, or a month or a year for a date known only that precisely), latest
/// first.
pub fn reference_posts(name: &str, from: Date, to: Date) -> Vec<&'static str> {
    let g = gazetteer::Gazetteer::get();
    let mut posts: Vec<&gazetteer::Post> = g
        .posts_of(&gazetteer::canonical_name(name))
        .iter()
        .filter(|p| p.start.is_none_or(|s| s <= to) && p.end.is_none_or(|e| e >= from))
        .collect();
    posts.sort_by_key(|p| std::cmp::Reverse(p.start));
    posts.into_iter().map(|p| p.title).collect()
}

/// Hash of a folded headline + text after lower-casing and collapsing white
/// space. Copies that differ only in accents, tone placement (hoá/hóa), NFC
/// or NFD, case or spacing hash alike: syndicating portals re-type all of
/// these. (Folding already turned the other Unicode spaces into ASCII ones and
/// every Vietnamese letter into an ASCII one; other scripts are compared as
/// they are.) XXH3, a fixed algorithm: the hashes are stored in the index and
/// must not change with the Rust release (std's `DefaultHasher` may).
pub fn fingerprint(folded: &str) -> u64 {
    // Streamed through a small buffer (XXH3 streamed equals XXH3 of the
    // whole): no copy of the article.
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut buffer = [0u8; 4096];
    let mut kept = 0;
    let mut after_space = true;
    for &b in folded.as_bytes() {
        let space = b.is_ascii_whitespace() || b == 0x0B;
        if space && after_space {
            continue;
        }
        after_space = space;
        buffer[kept] = if space { b' ' } else { b.to_ascii_lowercase() };
        kept += 1;
        if kept == buffer.len() {
            hasher.update(&buffer);
            kept = 0;
        }
    }
    hasher.update(&buffer[..kept]);
    hasher.digest()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fingerprints stored in existing indexes: XXH3 of the text
    /// lower-cased with whitespace runs as one space (schema version 5).
    #[test]
    fn fingerprint_is_xxh3_of_the_normalised_text() {
        let long = "Ha Noi  -\tTP HCM\n\n".repeat(700);
        for text in ["", " A  b\n", long.as_str()] {
            let normalised = text
                .split_ascii_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_ascii_lowercase();
            let trailing = if text.ends_with(|c: char| c.is_ascii_whitespace()) && !normalised.is_empty() {
                " "
            } else {
                ""
            };
            let expected = xxhash_rust::xxh3::xxh3_64(format!("{normalised}{trailing}").as_bytes());
            assert_eq!(fingerprint(text), expected, "{text:?}");
        }
    }

    #[test]
    fn jsonl_articles_keep_their_title_and_given_fields() {
        let d = Date::from_calendar_date(2018, tantivy::time::Month::August, 31).unwrap();
        let m = extract(&RawArticle {
            title: Some("  Triệu tập 2 đối tượng ở Thanh Hoá "),
            text: "Ngày 31/8, Công an huyện Quan Hoá, tỉnh Thanh Hoá cho biết.\nLượt xem: 12",
            date: Some(d),
            province: Some("Nghệ An"),
            ..RawArticle::default()
        });
        assert_eq!(m.title, "Triệu tập 2 đối tượng ở Thanh Hoá");
        assert_eq!(m.body, "Ngày 31/8, Công an huyện Quan Hoá, tỉnh Thanh Hoá cho biết.");
        assert_eq!(
            (m.date.map(|a| (a.date, a.source)), m.year),
            (Some((d, DateSource::Given)), Some(2018))
        );
        assert_eq!(m.province.as_deref(), Some("Nghệ An"));
        assert_eq!(m.province_2025.as_deref(), Some("Nghệ An"));
    }

    #[test]
    fn txt_articles_find_their_headline() {
        let m = extract(&RawArticle {
            text: "Đăng nhập\n\nHội nghị Tỉnh ủy Hải Dương\n\nSáng 1/12, tỉnh Hải Dương tổng kết năm 2023.",
            ..RawArticle::default()
        });
        assert_eq!(m.title, "Hội nghị Tỉnh ủy Hải Dương");
        assert_eq!(m.body, "Sáng 1/12, tỉnh Hải Dương tổng kết năm 2023.");
        assert_eq!(m.year, Some(2023));
        assert_eq!(m.province.as_deref(), Some("Hải Dương"));
        assert_eq!(m.province_2025.as_deref(), Some("Hải Phòng"));
    }

    #[test]
    fn empty_input_gives_empty_metadata() {
        let m = extract(&RawArticle::default());
        assert_eq!(
            m,
            Metadata {
                content_hash: m.content_hash,
                ..Metadata::default()
            }
        );
    }

    fn hash_of(title: &str, text: &str) -> u64 {
        extract(&RawArticle {
            title: Some(title),
            text,
            ..RawArticle::default()
        })
        .content_hash
    }

    #[test]
    fn retyped_copies_share_a_fingerprint() {
        let original = hash_of(
            "Thanh Hóa khởi công dự án",
            "Sáng 3/5, UBND tỉnh Thanh Hóa tổ chức lễ khởi công.",
        );
        for (title, text) in [
            (
                "Thanh Hoá khởi công dự án",
                "Sáng 3/5, UBND tỉnh Thanh Hoá tổ chức lễ khởi công.",
            ),
            (
                "THANH HÓA KHỞI CÔNG DỰ ÁN",
                "Sáng  3/5,\nUBND tỉnh Thanh Hóa tổ chức lễ khởi công.",
            ),
            (
                "Thanh Ho\u{301}a kho\u{302}\u{309}i công dự án",
                "Sáng 3/5, UBND tỉnh Thanh Hóa tổ chức lễ khởi công.",
            ),
        ] {
            assert_eq!(hash_of(title, text), original, "{title} / {text}");
        }
        for (title, text) in [
            (
                "Thanh Hóa khởi công dự án",
                "Sáng 4/5, UBND tỉnh Thanh Hóa tổ chức lễ khởi công.",
            ),
            (
                "Thanh Hóa khánh thành dự án",
                "Sáng 3/5, UBND tỉnh Thanh Hóa tổ chức lễ khánh thành.",
            ),
        ] {
            assert_ne!(hash_of(title, text), original, "{title} / {text}");
        }
    }
}
