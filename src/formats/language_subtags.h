// BCP 47 language tags (RFC 5646), as CSAF's `lang` and `source_lang` are: the tag's syntax, and
// its language, script and region subtags against the registered codes (ISO 639, ISO 15924,
// ISO 3166-1 and the UN M.49 areas the IANA registry takes; language_subtags.inc, generated from
// Debian's iso-codes). Extlang and variant subtags are checked for syntax only; the grandfathered
// tags of RFC 5646 are accepted as they are.
//
// Threads: plain functions; the registered codes are a read-only table.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cradle {

// Why `tag` is not a valid language tag, or nullopt when it is.
std::optional<std::string> language_tag_problem(std::string_view tag);

}  // namespace cradle
