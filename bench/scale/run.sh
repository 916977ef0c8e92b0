#!/usr/bin/env bash
# Does the UI stay instant on a large dataset? Imports RECORDS records (default 1,000,000) and a
# 1,000-record baseline dataset, starts the server, times the API calls the datasets list and the
# canvas make (median of 5, GET /api/session as the server's fixed cost), then the same views
# rendered in Debian's chromium, big against small (needs scripts/build.sh and tests/e2e's npm ci).
# Usage: bench/scale/run.sh [RECORDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
RECORDS="${1:-1000000}"
ninja -C build reinforge generate_chat_records >/dev/null
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
build/bench/import/generate_chat_records "$RECORDS" > "$work/records.jsonl"
head -1000 "$work/records.jsonl" > "$work/small.jsonl"
build/reinforge import --data-dir "$work/data" --dataset small "$work/small.jsonl" 2>/dev/null
build/reinforge import --data-dir "$work/data" --dataset big "$work/records.jsonl" 2>/dev/null
REINFORGE_ADMIN_TOKEN=bench build/reinforge serve --port 0 --data-dir "$work/data" --web-dir web/dist > "$work/log" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q "running at" "$work/log" && break; sleep 0.1; done
base=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/log" | head -1)
big=2

time_ms() {  # the first call (the server computes and caches aggregates), then the median of 5 more
  local times first median
  times=$(for _ in 1 2 3 4 5 6; do
    curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer bench" "$base$1"
  done)
  first=$(echo "$times" | head -1)
  median=$(echo "$times" | tail -5 | sort -n | sed -n 3p)
  awk -v first="$first" -v median="$median" 'BEGIN { printf "%10.1f %10.1f", first * 1000, median * 1000 }'
}
# The next_cursor a page answers: where the keyset page after it starts.
next_cursor() {
  curl -s -H "Authorization: Bearer bench" "$base$1" |
    node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => process.stdout.write(JSON.parse(s).next_cursor ?? ""))'
}
timed_rows() {
  for path in "$@"; do printf "%-60s %s\n" "${path/cursor=*\&/cursor=…\&}" "$(time_ms "$path")"; done
}

echo "dataset: $RECORDS records"
printf "%-60s %10s %10s\n" "request" "first ms" "median ms"
timed_rows /api/session /api/datasets /api/datasets/$big /api/datasets/$big/health \
  "/api/datasets/$big/records?limit=200" "/api/datasets/$big/records?offset=900000&limit=200"
# Cursors asked for after the first calls, which are timed before anything filled a cache.
deep=$(next_cursor "/api/datasets/$big/records?offset=899800&limit=200")  # starts at row 900,000
search_page_2=$(next_cursor "/api/datasets/$big/records?q=refund&limit=200")
# A rare word: the number of one record in the middle (its "#N" or "call_N"). The last row
# searches the small dataset for a word in most of the big one's records: one full-text index
# holds both datasets.
timed_rows "/api/datasets/$big/records?cursor=$deep&limit=200" \
  "/api/datasets/$big/records?validity=invalid&limit=200" "/api/datasets/$big/records?issue=invalid_json&limit=200" \
  "/api/datasets/$big/records?q=refund&limit=200" "/api/datasets/$big/records?q=refund&cursor=$search_page_2&limit=200" \
  "/api/datasets/$big/records?q=$((RECORDS / 2))&limit=200" "/api/datasets/$big/records?q=nosuchword&limit=200" \
  "/api/datasets/1/records?q=refund&limit=200"

echo
node bench/scale/render_timing.mjs "$base" bench 1 "$big"
