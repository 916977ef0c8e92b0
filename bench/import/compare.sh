#!/usr/bin/env bash
# Import into SQLite with two reinforge binaries, interleaved on the same generated file, with
# `cat` of the file timed in the same run: for before/after figures on a shared, noisy machine.
# Usage: bench/import/compare.sh BASELINE_BINARY [RECORDS] [ROUNDS]
#   (defaults 1,000,000 records, 3 rounds; the other binary is build/reinforge)
set -euo pipefail
cd "$(dirname "$0")/../.."
BASELINE="${1:?give the binary to compare against, e.g. a copy of build/reinforge from before}"
RECORDS="${2:-1000000}"
ROUNDS="${3:-3}"
ninja -C build reinforge generate_chat_records search_catch_up >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

build/bench/import/generate_chat_records "$RECORDS" > "$work/records.jsonl"
echo "records: $RECORDS ($(awk "BEGIN{printf \"%.1f\", $(stat -c %s "$work/records.jsonl")/1048576}") MB)"

# `reinforge validate` of the same file is timed before each pair: on cores shared with other work
# import time / validate time moves less than either alone.
validate_s() {
  /usr/bin/time -f "%e" -o "$work/time" build/reinforge validate "$work/records.jsonl" >/dev/null 2>&1 || true
  tail -1 "$work/time"
}

run_import() {  # BINARY LABEL VALIDATE_SECONDS: one import into a fresh store; prints its row
  local status=0
  rm -rf "$work/data"
  /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$1" import --data-dir "$work/data" --dataset bench \
    "$work/records.jsonl" >/dev/null 2>"$work/stderr" || status=$?
  if [ "$status" -gt 1 ]; then cat "$work/stderr" >&2; exit 1; fi  # 1: some records invalid
  read -r s kb user sys < <(tail -1 "$work/time")
  # CPU seconds (user + sys) move less than seconds when other work shares the cores.
  printf "%-10s %8s s %10s records/s %6s CPU s %6s MB peak %6s x validate   (load %s)\n" "$2" "$s" \
    "$(awk "BEGIN{printf \"%.0f\", $RECORDS/$s}")" "$(awk "BEGIN{printf \"%.1f\", $user+$sys}")" \
    "$((kb / 1024))" "$(awk "BEGIN{printf \"%.2f\", $s/$3}")" "$(cut -d' ' -f1 /proc/loadavg)"
}

/usr/bin/time -f "%e" -o "$work/time" cat "$work/records.jsonl" >/dev/null
echo "cat (baseline): $(tail -1 "$work/time") s"
for round in $(seq "$ROUNDS"); do
  v=$(validate_s)
  echo "validate: $v s"
  run_import "$BASELINE" before "$v"
  run_import build/reinforge after "$v"
  # Since the search index left the import's writer (store/sqlite_record_search.hpp), an import
  # ends before every record is searchable: how long the rest takes once the import has exited.
  echo "  after: $(build/bench/import/search_catch_up "$work/data")"
done
