#!/usr/bin/env bash
# tracuu benchmark: indexing and query latency of tracuu, plain tantivy
# (bench/plain_tantivy.rs) and SQLite FTS5 (bench/harness, binary fts5), in
# one run, on the same machine and the same input files. Writes
# bench/RESULTS.md (full run) and prints the tables.
#
# Usage: bench/run.sh [--smoke]
#   (full)   inputs of 10,000, 50,000 and all (~127k) articles; RUNS runs of
#            each indexer per size (medians reported); latency at each size;
#            regenerates bench/queries/queries.tsv from the corpus and the
#            provinces/years of the full tracuu index; writes bench/RESULTS.md.
#   --smoke  inputs of 500 and 2,000 articles, 1 run each, the committed
#            bench/queries/queries.tsv; the report goes to WORK_DIR/RESULTS.md
#            only. For CI: a few minutes after the build.
#
# Environment:
#   RUNS                indexing runs per tool and size in a full run (default 3)
#   CORPUS_DIR          default: ../shared/data/corpus beside the repository
#   CARGO_TARGET_DIR    target dir of the tracuu build (default: target/ in the repo)
#   HARNESS_TARGET_DIR  target dir of bench/harness (default: target-harness beside the repo)
#   WORK_DIR            inputs, indexes, logs (default /tmp/tracuu-bench-full or -smoke);
#                       emptied at the start (only if it is one of ours)
#   KEEP=1              keep inputs and indexes at the end (default: only logs, raw numbers, report)
#
# bench/queries/totals-before.tsv, when it exists (`class<TAB>n<TAB>total`, one
# line a query, n its 0-based number in queries.tsv): an earlier tracuu's
# totals, whose medians per class the report shows beside this run's. Each
# run writes its own, in that format, to WORK_DIR/totals.tsv.
#
# Inputs: the three corpora (vntc-10topics, baomoi-2017, vietnews-party-subset)
# INTERLEAVED line by line in that order (one article of each in turn, until
# each runs out), decompressed to plain .jsonl; the 10k/50k inputs are the
# first lines of that stream, so every size mixes the three sources.
set -euo pipefail

mode=full
for arg in "$@"; do
    case $arg in
        --smoke) mode=smoke ;;
        -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "run.sh: unknown argument: $arg (try --help)" >&2; exit 2 ;;
    esac
done

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$script_dir/.." && pwd)
corpus_dir=${CORPUS_DIR:-$repo/../shared/data/corpus}
target_dir=${CARGO_TARGET_DIR:-$repo/target}
harness_target=${HARNESS_TARGET_DIR:-$(dirname "$repo")/target-harness}
work=${WORK_DIR:-/tmp/tracuu-bench-$mode}
corpora=(vntc-10topics baomoi-2017 vietnews-party-subset)

if [[ $mode == smoke ]]; then
    sizes=(500 2000)
    runs=1
    query_file=$script_dir/queries/queries.tsv
    report_out=$work/RESULTS.md
else
    sizes=(10000 50000 all)
    runs=${RUNS:-3}
    query_file=$script_dir/queries/queries.tsv
    report_out=$script_dir/RESULTS.md
fi
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: RUNS must be a positive integer" >&2; exit 2; }
for c in "${corpora[@]}"; do
    [[ -f $corpus_dir/$c.jsonl.gz ]] || { echo "run.sh: missing corpus $corpus_dir/$c.jsonl.gz" >&2; exit 2; }
done
corpus_dir=$(cd "$corpus_dir" && pwd)

# --- work dir: ours only, emptied at the start --------------------------------
if [[ -e $work && ! -f $work/.tracuu-bench ]] && [[ -n $(ls -A "$work" 2>/dev/null) ]]; then
    echo "run.sh: $work exists, is not empty and was not made by run.sh; set WORK_DIR" >&2
    exit 2
fi
rm -rf -- "$work"
mkdir -p "$work"/{bin,input,idx,logs,raw}
touch "$work/.tracuu-bench"

started=$(date +%s)
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$work/logs/run.log" >&2; }
# load PHASE start|end: the 1/5/15-minute load averages, for the report.
load() {
    read -r l1 l5 l15 _ </proc/loadavg
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$(date +%s)" "$l1" "$l5" "$l15" >>"$work/load.tsv"
    log "load $1 $2: $(uptime | sed 's/.*load average/load average/')"
}
meta() { printf '%s\t%s\n' "$1" "$2" >>"$work/meta.tsv"; }
printf 'phase\twhen\tepoch\tload1\tload5\tload15\n' >"$work/load.tsv"
: >"$work/meta.tsv"

