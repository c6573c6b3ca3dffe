// VexStatement: one statement of a VEX document: what a supplier says about a vulnerability in
// their product (and, optionally, in components inside it), normalised from OpenVEX, CycloneDX
// VEX and CSAF VEX.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/evidence_ref.h"

namespace cradle {

enum class VexStatus : std::uint8_t { not_affected, affected, fixed, under_investigation };

// How a statement names a product or a component, in the best terms its document offers: a
// purl; else a CycloneDX bom-ref (of the SBOM whose serial number is given, through a BOM-Link
// or an embedded VEX); else a name. `versions` narrows any of them to some versions.
struct VexProduct {
  std::string id;           // a purl, or another identifier
  std::string bom_ref;      // CycloneDX bom-ref in the SBOM named by bom_serial
  std::string bom_serial;   // that SBOM's serialNumber (urn:uuid:...); empty: the scanned one
  std::string bom_version;  // that SBOM's version (BOM-Link); empty: any
  std::string name;         // a product known only by its name (no purl, no bom-ref)
  // Exact versions or `vers:` ranges; empty: every version (or the purl's own version).
  std::vector<std::string> versions;
  std::vector<std::string> subcomponents;  // purls of components the statement is about

  bool operator==(const VexProduct&) const = default;
};

struct VexStatement {
  std::string vulnerability;          // e.g. CVE-2023-1255
  std::vector<std::string> aliases;   // other ids of the same vulnerability
  std::vector<VexProduct> products;
  VexStatus status = VexStatus::under_investigation;
  std::string justification;
  std::string impact_statement;
  std::string action_statement;
  std::string timestamp;  // the statement's, else the document's (RFC 3339)
  std::string author;     // the document's author
  std::string document_id;
  EvidenceRef evidence;   // the VEX document's bytes

  bool operator==(const VexStatement&) const = default;
};

std::string_view to_string(VexStatus status);
// The status to_string() spells so, or nullopt.
std::optional<VexStatus> parse_vex_status(std::string_view text);

// The justification crosswalk between OpenVEX (and CSAF flag) labels and CycloneDX's
// analysis.justification (../shared/spec/vex-and-provenance.md 1): a label of either vocabulary
// in, the closest label of the wanted one out; empty when there is none (CycloneDX's
// false_positive has no OpenVEX label: the finding itself is wrong).
std::string_view openvex_justification(std::string_view label);
std::string_view cyclonedx_justification(std::string_view label);

}  // namespace cradle
