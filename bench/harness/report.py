#!/usr/bin/env python3
"""Turns the numbers bench/run.sh collected in its work dir into RESULTS.md.

Usage: report.py --work WORK_DIR --out FILE.md   (also prints the report)

Reads meta.tsv, inputs.tsv, index.tsv, load.tsv, queries.tsv,
fts5-queries.tsv (`fts5 translate`) and raw/:
{tracuu,tracuu_opt,fts5}-SIZE.tsv (per-query timings, see
bench/harness/src/lib.rs), tracuu-SIZE.json (facets, searcher, docs) and
e2e-SIZE.json (hyperfine export); and, when it exists,
bench/queries/totals-before.tsv (--before): `class<TAB>n<TAB>total`, one line
per query (n = its 0-based number in queries.tsv), the totals of an earlier
tracuu, whose medians per class are shown beside this run's. Writes this
run's totals at the largest size in that format to WORK_DIR/totals.tsv.
Python 3 standard library only.
"""

import argparse
import collections
import json
import math
import os
import re
import statistics

CLASSES = ["word_freq", "word_rare", "accentless", "phrase", "filter", "boolean", "mixed_accent", "filters_only",
           "any_order"]
# Classes FTS5 never runs: it holds no metadata.
FTS5_SKIPS = ["filter", "filters_only"]
TOOL_NAMES = {
    "tracuu": "tracuu",
    "plain": "plain tantivy",
    "fts5": "SQLite FTS5",
    "tracuu_optimize": "tracuu --optimize",
    "tracuu_opt": "tracuu --optimize",
}
P99_TARGET_MS = 10.0
FTS5_RATIO_TARGET = 15.0
INDEX_WALL_TARGET = 1.7
INDEX_SIZE_TARGET = 1.4
FACETS_TARGET_MS = 50.0
E2E_TARGET_MS = 100.0
RSS_TARGET_MIB = 1024.0
EXPORT_TARGET_HITS_S = 50_000
EXPORT_RSS_TARGET_MB = 200.0


