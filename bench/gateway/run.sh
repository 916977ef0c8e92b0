#!/usr/bin/env bash
# Gateway benchmark (bench/README.md, Gateway section): added latency and throughput of
# Reinforge (traces on) next to a direct call, Debian's nginx as a plain reverse proxy and
# Portkey's open-source gateway, all on loopback against the same fast local upstream, plain
# and streamed, at 32 and 128 connections; then 2,000 concurrent slow streams through Reinforge.
# Usage: bench/gateway/run.sh [BUILD_DIR]   (default build/; needs nginx: scripts/setup.sh)
# reinforge-postgresql is a second Reinforge, the same but with --store on a throwaway PostgreSQL
# server that this script starts (tests/support/postgres_fixture.sh) and stops: traces on both
# backends in one command. The server runs at nice $PG_NICE (default 10, the trace writer's own
# priority: a database normally has its own machine, and here it shares the gateway's cores).
# AB_SHARE=0.5 runs Reinforge with an A/B deployment (step 7) on the model the load asks for, so
# every call goes through the route table and the sticky hash.
# To run only some rows (a few minutes instead of many):
#   TARGETS="direct reinforge reinforge-responses reinforge-messages nginx"  only these targets
#     (TARGETS="direct reinforge reinforge-postgresql nginx": SQLite's store against PostgreSQL's)
#     (Portkey is started only when listed; keep direct: added latency is measured against it)
#   CONNECTIONS="128"   only these connection counts (default "32 128"; protocol rows: 128 only)
#   SLOW=0              skip the 2,000 slow streams
#   LOOPS="open"        only the open loop (default "closed open"): the added latency, not the ceiling
#   TOGETHER=1          the open loop loads direct, the Reinforges and nginx at once (see run_together)
#   REINFORGE=/tmp/reinforge-before   run that gateway binary instead of BUILD_DIR/reinforge
#   RUN_NAME=before     also keep the rows in bench/out/gateway/results-before.jsonl
# A before/after pair on a noisy host, back to back in one command:
#   REINFORGE=/tmp/reinforge-before RUN_NAME=before bash bench/gateway/run.sh; \
#   RUN_NAME=after bash bench/gateway/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BUILD=${1:-build}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-5}
REINFORGE=${REINFORGE:-$BUILD/reinforge}
ALL_TARGETS="direct reinforge reinforge-postgresql nginx portkey reinforge-responses"
ALL_TARGETS+=" reinforge-responses-native"
ALL_TARGETS+=" reinforge-messages reinforge-messages-native"
TARGETS=${TARGETS:-$ALL_TARGETS}
CONNECTIONS=${CONNECTIONS:-32 128}
SLOW=${SLOW:-1}
LOOPS=${LOOPS:-closed open}
PG_NICE=${PG_NICE:-10}
wanted() { [[ " $TARGETS " == *" $1 "* ]]; }
OUT=$ROOT/bench/out/gateway
mkdir -p "$OUT"
rm -rf "$OUT/data" "$OUT/data-postgresql" "$OUT/nginx"
[ -n "${SKIP_BUILD:-}" ] || ninja -C "$BUILD" reinforge gateway_bench_upstream gateway_bench_load >/dev/null
if wanted portkey; then
  (cd bench/gateway/portkey && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

UP=19101; RF=19102; NG=19103; PK=19104; RP=19105
pids=()
PG_DIR=""
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ -n "$PG_DIR" ]; then
    wait "${pids[@]}" 2>/dev/null || true  # Reinforge gone before its database
    bash "$ROOT/tests/support/postgres_fixture.sh" stop "$PG_DIR" || true
  fi
}
trap cleanup EXIT
wait_port() { for _ in $(seq 100); do (echo > /dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 never opened" >&2; exit 1; }

"$BUILD/bench/gateway/gateway_bench_upstream" $UP & pids+=($!)

cat > "$OUT/config.json" <<JSON
{"providers": [{"name": "bench", "base_url": "http://127.0.0.1:$UP/v1", "api_key_env": "BENCH_PROVIDER_KEY"},
   {"name": "bench-responses", "base_url": "http://127.0.0.1:$UP/v1", "api_key_env": "BENCH_PROVIDER_KEY", "api": "responses"},
   {"name": "bench-anthropic", "base_url": "http://127.0.0.1:$UP/v1", "api_key_env": "BENCH_PROVIDER_KEY", "api": "anthropic"}],
 "models": [{"name": "bench-fast-responses", "provider": "bench-responses", "upstream_model": "bench-fast"},
   {"name": "bench-fast-anthropic", "provider": "bench-anthropic", "upstream_model": "bench-fast"}],
 "gateway": {"default_provider": "bench"}}
JSON
KEY=$("$REINFORGE" keys create bench --data-dir "$OUT/data" | sed -n 2p)
BENCH_PROVIDER_KEY=sk-bench OPENAI_API_KEY= REINFORGE_ADMIN_TOKEN=bench-admin "$REINFORGE" serve --port $RF --data-dir "$OUT/data" \
  --config "$OUT/config.json" > "$OUT/reinforge.log" 2>&1 & pids+=($!)
RF_PID=$!
ports="$UP $RF"

if wanted reinforge-postgresql; then
  PG_DIR=$(mktemp -d /tmp/reinforge-bench-pg.XXXXXX)
  nice -n "$PG_NICE" bash tests/support/postgres_fixture.sh start "$PG_DIR"
  PG_URL="postgresql://reinforge@/postgres?host=$PG_DIR"
  PG_KEY=$("$REINFORGE" keys create bench --data-dir "$OUT/data-postgresql" --store "$PG_URL" | sed -n 2p)
  BENCH_PROVIDER_KEY=sk-bench OPENAI_API_KEY= REINFORGE_ADMIN_TOKEN=bench-admin "$REINFORGE" serve --port $RP \
    --data-dir "$OUT/data-postgresql" --store "$PG_URL" --config "$OUT/config.json" \
    > "$OUT/reinforge-postgresql.log" 2>&1 & pids+=($!)
  ports="$ports $RP"
fi

source bench/gateway/nginx_baseline.sh
write_nginx_config "$OUT/nginx" $UP $NG
nginx -p "$OUT/nginx" -c "$OUT/nginx/nginx.conf" -g 'daemon off;' & pids+=($!)

ports="$ports $NG"
if wanted portkey; then
  node --import ./bench/gateway/portkey/listen_localhost.mjs \
    bench/gateway/portkey/node_modules/@portkey-ai/gateway/build/start-server.js --port=$PK --headless \
    > "$OUT/portkey.log" 2>&1 & pids+=($!)
  ports="$ports $PK"
fi

for port in $ports; do wait_port $port; done
if [ -n "${AB_SHARE:-}" ]; then
  BENCH_PROVIDER_KEY=sk-bench "$REINFORGE" deploy --data-dir "$OUT/data" --config "$OUT/config.json" \
    --mode ab --base bench-fast --model bench-fast-tuned --share "$AB_SHARE"
fi
sleep 1

LOAD="$BUILD/bench/gateway/gateway_bench_load"
target_args() {  # target: sets ARGS to the load client's options for it
  case $1 in
    direct)    ARGS=(--port $UP) ;;
    reinforge) ARGS=(--port $RF --header "authorization: Bearer $KEY") ;;
    reinforge-postgresql) ARGS=(--port $RP --header "authorization: Bearer $PG_KEY") ;;
    # The agent protocols: translated for the chat upstream, or passed through to a provider
    # configured as speaking them (the fast upstream answers any path alike).
    reinforge-responses) ARGS=(--port $RF --header "authorization: Bearer $KEY" --protocol responses) ;;
    reinforge-responses-native) ARGS=(--port $RF --header "authorization: Bearer $KEY" --protocol responses --model bench-fast-responses) ;;
    reinforge-messages) ARGS=(--port $RF --header "x-api-key: $KEY" --protocol messages) ;;
    reinforge-messages-native) ARGS=(--port $RF --header "x-api-key: $KEY" --protocol messages --model bench-fast-anthropic) ;;
    nginx)     ARGS=(--port $NG) ;;
    portkey)   ARGS=(--port $PK --header "x-portkey-provider: openai" \
                     --header "x-portkey-custom-host: http://127.0.0.1:$UP/v1" --header "authorization: Bearer sk-bench") ;;
  esac
}
run_target() {  # target connections stream(0|1) [rate: open loop at this many calls/s]
  local target=$1 connections=$2 stream=$3 rate=${4:-}
  wanted "$target" || return 0
  target_args "$target"
  local args=("${ARGS[@]}")
  [ "$stream" = 1 ] && args+=(--stream)
  [ -n "$rate" ] && args+=(--rate "$rate")
  "$LOAD" "${args[@]}" --connections "$connections" --seconds 1 >/dev/null || true  # warm-up
  local line
  line=$("$LOAD" "${args[@]}" --connections "$connections" --seconds "$SECONDS_PER_RUN" || true)
  echo "{\"target\":\"$target\",${line#\{}" | tee -a "$OUT/results.jsonl"
}
# TOGETHER=1: the open loop loads the wanted chat targets (direct, the Reinforges, nginx) at the
# same time from one client, the rate shared between them (so the host carries what one target
# alone would): a burst of the shared host's then lands on all of them, and what a proxy adds
# over the direct call is read from the same seconds (bench/README.md).
run_together() {  # connections stream(0|1) rate
  local connections=$1 stream=$2 rate=$3 args=() target count=0
  for target in direct reinforge reinforge-postgresql nginx; do
    wanted "$target" || continue
    target_args "$target"
    args+=("${ARGS[@]}" --name "$target")
    count=$((count + 1))
  done
  [ "$stream" = 1 ] && args+=(--stream)
  rate=$((rate / count))
  "$LOAD" "${args[@]}" --rate "$rate" --connections "$connections" --seconds 1 >/dev/null || true
  "$LOAD" "${args[@]}" --rate "$rate" --connections "$connections" --seconds "$SECONDS_PER_RUN" |
    sed 's/^{"name":/{"target":/' | tee -a "$OUT/results.jsonl" || true
}

