#!/usr/bin/env python3
"""Derive the compact reference files that `src/extract/` bundles.

Reads the shared reference data (provinces.json, officials-viwiki.jsonl) and
writes, next to this script:

  provinces.tsv   one row per province (63 before the 2025 merger, 34 after)
  officials.tsv   one row per dated provincial post of a known politician
  surnames.txt    Vietnamese surnames (first syllables of politicians' names)

Only what extraction needs is kept, so the files stay small. The output is
deterministic: running the script twice gives identical files.

Usage (from the repository root):

  python3 index-schema/derive.py ../shared/data/reference

Stdlib only.
"""

import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Tone marks as combining characters (huyền, sắc, hỏi, ngã, nặng).
TONES = "\u0300\u0301\u0309\u0303\u0323"
VOWELS = set("aăâeêioôơuưy")


def split_tone(ch):
    """('ộ' -> ('ô', '\u0323')); letters without a tone give (ch, '')."""
    parts = unicodedata.normalize("NFD", ch)
    tone = "".join(c for c in parts if c in TONES)
    base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
    return base, tone


def canon_word(word):
    """Tone placement of the open rimes oa, oe, uy moved to the first vowel
    ("hoà" -> "hòa", "Uỷ" -> "Ủy"): the style `analysis::exact_form` uses,
    so names read the same in the files and in extracted metadata."""
    w = unicodedata.normalize("NFC", word)
    if len(w) < 2:
        return w
    first, second = w[-2], w[-1]
    fb, ft = split_tone(first)
    sb, st = split_tone(second)
    if (fb.lower(), sb.lower()) not in (("o", "a"), ("o", "e"), ("u", "y")):
        return w
    if ft or not st:
        return w
    if len(w) >= 3:
        before = split_tone(w[-3])[0].lower()
        if before in VOWELS or (before == "q" and fb.lower() == "u"):
            return w
    return w[:-2] + unicodedata.normalize("NFC", fb + st) + sb


def canon(text):
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"\w+", lambda m: canon_word(m.group(0)), text)


