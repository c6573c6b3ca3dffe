#include "versions/vers_range.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "versions/version_text.h"

namespace cradle {
namespace {

using Comparator = VersComparator;

struct VersScheme {
  std::string_view name;
  VersionScheme scheme;
};

constexpr VersScheme kVersSchemes[] = {
    {"semver", VersionScheme::semver},
    {"npm", VersionScheme::semver},
    {"cargo", VersionScheme::semver},
    {"golang", VersionScheme::go},
    {"pypi", VersionScheme::pep440},
    {"maven", VersionScheme::maven},
    {"gem", VersionScheme::rubygems},
    {"deb", VersionScheme::dpkg},
    {"rpm", VersionScheme::rpm},
    {"nuget", VersionScheme::nuget},
    {"composer", VersionScheme::composer},
    {"apk", VersionScheme::apk},
    {"alpine", VersionScheme::apk},
    {"hackage", VersionScheme::hackage},
    {"cran", VersionScheme::cran},
    // The vers specification leaves "generic" to be specified later, "likely similar to
    // Debian's version comparison": that is the ordering used (VEX documents use it for
    // products that have no ecosystem).
    {"generic", VersionScheme::dpkg},
};

std::string_view symbol(Comparator comparator) {
  switch (comparator) {
    case Comparator::equal: return "";
    case Comparator::not_equal: return "!=";
    case Comparator::less: return "<";
    case Comparator::less_equal: return "<=";
    case Comparator::greater: return ">";
    case Comparator::greater_equal: return ">=";
  }
  return "";
}

bool is_lower_bound(Comparator c) { return c == Comparator::greater || c == Comparator::greater_equal; }
bool is_upper_bound(Comparator c) { return c == Comparator::less || c == Comparator::less_equal; }

std::expected<std::string, Error> percent_decode(std::string_view text, std::size_t offset) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    auto hex = [](char c) -> int {
      if (is_ascii_digit(c)) return c - '0';
      char lower = ascii_lower(c);
      return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    };
    if (i + 2 >= text.size()) {
      return std::unexpected(version_error("truncated percent-encoding", offset + i));
    }
    int high = hex(text[i + 1]);
    int low = hex(text[i + 2]);
    if (high < 0 || low < 0) {
      return std::unexpected(version_error("invalid percent-encoding", offset + i));
    }
    out.push_back(static_cast<char>(high * 16 + low));
    i += 2;
  }
  return out;
}

std::string percent_encode(std::string_view text) {
  std::string out;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '%' || c == '|' || c == ' ' || c == '\t' || byte < 0x20 || byte >= 0x7f) {
      out += fmt::format("%{:02X}", byte);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// The specification's validity rules on the sorted constraints.
std::expected<void, Error> validate(const std::vector<VersConstraint>& constraints) {
  for (std::size_t i = 1; i < constraints.size(); ++i) {
    if (compare(constraints[i - 1].version, constraints[i].version) == 0) {
      return std::unexpected(version_error(
          fmt::format("version '{}' appears more than once", constraints[i].version.text()), 0));
    }
  }
  // Ignoring "!=": "=" is followed only by "=", ">" or ">=".
  const VersConstraint* previous = nullptr;
  for (const auto& constraint : constraints) {
    if (constraint.comparator == Comparator::not_equal) continue;
    if (previous != nullptr && previous->comparator == Comparator::equal &&
        is_upper_bound(constraint.comparator)) {
      return std::unexpected(version_error(
          fmt::format("'{}{}' after '{}' is redundant", symbol(constraint.comparator),
                      constraint.version.text(), previous->version.text()),
          0));
    }
    previous = &constraint;
  }
  // Ignoring "=" and "!=": lower and upper bounds alternate.
  previous = nullptr;
  for (const auto& constraint : constraints) {
    if (constraint.comparator == Comparator::not_equal || constraint.comparator == Comparator::equal) {
      continue;
    }
    if (previous != nullptr &&
        is_lower_bound(previous->comparator) == is_lower_bound(constraint.comparator)) {
      return std::unexpected(version_error(
          fmt::format("'{}{}' follows '{}{}': bounds must alternate between lower and upper",
                      symbol(constraint.comparator), constraint.version.text(),
                      symbol(previous->comparator), previous->version.text()),
          0));
    }
    previous = &constraint;
  }
  return {};
}

}  // namespace

std::optional<VersionScheme> scheme_for_vers(std::string_view versioning_scheme) {
  for (const auto& entry : kVersSchemes) {
    if (entry.name == versioning_scheme) return entry.scheme;
  }
  return std::nullopt;
}

