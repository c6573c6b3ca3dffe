// Decision: what a product version's policy decided about one finding, why, and on what
// evidence. An Assessment is one run of a policy over a product version's current findings; the
// store keeps every assessment (the decision log), so "what did we decide, when, knowing what"
// is a query.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/evidence_ref.h"
#include "model/policy.h"

namespace cradle {

// A decision on one finding: a vulnerability of a component, a component's licence under the
// policy's licence rules (analysis/licence_policy.h), or the SBOM itself under its SBOM rules
// (no purl, vulnerability or licence).
struct Decision {
  std::string purl;           // the component, as its finding names it; empty for the SBOM
  std::string vulnerability;  // the lowest id of the vulnerability's group; empty otherwise
  // A licence decision's licence: the SPDX expression decided (canonical where it is one), empty
  // when the SBOM states none; nullopt for a vulnerability decision.
  std::optional<std::string> licence;
  std::vector<std::string> ids;
  DecisionOutcome outcome = DecisionOutcome::review;
  std::string rule;    // the id of the rule that decided; empty when none did
  std::string due_by;  // RFC 3339 date-time: decided_at + the rule's days; empty when none
  // One line per fact the decision rests on (the rule's reason first, then each condition as
  // the evidence met it).
  std::vector<std::string> rationale;
  // The documents those facts come from: the SBOM, each matched advisory record, the VEX
  // document of the applied statement, the Scorecard result weighed, and the policy itself.
  std::vector<EvidenceRef> evidence;

  bool operator==(const Decision&) const = default;
};

struct Assessment {
  std::int64_t id = 0;  // in the store; 0 until stored
  std::string product;
  std::string product_version;
  std::int64_t sbom_id = 0;  // the SBOM whose findings were decided
  std::string decided_at;    // RFC 3339 UTC
  EvidenceRef policy;        // the policy document's evidence
  std::vector<Decision> decisions;  // by outcome (block first), then (purl, vulnerability)
  // One per component, when the policy has licence rules: by outcome, then purl.
  std::vector<Decision> licence_decisions;
  // When the policy has SBOM rules: the SBOM's, on its conformance to the profiles they name.
  std::optional<Decision> sbom_decision;

  bool operator==(const Assessment&) const = default;
};

// One entry of the decision log's hash chain (assess/decision_log.h says what it holds and
// proves): appended with each assessment, in its transaction.
struct LogEntry {
  std::int64_t position = 0;  // 1, 2, ... in the order appended
  std::string previous;       // the hash of the entry before it; empty for the first
  std::string hash;           // SHA-256 (hex) of the entry
  std::int64_t assessment = 0;
  std::string snapshot;  // canonical JSON: the advisory loads the assessment's matching read
  std::string content;   // canonical JSON: the assessment and its decisions

  bool operator==(const LogEntry&) const = default;
};

}  // namespace cradle