# --- tools --------------------------------------------------------------------
apt_install() {
    local sudo=""
    [[ $(id -u) -eq 0 ]] || sudo=sudo
    $sudo apt-get install -y -qq "$@" >/dev/null 2>&1 ||
        { $sudo apt-get update -qq >/dev/null 2>&1 && $sudo apt-get install -y -qq "$@" >/dev/null 2>&1; }
}
if [[ ! -x /usr/bin/time ]]; then
    log "installing GNU time"
    apt_install time || { echo "run.sh: GNU time (/usr/bin/time) is needed and could not be installed" >&2; exit 1; }
fi
if ! command -v hyperfine >/dev/null; then
    log "installing hyperfine (optional)"
    apt_install hyperfine || log "no hyperfine: timing tracuu search with a shell loop"
fi

# --- 1. build once ------------------------------------------------------------
load build start
log "building tracuu + plain_tantivy (release, target dir $target_dir)"
build_start=$(date +%s)
(cd "$repo" && CARGO_TARGET_DIR=$target_dir cargo build --release --quiet --bin tracuu --example plain_tantivy)
log "building bench/harness (release, target dir $harness_target)"
CARGO_TARGET_DIR=$harness_target cargo build --release --quiet --manifest-path "$script_dir/harness/Cargo.toml"
meta build_seconds $(($(date +%s) - build_start))
load build end
# Snapshot the binaries: others may rebuild target/ while this runs.
mkdir -p "$work/bin"
cp "$target_dir/release/tracuu" "$target_dir/release/examples/plain_tantivy" \
    "$harness_target/release/fts5" "$harness_target/release/tracuu_latency" "$work/bin/"
tracuu=$work/bin/tracuu
plain=$work/bin/plain_tantivy
fts5=$work/bin/fts5
latency=$work/bin/tracuu_latency

# --- machine ------------------------------------------------------------------
meta mode "$mode"
meta date "$(date -u '+%Y-%m-%d %H:%M UTC')"
meta nproc "$(nproc)"
meta cpu "$(lscpu | sed -n 's/^Model name: *//p' | head -n 1)"
meta ram "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
meta rustc "$(rustc --version)"
meta kernel "$(uname -sr)"
meta commit "$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$repo" diff --quiet HEAD -- src Cargo.toml 2>/dev/null || echo ' (src/ or Cargo.toml modified)')"
meta runs "$runs"
meta sizes "${sizes[*]}"
meta query_file "$query_file"
meta hyperfine "$(command -v hyperfine >/dev/null && hyperfine --version || echo none)"

# --- 2. inputs ----------------------------------------------------------------
load inputs start
log "writing inputs (${sizes[*]} articles, interleaved) to $work/input"
python3 - "$corpus_dir" "$work/input" "${corpora[@]/%/.jsonl.gz}" -- "${sizes[@]}" <<'PY'
import gzip, os, sys
corpus, out, *rest = sys.argv[1:]
split = rest.index("--")
names, sizes = rest[:split], rest[split + 1:]
limits = {s: (None if s == "all" else int(s)) for s in sizes}
top = None if None in limits.values() else max(limits.values())
outs = {s: open(os.path.join(out, "n%s.jsonl" % s), "wb") for s in sizes}
files = [gzip.open(os.path.join(corpus, n), "rb") for n in names]
written = 0
while files and (top is None or written < top):
    for f in list(files):
        if top is not None and written >= top:
            break
        line = f.readline()
        while line and not line.strip():
            line = f.readline()
        if not line:
            files.remove(f)
            continue
        if not line.endswith(b"\n"):
            line += b"\n"
        for s, limit in limits.items():
            if limit is None or written < limit:
                outs[s].write(line)
        written += 1
for f in outs.values():
    f.close()
PY
printf 'size\tarticles\tbytes\n' >"$work/inputs.tsv"
for s in "${sizes[@]}"; do
    f=$work/input/n$s.jsonl
    printf '%s\t%s\t%s\n' "$s" "$(wc -l <"$f")" "$(wc -c <"$f")" >>"$work/inputs.tsv"
done
column -t "$work/inputs.tsv" >&2
load inputs end

