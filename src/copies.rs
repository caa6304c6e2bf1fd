//! Syndicated copies at search time. A copy (another id, the same text once
//! accents, tone placement, case and spacing are set aside) is hidden from
//! hits and shown as a count on its original; an original counts as a
//! match when it *or one of its copies* matches. The two can differ: a
//! copy written with other accents matches `"Biển Đông"` where the
//! original does not, a copy with a line break where the original has a
//! space breaks a phrase.
//!
//! [`CopyMap`] says which original each copy belongs to (the non-copy with
//! the same content hash); [`FixedDocs`] adds originals found through their
//! copies to a query.

use crate::index::{COPY_MARKER, VARIANT_MARKER};
use crate::schema::Fields;
use rustc_hash::FxHashMap;
use std::sync::Arc;
use tantivy::index::SegmentId;
use tantivy::query::{EnableScoring, Explanation, Query, Scorer, TermQuery, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::schema::Value;
use tantivy::{DocAddress, DocId, DocSet, Score, Searcher, SegmentReader, TantivyDocument, Term, TERMINATED};

/// Every syndicated copy.
pub fn copies_query(fields: &Fields) -> Box<dyn Query> {
    let term = Term::from_field_text(fields.duplicate_of, COPY_MARKER);
    Box::new(TermQuery::new(term, IndexRecordOption::Basic))
}

/// The copies whose text is not byte for byte their original's: the only
/// ones that can match where their original does not.
pub fn variant_copies_query(fields: &Fields) -> Box<dyn Query> {
    let term = Term::from_field_text(fields.duplicate_of, VARIANT_MARKER);
    Box::new(TermQuery::new(term, IndexRecordOption::Basic))
}

/// Each copy's original, in one snapshot of the index.
#[derive(Debug, Default)]
pub struct CopyMap {
    original_of: FxHashMap<DocAddress, DocAddress>,
}

impl CopyMap {
    /// Reads the map of the variant copies off the index: each one's
    /// stored `duplicate_of` names its original, found by its id. (Variant
    /// copies are rare: 3 of the 3,778 copies in the shared corpora.)
    pub fn build(searcher: &Searcher, fields: &Fields) -> tantivy::Result<CopyMap> {
        let copies = variant_copies_query(fields).weight(EnableScoring::disabled_from_searcher(searcher))?;
        let mut original_of = FxHashMap::default();
        for (ord, reader) in searcher.segment_readers().iter().enumerate() {
            let mut scorer = copies.scorer(reader, 1.0)?;
            while scorer.doc() != TERMINATED {
                let doc = scorer.doc();
                if reader.alive_bitset().is_none_or(|alive| alive.is_alive(doc)) {
                    let copy = DocAddress::new(ord as u32, doc);
                    if let Some(original) = original_address(searcher, fields, copy)? {
                        original_of.insert(copy, original);
                    }
                }
                scorer.advance();
            }
        }
        Ok(CopyMap { original_of })
    }

    /// The original of a copy (none when it was replaced by other text).
    pub fn original_of(&self, copy: DocAddress) -> Option<DocAddress> {
        self.original_of.get(&copy).copied()
    }
}

/// The live original a copy names in `duplicate_of` (none when it was
/// deleted or replaced).
fn original_address(searcher: &Searcher, fields: &Fields, copy: DocAddress) -> tantivy::Result<Option<DocAddress>> {
    let doc: TantivyDocument = searcher.doc(copy)?;
    let Some(id) = doc
        .get_all(fields.duplicate_of)
        .filter_map(|v| v.as_str())
        .find(|v| *v != COPY_MARKER && *v != VARIANT_MARKER)
    else {
        return Ok(None);
    };
    let by_id = TermQuery::new(Term::from_field_text(fields.id, id), IndexRecordOption::Basic);
    let originals = searcher.search(&by_id, &tantivy::collector::DocSetCollector)?;
    let mut found = None;
    for address in originals {
        let doc: TantivyDocument = searcher.doc(address)?;
        if doc.get_first(fields.duplicate_of).is_none() {
            found = Some(address);
        }
    }
    Ok(found)
}

/// A fixed set of documents with a score each: originals that match
/// through one of their copies, with the copy's score.
#[derive(Clone, Debug)]
pub struct FixedDocs {
    docs: Arc<FxHashMap<SegmentId, Vec<(DocId, Score)>>>,
}

impl FixedDocs {
    /// `docs` (address and score) of `searcher`'s snapshot.
    pub fn new(searcher: &Searcher, docs: &[(DocAddress, Score)]) -> FixedDocs {
        let mut by_segment: FxHashMap<SegmentId, Vec<(DocId, Score)>> = FxHashMap::default();
        for &(address, score) in docs {
            let segment = searcher.segment_reader(address.segment_ord).segment_id();
            by_segment.entry(segment).or_default().push((address.doc_id, score));
        }
        for list in by_segment.values_mut() {
            list.sort_by_key(|&(doc, _)| doc);
            list.dedup_by_key(|&mut (doc, _)| doc);
        }
        FixedDocs {
            docs: Arc::new(by_segment),
        }
    }
}

impl Query for FixedDocs {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for FixedDocs {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let docs = self.docs.get(&reader.segment_id()).cloned().unwrap_or_default();
        Ok(Box::new(FixedScorer { docs, at: 0, boost }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let score = self
            .docs
            .get(&reader.segment_id())
            .and_then(|docs| docs.iter().find(|(d, _)| *d == doc))
            .map_or(0.0, |(_, s)| *s);
        Ok(Explanation::new("a syndicated copy of it matches", score))
    }
}

struct FixedScorer {
    docs: Vec<(DocId, Score)>,
    at: usize,
    boost: Score,
}

impl DocSet for FixedScorer {
    fn advance(&mut self) -> DocId {
        self.at += 1;
        self.doc()
    }

    fn doc(&self) -> DocId {
        self.docs.get(self.at).map_or(TERMINATED, |(doc, _)| *doc)
    }

    fn size_hint(&self) -> u32 {
        self.docs.len() as u32
    }
}

impl Scorer for FixedScorer {
    fn score(&mut self) -> Score {
        self.docs.get(self.at).map_or(0.0, |(_, s)| s * self.boost)
    }
}
