// What `cradle ingest`, `cradle db update` and a worker say of what ingesting did
// (model/ingest_outcome.h): a line per thing stored and per re-evaluation on standard output,
// the problems on standard error, and, for a job that failed, the whole outcome as JSON.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/ingest_outcome.h"

namespace cradle {

// "SOURCE: N records read: A added, R replaced by a newer version, U unchanged, X rejected",
// or "SOURCE: not modified since the last update".
std::string advisory_update_line(const AdvisoryUpdate& update);

// "N product versions re-evaluated: A new findings, R resolved, S status changes", and ", C
// components not covered (no advisories loaded for ECOSYSTEMS)" when some are.
std::string describe(const Reevaluation& reevaluation);

// {product_versions, events: [event_json()], not_covered: [{product, product_version,
// ecosystem, components, reason}]}, as `cradle reevaluate --format json` writes it.
nlohmann::ordered_json reevaluation_json(const Reevaluation& reevaluation);

// The lines of one outcome, each ending in a newline: what was stored and what its
// re-evaluation changed (`said`), and every problem met (`problems`, as format_diagnostic()).
struct IngestLines {
  std::string said;
  std::string problems;
};
IngestLines ingest_lines(const IngestOutcome& outcome);

// "PATH: N files not ingested, not a document cradle ingests: A, B".
std::string not_documents_line(const std::string& path, const std::vector<std::string>& files);

// The outcome as a job keeps it: {source, failed, added, stored: {type, ...} | null,
// reevaluation: {...} | null, diagnostics: [{severity, line, column, pointer, message, file}]}.
nlohmann::ordered_json ingest_outcome_json(const IngestOutcome& outcome);

}  // namespace cradle