PROTOCOL_TARGETS="reinforge-responses reinforge-responses-native reinforge-messages reinforge-messages-native"
: > "$OUT/results.jsonl"
for stream in 0 1; do
  [[ " $LOOPS " == *" closed "* ]] || break
  for connections in $CONNECTIONS; do
    for target in direct reinforge reinforge-postgresql nginx portkey; do run_target $target $connections $stream; done
    if [ "$connections" = 128 ]; then
      for target in $PROTOCOL_TARGETS; do run_target $target $connections $stream; done
    fi
  done
done
# Open loop at a fixed rate well below every proxy's capacity but Portkey's: the latency a
# proxy adds when it is not the bottleneck (closed-loop latency above is mostly queueing).
RATE=${RATE:-2000}
for stream in 0 1; do
  [[ " $LOOPS " == *" open "* ]] || break
  for connections in $CONNECTIONS; do
    if [ "${TOGETHER:-0}" = 1 ]; then
      run_together $connections $stream $RATE
      run_target portkey $connections $stream $RATE
    else
      for target in direct reinforge reinforge-postgresql nginx portkey; do
        run_target $target $connections $stream $RATE
      done
    fi
    if [ "$connections" = 128 ]; then
      for target in $PROTOCOL_TARGETS; do run_target $target $connections $stream $RATE; done
    fi
  done
