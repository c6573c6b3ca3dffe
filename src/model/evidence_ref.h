// EvidenceRef: where a record came from, so that every later answer can say "why".
//
// It names the source (a path or URL), the SHA-256 of the exact bytes read, the kind of
// document, when cradle ingested it and, where the document says so, when it was produced.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace cradle {

struct EvidenceRef {
  std::string source;       // path or URL as given by the user
  std::string sha256;       // lowercase hex of the bytes read
  std::string kind;         // e.g. "CycloneDX 1.6 JSON", "SPDX 2.3 tag-value"
  std::string ingested_at;  // RFC 3339, UTC
  std::string produced_at;  // RFC 3339 as the document states it; empty when it does not

  bool operator==(const EvidenceRef&) const = default;
};

// Lowercase hex SHA-256 of bytes (OpenSSL).
std::string sha256_hex(std::string_view bytes);
// The SHA-256 of the parts one after the other, as if joined (they are not copied).
std::string sha256_hex(std::initializer_list<std::string_view> parts);

}  // namespace cradle
