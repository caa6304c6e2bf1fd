#!/usr/bin/env bash
# Compares `tracuu index` with plain tantivy (bench/plain_tantivy.rs:
# SimpleTokenizer + LowerCaser + AsciiFoldingFilter, title and body stored) on
# one JSONL(.gz) file: wall time, throughput, peak RSS and index size.
#
# Usage: bench/compare_vntc.sh [FILE.jsonl[.gz]]
#   FILE     default: ../shared/data/corpus/vntc-10topics.jsonl.gz (next to the crate)
# Environment:
#   RUNS              runs per tool, each into a fresh directory (default 3)
#   CARGO_TARGET_DIR  cargo's target directory (default: target/ in the crate)
#   WORK_DIR          where the indexes and logs go (default: a new /tmp/compare_vntc.*)
#   KEEP=1            keep WORK_DIR afterwards (default: indexes are removed, logs kept)
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
crate_dir=$(cd "$script_dir/.." && pwd)

file=${1:-$crate_dir/../shared/data/corpus/vntc-10topics.jsonl.gz}
[[ -f $file ]] || { echo "compare_vntc: no such file: $file" >&2; exit 2; }
file=$(cd "$(dirname "$file")" && pwd)/$(basename "$file")
runs=${RUNS:-3}
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "compare_vntc: RUNS must be a positive integer" >&2; exit 2; }

# GNU time for peak RSS.
if [[ ! -x /usr/bin/time ]]; then
    echo "compare_vntc: installing GNU time" >&2
    sudo=""
    [[ $(id -u) -eq 0 ]] || sudo=sudo
    $sudo apt-get update -qq && $sudo apt-get install -y -qq time >/dev/null
fi

# Build both once, in release.
target_dir=${CARGO_TARGET_DIR:-$crate_dir/target}
echo "compare_vntc: building (release, target dir $target_dir)" >&2
(cd "$crate_dir" && CARGO_TARGET_DIR=$target_dir cargo build --release --quiet \
    --bin tracuu --example plain_tantivy)
tracuu_bin=$target_dir/release/tracuu
plain_bin=$target_dir/release/examples/plain_tantivy

work=${WORK_DIR:-$(mktemp -d /tmp/compare_vntc.XXXXXX)}
mkdir -p "$work"

# Uncompressed input size, once.
if [[ $file == *.gz ]]; then
    input_bytes=$(zcat -- "$file" | wc -c)
else
    input_bytes=$(wc -c <"$file")
fi
echo "compare_vntc: $file: $input_bytes bytes uncompressed; $runs runs per tool; work dir $work" >&2

# Seconds from GNU time's "h:mm:ss" or "m:ss.ss".
to_seconds() {
    awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }' <<<"$1"
}

# Median of numbers on stdin (mean of the two middle ones for an even count).
median() {
    sort -g | awk '{ v[NR] = $1 } END {
        if (NR == 0) { print "nan"; exit }
        if (NR % 2) print v[(NR + 1) / 2]; else printf "%.6g\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

declare -A wall cpu rss size

# measure NAME RUN DIR CMD...: removes DIR, runs CMD (which writes its index
# to DIR) under GNU time and records wall time, peak RSS and the size of DIR.
measure() {
    local name=$1 run=$2 dir=$3
    shift 3
    local log=$work/$name-$run
    rm -rf -- "$dir"
    sync
    if ! /usr/bin/time -v -o "$log.time" "$@" >"$log.out" 2>"$log.err"; then
        echo "compare_vntc: $name run $run failed; see $log.err:" >&2
        tail -n 20 "$log.err" >&2
        exit 1
    fi
    local w c r s
    w=$(to_seconds "$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$log.time")")
    c=$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ { t += $2 } END { print t }' "$log.time")
    r=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log.time")
    s=$(du -sb -- "$dir" | cut -f1)
    wall[$name]+="$w "
    cpu[$name]+="$c "
    rss[$name]+="$r "
    size[$name]+="$s "
    printf 'compare_vntc: %-7s run %d: %8.2f s (CPU %7.2f s), peak RSS %7.1f MiB, index %8.1f MB\n' \
        "$name" "$run" "$w" "$c" "$(awk -v k="$r" 'BEGIN { print k / 1024 }')" \
        "$(awk -v b="$s" 'BEGIN { print b / 1e6 }')" >&2
    [[ -n ${KEEP:-} ]] || rm -rf -- "$dir"
}

for run in $(seq 1 "$runs"); do
    measure tracuu "$run" "$work/tracuu-idx-$run" \
        "$tracuu_bin" index --index "$work/tracuu-idx-$run" "$file"
    measure plain "$run" "$work/plain-idx-$run" \
        "$plain_bin" "$work/plain-idx-$run" "$file"
done

# What the tools said about the last run (summary lines, skipped input).
echo >&2
echo "compare_vntc: tracuu stderr (last run, last lines):" >&2
tail -n 5 "$work/tracuu-$runs.err" | tr '\r' '\n' | sed '/^$/d' | tail -n 5 | sed 's/^/  /' >&2
echo "compare_vntc: tracuu stdout (last run, last lines):" >&2
tail -n 5 "$work/tracuu-$runs.out" | sed 's/^/  /' >&2
echo "compare_vntc: plain_tantivy (last run, last lines):" >&2
cat "$work/plain-$runs.out" "$work/plain-$runs.err" | tail -n 5 | sed '/^$/d; s/^/  /' >&2
echo >&2

med() { tr ' ' '\n' <<<"$1" | sed '/^$/d' | median; }

declare -A m_wall m_cpu m_mbs m_rss m_size
for name in tracuu plain; do
    m_wall[$name]=$(med "${wall[$name]}")
    m_cpu[$name]=$(med "${cpu[$name]}")
    m_rss[$name]=$(med "${rss[$name]}")
    m_size[$name]=$(med "${size[$name]}")
    m_mbs[$name]=$(awk -v b="$input_bytes" -v s="${m_wall[$name]}" 'BEGIN { printf "%.2f", b / 1e6 / s }')
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "Input: \`$(basename "$file")\`, $(awk -v b="$input_bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB uncompressed; medians of $runs runs; $(nproc) cores."
echo
echo "| | wall time (s) | MB/s | CPU time (s) | peak RSS (MiB) | index size (MB) |"
echo "|---|---:|---:|---:|---:|---:|"
for name in tracuu plain; do
    label=$name
    [[ $name == plain ]] && label=plain_tantivy
    printf '| %s | %.2f | %s | %.2f | %.1f | %.1f |\n' "$label" "${m_wall[$name]}" "${m_mbs[$name]}" \
        "${m_cpu[$name]}" \
        "$(awk -v k="${m_rss[$name]}" 'BEGIN { print k / 1024 }')" \
        "$(awk -v b="${m_size[$name]}" 'BEGIN { print b / 1e6 }')"
done
printf '| tracuu / plain | %s | %s | %s | %s | %s |\n' \
    "$(ratio "${m_wall[tracuu]}" "${m_wall[plain]}")" \
    "$(ratio "${m_mbs[tracuu]}" "${m_mbs[plain]}")" \
    "$(ratio "${m_cpu[tracuu]}" "${m_cpu[plain]}")" \
    "$(ratio "${m_rss[tracuu]}" "${m_rss[plain]}")" \
    "$(ratio "${m_size[tracuu]}" "${m_size[plain]}")"
echo
echo "Per run, wall (s): tracuu ${wall[tracuu]}| plain ${wall[plain]}"
echo "Per run, CPU (s): tracuu ${cpu[tracuu]}| plain ${cpu[plain]}"
echo "Logs: $work"