done

[ -z "${RUN_NAME:-}" ] || cp "$OUT/results.jsonl" "$OUT/results-$RUN_NAME.jsonl"
# Every call leaves a trace: the writer must keep up (dropped 0), rollups and indexes included.
writer_counts() {  # port
  curl -s -H "Authorization: Bearer bench-admin" "http://127.0.0.1:$1/api/gateway/status" |
    python3 -c 'import json, sys; t = json.load(sys.stdin)["traces"]; print(", ".join(f"{k} {t[k]}" for k in ("accepted", "written", "written_catching_up", "dropped", "failed") if k in t))'
}
trace_writer_report() {
  sleep 2
  echo "trace writer: $(writer_counts $RF)"
  echo "store: $(du -k "$OUT/data"/reinforge.db* | awk '{ s += $1 } END { print s }') KB in reinforge.db and its WAL"
  if [ -n "$PG_DIR" ]; then
    for _ in $(seq 60); do  # the PostgreSQL writer may still be catching up: up to a minute
      counts=$(writer_counts $RP)
      python3 -c 'import sys; c = dict(p.split() for p in sys.argv[1].split(", ")); sys.exit(int(c["accepted"]) > int(c["written"]) + int(c["dropped"]) + int(c["failed"]))' "$counts" && break
      sleep 1
    done
    echo "trace writer (postgresql): $counts"
    echo "store (postgresql): $(du -sk "$PG_DIR/data" | cut -f1) KB in the server's data folder"
  fi
}
if [ "$SLOW" = 0 ]; then
  trace_writer_report
  python3 "$ROOT/bench/gateway/report.py" "$OUT/results.jsonl"
  exit 0
fi
# 2,000 slow streams (20 chunks, 500 ms apart) held at once through Reinforge; its memory is
# sampled every second meanwhile.
rss() { awk '/VmRSS/ {print $2}' /proc/$RF_PID/status; }
: > "$OUT/slow_rss_kb.txt"
( for _ in $(seq 14); do rss >> "$OUT/slow_rss_kb.txt"; sleep 1; done ) & sampler=$!
"$LOAD" --port $RF --header "authorization: Bearer $KEY" --stream --model bench-slow --connections 2000 --once \
  | tee "$OUT/slow.json" || true
wait $sampler
echo "reinforge RSS (KB) during the slow streams, once a second: $(tr '\n' ' ' < "$OUT/slow_rss_kb.txt")"
# The same 2,000 slow streams as Responses and as Anthropic Messages calls, translated chunk by
# chunk for the chat upstream.
for protocol in responses messages; do
  : > "$OUT/slow_rss_kb_$protocol.txt"
  ( for _ in $(seq 14); do rss >> "$OUT/slow_rss_kb_$protocol.txt"; sleep 1; done ) & sampler=$!
  "$LOAD" --port $RF --header "authorization: Bearer $KEY" --protocol $protocol --stream --model bench-slow \
    --connections 2000 --once | tee "$OUT/slow_$protocol.json" || true
  wait $sampler
  echo "$protocol: reinforge RSS (KB) once a second: $(tr '\n' ' ' < "$OUT/slow_rss_kb_$protocol.txt")"
done
curl -s -H "Authorization: Bearer $KEY" "http://127.0.0.1:$RF/v1/models" >/dev/null
trace_writer_report
python3 "$ROOT/bench/gateway/report.py" "$OUT/results.jsonl" "$OUT/slow.json" "$OUT/slow_rss_kb.txt"
