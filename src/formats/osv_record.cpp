#include "formats/osv_record.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>

#include "formats/date_time.h"
#include "formats/json_reader.h"
#include "formats/text_position.h"

namespace cradle {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

class OsvParser {
 public:
  OsvParser(std::string_view file, AdvisoryParseResult& result, const ParseLimits& limits)
      : json_(file, result.diagnostics), result_(result), limits_(limits) {}

  void parse(std::string_view bytes) {
    auto root = json_.parse_object(bytes, limits_);
    if (!root) return;
    Advisory advisory;
    auto id = json_.string_at(*root, "id", "");
    if (!id || id->empty()) {
      json_.error("/id", "an OSV record needs a non-empty 'id'");
      return;
    }
    advisory.id = std::string(*id);
    if (auto modified = json_.string_at(*root, "modified", "")) {
      advisory.modified = std::string(*modified);
      check_time(*modified, "/modified");
    } else {
      json_.error("/modified", "an OSV record needs 'modified'");
    }
    if (auto published = json_.string_at(*root, "published", "")) {
      advisory.published = std::string(*published);
      check_time(*published, "/published");
    }
    if (auto withdrawn = json_.string_at(*root, "withdrawn", "")) {
      advisory.withdrawn = std::string(*withdrawn);
      check_time(*withdrawn, "/withdrawn");
    }
    if (auto version = json_.string_at(*root, "schema_version", "")) {
      advisory.schema_version = std::string(*version);
    }
    if (auto summary = json_.string_at(*root, "summary", "")) advisory.summary = std::string(*summary);
    if (auto details = json_.string_at(*root, "details", "")) advisory.details = std::string(*details);
    read_strings(*root, "aliases", "", advisory.aliases);
    read_strings(*root, "related", "", advisory.related);
    read_strings(*root, "upstream", "", advisory.upstream);
    read_severity(*root, "", advisory.severity);
    if (auto references = json_.array_at(*root, "references", "")) {
      std::size_t index = 0;
      for (element item : *references) {
        const std::string pointer = json_pointer("/references", index++);
        if (auto reference = json_.as_object(item, pointer)) {
          if (auto url = json_.string_at(*reference, "url", pointer)) {
            advisory.references.emplace_back(*url);
          }
        }
      }
    }
    if (auto affected = json_.array_at(*root, "affected", "")) {
      std::size_t index = 0;
      for (element item : *affected) {
        const std::string pointer = json_pointer("/affected", index++);
        if (auto entry = json_.as_object(item, pointer)) read_affected(*entry, pointer, advisory);
      }
    }
    result_.advisory = std::move(advisory);
  }

 private:
  void check_time(std::string_view text, std::string_view pointer) {
    if (!is_rfc3339_date_time(text)) {
      json_.error(pointer, fmt::format("'{}' is not an RFC 3339 date-time", text));
    }
  }

  void read_strings(object owner, std::string_view key, std::string_view parent,
                    std::vector<std::string>& out) {
    auto list = json_.array_at(owner, key, parent);
    if (!list) return;
    const std::string pointer = json_pointer(parent, key);
    std::size_t index = 0;
    for (element item : *list) {
      if (auto text = json_.as_string(item, json_pointer(pointer, index))) out.emplace_back(*text);
      ++index;
    }
  }

  void read_severity(object owner, std::string_view parent, std::vector<SeverityScore>& out) {
    auto list = json_.array_at(owner, "severity", parent);
    if (!list) return;
    const std::string pointer = json_pointer(parent, "severity");
    std::size_t index = 0;
    for (element item : *list) {
      const std::string item_pointer = json_pointer(pointer, index++);
      auto entry = json_.as_object(item, item_pointer);
      if (!entry) continue;
      auto type = json_.string_at(*entry, "type", item_pointer);
      auto score = json_.string_at(*entry, "score", item_pointer);
      if (!type || !score) {
        json_.error(item_pointer, "a severity needs 'type' and 'score'");
        continue;
      }
      out.push_back(SeverityScore{std::string(*type), std::string(*score)});
    }
  }

