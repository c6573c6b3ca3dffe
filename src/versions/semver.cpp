#include "versions/semver.h"

#include <fmt/format.h>

#include <algorithm>

#include "versions/version_text.h"

namespace cradle {
namespace {

bool is_identifier_char(char c) { return is_ascii_alnum(c) || c == '-'; }

// Splits `text` on '.' into identifiers of [0-9A-Za-z-]; `what` names the part in errors.
std::expected<std::vector<std::string_view>, Error> split_identifiers(std::string_view text,
                                                                     std::string_view what,
                                                                     std::size_t offset) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t end = std::min(text.find('.', start), text.size());
    std::string_view part = text.substr(start, end - start);
    if (part.empty()) return std::unexpected(version_error(fmt::format("empty {} identifier", what), offset + start));
    if (auto bad = std::ranges::find_if_not(part, is_identifier_char); bad != part.end()) {
      return std::unexpected(version_error(
          fmt::format("'{}' is not allowed in a {} identifier", *bad, what),
          offset + start + static_cast<std::size_t>(bad - part.begin())));
    }
    parts.push_back(part);
    if (end == text.size()) return parts;
    start = end + 1;
  }
}

}  // namespace

std::expected<SemVer, Error> parse_semver(std::string_view text, SemVerSyntax syntax) {
  if (text.empty()) return std::unexpected(version_error("empty version", 0));
  std::size_t offset = 0;
  if (text.front() == 'v') offset = 1;
  std::string_view rest = text.substr(offset);

  // Split off build metadata, then the pre-release: '+' ends the pre-release, the first '-'
  // starts it (identifiers may contain '-').
  std::string_view build;
  if (auto plus = rest.find('+'); plus != std::string_view::npos) {
    build = rest.substr(plus + 1);
    rest = rest.substr(0, plus);
    if (auto ids = split_identifiers(build, "build", offset + plus + 1); !ids) {
      return std::unexpected(ids.error());
    }
  }
  std::string_view prerelease;
  bool has_prerelease = false;
  if (auto dash = rest.find('-'); dash != std::string_view::npos) {
    prerelease = rest.substr(dash + 1);
    rest = rest.substr(0, dash);
    has_prerelease = true;
  }

  SemVer version;
  std::uint64_t* fields[] = {&version.major, &version.minor, &version.patch};
  std::size_t start = 0;
  std::size_t count = 0;
  while (true) {
    if (count == 3) {
      return std::unexpected(version_error("more than three numeric parts", offset + start - 1));
    }
    std::size_t end = std::min(rest.find('.', start), rest.size());
    auto number = parse_decimal(rest.substr(start, end - start), /*allow_leading_zero=*/false);
    if (!number) {
      return std::unexpected(version_error(
          decimal_problem(rest.substr(start, end - start), /*allow_leading_zero=*/false),
          offset + start));
    }
    *fields[count++] = *number;
    if (end == rest.size()) break;
    start = end + 1;
  }
  bool shorthand_ok = syntax.allow_shorthand && !has_prerelease && build.empty();
  if (count < 3 && !shorthand_ok) {
    return std::unexpected(version_error("expected MAJOR.MINOR.PATCH", offset));
  }

  if (has_prerelease) {
    std::size_t pre_offset = offset + rest.size() + 1;
    auto ids = split_identifiers(prerelease, "pre-release", pre_offset);
    if (!ids) return std::unexpected(ids.error());
    for (std::string_view id : *ids) {
      SemVerIdentifier identifier;
      identifier.text = std::string(id);
      if (std::ranges::all_of(id, is_ascii_digit)) {
        auto number = parse_decimal(id, /*allow_leading_zero=*/false);
        if (!number) {
          return std::unexpected(version_error(
              fmt::format("numeric pre-release identifier '{}' has a leading zero or is too large",
                          id),
              pre_offset));
        }
        identifier.numeric = true;
        identifier.number = *number;
      }
      version.prerelease.push_back(std::move(identifier));
    }
  }
  version.build = std::string(build);
  return version;
}

std::strong_ordering compare(const SemVer& a, const SemVer& b) {
  if (auto c = a.major <=> b.major; c != 0) return c;
  if (auto c = a.minor <=> b.minor; c != 0) return c;
  if (auto c = a.patch <=> b.patch; c != 0) return c;
  if (a.prerelease.empty() != b.prerelease.empty()) {
    return a.prerelease.empty() ? std::strong_ordering::greater : std::strong_ordering::less;
  }
  std::size_t n = std::min(a.prerelease.size(), b.prerelease.size());
  for (std::size_t i = 0; i < n; ++i) {
    const SemVerIdentifier& x = a.prerelease[i];
    const SemVerIdentifier& y = b.prerelease[i];
    if (x.numeric && y.numeric) {
      if (auto c = x.number <=> y.number; c != 0) return c;
    } else if (x.numeric != y.numeric) {
      return x.numeric ? std::strong_ordering::less : std::strong_ordering::greater;
    } else if (auto c = x.text.compare(y.text); c != 0) {
      return c < 0 ? std::strong_ordering::less : std::strong_ordering::greater;
    }
  }
  return a.prerelease.size() <=> b.prerelease.size();
}

std::string to_string(const SemVer& version) {
  std::string out = fmt::format("{}.{}.{}", version.major, version.minor, version.patch);
  for (std::size_t i = 0; i < version.prerelease.size(); ++i) {
    out.push_back(i == 0 ? '-' : '.');
    out += version.prerelease[i].text;
  }
  if (!version.build.empty()) {
    out.push_back('+');
    out += version.build;
  }
  return out;
}

}  // namespace cradle
