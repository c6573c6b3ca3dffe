#!/usr/bin/env bash
# Peak memory and time of `cradle sbom show` on the benchmark SBOMs (100,000 components each:
# generated CycloneDX and SPDX 2.3 JSON, and juice-shop's real components repeated), against the
# size of each file: the issue's memory goal is a peak of at most 3x the file. Also all of them
# in one call, against the largest, and the peak of `cradle --version`, the binary and its
# libraries alone. Needs build/ (bench and src).
# usage: bash bench/sbom_memory.sh [RUNS]   (median of RUNS runs, default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
measure() {  # command...: "<median seconds> <median peak KB>"
  local times=() peaks=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>&1 || true
    read -r seconds peak <"$work/time"
    times+=("$seconds") peaks+=("$peak")
  done
  echo "$(printf '%s\n' "${times[@]}" | median) $(printf '%s\n' "${peaks[@]}" | median)"
}

read -r _ base_kb <<<"$(measure ./build/src/cradle --version)"
awk -v kb="$base_kb" 'BEGIN { printf "cradle --version alone: %.1f MiB peak RSS\n", kb / 1024 }'
printf '%-20s %9s %9s %10s %8s\n' document 'file MiB' 'time s' 'peak MiB' 'x file'
report() {  # label bytes command...: one row
  local label=$1 bytes=$2
  shift 2
  read -r seconds kb <<<"$(measure "$@")"
  awk -v label="$label" -v bytes="$bytes" -v seconds="$seconds" -v kb="$kb" 'BEGIN {
    printf "%-20s %9.1f %9s %10.1f %8.2f\n", label, bytes / 1048576, seconds, kb / 1024,
           kb * 1024 / bytes }'
}
files=() largest=0
for kind in cyclonedx spdx juice-shop-shaped; do
  file="$work/$kind.json"
  if ! ./build/bench/write_sbom "$kind" >"$file" 2>"$work/err"; then
    printf '%-20s skipped: %s\n' "$kind" "$(cat "$work/err")"
    continue
  fi
  bytes=$(stat -c %s "$file")
  report "$kind" "$bytes" ./build/src/cradle sbom show "$file"
  files+=("$file")
  ((bytes > largest)) && largest=$bytes
done
# One call on all of them: it holds one document at a time, so its peak is measured against
# the largest file, not their sum.
if ((${#files[@]} > 1)); then
  report "all in one call" "$largest" ./build/src/cradle sbom show "${files[@]}"
fi
