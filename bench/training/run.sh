#!/usr/bin/env bash
# Reward endpoint throughput (docs/training.md): a trainer's batches of 64 and 512 samples scored
# over HTTP by the running server with a script grader, against the same scorer, grader and
# records in process (no HTTP), in one run — the machine is shared, so compare the ratios.
# Goals (issue 12): HTTP ≥ 50% of the in-process rate at batch 512; p99 < 50 ms at batch 64.
# Usage: bench/training/run.sh [RECORDS] [ROUNDS]   (default 2048 records, 5 passes)
set -euo pipefail
cd "$(dirname "$0")/../.."
RECORDS="${1:-2048}"
ROUNDS="${2:-5}"
ninja -C build reinforge reward_in_process >/dev/null
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT

# Records: a question and a 12-word reference answer each.
node -e '
const words = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa".split(" ");
for (let i = 0; i < Number(process.argv[1]); i++) {
  const answer = Array.from({length: 12}, (_, j) => words[(i * 7 + j * 3) % words.length]).join(" ");
  console.log(JSON.stringify({messages: [{role: "user", content: "Question " + i + ": spell the code words"}, {role: "assistant", content: answer}]}));
}' "$RECORDS" > "$work/records.jsonl"
build/reinforge import --data-dir "$work/data" --dataset rewards "$work/records.jsonl" >/dev/null 2>&1

REINFORGE_ADMIN_TOKEN=bench build/reinforge serve --port 0 --data-dir "$work/data" > "$work/log" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q "running at" "$work/log" && break; sleep 0.1; done
base=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/log" | head -1)
api() { curl -sf -H "Authorization: Bearer bench" -H "Content-Type: application/json" "$@"; }

node -e 'console.log(JSON.stringify({type: "script", source: require("fs").readFileSync(process.argv[1], "utf8")}))' \
  bench/training/grader.js > "$work/grader.json"
api -X PUT "$base/api/datasets/1/grader" --data @"$work/grader.json" >/dev/null
api -X POST "$base/api/datasets/1/training" \
  --data '{"backend":"external","base_model":"bench","valid_share":0.01,"override_gate":true}' > "$work/run.json"
run_id=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).run.id)' "$work/run.json")
token=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).token)' "$work/run.json")
curl -sf -H "Authorization: Bearer $token" "$base/trainer/runs/$run_id/split/train.jsonl" > "$work/train.jsonl"
# Samples: each training record answered with most of its reference (a varied partial score).
node -e '
const lines = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
lines.forEach((line, i) => {
  const words = line.reference.split(" ");
  console.log(JSON.stringify({record_id: line.record_id, output_text: words.slice(0, words.length - (i % 5)).join(" ")}));
});' "$work/train.jsonl" > "$work/samples.jsonl"

echo "records: $(wc -l < "$work/samples.jsonl") in the training split, $ROUNDS passes per batch size"
in_process=$(build/bench/training/reward_in_process "$work/data" "$run_id" "$work/samples.jsonl" "$ROUNDS" 64 512)
over_http=$(node bench/training/reward_load.mjs "$base/trainer/runs/$run_id/rewards" "$token" "$work/samples.jsonl" "$ROUNDS" 64 512)
echo "in process: $in_process" | tr '\n' ' '; echo
echo "over HTTP:  $over_http" | tr '\n' ' '; echo
node -e '
const parse = (text) => Object.fromEntries(text.trim().split("\n").map(JSON.parse).map((r) => [r.batch, r]));
const local = parse(process.argv[1]), http = parse(process.argv[2]);
for (const batch of Object.keys(local)) {
  const ratio = http[batch].samples_per_s / local[batch].samples_per_s;
  console.log(`batch ${batch}: ${http[batch].samples_per_s} samples/s over HTTP vs ${local[batch].samples_per_s} in process = ${ratio.toFixed(2)}x; p50 ${http[batch].p50_ms} ms, p99 ${http[batch].p99_ms} ms per batch`);
}' "$in_process" "$over_http"
