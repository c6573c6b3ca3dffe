// Finding: one vulnerability (an alias group of advisories) on one component, and the state
// every scanned component ends in. Every finding names the evidence it rests on.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/advisory.h"
#include "model/evidence_ref.h"

namespace cradle {

struct Finding {
  std::vector<std::string> ids;  // the advisories' ids and aliases, sorted, each once
  std::string primary_id;        // the first advisory's id that matched, for display
  std::string summary;
  std::string verdict;           // "affected" or "unknown" (could not be evaluated)
  std::string reason;            // which range or list matched, or why it could not be evaluated
  std::string nearest_fix;       // the lowest fixed version above the installed one; may be empty
  std::vector<SeverityScore> severity;
  std::vector<EvidenceRef> advisories;  // each matching advisory: source, sha256, modified
};

enum class ComponentState : std::uint8_t { clean, affected, not_scannable };

struct ComponentResult {
  std::size_t component_index = 0;  // into Sbom::components
  std::string purl;                 // canonical, or as written when it does not parse
  std::string ecosystem;            // OSV ecosystem, when known
  std::string package;              // OSV package name, when known
  std::string version;
  ComponentState state = ComponentState::clean;
  std::string reason;  // why not scannable
  std::vector<Finding> findings;
};

}  // namespace cradle
