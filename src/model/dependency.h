// Dependency: one directed edge of an SBOM's graph, between two component refs.
#pragma once

#include <string>

namespace cradle {

enum class DependencyKind {
  depends_on,  // CycloneDX dependsOn; SPDX DEPENDS_ON and the *_DEPENDENCY_OF family, reversed
  contains,    // SPDX CONTAINS / CONTAINED_BY; CycloneDX component nesting is not an edge
};

struct Dependency {
  std::string from;  // ref of the dependent (the one that needs or contains)
  std::string to;    // ref of the dependency
  DependencyKind kind = DependencyKind::depends_on;
  bool operator==(const Dependency&) const = default;
};

}  // namespace cradle
