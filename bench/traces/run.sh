#!/usr/bin/env bash
# Does the Gateway page stay instant as traces grow? Fills a store with TRACES synthetic traces
# (default 1,000,000) through the trace store's batch path and a 1,000-trace baseline store, starts
# a server on each, times every call the Gateway page makes (curl on loopback: the first call, then
# the median of --repeats more), a dataset from a quarter of the traces (the pull job, stopped after
# --pull-limit seconds), and the Gateway page rendered in Debian's chromium, big against small.
# Works with offset pages and with keyset pages (`next_cursor` in the answer, `?cursor=`).
# Needs scripts/build.sh, tests/e2e's npm ci, and sqlite3. Writes bench/out/traces-TRACES.md.
# Usage: bench/traces/run.sh [TRACES] [--repeats N] [--pull-limit SECONDS] [--call-limit SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."

TRACES=1000000
REPEATS=5
PULL_LIMIT=1800  # the dataset pull is stopped after this; what it added by then is reported
CALL_LIMIT=300   # per curl call: a pathological query cannot hang the run
while [ $# -gt 0 ]; do
  case "$1" in
    --repeats) REPEATS="$2"; shift 2 ;;
    --pull-limit) PULL_LIMIT="$2"; shift 2 ;;
    --call-limit) CALL_LIMIT="$2"; shift 2 ;;
    [0-9]*) TRACES="$1"; shift ;;
    *) echo "usage: bench/traces/run.sh [TRACES] [--repeats N] [--pull-limit SECONDS] [--call-limit SECONDS]" >&2; exit 2 ;;
  esac
done

ninja -C build reinforge trace_bench_fill >/dev/null
mkdir -p bench/out
out="bench/out/traces-$TRACES.md"
: > "$out"
work=$(mktemp -d)
servers=() big_pid="" restarts=0
trap 'kill -KILL "${servers[@]}" 2>/dev/null || true; wait "${servers[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT

say() { echo "$*" | tee -a "$out"; }
json_get() {  # FILE JS_EXPRESSION over `j` (the parsed file); prints "" when it is not JSON
  node -e 'let j; try { j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); } catch { process.exit(0); }
           const value = eval(process.argv[2]); if (value !== undefined && value !== null) console.log(value);' "$1" "$2"
}
urlencode() { node -p 'encodeURIComponent(process.argv[1])' "$1"; }
thousands() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }
seconds_since() { awk -v now="$(date +%s.%N)" -v t0="$1" 'BEGIN { printf "%.1f", now - t0 }'; }
median_of_lines() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print "—" }'; }

