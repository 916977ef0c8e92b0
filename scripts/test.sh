#!/usr/bin/env bash
# The README's second command (and CI's): install what is missing, build, run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
# A clone in another folder (CI's) reuses the compiler cache: paths under the checkout are hashed
# relative to it, and the build folder's path, which only ends up in debug info, is left out.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
bash scripts/setup.sh
# The PostgreSQL store's tests start a throwaway server of their own (tests/support/
# postgres_fixture.sh); only the test command installs the server package, so the first command
# does not put a database service on the machine.
if ! dpkg-query -W -f='${Status}' postgresql 2>/dev/null | grep -q "install ok installed"; then
  echo "setup: installing postgresql (for the PostgreSQL store's tests)"
  WITH_SUDO=""; if [ "$(id -u)" != 0 ]; then WITH_SUDO="sudo"; fi
  $WITH_SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $WITH_SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
# Labelled sets the topic-quality tests score discovery on (Debian packages, unpacked; the product
# itself does not need them, so the first command does not fetch them).
bash scripts/setup-topic-eval-data.sh || echo "setup: the topic quality sets could not be fetched; topics_labelled_sets_tests will fail" >&2
bash scripts/build.sh

failed=()
run() {
  local name="$1"; shift
  echo "=== $name"
  if ! "$@"; then failed+=("$name"); fi
}

run "C++ unit and integration tests (ctest)" ctest --test-dir build --output-on-failure -j2 --timeout 600
# The core unit tests again under AddressSanitizer and UndefinedBehaviorSanitizer (STYLE.md);
# the tests that start the binary run in the normal build above.
sanitized() {
  local targets="tokenize_tests health_tests store_tests records_tests jobs_tests http_tests steps_tests"
  cmake -S . -B build-asan -G Ninja -DREINFORGE_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null &&
    ninja -C build-asan $targets >/dev/null &&
    for target in $targets; do
      "build-asan/tests/${target%_tests}/$target" --gtest_brief=1 \
        --gtest_filter='-ValidateCommand.*:SecurityHeadersTest.*:MalformedRequestsTest.*:TlsTest.*:ServerThreads.*' || return 1
    done
}
run "core unit tests under ASan + UBSan" sanitized
if [ -f web/package.json ]; then
  run "web UI unit tests (vitest)" bash -c "cd web && npm test --silent"
fi
if [ -x tests/e2e/run.sh ]; then
  run "end-to-end tests (chromium)" tests/e2e/run.sh
fi
if [ -x fuzz/run.sh ]; then
  run "fuzzing (bounded)" fuzz/run.sh
fi

if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED: ${failed[*]}"
  exit 1
fi
echo "All test suites passed."
