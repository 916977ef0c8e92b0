#!/usr/bin/env bash
# ctest's `postgres` fixture: one throwaway PostgreSQL server for every test process of a run
# (tests/support/postgres_server.hpp attaches to it through $REINFORGE_TEST_POSTGRES).
# The benchmarks start theirs with `durable`: PostgreSQL's own defaults (fsync, synchronous
# commits, full pages), as a production server runs; tests skip those for speed.
# Usage: postgres_fixture.sh start|stop FOLDER [durable]
set -euo pipefail
action="$1"
folder="$2"
durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
if [ "${3:-}" = durable ]; then durability=""; fi
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -x "$bin/initdb" ] || { echo "PostgreSQL is not installed: run scripts/setup.sh" >&2; exit 1; }
run_as=()
if [ "$(id -u)" = 0 ]; then run_as=(runuser -u nobody --); fi

case "$action" in
  start)
    if [ -f "$folder/data/postmaster.pid" ]; then "${run_as[@]}" "$bin/pg_ctl" -D "$folder/data" -m immediate stop >/dev/null 2>&1 || true; fi
    rm -rf "$folder"
    mkdir -p "$folder"
    if [ "$(id -u)" = 0 ]; then chown nobody:nogroup "$folder"; fi
    "${run_as[@]}" "$bin/initdb" -D "$folder/data" -A trust -U reinforge -E UTF8 --no-sync >"$folder/initdb.log" 2>&1
    "${run_as[@]}" "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w \
      -o "-k $folder -c listen_addresses='' $durability -c max_connections=200" \
      start >/dev/null
    ;;
  stop)
    if [ -f "$folder/data/postmaster.pid" ]; then "${run_as[@]}" "$bin/pg_ctl" -D "$folder/data" -m immediate stop >/dev/null 2>&1 || true; fi
    rm -rf "$folder"
    ;;
  *) echo "usage: $0 start|stop FOLDER" >&2; exit 2 ;;
esac
