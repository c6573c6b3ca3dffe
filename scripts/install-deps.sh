#!/usr/bin/env bash
# Installs every Debian package that cradle's build, tests, sanitizer run, fuzzers and
# benchmarks need, then the official validators of its outputs that the tests run, from npm at
# the versions tests/consumers/package-lock.json pins (the C++ side takes nothing from npm).
# Idempotent and non-interactive; run as root on Debian 12.
set -euo pipefail

packages=(
  build-essential g++ cmake ninja-build ccache pkg-config
  clang-16 libclang-rt-16-dev
  libsimdjson-dev nlohmann-json3-dev libpugixml-dev libyaml-cpp-dev libcli11-dev libfmt-dev libssl-dev
  libsqlite3-dev libarchive-dev libcurl4-openssl-dev libcpp-httplib-dev libvalijson-dev
  libpq-dev postgresql libabsl-dev libmimalloc-dev zlib1g-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  git ca-certificates
  sqlite3  # the CLI tests edit a store by hand to show that `cradle log verify` finds it
  libicu72  # the SARIF Multitool (.NET) needs ICU
)

export DEBIAN_FRONTEND=noninteractive
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps.sh: run as root (it calls apt-get install)" >&2
  exit 2
fi
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
echo "install-deps.sh: ${#packages[@]} packages present"

# Node.js and npm from Debian unless a Node.js is there already (NodeSource's nodejs bundles an
# npm that Debian's npm package would conflict with).
if ! command -v npm > /dev/null; then
  apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
consumers=$(cd "$(dirname "$0")/../tests/consumers" && pwd)
# --ignore-scripts: the one install script there (the Multitool's) only sets the executable bit.
npm ci --prefix "$consumers" --ignore-scripts --no-audit --no-fund --loglevel=error
chmod u+x "$consumers/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
echo "install-deps.sh: output validators installed in $consumers/node_modules"
