#!/usr/bin/env bash
# PostgreSQL imports with two reinforge binaries, interleaved on one generated file and one
# throwaway server (durable defaults, as run.sh), with a SQLite import by build/reinforge in each
# round for the ratio. Prints the client's CPU seconds and the server's (its backends', reaped by
# the postmaster): on a shared, noisy machine the CPU moves less than the seconds.
# Usage: bench/import/compare_postgres.sh BASELINE_BINARY [RECORDS] [ROUNDS]
#   (defaults 1,000,000 records, 2 rounds; the other binary is build/reinforge)
set -euo pipefail
cd "$(dirname "$0")/../.."
BASELINE="${1:?give the binary to compare against, e.g. a copy of build/reinforge from before}"
RECORDS="${2:-1000000}"
ROUNDS="${3:-2}"
ninja -C build reinforge generate_chat_records >/dev/null
work=$(mktemp -d)
pg_folder=$(mktemp -d -u /tmp/reinforge-import-pg.XXXXXX)  # outside $work: its server runs as nobody
cleanup() {
  [ -d "$pg_folder" ] && bash tests/support/postgres_fixture.sh stop "$pg_folder"
  rm -rf "$work"
}
trap cleanup EXIT

build/bench/import/generate_chat_records "$RECORDS" > "$work/records.jsonl"
bash tests/support/postgres_fixture.sh start "$pg_folder" durable
pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
echo "records: $RECORDS"

databases=0
run_import() {  # LABEL BINARY sqlite|postgresql: one import into a fresh store; prints its row
  local store=() postmaster server_ticks status=0
  rm -rf "$work/data"
  if [ "$3" = postgresql ]; then
    databases=$((databases + 1))
    "$pg_bin/createdb" -h "$pg_folder" -U reinforge "bench$databases"
    store=(--store "postgresql://reinforge@/bench$databases?host=$pg_folder")
  fi
  postmaster=$(head -1 "$pg_folder/data/postmaster.pid")
  server_ticks=$(awk '{print $16 + $17}' "/proc/$postmaster/stat")
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$2" import --data-dir "$work/data" "${store[@]}" \
    --dataset bench "$work/records.jsonl" >/dev/null 2>"$work/stderr" || status=$?
  if [ "$status" -gt 1 ]; then cat "$work/stderr" >&2; exit 1; fi  # 1: some records invalid
  read -r s user sys kb < <(tail -1 "$work/time")
  sleep 0.5  # the backend exits after the client: let the postmaster reap it
  printf "%-8s %-10s %7s s %8s records/s  client CPU %5s s  server CPU %5s s  %5s MB peak  (load %s)\n" \
    "$1" "$3" "$s" "$(awk "BEGIN{printf \"%.0f\", $RECORDS/$s}")" \
    "$(awk "BEGIN{printf \"%.1f\", $user+$sys}")" \
    "$(awk -v t0="$server_ticks" '{printf "%.1f", ($16 + $17 - t0) / 100}' "/proc/$postmaster/stat")" \
    "$((kb / 1024))" "$(cut -d' ' -f1 /proc/loadavg)"
}

for round in $(seq "$ROUNDS"); do
  run_import after build/reinforge sqlite
  run_import before "$BASELINE" postgresql
  run_import after build/reinforge postgresql
done