def read_tsv(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        lines = [l.rstrip("\n").split("\t") for l in f if l.strip()]
    header, rows = lines[0], lines[1:]
    return [dict(zip(header, r)) for r in rows]


def read_meta(path):
    meta = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            key, _, value = line.rstrip("\n").partition("\t")
            meta[key] = value
    return meta


def label(size, articles=None):
    if size == "all":
        return "all (%s)" % format(int(articles), ",") if articles else "all"
    n = int(size)
    return "%dk" % (n // 1000) if n % 1000 == 0 else str(n)


def pct(values, p):
    """Nearest-rank percentile."""
    v = sorted(values)
    if not v:
        return float("nan")
    k = max(1, math.ceil(p / 100.0 * len(v)))
    return v[k - 1]


def fmt(x, digits=2):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    return "%.*f" % (digits, x)


def div(a, b):
    """a / b, NaN when b is 0 or missing (a tiny smoke run can take 0.00 s)."""
    try:
        return a / b if b else float("nan")
    except TypeError:
        return float("nan")


def verdict(ok):
    return "**met**" if ok else "**MISSED**"


def split_runs(cols):
    """(wall ms, thread CPU ms) of a raw line's timing columns."""
    values = [float(x) for x in cols[4:]]
    half = len(values) // 2
    return values[:half], values[half:]


def read_raw(path):
    """{class: [wall ms]}, {class: [hits]}, [(class, n, hits, median wall)], {class: [CPU ms]},
    {n: (class, [wall ms], [CPU ms])} of a raw timing file."""
    times, hits, rows, cpu, by_n = (collections.defaultdict(list), collections.defaultdict(list), [],
                                    collections.defaultdict(list), {})
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            _, cls, n, h = cols[:4]
            wall, cpu_ms = split_runs(cols)
            times[cls] += wall
            cpu[cls] += cpu_ms
            hits[cls].append(int(h))
            rows.append((cls, int(n), int(h), statistics.median(wall) if wall else float("nan")))
            by_n[int(n)] = (cls, wall, cpu_ms)
    return times, hits, rows, cpu, by_n


def read_totals(path):
    """[(class, n, total)] of a totals file (`class<TAB>n<TAB>total`, header optional), or None."""
    if not path or not os.path.exists(path):
        return None
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 3 or line.startswith("#") or not cols[1].strip().isdigit():
                continue  # the header, a comment or a blank line
            try:
                out.append((cols[0], int(cols[1]), int(cols[2])))
            except ValueError:
                continue
    return out


def shown_query(q):
    """A query of queries.tsv as typed on the command line."""
    text = q["query"] if q["query"] else "(no query)"
    if q.get("province"):
        text += " --province %s" % q["province"]
    if q.get("year"):
        text += " --year %s" % q["year"]
    if q.get("class") == "any_order":
        text += " --match any-order"
    return text


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--before", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "queries",
                                                         "totals-before.tsv"),
                        help="totals of an earlier tracuu (default: bench/queries/totals-before.tsv, if it exists)")
    args = parser.parse_args()
    w = args.work
    meta = read_meta(os.path.join(w, "meta.tsv"))
    sizes = meta["sizes"].split()
    largest = sizes[-1]
    inputs = {r["size"]: r for r in read_tsv(os.path.join(w, "inputs.tsv"))}
    index_rows = read_tsv(os.path.join(w, "index.tsv"))
    loads = read_tsv(os.path.join(w, "load.tsv"))
    queries = read_tsv(os.path.join(w, "queries.tsv"))
    lab = {s: label(s, inputs.get(s, {}).get("articles")) for s in sizes}
    smoke = meta.get("mode") == "smoke"

    # ---- indexing medians
    by = collections.defaultdict(list)
    for r in index_rows:
        by[(r["size"], r["tool"])].append(r)

    def med(size, tool, key):
        rows = by.get((size, tool), [])
        vals = [float(r[key]) for r in rows]
        return statistics.median(vals) if vals else float("nan")

    def mbs(size, tool):
        return div(float(inputs[size]["bytes"]) / 1e6, med(size, tool, "wall_s"))

    def docs(size, tool):
        rows = by.get((size, tool), [])
        return rows[-1]["docs"] if rows else "–"

    # ---- latency
    raw = {}
    extra = {}
    e2e = {}
    e2e_cpu = {}
    for s in sizes:
        for tool in ("tracuu", "tracuu_opt", "fts5"):
            r = read_raw(os.path.join(w, "raw", "%s-%s.tsv" % (tool, s)))
            if r:
                raw[(tool, s)] = r
        for tool in ("tracuu", "tracuu_opt"):
            p = os.path.join(w, "raw", "%s-%s.json" % (tool, s))
            if os.path.exists(p):
                with open(p) as f:
                    extra[(tool, s)] = json.load(f)
        p = os.path.join(w, "raw", "e2e-%s.json" % s)
        if os.path.exists(p):
            with open(p) as f:
                result = json.load(f)["results"][0]
            e2e[s] = [t * 1000 for t in result["times"]]
            if "user" in result and "system" in result:
                e2e_cpu[s] = (result["user"] + result["system"]) * 1000

    def lat(tool, s, cls=None, cpu=False):
        r = raw.get((tool, s))
        if not r:
            return []
        times = r[3] if cpu else r[0]
        if cls is None:
            return [t for c in times for t in times[c]]
        return times.get(cls, [])

    def lat_of(tool, s, ns, cpu=False):
        """The timed runs of the queries numbered `ns`."""
        by_n = raw[(tool, s)][4] if (tool, s) in raw else {}
        return [t for n in ns if n in by_n for t in by_n[n][2 if cpu else 1]]

    def ran(tool, s, cls):
        """Numbers of the queries of `cls` that `tool` ran."""
        by_n = raw[(tool, s)][4] if (tool, s) in raw else {}
        return sorted(n for n, (c, _, _) in by_n.items() if c == cls)

    translations = read_tsv(os.path.join(w, "fts5-queries.tsv"))

    out = []
    p = out.append
    p("# tracuu benchmark results")
    p("")
    if smoke:
        p("**Smoke run** (`bench/run.sh --smoke`): tiny inputs, one run each; the figures only show that "
          "the harness works, they say nothing about the targets.")
        p("")
    p("Written by `bench/run.sh%s` on %s, tracuu at commit %s. Total run time %s s, of which build %s s "
      "(incremental). Reproduce with `bench/run.sh` (full; writes this file) or `bench/run.sh --smoke` (CI)."
      % (" --smoke" if smoke else "", meta["date"], meta["commit"], meta.get("total_seconds", "?"),
         meta.get("build_seconds", "?")))
    p("")

    # ---- machine
    sqlite = "?"
    logs = os.path.join(w, "logs")
    for name in sorted(os.listdir(logs)):
        if name.startswith("index-fts5-") and name.endswith(".out"):
            m = re.search(r"SQLite ([0-9.]+)", open(os.path.join(logs, name)).read())
            if m:
                sqlite = m.group(1)
    p("## Machine")
    p("")
    p("| | |")
    p("|---|---|")
    for key, name in [("nproc", "cores (`nproc`)"), ("cpu", "CPU (`lscpu`)"), ("ram", "RAM"), ("kernel", "kernel"),
                      ("rustc", "rustc"), ("hyperfine", "hyperfine")]:
        p("| %s | %s |" % (name, meta.get(key, "?")))
    p("| SQLite (rusqlite, bundled) | %s |" % sqlite)
    p("")
    p("The run does not stop other work on the machine: the load averages below show what else ran. The VM's "
      "speed also varies with load from outside it: identical runs differ by 10-25 % from one minute to the "
      "next, so compare tools within a run (they alternate, run by run) rather than across runs. "
      "Load averages (1 / 5 / 15 min) at the start and end of each phase:")
    p("")
    p("| phase | start | end | duration (s) |")
    p("|---|---|---|---:|")
    phases = collections.OrderedDict()
    for r in loads:
        phases.setdefault(r["phase"], {})[r["when"]] = r
    for phase, d in phases.items():
        s, e = d.get("start"), d.get("end")
        f = lambda r: "%s / %s / %s" % (r["load1"], r["load5"], r["load15"]) if r else "–"
        dur = int(e["epoch"]) - int(s["epoch"]) if s and e else ""
        p("| %s | %s | %s | %s |" % (phase, f(s), f(e), dur))
    p("")
    p("With %s cores, a load above %s means the benchmark did not have the machine to itself: wall times are "
      "then inflated; CPU times (user + system) are less affected and are reported beside them."
      % (meta.get("nproc", "?"), meta.get("nproc", "?")))
    p("")

    # ---- method
    p("## Method")
    p("")
    p("- **Inputs**: the three corpora `vntc-10topics`, `baomoi-2017`, `vietnews-party-subset` "
      "(`../shared/data/corpus/*.jsonl.gz`) **interleaved** line by line in that order (one article of each in "
      "turn until each runs out), decompressed to plain `.jsonl` in a temporary directory, so decompression costs "
      "every tool the same (nothing). The smaller inputs are the first %s articles of that stream, so every size "
      "mixes the three sources. MB/s = bytes of the `.jsonl` input / wall time."
      % " and ".join(label(s) for s in sizes if s != "all"))
    p("- **Indexers** (release build, one build for all runs), each into a fresh directory, under `/usr/bin/time -v`"
      " (wall, user+system CPU, peak RSS), size with `du -sb`:")
    p("  - tracuu: `tracuu index --index DIR FILE` (default 256 MB writer budget, default threads; folded and "
      "exact-accent copies of title and body, metadata, syndicated-copy detection);")
    p("  - plain tantivy: `bench/plain_tantivy.rs` (SimpleTokenizer + LowerCaser + AsciiFoldingFilter, title and "
      "body stored with positions, 256 MB budget, default threads);")
    p("  - SQLite FTS5: `bench/harness` `fts5 index`: `articles(id UNINDEXED, title, body)`, "
      "`tokenize = 'unicode61 remove_diacritics 2'`, all inserts in one transaction, rollback journal (no WAL), "
      "default page size, no `optimize` afterwards. Single-threaded by nature.")
    p("  - %s run(s) per tool and size, tools in turn within a run; medians reported, every run listed at the end. "
      "`tracuu index --optimize` once at the largest size." % meta["runs"])
    classes_n = collections.Counter(q["class"] for q in queries)
    p("- **Queries**: `bench/queries/queries.tsv`, drawn by `bench/queries/make_queries.py` (fixed seed) from every "
      "8th article of the corpora: %s. Filter values are provinces/years the full tracuu index holds "
      "(`tracuu facets --format json`), kept in `bench/queries/facets.json`. `boolean`: 2-3 dictionary words or "
      "quoted windows joined by AND / OR / NOT / `-` and parentheses (the terms of an AND from one article); "
      "`mixed_accent`: 2-4 syllables of real text, some typed without their accents; `filters_only`: no query, "
      "a province, a year or both; `any_order`: 2-3 syllables run with `--match any-order`."
      % ", ".join("%d `%s`" % (classes_n[c], c) for c in CLASSES if classes_n[c]))
    p("- **Latency**: warm, single thread, in process, index opened once (`bench/harness` binaries "
      "`tracuu_latency` and `fts5 query`): one pass over all queries to warm, then 5 timed passes; p50/p95/p99 "
      "(nearest rank) over all timed runs of a class, of wall time (the figure the targets ask for) and, as a "
      "check against the machine's load, of the measuring thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`). A tracuu query = `tracuu::search::search` as `tracuu search` "
      "runs it (bundled synonyms, score order, top 10 with stored fields and snippets, total count; `any_order` "
      "with `MatchMode::AnyOrder`, `filters_only` as the empty query with its filters). An FTS5 query = "
      "`SELECT id, title, snippet(...) … MATCH ? ORDER BY rank LIMIT 10` (rank = bm25) plus "
      "`SELECT count(*) … MATCH ?`, the MATCH expression written from tracuu's own parse of the query "
      "(`tracuu::query::parse`), **each unit as a phrase**: a unit → `\"a b c\"` (its syllables as typed; FTS5 "
      "strips the accents itself: it has no smart accents, and keeps đ), a unit with several forms (synonyms, "
      "document codes) → `(\"form 1\" OR \"form 2\")`, AND / OR as such, an excluded operand of an AND → "
      "`a NOT b`; `any_order`: every syllable its own quoted token, ANDed. **Skipped for FTS5**: the `filter` and "
      "`filters_only` classes (it holds no metadata) and any query it cannot express (only exclusions, `*`, "
      "`source:`/`id:`); see \"FTS5 translations\" below.")
    p("- **Facets**: `tracuu::facets::count` over all documents, every facet field, top 10: 2 warm-ups, median "
      "of 20. **Search process**: `tracuu search --index DIR \"thanh hoa\"` as a whole process (start, open, "
      "search, print), median of 20 after 3 warm-ups (hyperfine `-N` when installed).")
    p("- **Export**: `tracuu export --format csv --output FILE QUERY` (default fields, snippets included; "
      "`EXPORT_QUERY`, default `la`, matches most articles) on the largest tracuu index, under `/usr/bin/time -v`, "
      "RUNS runs; hits/s = rows written / median wall time.")
    p("")

    # ---- targets
    s = largest
    t_w, p_w, f_w = med(s, "tracuu", "wall_s"), med(s, "plain", "wall_s"), med(s, "fts5", "wall_s")
    t_c, p_c, f_c = med(s, "tracuu", "cpu_s"), med(s, "plain", "cpu_s"), med(s, "fts5", "cpu_s")
    t_d, p_d = med(s, "tracuu", "disk_bytes"), med(s, "plain", "disk_bytes")
    t_rss = med(s, "tracuu", "rss_kb") / 1024
    t_rss_max = max((float(r["rss_kb"]) / 1024 for r in by.get((s, "tracuu"), [])), default=float("nan"))
    facets_ms = extra.get(("tracuu", s), {}).get("facets_median_ms", float("nan"))
    e2e_ms = statistics.median(e2e[s]) if s in e2e else float("nan")
    # Per class: tracuu's p99 of thread CPU time (and wall), and FTS5's on the queries it ran.
    per_class = []
    for c in CLASSES:
        cpu = lat("tracuu", s, c, cpu=True)
        if not cpu:
            continue
        row = {"class": c, "cpu": pct(cpu, 99), "wall": pct(lat("tracuu", s, c), 99),
               "opt": pct(lat("tracuu_opt", s, c, cpu=True), 99) if lat("tracuu_opt", s, c, cpu=True) else None,
               "fts5_n": len(ran("fts5", s, c)), "n": classes_n[c]}
        ns = ran("fts5", s, c)
        if ns:
            t_cpu, f_cpu = pct(lat_of("tracuu", s, ns, cpu=True), 99), pct(lat_of("fts5", s, ns, cpu=True), 99)
            t_wall, f_wall = pct(lat_of("tracuu", s, ns), 99), pct(lat_of("fts5", s, ns), 99)
            row.update(fts5=f_cpu, tracuu_same=t_cpu, ratio=div(f_cpu, t_cpu), ratio_wall=div(f_wall, t_wall))
        per_class.append(row)
    p("## Targets (at %s articles)" % lab[s])
    p("")
    p("| target | figure | |")
    p("|---|---|---|")
    p("| indexing wall ≤ %.1f× plain tantivy | %.2f× (%s s vs %s s); CPU time %.2f× (%s s vs %s s) | %s |"
      % (INDEX_WALL_TARGET, div(t_w, p_w), fmt(t_w), fmt(p_w), div(t_c, p_c), fmt(t_c, 1), fmt(p_c, 1),
         verdict(div(t_w, p_w) <= INDEX_WALL_TARGET)))
    p("| index size ≤ %.1f× plain tantivy | %.2f× (%s MB vs %s MB) | %s |"
      % (INDEX_SIZE_TARGET, div(t_d, p_d), fmt(t_d / 1e6, 1), fmt(p_d / 1e6, 1),
         verdict(div(t_d, p_d) <= INDEX_SIZE_TARGET)))
    if per_class:
        worst = max(per_class, key=lambda r: r["cpu"])
        p("| query p99 ≤ 10 ms of thread CPU time, every class | worst `%s` %s ms (wall %s ms); %d of %d classes "
          "met (see below) | %s |"
          % (worst["class"], fmt(worst["cpu"]), fmt(worst["wall"]),
             sum(1 for r in per_class if r["cpu"] <= P99_TARGET_MS), len(per_class),
             verdict(all(r["cpu"] <= P99_TARGET_MS for r in per_class))))
    compared = [r for r in per_class if "ratio" in r]
    if compared:
        lowest = min(compared, key=lambda r: r["ratio"])
        p("| ≥ 15× faster than FTS5 at p99 (thread CPU), every class FTS5 runs | lowest `%s` %s× (FTS5 %s ms vs "
          "tracuu %s ms); %d of %d classes met (see below) | %s |"
          % (lowest["class"], fmt(lowest["ratio"], 1), fmt(lowest["fts5"]), fmt(lowest["tracuu_same"]),
             sum(1 for r in compared if r["ratio"] >= FTS5_RATIO_TARGET), len(compared),
             verdict(all(r["ratio"] >= FTS5_RATIO_TARGET for r in compared))))
    x = extra.get(("tracuu", s), {})
    xo = extra.get(("tracuu_opt", s))
    p("| facets over all docs ≤ 50 ms | %s ms (median of 20, %s segments; thread CPU %s ms)%s | %s |" % (
        fmt(facets_ms), x.get("segments", "?"), fmt(x.get("facets_cpu_median_ms", float("nan"))),
        "; %s ms on the `--optimize` index (1 segment)" % fmt(xo["facets_median_ms"]) if xo else "",
        verdict(facets_ms <= FACETS_TARGET_MS)))
    p("| `tracuu search` process ≤ 100 ms | %s ms (median of 20%s) | %s |" % (
        fmt(e2e_ms, 1), "; mean user+system CPU %s ms" % fmt(e2e_cpu[s], 1) if s in e2e_cpu else "",
        verdict(e2e_ms <= E2E_TARGET_MS)))
    p("| peak RSS indexing ≤ 1 GB (1024 MiB), default budget | %s MiB (median; max of runs %s MiB) | %s |"
      % (fmt(t_rss, 0), fmt(t_rss_max, 0), verdict(t_rss_max <= RSS_TARGET_MIB)))
    export_path = os.path.join(w, "export.tsv")
    exports = read_tsv(export_path) if os.path.exists(export_path) else []
    if exports:
        rows = int(exports[0]["rows"])
        e_wall = statistics.median(float(r["wall_s"]) for r in exports)
        e_cpu = statistics.median(float(r["cpu_s"]) for r in exports)
        e_rss = max(float(r["rss_kb"]) for r in exports) / 1024
        rate = rows / e_wall if e_wall else float("nan")
        p("| export ≥ 50,000 hits/s, peak RSS < 200 MB (issue 4) | `export --format csv %s`: %d hits in %s s "
          "(median of %d; CPU %s s) = %s hits/s; peak RSS %s MiB (max of runs) | %s |"
          % (exports[0]["query"], rows, fmt(e_wall), len(exports), fmt(e_cpu), fmt(rate, 0), fmt(e_rss, 0),
             verdict(rate >= EXPORT_TARGET_HITS_S and e_rss * 1.048576 < EXPORT_RSS_TARGET_MB)))
    p("")
    p("FTS5 indexing, for comparison (no target): %s s wall, %s s CPU, %s MB on disk (FTS5 / tracuu: wall %.2f×, "
      "CPU %.2f×)." % (fmt(f_w), fmt(f_c, 1), fmt(med(s, "fts5", "disk_bytes") / 1e6, 1), div(f_w, t_w),
                       div(f_c, t_c)))
    p("")
    if per_class:
        p("Query targets by class: p99 (nearest rank over 5 timed runs of every query of the class) of the measuring "
          "thread's CPU time, ms. FTS5 / tracuu compares the two on the queries FTS5 ran, in the same run.")
        p("")
        p("| class | queries | tracuu p99 CPU | wall | `--optimize` CPU | ≤ 10 ms | FTS5 ran | FTS5 p99 CPU | "
          "FTS5 / tracuu | (wall) | ≥ 15× |")
        p("|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---|")
        for r in per_class:
            if "ratio" in r:
                fts5_cells = "%d | %s | %s× | %s× | %s" % (
                    r["fts5_n"], fmt(r["fts5"]), fmt(r["ratio"], 1), fmt(r["ratio_wall"], 1),
                    verdict(r["ratio"] >= FTS5_RATIO_TARGET))
            else:
                fts5_cells = "0 | – | – | – | (FTS5 skips the class)"
            p("| `%s` | %d | %s | %s | %s | %s | %s |" % (
                r["class"], r["n"], fmt(r["cpu"]), fmt(r["wall"]), fmt(r["opt"]) if r["opt"] is not None else "–",
                verdict(r["cpu"] <= P99_TARGET_MS), fts5_cells))
        p("")

    # ---- totals per class, before and now
    tracuu_rows = raw[("tracuu", s)][2] if ("tracuu", s) in raw else []
    if tracuu_rows:
        with open(os.path.join(w, "totals.tsv"), "w", encoding="utf-8") as f:
            f.write("class\tn\ttotal\n")
            for c, n, h, _ in sorted(tracuu_rows, key=lambda r: r[1]):
                f.write("%s\t%d\t%d\n" % (c, n, h))
        before = read_totals(args.before)
        before_name = ("bench/queries/totals-before.tsv" if args.before == parser.get_default("before")
                       else args.before)
        now = {n: (c, h) for c, n, h, _ in tracuu_rows}
        p("## Median total per class (%s articles)" % lab[s])
        p("")
        p("`total`: the number of articles a query finds (what `tracuu search` reports; syndicated copies counted on "
          "their original), median over the queries of the class%s. This run's totals are in `totals.tsv` in the "
          "work directory (`class n total`), the format of `bench/queries/totals-before.tsv`."
          % ("; *before*: `%s` (%d queries)%s" % (before_name, len(before),
                                                 ", presumably from a full run: not comparable with a smoke run"
                                                 if smoke else "") if before else
             "; no `bench/queries/totals-before.tsv`, so no *before* column"))
        p("")
        if before:
            p("| class | queries | median total before | median total now | queries whose total changed |")
            p("|---|---:|---:|---:|---:|")
        else:
            p("| class | queries | median total |")
            p("|---|---:|---:|")
        before_by = collections.defaultdict(list)
        for c, n, h in before or []:
            before_by[c].append((n, h))
        for c in CLASSES + sorted(set(before_by) - set(CLASSES)):
            totals = [h for n, (cc, h) in now.items() if cc == c and h >= 0]
            if not totals and not before_by.get(c):
                continue
            cell = fmt(statistics.median(totals), 0) if totals else "–"
            if before:
                b = before_by.get(c, [])
                changed = sum(1 for n, h in b if n in now and now[n][0] == c and now[n][1] != h)
                both = sum(1 for n, _ in b if n in now and now[n][0] == c)
                p("| `%s` | %d | %s | %s | %s |" % (c, len(totals), fmt(statistics.median([h for _, h in b]), 0)
                                                   if b else "–", cell, "%d / %d" % (changed, both) if both else "–"))
            else:
                p("| `%s` | %d | %s |" % (c, len(totals), cell))
        p("")

    # ---- FTS5 translations
    if translations:
        p("## FTS5 translations")
        p("")
        p("The MATCH expression FTS5 is given (`fts5 translate`; all of them: `fts5-queries.tsv` in the work "
          "directory). Skipped queries are not timed.")
        p("")
        p("| class | queries | skipped by FTS5 | example | FTS5 MATCH |")
        p("|---|---:|---:|---|---|")
        by_class = collections.defaultdict(list)
        for t in translations:
            by_class[t["class"]].append(t)
        for c in CLASSES + sorted(set(by_class) - set(CLASSES)):
            ts = by_class.get(c)
            if not ts:
                continue
            shown = next((t for t in ts if not t["fts5"].startswith("SKIP")), ts[0])
            cell = lambda text: text.replace("|", "\\|")
            p("| `%s` | %d | %d | `%s` | %s |" % (
                c, len(ts), sum(1 for t in ts if t["fts5"].startswith("SKIP")),
                cell(shown_query(queries[int(shown["n"])]) if int(shown["n"]) < len(queries) else shown["query"]),
                "`%s`" % cell(shown["fts5"]) if not shown["fts5"].startswith("SKIP") else cell(shown["fts5"])))
        p("")

    # ---- indexing tables
    p("## Indexing")
    p("")
    for s in sizes:
        p("### %s articles, %s MB of JSONL" % (lab[s], fmt(float(inputs[s]["bytes"]) / 1e6, 1)))
        p("")
        p("| tool | runs | docs indexed | wall (s) | CPU (s) | MB/s | peak RSS (MiB) | on disk (MB) | disk / input |")
        p("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for tool in ("tracuu", "plain", "fts5", "tracuu_optimize"):
            if (s, tool) not in by:
                continue
            disk = med(s, tool, "disk_bytes")
            p("| %s | %d | %s | %s | %s | %s | %s | %s | %s |" % (
                TOOL_NAMES[tool], len(by[(s, tool)]), docs(s, tool).replace("dup", " copies"), fmt(med(s, tool, "wall_s")),
                fmt(med(s, tool, "cpu_s")), fmt(mbs(s, tool), 1), fmt(med(s, tool, "rss_kb") / 1024, 0),
                fmt(disk / 1e6, 1), fmt(disk / float(inputs[s]["bytes"]), 2)))
        tw, pw, fw = med(s, "tracuu", "wall_s"), med(s, "plain", "wall_s"), med(s, "fts5", "wall_s")
        p("")
        p("tracuu / plain tantivy: wall %.2f×, CPU %.2f×, size %.2f×, RSS %.2f×. FTS5 / tracuu: wall %.2f×, CPU %.2f×, size %.2f×."
          % (div(tw, pw), div(med(s, "tracuu", "cpu_s"), med(s, "plain", "cpu_s")),
             div(med(s, "tracuu", "disk_bytes"), med(s, "plain", "disk_bytes")),
             div(med(s, "tracuu", "rss_kb"), med(s, "plain", "rss_kb")),
             div(fw, tw), div(med(s, "fts5", "cpu_s"), med(s, "tracuu", "cpu_s")),
             div(med(s, "fts5", "disk_bytes"), med(s, "tracuu", "disk_bytes"))))
        p("")
    p("tracuu's \"docs indexed\" is new articles + syndicated copies (copies are indexed, hidden from results and "
      "counted on their original).")
    p("")

    # ---- latency tables
    p("## Query latency (ms, warm, one thread, in process)")
    p("")
    for s in sizes:
        tools = [t for t in ("tracuu", "tracuu_opt", "fts5") if (t, s) in raw]
        p("### %s articles" % lab[s])
        p("")
        head = "| class | queries |" + "".join(" %s p50 | p95 | p99 |" % TOOL_NAMES[t] for t in tools)
        p(head)
        p("|---|---:|" + "---:|---:|---:|" * len(tools))
        for cls in CLASSES + [None]:
            n = classes_n[cls] if cls else len(queries)
            cells = []
            for t in tools:
                v = lat(t, s, cls)
                cells += [fmt(pct(v, 50)), fmt(pct(v, 95)), fmt(pct(v, 99))] if v else ["–", "–", "–"]
            name = "`%s`" % cls if cls else "**all**"
            if cls is None and "fts5" in tools:
                name = "**all** (FTS5: the queries it ran)"
            p("| %s | %d | %s |" % (name, n, " | ".join(cells)))
        p("")
        zero = []
        for t in tools:
            hits = raw[(t, s)][1]
            zero.append("%s %s" % (TOOL_NAMES[t], ", ".join(
                "`%s` %d/%d" % (c, sum(1 for h in hits[c] if h == 0), len(hits[c])) for c in CLASSES if hits.get(c))))
        p("Queries with 0 hits: " + "; ".join(zero) + ".")
        p("")
        cpu_notes = []
        for t in tools:
            wall_all, cpu_all = lat(t, s), lat(t, s, cpu=True)
            cpu_notes.append("%s: CPU share %.0f%%, p99 by class %s" % (
                TOOL_NAMES[t], 100.0 * div(sum(cpu_all), sum(wall_all)),
                ", ".join("`%s` %s" % (c, fmt(pct(lat(t, s, c, cpu=True), 99))) for c in CLASSES if lat(t, s, c, cpu=True))))
        p("Thread CPU time of the same runs (ms; CPU share = Σ CPU / Σ wall, below 100% when the thread waited "
          "for a core or for I/O): " + "; ".join(cpu_notes) + ".")
        errs = extra.get(("tracuu", s), {}).get("errors", [])
        if errs:
            p("")
            p("tracuu errors (%d): %s" % (len(errs), "; ".join("`%s` %s: %s" % (e["class"], e["query"], e["error"]) for e in errs[:10])))
        p("")

    # ---- accentless / đ
    s = largest
    if ("tracuu", s) in raw and ("fts5", s) in raw:
        th = {n: h for c, n, h, _ in raw[("tracuu", s)][2] if c == "accentless"}
        fh = {n: h for c, n, h, _ in raw[("fts5", s)][2] if c == "accentless"}
        both = sorted(set(th) & set(fh))
        t0 = sum(1 for n in both if th[n] == 0)
        f0 = sum(1 for n in both if fh[n] == 0)
        fewer = sum(1 for n in both if fh[n] < th[n])
        with_d = [n for n in both if "d" in queries[n]["query"].split() or re.search(r"(^|\s)d", queries[n]["query"])]
        p("## Accentless queries: tracuu vs FTS5 (%s articles)" % lab[s])
        p("")
        p("FTS5's `unicode61 remove_diacritics 2` strips tone and vowel marks but does **not** fold `đ` to `d` "
          "(đ is a letter of its own in Unicode, not d with a combining mark), so an accentless query with a `d` "
          "misses every word written with `đ` (`dong` does not find *đồng*, `dai hoi` does not find *Đại hội*); "
          "tracuu folds đ→d.")
        p("")
        p("| | tracuu | FTS5 |")
        p("|---|---:|---:|")
        p("| accentless queries with 0 hits | %d / %d | %d / %d |" % (t0, len(both), f0, len(both)))
        p("| accentless queries where FTS5 finds fewer articles than tracuu | | %d / %d |" % (fewer, len(both)))
        p("| … of which the query has a word starting with `d` | | %d |"
          % sum(1 for n in both if fh[n] < th[n] and n in with_d))
        p("")
        worst = sorted((n for n in both if fh[n] < th[n]), key=lambda n: (fh[n] / max(th[n], 1), n))[:6]
        if worst:
            p("Largest gaps: " + "; ".join("`%s` tracuu %d, FTS5 %d" % (queries[n]["query"], th[n], fh[n]) for n in worst) + ".")
            p("")
        p("(Totals are not strictly comparable: tracuu hides syndicated copies and FTS5 does not.)")
        p("")

    # ---- slowest queries
    p("## Slowest queries (%s articles, median of 5 runs, ms)" % lab[largest])
    p("")
    for tool in ("tracuu", "fts5"):
        if (tool, largest) not in raw:
            continue
        rows = sorted(((ms, c, n, h) for c, n, h, ms in raw[(tool, largest)][2]), reverse=True)
        p("%s: %s." % (TOOL_NAMES[tool], "; ".join(
            "`%s` %s (%s, %s hits)" % (shown_query(queries[n]), fmt(ms, 1), c, format(h, ","))
            for ms, c, n, h in rows[:8])))
        p("")

    # ---- facets, searcher, process
    p("## Facets, searcher and a whole `tracuu search` process (ms)")
    p("")
    p("| size | docs in index | segments | facets, all docs (median of 20) | facets, thread CPU | `TracuuIndex::searcher()` (median of 20) | `tracuu search \"thanh hoa\"` process: median | min | max | mean CPU (user+sys) |")
    p("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for s in sizes:
        for tool in ("tracuu", "tracuu_opt"):
            x = extra.get((tool, s))
            if not x:
                continue
            ev = e2e.get(s) if tool == "tracuu" else None
            p("| %s%s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                lab[s], " (--optimize)" if tool == "tracuu_opt" else "", format(x["docs"], ","), x["segments"],
                fmt(x["facets_median_ms"]), fmt(x.get("facets_cpu_median_ms", float("nan"))),
                fmt(x["searcher_median_ms"], 3),
                fmt(statistics.median(ev), 1) if ev else "–", fmt(min(ev), 1) if ev else "–",
                fmt(max(ev), 1) if ev else "–", fmt(e2e_cpu[s], 1) if ev and s in e2e_cpu else "–"))
    x = extra.get(("tracuu", largest), {})
    if x.get("facet_distinct_values"):
        p("")
        p("Distinct facet values in the %s index: %s." % (lab[largest], ", ".join(
            "%s %s" % kv for kv in x["facet_distinct_values"].items())))
    for tool in ("tracuu", "tracuu_opt"):
        byf = extra.get((tool, largest), {}).get("facets_by_field_median_ms")
        if byf:
            p("Facets of one field alone, %s%s (median of 5, ms): %s." % (
                lab[largest], " `--optimize`" if tool == "tracuu_opt" else "",
                ", ".join("%s %s" % (k, fmt(v)) for k, v in byf.items())))
    fpath = os.path.join(w, "facets.json")
    if os.path.exists(fpath):
        with open(fpath, encoding="utf-8") as f:
            fj = json.load(f)
        total = fj.get("total") or 0
        known = []
        for name in ("province", "year"):
            facet = fj.get("facets", {}).get(name, {})
            if facet.get("unknown") is not None and total:
                known.append("%s %.0f%%" % (name, 100.0 * (total - facet["unknown"]) / total))
        years = sorted(int(v["value"]) for v in fj.get("facets", {}).get("year", {}).get("values", []) if str(v["value"]).isdigit())
        if known:
            p("Articles (copies aside) with a value: %s%s." % (", ".join(known),
              "; years range from %d to %d" % (years[0], years[-1]) if years else ""))
    p("")

    # ---- scaling
    p("## Scaling")
    p("")
    p("| size | input MB | wall s: tracuu | plain | FTS5 | CPU s: tracuu | plain | FTS5 | disk MB: tracuu | plain | FTS5 | peak RSS MiB: tracuu | plain | FTS5 | p99 ms (all classes): tracuu | FTS5 | facets ms | search process ms |")
    p("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for s in sizes:
        p("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            lab[s], fmt(float(inputs[s]["bytes"]) / 1e6, 1),
            *[fmt(med(s, t, "wall_s")) for t in ("tracuu", "plain", "fts5")],
            *[fmt(med(s, t, "cpu_s")) for t in ("tracuu", "plain", "fts5")],
            *[fmt(med(s, t, "disk_bytes") / 1e6, 1) for t in ("tracuu", "plain", "fts5")],
            *[fmt(med(s, t, "rss_kb") / 1024, 0) for t in ("tracuu", "plain", "fts5")],
            fmt(pct(lat("tracuu", s), 99)), fmt(pct(lat("fts5", s), 99)),
            fmt(extra.get(("tracuu", s), {}).get("facets_median_ms", float("nan"))),
            fmt(statistics.median(e2e[s]), 1) if s in e2e else "–"))
    p("")

    # ---- raw
    p("## Raw per-run numbers")
    p("")
    p("| size | tool | run | wall (s) | CPU (s) | peak RSS (KiB) | on disk (bytes) | input (bytes) | docs |")
    p("|---|---|---:|---:|---:|---:|---:|---:|---|")
    for r in index_rows:
        p("| %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            lab[r["size"]], TOOL_NAMES[r["tool"]], r["run"], r["wall_s"], r["cpu_s"], r["rss_kb"], r["disk_bytes"],
            r["input_bytes"], r["docs"].replace("dup", " copies")))
    p("")
    p("Facet timings (ms, %s): %s." % (lab[largest], ", ".join(fmt(v) for v in extra.get(("tracuu", largest), {}).get("facets_ms", []))))
    p("")
    if largest in e2e:
        p("`tracuu search` process timings (ms, %s): %s." % (lab[largest], ", ".join(fmt(v, 1) for v in e2e[largest])))
        p("")
    p("Per-query timings: `raw/{tracuu,tracuu_opt,fts5}-SIZE.tsv` in the work directory "
      "(`tool class n hits wall_ms×5 cpu_ms×5`), not kept in the repository; rerun `bench/run.sh` to get them.")
    p("")

    text = "\n".join(out)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
