// `cradle scan --format openvex`: the findings as an OpenVEX 0.2.0 document, one statement per
// (vulnerability, product), as the schema's uniqueness rule asks. The product is the component
// the SBOM describes (CycloneDX's metadata.component, SPDX's described package) by its purl,
// with the component as subcomponent; the component itself when the SBOM describes none with a
// purl. An SBOM that lists one purl several times gives one statement for it.
//
// A VEX statement that applied is carried over (status, justification through the crosswalk,
// impact and action statements, its timestamp; its author and document in `status_notes`, since
// OpenVEX statements have no author of their own); otherwise an affected finding is `affected`
// with the nearest fix as action statement, and one cradle could not evaluate is
// `under_investigation` with the reason. A `not_affected` statement without a justification
// that OpenVEX has a label for gets an impact statement saying so, and a warning.
//
// The document's author is whoever ran cradle (`--author`); its `@id` is `urn:uuid:` plus a UUID
// derived from the inputs, or that UUID under the user's own prefix (`--id-prefix`).
// Deterministic: same inputs and `now`, same bytes. OpenVEX has no field for coverage (every
// object of its schema is closed): the scan says the gaps on stderr and in its exit code.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "report/scan_report.h"

namespace cradle {

struct OpenVexOptions {
  std::string author = "cradle";  // the document's author
  std::string id_prefix;          // empty: "urn:uuid:"
};

struct OpenVexDocument {
  nlohmann::ordered_json document;
  std::vector<std::string> warnings;  // what the document could not say as given
};

OpenVexDocument scan_report_openvex(const ScanReport& report, const OpenVexOptions& options = {});

}  // namespace cradle
