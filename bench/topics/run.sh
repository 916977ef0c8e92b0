#!/usr/bin/env bash
# Topic discovery (100k records) and categorization (1M records) with the offline embedder, after
# the same with the lexical vectors alone (word vectors' weight 0) as the baseline; see
# bench/README.md. Usage: bench/topics/run.sh [DISCOVER_RECORDS] [CATEGORIZE_RECORDS]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${BUILD_DIR:-$root/build-topics}"
[ -f "$build/build.ninja" ] || cmake -S "$root" -B "$build" -G Ninja >/dev/null
ninja -C "$build" -j2 topics_bench >/dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "== the lexical vectors alone (word vectors' weight 0)"
"$build/bench/topics/topics_bench" "${1:-100000}" "${2:-1000000}" 0
echo "== the offline embedder (lexical and word vectors, the default)"
"$build/bench/topics/topics_bench" "${1:-100000}" "${2:-1000000}"
