#!/usr/bin/env bash
# Trace writes on PostgreSQL, one trace_bench_fill binary against another in one command: a
# throwaway server (tests/support/postgres_fixture.sh), a fresh database per fill, the binaries
# in turn ROUNDS times, so a noisy host slows both alike. Prints each fill's traces/s and the
# server's CPU seconds per trace (every server process, exited ones included: the figure a busy
# host disturbs least), then the after/before ratios (bench/README.md, "Trace writes on
# PostgreSQL").
# Usage: bench/traces/pg_fill_ab.sh BEFORE_BINARY AFTER_BINARY [TRACES] [ROUNDS]
#   (defaults 200,000 and 2; `ninja -C build trace_bench_fill` builds build/bench/traces/
#   trace_bench_fill; build a before binary from another checkout or commit)
set -euo pipefail
before=$1 after=$2 traces=${3:-200000} rounds=${4:-2}
root="$(cd "$(dirname "$0")/../.." && pwd)"
dir=$(mktemp -d /tmp/reinforge-fill-ab.XXXXXX)
trap 'bash "$root/tests/support/postgres_fixture.sh" stop "$dir"' EXIT
bash "$root/tests/support/postgres_fixture.sh" start "$dir"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"

# utime + stime of every server process, plus what its exited children (autovacuum workers)
# left with the postmaster, in seconds.
server_cpu() {
  local postmaster total=0 ticks fields
  postmaster=$(head -1 "$dir/data/postmaster.pid")
  for pid in $(pgrep -P "$postmaster") "$postmaster"; do
    read -r -a fields < <(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null) || continue
    ticks=$((fields[11] + fields[12]))
    [ "$pid" = "$postmaster" ] && ticks=$((ticks + fields[13] + fields[14]))
    total=$((total + ticks))
  done
  echo "$total $(getconf CLK_TCK)" | awk '{ print $1 / $2 }'
}

results=$(mktemp)
for round in $(seq "$rounds"); do
  for side in before after; do
    binary=$before
    [ "$side" = after ] && binary=$after
    database="fill_${side}_$round"
    "$bin/createdb" -h "$dir" -U reinforge "$database"
    cpu_before=$(server_cpu)
    rate=$("$binary" "postgresql://reinforge@/$database?host=$dir" "$traces" 2>/dev/null |
      sed -n 's/.*: \([0-9]*\) traces\/s/\1/p')
    cpu=$(echo "$(server_cpu) $cpu_before $traces" | awk '{ printf "%.1f", ($1 - $2) / $3 * 1e6 }')
    echo "round $round $side: $rate traces/s, server CPU $cpu µs a trace"
    echo "$side $rate $cpu" >> "$results"
    "$bin/dropdb" -h "$dir" -U reinforge "$database"
  done
done
awk '{ rate[$1] += $2; cpu[$1] += $3 }
     END { printf "after / before: traces/s x%.2f, server CPU a trace x%.2f\n",
           rate["after"] / rate["before"], cpu["after"] / cpu["before"] }' "$results"
rm -f "$results"
