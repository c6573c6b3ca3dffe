#!/bin/sh
# cradle's SARIF as its consumers judge it: Microsoft's SARIF Multitool (`validate`, the SARIF
# 2.1.0 schema and its rules, with GitHub code scanning's rule set) on the scans of the example
# (with VEX, with suppressed findings kept, from a partly loaded store) and, when ../shared/data is
# there, of real SBOMs with real advisories and of one with more findings than GitHub takes. Any error fails the test, and so does any warning
# but those listed in ACCEPTED with the reason. A known-bad SARIF must fail first, so that a
# validator that judges nothing cannot pass.
#   sarif_multitool_test.sh CRADLE WORKDIR     (from the project root)
set -u
cradle=$1
work=$2
multitool=tests/consumers/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
shared=${CRADLE_SHARED_DATA:-../shared/data}

# SARIF2005: cradle has no public home page to give as the tool's informationUri.
ACCEPTED="SARIF2005"

if [ ! -x "$multitool" ]; then
  echo "the SARIF Multitool is not installed (scripts/install-deps.sh installs it from npm)"
  if [ -n "${CI:-}" ]; then exit 1; fi
  exit 77
fi
rm -rf "$work" && mkdir -p "$work" || exit 1
failures=0

# The Multitool looks up the SARIF schema's host and the rules' help URIs on the network: run it
# without one (a network namespace of its own), so that the test sends nothing out and no DNS
# time-out slows it down; where namespaces are not allowed it runs as it is.
offline=""
if unshare -rn true 2> /dev/null; then offline="unshare -rn"; fi

# validate NAME FILE: the Multitool's findings on FILE, errors and unaccepted warnings failing.
validate() {
  rm -f "$work/$1.log.sarif"
  $offline "$multitool" validate --max-file-size-in-kb 200000 --rule-kind "Sarif;Gh" -o "$work/$1.log.sarif" "$2" > "$work/$1.out" 2>&1
  if [ ! -s "$work/$1.log.sarif" ]; then
    echo "FAIL $1: the Multitool wrote no log"; cat "$work/$1.out"; return 1
  fi
  bad=$(grep -E ': (error|warning) [A-Z]+[0-9]+' "$work/$1.out" | while read -r line; do
    rule=$(printf '%s\n' "$line" | sed -E 's/.*: (error|warning) ([A-Z]+[0-9]+).*/\2/')
    level=$(printf '%s\n' "$line" | sed -E 's/.*: (error|warning) .*/\1/')
    case " $ACCEPTED " in *" $rule "*) [ "$level" = warning ] && continue ;; esac
    printf '%s\n' "$line"
  done)
  if [ -n "$bad" ]; then
    echo "FAIL $1:"; printf '%s\n' "$bad" | cut -c1-400; return 1
  fi
  echo "ok   $1: $(grep -cE ': warning ' "$work/$1.out") accepted warnings"
}

scan() {  # scan NAME ARGS...: cradle's SARIF of a scan, then validated
  name=$1; shift
  "$cradle" scan "$@" --format sarif > "$work/$name.sarif" 2> "$work/$name.err"
  status=$?
  if [ $status -ne 0 ] && [ $status -ne 1 ] && [ $status -ne 4 ]; then
    echo "FAIL $name: cradle scan exited $status"; cat "$work/$name.err"; failures=$((failures + 1)); return
  fi
  validate "$name" "$work/$name.sarif" || failures=$((failures + 1))
}

# The validator must reject what GitHub rejects: a rule without help, a result without message.
cat > "$work/known-bad.sarif" <<'EOF'
{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "rules": [{"id": "R1"}]}},
 "results": [{"ruleId": "R1", "locations": [{"physicalLocation": {"artifactLocation": {"uri": "/a b"}}}]}]}]}
EOF
if validate known-bad "$work/known-bad.sarif" > /dev/null; then
  echo "FAIL the Multitool found nothing wrong in a SARIF GitHub rejects"; failures=$((failures + 1))
else
  echo "ok   known-bad: rejected"
fi

