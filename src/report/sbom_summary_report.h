// Output of `cradle sbom show`: summaries of SBOMs as a JSON array or as human-readable text.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "analysis/sbom_summary.h"
#include "model/diagnostic.h"
#include "model/sbom.h"

namespace cradle {

// One input file: its SBOM (if any could be read), the summary and the diagnostics.
struct SbomShowEntry {
  std::string file;
  const Sbom* sbom = nullptr;  // null when the file could not be read as an SBOM
  SbomSummary summary;
  std::vector<Diagnostic> diagnostics;
};

// A JSON array with one object per input, in input order. Keys are stable and documented in
// the README.
nlohmann::ordered_json sbom_summaries_json(const std::vector<SbomShowEntry>& entries);

std::string sbom_summaries_table(const std::vector<SbomShowEntry>& entries);

}  // namespace cradle