# ---- fill ----
echo "filling $TRACES traces (progress on stderr)" >&2
fill_line=$(build/bench/traces/trace_bench_fill "$work/big" "$TRACES")
fill_rate=$(echo "$fill_line" | grep -o '[0-9]* traces/s' | grep -o '^[0-9]*')
fill_seconds=$(echo "$fill_line" | grep -o 'in [0-9.]* s' | grep -o '[0-9.]*')
build/bench/traces/trace_bench_fill "$work/small" 1000 >/dev/null 2>&1
db="$work/big/reinforge.db"
sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
bytes=$(( $(stat -c %s "$db") + $( [ -f "$db-wal" ] && stat -c %s "$db-wal" || echo 0) ))
# Where the bytes go: the table with its bodies, its indexes, the full-text index.
breakdown=$(sqlite3 "$db" "SELECT name || ' ' || (SUM(pgsize) / $TRACES) FROM dbstat GROUP BY name
                           HAVING SUM(pgsize) >= $TRACES ORDER BY SUM(pgsize) DESC" | paste -sd, | sed 's/,/, /g')
# A trace 90% deep in the newest-first list, for the time-bounded deep page.
deep_ms=$(sqlite3 "$db" "SELECT created_at FROM traces WHERE seq = $(( TRACES / 10 > 0 ? TRACES / 10 : 1 ))")
m3_requested=$(sqlite3 "$db" "SELECT count(*) FROM traces WHERE model_requested = 'm3'")

# ---- servers ----
start_server() {  # DATA_DIR LOG: sets started_pid and started_base
  : > "$2"  # a restart must not read the previous server's address
  REINFORGE_ADMIN_TOKEN=bench build/reinforge serve --port 0 --data-dir "$1" --web-dir web/dist > "$2" 2>&1 &
  started_pid=$!
  servers+=("$started_pid")
  for _ in $(seq 600); do grep -q "running at" "$2" && break; sleep 0.1; done
  started_base=$(grep -o 'http://127.0.0.1:[0-9]*' "$2" | head -1)
  [ -n "$started_base" ] || { echo "the server did not start:" >&2; cat "$2" >&2; exit 1; }
}
start_big() { start_server "$work/big" "$work/big.log"; big_pid=$started_pid; base=$started_base; }
start_big
start_server "$work/small" "$work/small.log"; small_base=$started_base

# One call: prints its milliseconds, "timeout" or "HTTP <status>"; the answer is left in $work/body.
call_ms() {
  local result status=0
  rm -f "$work/body"  # curl writes it only when an answer comes
  result=$(curl -s -o "$work/body" -w '%{http_code} %{time_total}' -m "$CALL_LIMIT" \
    -H "Authorization: Bearer bench" "$base$1") || status=$?
  if [ "$status" -eq 28 ]; then echo timeout; return; fi
  if [ "$status" -ne 0 ]; then echo "curl error $status"; return; fi
  set -- $result
  if [ "$1" != 200 ]; then echo "HTTP $1"; return; fi
  awk -v s="$2" 'BEGIN { printf "%.1f\n", s * 1000 }'
}

# A table row: the first call, then the median of REPEATS more; the first answer stays in
# $work/first.json. A call that timed out may still run in the server and would slow the next
# ones, so the server is restarted (and no repeats are made).
time_row() {  # LABEL PATH
  local first median matches times failed
  first=$(call_ms "$2")
  cp "$work/body" "$work/first.json" 2>/dev/null || : > "$work/first.json"
  median="—"
  if [[ "$first" =~ ^[0-9.]+$ ]]; then
    times=$(for _ in $(seq "$REPEATS"); do call_ms "$2"; done)
    median=$(echo "$times" | { grep -E '^[0-9.]+$' || true; } | median_of_lines)
    failed=$(echo "$times" | { grep -vE '^[0-9.]+$' || true; } | sort -u | paste -sd/)
    [ -z "$failed" ] || median="$median (some: $failed)"
  elif [ "$first" = timeout ]; then
    first="timeout (> $CALL_LIMIT s)"
    kill -KILL "$big_pid" 2>/dev/null || true; wait "$big_pid" 2>/dev/null || true
    start_big
    restarts=$((restarts + 1))
  fi
  # Lists: how many match (a capped count shows as "N+"); stats: how many (day, model) rows.
  matches=$(json_get "$work/first.json" \
    'j.total_exact === false ? j.total + "+" : (j.total ?? (j.items ? j.items.length + " rows" : ""))')
  matches=$(thousands "$matches")
  say "| $1 | ${matches:-—} | $first | $median |"
}

uptime_before=$(uptime | sed 's/.*load average: //')
say "# Traces at scale: $(thousands "$TRACES") traces"
say ""
say "$(date -u +%Y-%m-%d), $(nproc) cores, load average $uptime_before (1, 5, 15 min) before the" \
  "calls; repeats $REPEATS, call limit $CALL_LIMIT s, pull limit $PULL_LIMIT s."
say ""
say "Fill: $(thousands "$TRACES") traces in $fill_seconds s, **$(thousands "$fill_rate") traces/s**" \
  "(batches of 5,000 through \`insert_traces\`); store $(( bytes / 1048576 )) MiB," \
  "**$(( bytes / TRACES )) bytes per trace** (reinforge.db after a checkpoint)." \
  "Bytes per trace by table and index: $breakdown."
say ""
say "| call | matches | first ms | median ms |"
say "|---|---|---|---|"
time_row "\`GET /api/traces?limit=50\` (the Gateway page's first view)" "/api/traces?limit=50"
cursor=$(json_get "$work/first.json" 'j.next_cursor')
time_row "\`GET /api/session\` (baseline: the server's fixed cost)" "/api/session"
deep=$(( TRACES * 9 / 10 ))
time_row "\`?offset=$deep&limit=50\` (deep page, offset)" "/api/traces?offset=$deep&limit=50"
if [ -n "$cursor" ]; then
  for page in 2 3 4; do
    time_row "\`?cursor=…&limit=50\` (page $page, following \`next_cursor\`)" \
      "/api/traces?limit=50&cursor=$(urlencode "$cursor")"
    cursor=$(json_get "$work/first.json" 'j.next_cursor')
    [ -n "$cursor" ] || break
  done
else
  say "| \`?cursor=\` pages | no \`next_cursor\` in the answer: offset pages only | — | — |"
fi
time_row "\`?to=$deep_ms&limit=50\` (deep page by time, 90% down)" "/api/traces?to=$deep_ms&limit=50"
for filter in model=m2 key=2 provider=p2 status=error status=502 tag=rare-tag tag=team:search \
  q=answer q=refund q=zanzibar q=nosuchword endpoint=messages; do
  time_row "\`?$filter&limit=50\`" "/api/traces?$filter&limit=50"
done
week_ago=$(( ($(date +%s) - 7 * 86400) * 1000 ))
time_row "\`GET /api/traces/stats\`" "/api/traces/stats"
time_row "\`/api/traces/stats?model=m1\`" "/api/traces/stats?model=m1"
time_row "\`/api/traces/stats?from=<7 days ago>\`" "/api/traces/stats?from=$week_ago"

# ---- a dataset from a quarter of the traces ----
say ""
started=$(date +%s.%N)
status=0
post=$(curl -s -o "$work/pull.json" -w '%{http_code}' -m "$CALL_LIMIT" -X POST \
  -H "Authorization: Bearer bench" -H "Content-Type: application/json" \
  -d '{"name":"quarter","filter":{"model":"m3"}}' "$base/api/datasets/from-traces") || status=$?
post_seconds=$(seconds_since "$started")
job=$(json_get "$work/pull.json" 'j.job ? j.job.id : ""')
added=$(json_get "$work/pull.json" 'j.from_traces ? j.from_traces.added : ""')
ended="answered at once"
if [ "$status" -ne 0 ] || [ "$post" != 201 ]; then
  ended="failed: curl $status, HTTP $post"
elif [ -n "$job" ]; then
  ended="job $job"
  while :; do
    sleep 0.5
    curl -s -o "$work/job.json" -m 30 -H "Authorization: Bearer bench" "$base/api/jobs/$job" || true
    state=$(json_get "$work/job.json" 'j.state')
    added=$(json_get "$work/job.json" 'j.result ? j.result.added : j.done')
    echo "$(seconds_since "$started") ${added:-0}" >> "$work/pull-progress"
    case "$state" in succeeded | failed | cancelled) ended="job $state"; break ;; esac
    if awk -v s="$(seconds_since "$started")" -v limit="$PULL_LIMIT" 'BEGIN { exit !(s > limit) }'; then
      ended="**stopped at the $PULL_LIMIT s limit** (job cancelled)"
      curl -s -o /dev/null -m 30 -X POST -H "Authorization: Bearer bench" "$base/api/jobs/$job/cancel" || true
      break
    fi
  done
