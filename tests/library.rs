//! tracuu as a second program uses it: the library alone, no binary.

use std::io::Write;
use std::path::Path;
use tempfile::TempDir;
use tracuu::{
    CancelToken, Error, ExportField, ExportFormat, ExportOptions, FacetField, Filters, IndexObserver, IndexOptions,
    IndexReport, Request, Sort, TracuuIndex,
};

/// Writes `articles` (id, title, body, date) as a JSONL file.
fn write_jsonl(path: &Path, articles: &[(String, &str, String, &str)]) {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for (id, title, body, date) in articles {
        let line = serde_json::json!({"id": id, "title": title, "body": body, "date": date});
        writeln!(file, "{line}").unwrap();
    }
}

/// A folder of three articles about two provinces, indexed.
fn small_index() -> (TempDir, TracuuIndex) {
    let home = TempDir::new().unwrap();
    let input = home.path().join("input");
    std::fs::create_dir(&input).unwrap();
    write_jsonl(
        &input.join("tin.jsonl"),
        &[
            (
                "a1".into(),
                "Hội nghị Tỉnh ủy Thanh Hóa",
                "Sáng nay, Tỉnh ủy Thanh Hóa tổ chức hội nghị bàn về phòng chống tham nhũng.".into(),
                "2023-05-02",
            ),
            (
                "a2".into(),
                "Nghệ An đón nhà đầu tư",
                "UBND tỉnh Nghệ An làm việc với các nhà đầu tư về khu công nghiệp.".into(),
                "2024-01-15",
            ),
            (
                "a3".into(),
                "Thanh Hoá khởi công cầu mới",
                "Tỉnh Thanh Hoá khởi công cây cầu mới qua sông Mã, phòng chống tham nhũng trong đầu tư công.".into(),
                "2024-03-09",
            ),
        ],
    );
    let index = TracuuIndex::open_or_create(&home.path().join("index")).unwrap();
    let report = index.add_paths(&[input], &IndexOptions::default(), &mut ()).unwrap();
    assert_eq!((report.added, report.skipped.len()), (3, 0));
    (home, index)
}

#[test]
fn index_search_facets_show_and_export_without_the_binary() {
    let (_home, index) = small_index();

    // Accentless "thanh hoa" finds both tone placements (Hóa, Hoá), not Nghệ An.
    let results = index.search(&Request::new("thanh hoa")).unwrap();
    let mut ids: Vec<&str> = results.hits.iter().map(|h| h.id.as_str()).collect();
    ids.sort();
    assert_eq!((results.total, ids), (2, vec!["a1", "a3"]));
    assert_eq!(results.hits[0].rank, 1);
    assert!(
        results.hits.iter().all(|h| h.body.is_none()),
        "a page carries no bodies"
    );

    // Set algebra: the word AND NOT the province.
    let not = index.search(&Request::new("tham nhũng -\"Thanh Hóa\"")).unwrap();
    assert_eq!(not.total, 0, "{:?}", not.read_as);

    // Facets of one request, counted over every match.
    let report = index
        .facets(&Request::new("tham nhung"), &[FacetField::Year, FacetField::Year], 10)
        .unwrap();
    assert_eq!(report.total, 2);
    assert_eq!(report.facets.len(), 1, "a field asked twice is counted once");
    let years: Vec<(&str, u64)> = (report.facets[0].1.values.iter())
        .map(|v| (v.value.as_str(), v.count))
        .collect();
    assert_eq!(years, vec![("2023", 1), ("2024", 1)]);

    // One article, whole.
    let article = index.article("a2").unwrap();
    assert_eq!(article.meta.date.as_deref(), Some("2024-01-15"));
    assert!(article.body.contains("khu công nghiệp"));
    assert!(matches!(index.article("nope"), Err(Error::NotFound { .. })));

    // Every match exported into memory, oldest first, as the model's JSON.
    let mut out = Vec::new();
    let request = Request {
        sort: Sort::Date,
        ..Request::new("dau tu")
    };
    let options = ExportOptions {
        format: ExportFormat::Jsonl,
        fields: vec![ExportField::Id, ExportField::Date, ExportField::Rank],
        excel: false,
    };
    let exported = index.export(&request, &options, &mut out, &mut ()).unwrap();
    let rows: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(exported.rows, 2);
    assert_eq!(
        rows[0],
        serde_json::json!({"id": "a2", "date": "2024-01-15", "rank": 1})
    );
    assert_eq!(rows[1]["id"], "a3");

    // Statistics agree with facets on distinct values.
    let stats = index.stats().unwrap();
    let all = index.facets(&Request::default(), &FacetField::ALL, 100).unwrap();
    for (name, distinct) in &stats.facets {
        let counted = all.facets.iter().find(|(n, _)| n == name).unwrap();
        assert_eq!(*distinct, counted.1.distinct, "{name}");
    }
    assert_eq!(stats.documents, 3);
}

