#!/usr/bin/env bash
# End-to-end tests: the real `reinforge serve` (build/reinforge) with the built UI (web/dist) and
# a temporary data directory, driven through Debian's chromium by playwright-core.
# Builds nothing: run scripts/build.sh first. Screenshots go to tests/e2e/screenshots-latest/.
# Arguments, if any, name the specs to run (e.g. `topic_models_settings`); all of them otherwise.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BINARY="${REINFORGE_BINARY:-$ROOT/build/reinforge}"
WEB_DIR="${REINFORGE_WEB_DIR:-$ROOT/web/dist}"

[ -x "$BINARY" ] || { echo "e2e: $BINARY is missing; run scripts/build.sh first" >&2; exit 1; }
[ -f "$WEB_DIR/index.html" ] || { echo "e2e: $WEB_DIR/index.html is missing; run scripts/build.sh first" >&2; exit 1; }
[ -x /usr/bin/chromium ] || { echo "e2e: /usr/bin/chromium is missing; run scripts/setup.sh" >&2; exit 1; }

if [ ! -d "$HERE/node_modules/playwright-core" ] || [ "$HERE/package-lock.json" -nt "$HERE/node_modules/.package-lock.json" ]; then
  (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)
fi

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
export REINFORGE_ADMIN_TOKEN="e2e-$(node -e 'console.log(require("crypto").randomBytes(12).toString("hex"))')"
"$BINARY" serve --host 127.0.0.1 --port "$PORT" --data-dir "$WORK/data" --web-dir "$WEB_DIR" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!

export REINFORGE_URL="http://127.0.0.1:$PORT"
for _ in $(seq 1 100); do
  if curl -fsS -H "Authorization: Bearer $REINFORGE_ADMIN_TOKEN" "$REINFORGE_URL/api/session" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then echo "e2e: the server exited:" >&2; cat "$WORK/server.log" >&2; exit 1; fi
  sleep 0.2
done

export E2E_SCREENSHOTS="$HERE/screenshots-latest"
export E2E_WORK="$WORK"
export REINFORGE_BINARY="$BINARY" REINFORGE_WEB_DIR="$WEB_DIR"
mkdir -p "$E2E_SCREENSHOTS"
status=0
specs=("$HERE"/specs/*.test.js)
if [ "$#" -gt 0 ]; then specs=(); for name in "$@"; do specs+=("$HERE/specs/${name%.test.js}.test.js"); done; fi
node --test --test-concurrency=1 "${specs[@]}" || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- server log (last 40 lines)" >&2
  tail -40 "$WORK/server.log" >&2
fi
exit "$status"
