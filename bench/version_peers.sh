#!/usr/bin/env bash
# Version comparison speed, cradle against each scheme's reference implementation, on the same
# pairs (the differential fixtures' parseable pairs) in the same run. Needs the peers installed
# (../shared/peers/install.sh, $PEERS_DIR default /tmp/peers) and cradle built in build/.
# Prints ns per comparison for each side and the ratio (how many times faster cradle is).
set -euo pipefail
cd "$(dirname "$0")/.."
peers=${PEERS_DIR:-/tmp/peers}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

pairs() {  # the fixture's pairs the reference could order, as "A B" lines
  grep -v '^#' "tests/data/versions/$1.tsv" | awk -F'\t' '$3 != "ERR" { print $1 " " $2 }'
}
gcc -O2 bench/peers/vercmp_compare.c -o "$work/vercmp_compare" \
  $(pkg-config --cflags --libs libdpkg rpm) 2>/dev/null || gcc -O2 -DLIBDPKG_VOLATILE_API \
  bench/peers/vercmp_compare.c -o "$work/vercmp_compare" -ldpkg -lrpmio -lrpm

./build/bench/version_compare_bench --benchmark_filter='compare_pairs/(semver|pep440|dpkg|rpm)$' \
  --benchmark_format=json --benchmark_min_time=1 > "$work/cradle.json" 2>/dev/null

cradle_ns() {
  python3 -c "import json,sys; d=json.load(open('$work/cradle.json'));
b=[x for x in d['benchmarks'] if x['name']=='compare_pairs/$1'][0]
print(1e9 / b['items_per_second'])"
}

printf '%-8s %-24s %12s %12s %8s\n' scheme reference 'cradle ns' 'peer ns' ratio
row() {  # scheme, reference name, peer ns
  local ours
  ours=$(cradle_ns "$1")
  python3 -c "print('%-8s %-24s %12.2f %12.2f %7.1fx' % ('$1', '$2', $ours, $3, $3 / $ours))"
}
row semver node-semver "$(pairs semver | node bench/peers/semver_compare.js "$peers/node/node_modules/semver" | cut -d' ' -f1)"
row pep440 'python packaging' "$(pairs pep440 | /usr/bin/python3 bench/peers/pep440_compare.py | cut -d' ' -f1)"
row dpkg libdpkg "$(pairs dpkg | "$work/vercmp_compare" deb | cut -d' ' -f1)"
row rpm librpm "$(pairs rpm | "$work/vercmp_compare" rpm | cut -d' ' -f1)"
