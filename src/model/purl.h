// Purl: a package URL (purl-spec / ECMA-427), the identity cradle matches components by.
//
// Fields hold decoded text. parse_purl() validates and normalises (the per-type case folding
// and name rules), so a parsed Purl is already canonical and to_string() gives the canonical
// string: parse(to_string(p)) == p. Qualifiers are kept sorted by key, keys lowercase,
// empty values dropped.
//
// The registered types' own rules (namespace presence, case folding, name rules, required
// qualifiers) and cradle's departures from them are in model/purl_type_rules.h.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/error.h"

namespace cradle {

struct Purl {
  std::string type;
  std::string namespace_;  // segments joined by '/'; empty when absent
  std::string name;
  std::string version;     // empty when absent
  std::vector<std::pair<std::string, std::string>> qualifiers;  // sorted by key
  std::string subpath;     // segments joined by '/'; empty when absent

  // The value of a qualifier, or nullopt.
  std::optional<std::string_view> qualifier(std::string_view key) const;

  bool operator==(const Purl&) const = default;
};

// Parses and normalises a purl string. The error's location column points into `text`.
std::expected<Purl, Error> parse_purl(std::string_view text);

// The canonical string form.
std::string to_string(const Purl& purl);

// `pkg:type/namespace/name` in canonical form, without version, qualifiers or subpath: the
// package's identity, for grouping and finding duplicates.
std::string purl_identity(const Purl& purl);

// Whether `pattern` designates `actual`: the same type, namespace and name; the same version
// when the pattern gives one; and every qualifier the pattern gives, with the same value. How
// VEX statements and queries name packages.
bool purl_designates(const Purl& pattern, const Purl& actual);

}  // namespace cradle
