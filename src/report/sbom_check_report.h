// What `cradle sbom check` says about each SBOM per profile (analysis/sbom_conformance.h): a
// verdict and score per profile, the requirements most failing first with the components that
// fail them, as text; every result as JSON (schemas/sbom-check.schema.json).
//
// Threads: plain functions of their arguments.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "analysis/sbom_conformance.h"
#include "model/diagnostic.h"

namespace cradle {

inline constexpr std::string_view kSbomCheckJsonSchemaVersion = "2";

struct SbomCheckEntry {
  std::string file;
  std::string sha256;  // of the file's bytes, when it was read
  std::vector<Diagnostic> diagnostics;
  std::vector<ProfileCheck> checks;  // empty when the file was not read as an SBOM
  bool read = false;
};

// `verbose` lists every component that fails a requirement (else the first ten of each).
std::string sbom_check_text(const std::vector<SbomCheckEntry>& entries, bool verbose);
// Written as it goes, and growing with what is said rather than with results: each component
// once, each requirement's results grouped by status and detail with the components that have
// them (a BSI check of 100,000 components has 1.4 million results, most saying one of a few
// things).
void write_sbom_check_json(const std::vector<SbomCheckEntry>& entries, std::ostream& out);

}  // namespace cradle
