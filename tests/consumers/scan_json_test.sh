#!/bin/sh
# cradle's scan JSON against its own contract, schemas/scan.schema.json, with Ajv (pinned in
# package-lock.json) as a second validator beside valijson (tests/report/json_contract_test.cpp),
# on every shape of scan of scan_shapes.sh: the example's, and with ../shared/data real SBOMs and
# 40,667 findings (32,855 distinct, each purl listed three times). A known-bad document must fail
# first, so that a validator that judges nothing cannot pass.
#   scan_json_test.sh CRADLE WORKDIR     (from the project root)
set -u
cradle=$1
work=$2
consumers=tests/consumers
shared=${CRADLE_SHARED_DATA:-../shared/data}

if [ ! -d "$consumers/node_modules/ajv" ] || ! command -v node > /dev/null; then
  echo "Ajv is not installed (scripts/install-deps.sh installs it from npm)"
  if [ -n "${CI:-}" ]; then exit 1; fi
  exit 77
fi
rm -rf "$work" && mkdir -p "$work" || exit 1
failures=0

echo '{"schema_version": "1", "sbom": ""}' > "$work/known-bad.json"
if node "$consumers/scan_json_validate.mjs" schemas/scan.schema.json "$work/known-bad.json" > "$work/known-bad.out" 2>&1 ||
   ! grep -q '^invalid ' "$work/known-bad.out"; then
  echo "FAIL: the validator accepted a known-bad document, or did not run"; cat "$work/known-bad.out"; exit 1
fi

scan() {  # scan NAME ARGS...: cradle's scan JSON, judged by the validator
  name=$1; shift
  "$cradle" scan "$@" --format json --now 2026-12-07T00:00:00Z > "$work/$name.scan.json" 2> "$work/$name.err"
  status=$?
  if [ $status -ne 0 ] && [ $status -ne 1 ] && [ $status -ne 4 ]; then
    echo "FAIL $name: cradle scan exited $status"; cat "$work/$name.err"; failures=$((failures + 1)); return
  fi
  node "$consumers/scan_json_validate.mjs" schemas/scan.schema.json "$work/$name.scan.json" || failures=$((failures + 1))
}
. "$consumers/scan_shapes.sh"
scan_every_shape
exit $((failures > 0))
