#!/bin/sh
# Never falsely clean, end to end: a scan, an assessment, a re-evaluation, `affected` and events on a
# store that holds no advisories, or those of one ecosystem only, or stale ones, say what they
# could not look at and exit 4 (unless --allow-coverage-gaps); `db status` shows what each
# ecosystem holds. Run from the project root: coverage_test.sh CRADLE WORKDIR.
set -u
cradle=$1
work=$2
rm -rf "$work" && mkdir -p "$work/pypi-only" "$work/empty"
cp examples/osv/PYSEC-*.json examples/osv/PYSEC-*.yaml "$work/pypi-only/"
failures=0
check() {  # check DESCRIPTION COMMAND...: the command must succeed
  description=$1
  shift
  if ! "$@"; then
    echo "FAILED: $description" >&2
    failures=$((failures + 1))
  fi
}
exit_code() {  # exit_code EXPECTED COMMAND...: runs the command, output to $work/out and $work/err
  expected=$1
  shift
  "$@" > "$work/out" 2> "$work/err"
  actual=$?
  if [ "$actual" -ne "$expected" ]; then
    echo "exit $actual, expected $expected: $*" >&2
    cat "$work/err" >&2
    return 1
  fi
}

# An empty store: nothing is clean.
"$cradle" db update --from "$work/empty" --db "$work/empty.db" > /dev/null
check "an empty store's scan exits 4" exit_code 4 "$cradle" scan examples/webapp.cdx.json --db "$work/empty.db"
check "an empty store's scan calls nothing clean" grep -q '6 not covered' "$work/out"
check "it names the remedy" grep -q 'NOT COVERED PyPI (5 components): no PyPI advisories loaded: run `cradle db update --ecosystem PyPI`' "$work/out"
check "db status says the store is empty" sh -c "\"$cradle\" db status --db \"$work/empty.db\" | grep -q '^no advisories loaded'"

# Only PyPI loaded: Debian's package is not covered, the PyPI ones are judged.
"$cradle" db update --from "$work/pypi-only" --db "$work/pypi.db" > /dev/null
check "a partly loaded store's scan exits 4" exit_code 4 "$cradle" scan examples/webapp.cdx.json --db "$work/pypi.db" --format json
check "JSON counts the component not covered" grep -q '"not_covered": 1' "$work/out"
check "JSON coverage names the gap" grep -q '"reason": "no Debian:12 advisories loaded: run `cradle db update --ecosystem Debian`"' "$work/out"
check "JSON coverage is incomplete" grep -q '"complete": false' "$work/out"
check "the gap is said on stderr for programs' formats" grep -q 'not covered: no Debian:12 advisories loaded' "$work/err"
check "--allow-coverage-gaps exits 0" exit_code 0 "$cradle" scan examples/webapp.cdx.json --db "$work/pypi.db" --allow-coverage-gaps
check "SARIF carries the coverage in its run properties" exit_code 4 "$cradle" scan examples/webapp.cdx.json --db "$work/pypi.db" --format sarif
check "SARIF coverage" grep -q '"state": "not_loaded"' "$work/out"
check "SARIF says the gap as a tool notification" grep -q '"text": "Debian:12: no Debian:12 advisories loaded: run `cradle db update --ecosystem Debian` (1 component): these components were not checked"' "$work/out"
check "CycloneDX VEX carries the coverage" exit_code 4 "$cradle" scan examples/webapp.cdx.json --db "$work/pypi.db" --format cyclonedx-vex
check "CycloneDX VEX coverage property" grep -q '"name": "cradle:coverage:Debian:12"' "$work/out"
check "CycloneDX VEX coverage says incomplete" grep -q '"value": "incomplete: 1 of 2 ecosystems not covered"' "$work/out"
check "an OpenVEX scan, which has no field for it, exits 4 on a gap" exit_code 4 "$cradle" scan examples/webapp.cdx.json --db "$work/pypi.db" --format openvex
check "and says the gap on stderr" grep -q 'not covered: no Debian:12 advisories loaded' "$work/err"
check "the OpenVEX states nothing for the component not covered" sh -c "! grep -q 'pkg:deb/' \"$work/out\""
check "--fail-on still tells vulnerable from not covered" exit_code 1 "$cradle" scan examples/webapp.cdx.json --db "$work/pypi.db" --fail-on high
check "db status lists what is loaded per ecosystem" sh -c "\"$cradle\" db status --db \"$work/pypi.db\" | grep -q '^PyPI  *covered  *3  2023-11-14T00:00:00Z'"
check "db status as JSON" sh -c "\"$cradle\" db status --format json --db \"$work/pypi.db\" | grep -q '\"ecosystem\": \"PyPI\"'"
check "--advisories files count the same way" exit_code 4 "$cradle" scan examples/webapp.cdx.json --advisories "$work/pypi-only"
check "--advisories gap" grep -q 'NOT COVERED Debian:12 (1 component)' "$work/out"

