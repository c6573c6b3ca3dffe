#include "analysis/dependency_paths.h"

#include <algorithm>
#include <deque>

namespace cradle {
namespace {

constexpr std::size_t kUnreached = static_cast<std::size_t>(-1);

// Depth-first search forwards from the roots for the paths of exactly `length` edges, with an
// explicit stack; a node is entered only when it is close enough to the target to still make
// that length. Roots and successors are taken in increasing order, so the paths of one length
// come out in the order of their nodes.
class PathSearch {
 public:
  PathSearch(const std::vector<std::vector<std::size_t>>& out,
             const std::vector<std::size_t>& to_target, const std::vector<std::size_t>& roots,
             std::size_t target, std::size_t limit, const PathVisitor& visit)
      : out_(out),
        to_target_(to_target),
        roots_(roots),
        target_(target),
        limit_(limit),
        visit_(visit),
        on_path_(out.size(), false) {}

  // Lists the paths of `length` edges; returns whether a longer one may exist (some node was
  // left out for being too far from the target).
  bool run(std::size_t length) {
    bool cut = false;
    for (std::size_t root : roots_) {
      if (to_target_[root] > length) {
        cut = true;
        continue;
      }
      enter(root);
      while (!frames_.empty() && listing_.stop == PathsStop::none) {
        Frame& top = frames_.back();
        const std::size_t edges = path_.size() - 1;
        const std::vector<std::size_t>& next = out_[top.node];
        if (top.node == target_ || top.next == next.size()) {
          if (top.node == target_ && edges == length) list();
          leave();
          continue;
        }
        const std::size_t node = next[top.next++];
        if (to_target_[node] == kUnreached || on_path_[node]) continue;
        if (edges + 1 + to_target_[node] > length) {
          cut = true;
          continue;
        }
        enter(node);
      }
      while (!frames_.empty()) leave();
      if (listing_.stop != PathsStop::none) return false;
    }
    return cut;
  }

  const PathListing& listing() const { return listing_; }

 private:
  struct Frame {
    std::size_t node;
    std::size_t next = 0;  // the next successor to try
  };

  void enter(std::size_t node) {
    if (!spend(1)) return;
    frames_.push_back(Frame{node});
    path_.push_back(node);
    on_path_[node] = true;
  }

  void leave() {
    on_path_[frames_.back().node] = false;
    frames_.pop_back();
    path_.pop_back();
  }

  void list() {
    // The search goes one past the limit, so that "more exist" is known, not guessed.
    if (listing_.listed == limit_) {
      listing_.stop = PathsStop::max_paths;
      return;
    }
    if (!spend(path_.size())) return;
    visit_(path_);
    ++listing_.listed;
  }

  bool spend(std::size_t work) {
    work_ += work;
    if (work_ <= kPathSearchWork) return true;
    listing_.stop = PathsStop::work_bound;
    return false;
  }

  const std::vector<std::vector<std::size_t>>& out_;
  const std::vector<std::size_t>& to_target_;
  const std::vector<std::size_t>& roots_;
  const std::size_t target_;
  const std::size_t limit_;
  const PathVisitor& visit_;
  std::vector<bool> on_path_;
  std::vector<Frame> frames_;
  std::vector<std::size_t> path_;  // the nodes of frames_, root first
  std::size_t work_ = 0;
  PathListing listing_;
};

}  // namespace

std::string_view to_string(PathsStop stop) {
  switch (stop) {
    case PathsStop::none:
      return "";
    case PathsStop::max_paths:
      return "max-paths";
    case PathsStop::work_bound:
      return "work-bound";
  }
  return "";
}

PathListing for_each_dependency_path(const std::vector<std::vector<std::size_t>>& out,
                                     std::size_t target, std::size_t limit,
                                     const PathVisitor& visit) {
  const std::size_t n = out.size();
  if (target >= n || limit == 0) return {};
  // Successors in increasing order, each once; edges to no node dropped.
  std::vector<std::vector<std::size_t>> successors(n);
  std::vector<std::vector<std::size_t>> in(n);
  for (std::size_t from = 0; from < n; ++from) {
    for (std::size_t to : out[from]) {
      if (to < n) successors[from].push_back(to);
    }
    std::ranges::sort(successors[from]);
    const auto repeated = std::ranges::unique(successors[from]);
    successors[from].erase(repeated.begin(), repeated.end());
    for (std::size_t to : successors[from]) in[to].push_back(from);
  }
  // Edges to the target, breadth-first backwards from it.
  std::vector<std::size_t> to_target(n, kUnreached);
  to_target[target] = 0;
  std::deque<std::size_t> frontier{target};
  while (!frontier.empty()) {
    const std::size_t node = frontier.front();
    frontier.pop_front();
    for (std::size_t source : in[node]) {
      if (to_target[source] == kUnreached) {
        to_target[source] = to_target[node] + 1;
        frontier.push_back(source);
      }
    }
  }
  std::vector<std::size_t> roots;
  std::size_t shortest = kUnreached;
  for (std::size_t node = 0; node < n; ++node) {
    if (in[node].empty() && to_target[node] != kUnreached) {
      roots.push_back(node);
      shortest = std::min(shortest, to_target[node]);
    }
  }
  if (roots.empty()) return {};

  // Lengths in increasing order, so that the shortest paths come first.
  PathSearch search(successors, to_target, roots, target, limit, visit);
  for (std::size_t length = shortest; length < n; ++length) {
    if (!search.run(length)) break;
  }
  return search.listing();
}

DependencyPaths dependency_paths(const std::vector<std::vector<std::size_t>>& out,
                                 std::size_t target, std::size_t limit) {
  DependencyPaths result;
  result.stop =
      for_each_dependency_path(out, target, limit, [&](std::span<const std::size_t> path) {
        result.paths.emplace_back(path.begin(), path.end());
      }).stop;
  return result;
}

std::vector<std::vector<std::size_t>> dependency_lists(const SbomGraphRecord& graph) {
  const std::size_t n = graph.components.size();
  std::vector<std::vector<std::size_t>> out(n);
  for (const EdgeRecord& edge : graph.edges) {
    if (edge.from >= 0 && edge.to >= 0 && static_cast<std::size_t>(edge.from) < n) {
      out[static_cast<std::size_t>(edge.from)].push_back(static_cast<std::size_t>(edge.to));
    }
  }
  return out;
}

std::vector<std::size_t> designated_nodes(const SbomGraphRecord& graph, const Purl& query) {
  std::vector<std::size_t> nodes;
  for (std::size_t node = 0; node < graph.components.size(); ++node) {
    const std::string& text = graph.components[node].purl;
    if (text.empty()) continue;
    auto purl = parse_purl(text);
    if (purl && purl_designates(query, *purl)) nodes.push_back(node);
  }
  return nodes;
}

std::vector<ComponentPaths> component_paths(const SbomGraphRecord& graph, const Purl& query,
                                            std::size_t limit) {
  const auto out = dependency_lists(graph);
  std::vector<ComponentPaths> found;
  for (std::size_t node : designated_nodes(graph, query)) {
    found.push_back(ComponentPaths{node, dependency_paths(out, node, limit)});
  }
  return found;
}

}  // namespace cradle
