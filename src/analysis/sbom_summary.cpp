#include "analysis/sbom_summary.h"

#include <absl/container/flat_hash_map.h>

#include <algorithm>
#include <deque>
#include <string_view>

#include "model/sbom_graph.h"

namespace cradle {

SbomSummary summarize(const Sbom& sbom) {
  SbomSummary summary;
  summary.format = sbom.format;
  summary.spec_version = sbom.spec_version;
  summary.encoding = sbom.encoding;
  summary.serial_number = sbom.serial_number;
  summary.created = sbom.created;
  summary.sha256 = sbom.evidence.sha256;
  summary.components = sbom.components.size();
  summary.dependencies = sbom.dependencies.size();

  absl::flat_hash_map<std::string, std::size_t> seen;
  seen.reserve(sbom.components.size());
  absl::flat_hash_map<std::string_view, std::size_t> by_ecosystem;  // counted without a copy each
  for (const Component& component : sbom.components) {
    by_ecosystem[component.purl ? std::string_view(component.purl->type) : "(no purl)"]++;
    if (!component.purl) ++summary.without_purl;
    if (!component.purl && !component.purl_text.empty()) ++summary.invalid_purl;
    bool has_version =
        !component.version.empty() || (component.purl && !component.purl->version.empty());
    if (!has_version) ++summary.without_version;
    if (component.hashes.empty()) ++summary.without_hash;
    if (!component.has_licence()) ++summary.without_licence;
    std::string key = component.purl ? to_string(*component.purl)
                                     : (component.group.empty() ? "" : component.group + "/") +
                                           component.name + "@" + component.version;
    const auto entry = seen.try_emplace(std::move(key), 0).first;
    if (++entry->second == 2) summary.duplicate_keys.push_back(entry->first);
  }
  for (const auto& [type, count] : by_ecosystem) summary.by_ecosystem.emplace(type, count);
  for (const auto& [key, count] : seen) summary.duplicates += count - 1;
  std::ranges::sort(summary.duplicate_keys);

  const SbomGraph graph = build_sbom_graph(sbom);
  std::vector<std::size_t> depth(graph.out.size(), SIZE_MAX);
  std::deque<std::size_t> queue;
  for (std::size_t i = 0; i < graph.out.size(); ++i) {
    if (graph.in_degree[i] == 0) {
      ++summary.roots;
      depth[i] = 0;
      queue.push_back(i);
    }
  }
  // Breadth-first from the roots: depth is the shortest path, so cycles cannot loop it.
  while (!queue.empty()) {
    std::size_t node = queue.front();
    queue.pop_front();
    summary.max_depth = std::max(summary.max_depth, depth[node]);
    for (std::size_t next : graph.out[node]) {
      if (depth[next] != SIZE_MAX) continue;
      depth[next] = depth[node] + 1;
      queue.push_back(next);
    }
  }
  // Kahn's algorithm: a cycle is what is left once every node without a predecessor is removed.
  std::vector<std::size_t> remaining = graph.in_degree;
  std::vector<std::size_t> ready;
  for (std::size_t i = 0; i < remaining.size(); ++i) {
    if (remaining[i] == 0) ready.push_back(i);
  }
  std::size_t removed = 0;
  while (!ready.empty()) {
    std::size_t node = ready.back();
    ready.pop_back();
    ++removed;
    for (std::size_t next : graph.out[node]) {
      if (--remaining[next] == 0) ready.push_back(next);
    }
  }
  summary.has_cycles = removed != remaining.size();
  return summary;
}

}  // namespace cradle
