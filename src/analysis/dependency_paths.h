// dependency_paths(): every way a component is pulled into a product, shortest first: the
// simple paths (no node twice) from a root of the graph (a node nothing points at) to a target
// node. The number of paths can grow exponentially with the graph, so the search stops at
// `limit` paths, or after a bounded amount of work, and says so.
#pragma once

#include <cstddef>
#include <vector>

#include "model/portfolio.h"
#include "model/purl.h"

namespace cradle {

struct DependencyPaths {
  std::vector<std::vector<std::size_t>> paths;  // root first, target last; shortest first, ties
                                                // in node order
  bool truncated = false;  // the search stopped (at `limit` paths, or at its bound on work):
                           // there may be more than those listed
};

// `out[n]` are the nodes n points at (depends on, contains).
DependencyPaths dependency_paths(const std::vector<std::vector<std::size_t>>& out,
                                 std::size_t target, std::size_t limit);

struct ComponentPaths {
  std::size_t node = 0;  // into graph.components
  DependencyPaths paths;
};

// The components of a stored SBOM graph that `query` designates (model/purl.h: a query without
// a version names every version), by node, each with its paths.
std::vector<ComponentPaths> component_paths(const SbomGraphRecord& graph, const Purl& query,
                                            std::size_t limit);

}  // namespace cradle
