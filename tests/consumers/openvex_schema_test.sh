#!/bin/sh
# cradle's OpenVEX against the official OpenVEX 0.2.0 JSON schema (Ajv, pinned in
# package-lock.json; the schema from ../shared/data/openvex/spec) and its one-statement-per-
# (vulnerability, product) rule, on the scans of the example (with VEX, from an SBOM without
# serial number, from an SPDX SBOM), of real SBOMs against the Go vulnerability database, and of
# 32,855 findings whose purls the SBOM lists three times each. A known-bad document must fail
# first, so that a validator that judges nothing cannot pass.
#   openvex_schema_test.sh CRADLE WORKDIR     (from the project root)
set -u
cradle=$1
work=$2
consumers=tests/consumers
shared=${CRADLE_SHARED_DATA:-../shared/data}
schema=$shared/openvex/spec/openvex_json_schema.json

if [ ! -d "$consumers/node_modules/ajv" ] || ! command -v node > /dev/null; then
  echo "Ajv is not installed (scripts/install-deps.sh installs it from npm)"
  if [ -n "${CI:-}" ]; then exit 1; fi
  exit 77
fi
if [ ! -f "$schema" ]; then
  echo "SKIP: $schema is absent (set CRADLE_SHARED_DATA to the shared data directory)"
  exit 77
fi
rm -rf "$work" && mkdir -p "$work" || exit 1
failures=0

validate() {  # validate FILE...
  node "$consumers/openvex_validate.mjs" "$schema" "$@"
}

cat > "$work/known-bad.openvex.json" <<'JSON'
{"@context": "https://openvex.dev/ns/v0.2.0", "@id": "urn:uuid:1b2c3d4e-0000-4000-8000-000000000001", "author": "a",
 "timestamp": "2026-01-01T00:00:00Z", "version": 1,
 "statements": [{"vulnerability": {"name": "CVE-2023-0001"}, "products": [{"@id": "pkg:npm/a@1"}], "status": "probably_fine"},
                {"vulnerability": {"name": "CVE-2023-0002"}, "products": [{"@id": "pkg:npm/a@1"}], "status": "fixed"},
                {"vulnerability": {"name": "CVE-2023-0002"}, "products": [{"@id": "pkg:npm/a@1"}], "status": "affected", "action_statement": "x"}]}
JSON
validate "$work/known-bad.openvex.json" > "$work/known-bad.out" 2>&1
if ! grep -q 'status must be equal to one of the allowed values' "$work/known-bad.out" ||
   ! grep -q 'a second statement for CVE-2023-0002 pkg:npm/a@1' "$work/known-bad.out"; then
  echo "FAIL: the validator did not reject a known-bad document for both reasons"; cat "$work/known-bad.out"; exit 1
fi

scan() {  # scan NAME ARGS...: cradle's OpenVEX of a scan
  name=$1; shift
  "$cradle" scan "$@" --format openvex > "$work/$name.openvex.json" 2> "$work/$name.err"
  status=$?
  if [ $status -ne 0 ] && [ $status -ne 1 ] && [ $status -ne 4 ]; then
    echo "FAIL $name: cradle scan exited $status"; cat "$work/$name.err"; failures=$((failures + 1))
  fi
}

. "$consumers/scan_shapes.sh"
scan_every_shape
for file in "$work"/*.openvex.json; do
  case "$file" in *known-bad*) continue ;; esac
  validate "$file" | tee "$file.validation"
  grep -q '^valid ' "$file.validation" || failures=$((failures + 1))
done
if ! grep -q 'go-modules.openvex.json: 32855 statements' "$work/go-modules.openvex.json.validation"; then
  echo "FAIL go-modules: not one statement per finding (32,855)"; failures=$((failures + 1))
fi
exit $((failures > 0))
