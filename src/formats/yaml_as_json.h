// YAML documents read by the JSON readers: the YAML (yaml-cpp) turned into JSON text, so that
// both encodings of a format go through one parser with one set of rules and JSON pointers.
// Problems with the YAML itself (its size, UTF-8, syntax with line:column, nesting) are
// diagnostics; nothing is thrown.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "formats/parse_limits.h"
#include "model/diagnostic.h"

namespace cradle {

enum class YamlScalars {
  strings,  // every scalar a string (OSV: its fields are strings; 1.0 stays "1.0")
  typed,    // plain scalars that read as null, booleans or numbers are those; quoted ones strings
};

// Aliases may repeat what they name up to this many JSON values per byte of the document (plus
// kYamlValuesAtLeast); beyond, the document is refused: "billion laughs" aliases to aliases
// would otherwise expand a few hundred bytes into billions of values.
inline constexpr std::size_t kYamlValuesPerByte = 10;
inline constexpr std::size_t kYamlValuesAtLeast = 10000;

// The JSON text of a YAML document; nullopt, with diagnostics, when it cannot be read.
std::optional<std::string> yaml_as_json(std::string_view bytes, std::string_view file,
                                        const ParseLimits& limits, YamlScalars scalars,
                                        std::vector<Diagnostic>& diagnostics);

}  // namespace cradle
