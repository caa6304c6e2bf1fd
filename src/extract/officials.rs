//! Officials: people named with a public or Party post.
//!
//! Three shapes cover how Vietnamese news names officials:
//!
//! - title first: "Bí thư Tỉnh ủy Hải Dương Trần Đức Thắng" — a title head,
//!   the body it belongs to (capitalised words, acronyms, a few lower-case
//!   words such as "tỉnh", a province name, the lower-case syllables of a
//!   body's name: "Sở Xây dựng"), then the name;
//! - honorific first: "đồng chí Nguyễn Đức Thanh, Ủy viên Trung ương Đảng, Bí
//!   thư Tỉnh ủy" — the name right after the honorific, then optionally the
//!   roles after a comma or dash;
//! - name then title: "…; Hoàng Thanh Vân, nguyên Bí thư Huyện ủy" — a name
//!   set off by punctuation, then a comma and the title.
//!
//! Names joined by commas, semicolons or "và" after a title or after "các
//! ông", "các đồng chí" share that title ("Thứ trưởng A, B").
//!
//! A name is 2–4 capitalised syllables starting with a known surname, so
//! short references ("ông Đọc", "đồng chí Bí thư") and credits without a
//! title ("Tin, ảnh: Hồ Thuỷ") name nobody. Only people given a public or
//! Party post somewhere in the text (or called "đồng chí", which the news
//! keeps for Party members) are reported: "bà X trình bày bức xúc" and a
//! company's director are no officials. A country named in the title
//! ("Chủ tịch Trung Quốc Tập Cận Bình") makes its holder foreign.

use super::folded::{fold_lower, is_acronym, is_capitalised, word_at_or_after, word_before, Folded, Word};
use super::gazetteer::{
    canonical_name, exact_phrase, fold_phrase, lower_exact, Gazetteer, Hit, Pattern, FOREIGN_HEADS,
};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// An official as found: canonical name, role text, where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub name: String,
    pub role: String,
    /// Folded offset of the first mention.
    pub pos: usize,
    /// Holds office abroad; Vietnamese officials are `false`.
    pub foreign: bool,
    /// For a foreign office holder, the country or body, when named.
    pub country: Option<String>,
    /// Called "đồng chí": a Party member, an official even without a post.
    pub comrade: bool,
}

/// Lower-case words that belong to the bodies in titles ("Tỉnh ủy", "Ủy ban
/// nhân dân tỉnh", "Ban Chấp hành Trung ương", "Bộ Công an"), in exact form.
#[rustfmt::skip]
const ROLE_WORDS: &[&str] = &[
    "ủy", "ban", "tỉnh", "huyện", "thành", "phố", "xã", "thị", "trấn", "quận", "phường", "nhân",
    "dân", "trung", "ương", "chấp", "hành", "thường", "trực", "vụ", "quốc", "hội", "đồng", "phủ",
    "nước", "viên", "kiểm", "tra", "tổ", "chức", "tuyên", "giáo", "vận", "nội", "chính", "sát",
    "án", "khóa", "tịch", "thư", "trưởng", "đốc", "đoàn", "mặt", "trận", "tộc", "đảng", "bộ",
    "công", "an", "quân", "sự", "văn", "phòng", "tòa", "cục", "sở", "ty",
];

/// Of those, the words a role may end with ("Chủ tịch UBND tỉnh", "Trưởng
/// Ban Dân vận"), so "Bí thư Tỉnh ủy công bố" ends before "công".
#[rustfmt::skip]
const ROLE_FINAL_WORDS: &[&str] = &[
    "ủy", "bộ", "tỉnh", "huyện", "phố", "xã", "trấn", "quận", "phường", "dân", "ương", "hành", "vụ",
    "trực", "quốc", "hội", "phủ", "nước", "viên", "tra", "chức", "giáo", "vận", "chính", "sát",
    "án", "đảng", "an", "sự", "tộc", "trận", "ty",
];

/// Capitalised words that never belong to a person's name: they start or
/// continue a title or a body ("Nguyễn Văn A Phó Chủ tịch" without a comma).
#[rustfmt::skip]
const NOT_IN_NAMES: &[&str] = &[
    "tỉnh", "ủy", "huyện", "đảng", "bộ", "sở", "ban", "phó", "xã", "quận", "phường", "trưởng",
    "tịch", "thư", "ubnd", "hđnd",
];

/// Function, time and common verb words that, capitalised, start the next
/// sentence or clause of text run together ("Đinh La Thăng Ngay sau…",
/// "Nguyễn Xuân Phúc Tại hội nghị"): never the third or fourth syllable of a
/// name. Words that are also given names ("Sáng", "Năm", "Phát") are left out.
#[rustfmt::skip]
const GLUE_WORDS: &[&str] = &[
    "ngay", "tại", "cho", "đã", "đang", "sẽ", "vừa", "khi", "theo", "trong", "sau", "trước", "với",
    "về", "và", "là", "cùng", "còn", "nhưng", "được", "bị", "hôm", "ngày", "tháng", "nói", "cũng",
    "thì", "đến", "chiều", "tối", "trưa", "đêm",
];

/// Lower-case words that end the name of a body inside a title: verbs and
/// function words ("Giám đốc Sở Y tế cho biết" is no body "Y tế cho biết").
#[rustfmt::skip]
const NOT_IN_BODIES: &[&str] = &[
    "cho", "biết", "đã", "đang", "sẽ", "là", "của", "về", "với", "khi", "nói", "cũng", "được",
    "bị", "có", "này", "đó", "thì", "mà", "để", "đến", "từ", "trong", "sau", "trước", "vừa",
    "theo", "cùng", "còn", "nhưng", "như", "những", "các", "một", "ông", "bà", "đề", "nghị",
    "khẳng", "nhấn", "yêu", "cầu", "ký", "trả", "lời", "rằng", "tại", "và",
];

/// Words between a name and its post in appointment news: "ông X thôi
/// chức Bí thư", "ông X nhận nhiệm vụ làm Chủ nhiệm", "ông X được bổ nhiệm
/// giữ chức", "ông X là Giám đốc Sở", "ông X từng giữ chức".
#[rustfmt::skip]
const APPOINTMENT_WORDS: &[&str] = &[
    "giữ", "thôi", "chức", "vụ", "làm", "nhận", "nhiệm", "được", "bổ", "bầu", "điều", "động",
    "đảm", "kiêm", "phân", "công", "tái", "đắc", "cử", "trúng", "giao", "là", "hiện", "đang",
    "từng", "nay", "sẽ", "vừa",
];

/// Of those, the words that make the phrase name a post (without one,
/// "ông X được Bí thư Tỉnh ủy khen" names the Bí thư's post, not X's).
const APPOINTMENT_KEYS: &[&str] = &["chức", "làm", "nhiệm", "kiêm", "bầu", "cử", "là"];

/// Words before a title or honorific that make it several people's: "hai
/// Thứ trưởng Bộ Công thương là ông A và ông B", "các ông A, B", "gồm ông
/// A; B; C".
const PLURAL_MARKERS: &[&str] = &["các", "hai", "ba", "bốn", "năm", "những", "gồm"];

/// Bodies whose heads hold no public office: companies, banks, boards,
/// universities, sports federations, trade associations, cooperatives (a state-owned firm's director is a
/// business executive, not an official). Folded, as [`fold_phrase`] gives.
const BUSINESS_BODIES: &[&str] = &[
    "cong ty",
    "tap doan",
    "ngan hang",
    "hdqt",
    "hoi dong quan tri",
    "hdtv",
    "hoi dong thanh vien",
    "hdtq",
    "doanh nghiep",
    "lien doan bong da",
    // Its abbreviations: LĐBĐ VN, LĐBĐVN.
    "ldbd",
    "ldbdvn",
    "vff",
    "clb",
    "cau lac bo",
    "dai hoc",
    // "Cảng hàng không…": a role chain ends after "hàng".
    "cang hang",
    "hiep hoi",
    "hop tac xa",
    "htx",
    "group",
];

/// The public bank among them ("Thống đốc Ngân hàng Nhà nước").
const PUBLIC_BANK: &str = "ngan hang nha nuoc";

/// Title heads that alone name no public post: an official director or
/// secretary general says whose ("Giám đốc Sở", "Giám đốc Công an tỉnh",
/// "Tổng Thư ký Quốc hội"); alone they are a company's, a federation's or an
/// association's ("Tổng thư ký Trần Quốc Tuấn" of the football federation).
const BUSINESS_HEADS: &[&str] = &[
    "giam doc",
    "pho giam doc",
    "tong giam doc",
    "pho tong giam doc",
    "gd",
    "pgd",
    "tong thu ky",
    "pho tong thu ky",
];

/// Words after which a capitalised word starts a compound whose next
/// syllable is lower-case: "Sở Du lịch", "Viện Nghiên cứu", "Hội đồng Lý
/// luận", "Khoa học và Công nghệ".
#[rustfmt::skip]
const COMPOUND_AFTER: &[&str] = &[
    "sở", "viện", "bộ", "ban", "đồng", "cục", "ty", "hội", "vụ", "đoàn", "phòng", "và", "đốc",
    "trưởng", "tịch", "thư", "nhiệm",
];

/// Lower-case syllables in a row a body's name may have after a
/// capitalised word ("Sở Thông tin truyền thông").
const MAX_BODY_LOWER: usize = 3;

/// A set of words matched in folded text: folded keys for a test without
/// allocation, then the exact form to confirm the accents.
struct WordSet {
    folded: HashSet<String>,
    exact: &'static [&'static str],
}

