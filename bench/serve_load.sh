#!/usr/bin/env bash
# Load on `tracuu serve` over loopback (bench/serve_load.rs): single requests,
# 16 clients pausing 100 ms, 32 clients without pause; SECONDS each (30).
# Usage: bench/serve_load.sh INDEX [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
index=${1:?usage: bench/serve_load.sh INDEX [SECONDS]}
seconds=${2:-30}
target=${CARGO_TARGET_DIR:-target}
cargo build --release --quiet --bin tracuu --example serve_load
out=$(mktemp)
"$target/release/tracuu" serve --index "$index" --port 0 --quiet >"$out" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$out"' EXIT
for _ in $(seq 100); do grep -q http "$out" && break; sleep 0.1; done
base=$(grep -o 'http://[^ ]*' "$out" | sed 's#/$##')
# Warm up: the first requests read the index's files into the page cache.
curl -s "$base/api/facets" >/dev/null; curl -s "$base/api/search?q=a" >/dev/null
"$target/release/examples/serve_load" "$base" "$server" "$seconds"
