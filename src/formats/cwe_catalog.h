// A CWE catalog: the ids and names of MITRE's Common Weakness Enumeration, read from the XML file
// MITRE publishes (cwec_vX.Y.xml: Weakness, Category and View entries), for CSAF's test 6.1.11.
// cradle ships no catalog; `cradle csaf check --cwe-catalog FILE` takes one.
//
// Threads: a catalog is a plain value, read-only once built; its functions are plain.
#pragma once

#include <expected>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "model/error.h"

namespace cradle {

struct CweCatalog {
  std::string source;  // the file, and the catalog's name and version when it gives them
  std::map<std::string, std::string, std::less<>> names;  // "CWE-79" -> name

  std::optional<std::string_view> name_of(std::string_view id) const {
    auto it = names.find(id);
    if (it == names.end()) return std::nullopt;
    return it->second;
  }
};

std::expected<CweCatalog, Error> parse_cwe_catalog(std::string_view bytes, std::string_view file);

}  // namespace cradle
