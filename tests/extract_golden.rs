//! Metadata of the five bundled articles, as a careful reader finds it.

use tantivy::time::{Date, Month};
use tracuu::extract::{extract, Metadata, Official, RawArticle};

fn seed(prefix: &str) -> (String, Metadata) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
    let path = std::fs::read_dir(dir)
        .expect("corpus/ is readable")
        .map(|e| e.expect("corpus entry").path())
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(prefix)))
        .expect("seed article exists");
    let text = std::fs::read_to_string(path).expect("seed is UTF-8");
    let metadata = extract(&RawArticle {
        text: &text,
        ..RawArticle::default()
    });
    (text, metadata)
}

fn date(y: i32, m: u8, d: u8) -> Option<Date> {
    Some(Date::from_calendar_date(y, Month::try_from(m).unwrap(), d).unwrap())
}

fn officials(list: &[(&str, &str)]) -> Vec<Official> {
    list.iter()
        .map(|(name, role)| Official {
            name: name.to_string(),
            role: role.to_string(),
        })
        .collect()
}

/// Cleaning never drops a real paragraph: every long line of the file is in
/// the body, and the headline is not.
fn assert_paragraphs_kept(text: &str, m: &Metadata) {
    for line in text.lines().map(str::trim).filter(|l| l.len() > 80) {
        if line == m.title {
            continue;
        }
        assert!(m.body.contains(line), "paragraph dropped: {line}");
    }
    assert!(!m.body.starts_with(&m.title), "headline left in the body");
    assert_eq!(m.body, m.body.trim());
}

fn assert_no_debris(m: &Metadata, debris: &[&str]) {
    for d in debris {
        assert!(!m.body.contains(d), "debris left: {d}");
        assert!(!m.title.contains(d), "debris in the headline: {d}");
    }
}

#[test]
fn seed_000_ninh_thuan_known_only_through_its_leaders() {
    let (text, m) = seed("000_");
    assert_eq!(
        m.title,
        "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 14: Đề ra phương hướng, nhiệm vụ năm 2023"
    );
    // "Ngày 2/12": reviews 2022, plans 2023.
    assert_eq!(m.date.map(|d| d.date), date(2022, 12, 2));
    assert_eq!(m.year, Some(2022));
    // The text never names the province; its Bí thư and Chủ tịch UBND in
    // December 2022 were Ninh Thuận's.
    assert_eq!(m.province.as_deref(), Some("Ninh Thuận"));
    assert_eq!(m.province_2025.as_deref(), Some("Khánh Hòa"));
    assert_eq!(
        m.officials,
        officials(&[
            ("Nguyễn Đức Thanh", "Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy"),
            ("Trần Quốc Nam", "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh"),
        ])
    );
    assert!(m.body.starts_with("Ngày 2/12, Ban Chấp hành Đảng bộ tỉnh"));
    assert_paragraphs_kept(&text, &m);
}

#[test]
fn seed_001_thanh_hoa_year_end_conference() {
    let (text, m) = seed("001_");
    assert_eq!(
        m.title,
        "Hội nghị trực tuyến toàn tỉnh về triển khai nhiệm vụ kinh tế - xã hội, quốc phòng - an ninh và phát động phong trào thi đua năm 2023"
    );
    // "Sáng 28-12": the 2023 plans are made in December 2022.
    assert_eq!(m.date.map(|d| d.date), date(2022, 12, 28));
    assert_eq!(m.year, Some(2022));
    // "UBND tỉnh Thanh Hoá" and "tỉnh Thanh Hóa": one province.
    assert_eq!(m.province.as_deref(), Some("Thanh Hóa"));
    assert_eq!(m.province_2025.as_deref(), Some("Thanh Hóa"));
    assert_eq!(
        m.officials,
        officials(&[
            (
                "Đỗ Trọng Hưng",
                "Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh"
            ),
            ("Đỗ Minh Tuấn", "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh"),
            ("Hà Văn Ca", "Ủy viên BCH Tỉnh ủy, Bí thư Huyện ủy, Chủ tịch HĐND huyện"),
            ("Nguyễn Văn Bình", "Phó Bí thư Huyện ủy, Chủ tịch UBND huyện"),
            (
                "Phạm Thị Thanh Thủy",
                "Trưởng Ban Dân vận Tỉnh ủy, Chủ tịch Ủy ban MTTQ tỉnh"
            ),
        ])
    );
    // The photographer is credited, not an official.
    assert!(!m.officials.iter().any(|o| o.name.contains("Hồ Th")));
    assert!(m.body.ends_with("Tin, ảnh: Hồ Thuỷ"));
    assert_paragraphs_kept(&text, &m);
}

