#!/usr/bin/env bash
# Does the UI stay instant on a large dataset? Imports RECORDS records (default 1,000,000), starts
# the server, and times the API calls the datasets list and the canvas make (median of 5), with
# GET /api/session as the baseline for the server's fixed cost.
# Usage: bench/scale/run.sh [RECORDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
RECORDS="${1:-1000000}"
ninja -C build reinforge generate_chat_records >/dev/null
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
build/bench/import/generate_chat_records "$RECORDS" > "$work/records.jsonl"
build/reinforge import --data-dir "$work/data" --dataset big "$work/records.jsonl" 2>/dev/null
REINFORGE_ADMIN_TOKEN=bench build/reinforge serve --port 0 --data-dir "$work/data" > "$work/log" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q "running at" "$work/log" && break; sleep 0.1; done
base=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/log" | head -1)

time_ms() {  # median of 5 runs, in milliseconds
  for _ in 1 2 3 4 5; do
    curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer bench" "$base$1"
  done | sort -n | sed -n 3p | awk '{printf "%.1f", $1 * 1000}'
}
echo "dataset: $RECORDS records"
printf "%-60s %10s\n" "request" "median ms"
for path in /api/session /api/datasets /api/datasets/1 /api/datasets/1/health \
  "/api/datasets/1/records?limit=200" "/api/datasets/1/records?offset=900000&limit=200" \
  "/api/datasets/1/records?validity=invalid&limit=200" "/api/datasets/1/records?issue=invalid_json&limit=200" \
  "/api/datasets/1/records?q=refund&limit=200"; do
  printf "%-60s %10s\n" "$path" "$(time_ms "$path")"
done
