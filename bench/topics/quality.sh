#!/usr/bin/env bash
# Topic discovery quality on every labelled set (bench/README.md, "Topics"): NMI and ARI with k =
# the true label count and with k chosen automatically, for the offline embedder and, in the same
# command, for its lexical vectors alone (the baseline, `--with word_vectors=0`). `--candidate`
# also runs the lexical weighting measured against the defaults (docs/topics.md, "Quality on
# other sets").
# Usage: bench/topics/quality.sh [--candidate] [topics_quality_bench options...]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${BUILD_DIR:-$root/build}"
bash "$root/scripts/setup-topic-eval-data.sh"
[ -f "$build/build.ninja" ] || cmake -S "$root" -B "$build" -G Ninja >/dev/null
ninja -C "$build" -j2 topics_quality_bench >/dev/null
bench="$build/bench/topics/topics_quality_bench"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
candidate=false
if [ "${1:-}" = "--candidate" ]; then candidate=true; shift; fi
echo "== the lexical vectors alone (word vectors' weight 0)"
"$bench" --with word_vectors=0 "$@"
echo "== the defaults: lexical vectors (idf^1, character n-grams weighted 1, u·sigma^0.5) and word vectors at 0.7"
"$bench" "$@"
if $candidate; then
  echo "== candidate: idf^1.25, character n-grams weighted 0.7, coordinates u·sigma, and word vectors at 0.7"
  "$bench" --with idf_power=1.25 --with char_weight=0.7 --with singular_value_power=1 "$@"
fi