#[test]
fn seed_002_tra_vinh_january_session_and_page_debris() {
    let (text, m) = seed("002_");
    assert_eq!(m.title, "Bí thư Tỉnh ủy Ngô Chí Cường: Khắc phục tình trạng 4 không");
    // "sáng ngày 4/1": reviews 2023, plans 2024, held in January 2024.
    assert_eq!(m.date.map(|d| d.date), date(2024, 1, 4));
    assert_eq!(m.year, Some(2024));
    // Ngô Chí Cường was Bí thư Tỉnh ủy Trà Vinh from 2020 to 2025.
    assert_eq!(m.province.as_deref(), Some("Trà Vinh"));
    assert_eq!(m.province_2025.as_deref(), Some("Vĩnh Long"));
    assert_eq!(m.officials, officials(&[("Ngô Chí Cường", "Bí thư Tỉnh ủy")]));
    assert_no_debris(&m, &["Lượt xem", "0:00", "anh tin bai", "no image", "Mã kiểm tra"]);
    assert!(m.body.starts_with("Qua 1,5 ngày diễn ra"));
    assert!(m.body.contains("\nQuang cảnh hội nghị\n"), "captions stay in the body");
    assert!(m.body.ends_with("Nguyên Chương"));
    assert_paragraphs_kept(&text, &m);
}

#[test]
fn seed_003_hau_giang_with_section_label_and_update_date() {
    let (text, m) = seed("003_");
    assert_eq!(
        m.title,
        "Hậu Giang: Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 7, nhiệm kỳ 2022 - 2025"
    );
    // "Ngày 28/12", updated "(30/12/2021)".
    assert_eq!(m.date.map(|d| d.date), date(2021, 12, 28));
    assert_eq!(m.year, Some(2021));
    assert_eq!(m.province.as_deref(), Some("Hậu Giang"));
    assert_eq!(m.province_2025.as_deref(), Some("Cần Thơ"));
    assert_eq!(
        m.officials,
        officials(&[
            (
                "Nghiêm Xuân Thành",
                "Ủy viên Ban Chấp hành Trung ương Đảng, Bí thư Tỉnh ủy"
            ),
            (
                "Trần Văn Huyến",
                "Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch Hội đồng nhân dân tỉnh"
            ),
            ("Đồng Văn Thanh", "Phó Bí thư Tỉnh ủy, Chủ tịch Ủy ban nhân dân tỉnh"),
        ])
    );
    assert_no_debris(
        &m,
        &[
            "Văn hóa xã hội\n",
            "Số lần xem",
            "29.12.21.1.jpg",
            "Các ý kiến của bạn đọc",
        ],
    );
    assert!(m.body.starts_with("Ngày 28/12, tại Trung tâm Hội nghị tỉnh"));
    assert!(m.body.ends_with("tầm nhìn đến năm 2035.\nThanh Tâm"));
    assert_paragraphs_kept(&text, &m);
}

#[test]
fn seed_004_hai_duong_under_a_misleading_portal_date() {
    let (text, m) = seed("004_");
    assert_eq!(
        m.title,
        "Bế mạc Hội nghị lần thứ 17 Ban Chấp hành Đảng bộ tỉnh Hải Dương khóa XVII"
    );
    // "Sáng 1/12" under a portal header dated 23/4/2023: the report is of
    // December 2023 (it plans 2024).
    assert_eq!(m.date.map(|d| d.date), date(2023, 12, 1));
    assert_eq!(m.year, Some(2023));
    assert_eq!(m.province.as_deref(), Some("Hải Dương"));
    assert_eq!(m.province_2025.as_deref(), Some("Hải Phòng"));
    assert_eq!(m.officials, officials(&[("Trần Đức Thắng", "Bí thư Tỉnh ủy")]));
    assert_no_debris(
        &m,
        &["Đăng nhập", "Cổng thông tin điện tử", "English", "中文", "23/4/2023"],
    );
    assert!(m.body.starts_with("Sáng 1/12, sau 1,5 ngày làm việc"));
    assert_paragraphs_kept(&text, &m);
}

#[test]
fn a_given_date_and_province_win_over_the_text() {
    let (text, _) = seed("004_");
    let m = extract(&RawArticle {
        title: Some("Bế mạc Hội nghị"),
        text: &text,
        date: date(2023, 12, 2),
        province: Some("hai duong"),
        ..RawArticle::default()
    });
    assert_eq!(m.title, "Bế mạc Hội nghị");
    assert_eq!((m.date.map(|d| d.date), m.year), (date(2023, 12, 2), Some(2023)));
    assert_eq!(m.province.as_deref(), Some("Hải Dương"));
    assert_eq!(m.province_2025.as_deref(), Some("Hải Phòng"));
    // With a title given, every line of the text is body (debris still goes).
    assert!(m.body.starts_with("Bế mạc Hội nghị lần thứ 17"));
    assert!(!m.body.contains("Đăng nhập"));
}
