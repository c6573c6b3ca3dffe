#!/usr/bin/env bash
# Installs every Debian package that cradle's build, tests, sanitizer run, fuzzers and
# benchmarks need. Idempotent and non-interactive; run as root on Debian 12.
set -euo pipefail

packages=(
  build-essential g++ cmake ninja-build ccache pkg-config
  clang-16 libclang-rt-16-dev
  libsimdjson-dev nlohmann-json3-dev libpugixml-dev libyaml-cpp-dev libcli11-dev libfmt-dev libssl-dev
  libsqlite3-dev libarchive-dev libcurl4-openssl-dev libcpp-httplib-dev libvalijson-dev
  libpq-dev postgresql libabsl-dev libmimalloc-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  git ca-certificates
)

export DEBIAN_FRONTEND=noninteractive
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps.sh: run as root (it calls apt-get install)" >&2
  exit 2
fi
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
echo "install-deps.sh: ${#packages[@]} packages present"