#[test]
fn errors_are_typed_for_a_front_end_to_act_on() {
    let home = TempDir::new().unwrap();
    let missing = home.path().join("none");
    assert!(matches!(TracuuIndex::open(&missing), Err(Error::NoIndex { dir }) if dir == missing));
    let (_home, index) = small_index();
    let bad_query = index.search(&Request::new("\"\" AND"));
    assert!(matches!(bad_query, Err(ref e) if e.is_request_error()), "{bad_query:?}");
    let backwards = Filters {
        date_from: tracuu::parse_day("2024-02-01").ok(),
        date_to: tracuu::parse_day("2023-02-01").ok(),
        ..Filters::default()
    };
    let refused = index.search(&Request::default().with_filters(backwards));
    assert!(matches!(refused, Err(Error::BadFilter { .. })), "{refused:?}");
    // The message names no command-line flag.
    let message = refused.unwrap_err().to_string();
    assert!(!message.contains("--"), "{message}");
}

#[test]
fn a_cancelled_token_stops_a_search_and_an_export() {
    let (_home, index) = small_index();
    let cancel = CancelToken::new();
    let request = Request {
        cancel: cancel.clone(),
        ..Request::new("thanh hoa")
    };
    assert!(index.search(&request).is_ok());
    cancel.cancel();
    assert!(matches!(index.search(&request), Err(Error::Cancelled)));
    let mut out = Vec::new();
    let export = index.export(&request, &ExportOptions::default(), &mut out, &mut ());
    assert!(matches!(export, Err(Error::Cancelled)));
    let spent = Request {
        cancel: CancelToken::with_budget(std::time::Duration::ZERO),
        ..Request::new("thanh hoa")
    };
    assert!(matches!(index.search(&spent), Err(Error::Cancelled)));
}

/// Cancels the run it observes once the first batch is in.
struct CancelAfterFirstBatch(CancelToken);

impl IndexObserver for CancelAfterFirstBatch {
    fn progress(&mut self, _report: &IndexReport) {
        self.0.cancel();
    }
}

#[test]
fn cancelling_a_long_index_run_commits_what_was_read() {
    let home = TempDir::new().unwrap();
    let input = home.path().join("many.jsonl");
    let articles: Vec<(String, &str, String, &str)> = (0..20_000)
        .map(|i| {
            let body = format!("Bài số {i}: hội nghị tổng kết công tác năm tại xã số {}.", i % 97);
            (format!("n{i}"), "Tin địa phương", body, "2022-06-01")
        })
        .collect();
    write_jsonl(&input, &articles);
    let index = TracuuIndex::open_or_create(&home.path().join("index")).unwrap();
    let cancel = CancelToken::new();
    let options = IndexOptions {
        cancel: cancel.clone(),
        ..IndexOptions::default()
    };
    let report = index
        .add_paths(&[input], &options, &mut CancelAfterFirstBatch(cancel))
        .unwrap();
    assert!(report.interrupted);
    let taken = report.articles();
    assert!(taken > 0 && taken < 20_000, "{taken} articles taken in");
    // What was read is committed and searchable, and nothing else.
    let everything = index.search(&Request::default()).unwrap();
    assert_eq!(everything.total, taken);
}

#[test]
fn the_bundled_corpus_needs_no_files() {
    let home = TempDir::new().unwrap();
    let dir = home.path().join("default");
    let (index, built) = tracuu::open_default(&dir, &mut ()).unwrap();
    let (why, report) = built.expect("a new default index is built");
    assert_eq!((why, report.added), (tracuu::BundledBuild::Created, 5));
    assert!(index.search(&Request::new("thanh hoa")).unwrap().total > 0);
    let article = index.article("001_304570ebb02cd033").unwrap();
    assert_eq!(article.path.as_deref(), Some("bundled/001_304570ebb02cd033.txt"));
    // Opened again, it is not rebuilt.
    drop(index);
    assert!(tracuu::open_default(&dir, &mut ()).unwrap().1.is_none());
}