  void read_affected(object entry, const std::string& pointer, Advisory& advisory) {
    AffectedPackage package;
    if (auto package_object = json_.object_at(entry, "package", pointer)) {
      const std::string package_pointer = pointer + "/package";
      auto ecosystem = json_.string_at(*package_object, "ecosystem", package_pointer);
      auto name = json_.string_at(*package_object, "name", package_pointer);
      if (!ecosystem || ecosystem->empty() || !name || name->empty()) {
        json_.error(package_pointer, "a package needs 'ecosystem' and 'name'");
      } else {
        package.versions.ecosystem = std::string(*ecosystem);
        package.name = std::string(*name);
      }
      if (auto purl = json_.string_at(*package_object, "purl", package_pointer)) {
        package.purl = std::string(*purl);
      }
    }
    read_strings(entry, "versions", pointer, package.versions.versions);
    read_severity(entry, pointer, package.severity);
    if (auto ranges = json_.array_at(entry, "ranges", pointer)) {
      std::size_t index = 0;
      for (element item : *ranges) {
        const std::string range_pointer = json_pointer(pointer + "/ranges", index++);
        if (auto range = json_.as_object(item, range_pointer)) {
          read_range(*range, range_pointer, package.versions.ranges);
        }
      }
    }
    advisory.affected.push_back(std::move(package));
  }

  void read_range(object range, const std::string& pointer, std::vector<OsvRange>& out) {
    OsvRange parsed;
    auto type = json_.string_at(range, "type", pointer);
    if (!type) {
      json_.error(pointer, "a range needs 'type'");
      return;
    }
    parsed.type = std::string(*type);
    if (parsed.type != "SEMVER" && parsed.type != "ECOSYSTEM" && parsed.type != "GIT") {
      json_.error(pointer + "/type",
                  fmt::format("range type '{}' is not SEMVER, ECOSYSTEM or GIT", parsed.type));
    }
    if (auto repo = json_.string_at(range, "repo", pointer)) parsed.repo = std::string(*repo);
    if (parsed.type == "GIT" && parsed.repo.empty()) json_.error(pointer, "a GIT range needs 'repo'");
    auto events = json_.array_at(range, "events", pointer);
    if (!events || events->size() == 0) {
      json_.error(pointer, "a range needs a non-empty 'events' list");
      return;
    }
    bool introduced = false;
    bool fixed = false;
    bool last_affected = false;
    std::size_t index = 0;
    for (element item : *events) {
      const std::string event_pointer = json_pointer(pointer + "/events", index++);
      auto event = json_.as_object(item, event_pointer);
      if (!event) continue;
      std::size_t members = 0;
      for (auto [key, value] : *event) {
        ++members;
        std::optional<OsvEvent::Kind> kind;
        if (key == "introduced") kind = OsvEvent::Kind::introduced;
        if (key == "fixed") kind = OsvEvent::Kind::fixed;
        if (key == "last_affected") kind = OsvEvent::Kind::last_affected;
        if (key == "limit") kind = OsvEvent::Kind::limit;
        if (!kind) {
          json_.error(json_pointer(event_pointer, key),
                      fmt::format("'{}' is not an event (introduced, fixed, last_affected, limit)", key));
          continue;
        }
        auto version = json_.as_string(value, json_pointer(event_pointer, key));
        if (!version) continue;
        if (version->empty()) {
          json_.error(json_pointer(event_pointer, key), "an event needs a version");
          continue;
        }
        introduced = introduced || *kind == OsvEvent::Kind::introduced;
        fixed = fixed || *kind == OsvEvent::Kind::fixed;
        last_affected = last_affected || *kind == OsvEvent::Kind::last_affected;
        parsed.events.push_back(OsvEvent{*kind, std::string(*version)});
      }
      if (members != 1) json_.error(event_pointer, "an event has exactly one member");
    }
    if (!introduced) json_.error(pointer, "a range needs an 'introduced' event");
    if (fixed && last_affected) {
      json_.error(pointer, "a range has 'fixed' or 'last_affected' events, not both");
    }
    out.push_back(std::move(parsed));
  }

