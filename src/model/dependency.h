// Dependency: one directed edge of an SBOM's graph, between two component refs.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
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

// What a document says of how complete one component's list of direct dependencies is: a
// CycloneDX composition's `aggregate` ("complete", "incomplete", "unknown", ...), SPDX 3 a
// relationship's `completeness`, SPDX 2 a relationship to NONE ("complete") or NOASSERTION
// ("unknown"). As written.
struct DependencyCompleteness {
  std::string ref;
  std::string completeness;
  bool operator==(const DependencyCompleteness&) const = default;
};

}  // namespace cradle