# --- 3. indexing --------------------------------------------------------------
# Seconds from GNU time's "h:mm:ss" or "m:ss.ss".
to_seconds() { awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }' <<<"$1"; }

printf 'size\ttool\trun\twall_s\tcpu_s\trss_kb\tdisk_bytes\tinput_bytes\tdocs\n' >"$work/index.tsv"
# measure SIZE TOOL RUN DIR CMD...: CMD writes an index into the fresh DIR,
# under GNU time; one line of index.tsv.
measure() {
    local size=$1 tool=$2 run=$3 dir=$4
    shift 4
    local logf=$work/logs/index-$tool-$size-$run
    rm -rf -- "$dir"
    mkdir -p "$(dirname "$dir")"
    sync
    if ! /usr/bin/time -v -o "$logf.time" "$@" >"$logf.out" 2>"$logf.err"; then
        log "$tool at $size, run $run failed; the end of $logf.err:"
        tail -n 20 "$logf.err" >&2
        exit 1
    fi
    local wall cpu rss disk docs input_bytes
    wall=$(to_seconds "$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$logf.time")")
    cpu=$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ { t += $2 } END { print t }' "$logf.time")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$logf.time")
    disk=$(du -sb -- "$dir" | cut -f1)
    input_bytes=$(awk -v s="$size" '$1 == s { print $3 }' "$work/inputs.tsv")
    case $tool in
        tracuu*) docs=$(tr '\r' '\n' <"$logf.err" | sed -n 's/^tracuu: \([0-9]*\) articles from.*(\([0-9]*\) new.* \([0-9]*\) duplicates.*/\2+\3dup/p' | tail -n 1) ;;
        plain) docs=$(sed -n 's/^plain_tantivy: \([0-9]*\) documents indexed.*/\1/p' "$logf.out") ;;
        fts5) docs=$(sed -n 's/^fts5: \([0-9]*\) documents indexed.*/\1/p' "$logf.out") ;;
    esac
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$tool" "$run" "$wall" "$cpu" "$rss" "$disk" \
        "$input_bytes" "${docs:-?}" >>"$work/index.tsv"
    log "$(printf '%-15s %6s run %d: %8.2f s wall, %8.2f s CPU, peak RSS %7.1f MiB, %8.1f MB on disk, docs %s' \
        "$tool" "$size" "$run" "$wall" "$cpu" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" \
        "$(awk -v b="$disk" 'BEGIN { print b / 1e6 }')" "${docs:-?}")"
}

for size in "${sizes[@]}"; do
    input=$work/input/n$size.jsonl
    load "index-$size" start
    for run in $(seq 1 "$runs"); do
        # Tools in turn within a run, so a change of load hits all three alike.
        # The last run's indexes stay for the latency phase.
        measure "$size" tracuu "$run" "$work/idx/tracuu-$size" "$tracuu" index --index "$work/idx/tracuu-$size" "$input"
        measure "$size" plain "$run" "$work/idx/plain-$size" "$plain" "$work/idx/plain-$size" "$input"
        measure "$size" fts5 "$run" "$work/idx/fts5-$size" "$fts5" index "$work/idx/fts5-$size/articles.db" "$input"
    done
    load "index-$size" end
done
largest=${sizes[-1]}
load optimize start
measure "$largest" tracuu_optimize 1 "$work/idx/tracuu_opt-$largest" \
    "$tracuu" index --optimize --index "$work/idx/tracuu_opt-$largest" "$work/input/n$largest.jsonl"
load optimize end
# plain tantivy's indexes are not queried.
[[ -n ${KEEP:-} ]] || rm -rf -- "$work"/idx/plain-*

# --- 3b. export throughput (issue 4) ------------------------------------------
# `tracuu export` of a query matching most articles, CSV with the default
# fields (snippets included), to a file: RUNS runs at the largest size.
export_query=${EXPORT_QUERY:-la}
load export start
printf 'run\twall_s\tcpu_s\trss_kb\trows\tquery\n' >"$work/export.tsv"
for run in $(seq 1 "$runs"); do
    logf=$work/logs/export-$run
    /usr/bin/time -v -o "$logf.time" "$tracuu" export --index "$work/idx/tracuu-$largest" --format csv \
        --output "$work/export.csv" --force "$export_query" 2>"$logf.err"
    wall=$(to_seconds "$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$logf.time")")
    cpu=$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ { t += $2 } END { print t }' "$logf.time")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$logf.time")
    rows=$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline="", encoding="utf-8"))) - 1)' "$work/export.csv")
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$wall" "$cpu" "$rss" "$rows" "$export_query" >>"$work/export.tsv"
    log "export run $run: $rows hits in $wall s ($cpu s CPU), peak RSS $rss KiB"
