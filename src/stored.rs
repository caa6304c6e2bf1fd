//! Reading a stored document back: the one place that knows how each
//! field is stored (facets encoded, the text as bytes, dates as datetimes).

use crate::extract::Precision;
use crate::index::COPY_MARKER;
use crate::model::ArticleMeta;
use crate::schema::Fields;
use tantivy::schema::{Facet, Field, Value};
use tantivy::TantivyDocument;

/// The first text value of `field`.
pub(crate) fn text(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field).and_then(|v| v.as_str()).map(str::to_string)
}

/// A stored article's date (the first day of its period) and its precision.
fn date_of(doc: &TantivyDocument, fields: &Fields) -> Option<(tantivy::time::Date, Precision)> {
    let date = doc
        .get_first(fields.date)
        .and_then(|v| v.as_datetime())?
        .into_utc()
        .date();
    let precision = text(doc, fields.date_precision)
        .as_deref()
        .and_then(Precision::from_name);
    Some((date, precision.unwrap_or(Precision::Day)))
}

/// The first and last day of a stored article's date, at its precision.
pub(crate) fn date_period(
    doc: &TantivyDocument,
    fields: &Fields,
) -> Option<(tantivy::time::Date, tantivy::time::Date)> {
    date_of(doc, fields).map(|(first, precision)| (first, precision.last_day(first)))
}

/// Dates, places, officials and source of a stored article.
pub(crate) fn meta(doc: &TantivyDocument, fields: &Fields) -> ArticleMeta {
    let precision = text(doc, fields.date_precision);
    ArticleMeta {
        date: date_of(doc, fields).map(|(date, precision)| precision.iso(date)),
        date_precision: precision,
        date_source: text(doc, fields.date_source),
        year: facet_value(doc, fields.year).and_then(|y| y.parse().ok()),
        province: facet_value(doc, fields.province),
        province_2025: facet_value(doc, fields.province_2025),
        officials: doc
            .get_all(fields.official)
            .filter_map(|v| v.as_facet())
            .filter_map(decode_facet)
            .collect(),
        foreign_officials: doc
            .get_all(fields.foreign_official)
            .filter_map(|v| v.as_facet())
            .filter_map(decode_facet)
            .collect(),
        source: facet_value(doc, fields.source),
        url: text(doc, fields.url),
        categories: doc
            .get_all(fields.category)
            .filter_map(|v| v.as_facet())
            .filter_map(decode_facet)
            .collect(),
    }
}

/// The id of the original of a syndicated copy (`None` for an original).
pub(crate) fn original_id(doc: &TantivyDocument, fields: &Fields) -> Option<String> {
    doc.get_all(fields.duplicate_of)
        .filter_map(|v| v.as_str())
        .find(|v| *v != COPY_MARKER && *v != crate::index::VARIANT_MARKER)
        .map(str::to_string)
}

pub(crate) fn facet_value(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field).and_then(|v| v.as_facet()).and_then(decode_facet)
}

/// The value of a one-level facet, from its stored (encoded) form.
pub(crate) fn decode_facet(encoded: &str) -> Option<String> {
    let facet = Facet::from_encoded(encoded.as_bytes().to_vec()).ok()?;
    facet.to_path().first().map(|v| v.to_string())
}

/// The stored article text of `doc` (UTF-8 bytes; see [`utf8`]).
pub(crate) fn article_text<'d>(doc: &'d TantivyDocument, fields: &Fields) -> &'d [u8] {
    doc.get_first(fields.text)
        .and_then(|v| v.as_bytes())
        .unwrap_or_default()
}

/// Stored text as a string (the index could be damaged: then with U+FFFD
/// where bytes are not UTF-8).
pub(crate) fn utf8(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    // Borrowed, not copied, when the bytes are valid.
    String::from_utf8_lossy(bytes)
}