scan example examples/webapp.cdx.json --advisories examples/osv
scan example-vex examples/webapp.cdx.json --advisories examples/osv --vex examples/webapp.openvex.json
scan example-suppressed-kept examples/webapp.cdx.json --advisories examples/osv --vex examples/webapp.openvex.json --sarif-include-suppressed
scan example-stdin - --advisories examples/osv --sarif-artifact examples/webapp.cdx.json < examples/webapp.cdx.json
mkdir -p "$work/pypi-only" && cp examples/osv/PYSEC-*.json examples/osv/PYSEC-*.yaml "$work/pypi-only/"
scan partly-covered examples/webapp.cdx.json --advisories "$work/pypi-only"

sbom_check() {  # sbom_check NAME ARGS...: cradle's SARIF of an SBOM conformance check, validated
  name=$1; shift
  "$cradle" sbom check "$@" --format sarif > "$work/$name.sarif" 2> "$work/$name.err"
  status=$?
  if [ $status -ne 0 ] && [ $status -ne 2 ]; then
    echo "FAIL $name: cradle sbom check exited $status"; cat "$work/$name.err"; failures=$((failures + 1)); return
  fi
  validate "$name" "$work/$name.sarif" || failures=$((failures + 1))
}
sbom_check sbom-check-profiles tests/data/conformance/ntia-gaps.cdx.json tests/data/conformance/bsi-2.0.spdx.json --profile bsi-2.1 --profile ntia --profile cra
sbom_check sbom-check-unread tests/data/malformed/truncated.cdx.json examples/webapp.cdx.json --profile bsi-2.0

if [ -d "$shared/golang-vulndb/data/osv" ] && [ -d "$shared/guac-exampledata" ]; then
  # Real SBOMs (CycloneDX of a Go program, SPDX of kubectl) against the real Go database.
  scan real-proton-bridge "$shared/cyclonedx-bom-examples/SBOM/proton-bridge/proton-bridge-v1.8.0.bom.json" \
    --advisories "$shared/golang-vulndb/data/osv" --allow-coverage-gaps
  scan real-kubectl-spdx "$shared/guac-exampledata/exampledata/oci-kubectl-linux-amd64-spdx.json" \
    --advisories "$shared/golang-vulndb/data/osv" --allow-coverage-gaps
  # GitHub's limits: more findings than a run may hold (25,000 results), and purls listed three
  # times. Every Go module the Go database names at 7 versions: 32,855 findings from real records.
  node tests/consumers/go_modules_sbom.js "$shared/golang-vulndb/data/osv" 7 1000 > "$work/go-modules.cdx.json"
  scan go-modules-over-the-limit "$work/go-modules.cdx.json" --advisories "$shared/golang-vulndb/data/osv"
  results=$(grep -c '"ruleId"' "$work/go-modules-over-the-limit.sarif")
  if [ "$results" -ne 25000 ]; then
    echo "FAIL go-modules-over-the-limit: $results results, expected the 25,000 GitHub takes"; failures=$((failures + 1))
  fi
  if ! grep -q '"resultsLeftOut": [1-9]' "$work/go-modules-over-the-limit.sarif" ||
     ! grep -q '"relatedLocations"' "$work/go-modules-over-the-limit.sarif"; then
    echo "FAIL go-modules-over-the-limit: no resultsLeftOut, or no relatedLocations for the repeated purls"
    failures=$((failures + 1))
  fi
  # GitHub takes a SARIF file of up to 10 MB gzip-compressed.
  compressed=$(gzip -c "$work/go-modules-over-the-limit.sarif" | wc -c)
  if [ "$compressed" -gt 10000000 ]; then
    echo "FAIL go-modules-over-the-limit: $compressed bytes gzip-compressed, over GitHub's 10 MB"; failures=$((failures + 1))
  fi
else
  echo "skip real SBOMs: $shared/golang-vulndb or guac-exampledata absent"
fi

[ $failures -eq 0 ] || { echo "$failures SARIF file(s) failed validation"; exit 1; }
echo "every SARIF file passed the Multitool with the GitHub rules"
