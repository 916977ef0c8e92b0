#!/usr/bin/env bash
# Single-thread token counting speed on the same ~16 MB of mixed English and code (o200k_base):
# reinforge vs gpt-tokenizer and tiktoken (WASM), in one run. Ratios are against gpt-tokenizer.
# Usage: bench/tokenize/run.sh [MEGABYTES]   (needs build/; run scripts/build.sh first)
set -euo pipefail
cd "$(dirname "$0")/../.."
MB="${1:-16}"
(cd tests/tokenize/oracle && [ -d node_modules/tiktoken ] || npm ci --no-audit --no-fund --loglevel=error >/dev/null)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
node bench/tokenize/generate_text.mjs "$MB" "$work/text.jsonl" "$PWD" "$PWD/../shared"
bytes=$(node -e "const fs=require('fs');let n=0;for(const l of fs.readFileSync(process.argv[1],'utf8').split('\n'))if(l)n+=Buffer.byteLength(JSON.parse(l));console.log(n)" "$work/text.jsonl")

start=$(date +%s.%N)
ours_tokens=$(taskset -c 0 "${REINFORGE_BINARY:-build/reinforge}" tokens "$work/text.jsonl" | awk '{s+=$1} END {print s}')
ours_s=$(echo "$(date +%s.%N) - $start" | bc)
read -r gpt_s gpt_tokens < <(taskset -c 0 node bench/tokenize/peers.mjs gpt-tokenizer "$work/text.jsonl" "$PWD/tests/tokenize/oracle" "$PWD/scripts/tokenizer-data")
read -r tik_s tik_tokens < <(taskset -c 0 node bench/tokenize/peers.mjs tiktoken "$work/text.jsonl" "$PWD/tests/tokenize/oracle" "$PWD/scripts/tokenizer-data")

mbs() { echo "scale=1; $bytes / 1048576 / $1" | bc; }
echo "text: $(echo "scale=1; $bytes / 1048576" | bc) MB, one core (taskset -c 0)"
printf "%-28s %10s %10s %14s %12s\n" counter seconds MB/s "x gpt-tokenizer" tokens
printf "%-28s %10.2f %10s %14s %12s\n" "reinforge tokens (C++)" "$ours_s" "$(mbs "$ours_s")" "$(echo "scale=1; $gpt_s / $ours_s" | bc)" "$ours_tokens"
printf "%-28s %10.2f %10s %14s %12s\n" "gpt-tokenizer (JS)" "$gpt_s" "$(mbs "$gpt_s")" "1.0" "$gpt_tokens"
printf "%-28s %10.2f %10s %14s %12s\n" "tiktoken (WASM)" "$tik_s" "$(mbs "$tik_s")" "$(echo "scale=1; $gpt_s / $tik_s" | bc)" "$tik_tokens"
[ "$ours_tokens" = "$tik_tokens" ] && echo "token totals: reinforge = tiktoken" || echo "token totals differ from tiktoken!"
echo
echo "Batch API over both cores (no JSON parsing in the timed part):"
"${BENCH_BUILD_DIR:-build}/bench/tokenize/count_batch_scaling" "$work/text.jsonl"
