#!/usr/bin/env python3
"""Draws the benchmark query set from the corpus, deterministically.

Usage:
    make_queries.py [--corpus-dir DIR] [--facets FACETS.json] [--out FILE]
                    [--dictionary WORDS.tsv] [--seed N] [--sample-every N]

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
    boolean     50  2-3 terms joined by AND / OR / NOT / `-` and parentheses,
                    in ten fixed shapes, five queries each ("a AND b",
                    "a OR b", "(a OR b) -c", "a AND NOT \"b c\"", ...). A term
                    is a word of 2-4 syllables of the tracuu dictionary
                    (index-schema/words.tsv) found in a sampled article, as
                    written there, or a quoted 2-syllable window ("\"b c\"");
                    the terms an AND asks for all come from one article (so
                    the query finds it), OR and NOT terms from another
    mixed_accent
                50  2-4 consecutive syllables, at least two with accents, of
                    which a random part (at least one, not all) is typed
                    without ("hoi đồng nhân dân")
    filters_only
                50  no query (the query column empty), only --province (20),
                    --year (20) or both (10), drawn as for `filter`
    any_order   50  2-3 consecutive syllables with their accents, to be run
                    with --match any-order (every syllable anywhere)

"Consecutive" means separated by white space only: no punctuation or digits
in between. Provinces and years are the values the tracuu index holds, read
from the output of `tracuu facets --format json --top 1000 --field province
--field year` (--facets); without it, or when the index holds none, a fixed
list of well-known provinces and the years 2007-2017 stand in (and a warning
is printed).

The first five classes are drawn one after the other from one random
generator seeded with --seed; each later class has a generator of its own,
seeded with "SEED:CLASS", so adding a class never changes the queries of
the others. Same corpus, dictionary, facets and seed: same file.

Python 3 standard library only.
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


def read_dictionary(path):
    """Exact forms of the dictionary's words of 2-4 syllables found in at
    least 10 articles (index-schema/words.tsv: folded, exact, sources, articles)."""
    words = set()
    if not path or not os.path.exists(path):
        return words
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4 or not cols[3].isdigit() or int(cols[3]) < 10:
                continue
            exact = unicodedata.normalize("NFC", cols[1])
            if 2 <= len(exact.split()) <= 4 and all(w.isalpha() for w in exact.split()):
                words.add(exact)
    return words


def dictionary_words_of(doc, dictionary):
    """The dictionary words (2-4 syllables) written in a document, sorted."""
    found = set()
    for clause in doc:
        for n in (2, 3, 4):
            for start in range(len(clause) - n + 1):
                text = " ".join(clause[start:start + n])
                if text in dictionary:
                    found.add(text)
    return sorted(found)


def window_of(doc, rng, n):
    """A window of `n` consecutive words of `doc`, or None."""
    fitting = [c for c in doc if len(c) >= n]
    if not fitting:
        return None
    clause = fitting[rng.randrange(len(fitting))]
    start = rng.randrange(len(clause) - n + 1)
    words = clause[start:start + n]
    if any(len(w) > 12 or len(w) < 2 for w in words):
        return None
    return " ".join(words)


# Shapes of the `boolean` class: `A`, `B`, `C` are terms from one article
# (an AND of them finds it), `x`, `y` terms from other articles, `W` a
# quoted 2-syllable window from another article.
BOOLEAN_SHAPES = [
    "A AND B",
    "x OR y",
    "(A OR x) -y",
    "A AND NOT W",
    "A AND B AND C",
    "(A OR x) AND B",
    "A OR x OR y",
    "A B -W",
    "A OR (x AND NOT B)",
    "NOT y AND (A OR W)",
]
TERM_NAME = re.compile(r"\b[ABCxyW]\b")


def boolean_queries(docs, dictionary, rng, count, seen):
    """`count` distinct queries of the `boolean` class (see BOOLEAN_SHAPES)."""
    out = []
    attempts = 0

    def term(doc, exclude):
        """A dictionary word of `doc` (as written there) not in `exclude`,
        or a quoted window when the dictionary has none."""
        words = [w for w in dictionary_words_of(doc, dictionary) if w not in exclude] if dictionary else []
        if words:
            return rng.choice(words)
        window = window_of(doc, rng, 2)
        return '"%s"' % window if window and window not in exclude else None

    while len(out) < count:
        attempts += 1
        if attempts > count * 1000:
            sys.exit("make_queries: cannot draw enough boolean queries")
        shape = BOOLEAN_SHAPES[len(out) % len(BOOLEAN_SHAPES)]
        names = set(TERM_NAME.findall(shape))
        home = docs[rng.randrange(len(docs))]
        terms = {}
        for name in ("A", "B", "C"):
            if name in names:
                terms[name] = term(home, set(terms.values()))
        for name in ("x", "y"):
            if name in names:
                terms[name] = term(docs[rng.randrange(len(docs))], set(terms.values()))
        if "W" in names:
            window = window_of(docs[rng.randrange(len(docs))], rng, 2)
            terms["W"] = '"%s"' % window if window else None
        if any(t is None for t in terms.values()) or len(set(terms.values())) < len(terms):
            continue
        query = TERM_NAME.sub(lambda m: terms[m.group(0)], shape)
        if query in seen:
            continue
        seen.add(query)
        out.append(query)
    return out


def has_accents(word):
    return fold(word) != word


def mixed_accent_queries(docs, rng, count, seen):
    """`count` windows of 2-4 syllables, at least two with accents, of which
    a random part (at least one, not all) is written without."""
    out = []
    attempts = 0
    while len(out) < count:
        attempts += 1
        if attempts > count * 1000:
            sys.exit("make_queries: cannot draw enough mixed-accent queries")
        window = window_of(docs[rng.randrange(len(docs))], rng, rng.choice([2, 3, 4]))
        if not window:
            continue
        words = window.split()
        accented = [i for i, w in enumerate(words) if has_accents(w)]
        if len(accented) < 2:
            continue
        stripped = set(rng.sample(accented, rng.randrange(1, len(accented))))
        query = " ".join(fold(w) if i in stripped else w for i, w in enumerate(words))
        if query in seen:
            continue
        seen.add(query)
        out.append(query)
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus-dir", default=os.path.join(here, "..", "..", "..", "shared", "data", "corpus"))
    parser.add_argument("--facets", help="output of `tracuu facets --format json --top 1000 --index DIR`")
    parser.add_argument("--out", default=os.path.join(here, "queries.tsv"))
    parser.add_argument("--dictionary", default=os.path.join(here, "..", "..", "index-schema", "words.tsv"),
                        help="tracuu's dictionary (terms of the boolean class)")
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

    def pick_filters(i, pick):
        """(province, year) of the i-th filtered query: 0, 1: province; 2, 3: year; 4: both."""
        kind = i % 5
        province = pick(provinces) if kind in (0, 1, 4) else ""
        year = str(pick(years)) if kind in (2, 3, 4) else ""
        return province, year

    filter_words = words_by_df[:1000]
    for i in range(50):
        word = rng.choice(filter_words)
        rows.append(("filter", word) + pick_filters(i, pick))

    # The later classes: a generator each, so the classes above stay as they were.
    def class_rng(name):
        return random.Random("%d:%s" % (args.seed, name))

    dictionary = read_dictionary(args.dictionary)
    if not dictionary:
        print("make_queries: warning: no dictionary at %s; boolean terms are word windows" % args.dictionary,
              file=sys.stderr)
    rows += [("boolean", q, "", "") for q in boolean_queries(docs, dictionary, class_rng("boolean"), 50, seen)]
    rows += [("mixed_accent", q, "", "") for q in mixed_accent_queries(docs, class_rng("mixed_accent"), 50, seen)]
    filters_rng = class_rng("filters_only")

    def pick_only(values):
        return filters_rng.choices([v for v, _ in values], weights=[n for _, n in values])[0]

    rows += [("filters_only", "") + pick_filters(i, pick_only) for i in range(50)]
    rows += [("any_order", q, "", "") for q in windows(docs, class_rng("any_order"), [2, 3], 50, lambda t: t, seen)]

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
