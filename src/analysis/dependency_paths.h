// Every way a component is pulled into a product, shortest first: the simple paths (no node
// twice) from a root of the graph (a node nothing points at) to a target node. The number of
// paths can grow exponentially with the graph (a ladder of 60 diamonds has 2^60), so a listing
// stops at `limit` paths, or at a bound on its work, and says which.
//
// The paths are handed over one at a time, in their final order, so that a caller can write
// them out as they come: nothing holds them all.
//
// Threads: plain functions of their arguments.
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "model/portfolio.h"
#include "model/purl.h"

namespace cradle {

// Why a listing of paths ended.
enum class PathsStop {
  none,        // every path was listed
  max_paths,   // more paths exist than the limit lets through
  work_bound,  // the search reached kPathSearchWork: more paths may exist
};
std::string_view to_string(PathsStop stop);  // "max-paths", "work-bound"; "" for none

// The bound on one listing's work: each node the search enters and each node of a listed path
// counts one. A listing of 4,000,000 nodes written out is some 100 MB.
inline constexpr std::size_t kPathSearchWork = 4'000'000;

struct PathListing {
  std::size_t listed = 0;
  PathsStop stop = PathsStop::none;
};

// The nodes of one path, root first, target last.
using PathVisitor = std::function<void(std::span<const std::size_t> path)>;

// Hands each path from a root to `target` to `visit`: the shortest first, paths of one length in
// the order of their nodes (root first). `out[n]` are the nodes n points at (depends on,
// contains). Iterative: a chain of any length is walked without recursion.
PathListing for_each_dependency_path(const std::vector<std::vector<std::size_t>>& out,
                                     std::size_t target, std::size_t limit,
                                     const PathVisitor& visit);

// The same paths, collected.
struct DependencyPaths {
  std::vector<std::vector<std::size_t>> paths;
  PathsStop stop = PathsStop::none;
};
DependencyPaths dependency_paths(const std::vector<std::vector<std::size_t>>& out,
                                 std::size_t target, std::size_t limit);

// A stored SBOM graph's edges as lists: `out[n]` for node n of graph.components.
std::vector<std::vector<std::size_t>> dependency_lists(const SbomGraphRecord& graph);

// The nodes of the components of `graph` that `query` designates (model/purl.h: a query without
// a version names every version), in node order.
std::vector<std::size_t> designated_nodes(const SbomGraphRecord& graph, const Purl& query);

struct ComponentPaths {
  std::size_t node = 0;  // into graph.components
  DependencyPaths paths;
};

// The designated components, each with its paths, collected.
std::vector<ComponentPaths> component_paths(const SbomGraphRecord& graph, const Purl& query,
                                            std::size_t limit);

}  // namespace cradle
