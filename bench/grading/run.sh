#!/usr/bin/env bash
# Script-grader throughput: Reinforge's V8 sandbox against Node's `vm` module, same grader, same
# inputs, same number of threads, in one run (the machine is shared: compare the ratio).
# Usage: bench/grading/run.sh [BUILD_DIR] [CALLS] [THREADS]   (default build, 400000, 2)
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD="${1:-build}"
CALLS="${2:-400000}"
THREADS="${3:-2}"
ninja -C "$BUILD" script_grader_throughput >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ours=$("$BUILD/bench/grading/script_grader_throughput" bench/grading/grader.js /work/shared/data/clinc150/data_full.json \
  "$work/inputs.jsonl" "$CALLS" "$THREADS")
node_lines=$(node bench/grading/node_vm_baseline.js bench/grading/grader.js "$work/inputs.jsonl" "$CALLS" "$THREADS")
echo "$ours"
echo "$node_lines"
rate() { sed -n 's/.*"calls_per_s":\([0-9]*\).*/\1/p' <<<"$1"; }
ours_rate=$(rate "$(head -1 <<<"$ours")")
grader_rate=$(rate "$(tail -1 <<<"$ours")")
node_timeout=$(rate "$(head -1 <<<"$node_lines")")
node_raw=$(rate "$(tail -1 <<<"$node_lines")")
awk -v a="$ours_rate" -v g="$grader_rate" -v b="$node_timeout" -v c="$node_raw" 'BEGIN {
  printf "sandbox / node vm with per-call timeout:      %.2fx\n", a / b
  printf "sandbox / node vm without timeout:            %.2fx\n", a / c
  printf "script grader (JSON built per call) / node vm without timeout: %.2fx\n", g / c }'
