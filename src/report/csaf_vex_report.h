// `cradle scan --format csaf-vex`: the findings as a CSAF 2.0 document of the VEX profile
// (`csaf_vex`), the format national CSIRTs and vendors exchange.
//
// Product tree: the component the SBOM describes (CycloneDX's metadata.component, SPDX's
// described package) and each component with a finding, as full product names with their purl
// as identification helper; with a described product, a `default_component_of` relationship per
// component ("C as a component of P"), and the statuses speak of those. Without one, of the
// components themselves. A purl the SBOM lists several times is one product.
//
// One vulnerability per alias group: its CVE as `cve` (unless an earlier entry already names it:
// CSAF allows a CVE once), the other ids in `ids`, the advisories' summary as a note, and per
// product the status: `known_affected` with a remediation (`vendor_fix` with the nearest fixed
// version, else `none_available`), `under_investigation` when cradle could not evaluate the
// advisory, or what a VEX statement that applied says (`known_not_affected` with its
// justification as a flag and its impact statement as an impact threat, always one of the two;
// `fixed`; `under_investigation`; `known_affected` with its action statement). CVSS v3 scores
// as `scores`. What the scan could not check (ecosystems without advisories, components that
// cannot be scanned) is said in the document's notes, never left out silently.
//
// The publisher is whoever ran cradle (`--author`, `--publisher-namespace`); tracking: status
// final, version 1, one revision, dated `now`; the id derives from the content (same inputs, same
// bytes). Every document passes the mandatory tests (analysis/csaf_conformance.h); the caller
// runs them.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "report/scan_report.h"

namespace cradle {

struct CsafVexOptions {
  std::string publisher = "cradle";  // document.publisher.name
  std::string publisher_namespace;   // a URL of the publisher; empty: a placeholder, with a warning
};

struct CsafVexDocument {
  nlohmann::ordered_json document;
  std::vector<std::string> warnings;  // what the document could not say as given
};

CsafVexDocument scan_report_csaf_vex(const ScanReport& report, const CsafVexOptions& options = {});

}  // namespace cradle