impl WordSet {
    fn new(exact: &'static [&'static str]) -> WordSet {
        WordSet {
            folded: exact.iter().map(|w| fold_phrase(w)).collect(),
            exact,
        }
    }

    fn contains(&self, f: &Folded<'_>, w: Word) -> bool {
        let word = w.text(&f.text);
        let mut buf = [0u8; 16];
        let Some(lower) = buf.get_mut(..word.len()) else {
            return false;
        };
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        std::str::from_utf8(lower).is_ok_and(|key| self.folded.contains(key))
            && self.exact.contains(&exact_word(f, w).as_str())
    }
}

fn not_in_names() -> &'static WordSet {
    static SET: OnceLock<WordSet> = OnceLock::new();
    SET.get_or_init(|| WordSet::new(NOT_IN_NAMES))
}

fn appointment_words() -> &'static WordSet {
    static SET: OnceLock<WordSet> = OnceLock::new();
    SET.get_or_init(|| WordSet::new(APPOINTMENT_WORDS))
}

fn glue_words() -> &'static WordSet {
    static SET: OnceLock<WordSet> = OnceLock::new();
    SET.get_or_init(|| WordSet::new(GLUE_WORDS))
}

/// Longest run of words a title and its body span before the name.
const MAX_TITLE_WORDS: usize = 14;

/// Every official named in `f`, in order of first mention, deduplicated.
pub fn find(f: &Folded<'_>, hits: &[Hit], g: &Gazetteer) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    // One person, whatever the i/y spelling ("Sĩ"/"Sỹ"): exact form → index.
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut consumed = 0;
    for (i, hit) in hits.iter().enumerate() {
        if hit.start < consumed {
            continue;
        }
        let parsed = match hit.what {
            Pattern::Title => title_first(f, hits, i, g).or_else(|| name_then_title(f, hits, i, g, consumed)),
            Pattern::Honorific => honorific_first(f, hits, hit, g),
            _ => None,
        };
        let Some((first, mut end)) = parsed else {
            continue;
        };
        let mut listed = vec![first];
        if opens_list(f, hit, &listed[0]) {
            let plural = is_plural(f, hit);
            while let Some((next, next_end)) = listed_after(f, hits, end, g, &listed[0], plural) {
                listed.push(next);
                end = next_end;
            }
            if plural && listed.len() > 1 {
                end = share_trailing_role(f, hits, g, &mut listed, end);
            }
        }
        consumed = end;
        for mut official in listed {
            official.role = public_role(official.role);
            let key = exact_phrase(&official.name);
            match seen.get(&key) {
                Some(&known) => absorb(&mut found[known], official),
                None => {
                    seen.insert(key, found.len());
                    found.push(official);
                }
            }
        }
    }
    let mut out = merge_short_forms(found);
    // Named with no post anywhere in the text: no official.
    out.retain(|o| !o.role.is_empty() || o.comrade);
    // "Chủ tịch Hồ Cẩm Đào" without his country: still China's.
    for official in out.iter_mut().filter(|o| !o.foreign && g.is_foreign_name(&o.name)) {
        official.foreign = true;
    }
    out
}

/// A later mention of a known person: it may give the post the first did
/// not (and with it whether the post is abroad). A post abroad, once named
/// ("Chủ tịch nước Trung Quốc Hồ Cẩm Đào"), makes every mention foreign.
fn absorb(known: &mut Found, later: Found) {
    if known.role.is_empty() || (later.foreign && !known.foreign) {
        known.role = later.role;
        known.foreign = later.foreign;
        known.country = later.country;
    }
    known.comrade |= later.comrade;
    known.pos = known.pos.min(later.pos);
}

/// Party and state posts that make a role public whatever else it holds
/// ("Bí thư Đảng ủy, Chủ tịch HĐTV Tập đoàn"). Folded.
const PARTY_OR_STATE: &[&str] = &[
    "bi thu",
    "uy vien",
    "dai bieu",
    "ubnd",
    "hdnd",
    "uy ban nhan dan",
    "quoc hoi",
];

/// The role if it is a public or Party post, else empty: "Giám đốc Công ty
/// Điện lực", "Chủ tịch HĐQT" and a bare "Giám đốc" are business posts, and
/// so is a role of several titles one of which is ("Chủ tịch HĐQT, Tổng
/// giám đốc Vinamilk"), unless another is a Party or state post.
fn public_role(role: String) -> String {
    if role.is_empty() {
        return role;
    }
    let folded = fold_lower(&role);
    let parts: Vec<&str> = folded.split([',', ';']).map(str::trim).collect();
    let business = parts.iter().any(|key| {
        let body = key.trim_start_matches("nguyen ");
        BUSINESS_HEADS.contains(&body)
            || (BUSINESS_BODIES.iter().any(|b| contains_words(key, b)) && !contains_words(key, PUBLIC_BANK))
    });
    let party_or_state = parts
        .iter()
        .any(|key| PARTY_OR_STATE.iter().any(|p| contains_words(key, p)));
    if business && !party_or_state {
        String::new()
    } else {
        role
    }
}

