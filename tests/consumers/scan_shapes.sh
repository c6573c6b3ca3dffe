# Sourced by the output-consumer tests: every shape of scan whose output they validate. Calls the
# caller's `scan NAME ARGS...` once per shape, ARGS being `cradle scan`'s SBOM and inputs; uses
# $work, $shared and $consumers.
#   - the example with every kind of VEX, without a serial number, from an SPDX SBOM;
#   - with ../shared/data: real SBOMs (CycloneDX of a Go program, SPDX of kubectl) against the
#     Go vulnerability database, and every Go module it names at 7 versions, each purl listed
#     three times: 32,855 findings from real records.
scan_every_shape() {
  scan example examples/webapp.cdx.json --advisories examples/osv --vex examples/webapp.openvex.json \
    --vex tests/data/vex/cyclonedx/webapp.vex.cdx.json --vex tests/data/vex/csaf/webapp.csaf.json
  sed '/"serialNumber"/d' examples/webapp.cdx.json > "$work/sbom-without-serial.json"
  scan no-serial "$work/sbom-without-serial.json" --advisories examples/osv
  scan spdx tests/data/github/dependency-graph-sbom.json --advisories examples/osv
  if [ ! -d "$shared/golang-vulndb/data/osv" ] || [ ! -d "$shared/guac-exampledata" ]; then
    echo "skipping the real SBOMs: $shared is not there"
    return
  fi
  scan proton-bridge "$shared/cyclonedx-bom-examples/SBOM/proton-bridge/proton-bridge-v1.8.0.bom.json" \
    --advisories "$shared/golang-vulndb"
  scan kubectl-spdx "$shared/guac-exampledata/exampledata/oci-kubectl-linux-amd64-spdx.json" \
    --advisories "$shared/golang-vulndb"
  node "$consumers/go_modules_sbom.js" "$shared/golang-vulndb/data/osv" 7 1000 > "$work/go-modules.sbom.json"
  scan go-modules "$work/go-modules.sbom.json" --advisories "$shared/golang-vulndb"
}
