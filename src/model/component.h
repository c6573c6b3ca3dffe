// Component: one entry of an SBOM's inventory (a CycloneDX component, an SPDX package).
//
// Plain data, as the document states it. A component lacking a purl or a version is kept, not
// dropped: is_scannable() says whether a vulnerability scan can look it up, and why not.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/out_of_line.h"
#include "model/purl.h"

namespace cradle {

struct Hash {
  std::string algorithm;  // normalised spelling: "SHA-256", "SHA-512", "MD5", "BLAKE3", ...
  std::string value;      // hex as written
  bool operator==(const Hash&) const = default;
};

struct ExternalReference {
  std::string type;  // "vcs", "website", "distribution", "purl", "cpe23Type", ...
  std::string url;
  std::vector<Hash> hashes = {};  // of what it points at (CycloneDX): a distribution's file
  bool operator==(const ExternalReference&) const = default;
};

struct Property {
  std::string name;
  std::string value;
  bool operator==(const Property&) const = default;
};

// What few components state (CPEs, supplier, author, scope, properties, ...): kept out of line,
// so that a component stating none of it costs a pointer, not 200 bytes. An inventory holds
// one Component per package, often 100,000 of them.
struct ComponentDetails {
  std::vector<std::string> cpes;
  std::string supplier;
  std::string author;
  std::string scope;  // "required", "optional", "excluded"; empty when unstated
  std::vector<Property> properties;
  std::string source_name;  // distribution source package, where the SBOM states it
  std::string parent_ref;   // enclosing component of a nested CycloneDX component
  // E-mail addresses and URLs of who made or supplies it (CycloneDX manufacturer, supplier and
  // authors; SPDX originator and supplier), as stated: model/contact_point.h says which are ones.
  std::vector<std::string> contacts;
  std::string file_name;  // of the component as delivered (SPDX 2 packageFileName)
  bool operator==(const ComponentDetails&) const = default;
};

struct Component {
  std::string ref;    // CycloneDX bom-ref or SPDX SPDXID: unique within its SBOM
  std::string type;   // "library", "application", "operating-system", ... (lowercase)
  std::string group;  // CycloneDX group (Maven groupId, npm scope, ...)
  std::string name;
  std::string version;
  std::optional<Purl> purl;
  std::string purl_text;  // as written; kept when it does not parse
  std::vector<Hash> hashes;
  std::vector<std::string> declared_licenses;   // SPDX expressions, ids or licence names
  std::vector<std::string> concluded_licenses;  // idem
  std::vector<ExternalReference> external_references;
  // Read as `details->supplier`; written as `details.edit().supplier = ...`, only when there is
  // something to keep (an edit allocates).
  OutOfLine<ComponentDetails> details;
  // The line of the document where the component starts (1-based), for outputs that point at it
  // (SARIF); 0 when the reader does not know it.
  std::uint32_t line = 0;

  bool has_licence() const { return !declared_licenses.empty() || !concluded_licenses.empty(); }
};

enum class ScanBlocker { none, no_purl, invalid_purl, no_version };

// Why a scan cannot look this component up, or ScanBlocker::none.
ScanBlocker scan_blocker(const Component& component);

// The version a scan compares: the purl's, else the component's. The purl type rules keep an
// rpm's epoch out of the version, in the `epoch` qualifier (a deb purl may carry one the same
// way); it joins the version as rpm and dpkg write it, `1:3.0.7-24.el9`. Distribution
// advisories give fixed versions with their epoch: without it, an epoch-1 package would sort
// before every one of them and stay affected after its fix.
std::string installed_version(const Component& component);

}  // namespace cradle