done
rm -f -- "$work/export.csv"
load export end

# --- 4. query set -------------------------------------------------------------
"$tracuu" facets --format json --top 1000 --field province --field year \
    --index "$work/idx/tracuu-$largest" >"$work/facets.json"
if [[ $mode == full ]]; then
    load queries start
    log "generating the query set from the corpus and the facets of the $largest index"
    cp "$work/facets.json" "$script_dir/queries/facets.json"
    python3 "$script_dir/queries/make_queries.py" --corpus-dir "$corpus_dir" \
        --facets "$script_dir/queries/facets.json" --out "$query_file" 2>&1 | tee -a "$work/logs/run.log" >&2
    load queries end
elif [[ ! -f $query_file ]]; then
    log "no committed $query_file: generating one from the smoke index"
    query_file=$work/queries.tsv
    python3 "$script_dir/queries/make_queries.py" --corpus-dir "$corpus_dir" \
        --facets "$work/facets.json" --out "$query_file" 2>&1 | tee -a "$work/logs/run.log" >&2
fi
cp "$query_file" "$work/queries.tsv"
# The MATCH expression FTS5 gets for each query (or why it skips it), for the report.
"$fts5" translate "$query_file" >"$work/fts5-queries.tsv"

# --- 5/6. latency at every size -----------------------------------------------
# e2e SIZE DIR: wall time of whole `tracuu search` processes (20 runs after 3 warm-ups).
e2e() {
    local size=$1 dir=$2 out=$work/raw/e2e-$1.json
    if command -v hyperfine >/dev/null &&
        hyperfine --style none --warmup 3 --runs 20 -N --export-json "$out" \
            "$tracuu search --index $dir \"thanh hoa\"" >"$work/logs/e2e-$size.log" 2>&1; then
        :
    else
        local i t0 times=()
        for i in 1 2 3; do "$tracuu" search --index "$dir" "thanh hoa" >/dev/null; done
        for i in $(seq 1 20); do
            t0=$(date +%s%N)
            "$tracuu" search --index "$dir" "thanh hoa" >/dev/null
            times+=("$(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN { printf "%.6f", (b - a) / 1e9 }')")
        done
        printf '{"results": [{"command": "shell loop", "times": [%s]}]}\n' "$(IFS=,; echo "${times[*]}")" >"$out"
    fi
}

for size in "${sizes[@]}"; do
    load "latency-$size" start
    log "latency at $size: tracuu"
    "$latency" --index "$work/idx/tracuu-$size" --queries "$query_file" --runs 5 --facet-runs 20 \
        --raw "$work/raw/tracuu-$size.tsv" --extra "$work/raw/tracuu-$size.json" 2>&1 |
        tee "$work/logs/latency-tracuu-$size.log" >&2
    if [[ $size == "$largest" ]]; then
        log "latency at $size: tracuu --optimize"
        "$latency" --index "$work/idx/tracuu_opt-$size" --queries "$query_file" --runs 5 --facet-runs 20 \
            --raw "$work/raw/tracuu_opt-$size.tsv" --extra "$work/raw/tracuu_opt-$size.json" 2>&1 |
            tee "$work/logs/latency-tracuu_opt-$size.log" >&2
    fi
    log "latency at $size: fts5"
    "$fts5" query "$work/idx/fts5-$size/articles.db" "$query_file" --runs 5 --raw "$work/raw/fts5-$size.tsv" 2>&1 |
        tee "$work/logs/latency-fts5-$size.log" >&2
    log "latency at $size: tracuu search process"
    e2e "$size" "$work/idx/tracuu-$size"
    load "latency-$size" end
done

# --- 7. report ----------------------------------------------------------------
meta total_seconds $(($(date +%s) - started))
python3 "$script_dir/harness/report.py" --work "$work" --out "$report_out"
[[ -n ${KEEP:-} ]] || rm -rf -- "$work/idx" "$work/input" "$work/bin"
log "done in $(($(date +%s) - started)) s; report: $report_out; logs and raw numbers: $work"
