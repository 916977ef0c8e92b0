#!/usr/bin/env bash
# Builds the fuzz targets with clang (libFuzzer + ASan + UBSan) in build-fuzz/ and runs each
# for a bounded time (FUZZ_SECONDS per target, default 40) from its seed corpus. Exits non-zero
# on any crash.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET="${FUZZ_SECONDS:-40}"
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DREINFORGE_FUZZ=ON -DREINFORGE_TESTS=OFF -DREINFORGE_WERROR=OFF >/dev/null
targets=(record_validator_fuzz:validator responses_translation_fuzz:responses
  messages_translation_fuzz:messages)
ninja -C build-fuzz "${targets[@]%%:*}" >/dev/null
for entry in "${targets[@]}"; do
  target=${entry%%:*}
  corpus=${entry##*:}
  work=$(mktemp -d)
  cp fuzz/corpus/"$corpus"/* "$work/"
  build-fuzz/fuzz/"$target" -max_total_time="$SECONDS_PER_TARGET" -max_len=4096 \
    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "$work" 2>&1 | tail -12
  rm -rf "$work"
  echo "fuzz: $target ran ${SECONDS_PER_TARGET}s without a crash"
done
