#include "formats/document_kind.h"

#include <algorithm>


namespace cradle {
namespace {

std::string_view skip_bom_and_space(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  auto first = text.find_first_not_of(" \t\r\n");
  return first == std::string_view::npos ? std::string_view{} : text.substr(first);
}

// The first XML element name that is not a declaration, comment or processing instruction.
std::string_view root_element(std::string_view text) {
  std::size_t at = 0;
  while ((at = text.find('<', at)) != std::string_view::npos) {
    if (text.compare(at, 4, "<!--") == 0) {
      at = text.find("-->", at);
      if (at == std::string_view::npos) return {};
      continue;
    }
    if (at + 1 < text.size() && (text[at + 1] == '?' || text[at + 1] == '!')) {
      ++at;
      continue;
    }
    auto end = text.find_first_of(" \t\r\n>/", at + 1);
    if (end == std::string_view::npos) return {};
    return text.substr(at + 1, end - at - 1);
  }
  return {};
}

// Whether `"key"` appears as a member would be written, a key followed by a colon, with a value
// (the text from its first character on) that `accept` takes.
template <typename Accept>
bool has_member(std::string_view text, std::string_view quoted_key, Accept accept) {
  std::size_t at = 0;
  while ((at = text.find(quoted_key, at)) != std::string_view::npos) {
    at += quoted_key.size();
    auto colon = text.find_first_not_of(" \t\r\n", at);
    if (colon == std::string_view::npos || text[colon] != ':') continue;
    auto value = text.find_first_not_of(" \t\r\n", colon + 1);
    if (value != std::string_view::npos && accept(text.substr(value))) return true;
  }
  return false;
}

bool has_string_member(std::string_view text, std::string_view quoted_key) {
  return has_member(text, quoted_key, [](std::string_view value) { return value.front() == '"'; });
}

// A string member whose value starts with `prefix`.
bool has_string_member_starting(std::string_view text, std::string_view quoted_key, std::string_view prefix) {
  return has_member(text, quoted_key, [&](std::string_view value) {
    return value.front() == '"' && value.substr(1).starts_with(prefix);
  });
}

// A member whose value opens with `opener` ('{' or '[').
bool has_member_opening(std::string_view text, std::string_view quoted_key, char opener) {
  return has_member(text, quoted_key, [&](std::string_view value) { return value.front() == opener; });
}

// in-toto: a Statement's `_type`, a DSSE envelope's `payloadType` with its `payload`, or a
// Sigstore bundle's `mediaType` (alone, or in npm's list of bundles). A DSSE envelope may state
// its payload type after a payload of any length, so the whole text is looked at.
bool is_attestation(std::string_view text) {
  return has_string_member_starting(text, "\"_type\"", "https://in-toto.io/Statement/") ||
         (has_string_member(text, "\"payloadType\"") && has_string_member(text, "\"payload\"")) ||
         has_string_member_starting(text, "\"mediaType\"", "application/vnd.dev.sigstore.bundle");
}

// OpenSSF Scorecard: `repo` and `scorecard` objects and a `checks` array.
bool is_scorecard(std::string_view text) {
  return has_member_opening(text, "\"scorecard\"", '{') && has_member_opening(text, "\"repo\"", '{') &&
         has_member_opening(text, "\"checks\"", '[');
}

// Whether a line starts with `key:` (a top-level YAML mapping key).
bool has_yaml_key(std::string_view text, std::string_view key) {
  for (std::size_t at = 0; at < text.size();) {
    if (text.compare(at, key.size(), key) == 0 && at + key.size() < text.size() && text[at + key.size()] == ':') {
      return true;
    }
    at = text.find('\n', at);
    if (at == std::string_view::npos) break;
    ++at;
  }
  return false;
}

}  // namespace

DocumentKind detect_document_kind(std::string_view bytes) {
  if (bytes.starts_with(std::string_view("PK\x03\x04", 4)) || bytes.starts_with(std::string_view("PK\x05\x06", 4))) {
    return DocumentKind::zip;
  }
  std::string_view text = skip_bom_and_space(bytes);
  if (text.empty()) return DocumentKind::unknown;

  if (text.front() == '<') {
    std::string_view root = root_element(text);
    std::string_view local = root.substr(root.find(':') == std::string_view::npos
                                             ? 0
                                             : root.find(':') + 1);
    if (local == "bom" && text.find("cyclonedx.org/schema/bom") != std::string_view::npos) {
      return DocumentKind::cyclonedx_xml;
    }
    return DocumentKind::unknown;
  }

  if (text.front() == '{') {
    // Top-level keys decide; a bounded look at the opening keeps detection cheap, with a
    // whole-document look as the fallback for documents that put them late.
    for (std::string_view window : {text.substr(0, 4096), text}) {
      if (has_string_member(window, "\"bomFormat\"")) {
        return DocumentKind::cyclonedx_json;
      }
      if (has_string_member(window, "\"spdxVersion\"")) {
        return DocumentKind::spdx2_json;
      }
      if (window.find("\"@context\"") != std::string_view::npos &&
          window.find("spdx.org/rdf/3") != std::string_view::npos) {
        return DocumentKind::spdx3_json_ld;
      }
      if (window.find("\"@context\"") != std::string_view::npos &&
          window.find("openvex.dev/ns") != std::string_view::npos) {
        return DocumentKind::openvex;
      }
      if (has_string_member(window, "\"csaf_version\"")) return DocumentKind::csaf;
    }
    if (is_attestation(text)) return DocumentKind::attestation;
    if (is_scorecard(text)) return DocumentKind::scorecard;
    if (has_string_member(text, "\"id\"") && has_string_member(text, "\"modified\"")) return DocumentKind::osv;
    return DocumentKind::unknown;
  }

  if (has_yaml_key(text, "id") && has_yaml_key(text, "modified")) return DocumentKind::osv;
  // SPDX tag-value: comment lines may come first; the first tag must be SPDXVersion.
  std::size_t at = 0;
  while (at < text.size()) {
    auto end = text.find('\n', at);
    std::string_view line = text.substr(at, end == std::string_view::npos ? end : end - at);
    auto content = line.find_first_not_of(" \t\r");
    if (content != std::string_view::npos && line[content] != '#') {
      return line.substr(content).starts_with("SPDXVersion:") ? DocumentKind::spdx2_tag_value
                                                              : DocumentKind::unknown;
    }
    if (end == std::string_view::npos) break;
    at = end + 1;
  }
  return DocumentKind::unknown;
}

std::string_view to_string(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::cyclonedx_json:
      return "CycloneDX JSON";
    case DocumentKind::cyclonedx_xml:
      return "CycloneDX XML";
    case DocumentKind::spdx2_json:
      return "SPDX 2 JSON";
    case DocumentKind::spdx2_tag_value:
      return "SPDX 2 tag-value";
    case DocumentKind::spdx3_json_ld:
      return "SPDX 3 JSON-LD";
    case DocumentKind::openvex:
      return "OpenVEX";
    case DocumentKind::csaf:
      return "CSAF";
    case DocumentKind::osv:
      return "OSV";
    case DocumentKind::attestation:
      return "in-toto attestation";
    case DocumentKind::scorecard:
      return "OpenSSF Scorecard";
    case DocumentKind::zip:
      return "zip";
    case DocumentKind::unknown:
      break;
  }
  return "unknown";
}

}  // namespace cradle
