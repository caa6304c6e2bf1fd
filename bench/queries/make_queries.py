#!/usr/bin/env python3
"""Draws the benchmark query set from the corpus, deterministically.

Usage:
    make_queries.py [--corpus-dir DIR] [--facets FACETS.json] [--out FILE]
                    [--seed N] [--sample-every N]

Reads every N-th article (default 8) of the three corpora, in a fixed order,
and writes a TSV `class<TAB>query<TAB>province<TAB>year` (with that header):

    word_freq   50  single words among the 200 with the highest document
                    frequency in the sample (stop words included: the worst case)
    word_rare   50  single words found in only 1-2 sampled articles
    accentless 100  2-3 consecutive syllables of real text, lower-cased,
                    accents stripped and đ -> d ("thanh hoa")
    phrase      50  3-4 consecutive syllables with their accents, quoted
                    ("\"hội đồng nhân dân\"")
    filter      50  a word (among the 1,000 most frequent) with --province (20),
                    --year (20) or both (10); values drawn in proportion to
                    the articles they have

"Consecutive" means separated by white space only: no punctuation or digits
in between. Provinces and years are the values the tracuu index holds, read
from the output of `tracuu facets --format json --top 1000 --field province
--field year` (--facets); without it, or when the index holds none, a fixed
list of well-known provinces and the years 2007-2017 stand in (and a warning
is printed).

Python 3 standard library only. Same corpus, facets and seed: same file.
"""

import argparse
import collections
import gzip
import json
import os
import random
import re
import sys
import unicodedata

CORPORA = ["vntc-10topics", "baomoi-2017", "vietnews-party-subset"]

FALLBACK_PROVINCES = [
    "Hà Nội", "Thành phố Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ",
    "Thanh Hóa", "Nghệ An", "Quảng Ninh", "Bình Dương", "Đồng Nai",
    "Khánh Hòa", "Lâm Đồng", "Thừa Thiên Huế", "Quảng Nam", "Hà Tĩnh",
]
FALLBACK_YEARS = list(range(2007, 2018))

# Runs of characters that end a clause: anything but letters and white space.
CLAUSE_BREAK = re.compile(r"[^\w\s]|[\d_]")


def fold(text):
    """Lower case, accents stripped, đ -> d (as a user types without accents)."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", stripped).replace("đ", "d")


def clauses(text):
    """Lists of consecutive words (letters only) of a text."""
    for part in CLAUSE_BREAK.split(unicodedata.normalize("NFC", text)):
        words = [w.lower() for w in part.split()]
        if words and all(w.isalpha() for w in words):
            yield words
        else:
            # A clause holding a non-letter token: keep its letter-only runs.
            run = []
            for w in words:
                if w.isalpha():
                    run.append(w.lower())
                else:
                    if run:
                        yield run
                    run = []
            if run:
                yield run


def read_sample(corpus_dir, every):
    docs = []
    for name in CORPORA:
        path = os.path.join(corpus_dir, name + ".jsonl.gz")
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for i, line in enumerate(f):
                if i % every:
                    continue
                try:
                    d = json.loads(line)
                except ValueError:
                    continue
                text = (d.get("title") or "") + "\n" + (d.get("body") or "")
                cl = [c for c in clauses(text)]
                if cl:
                    docs.append(cl)
    return docs


def facet_values(path):
    """(provinces, years) held by the index, from `tracuu facets --format json`."""
    if not path:
        return [], []
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    facets = data.get("facets", {})

    def values(name):
        return sorted(
            (v["value"], int(v["count"]))
            for v in facets.get(name, {}).get("values", [])
            if v.get("value") and v.get("count", 0) > 0
        )

    provinces = values("province")
    years = [(int(y), n) for y, n in values("year") if str(y).isdigit()]
    return provinces, years


def windows(docs, rng, sizes, count, transform, seen):
    """`count` distinct windows of consecutive words from random documents."""
    out = []
    attempts = 0
    while len(out) < count:
        attempts += 1
        if attempts > count * 1000:
            sys.exit("make_queries: cannot draw enough word windows")
        doc = docs[rng.randrange(len(docs))]
        clause = doc[rng.randrange(len(doc))]
        n = rng.choice(sizes)
        if len(clause) < n:
            continue
        start = rng.randrange(len(clause) - n + 1)
        words = clause[start:start + n]
        if any(len(w) > 12 for w in words):
            continue
        text = transform(" ".join(words))
        if text in seen:
            continue
        seen.add(text)
        out.append(text)
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus-dir", default=os.path.join(here, "..", "..", "..", "shared", "data", "corpus"))
    parser.add_argument("--facets", help="output of `tracuu facets --format json --top 1000 --index DIR`")
    parser.add_argument("--out", default=os.path.join(here, "queries.tsv"))
    parser.add_argument("--seed", type=int, default=20251121)
    parser.add_argument("--sample-every", type=int, default=8)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    docs = read_sample(args.corpus_dir, args.sample_every)
    df = collections.Counter()
    for doc in docs:
        df.update(set(w for clause in doc for w in clause))
    by_df = sorted(df.items(), key=lambda kv: (-kv[1], kv[0]))
    words_by_df = [w for w, _ in by_df if len(w) >= 2]

    rows = []
    seen = set()

    frequent = rng.sample(words_by_df[:200], 50)
    rows += [("word_freq", w, "", "") for w in frequent]
    seen.update(frequent)

    rare_pool = sorted(w for w, n in df.items() if n <= 2 and 3 <= len(w) <= 10 and w not in seen)
    rare = rng.sample(rare_pool, 50)
    rows += [("word_rare", w, "", "") for w in rare]
    seen.update(rare)

    rows += [("accentless", q, "", "") for q in windows(docs, rng, [2, 3], 100, fold, seen)]
    rows += [("phrase", '"%s"' % q, "", "") for q in windows(docs, rng, [3, 4], 50, lambda t: t, seen)]

    provinces, years = facet_values(args.facets)
    if not provinces:
        print("make_queries: warning: the index holds no province values; using a fixed list", file=sys.stderr)
        provinces = [(p, 1) for p in FALLBACK_PROVINCES]
    if not years:
        print("make_queries: warning: the index holds no year values; using 2007-2017", file=sys.stderr)
        years = [(y, 1) for y in FALLBACK_YEARS]

    def pick(values):
        """A value, as likely as the share of articles it has (as users filter on)."""
        return rng.choices([v for v, _ in values], weights=[n for _, n in values])[0]

    filter_words = words_by_df[:1000]
    for i in range(50):
        word = rng.choice(filter_words)
        kind = i % 5  # 0, 1: province; 2, 3: year; 4: both
        province = pick(provinces) if kind in (0, 1, 4) else ""
        year = str(pick(years)) if kind in (2, 3, 4) else ""
        rows.append(("filter", word, province, year))

    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("class\tquery\tprovince\tyear\n")
        for row in rows:
            assert all("\t" not in c and "\n" not in c for c in row)
            f.write("\t".join(row) + "\n")
    counts = collections.Counter(r[0] for r in rows)
    print(
        "make_queries: %d queries (%s) from %d sampled articles; %d provinces, %d years -> %s"
        % (len(rows), ", ".join("%s %d" % kv for kv in counts.items()), len(docs), len(provinces), len(years), args.out),
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
