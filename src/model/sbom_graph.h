// SbomGraph: an SBOM's component graph: the dependency edges plus CycloneDX nesting (a nested
// component is contained by its parent), over the primary component (if any) and the
// components. Roots have no incoming edge.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "model/sbom.h"

namespace cradle {

struct SbomGraph {
  std::vector<const Component*> nodes;  // the primary component first (if any), then components
  std::vector<std::vector<std::size_t>> out;
  std::vector<std::size_t> in_degree;
  std::size_t first_component = 0;  // the node of sbom.components[0]

  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
};

SbomGraph build_sbom_graph(const Sbom& sbom);

// Breadth-first from every root at once: for each node, the node before it on a shortest path
// from a root (kNone for roots and for nodes no root reaches). Cycles cannot loop it.
std::vector<std::size_t> shortest_path_parents(const SbomGraph& graph);

// The nodes from a root to `node`, both included; just `node` when no root reaches it.
std::vector<std::size_t> path_to(const std::vector<std::size_t>& parents, std::size_t node);

// How a component is named in a path: its purl, else name@version, else its ref.
std::string path_label(const Component& component);

}  // namespace cradle