def fold(text):
    """Accent-free lower-case form, for comparisons only."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text.lower()).strip()


# ---------------------------------------------------------------- provinces

# Spellings seen in news that provinces.json does not list (its variants are
# tone placement and hyphenation only). Keys are canonical names.
EXTRA_VARIANTS = {
    "Hồ Chí Minh": ["HCM", "TPHCM", "TP.HCM", "Tp.HCM"],
    "Thừa Thiên Huế": ["Thừa Thiên - Huế", "Thừa Thiên-Huế", "TT-Huế"],
    "Bà Rịa - Vũng Tàu": ["Bà Rịa Vũng Tàu", "BR-VT"],
    "Bắc Kạn": ["Bắc Cạn"],
    "Kon Tum": ["Kontum"],
    "Đắk Lắk": ["Đắc Lắc", "Daklak", "Đắk Lăk"],
    "Đắk Nông": ["Đắc Nông", "Daknong"],
}

# Names that are also ordinary words or a person's name, so a bare mention
# says nothing: they count only after a province cue (tỉnh, thành phố, TP,
# Tỉnh ủy…). "Hồ Chí Minh" is the president far more often than the city;
# "hòa bình" is peace, "thái bình" peaceful, "bình định" to pacify; "Huế" is a
# common given name.
NEEDS_CUE = {"Hồ Chí Minh", "Hòa Bình", "Thái Bình", "Bình Định", "Huế"}

# Names of a person: a title before them names that person ("Chủ tịch Hồ Chí
# Minh"), not the province's leader ("Bí thư Hải Phòng", "Chủ tịch Hà Nội").
PERSON = {"Hồ Chí Minh"}


def variants_of(name, given):
    out = []
    for v in [name, *given, *EXTRA_VARIANTS.get(name, [])]:
        for w in (unicodedata.normalize("NFC", v), canon(v)):
            if w not in out:
                out.append(w)
    return out


def derive_provinces(data):
    rows = []
    for era, key in (("old", "old_63"), ("new", "new_34")):
        for p in data[key]:
            name = canon(p["name"])
            new = canon(p["new_name"]) if era == "old" else name
            kind = "thanh-pho" if p["type"].startswith("thành phố") else "tinh"
            flags = ",".join(f for f, names in (("cue", NEEDS_CUE), ("person", PERSON)) if name in names)
            rows.append((name, era, kind, new, flags, variants_of(name, p["name_variants"])))
    olds = {r[0] for r in rows if r[1] == "old"}
    news = {r[0] for r in rows if r[1] == "new"}
    assert len(olds) == 63 and len(news) == 34, (len(olds), len(news))
    assert all(r[3] in news for r in rows), "every province maps into the 34"
    mapping = {canon(k): canon(v) for k, v in data["old_to_new_by_name"].items()}
    assert all(mapping[r[0]] == r[3] for r in rows if r[1] == "old")
    lines = ["# name\tera\ttype\tprovince_2025\tflags\tvariants (|-separated)"]
    for name, era, kind, new, flags, variants in rows:
        lines.append("\t".join([name, era, kind, new, flags, "|".join(variants)]))
    return rows, lines


# ---------------------------------------------------------------- officials

# Posts that ended before 1997 belong to provinces that no longer exist
# (Hà Nam Ninh, Nghệ Tĩnh, Hải Hưng… were split in 1989-1997): news in the
# corpora is later, so those posts would only mislead.
OLDEST_USEFUL_YEAR = 1997

DISTRICT_LEVEL = re.compile(
    r"\b(huyện|quận|thị xã|thị ủy|thị uỷ|huyện ủy|huyện uỷ|quận ủy|quận uỷ|phường)\b",
    re.IGNORECASE,
)
# Compared with folded text (fold() below).
PROVINCE_CUE = re.compile(r"\b(tinh|tinh uy|thanh pho|tp\.?|thanh uy|ubnd|hdnd)\s*$")


def parse_term(raw, end):
    """A term bound as YYYY, YYYY-MM or YYYY-MM-DD; 'nay' for still in
    office; '' when unknown. Infobox values come in a dozen spellings."""
    v = unicodedata.normalize("NFC", raw).strip().lower()
    if not v or v in ("?", "()", "không rõ"):
        return ""
    if v.startswith("nay") or v == "đương nhiệm":
        return "nay" if end else ""
    m = re.search(r"(\d{4})-(\d{1,2})-(\d{1,2})", v)
    if m:
        return f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}"
    m = re.search(r"(\d{4})-(\d{1,2})\b", v)
    if m and not re.search(r"\(\d{4}-\d{4}\)", v):
        return f"{m[1]}-{int(m[2]):02d}"
    m = re.search(r"(\d{1,2})\s*tháng\s*(\d{1,2})\D+?(\d{4})", v)
    if m:
        return f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}"
    m = re.search(r"tháng\s*(\d{1,2})\D+?(\d{4})", v) or re.search(
        r"^(\d{1,2})\s*[/.]\s*(\d{4})$", v
    )
    if m:
        return f"{m[2]}-{int(m[1]):02d}"
    years = re.findall(r"\b(1[89]\d\d|20\d\d)\b", v)
    if years:
        return years[-1] if end else years[0]
    return ""


def province_matchers(provinces):
    """(folded variant, canonical old name, needs cue), longest first."""
    out = []
    for name, era, _kind, _new, flags, variants in provinces:
        if era != "old" and name not in {r[0] for r in provinces if r[1] == "old"}:
            # A post-2025 name ("Huế"): posts are stored under the old names.
            target = next(r[0] for r in provinces if r[1] == "old" and r[3] == name)
        else:
            target = name
        for v in variants:
            out.append((fold(v), target, "cue" in flags.split(",")))
    out.sort(key=lambda t: -len(t[0]))
    return out


def province_of_title(title, matchers):
    """The province a post belongs to, read from its title ("Bí thư Tỉnh ủy
    Ninh Thuận" -> Ninh Thuận); None for national or district-level posts,
    or when the title names two provinces."""
    if DISTRICT_LEVEL.search(title):
        return None
    folded = fold(title)
    found = set()
    for variant, target, needs_cue in matchers:
        for m in re.finditer(r"(?<![a-z0-9])" + re.escape(variant) + r"(?![a-z0-9])", folded):
            before = folded[: m.start()]
            if needs_cue and not PROVINCE_CUE.search(before):
                continue
            found.add(target)
            folded = folded[: m.start()] + " " * len(variant) + folded[m.end() :]
    return found.pop() if len(found) == 1 else None


def year_of(bound):
    return int(bound[:4]) if bound and bound != "nay" else None


def derive_officials(path, provinces):
    matchers = province_matchers(provinces)
    rows = []
    first_syllables = {}
    people = 0
    for line in open(path, encoding="utf-8"):
        person = json.loads(line)
        people += 1
        name = canon(re.sub(r"\s*\(.*?\)\s*", " ", person["name"])).strip()
        name = re.sub(r"\s+", " ", name)
        words = name.split()
        if len(words) >= 3:
            # Two-syllable names are mostly pen names (Tố Hữu, Trường Chinh)
            # whose first syllable is no surname.
            first_syllables[words[0]] = first_syllables.get(words[0], 0) + 1
        for office in person["offices"]:
            title = re.sub(r"\s+", " ", canon(office["title"])).strip()
            province = province_of_title(title, matchers)
            if not province:
                continue
            start = parse_term(office.get("term_start", ""), end=False)
            end = parse_term(office.get("term_end", ""), end=True)
            if not start and not end:
                continue
            last = year_of(end) or year_of(start)
            if end != "nay" and last is not None and last < OLDEST_USEFUL_YEAR:
                continue
            rows.append((person["viwiki_pageid"], name, province, start, end, title))
    rows.sort(key=lambda r: (fold(r[1]), r[1], int(r[0]), r[3], r[5]))
    lines = ["# id\tname\tprovince\tterm_start\tterm_end\ttitle"]
    lines += ["\t".join(r) for r in rows]
    return people, rows, lines, first_syllables


# Frequent surnames the 1,332 politicians happen not to start with (Lã, Khúc,
# Mạc…): a name filter should not depend on who has a Wikipedia page. (Not
# "Ông" or "Đường": far more often "Mr" and "road" than a surname.)
EXTRA_SURNAMES = (
    "Âu Bạch Bế Chung Diệp Giáp Hứa Kha Khổng Khúc Khương La Lã Lạc Lục "
    "Mạc Mạnh Ninh Nhan Phí Thiều Thịnh Tiêu Tôn Văn Viên Võ Vi "
    "Lều Lỗ Kiều Hàn Hán Giang Đàm Đới Đồng Lò"
).split()

# First syllables of names in the data that are given names, not surnames
# (data entered without a surname, or a baptismal name before it), and rare
# surnames that mostly start other things: "Phó" (deputy), "Quang", "Yên"
# (Yên Bái), "Cam" (Cam Ranh, Cam Túc).
NOT_SURNAMES = {"Phêrô", "Cư", "Phó", "Quang", "Yên", "Cam"}


def main():
    ref = Path(sys.argv[1] if len(sys.argv) > 1 else HERE.parent.parent / "shared/data/reference")
    data = json.load(open(ref / "provinces.json", encoding="utf-8"))
    provinces, province_lines = derive_provinces(data)
    people, rows, official_lines, first = derive_officials(ref / "officials-viwiki.jsonl", provinces)
    surnames = sorted(
        ({canon(s) for s in first} | {canon(s) for s in EXTRA_SURNAMES}) - NOT_SURNAMES,
        key=lambda s: (fold(s), s),
    )
    (HERE / "provinces.tsv").write_text("\n".join(province_lines) + "\n", encoding="utf-8")
    (HERE / "officials.tsv").write_text("\n".join(official_lines) + "\n", encoding="utf-8")
    (HERE / "surnames.txt").write_text("\n".join(surnames) + "\n", encoding="utf-8")
    with_posts = len({r[0] for r in rows})
    print(
        f"provinces.tsv: {len(provinces)} rows; officials.tsv: {len(rows)} provincial posts "
        f"of {with_posts} of {people} people; surnames.txt: {len(surnames)}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
