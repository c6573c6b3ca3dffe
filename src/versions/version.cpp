#include "versions/version.h"

#include <array>
#include <utility>

#include "versions/version_text.h"

namespace cradle {
namespace {

struct EcosystemScheme {
  std::string_view ecosystem;  // lowercase
  VersionScheme scheme;
};

constexpr std::array<EcosystemScheme, 21> kEcosystems{{
    {"npm", VersionScheme::semver},
    {"crates.io", VersionScheme::semver},
    {"hex", VersionScheme::semver},
    {"pub", VersionScheme::semver},
    {"swifturl", VersionScheme::semver},
    {"conancenter", VersionScheme::semver},
    {"bitnami", VersionScheme::semver},
    {"github actions", VersionScheme::semver},
    {"go", VersionScheme::go},
    {"pypi", VersionScheme::pep440},
    {"maven", VersionScheme::maven},
    {"rubygems", VersionScheme::rubygems},
    {"debian", VersionScheme::dpkg},
    {"ubuntu", VersionScheme::dpkg},
    {"red hat", VersionScheme::rpm},
    {"almalinux", VersionScheme::rpm},
    {"rocky linux", VersionScheme::rpm},
    {"suse", VersionScheme::rpm},
    {"opensuse", VersionScheme::rpm},
    {"mageia", VersionScheme::rpm},
    {"semver", VersionScheme::semver},  // OSV's SEMVER range type
}};

}  // namespace

std::string_view to_string(VersionScheme scheme) {
  switch (scheme) {
    case VersionScheme::semver: return "semver";
    case VersionScheme::go: return "go";
    case VersionScheme::pep440: return "pep440";
    case VersionScheme::maven: return "maven";
    case VersionScheme::rubygems: return "rubygems";
    case VersionScheme::dpkg: return "dpkg";
    case VersionScheme::rpm: return "rpm";
  }
  return "unknown";
}

std::optional<VersionScheme> scheme_for_ecosystem(std::string_view ecosystem) {
  const std::string name = ascii_lowercase(ecosystem.substr(0, ecosystem.find(':')));
  for (const auto& entry : kEcosystems) {
    if (entry.ecosystem == name) return entry.scheme;
  }
  return std::nullopt;
}

std::expected<Version, Error> parse_version(VersionScheme scheme, std::string_view text) {
  auto build = [&]<std::size_t I, typename T>(std::expected<T, Error> parsed)
      -> std::expected<Version, Error> {
    if (!parsed) return std::unexpected(std::move(parsed.error()));
    return Version(Version::Value(std::in_place_index<I>, std::move(*parsed)), text);
  };
  switch (scheme) {
    case VersionScheme::semver: return build.template operator()<0>(parse_semver(text));
    case VersionScheme::go: return build.template operator()<1>(parse_go_version(text));
    case VersionScheme::pep440: return build.template operator()<2>(parse_pep440_version(text));
    case VersionScheme::maven: return build.template operator()<3>(parse_maven_version(text));
    case VersionScheme::rubygems: return build.template operator()<4>(parse_rubygems_version(text));
    case VersionScheme::dpkg: return build.template operator()<5>(parse_dpkg_version(text));
    case VersionScheme::rpm: return build.template operator()<6>(parse_rpm_version(text));
  }
  return std::unexpected(version_error("unknown version scheme", 0));
}

std::weak_ordering compare(const Version& a, const Version& b) {
  if (a.value_.index() != b.value_.index()) return a.value_.index() <=> b.value_.index();
  return std::visit(
      [&b](const auto& x) -> std::weak_ordering {
        return compare(x, *std::get_if<std::decay_t<decltype(x)>>(&b.value_));
      },
      a.value_);
}

std::string normalize(const Version& version) {
  return std::visit(
      [&version](const auto& value) -> std::string {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, MavenVersion> || std::is_same_v<T, RubyGemsVersion>) {
          return version.text();
        } else {
          return to_string(value);
        }
      },
      version.value_);
}

}  // namespace cradle
