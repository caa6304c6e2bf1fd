//! Ranking a query's matches by BM25 plus tier bonuses, with the costly
//! tier checks (positions) on as few matches as possible.
//!
//! Every match is scored without the tiers (cheap: no positions). Then,
//! best first, in chunks (a window of the best matches, then ever larger
//! ones): a match can only reach the page if its score plus the bonuses it
//! may still get reaches the page's last hit so far, so each tier is
//! checked (largest bonus first) only for the matches it could still lift,
//! and the search stops when no match left could reach the page. On common
//! words this turns tens of thousands of position checks into a few hundred.

use crate::collect::RankedDoc;
use crate::query::Tier;
use crate::request::Page;
use tantivy::query::{EnableScoring, Scorer, Weight};
use tantivy::{Searcher, SeekDangerResult, SegmentReader};

/// The best matches whose tiers are checked first: per hit wanted, and at
/// least; each further chunk of matches this many times larger.
const WINDOW_PER_HIT: usize = 20;
const MIN_WINDOW: usize = 500;
const CHUNK_GROWTH: usize = 4;

/// Per tier, the weight of each alternative, ready to run.
pub struct TierWeights {
    weights: Vec<Vec<Box<dyn Weight>>>,
}

impl TierWeights {
    /// The tiers' queries as weights (once per search, not per chunk).
    pub fn new(searcher: &Searcher, tiers: &[Tier]) -> tantivy::Result<TierWeights> {
        let scoring = EnableScoring::disabled_from_searcher(searcher);
        let weights = tiers
            .iter()
            .map(|tier| tier.alternatives.iter().map(|a| a.weight(scoring)).collect())
            .collect::<tantivy::Result<_>>()?;
        Ok(TierWeights { weights })
    }
}

/// The page of `unchecked` (every match, base scores, index order) by
/// score with the tier bonuses.
pub fn top_by_score(
    searcher: &Searcher,
    tiers: &[Tier],
    mut unchecked: Vec<RankedDoc>,
    page: Page,
) -> tantivy::Result<Vec<RankedDoc>> {
    let wanted = page.offset + page.limit.max(1);
    let mut chunk = wanted.saturating_mul(WINDOW_PER_HIT).max(MIN_WINDOW);
    let all_bonuses: f64 = tiers.iter().map(|t| f64::from(t.bonus)).sum();
    let weights = TierWeights::new(searcher, tiers)?;
    let mut ranked: Vec<RankedDoc> = Vec::new();
    let (mut next, mut scores) = (Vec::new(), Vec::new());
    while !unchecked.is_empty() {
        let best_left = unchecked.iter().map(|d| d.score).fold(f32::NEG_INFINITY, f32::max);
        let last_hit = ranked.get(wanted - 1).map_or(f64::NEG_INFINITY, RankedDoc::total);
        // A tie counts: the lower address may win it.
        if f64::from(best_left) + all_bonuses < last_hit {
            break;
        }
        take_best(&mut unchecked, chunk, &mut scores, &mut next);
        let reachable = add_bonuses(searcher, tiers, &weights, &mut next, last_hit)?;
        ranked.extend(next.iter().zip(reachable).filter(|(_, r)| *r).map(|(d, _)| *d));
        ranked = best(
            ranked,
            Page {
                offset: 0,
                limit: wanted,
            },
        );
        chunk = chunk.saturating_mul(CHUNK_GROWTH);
    }
    Ok(ranked.into_iter().skip(page.offset).take(page.limit).collect())
}

/// Adds to each of `docs` (index order) the bonuses of the tiers it is in,
/// checking a tier only for the documents that could still reach
/// `last_hit`; returns which could.
pub fn add_bonuses(
    searcher: &Searcher,
    tiers: &[Tier],
    weights: &TierWeights,
    docs: &mut [RankedDoc],
    last_hit: f64,
) -> tantivy::Result<Vec<bool>> {
    debug_assert!(docs.is_sorted_by_key(|doc| doc.address));
    let all_bonuses: f64 = tiers.iter().map(|t| f64::from(t.bonus)).sum();
    let mut potential: Vec<f64> = docs.iter().map(|d| d.total() + all_bonuses).collect();
    // known[t][i]: tier t is settled for document i (checked or implied).
    let mut known = vec![vec![false; docs.len()]; tiers.len()];
    for (t, tier) in tiers.iter().enumerate() {
        let eligible: Vec<bool> = (0..docs.len())
            .map(|i| !known[t][i] && potential[i] >= last_hit)
            .collect();
        let mut member = vec![false; docs.len()];
        for weight in &weights.weights[t] {
            mark_members(searcher, &**weight, docs, &eligible, &mut member)?;
        }
        for i in (0..docs.len()).filter(|&i| eligible[i]) {
            known[t][i] = true;
            if member[i] {
                docs[i].bonus += tier.bonus;
                if let Some(looser) = tier.implies.filter(|&l| !known[l][i]) {
                    known[looser][i] = true;
                    docs[i].bonus += tiers[looser].bonus;
                }
            } else {
                potential[i] -= f64::from(tier.bonus);
            }
        }
    }
    Ok(potential.into_iter().map(|p| p >= last_hit).collect())
}