/// Does `text` (folded, lower-case) hold `words` as whole words?
fn contains_words(text: &str, words: &str) -> bool {
    text.match_indices(words).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + words.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// "bà Kim Ngân" after (or before) "Chủ tịch Quốc hội Nguyễn Thị Kim Ngân":
/// a name that ends a longer name found in the same article is that person.
fn merge_short_forms(found: Vec<Found>) -> Vec<Found> {
    let keys: Vec<String> = found.iter().map(|o| exact_phrase(&o.name)).collect();
    // Every ending of two syllables or more of a name → that name; an
    // ending shared by two names ("Văn Bình") is nobody in particular.
    const SHARED: usize = usize::MAX;
    let mut longer: HashMap<&str, usize> = HashMap::new();
    for (i, key) in keys.iter().enumerate() {
        for (at, _) in key.match_indices(' ') {
            let ending = &key[at + 1..];
            if ending.contains(' ') {
                let owner = longer.entry(ending).or_insert(i);
                if *owner != i {
                    *owner = SHARED;
                }
            }
        }
    }
    longer.retain(|_, owner| *owner != SHARED);
    let mut merged: Vec<Option<Found>> = found.into_iter().map(Some).collect();
    for i in 0..merged.len() {
        let Some(&first) = longer.get(keys[i].as_str()) else {
            continue;
        };
        // The longest name it ends (each step is strictly longer).
        let mut target = first;
        while let Some(&next) = longer.get(keys[target].as_str()) {
            target = next;
        }
        let Some(short) = merged[i].take() else {
            continue;
        };
        if let Some(long) = merged[target].as_mut() {
            absorb(long, short);
        }
    }
    let mut out: Vec<Found> = merged.into_iter().flatten().collect();
    out.sort_by_key(|o| o.pos);
    out
}

/// The hit starting exactly at `pos`, if any.
fn hit_at(hits: &[Hit], pos: usize) -> Option<&Hit> {
    hits.binary_search_by_key(&pos, |h| h.start).ok().map(|i| &hits[i])
}

/// Between two words of one phrase: a space, or a dot glued inside a
/// name ("TP.HCM").
fn is_soft(sep: &str) -> bool {
    sep == " " || sep == "."
}

/// ", " or " - " between two titles of one person.
fn is_title_joint(sep: &str) -> bool {
    matches!(sep.trim(), "," | "-")
}

/// Inside one title, a separator that is no phrase end: a space, the dot of
/// an abbreviated unit ("Thành ủy TP. HCM"), the dash or ampersand of a
/// ministry's acronym ("Bộ GD-ĐT", "Bộ LĐ - TB & XH").
fn joins_title_words(f: &Folded<'_>, pos: usize, sep: &str, next: Word) -> bool {
    if is_soft(sep) {
        return true;
    }
    let text = f.text.as_str();
    let Some(prev) = word_before(text, pos) else {
        return false;
    };
    let prev_word = prev.text(text);
    let next_word = next.text(text);
    let abbreviation_dot =
        sep == ". " && prev_word.eq_ignore_ascii_case("tp") && (is_capitalised(next_word) || is_acronym(next_word));
    let acronym_joint = matches!(sep.trim(), "-" | "&" | "&amp;") && is_acronym(prev_word) && is_acronym(next_word);
    abbreviation_dot || acronym_joint
}

fn exact_word(f: &Folded<'_>, w: Word) -> String {
    lower_exact(f.orig_span(w.start, w.end))
}

/// Is this title head one only other countries have ("Tổng thống")? The
/// scan checked a title's accents, so its folded form tells which it is.
fn is_foreign_head(f: &Folded<'_>, head: &Hit) -> bool {
    static FOLDED: OnceLock<Vec<String>> = OnceLock::new();
    let heads = FOLDED.get_or_init(|| FOREIGN_HEADS.iter().map(|h| fold_lower(h)).collect());
    let folded = &f.text[head.start..head.end];
    heads.iter().any(|h| h.eq_ignore_ascii_case(folded))
}

/// Is this title head a bare "đại biểu" (deputy)?
fn is_bare_deputy(f: &Folded<'_>, head: &Hit) -> bool {
    f.text[head.start..head.end].eq_ignore_ascii_case("dai bieu")
}

/// "Bí thư Tỉnh ủy Ngô Chí Cường": the hit at `index` is a title head.
fn title_first(f: &Folded<'_>, hits: &[Hit], index: usize, g: &Gazetteer) -> Option<(Found, usize)> {
    let (mut found, end) = title_then_name(f, hits, index, g)?;
    // "Đại tướng Tô Lâm, Bộ trưởng Bộ Công an": more titles after.
    let (more, end) = roles_after(f, hits, end, g);
    if !more.is_empty() {
        found.role = format!("{}, {more}", found.role);
    }
    Some((found, end))
}

/// The words of a title read so far, for deciding what the next word is.
#[derive(Default)]
struct TitleWords {
    /// The last two words, exact forms.
    last: [String; 2],
    /// A word that opens a body's name ("Sở", "Bộ") came before.
    body_open: bool,
    /// Lower-case syllables in a row since the last capitalised word of a
    /// body's name (`None`: no such word yet).
    lower_run: Option<usize>,
    /// After a local unit ("huyện", "Huyện ủy") and its name's capitalised
    /// words so far: a person's name here needs more care.
    in_unit_name: bool,
}

impl TitleWords {
    fn push(&mut self, exact: String, capitalised: bool) {
        if COMPOUND_AFTER.contains(&exact.as_str()) && exact != "và" {
            self.body_open = true;
        }
        self.lower_run = if capitalised {
            Some(0)
        } else {
            self.lower_run.map(|n| n + 1)
        };
        self.last = [std::mem::take(&mut self.last[1]), exact];
        self.in_unit_name = after_local_unit(&self.last) || (self.in_unit_name && capitalised);
    }

    /// May a country start here: not inside a unit's name, nor right after
    /// a capitalised word of the title's body?
    fn may_name_a_country(&self) -> bool {
        !self.in_unit_name && self.lower_run != Some(0)
    }

    /// After a province, a title or a body's full name: a fresh start.
    fn reset(&mut self) {
        *self = TitleWords::default();
    }

    /// May "và" (word `w`) join two parts of a body's name here ("Sở Giáo
    /// dục và Đào tạo")? Not two posts ("Bí thư Quận ủy và Chủ tịch…") nor
    /// two people ("phó chánh văn phòng UBND và Nguyễn Thanh Chương").
    fn joins_body_name(&self, f: &Folded<'_>, hits: &[Hit], w: Word, g: &Gazetteer) -> bool {
        let text = f.text.as_str();
        let next = word_at_or_after(text, w.end).filter(|n| &text[w.end..n.start] == " ");
        self.body_open
            && self.lower_run.is_some()
            && capital_follows(text, w)
            && !title_follows(hits, text, w)
            && next.is_none_or(|n| name_at(f, hits, n, g).is_none())
    }

    /// May the lower-case word `exact` continue a body's name here ("Sở
    /// Xây dựng", "Bộ Thông tin và Truyền thông")?
    fn continues_body_name(&self, exact: &str) -> bool {
        self.body_open && self.lower_run.is_some_and(|n| n < MAX_BODY_LOWER) && !NOT_IN_BODIES.contains(&exact)
    }
}

/// The title at `index`, its body and the name after them; the name's end.
fn title_then_name(f: &Folded<'_>, hits: &[Hit], index: usize, g: &Gazetteer) -> Option<(Found, usize)> {
    let text = f.text.as_str();
    let head = hits[index];
    let (mut pos, mut role_end) = (head.end, head.end);
    let mut words = TitleWords::default();
    if let Some(last) = word_before(text, head.end) {
        // "Trưởng phòng Quản lý…": the head itself may open a body.
        words.push(exact_word(f, last), false);
    }
    let mut foreign = is_foreign_head(f, &head);
    let deputy = is_bare_deputy(f, &head);
    // The country of a foreign holder: where it starts and ends.
    let mut country: Option<(usize, usize)> = None;
    for _ in 0..MAX_TITLE_WORDS {
        let w = word_at_or_after(text, pos)?;
        let sep = &text[pos..w.start];
        let hit = hit_at(hits, w.start);
        if !joins_title_words(f, pos, sep, w) {
            // "Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Đỗ Trọng Hưng": one chain.
            match hit {
                Some(h) if h.what == Pattern::Title && is_title_joint(sep) => {
                    (pos, role_end) = (h.end, h.end);
                    foreign |= is_foreign_head(f, h);
                    words.reset();
                    continue;
                }
                // "Phó giám đốc Sở Tài nguyên và Môi trường, ông Nguyễn Thành
                // Tâm, cho biết": the title's holder after a comma.
                Some(h) if h.what == Pattern::Honorific && sep.trim() == "," && !foreign => {
                    return holder_after_honorific(f, hits, h, g, &head, role_end);
                }
                _ => return None,
            }
        }
        // "Thủ tướng Hà Lan Mark Rutte": the holder's country. A country
        // after "tại" is an envoy's posting ("Đại sứ Việt Nam tại Nhật Bản"),
        // and one that continues a capitalised name is part of it ("huyện
        // Đông Anh"). Any other place is read whole, as the title's.
        if country.is_none() && words.last[1] != "tại" && words.may_name_a_country() {
            if let Some(end) = g.foreign_place_at(f, w) {
                country = Some((w.start, end));
                foreign = true;
                pos = end;
                words.reset();
                continue;
            }
        }
        if hit.is_none() {
            if let Some(end) = g.world_place_at(f, w) {
                (pos, role_end) = (end, end);
                words.reset();
                continue;
            }
        }
        match hit.map(|h| h.what) {
            Some(Pattern::Province(_) | Pattern::Blocker | Pattern::Title | Pattern::Body) => {
                let end = hit.map_or(w.end, |h| h.end);
                (pos, role_end) = (end, end);
                words.reset();
                continue;
            }
            Some(Pattern::Honorific) => return None,
            None => {}
        }
        if !foreign {
            if let Some(h) = honorific_after_copula(f, hits, w, &head) {
                // "hai Thứ trưởng Bộ Công thương là ông A", "… cho ông B".
                return holder_after_honorific(f, hits, h, g, &head, role_end);
            }
        }
        let holder = if foreign {
            foreign_name_at(f, hits, w, g, country.is_some()).map(|(n, end)| (n, w, end))
        } else {
            // Right after "huyện", "xã", "Quận ủy"… comes the unit's own
            // name ("Bí thư Quận ủy Ninh Kiều"); a person's name there has
            // three syllables or more ("Chủ tịch UBND xã Trần Văn Hùng").
            if words.in_unit_name {
                name_after_local_unit(f, hits, w, g)
            } else {
                name_at(f, hits, w, g).map(|(n, end)| (n, w, end))
            }
        };
        if let Some((name, first, end)) = holder {
            // The unit's name may end just before the person's.
            let role_end = if first.start > w.start { w.end } else { role_end };
            let role_to = country.map_or(role_end, |(start, _)| start.min(role_end).max(head.end));
            let found = Found {
                name,
                role: tidy(f.orig_span(head.start, role_to)),
                pos: first.start,
                foreign,
                country: country.map(|(start, end)| tidy(f.orig_span(start, end))),
                comrade: false,
            };
            return Some((found, end));
        }
        let word = w.text(text);
        let exact = exact_word(f, w);
        let capitalised = is_capitalised(word);
        let role_word = ROLE_WORDS.contains(&exact.as_str());
        if deputy && capitalised && !role_word {
            // "đồng tình với đại biểu Tuấn, Phó bí thư…": after a bare
            // "đại biểu" only an elected body's words ("Quốc hội", "HĐND").
            return None;
        }
        let accepted = capitalised
            || is_acronym(word)
            || role_word
            || words.continues_body_name(&exact)
            || (exact == "và" && words.joins_body_name(f, hits, w, g))
            || (exact == "tại" && capital_follows(text, w));
        if !accepted {
            return None;
        }
        (pos, role_end) = (w.end, w.end);
        words.push(exact, capitalised && !is_acronym(word));
    }
    None
}

/// "là ông X" (is), "cho ông X" (to, of an appointment): the honorific
/// after the word `w`, when `w` is such a word.
fn honorific_after_copula<'h>(f: &Folded<'_>, hits: &'h [Hit], w: Word, head: &Hit) -> Option<&'h Hit> {
    let appointed =
        || word_before(&f.text, head.start).is_some_and(|b| matches!(exact_word(f, b).as_str(), "chức" | "vụ"));
    let folded = w.text(&f.text);
    if !(folded.eq_ignore_ascii_case("la") || folded.eq_ignore_ascii_case("cho")) {
        return None;
    }
    match exact_word(f, w).as_str() {
        "là" => {}
        // "bổ nhiệm chức vụ Viện trưởng … cho ông X"; not "… cho ông X biết".
        "cho" if appointed() => {}
        _ => return None,
    }
    let next = word_at_or_after(&f.text, w.end).filter(|n| &f.text[w.end..n.start] == " ")?;
    hit_at(hits, next.start).filter(|h| h.what == Pattern::Honorific)
}

/// The person named after the honorific `h` holds the title from `head`
/// to `role_end`.
fn holder_after_honorific(
    f: &Folded<'_>,
    hits: &[Hit],
    h: &Hit,
    g: &Gazetteer,
    head: &Hit,
    role_end: usize,
) -> Option<(Found, usize)> {
    let w = word_at_or_after(&f.text, h.end).filter(|w| &f.text[h.end..w.start] == " ")?;
    if hit_at(hits, w.start).is_some() {
        return None;
    }
    let (name, end) = name_at(f, hits, w, g)?;
    let found = Found {
        name,
        role: tidy(f.orig_span(head.start, role_end)),
        pos: w.start,
        foreign: false,
        country: None,
        comrade: false,
    };
    Some((found, end))
}

/// Is word `w` followed, after one space, by a capitalised word?
fn capital_follows(text: &str, w: Word) -> bool {
    word_at_or_after(text, w.end)
        .filter(|n| &text[w.end..n.start] == " ")
        .is_some_and(|n| is_capitalised(n.text(text)))
}

/// Is word `w` followed, after one space, by a title head ("Bí thư Quận
/// ủy và Chủ tịch UBND xã": "và" joins two posts, not a body's name)?
fn title_follows(hits: &[Hit], text: &str, w: Word) -> bool {
    word_at_or_after(text, w.end)
        .and_then(|n| hit_at(hits, n.start))
        .is_some_and(|h| h.what == Pattern::Title)
}

/// A person's name right after "huyện", "xã", "Quận ủy"…, where the unit's
/// own name comes first ("Bí thư Quận ủy Ninh Kiều"): three syllables or
/// more ("Chủ tịch UBND xã Trần Văn Hùng"); and when four start with two
/// surnames, the first is the unit's name's last ("Huyện ủy Gia Lâm Nguyễn
/// Huy Việt" names Nguyễn Huy Việt), so the name is read from the second.
/// Returns the name, its first word and its end.
fn name_after_local_unit(f: &Folded<'_>, hits: &[Hit], w: Word, g: &Gazetteer) -> Option<(String, Word, usize)> {
    let (name, end) = name_at(f, hits, w, g)?;
    let syllables = name.split(' ').count();
    if syllables == 4 {
        let second = word_at_or_after(&f.text, w.end)?;
        if let Some((shorter, _)) = name_at(f, hits, second, g).filter(|(_, e)| *e == end) {
            return Some((shorter, second, end));
        }
    }
    (syllables >= 3).then_some((name, w, end))
}

/// Units below the province, whose names follow them in a title.
const LOCAL_UNITS: &[&str] = &["huyện", "quận", "xã", "phường", "trấn", "thị"];

/// Do the last words of a role name a local unit ("xã", "Huyện ủy")?
fn after_local_unit(last: &[String; 2]) -> bool {
    LOCAL_UNITS.contains(&last[1].as_str()) || (last[1] == "ủy" && LOCAL_UNITS.contains(&last[0].as_str()))
}

/// "đồng chí Đỗ Minh Tuấn, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh".
fn honorific_first(f: &Folded<'_>, hits: &[Hit], hit: &Hit, g: &Gazetteer) -> Option<(Found, usize)> {
    let text = f.text.as_str();
    let w = word_at_or_after(text, hit.end)?;
    if &text[hit.end..w.start] != " " || hit_at(hits, w.start).is_some() {
        return None;
    }
    let (name, name_end) = name_at(f, hits, w, g)?;
    let (role, end) = roles_after(f, hits, name_end, g);
    let honorific = exact_phrase(f.orig_span(hit.start, hit.end));
    Some((
        Found {
            name,
            role,
            pos: w.start,
            foreign: false,
            country: None,
            comrade: matches!(honorific.as_str(), "đồng chí" | "đ/c"),
        },
        end,
    ))
}

/// "…; Hoàng Thanh Vân, nguyên Thành ủy viên, nguyên Bí thư Huyện ủy": a
/// name set off by punctuation (or "và"), then a comma or dash, then the
/// title at `index` (after "nguyên", former). Only names starting at or
/// after `consumed`, so no word serves two parses.
fn name_then_title(
    f: &Folded<'_>,
    hits: &[Hit],
    index: usize,
    g: &Gazetteer,
    consumed: usize,
) -> Option<(Found, usize)> {
    let text = f.text.as_str();
    let head = &hits[index];
    let title_start = former_prefix(f, head.start).unwrap_or(head.start);
    let last = word_before(text, title_start)?;
    if !is_title_joint(&text[last.end..title_start]) {
        return None;
    }
    let first = name_start_before(f, hits, last, g)?;
    if first.start < consumed || !set_off_before(f, first) {
        return None;
    }
    let (name, name_end) = name_at(f, hits, first, g)?;
    if name_end != last.end {
        return None;
    }
    let role_end = role_chain(f, hits, head, g);
    let found = Found {
        name,
        role: tidy(f.orig_span(title_start, role_end)),
        pos: first.start,
        foreign: false,
        country: None,
        comrade: false,
    };
    Some((found, role_end))
}

/// Where "nguyên " (former) right before `title_start` starts.
fn former_prefix(f: &Folded<'_>, title_start: usize) -> Option<usize> {
    let w = word_before(&f.text, title_start)?;
    let former = &f.text[w.end..title_start] == " "
        && w.text(&f.text).eq_ignore_ascii_case("nguyen")
        && exact_word(f, w) == "nguyên";
    former.then_some(w.start)
}

/// The first word of a name ending with word `last`: the earliest surname
/// among the up to four capitalised syllables ending there.
fn name_start_before(f: &Folded<'_>, hits: &[Hit], last: Word, g: &Gazetteer) -> Option<Word> {
    let text = f.text.as_str();
    let mut run = vec![last];
    while run.len() < 4 {
        let Some(prev) = word_before(text, run[run.len() - 1].start) else {
            break;
        };
        let joined = &text[prev.end..run[run.len() - 1].start] == " ";
        if !joined || !is_syllable(prev.text(text)) || hit_at(hits, prev.start).is_some() {
            break;
        }
        run.push(prev);
    }
    run.into_iter()
        .skip(1)
        .rev()
        .find(|w| g.is_surname(f.orig_span(w.start, w.end), w.text(text)))
}

/// Does the name starting at word `first` start a phrase: after
/// punctuation, at the start of the text, or after "và"?
fn set_off_before(f: &Folded<'_>, first: Word) -> bool {
    let text = f.text.as_str();
    let Some(prev) = word_before(text, first.start) else {
        return true;
    };
    text[prev.end..first.start].trim() != "" || exact_word(f, prev) == "và"
}

/// Does the parse that gave `first` open a list whose names share its post:
/// a title ("Thứ trưởng Nguyễn Nhật, Nguyễn Ngọc Đông") or "các ông",
/// "các đồng chí" before the first name?
fn opens_list(f: &Folded<'_>, hit: &Hit, first: &Found) -> bool {
    match hit.what {
        Pattern::Title => first.pos > hit.start,
        Pattern::Honorific => is_plural(f, hit),
        _ => false,
    }
}

/// Is the hit preceded by a plural marker ("các", "hai")?
fn is_plural(f: &Folded<'_>, hit: &Hit) -> bool {
    // A marker is a short word: longer ones are told apart unallocated.
    word_before(&f.text, hit.start).is_some_and(|w| {
        &f.text[w.end..hit.start] == " " && w.end - w.start <= 5 && PLURAL_MARKERS.contains(&exact_word(f, w).as_str())
    })
}

/// The next name of a list after `end` (", B", "; B", " và B"), with the
/// list's post, unless it has its own ("B, Phó Chủ tịch…" is left to
/// [`name_then_title`]); the name's end.
fn listed_after(
    f: &Folded<'_>,
    hits: &[Hit],
    end: usize,
    g: &Gazetteer,
    first: &Found,
    plural: bool,
) -> Option<(Found, usize)> {
    let text = f.text.as_str();
    let mut w = word_at_or_after(text, end)?;
    let sep = text[end..w.start].trim();
    if &text[end..w.start] == " " && w.text(text).eq_ignore_ascii_case("va") && exact_word(f, w) == "và" {
        let next = word_at_or_after(text, w.end)?;
        if &text[w.end..next.start] != " " {
            return None;
        }
        w = next;
    } else if !matches!(sep, "," | ";") {
        return None;
    }
    if let Some(h) = hit_at(hits, w.start) {
        // "các ông A và ông B": the honorific repeated in a plural list.
        if !(plural && h.what == Pattern::Honorific) {
            return None;
        }
        w = word_at_or_after(text, h.end).filter(|n| &text[h.end..n.start] == " ")?;
        if hit_at(hits, w.start).is_some() {
            return None;
        }
    }
    let (name, name_end) = name_at(f, hits, w, g)?;
    let own_title = word_at_or_after(text, name_end).is_some_and(|n| {
        is_title_joint(&text[name_end..n.start])
            && (hit_at(hits, n.start).is_some_and(|h| h.what == Pattern::Title) || exact_word(f, n) == "nguyên")
    });
    // "…; B, Phó Chủ tịch": B has a post of its own, left to
    // [`name_then_title`]; unless no name of the list has one yet ("các ông
    // A, B, Phó Chủ tịch UBND"), when the post is the list's, shared after.
    if own_title && !(plural && first.role.is_empty()) {
        return None;
    }
    let found = Found {
        name,
        pos: w.start,
        ..first.clone()
    };
    Some((found, name_end))
}

/// "các ông A, B, C (Phó Chủ tịch UBND tỉnh)": the post after a plural list
/// is every listed name's that has none; where the list's text ends.
fn share_trailing_role(f: &Folded<'_>, hits: &[Hit], g: &Gazetteer, listed: &mut [Found], end: usize) -> usize {
    let (role, role_end) = roles_after(f, hits, end, g);
    if role.is_empty() {
        return end;
    }
    for official in listed.iter_mut().filter(|o| o.role.is_empty()) {
        official.role = role.clone();
    }
    role_end
}

/// The titles written after a name (", Phó Bí thư Tỉnh ủy, Chủ tịch UBND
/// tỉnh", " - Trưởng Ban…", " (Chủ tịch…", ", nguyên Bí thư…"): the role
/// text and where it ends (`name_end` and an empty role when none follows).
fn roles_after(f: &Folded<'_>, hits: &[Hit], name_end: usize, g: &Gazetteer) -> (String, usize) {
    let text = f.text.as_str();
    let Some(mut next) = word_at_or_after(text, name_end) else {
        return (String::new(), name_end);
    };
    let sep = &text[name_end..next.start];
    let joined = is_title_joint(sep) || sep.trim() == "(";
    if sep == " " {
        if let Some(index) = post_after_appointment(f, hits, next) {
            return role_from(f, hits, index, g, name_end);
        }
    }
    let role_start = next.start;
    if joined && exact_word(f, next) == "nguyên" {
        // "nguyên Bí thư": a former post is still the post named.
        match word_at_or_after(text, next.end) {
            Some(after) if &text[next.end..after.start] == " " => next = after,
            _ => return (String::new(), name_end),
        }
    }
    let Ok(index) = hits.binary_search_by_key(&next.start, |h| h.start) else {
        return (String::new(), name_end);
    };
    if !joined || hits[index].what != Pattern::Title {
        return (String::new(), name_end);
    }
    let (role, end) = role_from(f, hits, index, g, name_end);
    if role.is_empty() {
        return (role, end);
    }
    // Keep a "nguyên" (former) that came before the title.
    (tidy(f.orig_span(role_start, end)), end)
}

/// The role chain starting at the title `index`, unless that title leads
/// to another name ("ông Phan Văn Sáu, Thủ tướng Nguyễn Xuân Phúc…": it
/// is that person's); `(empty, name_end)` then.
fn role_from(f: &Folded<'_>, hits: &[Hit], index: usize, g: &Gazetteer, name_end: usize) -> (String, usize) {
    if title_then_name(f, hits, index, g).is_some() {
        return (String::new(), name_end);
    }
    let h = &hits[index];
    let role_end = role_chain(f, hits, h, g);
    (tidy(f.orig_span(h.start, role_end)), role_end)
}

/// "thôi chức Bí thư", "nhận nhiệm vụ làm Chủ nhiệm": appointment words
/// from word `w` on, then a title; the title's index.
fn post_after_appointment(f: &Folded<'_>, hits: &[Hit], w: Word) -> Option<usize> {
    let text = f.text.as_str();
    let (mut word, mut keyed) = (w, false);
    for _ in 0..6 {
        if let Ok(index) = hits.binary_search_by_key(&word.start, |h| h.start) {
            return (keyed && hits[index].what == Pattern::Title && word.start > w.start).then_some(index);
        }
        if !appointment_words().contains(f, word) {
            return None;
        }
        keyed |= APPOINTMENT_KEYS.contains(&exact_word(f, word).as_str());
        let next = word_at_or_after(text, word.end)?;
        if &text[word.end..next.start] != " " {
            return None;
        }
        word = next;
    }
    None
}

/// The end of a chain of titles starting at the title head `head`: "Ủy
/// viên Trung ương Đảng, Bí thư Tỉnh ủy" up to the verb that follows.
fn role_chain(f: &Folded<'_>, hits: &[Hit], head: &Hit, g: &Gazetteer) -> usize {
    let text = f.text.as_str();
    let (mut pos, mut end) = (head.end, head.end);
    // "Giám đốc Công ty": the head's last word opens a body.
    let mut previous = word_before(text, head.end).map_or_else(String::new, |w| exact_word(f, w));
    for _ in 0..3 * MAX_TITLE_WORDS {
        let Some(w) = word_at_or_after(text, pos) else {
            break;
        };
        let sep = &text[pos..w.start];
        let hit = hit_at(hits, w.start);
        if !joins_title_words(f, pos, sep, w) {
            let next_title = match hit {
                Some(h) if h.what == Pattern::Title && is_title_joint(sep) => Some(h),
                // ", nguyên Chủ tịch…": a former post in the chain.
                None if is_title_joint(sep) && exact_word(f, w) == "nguyên" => word_at_or_after(text, w.end)
                    .and_then(|n| hit_at(hits, n.start))
                    .filter(|h| h.what == Pattern::Title && &text[w.end..h.start] == " "),
                _ => None,
            };
            let Some(h) = next_title else {
                break;
            };
            (pos, end) = (h.end, h.end);
            previous = word_before(text, h.end).map_or_else(String::new, |w| exact_word(f, w));
            continue;
        }
        match hit.map(|h| h.what) {
            Some(what @ (Pattern::Province(_) | Pattern::Title | Pattern::Body)) => {
                let to = hit.map_or(w.end, |h| h.end);
                (pos, end) = (to, to);
                previous.clear();
                if what == Pattern::Title {
                    // "Giám đốc Công ty": the head's last word opens a body.
                    if let Some(last) = word_before(text, to) {
                        previous = exact_word(f, last);
                    }
                }
                continue;
            }
            Some(_) => break,
            None => {}
        }
        let word = w.text(text);
        let exact = exact_word(f, w);
        let before_word = std::mem::take(&mut previous);
        if is_capitalised(word) || is_acronym(word) {
            (pos, end) = (w.end, w.end);
            previous = exact;
            // "Sở Du lịch": the lower-case second syllable of a body's name
            // (never after an acronym: "Sở GTVT cho biết").
            if is_capitalised(word) && COMPOUND_AFTER.contains(&before_word.as_str()) {
                if let Some(next) = word_at_or_after(text, w.end) {
                    let lower = next.text(text).bytes().all(|b| b.is_ascii_lowercase());
                    let next_exact = exact_word(f, next);
                    if &text[w.end..next.start] == " " && lower && !ROLE_WORDS.contains(&next_exact.as_str()) {
                        (pos, end) = (next.end, next.end);
                        previous = next_exact;
                    }
                }
            }
            continue;
        }
        if exact == "và" {
            // "Sở Khoa học và Công nghệ": only when a capitalised word follows
            // that starts no other title and no person's name.
            let person_follows = word_at_or_after(text, w.end).is_some_and(|n| name_at(f, hits, n, g).is_some());
            if !capital_follows(text, w) || title_follows(hits, text, w) || person_follows {
                break;
            }
            pos = w.end;
            previous = exact;
            continue;
        }
        if !ROLE_WORDS.contains(&exact.as_str()) {
            break;
        }
        pos = w.end;
        if ROLE_FINAL_WORDS.contains(&exact.as_str()) {
            end = w.end;
        }
        previous = exact;
    }
    end
}

/// A full name starting at word `w`: a surname and 1–3 more capitalised
/// syllables, joined by single spaces, then something that is no syllable
/// of it. Returns the canonical name and where it ends.
fn name_at(f: &Folded<'_>, hits: &[Hit], w: Word, g: &Gazetteer) -> Option<(String, usize)> {
    let text = f.text.as_str();
    if !is_syllable(w.text(text)) || !g.is_surname(f.orig_span(w.start, w.end), w.text(text)) {
        return None;
    }
    let mut count = 1;
    let mut end = w.end;
    while let Some(next) = word_at_or_after(text, end) {
        if &text[end..next.start] != " " || !is_syllable(next.text(text)) {
            break;
        }
        if let Some(hit) = hit_at(hits, next.start) {
            // "Trương Hòa Bình", "Nguyễn Ngọc Huệ" ("Huế"): a province's
            // name may end a person's, when nothing capitalised follows.
            if matches!(hit.what, Pattern::Province(_))
                && count + words_in(text, hit) <= 4
                && ends_phrase(text, hit.end)
            {
                end = hit.end;
                count += words_in(text, hit);
            }
            break;
        }
        if count >= 2 && glue_words().contains(f, next) {
            // "Đinh La Thăng Ngay sau…": the next sentence, run on.
            break;
        }
        if not_in_names().contains(f, next) {
            // "Huyện" opens a body ("Huyện ủy"), but "Thư" ends "Nguyễn
            // Ngọc Thư và…" and "Ban" ends "Hà Ban cho biết": such a word is
            // a given name when what follows cannot continue a title.
            if count >= 4 || continues_title(f, next.end) {
                break;
            }
            end = next.end;
            count += 1;
            break;
        }
        end = next.end;
        count += 1;
        if count > 4 {
            return None;
        }
    }
    if count < 2 {
        return None;
    }
    // "Kim Jong-un": a foreign name written with hyphens is not parsed.
    let b = text.as_bytes();
    if b.get(end) == Some(&b'-') && b.get(end + 1).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    // "Hà Lan", "Triều Tiên": a country is nobody's name.
    if g.is_world_place(f, w.start, end) {
        return None;
    }
    Some((canonical_name(f.orig_span(w.start, end)), end))
}

/// Words in the span of a hit.
fn words_in(text: &str, hit: &Hit) -> usize {
    text[hit.start..hit.end].split(' ').count()
}

/// Does a name end at `end`: no capitalised word or acronym follows after
/// a single space?
fn ends_phrase(text: &str, end: usize) -> bool {
    word_at_or_after(text, end).is_none_or(|after| {
        let word = after.text(text);
        &text[end..after.start] != " " || !(is_capitalised(word) || is_acronym(word))
    })
}

/// Could the word after `end` (after a space) continue a title: a
/// capitalised word, an acronym or a lower-case word of a body ("ủy")?
fn continues_title(f: &Folded<'_>, end: usize) -> bool {
    let text = f.text.as_str();
    let Some(next) = word_at_or_after(text, end) else {
        return false;
    };
    if &text[end..next.start] != " " {
        return false;
    }
    let word = next.text(text);
    is_capitalised(word) || is_acronym(word) || ROLE_WORDS.contains(&exact_word(f, next).as_str())
}

/// A foreign holder's name after the title and country: 1–4 capitalised
/// words, hyphenated parts kept ("Tập Cận Bình", "Mark Rutte", "Han
/// Min-koo"); two words at least when no country was named.
fn foreign_name_at(
    f: &Folded<'_>,
    hits: &[Hit],
    w: Word,
    g: &Gazetteer,
    country_named: bool,
) -> Option<(String, usize)> {
    let text = f.text.as_str();
    // Capitalised body words may be syllables of a foreign name ("Kim Nhật
    // Thành"): only the words that start a title end it.
    let foreign_word = |word: Word| {
        is_capitalised(word.text(text))
            && hit_at(hits, word.start).is_none()
            && !not_in_names().contains(f, word)
            && !glue_words().contains(f, word)
    };
    if !foreign_word(w) || g.is_world_place(f, w.start, w.end) || word_place_starts(f, w, g) {
        return None;
    }
    let (mut count, mut end) = (1, w.end);
    while let Some(next) = word_at_or_after(text, end) {
        let sep = &text[end..next.start];
        if sep == "-" {
            // "Min-koo": one word.
            end = next.end;
            continue;
        }
        if sep != " " || !foreign_word(next) || count >= 4 {
            break;
        }
        end = next.end;
        count += 1;
    }
    if count < 2 && !country_named {
        return None;
    }
    Some((canonical_name(f.orig_span(w.start, end)), end))
}

/// Does a world place name ("Việt Nam") start at word `w`?
fn word_place_starts(f: &Folded<'_>, w: Word, g: &Gazetteer) -> bool {
    g.foreign_place_at(f, w).is_some()
        || word_at_or_after(&f.text, w.end)
            .is_some_and(|n| &f.text[w.end..n.start] == " " && g.is_world_place(f, w.start, n.end))
}

/// A capitalised syllable: "Nguyen", "A"; not "UBND", "Covid", "2023",
/// nor "Jong" (f, j, w and z are no Vietnamese letters).
fn is_syllable(word: &str) -> bool {
    is_capitalised(word)
        && word.len() <= 7
        && word
            .bytes()
            .all(|b| b.is_ascii_alphabetic() && !b"fjwzFJWZ".contains(&b))
}

/// Role text as shown: one space between words, no stray punctuation.
fn tidy(role: &str) -> String {
    let joined: Vec<&str> = role.split_whitespace().collect();
    joined
        .join(" ")
        .trim_matches(|c: char| c.is_whitespace() || ",;:-–(".contains(c))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn officials(text: &str) -> Vec<(String, String)> {
        let g = Gazetteer::get();
        let f = Folded::new(text);
        let hits = g.scan(&f);
        find(&f, &hits, g)
            .into_iter()
            .filter(|o| !o.foreign)
            .map(|o| (o.name, o.role))
            .collect()
    }

    /// Foreign office holders: name, role, country.
    fn foreign(text: &str) -> Vec<(String, String, Option<String>)> {
        let g = Gazetteer::get();
        let f = Folded::new(text);
        let hits = g.scan(&f);
        find(&f, &hits, g)
            .into_iter()
            .filter(|o| o.foreign)
            .map(|o| (o.name, o.role, o.country))
            .collect()
    }

    fn names(text: &str) -> Vec<String> {
        officials(text).into_iter().map(|(name, _)| name).collect()
    }

    fn pair(name: &str, role: &str) -> (String, String) {
        (name.to_string(), role.to_string())
    }

    #[test]
    fn honorific_then_roles() {
        assert_eq!(
            officials("Đồng chí Nguyễn Đức Thanh, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy chủ trì hội nghị."),
            [pair("Nguyễn Đức Thanh", "Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy")]
        );
        assert_eq!(
            officials(
                "Tham dự có đồng chí Trần Quốc Nam, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh; các đồng chí UVTV Tỉnh ủy"
            ),
            [pair("Trần Quốc Nam", "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh")]
        );
        assert_eq!(
            officials("có đồng chí Hà Văn Ca - Ủy viên BCH Tỉnh ủy, Bí thư Huyện ủy, Chủ tịch HĐND huyện; đồng chí Nguyễn Văn Bình – Phó Bí thư Huyện ủy"),
            [
                pair("Hà Văn Ca", "Ủy viên BCH Tỉnh ủy, Bí thư Huyện ủy, Chủ tịch HĐND huyện"),
                pair("Nguyễn Văn Bình", "Phó Bí thư Huyện ủy"),
            ]
        );
        assert_eq!(officials("đồng chí Lê Văn Tuyên cho biết"), [pair("Lê Văn Tuyên", "")]);
    }

    #[test]
    fn title_then_name() {
        assert_eq!(
            officials("Kết luận hội nghị, Bí thư Tỉnh ủy Ngô Chí Cường cho rằng"),
            [pair("Ngô Chí Cường", "Bí thư Tỉnh ủy")]
        );
        assert_eq!(
            officials("đồng chí Bí thư Tỉnh ủy Hải Dương Trần Đức Thắng lưu ý"),
            [pair("Trần Đức Thắng", "Bí thư Tỉnh ủy Hải Dương")]
        );
        assert_eq!(
            officials("Chủ tịch UBND TP.HCM Phan Văn Mãi và Thượng tướng Tô Lâm"),
            [
                pair("Phan Văn Mãi", "Chủ tịch UBND TP.HCM"),
                pair("Tô Lâm", "Thượng tướng")
            ]
        );
        assert_eq!(
            officials("Đại tướng Tô Lâm, Ủy viên Bộ Chính trị, Bộ trưởng Bộ Công an phát biểu"),
            [pair("Tô Lâm", "Đại tướng, Ủy viên Bộ Chính trị, Bộ trưởng Bộ Công an")]
        );
        assert_eq!(
            officials("Giám đốc Sở Nội vụ Nguyễn Sĩ Hiệp nói; ông Nguyễn Sỹ Hiệp cho biết"),
            [pair("Nguyễn Sĩ Hiệp", "Giám đốc Sở Nội vụ")]
        );
    }

    #[test]
    fn tone_styles_meet_and_duplicates_go() {
        assert_eq!(
            officials(
                "Đồng chí Phạm Thị Thanh Thuỷ - Trưởng Ban Dân vận Tỉnh uỷ phát biểu. Bà Phạm Thị Thanh Thủy nói."
            ),
            [pair("Phạm Thị Thanh Thủy", "Trưởng Ban Dân vận Tỉnh uỷ")]
        );
        assert_eq!(
            officials("ông Trần Văn A nói. Chủ tịch UBND tỉnh Trần Văn A cho biết"),
            [pair("Trần Văn A", "Chủ tịch UBND tỉnh")]
        );
    }

    #[test]
    fn foreign_countries_and_names_are_no_vietnamese_names() {
        assert_eq!(
            officials("Bộ trưởng Quốc phòng Hàn Quốc Han Min-koo và ông Kim Jong-un"),
            []
        );
        assert_eq!(
            officials("Thủ tướng Thái Lan Prayuth và Bộ trưởng Lê Văn A"),
            [pair("Lê Văn A", "Bộ trưởng")]
        );
    }

    #[test]
    fn roles_after_a_title_head_keep_their_body() {
        assert_eq!(
            officials("ông Nguyễn Văn Thiện, Trưởng phòng Tuyên truyền cho biết"),
            [pair("Nguyễn Văn Thiện", "Trưởng phòng Tuyên truyền")]
        );
        assert_eq!(
            officials("ông Lương Thanh Tùng, Giám đốc Công an tỉnh cho biết"),
            [pair("Lương Thanh Tùng", "Giám đốc Công an tỉnh")]
        );
        assert_eq!(
            officials("ông Lê Văn Tám, Giám đốc Sở GTVT cho biết"),
            [pair("Lê Văn Tám", "Giám đốc Sở GTVT")]
        );
    }

    #[test]
    fn given_names_that_are_also_unit_words() {
        assert_eq!(
            officials("Theo ông Nguyễn Văn Huyện, Tổng cục trưởng Đường bộ"),
            [pair("Nguyễn Văn Huyện", "Tổng cục trưởng Đường bộ")]
        );
        assert_eq!(
            officials("đồng chí Nguyễn Văn Tâm Huyện ủy viên"),
            [pair("Nguyễn Văn Tâm", "")]
        );
    }

    #[test]
    fn a_title_before_another_name_is_that_persons() {
        assert_eq!(
            officials("miễn nhiệm đồng chí Phan Văn Sáu, Thủ tướng Nguyễn Xuân Phúc đã ký"),
            [pair("Phan Văn Sáu", ""), pair("Nguyễn Xuân Phúc", "Thủ tướng")]
        );
        assert_eq!(
            officials("ông Nguyễn Văn Bình, Trưởng ban Kinh tế Trung ương, cho biết"),
            [pair("Nguyễn Văn Bình", "Trưởng ban Kinh tế Trung ương")]
        );
    }

    #[test]
    fn long_lists_stay_linear() {
        let mut text = String::new();
        for i in 0..3000 {
            let given = ["An", "Bình", "Cường", "Dũng", "Hà", "Lan"][i % 6];
            let middle = ["Văn", "Thị", "Đức", "Minh", "Quốc"][i % 5];
            text.push_str(&format!(
                "Thủ tướng Nguyễn {middle} {given}, Chủ tịch Lê {given} {middle} {given}; ông Trần Văn {given}... "
            ));
        }
        let found = officials(&text);
        assert!(found.len() <= 3 * 30, "{}", found.len());
    }

    #[test]
    fn short_forms_merge_into_the_full_name() {
        assert_eq!(
            officials("Bà Kim Ngân chúc mừng. Chủ tịch Quốc hội Nguyễn Thị Kim Ngân nói."),
            [pair("Nguyễn Thị Kim Ngân", "Chủ tịch Quốc hội")]
        );
        assert_eq!(
            officials("đồng chí Nguyễn Văn Bình, đồng chí Trần Văn Bình và đồng chí Văn Bình"),
            [
                pair("Nguyễn Văn Bình", ""),
                pair("Trần Văn Bình", ""),
                pair("Văn Bình", "")
            ]
        );
        assert_eq!(
            officials("đồng chí Trần Văn Bình, đồng chí Lê Minh và đồng chí Nguyễn Văn Bình"),
            [
                pair("Trần Văn Bình", ""),
                pair("Lê Minh", ""),
                pair("Nguyễn Văn Bình", "")
            ]
        );
    }

    #[test]
    fn local_units_are_no_names() {
        assert_eq!(officials("ông Võ Thành Thống từng giữ chức Bí thư Quận uỷ Ninh Kiều và Chủ tịch UBND xã Phước Vinh Trần Văn Hùng"),
            [pair("Võ Thành Thống", "Bí thư Quận uỷ Ninh Kiều"), pair("Trần Văn Hùng", "Chủ tịch UBND xã Phước Vinh")]);
        assert_eq!(
            officials("Bí thư Huyện uỷ Gia Lâm Nguyễn Huy Việt phát biểu"),
            [pair("Nguyễn Huy Việt", "Bí thư Huyện uỷ Gia Lâm")]
        );
        assert_eq!(
            officials("Bí thư Huyện ủy Lê Văn Ba phát biểu"),
            [pair("Lê Văn Ba", "Bí thư Huyện ủy")]
        );
    }

    #[test]
    fn roles_keep_compound_names_of_bodies() {
        assert_eq!(
            officials("ông Nguyễn Ngọc Phương, Phó giám đốc Sở Khoa học và Công nghệ cho biết"),
            [pair("Nguyễn Ngọc Phương", "Phó giám đốc Sở Khoa học và Công nghệ")]
        );
        assert_eq!(
            officials("ông Trần Chí Cường, Phó giám đốc Sở Du lịch cho biết"),
            [pair("Trần Chí Cường", "Phó giám đốc Sở Du lịch")]
        );
    }

    #[test]
    fn short_references_credits_and_words_name_nobody() {
        for text in [
            "Tin, ảnh: Hồ Thuỷ",
            "Nguyên Chương",
            "ông Đọc nói",
            "đồng chí Bí thư Tỉnh ủy khái quát tình hình",
            "các đồng chí UVTV Tỉnh ủy",
            "Bà mẹ Việt Nam anh hùng",
            "bà con nhân dân, ông bà",
            "Không, không có.",
            "phong cách Hồ Chí Minh",
            "Chủ tịch Hồ Chí Minh",
            "ông Nguyễn Văn An Bình Phúc Lộc",
        ] {
            assert_eq!(officials(text), [], "{text}");
        }
    }
    #[test]
    fn people_without_a_post_are_no_officials() {
        for text in [
            "bà Nguyễn Thị Giâm trình bày bức xúc",
            "gia đình ông Nguyễn Văn Thắng, thương binh 4/4, gia đình khó khăn",
            "Hiện bà Võ Minh Thùy sở hữu 615.400 cổ phiếu",
            "hộ cận nghèo của ông Đinh Văn Sáu, sinh năm 1925",
        ] {
            assert_eq!(officials(text), [], "{text}");
        }
        // The post given elsewhere in the text counts.
        assert_eq!(
            officials("ông Trần Văn Tư cho biết. Chủ tịch UBND huyện Trần Văn Tư nói"),
            [pair("Trần Văn Tư", "Chủ tịch UBND huyện")]
        );
    }

    #[test]
    fn business_posts_are_no_public_posts() {
        for text in [
            "ông Lê Xuân Trình, Phó giám đốc Công ty chế biến khí, cho biết",
            "Giám đốc Nguyễn Ngọc Phi bay sang Đài Bắc",
            "ông Lê Trường Tùng - Chủ tịch HĐQT Đại học FPT cho biết",
            "Chủ tịch Liên đoàn Bóng đá Việt Nam Lê Hùng Dũng phát biểu",
            "Tổng giám đốc Tập đoàn Điện lực Trần Văn Lâm nói",
            "bà Mai Kiều Liên, Chủ tịch HĐQT, Tổng giám đốc Vinamilk cho biết",
            "ông Huỳnh Tấn Vinh, Chủ tịch Hiệp hội Du lịch cho biết",
            "ông Huỳnh Văn Minh, Tổng Giám đốc Tổng công ty cho biết",
            "ông Nguyễn Ngọc Lự, Chủ nhiệm Hợp tác xã vận tải cho biết",
            "Ông Đặng Tuấn Tú, Giám đốc Cảng hàng không quốc tế Tân Sơn Nhất, cho biết",
            "Tổng giám đốc Trung Nam Group Nguyễn Tâm Tiến cho biết",
            "chuyến công du của Tổng thư ký Trần Quốc Tuấn cho thấy",
            "Phó Chủ tịch LĐBĐ VN Lê Thế Thọ trả lời",
            "Chủ tịch LĐBĐVN Nguyễn Trọng Hỷ tới thăm đội",
        ] {
            assert_eq!(officials(text), [], "{text}");
        }
        assert_eq!(
            officials("Tổng Thư ký Quốc hội Nguyễn Hạnh Phúc cho biết"),
            [pair("Nguyễn Hạnh Phúc", "Tổng Thư ký Quốc hội")]
        );
        assert_eq!(
            officials("ông Lê Văn Tám, Bí thư Đảng ủy, Chủ tịch HĐTV Tập đoàn than cho biết").len(),
            1
        );
        assert_eq!(
            officials("Thống đốc Ngân hàng Nhà nước Lê Minh Hưng cho biết"),
            [pair("Lê Minh Hưng", "Thống đốc Ngân hàng Nhà nước")]
        );
    }

    #[test]
    fn known_foreign_holders_are_foreign_without_their_country() {
        let text = "Chủ tịch Hồ Cẩm Đào hội đàm với Chủ tịch nước Trần Đức Lương";
        assert_eq!(names(text), ["Trần Đức Lương"]);
    }

    #[test]
    fn countries_after_a_title_make_foreign_holders() {
        let text = "Thủ tướng Hà Lan Mark Rutte hội đàm với Thủ tướng Nguyễn Xuân Phúc";
        assert_eq!(names(text), ["Nguyễn Xuân Phúc"]);
        assert_eq!(
            foreign(text),
            [(
                "Mark Rutte".to_string(),
                "Thủ tướng".to_string(),
                Some("Hà Lan".to_string())
            )]
        );
        assert_eq!(
            foreign("Chủ tịch Trung Quốc Tập Cận Bình phát biểu"),
            [(
                "Tập Cận Bình".to_string(),
                "Chủ tịch".to_string(),
                Some("Trung Quốc".to_string())
            )]
        );
        assert_eq!(
            foreign("Thủ tướng Bồ Đào Nha Antonio Costa"),
            [(
                "Antonio Costa".to_string(),
                "Thủ tướng".to_string(),
                Some("Bồ Đào Nha".to_string())
            )]
        );
        assert_eq!(
            foreign("Bộ trưởng Ngoại giao Thái Lan Don Pramudwinai gửi điện"),
            [(
                "Don Pramudwinai".to_string(),
                "Bộ trưởng Ngoại giao".to_string(),
                Some("Thái Lan".to_string())
            )]
        );
        assert_eq!(names("Thủ tướng Hà Lan Mark Rutte"), Vec::<String>::new());
        // An envoy's posting is no nationality.
        assert_eq!(
            officials("gửi điện tới đại sứ Việt Nam tại Nhật Bản Vũ Hồng Nam."),
            [pair("Vũ Hồng Nam", "đại sứ Việt Nam tại Nhật Bản")]
        );
        // Posts only other countries have.
        assert_eq!(foreign("Tổng thống Donald Trump nói").len(), 1);
        assert_eq!(names("Tổng thống Donald Trump nói"), Vec::<String>::new());
        assert_eq!(foreign("Chủ tịch Triều Tiên Kim Nhật Thành")[0].0, "Kim Nhật Thành");
        // A foreign envoy's posting is read whole, no name.
        assert_eq!(
            foreign("Đại sứ Iran tại Việt Nam Nasser Khalili cho biết"),
            [(
                "Nasser Khalili".to_string(),
                "Đại sứ".to_string(),
                Some("Iran".to_string())
            )]
        );
        // A short country name inside a district's name is no country.
        assert_eq!(
            officials("Chánh Văn phòng UBND huyện Đông Anh Hoàng Hải Đăng cho biết"),
            [pair("Hoàng Hải Đăng", "Chánh Văn phòng UBND huyện Đông Anh")]
        );
        // Named abroad once, foreign throughout.
        let text = "Chủ tịch Hồ Cẩm Đào nói. Chủ tịch nước Trung Quốc Hồ Cẩm Đào phát biểu.";
        assert_eq!(names(text), Vec::<String>::new());
        assert_eq!(foreign(text).len(), 1);
        // "Nhật" for "Nhật Bản".
        assert_eq!(
            foreign("Ngoại trưởng Nhật Fumio Kishida cho biết"),
            [(
                "Fumio Kishida".to_string(),
                "Ngoại trưởng".to_string(),
                Some("Nhật".to_string())
            )]
        );
    }

    #[test]
    fn country_names_are_no_names() {
        assert_eq!(names("bà Hà Lan, Chủ tịch Hội Phụ nữ"), Vec::<String>::new());
    }

    #[test]
    fn words_of_the_next_sentence_are_no_syllables() {
        assert_eq!(
            names("Bí thư Thành ủy TP HCM Đinh La Thăng Ngay sau đó"),
            ["Đinh La Thăng"]
        );
        assert_eq!(names("Thủ tướng Nguyễn Xuân Phúc Tại hội nghị"), ["Nguyễn Xuân Phúc"]);
    }

    #[test]
    fn province_names_may_end_a_persons_name() {
        assert_eq!(names("Chủ tịch Quốc hội Vương Đình Huệ phát biểu"), ["Vương Đình Huệ"]);
        assert_eq!(
            names("ông Trương Hoà Bình (phó thủ tướng thường trực Chính phủ)"),
            ["Trương Hòa Bình"]
        );
        // A title's province is still the province.
        assert_eq!(
            officials("Bí thư Tỉnh ủy Hòa Bình Bùi Văn Tỉnh"),
            [pair("Bùi Văn Tỉnh", "Bí thư Tỉnh ủy Hòa Bình")]
        );
    }

    #[test]
    fn given_names_that_are_title_words() {
        assert_eq!(
            names("kỷ luật các đồng chí Đại tá Nguyễn Ngọc Thư và Đại tá Đào Ngọc Tuấn"),
            ["Nguyễn Ngọc Thư", "Đào Ngọc Tuấn"]
        );
        assert_eq!(names("Phó Chủ tịch UBND tỉnh Hà Ban cho biết"), ["Hà Ban"]);
    }

    #[test]
    fn bodies_with_lower_case_syllables_and_full_ministry_names() {
        assert_eq!(
            officials("Bộ trưởng Bộ Lao động, Thương binh và Xã hội Đào Ngọc Dung cho biết"),
            [pair("Đào Ngọc Dung", "Bộ trưởng Bộ Lao động, Thương binh và Xã hội")]
        );
        assert_eq!(
            officials("Bộ trưởng GD-ĐT Phùng Xuân Nhạ cho biết"),
            [pair("Phùng Xuân Nhạ", "Bộ trưởng GD-ĐT")]
        );
        assert_eq!(
            officials("Ngày 26/10, Bộ trưởng bộ Công thương Trần Tuấn Anh ký văn bản"),
            [pair("Trần Tuấn Anh", "Bộ trưởng bộ Công thương")]
        );
        assert_eq!(
            officials("chất vấn Giám đốc Sở Thông tin truyền thông Phạm Kim Sơn tại kỳ họp"),
            [pair("Phạm Kim Sơn", "Giám đốc Sở Thông tin truyền thông")]
        );
        assert_eq!(
            officials("Quốc hội đã nghe Chủ nhiệm Ủy ban Tư pháp Lê Thị Nga trình bày"),
            [pair("Lê Thị Nga", "Chủ nhiệm Ủy ban Tư pháp")]
        );
        assert_eq!(
            officials("Giám đốc Sở Giáo dục và Đào tạo Hoàng Tiến Đức cho biết"),
            [pair("Hoàng Tiến Đức", "Giám đốc Sở Giáo dục và Đào tạo")]
        );
        // "và" between a post and the next person joins no body.
        assert_eq!(
            officials("ông Lê Văn Thanh - phó chánh văn phòng UBND và Nguyễn Thanh Chương - trưởng phòng"),
            [
                pair("Lê Văn Thanh", "phó chánh văn phòng UBND"),
                pair("Nguyễn Thanh Chương", "trưởng phòng")
            ]
        );
        // A verb ends the body: no name is read across it.
        assert_eq!(officials("Giám đốc Sở Y tế cho biết Nguyễn Văn A đã"), []);
    }

    #[test]
    fn titles_after_an_abbreviated_city() {
        assert_eq!(
            officials("lời nhắn nhủ của Bí thư Thành uỷ TP. HCM Nguyễn Thiện Nhân với"),
            [pair("Nguyễn Thiện Nhân", "Bí thư Thành uỷ TP. HCM")]
        );
    }

    #[test]
    fn a_bare_deputy_and_lower_ranks() {
        assert_eq!(
            officials("đại biểu Cao Đình Thưởng (Phú Thọ) trăn trở"),
            [pair("Cao Đình Thưởng", "đại biểu")]
        );
        assert_eq!(names("thiếu tá Hà Văn Dũng, đang hướng dẫn"), ["Hà Văn Dũng"]);
        assert_eq!(
            officials("Nguyễn Đình Dần, Huyện uỷ viên, Phó Chủ tịch UBND huyện; Lê Văn Ba"),
            [pair("Nguyễn Đình Dần", "Huyện uỷ viên, Phó Chủ tịch UBND huyện")]
        );
        assert_eq!(
            officials("Sáng 7/2, ông Trần Lê Nhật Thanh, Trưởng Công an xã Bàu Năng cho biết"),
            [pair("Trần Lê Nhật Thanh", "Trưởng Công an xã Bàu Năng")]
        );
        assert_eq!(
            officials("Theo ông Bùi Xuân Cương - GĐ Sở GTVT TPHCM, sản lượng"),
            [pair("Bùi Xuân Cương", "GĐ Sở GTVT TPHCM")]
        );
        assert_eq!(officials("GĐ Nguyễn Văn Tư cho biết"), []);
        // A deputy's short name is no body of the next person's title.
        assert_eq!(
            officials("Đồng tình với đại biểu Tuấn, Phó bí thư Thành uỷ Nguyễn Thị Quyết Tâm cho rằng"),
            [pair("Nguyễn Thị Quyết Tâm", "Phó bí thư Thành uỷ")]
        );
    }

    #[test]
    fn names_set_off_before_their_title() {
        assert_eq!(
            officials("Các đồng chí Hà Xuân Hưng, Bí thư Huyện uỷ; Hoàng Thanh Vân, nguyên Thành uỷ viên, nguyên Bí thư Huyện uỷ; Bạch Công Tiến, Phó Bí thư Huyện uỷ chịu trách nhiệm"),
            [
                pair("Hà Xuân Hưng", "Bí thư Huyện uỷ"),
                pair("Hoàng Thanh Vân", "nguyên Thành uỷ viên, nguyên Bí thư Huyện uỷ"),
                pair("Bạch Công Tiến", "Phó Bí thư Huyện uỷ"),
            ]
        );
        // A street before a comma is no name set off.
        assert_eq!(officials("trên đường Lê Lợi, Chủ tịch UBND tỉnh kiểm tra"), []);
    }

    #[test]
    fn lists_share_their_post() {
        assert_eq!(
            officials("Thứ trưởng Bộ GTVT Nguyễn Ngọc Đông, Nguyễn Nhật và ông Nguyễn Ngọc Huệ, nguyên Bí thư Đảng uỷ"),
            [
                pair("Nguyễn Ngọc Đông", "Thứ trưởng Bộ GTVT"),
                pair("Nguyễn Nhật", "Thứ trưởng Bộ GTVT"),
                pair("Nguyễn Ngọc Huệ", "nguyên Bí thư Đảng uỷ"),
            ]
        );
        assert_eq!(
            officials("bổ nhiệm lại hai Thứ trưởng Bộ Công thương là ông Đỗ Thắng Hải và ông Cao Quốc Hưng."),
            [
                pair("Đỗ Thắng Hải", "Thứ trưởng Bộ Công thương"),
                pair("Cao Quốc Hưng", "Thứ trưởng Bộ Công thương"),
            ]
        );
        assert_eq!(
            names("các đồng chí Nguyễn Văn A, Trần Văn B; Lê Thị C dự họp"),
            ["Nguyễn Văn A", "Trần Văn B", "Lê Thị C"]
        );
        assert_eq!(
            officials("Các ông Nguyễn Văn An, Trần Văn Bình, Lê Văn Cường (Phó Chủ tịch UBND tỉnh) dự họp"),
            [
                pair("Nguyễn Văn An", "Phó Chủ tịch UBND tỉnh"),
                pair("Trần Văn Bình", "Phó Chủ tịch UBND tỉnh"),
                pair("Lê Văn Cường", "Phó Chủ tịch UBND tỉnh"),
            ]
        );
        assert_eq!(
            officials("Tổ công tác gồm ông Phạm Văn Dũng; Hoàng Văn Em; Lê Thị Hoa, Phó Chủ tịch UBND huyện."),
            [
                pair("Phạm Văn Dũng", "Phó Chủ tịch UBND huyện"),
                pair("Hoàng Văn Em", "Phó Chủ tịch UBND huyện"),
                pair("Lê Thị Hoa", "Phó Chủ tịch UBND huyện"),
            ]
        );
        // One title, one holder: the next person has no post.
        assert_eq!(
            names("Thủ tướng Nguyễn Xuân Phúc và ông Lê Văn Tám"),
            ["Nguyễn Xuân Phúc"]
        );
    }

    #[test]
    fn appointment_verbs_join_a_name_to_its_post() {
        assert_eq!(
            officials("thay cho ông Trần Quang Cảnh nhận nhiệm vụ làm Chủ nhiệm Uỷ ban Kiểm tra Thành uỷ."),
            [pair("Trần Quang Cảnh", "Chủ nhiệm Uỷ ban Kiểm tra Thành uỷ")]
        );
        assert_eq!(
            officials("quyết định về việc ông Nguyễn Văn Thành thôi chức Bí thư Thành uỷ Hải Phòng"),
            [pair("Nguyễn Văn Thành", "Bí thư Thành uỷ Hải Phòng")]
        );
        assert_eq!(
            officials("bổ nhiệm chức vụ viện trưởng VKSND TP. HCM cho ông Đỗ Mạnh Bổng."),
            [pair("Đỗ Mạnh Bổng", "viện trưởng VKSND TP. HCM")]
        );
        // Another person's title after "được" is theirs.
        assert_eq!(
            names("ông Lê Văn Tám được Bí thư Tỉnh ủy Ngô Chí Cường khen"),
            ["Ngô Chí Cường"]
        );
        assert_eq!(
            names("trao quà của Giám đốc Sở Y tế cho ông Lê Văn Tám"),
            Vec::<String>::new()
        );
    }
}
