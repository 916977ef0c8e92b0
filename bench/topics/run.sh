#!/usr/bin/env bash
# Topic discovery (100k records) and categorization (1M records); see bench/README.md.
# Usage: bench/topics/run.sh [DISCOVER_RECORDS] [CATEGORIZE_RECORDS]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${BUILD_DIR:-$root/build-topics}"
[ -f "$build/build.ninja" ] || cmake -S "$root" -B "$build" -G Ninja >/dev/null
ninja -C "$build" -j2 topics_bench >/dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
"$build/bench/topics/topics_bench" "${1:-100000}" "${2:-1000000}"
