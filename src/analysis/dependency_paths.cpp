#include "analysis/dependency_paths.h"

#include <algorithm>
#include <deque>

namespace cradle {
namespace {

void order_paths(DependencyPaths& result) {
  std::ranges::sort(result.paths,
                    [](const std::vector<std::size_t>& a, const std::vector<std::size_t>& b) {
                      return a.size() != b.size() ? a.size() < b.size() : a < b;
                    });
}

// Depth-first search backwards from the target for the paths of exactly `length` edges; a node
// is entered only when the nearest root is close enough to still make that length.
class PathSearch {
 public:
  PathSearch(const std::vector<std::vector<std::size_t>>& in, const std::vector<std::size_t>& depth,
             std::size_t limit, DependencyPaths& result)
      : in_(in), depth_(depth), limit_(limit), result_(result), on_path_(in.size(), false) {}

  // Returns whether a longer path may exist (some node was left out for being too far).
  bool run(std::size_t target, std::size_t length) {
    length_ = length;
    cut_ = false;
    path_.assign(1, target);
    on_path_[target] = true;
    extend(target);
    on_path_[target] = false;
    return cut_;
  }

  bool done() const { return result_.truncated; }

 private:
  void extend(std::size_t node) {
    const std::size_t edges = path_.size() - 1;
    if (in_[node].empty()) {
      if (edges == length_) {
        result_.paths.emplace_back(path_.rbegin(), path_.rend());
        // At the limit the search stops, not knowing whether more would follow.
        if (result_.paths.size() == limit_) result_.truncated = true;
      }
      return;
    }
    for (std::size_t source : in_[node]) {
      if (depth_[source] == kUnreached || on_path_[source]) continue;
      if (edges + 1 + depth_[source] > length_) {
        cut_ = true;
        continue;
      }
      if (++steps_ > kMaxSteps) {
        result_.truncated = true;
        return;
      }
      path_.push_back(source);
      on_path_[source] = true;
      extend(source);
      on_path_[source] = false;
      path_.pop_back();
      if (done()) return;
    }
  }

 public:
  static constexpr std::size_t kUnreached = static_cast<std::size_t>(-1);

 private:
  // The number of simple paths can be exponential; the work is bounded instead of the graph.
  static constexpr std::size_t kMaxSteps = 4'000'000;

  const std::vector<std::vector<std::size_t>>& in_;
  const std::vector<std::size_t>& depth_;
  const std::size_t limit_;
  DependencyPaths& result_;
  std::vector<bool> on_path_;
  std::vector<std::size_t> path_;  // from the target backwards
  std::size_t length_ = 0;
  std::size_t steps_ = 0;
  bool cut_ = false;
};

}  // namespace

DependencyPaths dependency_paths(const std::vector<std::vector<std::size_t>>& out,
                                 std::size_t target, std::size_t limit) {
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
  // Edges from the nearest root, breadth-first from all roots at once.
  std::vector<std::size_t> depth(n, PathSearch::kUnreached);
  std::deque<std::size_t> frontier;
  for (std::size_t node = 0; node < n; ++node) {
    if (in[node].empty()) {
      depth[node] = 0;
      frontier.push_back(node);
    }
  }
  while (!frontier.empty()) {
    const std::size_t node = frontier.front();
    frontier.pop_front();
    for (std::size_t next : out[node]) {
      if (next < n && depth[next] == PathSearch::kUnreached) {
        depth[next] = depth[node] + 1;
        frontier.push_back(next);
      }
    }
  }
  if (depth[target] == PathSearch::kUnreached) return result;

  // Lengths in increasing order, so that the shortest paths come first.
  PathSearch search(in, depth, limit, result);
  for (std::size_t length = depth[target]; length < n; ++length) {
    const bool longer_may_exist = search.run(target, length);
    if (search.done() || !longer_may_exist) break;
  }
  order_paths(result);
  return result;
}

std::vector<ComponentPaths> component_paths(const SbomGraphRecord& graph, const Purl& query,
                                            std::size_t limit) {
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
