//! Collecting every match of a query (not just a top ten): ids, scores
//! and dates, 16 bytes a match, which ranking, sorting, exports and counts
//! work from before any stored field is read.

use crate::ranking;
use crate::request::Sort;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::{EnableScoring, Query};
use tantivy::{DateTime, DocAddress, DocId, DocSet, Score, Searcher, SegmentOrdinal, SegmentReader, TERMINATED};

/// A matching document, before its stored fields are read.
#[derive(Debug, Clone, Copy)]
pub struct RankedDoc {
    /// Score without the position tiers.
    pub score: f32,
    /// What the position tiers add: kept apart, because added to a score in
    /// f32 it would round away the BM25 differences that order a tier.
    pub bonus: f32,
    /// Publication date (when the ranking needed it).
    pub date: Option<DateTime>,
    /// Where the document is in the searcher's snapshot.
    pub address: DocAddress,
}

impl RankedDoc {
    /// The full score, exactly (the bonuses are whole numbers).
    pub fn total(&self) -> f64 {
        f64::from(self.score) + f64::from(self.bonus)
    }
}

pub(crate) fn sort_ranked(docs: &mut [RankedDoc], sort: Sort) {
    use ranking::by_score;
    match sort {
        Sort::Score => docs.sort_by(by_score),
        // Undated last in both directions: they are the least useful in a timeline.
        Sort::Date => docs.sort_by(|a, b| {
            (a.date.is_none().cmp(&b.date.is_none()))
                .then(a.date.cmp(&b.date))
                .then_with(|| by_score(a, b))
        }),
        Sort::DateDesc => docs.sort_by(|a, b| {
            (a.date.is_none().cmp(&b.date.is_none()))
                .then(b.date.cmp(&a.date))
                .then_with(|| by_score(a, b))
        }),
    }
}

/// Collects every match with its score, and with its date when `date_field` is set.
pub(crate) struct AllMatches {
    pub(crate) date_field: Option<String>,
}

pub(crate) struct AllMatchesInSegment {
    segment: SegmentOrdinal,
    dates: Option<Column<DateTime>>,
    docs: Vec<RankedDoc>,
}

impl Collector for AllMatches {
    type Fruit = Vec<RankedDoc>;
    type Child = AllMatchesInSegment;

    fn for_segment(&self, segment: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<AllMatchesInSegment> {
        Ok(AllMatchesInSegment {
            segment,
            dates: match &self.date_field {
                Some(field) => Some(reader.fast_fields().date(field)?),
                None => None,
            },
            docs: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Vec<RankedDoc>>) -> tantivy::Result<Vec<RankedDoc>> {
        let mut all = Vec::with_capacity(fruits.iter().map(Vec::len).sum());
        fruits.into_iter().for_each(|fruit| all.extend(fruit));
        Ok(all)
    }
}

impl SegmentCollector for AllMatchesInSegment {
    type Fruit = Vec<RankedDoc>;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.docs.push(RankedDoc {
            score,
            bonus: 0.0,
            date: self.dates.as_ref().and_then(|dates| dates.first(doc)),
            address: DocAddress::new(self.segment, doc),
        });
    }

    fn harvest(self) -> Vec<RankedDoc> {
        self.docs
    }
}

/// Whether any live document matches `query`.
pub(crate) fn exists(searcher: &Searcher, query: &dyn Query) -> tantivy::Result<bool> {
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    for reader in searcher.segment_readers() {
        let mut scorer = weight.scorer(reader, 1.0)?;
        while scorer.doc() != TERMINATED {
            if reader.alive_bitset().is_none_or(|alive| alive.is_alive(scorer.doc())) {
                return Ok(true);
            }
            scorer.advance();
        }
    }
    Ok(false)
}
