#include "versions/version.h"

#include <algorithm>
#include <array>
#include <limits>
#include <utility>

#include "versions/version_text.h"

namespace cradle {
namespace {

// As OSV spells them; matched case-insensitively.
constexpr OrderedEcosystem kEcosystems[] = {
    {"npm", VersionScheme::semver},
    {"crates.io", VersionScheme::semver},
    {"Hex", VersionScheme::semver},
    {"Pub", VersionScheme::semver},
    {"SwiftURL", VersionScheme::semver},
    {"ConanCenter", VersionScheme::conan},
    {"Bitnami", VersionScheme::semver},
    {"GitHub Actions", VersionScheme::semver},
    {"Go", VersionScheme::go},
    {"PyPI", VersionScheme::pep440},
    {"Maven", VersionScheme::maven},
    {"RubyGems", VersionScheme::rubygems},
    {"Debian", VersionScheme::dpkg},
    {"Ubuntu", VersionScheme::dpkg},
    {"Red Hat", VersionScheme::rpm},
    {"AlmaLinux", VersionScheme::rpm},
    {"Rocky Linux", VersionScheme::rpm},
    {"SUSE", VersionScheme::rpm},
    {"openSUSE", VersionScheme::rpm},
    {"Mageia", VersionScheme::rpm},
    {"NuGet", VersionScheme::nuget},
    {"Packagist", VersionScheme::composer},
    {"Alpine", VersionScheme::apk},
    {"Wolfi", VersionScheme::apk},
    {"Chainguard", VersionScheme::apk},
    {"Hackage", VersionScheme::hackage},
    {"GHC", VersionScheme::hackage},
    {"CRAN", VersionScheme::cran},
    {"Bioconductor", VersionScheme::cran},
    {"SEMVER", VersionScheme::semver},  // OSV's SEMVER range type
};

// Packs fields into a 64-bit key, most significant first. A field too large for its width
// saturates and ends the key (the fields after it stay 0): keys then stay monotone, since two
// versions that both saturate a field compare equal from there on and fall back to the full
// comparison.
class KeyBuilder {
 public:
  KeyBuilder& add(std::uint64_t value, int bits) {
    if (done_) return *this;
    const std::uint64_t max = (std::uint64_t{1} << bits) - 1;
    used_ += bits;
    key_ |= std::min(value, max) << (64 - used_);
    if (value >= max) done_ = true;
    return *this;
  }
  std::uint64_t key() const { return key_; }

