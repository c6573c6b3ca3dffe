// Advisory: one vulnerability record (OSV schema 1.x), as the database states it.
//
// Plain data: which packages and versions it affects (ranges and explicit version lists, kept
// as written: evaluating them is versions/osv_ranges.h), its ids and aliases, severity strings,
// and where it came from. Withdrawn records are kept, marked, and hidden from scans by the caller.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/evidence_ref.h"

namespace cradle {

struct OsvEvent {
  enum class Kind : std::uint8_t { introduced, fixed, last_affected, limit };
  Kind kind;
  std::string version;

  bool operator==(const OsvEvent&) const = default;
};

struct OsvRange {
  std::string type;  // "SEMVER", "ECOSYSTEM", "GIT", or what the record says
  std::vector<OsvEvent> events;
  std::string repo;  // GIT ranges

  bool operator==(const OsvRange&) const = default;
};

// The part of an OSV affected[] entry that decides which versions are affected.
struct OsvAffectedVersions {
  std::string ecosystem;  // e.g. "PyPI", "Debian:12"
  std::vector<OsvRange> ranges;
  std::vector<std::string> versions;

  bool operator==(const OsvAffectedVersions&) const = default;
};

struct SeverityScore {
  std::string type;   // "CVSS_V3", "CVSS_V4", "Ubuntu", ...
  std::string score;  // a CVSS vector or the database's own string

  bool operator==(const SeverityScore&) const = default;
};

struct AffectedPackage {
  std::string name;  // as the record names it
  std::string purl;  // package.purl, when given
  OsvAffectedVersions versions;
  std::vector<SeverityScore> severity;  // affected[].severity

  bool operator==(const AffectedPackage&) const = default;
};

struct Advisory {
  std::string id;
  std::string modified;  // RFC 3339
  std::string published;
  std::string withdrawn;  // empty unless withdrawn
  std::string schema_version;
  std::vector<std::string> aliases;
  std::vector<std::string> related;
  std::vector<std::string> upstream;  // ids this record derives from (OSV 1.7), e.g. a DSA's CVEs
  std::string summary;
  std::string details;
  std::vector<SeverityScore> severity;
  std::vector<AffectedPackage> affected;
  std::vector<std::string> references;  // URLs
  EvidenceRef evidence;

  bool is_withdrawn() const { return !withdrawn.empty(); }
  bool operator==(const Advisory&) const = default;
};

}  // namespace cradle
