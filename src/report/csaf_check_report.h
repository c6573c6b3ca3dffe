// What `cradle csaf check` says about each document: the CSAF 2.0 mandatory tests (analysis/
// csaf_conformance.h) as text and as JSON (schemas/csaf-check.schema.json).
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analysis/csaf_conformance.h"

namespace cradle {

inline constexpr std::string_view kCsafCheckJsonSchemaVersion = "1";

struct CsafCheckEntry {
  std::string file;
  CsafCheck check;
};

// Per document: a verdict line, then every test that failed or could not tell (with each
// failure's JSON pointer), then the counts. --verbose lists the passed and not applicable too.
std::string csaf_check_text(const std::vector<CsafCheckEntry>& entries, bool verbose);
nlohmann::json csaf_check_json(const std::vector<CsafCheckEntry>& entries);

}  // namespace cradle
