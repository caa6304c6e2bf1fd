//! The researcher's analyses: timeline, terms and kwic, through the library
//! (counts checked against `search`, an independent count) and through the
//! real binary (what a user reads).

mod common;

use common::{json, stdout_of, tracuu_at, Lcg};
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use tempfile::TempDir;
use tracuu::{
    Filters, IndexOptions, Interval, KwicOptions, KwicSort, Request, TermsOptions, TimelineOptions, TracuuIndex,
};

const PROVINCES: [&str; 4] = ["Nghệ An", "Thanh Hóa", "Hà Tĩnh", "Quảng Bình"];
const TOPICS: [&str; 4] = [
    "phòng chống tham nhũng và hối lộ",
    "hội nghị tổng kết công tác",
    "xây dựng nông thôn mới",
    "phòng chống dịch bệnh",
];

/// Articles over four years: most dated by the input (days), some whose
/// text fixes only the year, some undated; topics and provinces drawn from
/// a fixed sequence.
fn articles() -> Vec<Value> {
    let mut draw = Lcg(2024);
    let mut lines = Vec::new();
    for i in 0..240 {
        let province = PROVINCES[draw.next(PROVINCES.len())];
        let topic = TOPICS[draw.next(TOPICS.len())];
        let second = TOPICS[draw.next(TOPICS.len())];
        let id = format!("a{i:03}");
        // Numbered, so that no two are syndicated copies of each other.
        let body = format!("Tin số {i}: UBND tỉnh {province} bàn về {topic}. Sau đó, các đại biểu thảo luận {second}.");
        lines.push(match i % 10 {
            // The text fixes the year only.
            0..=1 => {
                let year = 2016 + draw.next(4);
                serde_json::json!({"id": id, "title": format!("Tổng kết năm {year}"),
                    "body": format!("Tỉnh {province} tổng kết năm {year}. Năm {year}, năm {year} bàn về {topic} (tin số {i}).")})
            }
            2 => serde_json::json!({"id": id, "title": "Tin tức", "body": body}),
            _ => {
                let (year, month, day) = (2016 + draw.next(4), 1 + draw.next(12), 1 + draw.next(28));
                serde_json::json!({"id": id, "title": format!("Tin {province}"), "body": body,
                    "published": format!("{year}-{month:02}-{day:02}")})
            }
        });
    }
    lines
}

fn write_jsonl(path: &Path, lines: &[Value]) {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for line in lines {
        writeln!(file, "{line}").unwrap();
    }
}

/// The articles indexed with the library, the day of indexing fixed.
fn indexed() -> (TempDir, TracuuIndex) {
    let home = TempDir::new().unwrap();
    let input = home.path().join("tin.jsonl");
    write_jsonl(&input, &articles());
    let index = TracuuIndex::open_or_create(&home.path().join("idx")).unwrap();
    let options = IndexOptions {
        today: tracuu::parse_day("2024-06-30").ok(),
        ..IndexOptions::default()
    };
    index.add_paths(&[input], &options, &mut ()).unwrap();
    (home, index)
}

fn total(index: &TracuuIndex, query: &str, filters: Filters) -> usize {
    index.search(&Request::new(query).with_filters(filters)).unwrap().total
}

#[test]
fn each_period_counts_what_search_totals_for_that_period() {
    let (_home, index) = indexed();
    let query = "tham nhung";
    let all = total(&index, query, Filters::default());
    for by in Interval::ALL {
        let options = TimelineOptions {
            by,
            ..TimelineOptions::default()
        };
        let timeline = index.timeline(&Request::new(query), &options).unwrap();
        let series = &timeline.series[0];
        assert!(!timeline.periods.is_empty(), "{by:?}");
        for (i, period) in timeline.periods.iter().enumerate() {
            let dates = Filters {
                date_from: tracuu::parse_day(&period.from).ok(),
                date_to: tracuu::parse_day(&period.to).ok(),
                ..Filters::default()
            };
            assert_eq!(
                series.matching[i] as usize,
                total(&index, query, dates.clone()),
                "{by:?} {}",
                period.label
            );
            assert_eq!(
                series.scope[i] as usize,
                total(&index, "", dates),
                "{by:?} {}",
                period.label
            );
        }
        // Nothing is lost or spread: periods, coarser dates and undated add up to the total.
        let dated: u64 = series.matching.iter().sum();
        assert_eq!((dated + series.coarser + series.undated) as usize, all, "{by:?}");
        assert_eq!(series.total as usize, all);
        assert!(series.undated > 0, "some articles have no date");
        // Dates known to the year only count in years, never in shorter periods.
        assert_eq!(series.coarser > 0, by != Interval::Year, "{by:?}");
    }
}

