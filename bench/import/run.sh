#!/usr/bin/env bash
# Import + validate throughput into SQLite and, where PostgreSQL's server is installed (the test
# command installs it), into a throwaway PostgreSQL server with its durable defaults, with `cat`
# reading the same file as the baseline in the same run (these machines are shared: compare
# ratios, not seconds).
# Usage: bench/import/run.sh [RECORDS]   (default 1,000,000)
set -euo pipefail
cd "$(dirname "$0")/../.."
RECORDS="${1:-1000000}"
ninja -C build reinforge generate_chat_records >/dev/null
work=$(mktemp -d)
pg_folder=$(mktemp -d -u /tmp/reinforge-import-pg.XXXXXX)  # outside $work: its server runs as nobody
cleanup() {
  [ -d "$pg_folder" ] && bash tests/support/postgres_fixture.sh stop "$pg_folder"
  rm -rf "$work"
}
trap cleanup EXIT

build/bench/import/generate_chat_records "$RECORDS" > "$work/records.jsonl"
bytes=$(stat -c %s "$work/records.jsonl")
mb=$(awk "BEGIN{printf \"%.1f\", $bytes/1048576}")

measure() {  # prints "seconds peak_kb"; exit status 1 (some records invalid) is expected
  local status=0
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || status=$?
  if [ "$status" -gt 1 ]; then cat "$work/stderr" >&2; exit 1; fi
  tail -1 "$work/time"
}
read -r cat_s cat_kb < <(measure cat "$work/records.jsonl")
read -r val_s val_kb < <(measure build/reinforge validate "$work/records.jsonl")
read -r imp_s imp_kb < <(measure build/reinforge import --data-dir "$work/data" --dataset bench "$work/records.jsonl")
rows=("cat (baseline):$cat_s:$cat_kb" "reinforge validate:$val_s:$val_kb" "reinforge import (SQLite):$imp_s:$imp_kb")
pg_s=""
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  bash tests/support/postgres_fixture.sh start "$pg_folder" durable
  "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/createdb" -h "$pg_folder" -U reinforge bench
  read -r pg_s pg_kb < <(measure build/reinforge import --data-dir "$work/data-pg" \
    --store "postgresql://reinforge@/bench?host=$pg_folder" --dataset bench "$work/records.jsonl")
  rows+=("reinforge import (PostgreSQL):$pg_s:$pg_kb")
fi

rate() { awk "BEGIN{ if ($2 > 0) printf \"%.0f\", $1/$2; else print \"inf\" }"; }
echo "records: $RECORDS ($mb MB)"
printf "%-34s %8s %12s %10s %10s\n" step seconds records/s MB/s peak_MB
for row in "${rows[@]}"; do
  IFS=: read -r name s kb <<<"$row"
  printf "%-34s %8s %12s %10s %10s\n" "$name" "$s" "$(rate "$RECORDS" "$s")" \
    "$(awk "BEGIN{ if ($s > 0) printf \"%.1f\", $mb/$s; else print \"inf\" }")" "$((kb / 1024))"
done
echo "import time / cat time: $(awk "BEGIN{ if ($cat_s > 0) printf \"%.0f\", $imp_s/$cat_s; else print \"n/a\" }")x"
if [ -n "$pg_s" ]; then
  echo "PostgreSQL import records/s / SQLite's: $(awk "BEGIN{ if ($pg_s > 0) printf \"%.2f\", $imp_s/$pg_s; else print \"n/a\" }")"
fi
