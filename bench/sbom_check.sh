#!/usr/bin/env bash
# `cradle sbom check --profile P` against `cradle sbom show` on the same benchmark SBOMs
# (100,000 components each: generated CycloneDX and SPDX 2.3 JSON, and juice-shop's real
# components repeated), both as a table and as JSON, measured in the same run: the issue's goal
# is a check in at most 1.5x the time of show. Needs build/ (bench and src).
# usage: bash bench/sbom_check.sh [RUNS] [PROFILE...]
#   (median of RUNS runs, default 3; profiles ntia and bsi-2.1 by default, the largest and the
#   smallest set of requirements)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
shift || true
if [ $# -gt 0 ]; then profiles=("$@"); else profiles=(ntia bsi-2.1); fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
seconds() {  # command...: the median of RUNS wall-clock times
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e' -o "$work/time" "$@" >/dev/null 2>&1 || true
    cat "$work/time"
  done | median
}

printf '%-20s %-8s %-6s %9s %9s %7s\n' document profile format 'show s' 'check s' ratio
for kind in cyclonedx spdx juice-shop-shaped; do
  file="$work/$kind.json"
  if ! ./build/bench/write_sbom "$kind" >"$file" 2>"$work/err"; then
    printf '%-20s skipped: %s\n' "$kind" "$(cat "$work/err")"
    continue
  fi
  for format in table json; do
    show=$(seconds ./build/src/cradle sbom show "$file" --format "$format")
    for profile in "${profiles[@]}"; do
      check=$(seconds ./build/src/cradle sbom check "$file" --profile "$profile" --format "$format")
      awk -v kind="$kind" -v profile="$profile" -v format="$format" -v show="$show" \
        -v check="$check" 'BEGIN { printf "%-20s %-8s %-6s %9.2f %9.2f %7.2f\n", kind, profile,
                                    format, show, check, check / show }'
    done
  done
done