/// Marks in `member` which of `docs` (in index order, any segments) match
/// `weight`, checking only those `eligible` and not yet members.
pub fn mark_members(
    searcher: &Searcher,
    weight: &dyn Weight,
    docs: &[RankedDoc],
    eligible: &[bool],
    member: &mut [bool],
) -> tantivy::Result<()> {
    let mut at = 0;
    for segment in docs.chunk_by(|a, b| a.address.segment_ord == b.address.segment_ord) {
        let reader = searcher.segment_reader(segment[0].address.segment_ord);
        let range = at..at + segment.len();
        find_members(weight, reader, segment, &eligible[range.clone()], &mut member[range])?;
        at += segment.len();
    }
    Ok(())
}

/// Marks in `member` which of `docs` (one segment's, in index order)
/// match `weight`, checking only those `eligible` and not yet members.
/// `seek_danger`: is this one in, without scanning on to the next match.
fn find_members(
    weight: &dyn Weight,
    reader: &SegmentReader,
    docs: &[RankedDoc],
    eligible: &[bool],
    member: &mut [bool],
) -> tantivy::Result<()> {
    let mut scorer: Option<Box<dyn Scorer>> = None;
    let mut lower_bound = 0;
    for (i, doc) in docs.iter().enumerate() {
        let doc_id = doc.address.doc_id;
        if !eligible[i] || member[i] || doc_id < lower_bound {
            continue;
        }
        let found = match scorer.as_mut() {
            Some(scorer) => scorer.seek_danger(doc_id),
            None => {
                let (found, first) = weight.scorer_danger(reader, doc_id, 1.0)?;
                scorer = Some(first);
                found
            }
        };
        match found {
            SeekDangerResult::Found => member[i] = true,
            SeekDangerResult::SeekLowerBound(next) => lower_bound = next,
        }
    }
    Ok(())
}

/// The page of `docs` in score order.
pub fn best(mut docs: Vec<RankedDoc>, page: Page) -> Vec<RankedDoc> {
    let wanted = page.offset + page.limit;
    if docs.len() > wanted && wanted > 0 {
        docs.select_nth_unstable_by(wanted - 1, by_score);
        docs.truncate(wanted);
    }
    docs.sort_unstable_by(by_score);
    docs.into_iter().skip(page.offset).take(page.limit).collect()
}

/// Moves the `count` best of `unchecked` (by base score: they have no bonus
/// yet; equal scores in index order, as `by_score`) into `taken`. Both keep
/// the index order `unchecked` had. `scores` is scratch space.
fn take_best(unchecked: &mut Vec<RankedDoc>, count: usize, scores: &mut Vec<f32>, taken: &mut Vec<RankedDoc>) {
    taken.clear();
    if unchecked.len() <= count {
        taken.append(unchecked);
        return;
    }
    scores.clear();
    scores.extend(unchecked.iter().map(|d| d.score));
    let (better, &mut threshold, _) = scores.select_nth_unstable_by(count - 1, |a, b| b.total_cmp(a));
    // Of the matches scoring exactly `threshold`, the first ones take the places left.
    let mut ties = count - better.iter().filter(|s| s.total_cmp(&threshold).is_gt()).count();
    unchecked.retain(|doc| {
        let take = match doc.score.total_cmp(&threshold) {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Equal if ties > 0 => {
                ties -= 1;
                true
            }
            _ => false,
        };
        if take {
            taken.push(*doc);
        }
        !take
    });
}

/// Best score first; equal scores in index order (as tantivy's `TopDocs`).
pub fn by_score(a: &RankedDoc, b: &RankedDoc) -> std::cmp::Ordering {
    b.total().total_cmp(&a.total()).then(a.address.cmp(&b.address))
}