# Everything the example needs, as example data: covered, and said to be examples.
check "the bundled example scans clean of gaps" exit_code 0 "$cradle" scan examples/webapp.cdx.json --advisories examples/osv
check "the bundled example says it is example data" grep -q "example data: these advisories are cradle's examples" "$work/out"

# Stale data is a gap too.
"$cradle" db update --from examples/osv --db "$work/full.db" > /dev/null
sleep 2
check "stale data is a gap" exit_code 4 "$cradle" scan examples/webapp.cdx.json --db "$work/full.db" --max-advisory-age 1s --format json
check "stale state" grep -q '"state": "stale"' "$work/out"
check "fresh enough" exit_code 0 "$cradle" scan examples/webapp.cdx.json --db "$work/full.db" --max-advisory-age 1h
check "an age that is no age is refused" exit_code 2 "$cradle" scan examples/webapp.cdx.json --db "$work/full.db" --max-advisory-age soon

# The store's VEX applies to a scan as to assess (one store, one answer).
"$cradle" ingest examples/webapp.openvex.json --db "$work/full.db" > /dev/null
check "a scan applies the store's VEX" sh -c "\"$cradle\" scan examples/webapp.cdx.json --db \"$work/full.db\" --format json | grep -q '\"suppressed_by_vex\": 1'"
check "--no-stored-vex leaves it out" sh -c "\"$cradle\" scan examples/webapp.cdx.json --db \"$work/full.db\" --no-stored-vex --format json | grep -q '\"suppressed_by_vex\": 0'"

# The portfolio: assess, reevaluate and affected say what they could not look at.
"$cradle" ingest examples/webapp.cdx.json --db "$work/pypi.db" > /dev/null
check "a blocking assessment exits 1, gap or not" exit_code 1 "$cradle" assess example-webapp --db "$work/pypi.db"
check "assess exits 4 on a gap when nothing blocks" exit_code 4 "$cradle" assess example-webapp --policy tests/data/policies/release-gate.policy.yaml --db "$work/pypi.db"
check "assess names the gap" grep -q 'NOT COVERED Debian:12 (1 component)' "$work/out"
check "reevaluate exits 4 on a gap" exit_code 4 "$cradle" reevaluate --db "$work/pypi.db"
check "reevaluate names the gap" grep -q 'NOT COVERED example-webapp@2.4.0: 1 component: no Debian:12 advisories loaded' "$work/out"
check "reevaluate --allow-coverage-gaps" exit_code 0 "$cradle" reevaluate --db "$work/pypi.db" --allow-coverage-gaps
check "affected exits 4 on a gap" exit_code 4 "$cradle" affected CVE-2023-30861 --db "$work/pypi.db"
check "affected names the gap" grep -q 'NOT COVERED Debian:12: 1 component in 1 product version, affected or not unknown' "$work/out"

# Events say the gap too: a feed without new findings must not read as clean.
check "events list the gap" sh -c "\"$cradle\" events --db \"$work/pypi.db\" | grep -q 'not_covered    example-webapp@2.4.0  1 component of Debian:12 not checked: no Debian:12 advisories loaded'"
check "events as JSON carry the ecosystem, count and reason" sh -c "\"$cradle\" events --format json --db \"$work/pypi.db\" | grep -q '\"reason\": \"no Debian:12 advisories loaded'"
check "a covered store's events have no gap" sh -c "\"$cradle\" ingest examples/webapp.cdx.json --db \"$work/full.db\" > /dev/null && ! \"$cradle\" events --db \"$work/full.db\" | grep -q not_covered"

exit $((failures > 0))