std::expected<VersRange, Error> parse_vers(std::string_view raw) {
  std::string text;
  for (char c : raw) {
    if (c != ' ' && c != '\t') text.push_back(c);
  }
  if (!text.starts_with("vers:")) {
    return std::unexpected(version_error("a version range starts with 'vers:'", 0));
  }
  const std::size_t slash = text.find('/', 5);
  if (slash == std::string::npos) {
    return std::unexpected(version_error("expected vers:<versioning-scheme>/<constraints>", 5));
  }
  VersRange range;
  range.versioning_scheme_ = text.substr(5, slash - 5);
  if (range.versioning_scheme_.empty() ||
      range.versioning_scheme_ != ascii_lowercase(range.versioning_scheme_)) {
    return std::unexpected(version_error("the versioning scheme must be non-empty and lowercase", 5));
  }
  const std::string_view constraints = std::string_view(text).substr(slash + 1);
  const std::size_t base = slash + 1;
  if (constraints.find_first_not_of('|') == std::string_view::npos) {
    return std::unexpected(version_error("no constraints", base));
  }
  if (range.versioning_scheme_ == "all" || range.versioning_scheme_ == "none") {
    if (constraints != "*") {
      return std::unexpected(version_error(
          fmt::format("'vers:{}' takes only '*'", range.versioning_scheme_), base));
    }
    range.kind_ = range.versioning_scheme_ == "all" ? VersRange::Kind::all : VersRange::Kind::none;
    return range;
  }
  range.scheme_ = scheme_for_vers(range.versioning_scheme_);
  if (!range.scheme_) {
    return std::unexpected(version_error(
        fmt::format("no version ordering for versioning scheme '{}'", range.versioning_scheme_), 5));
  }
  if (constraints == "*") {
    range.kind_ = VersRange::Kind::star;
    return range;
  }

  std::size_t start = 0;
  while (start <= constraints.size()) {
    std::size_t end = std::min(constraints.find('|', start), constraints.size());
    std::string_view item = constraints.substr(start, end - start);
    const std::size_t at = base + start;
    if (!item.empty()) {
      if (item == "*") {
        return std::unexpected(version_error("'*' must be alone in a range", at));
      }
      Comparator comparator = Comparator::equal;
      std::size_t skip = 0;
      if (item.starts_with(">=")) {
        comparator = Comparator::greater_equal, skip = 2;
      } else if (item.starts_with("<=")) {
        comparator = Comparator::less_equal, skip = 2;
      } else if (item.starts_with("!=")) {
        comparator = Comparator::not_equal, skip = 2;
      } else if (item.starts_with("<")) {
        comparator = Comparator::less, skip = 1;
      } else if (item.starts_with(">")) {
        comparator = Comparator::greater, skip = 1;
      } else if (item.starts_with("=")) {
        return std::unexpected(version_error("write '1.0', not '=1.0', for an equal version", at));
      }
      std::string_view encoded = item.substr(skip);
      if (encoded.empty()) return std::unexpected(version_error("a constraint without a version", at));
      auto decoded = percent_decode(encoded, at + skip);
      if (!decoded) return std::unexpected(decoded.error());
      auto version = parse_version(*range.scheme_, *decoded);
      if (!version) {
        Error error = version.error();
        error.message = fmt::format("invalid version '{}': {}", *decoded, error.message);
        error.location.column = static_cast<int>(at + skip + 1);
        return std::unexpected(error);
      }
      range.constraints_.push_back(VersConstraint{comparator, std::move(*version)});
    }
    if (end == constraints.size()) break;
    start = end + 1;
  }
  std::ranges::stable_sort(range.constraints_, [](const VersConstraint& a, const VersConstraint& b) {
    return compare(a.version, b.version) < 0;
  });
  if (auto valid = validate(range.constraints_); !valid) return std::unexpected(valid.error());
  return range;
}

bool VersRange::contains(const Version& version) const {
  switch (kind_) {
    case Kind::all:
    case Kind::star: return true;
    case Kind::none: return false;
    case Kind::constraints: break;
  }
  for (const auto& c : constraints_) {
    if (compare(version, c.version) != 0) continue;
    if (c.comparator == Comparator::not_equal) return false;
    if (c.comparator == Comparator::equal || c.comparator == Comparator::less_equal ||
        c.comparator == Comparator::greater_equal) {
      return true;
    }
  }
  std::vector<const VersConstraint*> bounds;
  bool only_not_equal = true;
  for (const auto& c : constraints_) {
    if (c.comparator != Comparator::not_equal) only_not_equal = false;
    if (c.comparator != Comparator::not_equal && c.comparator != Comparator::equal) {
      bounds.push_back(&c);
    }
  }
  if (only_not_equal) return true;
  if (bounds.empty()) return false;
  if (is_upper_bound(bounds.front()->comparator) && compare(version, bounds.front()->version) < 0) {
    return true;
  }
  if (is_lower_bound(bounds.back()->comparator) && compare(version, bounds.back()->version) > 0) {
    return true;
  }
  for (std::size_t i = 0; i + 1 < bounds.size(); ++i) {
    if (is_lower_bound(bounds[i]->comparator) && is_upper_bound(bounds[i + 1]->comparator) &&
        compare(version, bounds[i]->version) > 0 && compare(version, bounds[i + 1]->version) < 0) {
      return true;
    }
  }
  return false;
}

std::expected<bool, Error> VersRange::contains(std::string_view version) const {
  if (kind_ == Kind::all) return true;
  if (kind_ == Kind::none) return false;
  auto parsed = parse_version(*scheme_, version);
  if (!parsed) return std::unexpected(parsed.error());
  return contains(*parsed);
}

std::string to_string(const VersRange& range) {
  std::string out = "vers:" + range.versioning_scheme_ + "/";
  if (range.kind_ != VersRange::Kind::constraints) return out + "*";
  for (std::size_t i = 0; i < range.constraints_.size(); ++i) {
    if (i > 0) out.push_back('|');
    out += symbol(range.constraints_[i].comparator);
    out += percent_encode(range.constraints_[i].version.text());
  }
  return out;
}

}  // namespace cradle
