#!/usr/bin/env bash
# Builds cradle and runs the whole test suite with ctest.
#   scripts/test.sh             release build in build/
#   scripts/test.sh --sanitize  AddressSanitizer + UndefinedBehaviorSanitizer build in build-asan/
#                               (clang-16; the tree scripts/fuzz.sh builds its targets in)
# Installs the Debian packages first when run as root (idempotent). The store's suite runs on
# SQLite and on PostgreSQL: unless CRADLE_TEST_POSTGRES already names a server, a throwaway
# cluster is started in a temporary directory (scripts/postgres-cluster.sh) and stopped after.
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=build
cmake_args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
if [ "${1:-}" = "--sanitize" ]; then
  source scripts/sanitized-build.sh
  build_dir=$sanitized_build_dir
  cmake_args=("${sanitized_cmake_args[@]}")
fi

if [ "$(id -u)" -eq 0 ]; then
  bash scripts/install-deps.sh
fi

cmake -S . -B "$build_dir" -G Ninja "${cmake_args[@]}" >/dev/null
cmake --build "$build_dir" -j "$(nproc)"
if [ -z "${CRADLE_TEST_POSTGRES:-}" ]; then
  if ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
    cluster=$(mktemp -d /tmp/cradle-postgres.XXXXXX)
    CRADLE_TEST_POSTGRES=$(bash scripts/postgres-cluster.sh start "$cluster")
    export CRADLE_TEST_POSTGRES
    trap 'bash scripts/postgres-cluster.sh stop "$cluster"; rm -rf "$cluster"' EXIT
    echo "test.sh: PostgreSQL for the store suite at $CRADLE_TEST_POSTGRES"
  else
    echo "test.sh: no PostgreSQL server installed: the PostgreSQL half of the store suite skips" >&2
  fi
fi
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)"
