// dependency_paths(): every simple path from a root to a node, shortest first, bounded.
#include "analysis/dependency_paths.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <span>
#include <vector>

namespace cradle {
namespace {

using Graph = std::vector<std::vector<std::size_t>>;
using Paths = std::vector<std::vector<std::size_t>>;

TEST(DependencyPaths, ListsEveryPathShortestFirst) {
  // 0 -> 1 -> 3 -> 4, 0 -> 2 -> 3, 0 -> 4
  const Graph out{{1, 2, 4}, {3}, {3}, {4}, {}};
  const DependencyPaths found = dependency_paths(out, 4, 100);
  EXPECT_EQ(found.paths, (Paths{{0, 4}, {0, 1, 3, 4}, {0, 2, 3, 4}}));
  EXPECT_EQ(found.stop, PathsStop::none);
  // A limit of exactly the number of paths lists them all: nothing more exists.
  EXPECT_EQ(dependency_paths(out, 4, 3).stop, PathsStop::none);
  EXPECT_EQ(dependency_paths(out, 4, 2).stop, PathsStop::max_paths);
}

TEST(DependencyPaths, EveryRootCounts) {
  // Two roots (0 and 5) reach 2.
  const Graph out{{1}, {2}, {}, {}, {}, {2}};
  EXPECT_EQ(dependency_paths(out, 2, 10).paths, (Paths{{5, 2}, {0, 1, 2}}));
  // A root is its own path.
  EXPECT_EQ(dependency_paths(out, 0, 10).paths, (Paths{{0}}));
}

TEST(DependencyPaths, CyclesDoNotLoopAndUnrootedNodesHaveNoPath) {
  // 0 -> 1 <-> 2 -> 3; 4 <-> 5 is a cycle no root reaches.
  const Graph out{{1}, {2}, {1, 3}, {}, {5}, {4}};
  EXPECT_EQ(dependency_paths(out, 3, 10).paths, (Paths{{0, 1, 2, 3}}));
  EXPECT_TRUE(dependency_paths(out, 5, 10).paths.empty());
  EXPECT_TRUE(dependency_paths(out, 99, 10).paths.empty());
}

TEST(DependencyPaths, StopsAtTheLimitAndSaysSo) {
  // A ladder of 16 diamonds: 2^16 paths from 0 to the last node.
  Graph out;
  const std::size_t rungs = 16;
  out.resize(3 * rungs + 1);
  for (std::size_t i = 0; i < rungs; ++i) {
    const std::size_t top = 3 * i;
    out[top] = {top + 1, top + 2};
    out[top + 1] = {top + 3};
    out[top + 2] = {top + 3};
  }
  const DependencyPaths found = dependency_paths(out, 3 * rungs, 10);
  EXPECT_EQ(found.paths.size(), 10u);
  EXPECT_EQ(found.stop, PathsStop::max_paths);
  for (const auto& path : found.paths) {
    EXPECT_EQ(path.front(), 0u);
    EXPECT_EQ(path.back(), 3 * rungs);
    EXPECT_EQ(path.size(), 2 * rungs + 1);
  }
  // All of them when the limit allows: 2^16.
  const DependencyPaths all = dependency_paths(out, 3 * rungs, 1 << 17);
  EXPECT_EQ(all.paths.size(), std::size_t{1} << rungs);
  EXPECT_EQ(all.stop, PathsStop::none);
}

Graph ladder(std::size_t rungs) {
  // 0 -> {1, 2}; each rung's two nodes point at both nodes of the next; the last rung at the
  // target: 2^rungs paths.
  Graph out(2 * rungs + 2);
  out[0] = {1, 2};
  for (std::size_t rung = 0; rung < rungs; ++rung) {
    const std::size_t a = 1 + 2 * rung;
    const std::vector<std::size_t> next =
        rung + 1 == rungs ? std::vector<std::size_t>{2 * rungs + 1}
                          : std::vector<std::size_t>{a + 2, a + 3};
    out[a] = next;
    out[a + 1] = next;
  }
  return out;
}

TEST(DependencyPaths, AChainLongerThanAnyStackIsWalked) {
  // A recursive search overflowed the stack at about 65,000 nodes.
  const std::size_t n = 300'000;
  Graph out(n);
  for (std::size_t node = 0; node + 1 < n; ++node) out[node] = {node + 1};
  const DependencyPaths found = dependency_paths(out, n - 1, 10);
  ASSERT_EQ(found.paths.size(), 1u);
  EXPECT_EQ(found.paths[0].size(), n);
  EXPECT_EQ(found.paths[0].back(), n - 1);
  EXPECT_EQ(found.stop, PathsStop::none);
}

TEST(DependencyPaths, AnExponentialListingStopsAtItsBoundOnWorkAndSaysSo) {
  // 2^60 paths of 62 nodes; a limit that would allow all of them.
  const Graph out = ladder(60);
  std::size_t listed = 0;
  std::size_t nodes = 0;
  const PathListing listing = for_each_dependency_path(
      out, out.size() - 1, static_cast<std::size_t>(-1), [&](std::span<const std::size_t> path) {
        ++listed;
        nodes += path.size();
        EXPECT_EQ(path.size(), 62u);
      });
  EXPECT_EQ(listing.stop, PathsStop::work_bound);
  EXPECT_EQ(listing.listed, listed);
  EXPECT_GT(listed, 10'000u);
  EXPECT_LE(nodes, kPathSearchWork);
}

// Every simple path from a root to `target`, by brute force, shortest first and in node order.
Paths every_path(const Graph& out, std::size_t target) {
  const std::size_t n = out.size();
  std::vector<bool> has_in(n, false);
  for (const auto& next : out) {
    for (std::size_t to : next) has_in[to] = true;
  }
  Paths paths;
  std::vector<std::size_t> path;
  std::vector<bool> on(n, false);
  auto walk = [&](auto& self, std::size_t node) -> void {
    path.push_back(node);
    on[node] = true;
    if (node == target) {
      paths.push_back(path);
    } else {
      for (std::size_t to : out[node]) {
        if (!on[to]) self(self, to);
      }
    }
    on[node] = false;
    path.pop_back();
  };
  for (std::size_t root = 0; root < n; ++root) {
    if (!has_in[root]) walk(walk, root);
  }
  std::ranges::sort(paths, [](const auto& a, const auto& b) {
    return a.size() != b.size() ? a.size() < b.size() : a < b;
  });
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  return paths;
}

TEST(DependencyPaths, GeneratedGraphsGetEveryPathInOrder) {
  // Random graphs of up to 9 nodes, sparse to dense, cycles and repeated edges included, against
  // a brute-force enumeration: the same paths in the same order, cut at the limit.
  std::mt19937 random(20261207);
  for (int round = 0; round < 3000; ++round) {
    const std::size_t n = 1 + random() % 9;
    const std::size_t density = 1 + random() % 6;  // in sixths
    Graph out(n);
    for (std::size_t from = 0; from < n; ++from) {
      for (std::size_t to = 0; to < n; ++to) {
        if (from != to && random() % 6 < density) out[from].push_back(to);
      }
      if (!out[from].empty() && random() % 4 == 0) out[from].push_back(out[from].front());
      std::ranges::shuffle(out[from], random);
    }
    const std::size_t target = random() % n;
    const Paths expected = every_path(out, target);
    const std::size_t limit = 1 + random() % 12;
    const DependencyPaths found = dependency_paths(out, target, limit);
    const std::size_t kept = std::min(limit, expected.size());
    ASSERT_EQ(found.paths, Paths(expected.begin(), expected.begin() + static_cast<std::ptrdiff_t>(kept)))
        << "round " << round;
    EXPECT_EQ(found.stop, expected.size() > limit ? PathsStop::max_paths : PathsStop::none)
        << "round " << round;
  }
}

TEST(DependencyPaths, ComponentPathsFindComponentsByPurl) {
  SbomGraphRecord graph;
  auto add = [&](std::string purl) {
    ComponentRecord row;
    row.node = static_cast<std::int64_t>(graph.components.size());
    row.purl = std::move(purl);
    graph.components.push_back(std::move(row));
  };
  add("pkg:npm/app@1.0.0");
  add("pkg:npm/left@1.0.0");
  add("pkg:npm/lodash@4.17.20");
  add("pkg:npm/lodash@4.17.21");
  add("");  // no purl
  graph.edges = {{0, 1}, {0, 3}, {1, 2}, {0, 4}};
  auto any_version = parse_purl("pkg:npm/lodash");
  ASSERT_TRUE(any_version);
  const auto found = component_paths(graph, *any_version, 10);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].node, 2u);
  EXPECT_EQ(found[0].paths.paths, (Paths{{0, 1, 2}}));
  EXPECT_EQ(found[1].node, 3u);
  EXPECT_EQ(found[1].paths.paths, (Paths{{0, 3}}));
  auto exact = parse_purl("pkg:npm/lodash@4.17.21");
  ASSERT_TRUE(exact);
  ASSERT_EQ(component_paths(graph, *exact, 10).size(), 1u);
  auto absent = parse_purl("pkg:npm/lodash@3.0.0");
  ASSERT_TRUE(absent);
  EXPECT_TRUE(component_paths(graph, *absent, 10).empty());
}

}  // namespace
}  // namespace cradle
