// Percent-encoding (RFC 3986 section 2.1), as purls, SARIF artifact URIs and CycloneDX BOM-Links
// need it: each octet outside the unreserved characters (letters, digits, `-._~`) and the ones a
// caller keeps bare becomes `%XX`, upper-case hex.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <string>
#include <string_view>

namespace cradle {

// Appends `text` to `out`, percent-encoded; `bare` lists the characters besides the unreserved
// ones that stay as they are.
void append_percent_encoded(std::string_view text, std::string_view bare, std::string& out);

std::string percent_encoded(std::string_view text, std::string_view bare);

// `text` with each `%XX` decoded; a '%' not followed by two hex digits stays as written.
std::string percent_decoded(std::string_view text);

}  // namespace cradle
