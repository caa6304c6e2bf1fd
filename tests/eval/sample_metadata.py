#!/usr/bin/env python3
"""Picks the articles of the metadata evaluation set, reproducibly.

Per stratum (corpus, and VNTC category), the articles whose
sha1("tracuu-eval-v1:" + id) is smallest. Prints one JSON line per article:
{"id", "corpus"}. The texts stay in ../shared (not copied into the repo).

    python3 tests/eval/sample_metadata.py ../shared/data/corpus > tests/eval/metadata-sample.jsonl
"""
import gzip
import hashlib
import json
import sys
from pathlib import Path

# (corpus file, VNTC category or None, how many)
STRATA = [
    ("vietnews-party-subset.jsonl.gz", None, 30),
    ("vntc-10topics.jsonl.gz", "Chính trị - Xã hội", 12),
    ("vntc-10topics.jsonl.gz", "Pháp luật", 5),
    ("vntc-10topics.jsonl.gz", "Thế giới", 5),
    ("vntc-10topics.jsonl.gz", "Kinh doanh", 3),
    ("vntc-10topics.jsonl.gz", "Văn hóa", 3),
    ("baomoi-2017.jsonl.gz", None, 15),
]


def key(article_id):
    return hashlib.sha1(f"tracuu-eval-v1:{article_id}".encode()).hexdigest()


def main(folder):
    for name, category, count in STRATA:
        candidates = []
        with gzip.open(Path(folder) / name, "rt", encoding="utf-8") as lines:
            for line in lines:
                article = json.loads(line)
                if category is not None and article.get("category") != category:
                    continue
                if len(article.get("body") or "") < 400:
                    continue  # too short to carry metadata worth labelling
                candidates.append((key(article["id"]), article["id"]))
        candidates.sort()
        for _, article_id in candidates[:count]:
            print(json.dumps({"id": article_id, "corpus": name}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/corpus")
