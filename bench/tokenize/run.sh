#!/usr/bin/env bash
# Token counting speed on ~16 MB of mixed English and code, and on as much code-heavy text (C++
# headers, Python sources, licence texts), o200k_base: reinforge on one core and as the whole
# command on every core, against gpt-tokenizer and tiktoken (WASM) on one core, in one run.
# Ratios are against gpt-tokenizer.
# Usage: bench/tokenize/run.sh [MEGABYTES]   (needs build/; run scripts/build.sh first)
set -euo pipefail
cd "$(dirname "$0")/../.."
MB="${1:-16}"
ninja -C "${BENCH_BUILD_DIR:-build}" count_batch_scaling >/dev/null
(cd tests/tokenize/oracle && [ -d node_modules/tiktoken ] || npm ci --no-audit --no-fund --loglevel=error >/dev/null)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mbs() { echo "scale=1; $bytes / 1048576 / $1" | bc; }
seconds_of() { local start; start=$(date +%s.%N); "$@" > "$work/out"; echo "$(date +%s.%N) - $start" | bc; }
for kind in mixed code; do
  node bench/tokenize/generate_text.mjs "$MB" "$work/$kind.jsonl" "$PWD" "$PWD/../shared" "$kind"
  bytes=$(node -e "const fs=require('fs');let n=0;for(const l of fs.readFileSync(process.argv[1],'utf8').split('\n'))if(l)n+=Buffer.byteLength(JSON.parse(l));console.log(n)" "$work/$kind.jsonl")
  ours_s=$(seconds_of taskset -c 0 "${REINFORGE_BINARY:-build/reinforge}" tokens --threads 1 "$work/$kind.jsonl")
  ours_tokens=$(awk '{s+=$1} END {print s}' "$work/out")
  # The command as a user runs it: the whole process, every core.
  all_s=$(seconds_of "${REINFORGE_BINARY:-build/reinforge}" tokens "$work/$kind.jsonl")
  all_tokens=$(awk '{s+=$1} END {print s}' "$work/out")
  read -r gpt_s gpt_tokens < <(taskset -c 0 node bench/tokenize/peers.mjs gpt-tokenizer "$work/$kind.jsonl" "$PWD/tests/tokenize/oracle" "$PWD/scripts/tokenizer-data")
  read -r tik_s tik_tokens < <(taskset -c 0 node bench/tokenize/peers.mjs tiktoken "$work/$kind.jsonl" "$PWD/tests/tokenize/oracle" "$PWD/scripts/tokenizer-data")
  echo "$kind text: $(echo "scale=1; $bytes / 1048576" | bc) MB; peers on one core (taskset -c 0)"
  printf "%-34s %10s %10s %14s %12s\n" counter seconds MB/s "x gpt-tokenizer" tokens
  printf "%-34s %10.2f %10s %14s %12s\n" "reinforge tokens, one core" "$ours_s" "$(mbs "$ours_s")" "$(echo "scale=1; $gpt_s / $ours_s" | bc)" "$ours_tokens"
  printf "%-34s %10.2f %10s %14s %12s\n" "reinforge tokens, all $(nproc) cores" "$all_s" "$(mbs "$all_s")" "$(echo "scale=1; $gpt_s / $all_s" | bc)" "$all_tokens"
  printf "%-34s %10.2f %10s %14s %12s\n" "gpt-tokenizer (JS)" "$gpt_s" "$(mbs "$gpt_s")" "1.0" "$gpt_tokens"
  printf "%-34s %10.2f %10s %14s %12s\n" "tiktoken (WASM)" "$tik_s" "$(mbs "$tik_s")" "$(echo "scale=1; $gpt_s / $tik_s" | bc)" "$tik_tokens"
  [ "$ours_tokens" = "$tik_tokens" ] && [ "$all_tokens" = "$tik_tokens" ] && echo "token totals: reinforge = tiktoken" || echo "token totals differ from tiktoken!"
  echo
done
echo "Batch API over both cores (no JSON parsing in the timed part):"
"${BENCH_BUILD_DIR:-build}/bench/tokenize/count_batch_scaling" "$work/mixed.jsonl"