 private:
  std::uint64_t key_ = 0;
  int used_ = 0;
  bool done_ = false;
};

// Major, minor, patch; then the class of what follows (a pre-release whose first identifier is
// a number < one whose first identifier is text < a release) and the start of that identifier:
// its value, or its first two characters (the end of the identifier sorting lowest).
std::uint64_t order_key(const SemVer& v) {
  KeyBuilder key;
  key.add(v.major, 16).add(v.minor, 16).add(v.patch, 16);
  if (v.prerelease.empty()) return key.add(2, 2).key();
  const SemVerIdentifier& first = v.prerelease.front();
  if (first.numeric) return key.add(0, 2).add(first.number, 14).key();
  auto code = [&first](std::size_t i) -> std::uint64_t {
    return i < first.text.size() ? static_cast<unsigned char>(first.text[i]) + 1u : 0u;
  };
  return key.add(1, 2).add(code(0), 7).add(code(1), 7).key();
}
std::uint64_t order_key(const GoVersion& v) { return order_key(v.semver); }

// Epoch and the first three release numbers (missing ones are 0, as PEP 440 pads them).
std::uint64_t order_key(const Pep440Version& v) {
  auto part = [&v](std::size_t i) { return i < v.release.size() ? v.release[i] : 0; };
  return KeyBuilder{}.add(v.epoch, 4).add(part(0), 20).add(part(1), 20).add(part(2), 20).key();
}

// The four numbers, then 1 for a release.
std::uint64_t order_key(const NuGetVersion& v) {
  return KeyBuilder{}
      .add(v.numbers[0], 16).add(v.numbers[1], 16).add(v.numbers[2], 16).add(v.numbers[3], 15)
      .add(v.labels.empty(), 1).key();
}

// The number the leading digits of `text` spell; any number too large for a key field comes out
// as the maximum, so that KeyBuilder saturates (a truncated prefix would not be monotone).
std::uint64_t leading_number(std::string_view text) {
  constexpr std::uint64_t kLarge = std::uint64_t{1} << 60;
  std::uint64_t value = 0;
  for (char c : text) {
    if (!is_ascii_digit(c)) break;
    if (value >= kLarge / 10) return std::numeric_limits<std::uint64_t>::max();
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return value;
}

// The epoch, then the upstream version's first number (it starts with a digit).
std::uint64_t order_key(const DpkgVersion& v) {
  return KeyBuilder{}.add(v.epoch, 12).add(leading_number(v.upstream), 52).key();
}

// The epoch, then the class of the version's first segment as rpmvercmp orders it
// ('~' < end < '^' < letters < digits) and, for digits, its value.
std::uint64_t order_key(const RpmVersion& v) {
  const std::uint64_t epoch = leading_number(v.epoch);
  std::size_t i = 0;
  while (i < v.version.size() && !is_ascii_alnum(v.version[i]) && v.version[i] != '~' &&
         v.version[i] != '^') {
    ++i;
  }
  std::uint64_t kind = 1;  // the end
  std::uint64_t number = 0;
  if (i < v.version.size()) {
    const char c = v.version[i];
    if (c == '~') kind = 0;
    if (c == '^') kind = 2;
    if (is_ascii_alpha(c)) kind = 3;
    if (is_ascii_digit(c)) {
      kind = 4;
      number = leading_number(std::string_view(v.version).substr(i));
    }
  }
  return KeyBuilder{}.add(epoch, 8).add(kind, 3).add(number, 53).key();
}

// Schemes without a key: every version gets 0 and the full comparison decides.
std::uint64_t order_key(const auto&) { return 0; }

}  // namespace

Version::Version(VersionScheme scheme, Value value, std::string_view text)
    : scheme_(scheme), value_(std::make_shared<const Value>(std::move(value))), text_(text) {
  key_ = std::visit([](const auto& v) { return order_key(v); }, *value_);
}

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
    case VersionScheme::conan: return "conan";
  }
  return "unknown";
}

std::optional<VersionScheme> scheme_for_ecosystem(std::string_view ecosystem) {
  // Compared without allocating: a scan asks once per component.
  const std::string_view name = ecosystem.substr(0, ecosystem.find(':'));
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  for (const auto& entry : kEcosystems) {
    if (std::ranges::equal(entry.ecosystem, name, {}, lower, lower)) return entry.scheme;
  }
  return std::nullopt;
}

std::span<const OrderedEcosystem> ordered_ecosystems() {
  // The last entry is a range type, not an ecosystem.
  return std::span(kEcosystems).first(std::size(kEcosystems) - 1);
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
    case VersionScheme::conan: return build(parse_conan_version(text));
  }
  return std::unexpected(version_error("unknown version scheme", 0));
}

std::weak_ordering Version::compare_values(const Version& a, const Version& b) {
  if (a.scheme_ != b.scheme_) return a.scheme_ <=> b.scheme_;
  return std::visit(
      [&b](const auto& x) -> std::weak_ordering {
        return compare(x, *std::get_if<std::decay_t<decltype(x)>>(b.value_.get()));
      },
      *a.value_);
}

std::string normalize(const Version& version) {
  return std::visit(
      [&version](const auto& value) -> std::string {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, MavenVersion> || std::is_same_v<T, RubyGemsVersion> ||
                      std::is_same_v<T, ApkVersion> || std::is_same_v<T, NumericVersion> ||
                      std::is_same_v<T, ConanVersion>) {
          return version.text();
        } else {
          return to_string(value);
        }
      },
      *version.value_);
}

}  // namespace cradle
