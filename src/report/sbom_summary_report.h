// Output of `cradle sbom show`: summaries of SBOMs as JSON (schemas/sbom-show.schema.json) or as
// human-readable text.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "analysis/sbom_summary.h"
#include "model/diagnostic.h"

namespace cradle {

// One input file: the summary of its SBOM and the diagnostics. The SBOM itself is not kept: a
// batch of large documents holds one model at a time.
struct SbomShowEntry {
  std::string file;
  std::optional<SbomSummary> summary;  // nullopt when the file could not be read as an SBOM
  std::vector<Diagnostic> diagnostics;
};

inline constexpr std::string_view kSbomShowJsonSchemaVersion = "1";

// {schema_version, documents}: one object per input, in input order, as
// schemas/sbom-show.schema.json describes it (every member present, null where there is nothing).
nlohmann::ordered_json sbom_summaries_json(const std::vector<SbomShowEntry>& entries);

std::string sbom_summaries_table(const std::vector<SbomShowEntry>& entries);

}  // namespace cradle
