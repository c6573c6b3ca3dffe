// SbomSummary: the facts `cradle sbom show` reports about one SBOM: its inventory by
// ecosystem, the shape of its dependency graph, and what its components lack.
//
// The graph is the dependency edges plus CycloneDX nesting (a nested component is contained
// by its parent). Roots have no incoming edge; depth is the longest shortest path from a root.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "model/sbom.h"

namespace cradle {

struct SbomSummary {
  // The document, as it names itself.
  SbomFormat format = SbomFormat::cyclonedx;
  std::string spec_version;
  std::string encoding;
  std::string serial_number;
  std::string created;
  std::string sha256;  // of the file's bytes

  std::size_t components = 0;
  std::map<std::string, std::size_t> by_ecosystem;  // purl type; "(no purl)" without one
  std::size_t dependencies = 0;                     // edges
  std::size_t roots = 0;
  std::size_t max_depth = 0;
  bool has_cycles = false;
  std::size_t without_purl = 0;    // no purl, or one that does not parse
  std::size_t invalid_purl = 0;    // of those, the ones whose purl does not parse
  std::size_t without_version = 0;
  std::size_t without_hash = 0;
  std::size_t without_licence = 0;
  std::size_t duplicates = 0;  // components beyond the first with the same purl (or name@version)
  std::vector<std::string> duplicate_keys;  // sorted
};

SbomSummary summarize(const Sbom& sbom);

}  // namespace cradle