fi
pull_seconds=$(seconds_since "$started")
added=${added:-0}
# A pull that slows down as it goes shows here: its rate over the first minute against the last.
pace=""
if [ -s "$work/pull-progress" ] && awk -v s="$pull_seconds" 'BEGIN { exit !(s > 120) }'; then
  pace=$(awk '{ t[NR] = $1; n[NR] = $2 }
    END { for (i = 1; i < NR && t[i] < 60; i++); first = n[i] / t[i]
          for (j = NR; j > 1 && t[NR] - t[j] < 60; j--); last = t[NR] > t[j] ? (n[NR] - n[j]) / (t[NR] - t[j]) : 0
          printf "%.0f traces/s over the first minute, %.0f over the last", first, last }' "$work/pull-progress")
  pace=" ($pace)"
fi
pull_rate=$(awk -v n="$added" -v s="$pull_seconds" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
say "Dataset from traces, \`POST /api/datasets/from-traces\` with \`filter.model=m3\`" \
  "($(thousands "$m3_requested") traces requested m3; successful conversation calls become records;" \
  "the POST answered in $post_seconds s): $ended after **$pull_seconds s**, $(thousands "$added")" \
  "traces added, **$(thousands "$pull_rate") traces/s**$pace."
# A cancelled job ends at its next batch; let it, so the browser times the page alone.
[ -z "$job" ] || for _ in $(seq 60); do
  curl -s -o "$work/job.json" -m 30 -H "Authorization: Bearer bench" "$base/api/jobs/$job" || true
  case "$(json_get "$work/job.json" 'j.state')" in succeeded | failed | cancelled) break ;; esac
  sleep 1
done

# ---- the Gateway page in the browser ----
say ""
runs=$(( REPEATS < 3 ? REPEATS : 3 ))
runs=$(( runs > 0 ? runs : 1 ))
load_limit_ms=$(awk -v s="$CALL_LIMIT" 'BEGIN { printf "%d", s * 1000 }')
node bench/traces/render_timing.mjs "$small_base" "$base" bench "$runs" "$load_limit_ms" | tee -a "$out"

say ""
peak_rss=$(awk '/VmHWM/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$big_pid/status")
since=""
[ "$restarts" -eq 0 ] || since=", since the last of its $restarts restarts after a timeout"
say "Server peak RSS (VmHWM, the big store's server$since): $peak_rss;" \
  "load average after: $(uptime | sed 's/.*load average: //')."
echo "written to $out" >&2