#[test]
fn periods_without_a_match_show_as_zero_and_series_compare_or_split() {
    let (_home, index) = indexed();
    let by_day = TimelineOptions {
        by: Interval::Day,
        compare: vec!["nong thon moi".into()],
        ..TimelineOptions::default()
    };
    let timeline = index.timeline(&Request::new("tham nhung"), &by_day).unwrap();
    assert_eq!(timeline.series.len(), 2);
    let first = tracuu::parse_day(&timeline.periods[0].from).unwrap();
    let last = tracuu::parse_day(&timeline.periods.last().unwrap().from).unwrap();
    // Every day from the first to the last, gaps included.
    assert_eq!(timeline.periods.len() as i32, (last - first).whole_days() as i32 + 1);
    assert!(timeline.series[0].matching.contains(&0));
    let split = TimelineOptions {
        by: Interval::Year,
        split: Some(tracuu::FacetField::Province),
        top: 3,
        ..TimelineOptions::default()
    };
    let timeline = index.timeline(&Request::new("hoi nghi"), &split).unwrap();
    assert_eq!(timeline.series.len(), 3);
    for series in &timeline.series {
        let province = series.value.clone().unwrap();
        let filters = Filters {
            provinces: vec![province.clone()],
            ..Filters::default()
        };
        assert_eq!(series.total as usize, total(&index, "hoi nghi", filters), "{province}");
    }
    // Split and compare together are refused with a message.
    let both = TimelineOptions {
        compare: vec!["x".into()],
        ..split
    };
    assert!(matches!(
        index.timeline(&Request::new("hoi nghi"), &both),
        Err(tracuu::Error::BadQuery(_))
    ));
}

#[test]
fn kwic_finds_every_occurrence_as_written_and_sorts_in_vietnamese_order() {
    let (_home, index) = indexed();
    let mut lines = Vec::new();
    let report = index
        .kwic(&Request::new("phong chong"), &KwicOptions::default(), &mut |line| {
            lines.push(line.clone());
            Ok(())
        })
        .unwrap();
    // The oracle: occurrences of the phrase in the texts of the matching articles.
    let expected: usize = articles()
        .iter()
        .map(|a| a["body"].as_str().unwrap().matches("phòng chống").count())
        .sum();
    assert_eq!(report.occurrences, expected);
    assert_eq!(lines.len(), expected);
    assert!(lines.iter().all(|l| l.matched == "phòng chống"), "shown as written");
    assert!(lines
        .iter()
        .all(|l| l.right.starts_with(" tham") || l.right.starts_with(" dịch")));
    // Sorted right: "dịch" before "tham"; cut at the limit, and said so.
    let sorted = KwicOptions {
        sort: KwicSort::Right,
        limit: Some(5),
        ..KwicOptions::default()
    };
    let mut first = Vec::new();
    let report = index
        .kwic(&Request::new("phong chong"), &sorted, &mut |line| {
            first.push(line.right.clone());
            Ok(())
        })
        .unwrap();
    assert_eq!((first.len(), report.cut), (5, true));
    assert!(first.iter().all(|r| r.starts_with(" dịch")), "{first:?}");
}

