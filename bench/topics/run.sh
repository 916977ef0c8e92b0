#!/usr/bin/env bash
# Topic discovery (100k records) and categorization (1M records); see bench/README.md.
# Usage: bench/topics/run.sh [DISCOVER_RECORDS] [CATEGORIZE_RECORDS]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${BUILD_DIR:-$root/build-topics}"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C "$build" -j2 topics_bench >/dev/null
"$build/bench/topics/topics_bench" "${1:-100000}" "${2:-1000000}"
