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

constexpr EcosystemScheme kEcosystems[] = {
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
    {"nuget", VersionScheme::nuget},
    {"packagist", VersionScheme::composer},
    {"alpine", VersionScheme::apk},
    {"wolfi", VersionScheme::apk},
    {"chainguard", VersionScheme::apk},
    {"hackage", VersionScheme::hackage},
    {"ghc", VersionScheme::hackage},
    {"cran", VersionScheme::cran},
    {"bioconductor", VersionScheme::cran},
    {"semver", VersionScheme::semver},  // OSV's SEMVER range type
};

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
    case VersionScheme::nuget: return "nuget";
    case VersionScheme::composer: return "composer";
    case VersionScheme::apk: return "apk";
    case VersionScheme::hackage: return "hackage";
    case VersionScheme::cran: return "cran";
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
  auto build = [&](auto parsed) -> std::expected<Version, Error> {
    if (!parsed) return std::unexpected(std::move(parsed.error()));
    return Version(scheme, Version::Value(std::move(*parsed)), text);
  };
  switch (scheme) {
    case VersionScheme::semver: return build(parse_semver(text));
    case VersionScheme::go: return build(parse_go_version(text));
    case VersionScheme::pep440: return build(parse_pep440_version(text));
    case VersionScheme::maven: return build(parse_maven_version(text));
    case VersionScheme::rubygems: return build(parse_rubygems_version(text));
    case VersionScheme::nuget: return build(parse_nuget_version(text));
    case VersionScheme::composer: return build(parse_composer_version(text));
    case VersionScheme::dpkg: return build(parse_dpkg_version(text));
    case VersionScheme::rpm: return build(parse_rpm_version(text));
    case VersionScheme::apk: return build(parse_apk_version(text));
    case VersionScheme::hackage: return build(parse_hackage_version(text));
    case VersionScheme::cran: return build(parse_cran_version(text));
  }
  return std::unexpected(version_error("unknown version scheme", 0));
}

std::weak_ordering compare(const Version& a, const Version& b) {
  if (a.scheme_ != b.scheme_) return a.scheme_ <=> b.scheme_;
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
        if constexpr (std::is_same_v<T, MavenVersion> || std::is_same_v<T, RubyGemsVersion> ||
                      std::is_same_v<T, ApkVersion> || std::is_same_v<T, NumericVersion>) {
          return version.text();
        } else {
          return to_string(value);
        }
      },
      version.value_);
}

}  // namespace cradle