#[test]
fn distinctive_words_of_a_topic_are_its_words_not_function_words() {
    let (_home, index) = indexed();
    let options = TermsOptions {
        min_docs: 2,
        top: 10,
        ..TermsOptions::default()
    };
    let terms = index.terms(&Request::new("tham nhũng"), &options).unwrap();
    let words: Vec<&str> = terms.terms.iter().map(|t| t.term.as_str()).collect();
    assert!(words.contains(&"hối lộ"), "{words:?}");
    for function_word in ["và", "của", "các", "về"] {
        assert!(!words.contains(&function_word), "{words:?}");
    }
    assert!(
        !words.contains(&"tham nhũng"),
        "the query's own word is left out: {words:?}"
    );
    // Counts are articles: "hối lộ" stands in every article about "tham nhũng".
    let row = &terms.terms[words.iter().position(|w| *w == "hối lộ").unwrap()];
    assert_eq!(
        row.hits as usize,
        total(&index, "\"tham nhũng\" \"hối lộ\"", Filters::default())
    );
    assert_eq!(row.background as usize, total(&index, "\"hối lộ\"", Filters::default()));
    // A facet's values ranked the same way: the provinces of the hits.
    let by_province = TermsOptions {
        field: Some(tracuu::FacetField::Province),
        min_docs: 1,
        ..TermsOptions::default()
    };
    let provinces = index.terms(&Request::new("tham nhũng"), &by_province).unwrap();
    assert!(provinces.terms.iter().all(|t| PROVINCES.contains(&t.term.as_str())));
    // Past the cap, a sample of the cap's size, said so.
    let capped = TermsOptions {
        cap: 20,
        min_docs: 1,
        ..TermsOptions::default()
    };
    let sampled = index.terms(&Request::new("tỉnh"), &capped).unwrap();
    assert_eq!(sampled.counted, 20);
    assert!(sampled.hits > 20);
    assert!(
        sampled.notes.iter().any(|n| n.contains("sample of 20")),
        "{:?}",
        sampled.notes
    );
}

/// The articles as a JSONL file indexed by the binary.
fn cli_index(home: &TempDir) -> PathBuf {
    let input = home.path().join("tin.jsonl");
    write_jsonl(&input, &articles());
    let idx = home.path().join("idx");
    let out = tracuu_at(&idx)
        .env("TRACUU_TODAY", "2024-06-30")
        .arg("index")
        .arg(&input)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    idx
}

#[test]
fn the_timeline_command_draws_tables_csv_and_svg() {
    let home = TempDir::new().unwrap();
    let idx = cli_index(&home);
    let table = stdout_of(tracuu_at(&idx).args(["timeline", "--by", "year", "--color", "always", "tham", "nhung"]));
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].starts_with("year") && lines[0].contains("in scope"), "{table}");
    assert!(lines[1].starts_with("2016 ") && lines[1].contains('█'), "{table}");
    assert!(lines[1].contains("\u{1b}["), "coloured bars: {table}");
    assert!(table.contains("undated"), "{table}");
    let by_month = stdout_of(tracuu_at(&idx).args(["timeline", "tham nhung"]));
    assert!(by_month.contains("dated less precisely than a month"), "{by_month}");
    let csv = stdout_of(tracuu_at(&idx).args(["timeline", "--by", "quarter", "--format", "csv", "tham nhung"]));
    assert!(csv.starts_with("period,from,to,series,matching,scope,share\n2016-Q1,2016-01-01,2016-03-31,tham nhung,"));
    let svg = home.path().join("chart.svg");
    let compare = ["--compare", "<b>nông thôn</b>"];
    tracuu_at(&idx)
        .args(["timeline", "--by", "year", "--svg"])
        .arg(&svg)
        .args(compare)
        .arg("tham nhung")
        .assert()
        .success();
    let drawn = std::fs::read_to_string(&svg).unwrap();
    assert!(
        drawn.starts_with("<svg") && drawn.contains("Số bài theo năm"),
        "{drawn}"
    );
    assert!(
        drawn.contains("&lt;b&gt;nông thôn&lt;/b&gt;") && !drawn.contains("<b>"),
        "escaped legend"
    );
    assert_eq!(drawn.matches("<polyline").count(), 2, "one line per series");
    let as_json = json(tracuu_at(&idx).args(["timeline", "--format", "json", "--split", "province", "--top", "2"]));
    assert_eq!(as_json["series"].as_array().unwrap().len(), 2);
    assert_eq!(as_json["by"], "month");
}

