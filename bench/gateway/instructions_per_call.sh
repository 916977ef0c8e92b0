#!/usr/bin/env bash
# Instructions the gateway's IO threads execute per proxied call, counted by callgrind: exact
# and the same on a busy host, so small changes to the request path can be compared where
# calls/s cannot (bench/README.md, "Fewer allocations on the request path"). Needs valgrind
# (`apt-get install valgrind`; not installed by scripts/setup.sh).
# Usage: bench/gateway/instructions_per_call.sh BINARY [BINARY...]
# For each binary, plain and streamed: two runs of 10 s under callgrind at 10 and 60 calls/s;
# their difference over the difference in traces written cancels start-up and timers.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD_DIR:-build}
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }
[ -n "${SKIP_BUILD:-}" ] || ninja -C "$BUILD" gateway_bench_upstream gateway_bench_load >/dev/null
OUT=$(mktemp -d /tmp/reinforge-instructions.XXXXXX)
UP=19141 RF=19142
pids=()
stop_all() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; pids=(); }
trap 'stop_all; rm -rf "$OUT"' EXIT
cat > "$OUT/config.json" <<JSON
{"providers": [{"name": "bench", "base_url": "http://127.0.0.1:$UP/v1", "api_key_env": "BENCH_PROVIDER_KEY"}],
 "gateway": {"default_provider": "bench"}}
JSON
# One run under callgrind: binary, mode, rate; leaves per-thread profiles and the trace count in $OUT/run.
run_once() {
  local binary=$1 mode=$2 rate=$3
  rm -rf "$OUT/run" && mkdir -p "$OUT/run"
  "$BUILD/bench/gateway/gateway_bench_upstream" $UP & pids+=($!)
  local key; key=$("$binary" keys create bench --data-dir "$OUT/run/data" | sed -n 2p)
  BENCH_PROVIDER_KEY=sk-bench OPENAI_API_KEY= REINFORGE_ADMIN_TOKEN=bench-admin valgrind --tool=callgrind \
    --separate-threads=yes --callgrind-out-file="$OUT/run/cg.out" "$binary" serve --port $RF \
    --data-dir "$OUT/run/data" --config "$OUT/config.json" > "$OUT/run/reinforge.log" 2>&1 &
  local server=$!
  for _ in $(seq 600); do grep -q "Reinforge is running" "$OUT/run/reinforge.log" && break; sleep 0.5; done
  local stream=(); [ "$mode" = stream ] && stream=(--stream)
  local load=("$BUILD/bench/gateway/gateway_bench_load" --port $RF --header "authorization: Bearer $key" "${stream[@]}" --connections 4)
  "${load[@]}" --rate 20 --seconds 2 >/dev/null  # warm-up
  sleep 2
  "${load[@]}" --rate "$rate" --seconds 10 >/dev/null
  sleep 2
  kill -TERM $server; wait $server || true
  stop_all
}
# Sums the instructions of the IO threads' profiles (the threads that run the HTTP server).
io_instructions() {
  python3 - "$OUT/run" <<'PY'
import glob, re, sys
total = 0
for path in glob.glob(sys.argv[1] + '/cg.out-*'):
    text = open(path, errors='replace').read()
    if 'Server::run()' in text and 'scheduler::run' in text and 'TraceWriter::run' not in text:
        total += int(re.search(r'^(?:summary|totals): (\d+)', text, re.M).group(1))
print(total)
PY
}
traces_written() { "$1" traces export --data-dir "$OUT/run/data" 2>/dev/null | wc -l; }
for binary in "$@"; do
  for mode in plain stream; do
    run_once "$binary" "$mode" 10
    low_calls=$(traces_written "$binary"); low=$(io_instructions)
    run_once "$binary" "$mode" 60
    high_calls=$(traces_written "$binary"); high=$(io_instructions)
    echo "$(basename "$binary") $mode: $(( (high - low) / (high_calls - low_calls) )) IO-thread instructions a call" \
         "($low_calls and $high_calls calls)"
  done
done
