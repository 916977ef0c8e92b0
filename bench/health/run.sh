#!/usr/bin/env bash
# Where validation time goes per record (parse baseline, token counting, rules), one thread.
# Usage: bench/health/run.sh [RECORDS] [BUILD_DIR]   (defaults: 200,000 records, build/)
set -euo pipefail
cd "$(dirname "$0")/../.."
RECORDS="${1:-200000}"
BUILD="${2:-build}"
ninja -C "$BUILD" validator_cost generate_chat_records >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$BUILD"/bench/import/generate_chat_records "$RECORDS" > "$work/records.jsonl"
"$BUILD"/bench/health/validator_cost "$work/records.jsonl" 3
