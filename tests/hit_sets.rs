//! The set of matching articles is what the query means (issue "hit sets a
//! researcher can count on"): every case found wrong on the full corpus,
//! on a small corpus built to show each one, through the real binary.

mod common;

use common::{hit_ids, index_file, json, tracuu_at};
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// (id, title, body, date, province)
const ARTICLES: &[(&str, &str, &str, &str, &str)] = &[
    (
        "both",
        "Chống tham nhũng, hối lộ",
        "Vụ án tham nhũng và nhận hối lộ được đưa ra xét xử.",
        "2017-03-01",
        "Hà Nội",
    ),
    (
        "china",
        "Nhận diện tham nhũng ở Trung Quốc",
        "Tình trạng tham nhũng ở Trung Quốc được phân tích.",
        "2017-04-02",
        "",
    ),
    (
        "bribe",
        "Bắt quả tang nhận hối lộ",
        "Cán bộ nhận hối lộ bị bắt.",
        "2017-05-03",
        "Nghệ An",
    ),
    (
        "tour",
        "Đoàn tham quan",
        "Đoàn tham quan những di tích lịch sử của tỉnh.",
        "2017-06-04",
        "Nghệ An",
    ),
    (
        "gold",
        "Giá vàng biến động",
        "Giá vàng biến động mạnh. Người dân ra biển vào mùa đông.",
        "2016-01-05",
        "",
    ),
    (
        "sea",
        "Tàu cá trên Biển Đông",
        "Ngư dân bám biển trên Biển Đông.",
        "2016-02-06",
        "Quảng Ngãi",
    ),
    (
        "seized",
        "Xe bị thu giữ",
        "Chiếc xe vi phạm bị thu giữ tại chỗ.",
        "2016-03-07",
        "",
    ),
    (
        "secretary",
        "Bí thư Tỉnh ủy làm việc",
        "Bí thư Tỉnh ủy Nghệ An làm việc với huyện.",
        "2017-07-08",
        "Nghệ An",
    ),
    (
        "factors",
        "Các yếu tố làm tăng giá",
        "Nhiều yếu tố làm tăng giá. Mưa to làm ngập đường.",
        "2016-04-09",
        "",
    ),
    (
        "minister",
        "Bộ trưởng Tô Lâm thăm tỉnh",
        "Đại tướng Tô Lâm làm việc tại tỉnh.",
        "2017-08-10",
        "Nghệ An",
    ),
    (
        "crime",
        "Tạm giữ đối tượng",
        "Ngày 19-9, chị Trần Thị Bích khai báo với công an.",
        "2016-05-11",
        "",
    ),
    (
        "directive",
        "Quán triệt Chỉ thị số 19-CT/TW",
        "Hội nghị quán triệt Chỉ thị số 19-CT/TW của Ban Bí thư tại Hà Tĩnh.",
        "2017-09-12",
        "Hà Tĩnh",
    ),
    (
        "directive2",
        "Hà Tĩnh thực hiện Chỉ thị 19",
        "Tỉnh thực hiện Chỉ thị 19 về công tác dân vận.",
        "2017-10-13",
        "Hà Tĩnh",
    ),
    (
        "resolution",
        "Sắp xếp bộ máy",
        "Thực hiện Nghị quyết 18-NQ/TW về tinh gọn bộ máy.",
        "2018-01-14",
        "",
    ),
    ("fuel", "Giá xăng tăng", "Giá xăng tăng lần thứ ba.", "2018-02-15", ""),
    (
        "sea_copy_orig",
        "Bien Dong hom nay",
        "Ngu dan bam bien tren Bien Dong.",
        "2018-03-16",
        "",
    ),
];

/// A syndicated copy of `sea_copy_orig` written with accents: the same text
/// once accents are set aside, so indexed as a hidden copy of it.
const COPY: (&str, &str, &str) = ("sea_copy", "Biển Đông hôm nay", "Ngư dân bám biển trên Biển Đông.");

fn corpus(dir: &Path) -> PathBuf {
    let path = dir.join("tin.jsonl");
    let mut lines = String::new();
    for (id, title, body, date, province) in ARTICLES {
        let mut line = serde_json::json!({"id": id, "title": title, "body": body, "date": date});
        if !province.is_empty() {
            line["province"] = serde_json::json!(province);
        }
        lines.push_str(&format!("{line}\n"));
    }
    let (id, title, body) = COPY;
    lines.push_str(&format!(
        "{}\n",
        serde_json::json!({"id": id, "title": title, "body": body})
    ));
    std::fs::write(&path, lines).unwrap();
    path
}

struct Fixture {
    _home: TempDir,
    index: PathBuf,
}

