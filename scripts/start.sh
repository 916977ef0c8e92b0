#!/usr/bin/env bash
# The README's first command: install what is missing, build, and start Reinforge on its
# embedded defaults (SQLite under ./data, UI and API on http://127.0.0.1:8080).
# Extra arguments go to `reinforge serve` (e.g. --port 9000).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh reinforge  # the product; the tests are the second command's
exec build/reinforge serve "$@"
