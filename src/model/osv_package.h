// OsvPackage: the (ecosystem, name) pair under which OSV lists a package, derived from a purl.
//
// Follows OSV's purl conversion: npm scopes, PEP 503 names for PyPI, `group:artifact` for Maven,
// module paths for Go, and release-qualified distribution ecosystems (`Debian:12`,
// `Alpine:v3.18`, `Ubuntu:22.04:LTS`) from the `distro` qualifier. Distribution advisories name
// source packages, so the `upstream` qualifier (or a source name the SBOM gives) wins over the
// binary package name. A purl type OSV has no ecosystem for is an error, never a guess.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <expected>
#include <string>
#include <string_view>

#include "model/error.h"
#include "model/purl.h"

namespace cradle {

struct OsvPackage {
  std::string ecosystem;  // e.g. "PyPI", "Debian:12"; a distro without a known release has none
  std::string name;

  bool operator==(const OsvPackage&) const = default;
};

// `source_name` is the distribution source package when the SBOM states it outside the purl.
std::expected<OsvPackage, Error> osv_package_for(const Purl& purl,
                                                 std::string_view source_name = {});

// The package name of a source RPM's file name: "openssl-3.0.7-24.el9.src.rpm" -> "openssl"
// (name-version-release.src.rpm); a name without that suffix is returned as it is.
std::string source_rpm_name(std::string_view file_name);

// PEP 503 normalisation: lowercase, runs of '-', '_' and '.' become one '-'.
std::string pep503_normalize(std::string_view name);

// The name under which a package is looked up in an ecosystem: PEP 503 for PyPI (advisories
// and SBOMs spell PyPI names freely), the name as written elsewhere. Written into `out`, which
// is reused so that a lookup does not allocate.
void osv_package_key(std::string_view ecosystem, std::string_view name, std::string& out);

}  // namespace cradle