  JsonReader json_;
  AdvisoryParseResult& result_;
  const ParseLimits& limits_;
};

// yaml-cpp 0.7 (Debian 12) writes the YAML escapes "\_" and "\N" (U+00A0, U+0085) as the single
// bytes 0xA0 and 0x85 instead of their UTF-8 encodings. The input was checked to be UTF-8, so
// such a lone byte in a scalar can only come from these escapes: encode it properly.
std::string repair_yaml_escapes(const std::string& scalar) {
  if (!first_invalid_utf8(scalar)) return scalar;
  std::string out;
  out.reserve(scalar.size() + 8);
  std::string_view rest = scalar;
  while (!rest.empty()) {
    auto bad = first_invalid_utf8(rest);
    if (!bad) {
      out += rest;
      break;
    }
    out += rest.substr(0, *bad);
    const auto byte = static_cast<unsigned char>(rest[*bad]);
    if (byte == 0xA0 || byte == 0x85) {
      out.push_back(static_cast<char>(0xC2));
    }
    out.push_back(rest[*bad]);
    rest.remove_prefix(*bad + 1);
  }
  return out;
}

// YAML -> JSON: every scalar becomes a string (OSV's fields are strings), so that both encodings
// go through one reader. Returns false on a nesting deeper than the limit.
bool to_json(const YAML::Node& node, nlohmann::json& out, std::size_t depth, std::size_t max_depth) {
  if (depth > max_depth) return false;
  switch (node.Type()) {
    case YAML::NodeType::Map:
      out = nlohmann::json::object();
      for (const auto& item : node) {
        nlohmann::json value;
        if (!to_json(item.second, value, depth + 1, max_depth)) return false;
        out[item.first.Scalar()] = std::move(value);
      }
      return true;
    case YAML::NodeType::Sequence:
      out = nlohmann::json::array();
      for (const auto& item : node) {
        nlohmann::json value;
        if (!to_json(item, value, depth + 1, max_depth)) return false;
        out.push_back(std::move(value));
      }
      return true;
    case YAML::NodeType::Scalar:
      out = repair_yaml_escapes(node.Scalar());
      return true;
    default:
      out = nullptr;
      return true;
  }
}

Diagnostic error_at(std::string_view file, SourceLocation location, std::string message) {
  return Diagnostic{Severity::error, std::string(file), std::move(location), std::move(message)};
}

// The evidence of a record: the SHA-256 of the bytes as read, their kind, and `modified`.
void stamp_evidence(AdvisoryParseResult& result, std::string_view bytes, std::string_view kind) {
  if (!result.advisory) return;
  result.advisory->evidence.sha256 = sha256_hex(bytes);
  result.advisory->evidence.kind = std::string(kind);
  result.advisory->evidence.produced_at = result.advisory->modified;
}

}  // namespace

AdvisoryParseResult parse_osv_json(std::string_view bytes, std::string_view file,
                                   const ParseLimits& limits) {
  AdvisoryParseResult result;
  OsvParser(file, result, limits).parse(bytes);
  stamp_evidence(result, bytes, "OSV JSON");
  return result;
}

AdvisoryParseResult parse_osv_yaml(std::string_view bytes, std::string_view file,
                                   const ParseLimits& limits) {
  AdvisoryParseResult result;
  if (bytes.size() > limits.max_bytes) {
    result.diagnostics.push_back(error_at(
        file, {}, fmt::format("the file is {} bytes, more than the limit of {} bytes", bytes.size(),
                              limits.max_bytes)));
    return result;
  }
  if (auto bad = first_invalid_utf8(bytes)) {
    result.diagnostics.push_back(error_at(file, position_at(bytes, *bad), "invalid UTF-8"));
    return result;
  }
  nlohmann::json json;
  try {
    const YAML::Node root = YAML::Load(std::string(bytes));
    if (!to_json(root, json, 1, limits.max_depth)) {
      result.diagnostics.push_back(error_at(
          file, {}, fmt::format("the YAML nests deeper than the limit of {} levels", limits.max_depth)));
      return result;
    }
  } catch (const YAML::Exception& error) {
    result.diagnostics.push_back(error_at(
        file, SourceLocation{error.mark.line + 1, error.mark.column + 1, {}},
        fmt::format("malformed YAML: {}", error.msg)));
    return result;
  }
  std::string text;
  try {
    text = json.dump();
  } catch (const nlohmann::json::exception& error) {
    // YAML text that is not UTF-8 (the YAML spec requires a Unicode encoding).
    result.diagnostics.push_back(error_at(file, {}, fmt::format("the YAML is not valid UTF-8: {}", error.what())));
    return result;
  }
  OsvParser(file, result, limits).parse(text);
  stamp_evidence(result, bytes, "OSV YAML");
  return result;
}

AdvisoryParseResult parse_osv(std::string_view bytes, std::string_view file,
                              const ParseLimits& limits) {
  const auto first = bytes.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && bytes[first] == '{') return parse_osv_json(bytes, file, limits);
  return parse_osv_yaml(bytes, file, limits);
}

}  // namespace cradle
