#!/usr/bin/env bash
# Timings of the analyses (timeline, terms, kwic) on an index of the shared
# corpora: in process (bench/analyses.rs, warm, interleaved medians) and as
# whole `tracuu` processes under /usr/bin/time (wall and peak RSS, medians
# of RUNS interleaved runs).
#
# Usage: bench/analyses.sh INDEX      (e.g. an index of all three corpora:
#        tracuu index --index /tmp/idx ../shared/data/corpus/*.jsonl.gz)
# Environment: RUNS (default 7), CARGO_TARGET_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
index=${1:?usage: bench/analyses.sh INDEX}
runs=${RUNS:-7}
target=${CARGO_TARGET_DIR:-target}
cargo build --release --quiet --bin tracuu --example analyses_bench
tracuu="$target/release/tracuu"

echo "## In process (warm)"
"$target/release/examples/analyses_bench" "$index" "$runs"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo
echo "## Whole processes (median of $runs interleaved runs)"
kwic_query=${KWIC_QUERY:-tham nhũng}
lines=$("$tracuu" kwic --index "$index" --format csv --quiet "$kwic_query" | tail -n +2 | wc -l)
for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/t1" "$tracuu" timeline --index "$index" --by month --format json --quiet "${TIMELINE_QUERY:-hơn}" >/dev/null
    cat "$work/t1" >>"$work/timeline"
    /usr/bin/time -f "%e %M" -o "$work/t2" "$tracuu" terms --index "$index" --quiet "${TERMS_FEW:-hối lộ}" >/dev/null
    cat "$work/t2" >>"$work/terms"
    /usr/bin/time -f "%e %M" -o "$work/t3" "$tracuu" kwic --index "$index" --format csv --quiet "$kwic_query" >/dev/null
    cat "$work/t3" >>"$work/kwic"
done
printf '| process | median wall (ms) | max peak RSS (MiB) | note |\n|---|---|---|---|\n'
for name in timeline terms kwic; do
    wall=$(cut -d' ' -f1 "$work/$name" | median)
    rss=$(cut -d' ' -f2 "$work/$name" | sort -n | tail -1)
    note=""
    if [ "$name" = kwic ]; then
        note=$(awk -v l="$lines" -v w="$wall" 'BEGIN {printf "%d lines: %.0f lines/s", l, l / w}')
    fi
    awk -v n="$name" -v w="$wall" -v r="$rss" -v note="$note" 'BEGIN {printf "| %s | %.0f | %.0f | %s |\n", n, w * 1000, r / 1024, note}'
done
