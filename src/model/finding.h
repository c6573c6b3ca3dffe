// Finding: one vulnerability (an alias group of advisories) on one component, and the state
// every scanned component ends in. Every finding names the evidence it rests on.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/advisory.h"
#include "model/evidence_ref.h"
#include "model/verdict.h"
#include "model/vex.h"
#include "model/vulnerability_ids.h"

namespace cradle {

// One advisory record that matched the component, and why.
struct MatchedAdvisory {
  std::string id;
  Verdict verdict = Verdict::unknown;  // affected or unknown
  std::string reason;   // the range or list that matched, or why it could not be evaluated
  // The record's source and SHA-256, produced_at its `modified`: one per record, shared by its
  // matches (a scan makes many), never null.
  std::shared_ptr<const EvidenceRef> evidence;
};

struct Finding {
  VulnerabilityIds ids;          // the group's ids, aliases and upstream ids, sorted, each once
  std::string primary_id;        // the lowest id of a record that matched, for display
  std::string summary;
  Verdict verdict = Verdict::unknown;  // affected if any record says so, else unknown
  std::string nearest_fix;       // the lowest fixed version above the installed one; may be empty
  // The matched records' and entries' severity scores, sorted by (type, score), each once;
  // shared with the index entry when one entry gives them all (the common case); null when none.
  std::shared_ptr<const std::vector<SeverityScore>> severity;
  // The highest CVSS v3 or v4 base score among those vectors; empty rating when none scores.
  std::string cvss_vector;
  double cvss_score = 0.0;
  std::string rating;  // "none", "low", "medium", "high", "critical"; empty when unscored
  std::vector<MatchedAdvisory> matches;  // each matching record, by id
  // The VEX statement that applies (the newest), when one does; shared by every finding it
  // applies to (one statement often covers a vulnerability across many components).
  std::shared_ptr<const VexStatement> vex;
  // not_affected or fixed with a valid statement: kept in the output, not counted as affected.
  bool suppressed = false;
};

// not_covered: cradle could have checked it, but no advisories of its ecosystem were loaded
// (analysis/coverage_check.h); never clean.
enum class ComponentState : std::uint8_t { clean, affected, not_scannable, not_covered };

struct ComponentResult {
  std::size_t component_index = 0;  // into Sbom::components
  std::string purl;                 // canonical, or as written when it does not parse
  std::string ecosystem;            // OSV ecosystem, when known
  std::string package;              // OSV package name, when known
  std::string version;
  ComponentState state = ComponentState::clean;
  std::string reason;  // why not scannable, or not covered
  // For affected components: a shortest dependency path from a root of the SBOM to the
  // component (purls, or name@version), both ends included.
  std::vector<std::string> path;
  std::vector<Finding> findings;
};

}  // namespace cradle
