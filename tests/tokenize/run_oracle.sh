#!/usr/bin/env bash
# Every count of `reinforge tokens` must equal tiktoken's, for both encodings, on the corpus
# (strings) and on chat records (the documented chat formula over tiktoken's counts).
set -euo pipefail
binary="$1"
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/oracle"
if [ ! -d node_modules/tiktoken ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
for encoding in o200k_base cl100k_base; do
  for corpus in strings chat_records; do
    node oracle.mjs "$encoding" "$here/corpus/$corpus.jsonl" > "$work/expected"
    "$binary" tokens --encoding "$encoding" "$here/corpus/$corpus.jsonl" > "$work/actual"
    # Counted on several threads or one, the lines come out the same and in input order.
    if ! "$binary" tokens --threads 1 --encoding "$encoding" "$here/corpus/$corpus.jsonl" | cmp -s - "$work/actual" ||
       ! "$binary" tokens --threads 3 --encoding "$encoding" "$here/corpus/$corpus.jsonl" | cmp -s - "$work/actual"; then
      echo "$encoding $corpus: the output depends on the number of threads"
      failed=1
    fi
    lines=$(wc -l < "$work/expected")
    if diff <(nl -ba "$work/expected") <(nl -ba "$work/actual") > "$work/diff"; then
      echo "$encoding $corpus: all $lines counts equal tiktoken's"
    else
      echo "$encoding $corpus: counts differ from tiktoken's (line, expected | actual):"
      cat "$work/diff"
      failed=1
    fi
  done
done
exit $failed
