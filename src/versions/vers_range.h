// VersRange: a `vers:` version range specifier (package-url/vers-spec), e.g.
// vers:npm/>=1.0.0|<1.0.2|>=3.0.0|<3.2.5. Parsed once (versions parsed under the scheme of the
// versioning scheme), validated and sorted, then tested against many versions.
//
// Containment follows the specification's procedure: equal to a "=", ">=" or "<=" version -> in;
// equal to a "!=" version -> out; otherwise within an interval of the alternating ">"/">=" and
// "<"/"<=" bounds (open-ended at a leading "<" or trailing ">"). Where the text leaves a gap we
// take the plain meaning: a single bound is a half-line, and a range of only "!=" constraints
// holds every other version.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/error.h"
#include "versions/version.h"

namespace cradle {

enum class VersComparator : std::uint8_t { equal, not_equal, less, less_equal, greater, greater_equal };

struct VersConstraint {
  VersComparator comparator;
  Version version;
};

class VersRange {
 public:
  // The versioning scheme as written ("npm", "pypi", "deb", ... or "all" / "none").
  const std::string& versioning_scheme() const { return versioning_scheme_; }
  // Constraints sorted by version; empty for "*", "all" and "none".
  const std::vector<VersConstraint>& constraints() const { return constraints_; }

  // Whether `version` (a version of this range's scheme) is in the range.
  bool contains(const Version& version) const;
  // Parses `text` under this range's scheme, then tests it.
  std::expected<bool, Error> contains(std::string_view version) const;

  friend std::expected<VersRange, Error> parse_vers(std::string_view text);
  friend std::string to_string(const VersRange& range);

 private:
  enum class Kind : std::uint8_t { constraints, star, all, none };
  std::string versioning_scheme_;
  std::optional<VersionScheme> scheme_;
  Kind kind_ = Kind::constraints;
  std::vector<VersConstraint> constraints_;
};

// Parses and validates: lowercase "vers" scheme, a known versioning scheme, non-empty
// constraints, "*" alone, no version twice, and comparators that alternate as the specification
// requires. Spaces and tabs are removed first, as the specification says.
std::expected<VersRange, Error> parse_vers(std::string_view text);

// The canonical form: constraints sorted by version, versions percent-encoded where needed.
// (For Maven, whose ComparableVersion is not transitive in corner cases, the sorted order of
// pathological versions can depend on the order they were written in.)
std::string to_string(const VersRange& range);

// The version scheme of a vers versioning scheme (a purl type or "semver"), or nullopt.
std::optional<VersionScheme> scheme_for_vers(std::string_view versioning_scheme);

}  // namespace cradle