#[test]
fn the_kwic_and_terms_commands_print_what_they_found() {
    let home = TempDir::new().unwrap();
    let idx = cli_index(&home);
    let out = tracuu_at(&idx)
        .args(["kwic", "--width", "20", "--sort", "left", "-n", "4", "hoi", "nghi"])
        .output()
        .unwrap();
    let (table, stderr) = (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    );
    assert_eq!(table.lines().count(), 4, "{table}");
    // Aligned: the match starts at the same column on every line.
    let columns: Vec<usize> = table
        .lines()
        .map(|l| l[..l.find("hội nghị").unwrap()].chars().count())
        .collect();
    assert!(columns.iter().all(|&c| c == 20), "{table}");
    assert!(stderr.contains("the first 4 shown"), "{stderr}");
    let csv = stdout_of(tracuu_at(&idx).args(["kwic", "--format", "csv", "nong thon moi"]));
    let mut rows = csv.lines();
    assert_eq!(
        rows.next(),
        Some("left,match,right,id,date,province,source,title,offset")
    );
    assert!(rows.all(|r| r.contains(",nông thôn mới,")), "{csv}");
    tracuu_at(&idx).arg("kwic").assert().code(2);
    let terms = stdout_of(tracuu_at(&idx).args(["terms", "--min-docs", "2", "tham nhũng"]));
    assert!(
        terms.lines().next().unwrap().starts_with("words distinctive of"),
        "{terms}"
    );
    assert!(terms.contains("hối lộ"), "{terms}");
    let csv = stdout_of(tracuu_at(&idx).args(["terms", "--format", "csv", "--score", "jlh", "tham nhũng"]));
    assert!(csv.starts_with("term,hits,background,score\n"), "{csv}");
}

/// The shared corpora, beside the project (CI has them too).
fn shared(name: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/corpus")
        .join(name);
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{} is missing under CI",
        path.display()
    );
    eprintln!("skipped: {} not found", path.display());
    None
}

#[test]
fn on_real_news_the_words_of_corruption_are_its_vocabulary() {
    // The political subset, against a background that also holds general news.
    let (Some(party), Some(general)) = (
        shared("vietnews-party-subset.jsonl.gz"),
        shared("vntc-10topics.jsonl.gz"),
    ) else {
        return;
    };
    let home = TempDir::new().unwrap();
    let some_general = home.path().join("vntc-12000.jsonl");
    let lines = std::io::BufRead::lines(std::io::BufReader::new(flate2::read::MultiGzDecoder::new(
        std::fs::File::open(general).unwrap(),
    )));
    let mut out = std::io::BufWriter::new(std::fs::File::create(&some_general).unwrap());
    for line in lines.take(12_000) {
        writeln!(out, "{}", line.unwrap()).unwrap();
    }
    drop(out);
    let index = TracuuIndex::open_or_create(&home.path().join("idx")).unwrap();
    index
        .add_paths(&[party, some_general], &IndexOptions::default(), &mut ())
        .unwrap();
    let options = TermsOptions {
        top: 40,
        ..TermsOptions::default()
    };
    let terms = index.terms(&Request::new("tham nhũng"), &options).unwrap();
    let words: Vec<&str> = terms.terms.iter().map(|t| t.term.as_str()).collect();
    eprintln!("{words:?}");
    let vocabulary = [
        "hối lộ",
        "khởi tố",
        "tài sản",
        "lãng phí",
        "tiêu cực",
        "sai phạm",
        "kê khai tài sản",
        "tham ô",
    ];
    let found: Vec<&&str> = vocabulary.iter().filter(|w| words.contains(w)).collect();
    assert!(found.len() >= 3, "{found:?} of {vocabulary:?} among {words:?}");
    for function_word in ["của", "và", "được", "những", "các", "cho", "là"] {
        assert!(!words.contains(&function_word), "{function_word} in {words:?}");
    }
    let several_syllables = words.iter().filter(|w| w.contains(' ')).count();
    assert!(
        several_syllables * 2 >= words.len(),
        "mostly words of several syllables: {words:?}"
    );
}
