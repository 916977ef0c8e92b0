#!/usr/bin/env bash
# Builds the server (build/reinforge), the tests, and the web UI (web/dist); with target names,
# only those and the UI (`scripts/build.sh reinforge`: what the first command needs). Incremental:
# a second run only rebuilds what changed.
# Usage: scripts/build.sh [NINJA_TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
# A clone in another folder (CI's) reuses the compiler cache: paths under the checkout are hashed
# relative to it, and the build folder's path, which only ends up in debug info, is left out.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1

BUILD_DIR="${REINFORGE_BUILD_DIR:-build}"
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="${CMAKE_BUILD_TYPE:-RelWithDebInfo}" \
  ${REINFORGE_CMAKE_ARGS:-} >/dev/null
ninja -C "$BUILD_DIR" ${NINJA_JOBS:+-j"$NINJA_JOBS"} "$@"

if [ -f web/package.json ]; then
  (
    cd web
    # npm ci only when the lock file changed since the last install.
    if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
      npm ci --no-audit --no-fund --loglevel=error
    fi
    if [ ! -f dist/index.html ] || [ -n "$(find src index.html package.json vite.config.* -newer dist/index.html 2>/dev/null | head -1)" ]; then
      npm run build --silent
    fi
  )
fi
