#!/usr/bin/env bash
# Builds the fuzz targets with clang (libFuzzer + ASan + UBSan) in build-fuzz/ and runs each
# for a bounded time (FUZZ_SECONDS, default 60). Exits non-zero on any crash.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET="${FUZZ_SECONDS:-60}"
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DREINFORGE_FUZZ=ON -DREINFORGE_TESTS=OFF -DREINFORGE_WERROR=OFF >/dev/null
ninja -C build-fuzz record_validator_fuzz >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp fuzz/corpus/validator/* "$work/"
build-fuzz/fuzz/record_validator_fuzz -max_total_time="$SECONDS_PER_TARGET" -max_len=4096 \
  -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "$work" 2>&1 | tail -12
echo "fuzz: record_validator_fuzz ran ${SECONDS_PER_TARGET}s without a crash"
