#!/usr/bin/env bash
# CPU a proxied call costs Reinforge (traces on) and nginx, from /proc over a closed-loop run:
# a steadier figure than calls/s on a shared host, whose other work changes the throughput of
# both alike but not what each call costs. Alternates two gateway binaries, plain and streamed.
# Usage: bench/gateway/cpu_per_call.sh BEFORE_BINARY AFTER_BINARY [ROUNDS] [SECONDS] [CONNECTIONS]
# Prints, per round, binary and mode: the load's calls/s through nginx and through Reinforge,
# nginx's worker CPU µs a call, and Reinforge's by thread (http-io-N, trace-writer...) and in all.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD_DIR:-build}
BEFORE=$1 AFTER=$2 ROUNDS=${3:-3} SECONDS_EACH=${4:-5} CONNECTIONS=${5:-32}
[ -n "${SKIP_BUILD:-}" ] || ninja -C "$BUILD" gateway_bench_upstream gateway_bench_load >/dev/null
OUT=$(mktemp -d /tmp/reinforge-cpu-per-call.XXXXXX)
UP=19131 RF=19132 NG=19133
pids=()
stop_all() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; pids=(); }
trap 'stop_all; rm -rf "$OUT"' EXIT
wait_port() { for _ in $(seq 100); do (echo > /dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 never opened" >&2; exit 1; }
# CPU ticks (user + system) of each thread of a process, summed by thread name.
thread_ticks() { for task in /proc/$1/task/*; do echo "$(cat "$task/comm") $(awk '{print $14 + $15}' "$task/stat")"; done |
  awk '{ticks[$1] += $2} END {for (name in ticks) print name, ticks[name]}' | sort; }
calls_of() { sed -E 's/.*"requests":([0-9]+).*/\1/' <<<"$1"; }
rps_of() { sed -E 's/.*"rps":([0-9]+).*/\1/' <<<"$1"; }
# Loads one target and prints its calls/s and CPU µs a call per thread: pid, then load options.
measure() {
  local pid=$1; shift
  "$BUILD/bench/gateway/gateway_bench_load" "$@" --connections "$CONNECTIONS" --seconds 1 >/dev/null
  thread_ticks "$pid" > "$OUT/before"
  local line; line=$("$BUILD/bench/gateway/gateway_bench_load" "$@" --connections "$CONNECTIONS" --seconds "$SECONDS_EACH")
  thread_ticks "$pid" > "$OUT/after"
  local tick_us=$((1000000 / $(getconf CLK_TCK)))
  echo -n "$(rps_of "$line") calls/s;"
  join "$OUT/before" "$OUT/after" | awk -v calls="$(calls_of "$line")" -v us="$tick_us" \
    '{d = $3 - $2; total += d; if (d > 0) printf " %s %.1f", $1, d * us / calls} END {printf " | all %.1f µs a call\n", total * us / calls}'
}
source bench/gateway/nginx_baseline.sh
write_nginx_config "$OUT/nginx" $UP $NG
cat > "$OUT/config.json" <<JSON
{"providers": [{"name": "bench", "base_url": "http://127.0.0.1:$UP/v1", "api_key_env": "BENCH_PROVIDER_KEY"}],
 "gateway": {"default_provider": "bench"}}
JSON
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
for round in $(seq "$ROUNDS"); do
  for binary in "$BEFORE" "$AFTER"; do
    for mode in plain stream; do
      rm -rf "$OUT/data"
      "$BUILD/bench/gateway/gateway_bench_upstream" $UP & pids+=($!)
      nginx -p "$OUT/nginx" -c "$OUT/nginx/nginx.conf" -g 'daemon off;' & pids+=($!)
      nginx_master=$!
      key=$("$binary" keys create bench --data-dir "$OUT/data" | sed -n 2p)
      BENCH_PROVIDER_KEY=sk-bench OPENAI_API_KEY= REINFORGE_ADMIN_TOKEN=bench-admin "$binary" serve --port $RF \
        --data-dir "$OUT/data" --config "$OUT/config.json" > "$OUT/reinforge.log" 2>&1 & pids+=($!)
      reinforge=$!
      for port in $UP $NG $RF; do wait_port $port; done
      nginx_worker=$(pgrep -P "$nginx_master" | head -1)
      stream=(); [ "$mode" = stream ] && stream=(--stream)
      echo "round $round $(basename "$binary") $mode"
      echo "  nginx:     $(measure "$nginx_worker" --port $NG "${stream[@]}")"
      echo "  reinforge: $(measure "$reinforge" --port $RF --header "authorization: Bearer $key" "${stream[@]}")"
      stop_all
    done
  done
done