fn fixture() -> Fixture {
    let home = TempDir::new().unwrap();
    let index = home.path().join("idx");
    index_file(&index, &corpus(home.path())).stderr(predicates::str::contains("1 duplicates"));
    Fixture { _home: home, index }
}

impl Fixture {
    fn search(&self, args: &[&str]) -> Value {
        json(
            tracuu_at(&self.index)
                .args(["search", "--format", "json", "--limit", "100"])
                .args(args),
        )
    }

    /// The ids found, sorted.
    fn ids(&self, args: &[&str]) -> Vec<String> {
        let mut ids = hit_ids(&self.search(args));
        ids.sort();
        ids
    }

    fn first(&self, args: &[&str]) -> String {
        hit_ids(&self.search(args)).remove(0)
    }
}

fn sorted(ids: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

#[test]
fn boolean_operators_are_set_algebra_with_words_of_several_syllables() {
    let f = fixture();
    let corruption = f.ids(&["tham nhũng"]);
    let bribery = f.ids(&["hối lộ"]);
    assert_eq!(corruption, sorted(&["both", "china"]));
    assert_eq!(bribery, sorted(&["both", "bribe"]));
    assert_eq!(f.ids(&["tham nhũng OR hối lộ"]), sorted(&["both", "bribe", "china"]));
    assert_eq!(f.ids(&["tham nhũng AND hối lộ"]), ["both"]);
    assert_eq!(f.ids(&["tham nhũng hối lộ"]), ["both"], "words side by side are ANDed");
    assert_eq!(f.ids(&["tham nhũng AND NOT \"Trung Quốc\""]), ["both"]);
    assert_eq!(
        f.ids(&["tham nhũng -Trung Quốc"]),
        ["both"],
        "- takes the whole next word"
    );
    assert_eq!(f.ids(&["bí thư AND abc"]), Vec::<String>::new());
    assert_eq!(
        f.ids(&["(tham nhũng OR hối lộ) -\"Trung Quốc\""]),
        sorted(&["both", "bribe"])
    );
}

#[test]
fn words_of_several_syllables_match_as_units() {
    let f = fixture();
    // "tham" and "những" in the tour article do not make "tham nhũng".
    assert!(!f.ids(&["tham nhung"]).contains(&"tour".to_string()));
    assert_eq!(f.ids(&["tham nhung"]), sorted(&["both", "china"]));
    // The old loose matching, on request.
    assert!(f
        .ids(&["--match", "any-order", "tham nhung"])
        .contains(&"tour".to_string()));
    assert_eq!(f.ids(&["giá xăng"]), ["fuel"]);
}

#[test]
fn accents_typed_are_matched_at_their_positions_and_highlights_follow() {
    let f = fixture();
    // "biến động" and, elsewhere, "biển" and "đông" are not "Biển Đông".
    let sea = f.ids(&["\"Biển Đông\""]);
    assert!(!sea.contains(&"gold".to_string()), "{sea:?}");
    assert!(sea.contains(&"sea".to_string()));
    assert_eq!(f.ids(&["Biển Đông"]), sea, "quoted or not, one word");
    // Without accents every form matches.
    assert!(f.ids(&["bien dong"]).contains(&"gold".to_string()));
    // "bí thư" is not "bị thu", in hits and in highlights.
    assert_eq!(f.ids(&["bí thư"]), sorted(&["directive", "secretary"]));
    let results = f.search(&["bí thư"]);
    for hit in results["hits"].as_array().unwrap() {
        let snippet = hit["snippet"].as_str().unwrap();
        for range in hit["highlights"].as_array().unwrap() {
            let (a, b) = (range[0].as_u64().unwrap() as usize, range[1].as_u64().unwrap() as usize);
            let marked = snippet[a..b].to_lowercase();
            assert!(marked == "bí" || marked == "thư", "{marked:?} marked in {snippet:?}");
        }
    }
    // A copy written with accents counts for its original (written without).
    let results = f.search(&["\"Biển Đông\""]);
    assert!(hit_ids(&results).contains(&"sea_copy_orig".to_string()), "{results}");
    assert!(
        !hit_ids(&results).contains(&"sea_copy".to_string()),
        "copies stay hidden"
    );
    // Fullwidth letters are their ordinary forms.
    assert_eq!(f.ids(&["ｔｈａｍ ｎｈũｎｇ"]), f.ids(&["tham nhũng"]));
}

#[test]
fn an_accented_query_that_finds_nothing_falls_back_and_says_so() {
    let f = fixture();
    let results = f.search(&["tham nhủng"]);
    assert_eq!(hit_ids(&results).len(), 2, "{results}");
    let notes = results["notes"].as_array().unwrap();
    assert!(
        notes.iter().any(|n| n.as_str().unwrap().contains("without accents")),
        "{notes:?}"
    );
    tracuu_at(&f.index)
        .args(["search", "tham nhủng"])
        .assert()
        .success()
        .stderr(predicates::str::contains("without accents"));
    // Facets and export fall back alike.
    let facets = json(tracuu_at(&f.index).args(["facets", "--format", "json", "tham nhủng"]));
    assert_eq!(facets["total"], 2);
    // --accents exact never falls back.
    assert_eq!(f.search(&["--accents", "exact", "tham nhủng"])["total"], 0);
}

#[test]
fn names_and_codes_rank_first() {
    let f = fixture();
    assert_eq!(f.first(&["to lam"]), "minister");
    for query in ["Chỉ thị 19", "chi thi 19", "CT 19", "chỉ thị số 19"] {
        let ids = f.ids(&[query]);
        assert_eq!(ids, sorted(&["directive", "directive2"]), "{query}");
    }
    assert_eq!(f.ids(&["nghị quyết 18"]), ["resolution"]);
    assert_eq!(f.ids(&["NQ 18"]), ["resolution"]);
}

#[test]
fn filters_alone_list_articles_newest_first() {
    let f = fixture();
    let results = f.search(&["--province", "nghe an", "--year", "2017"]);
    let ids = hit_ids(&results);
    assert_eq!(ids, ["minister", "secretary", "tour", "bribe"], "newest first");
    assert_eq!(f.search(&["*", "--province", "nghe an", "--year", "2017"])["total"], 4);
    assert_eq!(
        f.search(&["--sort", "score", "--province", "nghe an", "--year", "2017"])["hits"][0]["id"],
        "minister"
    );
    // Only exclusions: every article but those.
    let all = f.search(&[])["total"].as_u64().unwrap();
    assert_eq!(all as usize, ARTICLES.len());
    // (A query starting with "-" follows "--", as for any command-line tool.)
    let without = f.search(&["--", "-tham nhũng"])["total"].as_u64().unwrap();
    assert_eq!(without, all - 2);
    // Export takes filters alone too, and agrees with search.
    let out = tracuu_at(&f.index)
        .args([
            "export",
            "--format",
            "jsonl",
            "--fields",
            "id",
            "--province",
            "nghe an",
            "--year",
            "2017",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 4);
}

#[test]
fn or_meeting_words_side_by_side_is_read_as_documented_and_announced() {
    let f = fixture();
    let results = f.search(&["bí thư Nghệ An OR Hà Tĩnh"]);
    assert_eq!(results["read_as"], "(\"bí thư\" AND \"Nghệ An\") OR \"Hà Tĩnh\"");
    assert!(results["notes"][0].as_str().unwrap().contains("read as"));
    assert_eq!(
        hit_ids(&results).len(),
        3,
        "secretary, directive, directive2: {results}"
    );
    let grouped = f.search(&["bí thư (Nghệ An OR Hà Tĩnh)"]);
    assert_eq!(grouped["notes"].as_array().unwrap().len(), 0);
    assert_eq!(
        f.ids(&["bí thư (Nghệ An OR Hà Tĩnh)"]),
        sorted(&["directive", "secretary"])
    );
}

#[test]
fn worked_examples_of_segmentation() {
    let f = fixture();
    let read_as = |q: &str| f.search(&[q])["read_as"].as_str().unwrap().to_string();
    assert_eq!(read_as("giá xăng"), "\"giá xăng\"");
    assert_eq!(read_as("tham nhũng Hà Nội"), "\"tham nhũng\" AND \"Hà Nội\"");
    assert_eq!(read_as("Trung Quốc"), "\"Trung Quốc\"");
    assert_eq!(read_as("trung quoc"), "\"trung quoc\"");
    assert_eq!(
        read_as("ông Nguyễn Văn Thanh phát biểu"),
        "ông AND \"Nguyễn Văn Thanh\" AND \"phát biểu\""
    );
    assert_eq!(read_as("19-CT/TW"), "\"19-CT/TW\"");
    assert_eq!(read_as("Chỉ thị 19"), "\"Chỉ thị 19\"");
}

#[test]
fn total_facets_and_export_count_the_same_set() {
    let f = fixture();
    for query in [
        "tham nhũng OR hối lộ",
        "\"Biển Đông\"",
        "bien dong",
        "-tham nhũng",
        "tham nhủng",
    ] {
        let total = f.search(&["--", query])["total"].as_u64().unwrap();
        let facets = json(tracuu_at(&f.index).args(["facets", "--format", "json", "--", query]));
        assert_eq!(facets["total"].as_u64().unwrap(), total, "{query}");
        let out = tracuu_at(&f.index)
            .args(["export", "--format", "jsonl", "--fields", "id", "--", query])
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).lines().count() as u64,
            total,
            "{query}"
        );
    }
}
