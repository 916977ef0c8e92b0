#!/usr/bin/env bash
# Installs every Debian package Reinforge needs to build, run and test.
# Idempotent and non-interactive; run as root (or with sudo available) on Debian 12.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git ca-certificates curl
  clang libclang-rt-14-dev clang-format
  libboost-dev libssl-dev libcrypt-dev libsimdjson-dev nlohmann-json3-dev libpcre2-dev
  libsqlite3-dev sqlite3 libpq-dev libeigen3-dev libhnswlib-dev libcurl4-openssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  nodejs npm chromium
  nginx  # bench/gateway: the plain reverse-proxy baseline
)
WITH_SUDO=""
if [ "$(id -u)" != 0 ]; then WITH_SUDO="sudo"; fi

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
# A Node.js from another repository (nodesource) already provides npm and node.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=(); for package in "${missing[@]}"; do case "$package" in nodejs|npm) ;; *) filtered+=("$package");; esac; done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $WITH_SUDO apt-get update -qq
  $WITH_SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# V8 for the JavaScript graders comes from Debian's libnode (Node 18's V8). Where the
# installed Node.js is not Debian's, `apt-get install libnode-dev` conflicts, so the two
# packages are unpacked into a project-local prefix instead (ARCHITECTURE.md).
V8_PREFIX="$PWD/.deps/libnode"
if ! dpkg-query -W -f='${Status}' libnode-dev 2>/dev/null | grep -q "install ok installed"; then
  if [ ! -f "$V8_PREFIX/usr/include/node/v8.h" ]; then
    echo "setup: unpacking Debian's libnode108 and libnode-dev into $V8_PREFIX"
    mkdir -p "$V8_PREFIX/debs"
    (cd "$V8_PREFIX/debs" && apt-get download libnode108 libnode-dev 2>&1 | grep -v "unsandboxed" || true)
    for deb in "$V8_PREFIX"/debs/*.deb; do dpkg-deb -x "$deb" "$V8_PREFIX"; done
  fi
  # libnode108 needs these at run time; they are ordinary Debian libraries.
  runtime=(libuv1 libc-ares2 libnghttp2-14 libbrotli1 libicu72 zlib1g)
  rmissing=()
  for package in "${runtime[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || rmissing+=("$package")
  done
  if [ ${#rmissing[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive $WITH_SUDO apt-get install -y -qq --no-install-recommends "${rmissing[@]}" >/dev/null
  fi
fi
bash scripts/setup-tokenizer-data.sh
bash scripts/setup-word-vectors.sh
echo "setup: system packages ready"
