// DecisionRow: a Decision as one row of the `decisions` table, the same for both engines. The
// scalar fields are columns; the rationale (lines) and the evidence (EvidenceRefs, each naming a
// stored document by its SHA-256) are JSON text, written here and read back here, so that a
// decision read from the store equals the one made.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>

#include "model/decision.h"
#include "model/error.h"

namespace cradle {

struct DecisionRow {
  std::int64_t position = 0;  // the decision's place in its assessment
  std::string purl;
  std::string vulnerability;            // empty for a licence or the SBOM
  std::optional<std::string> licence;  // NULL for a vulnerability or the SBOM
  std::string ids;  // join_ids (store/store.h)
  std::string outcome;
  std::string rule;
  std::string due_by;
  std::string rationale;  // JSON array of strings
  std::string evidence;   // JSON array of [source, sha256, kind, ingested_at, produced_at]
};

DecisionRow to_row(const Decision& decision, std::int64_t position);

// The decision a row holds; an error names the row's defect.
std::expected<Decision, Error> to_decision(const DecisionRow& row);

}  // namespace cradle
