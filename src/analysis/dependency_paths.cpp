#include "analysis/dependency_paths.h"

#include <algorithm>
#include <deque>

namespace cradle {
namespace {

void order_paths(DependencyPaths& result) {
  std::ranges::sort(result.paths, [](const std::vector<std::size_t>& a, const std::vector<std::size_t>& b) {
    return a.size() != b.size() ? a.size() < b.size() : a < b;
  });
}

}  // namespace

DependencyPaths dependency_paths(const std::vector<std::vector<std::size_t>>& out, std::size_t target,
                                 std::size_t limit) {
  DependencyPaths result;
  const std::size_t n = out.size();
  if (target >= n || limit == 0) return result;
  std::vector<std::vector<std::size_t>> in(n);
  for (std::size_t from = 0; from < n; ++from) {
    for (std::size_t to : out[from]) {
      if (to < n) in[to].push_back(from);
    }
  }
  for (auto& sources : in) {
    std::ranges::sort(sources);
    sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
  }
  // Only nodes some root reaches can be on a path; the others are never expanded.
  std::vector<bool> rooted(n, false);
  std::deque<std::size_t> frontier;
  for (std::size_t node = 0; node < n; ++node) {
    if (in[node].empty()) {
      rooted[node] = true;
      frontier.push_back(node);
    }
  }
  while (!frontier.empty()) {
    const std::size_t node = frontier.front();
    frontier.pop_front();
    for (std::size_t next : out[node]) {
      if (next < n && !rooted[next]) {
        rooted[next] = true;
        frontier.push_back(next);
      }
    }
  }
  if (!rooted[target]) return result;

  // Breadth-first over partial paths grown backwards from the target: paths come out in order of
  // length. Partial paths are bounded too, since a dense graph holds more than memory does.
  const std::size_t max_partial = std::max<std::size_t>(limit * 64, 100'000);
  std::deque<std::vector<std::size_t>> partial{{target}};
  std::size_t expanded = 0;
  while (!partial.empty()) {
    std::vector<std::size_t> path = std::move(partial.front());
    partial.pop_front();
    const std::size_t head = path.back();
    if (in[head].empty()) {
      std::ranges::reverse(path);
      result.paths.push_back(std::move(path));
      if (result.paths.size() == limit) {
        result.truncated = !partial.empty();
        order_paths(result);
        return result;
      }
      continue;
    }
    for (std::size_t source : in[head]) {
      if (!rooted[source] || std::ranges::find(path, source) != path.end()) continue;
      if (++expanded > max_partial) {
        result.truncated = true;
        order_paths(result);
        return result;
      }
      std::vector<std::size_t> longer = path;
      longer.push_back(source);
      partial.push_back(std::move(longer));
    }
  }
  order_paths(result);
  return result;
}

std::vector<ComponentPaths> component_paths(const SbomGraphRecord& graph, const Purl& query, std::size_t limit) {
  const std::size_t n = graph.components.size();
  std::vector<std::vector<std::size_t>> out(n);
  for (const EdgeRecord& edge : graph.edges) {
    if (edge.from >= 0 && edge.to >= 0 && static_cast<std::size_t>(edge.from) < n) {
      out[static_cast<std::size_t>(edge.from)].push_back(static_cast<std::size_t>(edge.to));
    }
  }
  std::vector<ComponentPaths> found;
  for (std::size_t node = 0; node < n; ++node) {
    const std::string& text = graph.components[node].purl;
    if (text.empty()) continue;
    auto purl = parse_purl(text);
    if (!purl || !purl_designates(query, *purl)) continue;
    found.push_back(ComponentPaths{node, dependency_paths(out, node, limit)});
  }
  return found;
}

}  // namespace cradle
