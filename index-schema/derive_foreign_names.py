#!/usr/bin/env python3
"""Derives index-schema/foreign-office-holders.txt: office holders of other
countries whose names read as Vietnamese names (Sino-Vietnamese readings:
Tập Cận Bình, Hồ Cẩm Đào), so that an article naming one without a country
("Chủ tịch Hồ Cẩm Đào") does not list him among Vietnamese officials.

Input: the `foreign_official` facet of an index of the shared corpora, where
the extractor saw each name with a foreign post ("Chủ tịch Trung Quốc Hồ Cẩm
Đào"):

    tracuu index --index /tmp/idx ../shared/data/corpus/*.jsonl.gz
    tracuu facets --index /tmp/idx --field foreign_official --top 100000 --format json \\
        | python3 index-schema/derive_foreign_names.py > index-schema/foreign-office-holders.txt

Kept: names of 2-4 syllables seen with a foreign post in at least MIN_ARTICLES
articles, whose first syllable is a Vietnamese surname (index-schema/
surnames.txt; other names never pass for Vietnamese ones), and that the
Vietnamese reference list (index-schema/officials.tsv) does not hold.
"""
import json
import os
import sys

MIN_ARTICLES = 3
here = os.path.dirname(os.path.abspath(__file__))


def lines(name):
    with open(os.path.join(here, name), encoding="utf-8") as f:
        return [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]


surnames = {l.split("\t")[0].strip() for l in lines("surnames.txt")}
vietnamese = {l.split("\t")[1] for l in lines("officials.tsv") if "\t" in l}
report = json.load(sys.stdin)
values = report["facets"]["foreign_official"]["values"]
kept = sorted(
    v["value"]
    for v in values
    if v["count"] >= MIN_ARTICLES
    and 2 <= len(v["value"].split()) <= 4
    and v["value"].split()[0] in surnames
    and v["value"] not in vietnamese
)
print("# Office holders of other countries whose names read as Vietnamese names.")
print("# Made by index-schema/derive_foreign_names.py from the shared corpora (see there).")
for name in kept:
    print(name)
