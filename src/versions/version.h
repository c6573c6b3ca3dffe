// Version: a version string parsed once under its ecosystem's ordering, so that comparing two
// needs no parsing and no allocation. One scheme per file beside this one; this header maps OSV
// ecosystem names to schemes and dispatches.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <compare>
#include <cstdint>
#include <expected>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "model/error.h"
#include "versions/apk_version.h"
#include "versions/composer_version.h"
#include "versions/conan_version.h"
#include "versions/dpkg_version.h"
#include "versions/go_version.h"
#include "versions/hackage_version.h"
#include "versions/maven_version.h"
#include "versions/nuget_version.h"
#include "versions/pep440_version.h"
#include "versions/rpm_version.h"
#include "versions/rubygems_version.h"
#include "versions/semver.h"

namespace cradle {

enum class VersionScheme : std::uint8_t {
  semver,
  go,
  pep440,
  maven,
  rubygems,
  nuget,
  composer,
  dpkg,
  rpm,
  apk,
  hackage,
  cran,
  conan,
};

// Every scheme, for tests and listings.
inline constexpr VersionScheme kAllVersionSchemes[] = {
    VersionScheme::semver, VersionScheme::go,       VersionScheme::pep440,
    VersionScheme::maven,  VersionScheme::rubygems, VersionScheme::nuget,
    VersionScheme::composer, VersionScheme::dpkg,   VersionScheme::rpm,
    VersionScheme::apk,    VersionScheme::hackage,  VersionScheme::cran,
    VersionScheme::conan,
};

std::string_view to_string(VersionScheme scheme);

// The scheme of an OSV ecosystem name, matched case-insensitively and without its ":<suffix>"
// ("Debian:12" -> dpkg, "PyPI" -> pep440); nullopt for an ecosystem cradle cannot order.
std::optional<VersionScheme> scheme_for_ecosystem(std::string_view ecosystem);

// The OSV ecosystems cradle can order, as OSV spells them, with their scheme.
struct OrderedEcosystem {
  std::string_view ecosystem;
  VersionScheme scheme;
};
std::span<const OrderedEcosystem> ordered_ecosystems();

class Version {
 public:
  VersionScheme scheme() const { return scheme_; }
  const std::string& text() const { return text_; }

  // Two versions of the same scheme. Precondition: a.scheme() == b.scheme(); versions of
  // different schemes are ordered by scheme, which means nothing. Inline: most comparisons are
  // decided by the keys alone.
  friend std::weak_ordering compare(const Version& a, const Version& b) {
    if (a.key_ != b.key_ && a.scheme_ == b.scheme_) return a.key_ <=> b.key_;
    return compare_values(a, b);
  }

 private:
  friend std::expected<Version, Error> parse_version(VersionScheme scheme, std::string_view text);
  friend std::string normalize(const Version& version);
  // The full comparison, when the keys cannot decide.
  static std::weak_ordering compare_values(const Version& a, const Version& b);

  using Value =
      std::variant<SemVer, GoVersion, Pep440Version, MavenVersion, RubyGemsVersion, NuGetVersion,
                   ComposerVersion, DpkgVersion, RpmVersion, ApkVersion, NumericVersion,
                   ConanVersion>;
  Version(VersionScheme scheme, Value value, std::string_view text);

  // A 64-bit prefix of the order, computed at parse time: a < b implies key(a) <= key(b), so
  // different keys decide a comparison without touching the parsed value (most comparisons),
  // and equal keys fall back to the scheme's full comparison. The parsed value lives behind a
  // shared pointer (it never changes) so that a Version is one cache line.
  std::uint64_t key_ = 0;
  VersionScheme scheme_;
  std::shared_ptr<const Value> value_;
  std::string text_;
};

// Declared here too, so that cradle::compare(a, b) finds the inline friend above.
std::weak_ordering compare(const Version& a, const Version& b);

std::expected<Version, Error> parse_version(VersionScheme scheme, std::string_view text);

// The canonical spelling of a version under its scheme, for display and de-duplication:
// PEP 440's, NuGet's and Composer's normal forms, SemVer without 'v', Go with it, dpkg without a zero epoch;
// the other schemes keep the text as given.
std::string normalize(const Version& version);

}  // namespace cradle
