#include "formats/document_kind.h"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

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

// The top-level members of a JSON object, as a DOM (simdjson copies the text when it lacks the
// padding it reads ahead into); nullopt when the text is not one JSON object.
struct TopLevel {
  simdjson::dom::parser parser;
  simdjson::dom::object object;
};
bool read_top_level(std::string_view text, TopLevel& out) {
  simdjson::dom::element root;
  if (out.parser.parse(text.data(), text.size(), true).get(root)) return false;
  return root.get_object().get(out.object) == simdjson::SUCCESS;
}

bool string_member_starting(simdjson::dom::object object, std::string_view key, std::string_view prefix) {
  std::string_view value;
  return object[key].get_string().get(value) == simdjson::SUCCESS && value.starts_with(prefix);
}

bool member_is(simdjson::dom::object object, std::string_view key, simdjson::dom::element_type type) {
  simdjson::dom::element value;
  return object[key].get(value) == simdjson::SUCCESS && value.type() == type;
}

// in-toto: a Statement's `_type`, a DSSE envelope's `payloadType` with its `payload`, a Sigstore
// bundle's `mediaType`, or npm's list of bundles ({"attestations": [{"bundle": ...}]}).
bool is_attestation(simdjson::dom::object object) {
  using simdjson::dom::element_type;
  if (string_member_starting(object, "_type", "https://in-toto.io/Statement/")) return true;
  if (member_is(object, "payloadType", element_type::STRING) &&
      member_is(object, "payload", element_type::STRING)) {
    return true;
  }
  if (string_member_starting(object, "mediaType", "application/vnd.dev.sigstore.bundle")) return true;
  simdjson::dom::array list;
  simdjson::dom::object first;
  return object["attestations"].get_array().get(list) == simdjson::SUCCESS &&
         list.at(0).get_object().get(first) == simdjson::SUCCESS &&
         member_is(first, "bundle", element_type::OBJECT);
}

// OpenSSF Scorecard: `repo` and `scorecard` objects and a `checks` array.
bool is_scorecard(simdjson::dom::object object) {
  using simdjson::dom::element_type;
  return member_is(object, "scorecard", element_type::OBJECT) &&
         member_is(object, "repo", element_type::OBJECT) && member_is(object, "checks", element_type::ARRAY);
}

// The top-level members of the OSV schema (1.7): a record has no others.
constexpr std::array<std::string_view, 15> kOsvMembers{
    "schema_version", "id",       "modified",   "published", "withdrawn",
    "aliases",        "upstream", "related",    "summary",   "details",
    "severity",       "affected", "references", "credits",   "database_specific"};

bool is_osv_member(std::string_view key) {
  return std::ranges::find(kOsvMembers, key) != kOsvMembers.end();
}

// OSV: string `id` and `modified`, and no member the schema does not define, so that a SARIF
// log or any other JSON with an `id` and a `modified` is not taken for a record.
bool is_osv(simdjson::dom::object object) {
  using simdjson::dom::element_type;
  if (!member_is(object, "id", element_type::STRING) ||
      !member_is(object, "modified", element_type::STRING)) {
    return false;
  }
  for (auto field : object) {
    if (!is_osv_member(field.key)) return false;
  }
  return true;
}

// What the members of a JSON object no SBOM or VEX marker claimed make it.
DocumentKind kind_of_object(simdjson::dom::object object) {
  if (is_attestation(object)) return DocumentKind::attestation;
  if (is_scorecard(object)) return DocumentKind::scorecard;
  if (is_osv(object)) return DocumentKind::osv;
  return DocumentKind::unknown;
}

// The top-level keys of a YAML mapping: the lines that start with a key and a colon.
std::vector<std::string_view> yaml_top_level_keys(std::string_view text) {
  std::vector<std::string_view> keys;
  for (std::size_t at = 0; at < text.size();) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(at, end - at);
    const bool starts_key = !line.empty() && (std::isalpha(static_cast<unsigned char>(line[0])) || line[0] == '_');
    if (auto colon = line.find(':'); starts_key && colon != std::string_view::npos) {
      keys.push_back(line.substr(0, colon));
    }
    at = end + 1;
  }
  return keys;
}


// A top-level line `"@context": https://openvex.dev/ns...` (the key quoted, as YAML needs).
bool yaml_has_openvex_context(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(at, end - at);
    if ((line.starts_with("\"@context\":") || line.starts_with("'@context':")) &&
        line.find("openvex.dev/ns") != std::string_view::npos) {
      return true;
    }
    at = end + 1;
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
    TopLevel top;
    if (read_top_level(text, top)) return kind_of_object(top.object);
    // JSON Lines of attestations (`.intoto.jsonl`): the first line is one.
    const std::string_view first_line = text.substr(0, text.find('\n'));
    if (first_line.size() < text.size() && read_top_level(first_line, top) && is_attestation(top.object)) {
      return DocumentKind::attestation;
    }
    return DocumentKind::unknown;
  }

  // OpenVEX in YAML: its quoted "@context" key naming the OpenVEX namespace, and `statements`.
  if (const auto keys = yaml_top_level_keys(text);
      std::ranges::find(keys, "statements") != keys.end() && yaml_has_openvex_context(text)) {
    return DocumentKind::openvex;
  }
  if (const auto keys = yaml_top_level_keys(text);
      std::ranges::find(keys, "id") != keys.end() && std::ranges::find(keys, "modified") != keys.end() &&
      std::ranges::all_of(keys, is_osv_member)) {
    return DocumentKind::osv;
  }
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

bool is_sbom(DocumentKind kind) {
  return kind == DocumentKind::cyclonedx_json || kind == DocumentKind::cyclonedx_xml ||
         kind == DocumentKind::spdx2_json || kind == DocumentKind::spdx2_tag_value ||
         kind == DocumentKind::spdx3_json_ld;
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
