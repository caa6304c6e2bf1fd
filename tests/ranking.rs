//! The fast ranking path (position tiers checked on a window of the best
//! matches, then only where they could change the page) must give the page
//! that ranking every match with every tier gives.

mod common;

use common::Lcg;
use std::io::Write;
use std::sync::OnceLock;
use tantivy::collector::TopDocs;
use tantivy::DocAddress;
use tracuu::search::Matching;
use tracuu::{IndexOptions, MatchMode, Page, QueryOptions, Request, Sort, TracuuIndex};

/// Syllables of news text, a few with accent variants, so that queries match
/// far more articles than the window holds and phrases are sometimes there.
const SYLLABLES: &[&str] = &[
    "thanh", "thành", "thánh", "hóa", "hoá", "hoa", "hội", "hỏi", "nghị", "tỉnh", "ban", "bàn", "bản", "chấp", "hành",
    "kinh", "tế", "xã", "xa", "đồng", "dòng", "nhân", "dân", "ủy", "phố", "pho", "hồ", "chí", "minh", "của", "cua",
    "các", "cac", "được", "duoc", "và", "va", "với", "những", "có", "co", "thể", "là", "la",
];

/// `n` syllables drawn from `SYLLABLES`.
fn words(rng: &mut Lcg, n: usize) -> String {
    (0..n)
        .map(|_| SYLLABLES[rng.next(SYLLABLES.len())])
        .collect::<Vec<_>>()
        .join(" ")
}

fn index() -> &'static TracuuIndex {
    static INDEX: OnceLock<(tempfile::TempDir, TracuuIndex)> = OnceLock::new();
    &INDEX
        .get_or_init(|| {
            let dir = tempfile::TempDir::new().unwrap();
            let corpus = dir.path().join("corpus.jsonl");
            let mut out = std::io::BufWriter::new(std::fs::File::create(&corpus).unwrap());
            let mut rng = Lcg(7);
            for id in 0..3000 {
                let title_length = 3 + rng.next(5);
                let title = words(&mut rng, title_length);
                let length = 20 + rng.next(200);
                let mut body = words(&mut rng, length);
                // "lịch" and "sử" far apart in a quarter of the articles and
                // together in five: fewer phrase matches than a page holds.
                if id % 600 == 0 {
                    body = format!("lịch sử {body}");
                } else if id % 4 == 0 {
                    body = format!("lịch {body} sử");
                }
                let line = serde_json::json!({ "id": format!("a{id}"), "title": title, "body": body });
                writeln!(out, "{line}").unwrap();
            }
            drop(out);
            let target = TracuuIndex::open_or_create(&dir.path().join("idx")).unwrap();
            let options = IndexOptions {
                keep_duplicates: true,
                strict: true,
                ..IndexOptions::default()
            };
            target.add_paths(&[corpus], &options, &mut ()).unwrap();
            (dir, target)
        })
        .1
}

/// The page as ranking every match with every tier gives it: (address, score).
fn reference(target: &TracuuIndex, request: &Request, page: Page) -> Vec<(DocAddress, f32)> {
    let matching = Matching::new(target, request).unwrap();
    let top = TopDocs::with_limit(page.offset + page.limit).order_by_score();
    let all = matching.searcher.search(&*matching.combined(), &top).unwrap();
    all.into_iter()
        .skip(page.offset)
        .map(|(score, address)| (address, score))
        .collect()
}

/// Checks one page; returns how many articles match.
fn assert_same_page(query: &str, matching: MatchMode, page: Page) -> usize {
    let target = index();
    let request = Request {
        query: query.to_string(),
        options: QueryOptions {
            matching,
            ..QueryOptions::default()
        },
        page,
        ..Request::default()
    };
    let expected = reference(target, &request, page);
    let got = target.search(&request).unwrap();
    assert_eq!(got.hits.len(), expected.len(), "{query:?} {page:?}");
    for (rank, (hit, (_, score))) in got.hits.iter().zip(&expected).enumerate() {
        // Tantivy adds the tier bonuses to BM25 in f32 (one rounding, a few
        // thousandths at these magnitudes); the fast path keeps them apart
        // until the end: allow a few units in the last place, no more.
        // A hit's score is its relevance within its tier; the tier points
        // stand for 10,000 each in the combined score.
        let total = f64::from(hit.tier) * 10_000.0 + f64::from(hit.score);
        let close =
            (total - f64::from(*score)).abs() <= 4.0 * f64::from(f32::EPSILON) * f64::from(score.abs().max(1.0));
        assert!(
            close,
            "{query:?} {page:?} rank {rank}: score {total} where every-match ranking gives {score}"
        );
    }
    got.total
}

#[test]
fn windowed_ranking_gives_the_exact_page() {
    let mut beyond_window = 0;
    for query in [
        "thanh hoa",
        "thành hóa",
        "hoi nghi tinh",
        "ban chap hanh",
        "kinh te xa hoi",
        "co the la",
        "duoc cua cac",
        "nhân dân",
        "ho chi minh",
        "va voi nhung co",
        "lich su",
        // Repeated words: a phrase match must also be a near match.
        "thanh thanh",
        "co co la",
        // Single syllables side by side: phrase and near tiers over many matches.
        "hội tỉnh",
        "của các được",
        "dân ban",
    ] {
        for matching in [MatchMode::Words, MatchMode::AnyOrder] {
            for page in [Page { offset: 0, limit: 10 }, Page { offset: 40, limit: 20 }] {
                // The window holds 500 matches at least.
                beyond_window += (assert_same_page(query, matching, page) > 1000) as usize;
            }
        }
    }
    assert!(beyond_window >= 10, "only {beyond_window} pages went past the window");
}

#[test]
fn date_order_and_export_order_ignore_nothing() {
    // Every match is still found when sorted by date (tiers only order).
    let target = index();
    let request = Request::new("thanh hoa").with_limit(1);
    let by_score = target.search(&request).unwrap();
    let by_date = target
        .search(&Request {
            sort: Sort::Date,
            ..request.clone()
        })
        .unwrap();
    assert_eq!(by_score.total, by_date.total);
    let matching = Matching::new(target, &request).unwrap();
    let every = matching.ranked_all(Sort::Score).unwrap();
    assert_eq!(every.len(), by_score.total);
    let expected = reference(
        target,
        &request,
        Page {
            offset: 0,
            limit: every.len(),
        },
    );
    for (doc, (_, score)) in every.iter().zip(&expected) {
        let total = doc.total() as f32;
        assert!(
            (total - score).abs() <= 4.0 * f32::EPSILON * score.abs().max(1.0),
            "{total} vs {score}"
        );
    }
}
