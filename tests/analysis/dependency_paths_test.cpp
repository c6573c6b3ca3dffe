// dependency_paths(): every simple path from a root to a node, shortest first, bounded.
#include "analysis/dependency_paths.h"

#include <gtest/gtest.h>

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
  EXPECT_FALSE(found.truncated);
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
  EXPECT_TRUE(found.truncated);
  for (const auto& path : found.paths) {
    EXPECT_EQ(path.front(), 0u);
    EXPECT_EQ(path.back(), 3 * rungs);
    EXPECT_EQ(path.size(), 2 * rungs + 1);
  }
  // All of them when the limit allows: 2^16.
  const DependencyPaths all = dependency_paths(out, 3 * rungs, 1 << 17);
  EXPECT_EQ(all.paths.size(), std::size_t{1} << rungs);
  EXPECT_FALSE(all.truncated);
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
