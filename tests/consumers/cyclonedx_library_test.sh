#!/bin/sh
# cradle's CycloneDX VEX/VDR as CycloneDX's own tooling judges it: the CycloneDX JavaScript
# library's strict JSON validator (@cyclonedx/cyclonedx-library, pinned in package-lock.json) on
# every shape of scan of scan_shapes.sh (the example's, and with ../shared/data real SBOMs and
# 32,855 findings). A known-bad document must fail first, so that a validator that judges nothing
# cannot pass.
#   cyclonedx_library_test.sh CRADLE WORKDIR     (from the project root)
set -u
cradle=$1
work=$2
consumers=tests/consumers
shared=${CRADLE_SHARED_DATA:-../shared/data}

if [ ! -d "$consumers/node_modules/@cyclonedx/cyclonedx-library" ] || ! command -v node > /dev/null; then
  echo "the CycloneDX library is not installed (scripts/install-deps.sh installs it from npm)"
  if [ -n "${CI:-}" ]; then exit 1; fi
  exit 77
fi
rm -rf "$work" && mkdir -p "$work" || exit 1
failures=0

validate() {  # validate FILE...
  node "$consumers/cyclonedx_validate.js" "$@"
}

# The validator must reject an analysis state CycloneDX does not have.
cat > "$work/known-bad.cdx.json" <<'JSON'
{"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
 "vulnerabilities": [{"id": "CVE-2023-0001", "analysis": {"state": "probably_fine"}, "affects": [{"ref": "a"}]}]}
JSON
if validate "$work/known-bad.cdx.json" > "$work/known-bad.out" 2>&1; then
  echo "FAIL: the validator accepted a known-bad document"; cat "$work/known-bad.out"; exit 1
fi
grep -q '^invalid ' "$work/known-bad.out" || { echo "FAIL: the validator did not run"; cat "$work/known-bad.out"; exit 1; }

scan() {  # scan NAME ARGS...: cradle's CycloneDX VEX of a scan
  name=$1; shift
  "$cradle" scan "$@" --format cyclonedx-vex > "$work/$name.cdx.json" 2> "$work/$name.err"
  status=$?
  if [ $status -ne 0 ] && [ $status -ne 1 ] && [ $status -ne 4 ]; then
    echo "FAIL $name: cradle scan exited $status"; cat "$work/$name.err"; failures=$((failures + 1))
  fi
}

. "$consumers/scan_shapes.sh"
scan_every_shape
for file in "$work"/*.cdx.json; do
  case "$file" in *known-bad*) continue ;; esac
  validate "$file" || failures=$((failures + 1))
done
exit $((failures > 0))
