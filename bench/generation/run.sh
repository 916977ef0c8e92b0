#!/usr/bin/env bash
# Near-duplicate check at scale (issue 14): 10,000 new records against 1,000,000 precomputed
# 256-dimensional fingerprints (the gate's vectors), goal < 10 s for building the index and checking on 2 cores; the
# exhaustive scan and hnswlib's graph build are measured in the same run as baselines. See
# bench/README.md ("Generation"); the quality check on real data is clinc150_quality.sh.
# Usage: bench/generation/run.sh [RECORDS] [QUERIES] [HNSW_RECORDS]   (extra flags: see
#        near_duplicate_bench.cpp, e.g. PROBES=5 or CELLS=500 in the environment)
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! grep -qw avx2 /proc/cpuinfo; then
  echo "bench/generation: the hnswlib baseline is compiled for AVX2 (x86-64-v3), which this CPU lacks" >&2
  exit 1
fi
[ -n "${SKIP_BUILD:-}" ] || ninja -C build -j2 near_duplicate_bench >/dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
extra=()
[ -z "${PROBES:-}" ] || extra+=(--probes "$PROBES")
[ -z "${CELLS:-}" ] || extra+=(--cells "$CELLS")
build/bench/generation/near_duplicate_bench --records "${1:-1000000}" --queries "${2:-10000}" \
  --hnsw-records "${3:-100000}" "${extra[@]}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
