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

inline constexpr std::string_view kSbomCheckJsonSchemaVersion = "1";

struct SbomCheckEntry {
  std::string file;
  std::string sha256;  // of the file's bytes, when it was read
  std::vector<Diagnostic> diagnostics;
  std::vector<ProfileCheck> checks;  // empty when the file was not read as an SBOM
  bool read = false;
};

// `verbose` lists every component that fails a requirement (else the first ten of each).
std::string sbom_check_text(const std::vector<SbomCheckEntry>& entries, bool verbose);
// Written as it goes: a large SBOM has four results per component, and a tree of them all would
// cost more than the check.
void write_sbom_check_json(const std::vector<SbomCheckEntry>& entries, std::ostream& out);

}  // namespace cradle
