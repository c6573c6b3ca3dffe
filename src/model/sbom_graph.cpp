#include "model/sbom_graph.h"

#include <absl/container/flat_hash_map.h>

#include <algorithm>
#include <deque>
#include <string_view>

namespace cradle {

SbomGraph build_sbom_graph(const Sbom& sbom) {
  SbomGraph graph;
  if (sbom.primary_component) graph.nodes.push_back(&*sbom.primary_component);
  graph.first_component = graph.nodes.size();
  for (const Component& component : sbom.components) graph.nodes.push_back(&component);

  absl::flat_hash_map<std::string_view, std::size_t> index_of;
  index_of.reserve(graph.nodes.size());
  for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
    if (!graph.nodes[i]->ref.empty()) index_of.emplace(graph.nodes[i]->ref, i);
  }
  graph.out.resize(graph.nodes.size());
  graph.in_degree.assign(graph.nodes.size(), 0);
  auto add_edge = [&](std::string_view from, std::string_view to) {
    auto a = index_of.find(from);
    auto b = index_of.find(to);
    if (a == index_of.end() || b == index_of.end()) return;  // diagnosed by the parser
    graph.out[a->second].push_back(b->second);
    ++graph.in_degree[b->second];
  };
  for (const Dependency& edge : sbom.dependencies) add_edge(edge.from, edge.to);
  for (const Component* node : graph.nodes) {
    const std::string& parent = node->details->parent_ref;
    if (!parent.empty() && !node->ref.empty()) add_edge(parent, node->ref);
  }
  return graph;
}

std::vector<std::size_t> shortest_path_parents(const SbomGraph& graph) {
  std::vector<std::size_t> parent(graph.nodes.size(), SbomGraph::kNone);
  std::vector<bool> seen(graph.nodes.size(), false);
  std::deque<std::size_t> queue;
  for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
    if (graph.in_degree[i] == 0) {
      seen[i] = true;
      queue.push_back(i);
    }
  }
  while (!queue.empty()) {
    const std::size_t node = queue.front();
    queue.pop_front();
    for (std::size_t next : graph.out[node]) {
      if (seen[next]) continue;
      seen[next] = true;
      parent[next] = node;
      queue.push_back(next);
    }
  }
  return parent;
}

std::vector<std::size_t> path_to(const std::vector<std::size_t>& parents, std::size_t node) {
  std::vector<std::size_t> path{node};
  // A node's parent chain has no cycle (each parent was reached earlier), so this ends.
  while (parents[path.back()] != SbomGraph::kNone) path.push_back(parents[path.back()]);
  std::ranges::reverse(path);
  return path;
}

std::string path_label(const Component& component) {
  if (component.purl) return to_string(*component.purl);
  if (!component.name.empty()) {
    return component.version.empty() ? component.name : component.name + "@" + component.version;
  }
  return component.ref;
}

}  // namespace cradle
