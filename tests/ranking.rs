//! The fast ranking path (position tiers checked on a window of the best
//! matches, then only where they could change the page) must give the page
//! that ranking every match with every tier gives.

mod common;

use common::Lcg;
use std::io::Write;
use std::sync::OnceLock;
use tantivy::collector::TopDocs;
use tantivy::DocAddress;
use tracuu::filter::Filters;
use tracuu::index::{index_paths, IndexOptions, Observer, TracuuIndex};
use tracuu::query::{MatchMode, QueryOptions};
use tracuu::search::{search, Matching, Page, Request, Sort};
use tracuu::synonyms::Synonyms;

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
                ..IndexOptions::default()
            };
            let observer = &mut Observer {
                on_problem: &mut |p| panic!("{p}"),
                on_warning: &mut |p| panic!("{p}"),
                on_progress: &mut |_| {},
            };
            index_paths(&target, &[corpus], &options, observer).unwrap();
            (dir, target)
        })
        .1
}

/// The page as ranking every match with every tier gives it: (address, score).
fn reference(target: &TracuuIndex, request: &Request<'_>, page: Page) -> Vec<(DocAddress, f32)> {
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
    let filters = Filters::default();
    let request = Request {
        query,
        filters: &filters,
        synonyms: Synonyms::bundled(),
        options: QueryOptions {
            matching,
            ..QueryOptions::default()
        },
    };
    let expected = reference(target, &request, page);
    let got = search(target, &request, Sort::Score, page).unwrap();
    assert_eq!(got.hits.len(), expected.len(), "{query:?} {page:?}");
    for (rank, (hit, (_, score))) in got.hits.iter().zip(&expected).enumerate() {
        // Tantivy adds the tier bonuses to BM25 in f32 (one rounding, a few
        // thousandths at these magnitudes); the fast path keeps them apart
        // until the end: allow a few units in the last place, no more.
        let close = (hit.score - score).abs() <= 4.0 * f32::EPSILON * score.abs().max(1.0);
        assert!(
            close,
            "{query:?} {page:?} rank {rank}: score {} where every-match ranking gives {score}",
            hit.score
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
    let filters = Filters::default();
    let request = Request {
        query: "thanh hoa",
        filters: &filters,
        synonyms: Synonyms::bundled(),
        options: QueryOptions::default(),
    };
    let by_score = search(target, &request, Sort::Score, Page { offset: 0, limit: 1 }).unwrap();
    let by_date = search(target, &request, Sort::Date, Page { offset: 0, limit: 1 }).unwrap();
    assert_eq!(by_score.total, by_date.total);
    let matching = Matching::new(target, &request).unwrap();
    let every = matching.ranked_all(target, Sort::Score).unwrap();
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
