// The answer to `cradle why PURL --product P`: every dependency path from a root of the product
// version's current SBOM to each component the purl names, shortest first, as a table or as JSON
// (schemas/why.schema.json). Both are written as the paths come, so that a listing of millions
// of paths is never held whole.
//
// Threads: plain functions of their arguments.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/dependency_paths.h"
#include "model/portfolio.h"

namespace cradle {

inline constexpr std::string_view kWhyJsonSchemaVersion = "1";

struct WhyQuestion {
  std::string query;  // the purl asked about, canonical
  SbomRecord sbom;    // the product version's current SBOM
  SbomGraphRecord graph;
  std::vector<std::size_t> nodes;  // the components the query designates
  std::size_t limit = 0;           // --max-paths
};

// Lists the paths to one node through the visitor (analysis/dependency_paths.h).
using PathLister = std::function<PathListing(std::size_t node, const PathVisitor& visit)>;

void write_why_table(std::ostream& out, const WhyQuestion& question, const PathLister& list);
void write_why_json(std::ostream& out, const WhyQuestion& question, const PathLister& list);

}  // namespace cradle
