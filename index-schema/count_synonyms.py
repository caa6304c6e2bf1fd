#!/usr/bin/env python3
"""Count every form of index-schema/synonyms.tsv in the shared news corpora.

Usage (from the repository root):

    python3 index-schema/count_synonyms.py [--corpus-dir DIR] [--synonyms FILE] [--out FILE]

Reads the synonym groups (one group a line, forms separated by " | ", "#" comment
lines) and every *.jsonl.gz in the corpus directory (default ../shared/data/corpus
relative to the repository root; one JSON object a line with "title" and "body"),
and writes index-schema/synonyms-counts.tsv with the columns
group (the group's first form), form, occurrences, articles.

Matching: title and body are normalised (NFC, lower-case), accents folded
(combining marks removed after NFD, đ -> d) and split into tokens (runs of
letters and digits, so "TP.HCM" is tp, hcm and "KT-XH" is kt, xh). A form
occurs where its tokens appear consecutively. Forms that differ only in
punctuation therefore get the same count.

Exits with status 1 (after writing the counts) if a form never occurs or if
there are fewer than 30 groups; with status 2 on unreadable input or a form
listed in two groups.
"""

import argparse
import collections
import gzip
import json
import os
import re
import sys
import time
import unicodedata

MIN_GROUPS = 30

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SYNONYMS = os.path.join(REPO_ROOT, "index-schema", "synonyms.tsv")
DEFAULT_OUT = os.path.join(REPO_ROOT, "index-schema", "synonyms-counts.tsv")
DEFAULT_CORPUS_DIR = os.path.join(REPO_ROOT, "..", "shared", "data", "corpus")

TOKEN = re.compile(r"[^\W_]+")

# Removes every nonspacing combining mark (tone and vowel marks after NFD) and
# maps đ to d; built once for str.translate, which runs at C speed.
FOLD_TABLE = {cp: None for cp in range(0x110000) if unicodedata.category(chr(cp)) == "Mn"}
FOLD_TABLE[ord("đ")] = "d"


def fold(text):
    """NFC, lower-case, accents folded. NFD(NFC(x)) is NFD(x), so the NFC step
    is implied by decomposing the lower-cased text."""
    return unicodedata.normalize("NFD", text.lower()).translate(FOLD_TABLE)


def tokens(text):
    return TOKEN.findall(fold(text))


def die(message, status=2):
    print("count_synonyms: " + message, file=sys.stderr)
    sys.exit(status)


def read_groups(path):
    """Groups as lists of forms, parsed like src/synonyms.rs does."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError as e:
        die("cannot read %s: %s" % (path, e))
    groups = []
    owner = {}  # folded token sequence -> (group index, line number)
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        forms = [f.strip() for f in line.split("|") if f.strip()]
        if len(forms) < 2 or any(not tokens(f) for f in forms):
            die('%s:%d: a group needs two or more forms with words, separated by " | "' % (path, number))
        for form in forms:
            key = tuple(tokens(form))
            seen = owner.get(key)
            if seen is not None and seen[0] != len(groups):
                die("%s:%d: %r is also a form of the group on line %d" % (path, number, form, seen[1]))
            owner[key] = (len(groups), number)
        groups.append(forms)
    return groups


def corpus_files(directory):
    try:
        names = sorted(n for n in os.listdir(directory) if n.endswith(".jsonl.gz"))
    except OSError as e:
        die("cannot read corpus directory %s: %s" % (directory, e))
    if not names:
        die("no *.jsonl.gz files in %s" % directory)
    return [os.path.join(directory, n) for n in names]


def count(groups, files):
    """Occurrences and article counts for every distinct token sequence."""
    sequences = {tuple(tokens(f)) for g in groups for f in g}
    by_first = collections.defaultdict(list)
    for seq in sequences:
        by_first[seq[0]].append(seq)
    occurrences = collections.Counter()
    articles = collections.Counter()
    n_articles = 0
    for path in files:
        started = time.time()
        bad = 0
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                try:
                    doc = json.loads(line)
                except ValueError:
                    bad += 1
                    continue
                n_articles += 1
                toks = tokens((doc.get("title") or "") + "\n" + (doc.get("body") or ""))
                found = set()
                for i, tok in enumerate(toks):
                    candidates = by_first.get(tok)
                    if candidates is None:
                        continue
                    for seq in candidates:
                        if len(seq) == 1 or tuple(toks[i:i + len(seq)]) == seq:
                            occurrences[seq] += 1
                            found.add(seq)
                for seq in found:
                    articles[seq] += 1
        note = ", %d unreadable lines skipped" % bad if bad else ""
        print("  %s: %.0f s%s" % (os.path.basename(path), time.time() - started, note), file=sys.stderr)
    return occurrences, articles, n_articles


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus-dir", default=DEFAULT_CORPUS_DIR, help="folder of *.jsonl.gz corpora")
    parser.add_argument("--synonyms", default=DEFAULT_SYNONYMS, help="synonym list to count")
    parser.add_argument("--out", default=DEFAULT_OUT, help="counts file to write")
    args = parser.parse_args()

    started = time.time()
    groups = read_groups(args.synonyms)
    files = corpus_files(args.corpus_dir)
    print("counting %d forms of %d groups in %d corpora" % (sum(map(len, groups)), len(groups), len(files)),
          file=sys.stderr)
    occurrences, articles, n_articles = count(groups, files)

    missing = []
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        out.write("group\tform\toccurrences\tarticles\n")
        for group in groups:
            for form in group:
                seq = tuple(tokens(form))
                out.write("%s\t%s\t%d\t%d\n" % (group[0], form, occurrences[seq], articles[seq]))
                if occurrences[seq] == 0:
                    missing.append("%s (group %s)" % (form, group[0]))
    print("%d articles, %d groups; wrote %s in %.0f s"
          % (n_articles, len(groups), os.path.relpath(args.out), time.time() - started), file=sys.stderr)

    failed = False
    if missing:
        print("count_synonyms: forms that never occur: " + "; ".join(missing), file=sys.stderr)
        failed = True
    if len(groups) < MIN_GROUPS:
        print("count_synonyms: only %d groups, expected at least %d" % (len(groups), MIN_GROUPS), file=sys.stderr)
        failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
