#include "formats/osv/osv_record.h"

#include <fmt/format.h>

#include <array>

#include "formats/json_reader.h"
#include "formats/text_position.h"
#include "formats/yaml_as_json.h"
#include "model/date_time.h"

namespace cradle {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

class OsvParser {
 public:
  OsvParser(std::string_view file, AdvisoryParseResult& result, const ParseLimits& limits)
      : json_(file, result.diagnostics), result_(result), limits_(limits) {}

  // The members of a record this parser reads, in one pass over the object.
  enum RecordKey : std::size_t {
    kId, kModified, kPublished, kWithdrawn, kSchemaVersion, kSummary, kDetails, kAliases,
    kRelated, kUpstream, kSeverity, kReferences, kAffected, kRecordKeyCount
  };
  static constexpr std::array<std::string_view, kRecordKeyCount> kRecordKeys{
      "id",      "modified", "published", "withdrawn", "schema_version", "summary", "details",
      "aliases", "related",  "upstream",  "severity",  "references",     "affected"};

  void parse(std::string_view bytes) {
    auto root = json_.parse_object(bytes, limits_);
    if (!root) return;
    const JsonPath at("");
    const Members<kRecordKeyCount> members(*root, kRecordKeys);
    auto string = [&](RecordKey key) {
      return json_.as_string(members.get(key), JsonPath(at, kRecordKeys[key]));
    };
    Advisory advisory;
    auto id = string(kId);
    if (!id || id->empty()) {
      json_.error("/id", "an OSV record needs a non-empty 'id'");
      return;
    }
    advisory.id = std::string(*id);
    if (auto modified = string(kModified)) {
      advisory.modified = std::string(*modified);
      check_time(*modified, "/modified");
    } else {
      json_.error("/modified", "an OSV record needs 'modified'");
    }
    if (auto published = string(kPublished)) {
      advisory.published = std::string(*published);
      check_time(*published, "/published");
    }
    if (auto withdrawn = string(kWithdrawn)) {
      advisory.withdrawn = std::string(*withdrawn);
      check_time(*withdrawn, "/withdrawn");
    }
    if (auto version = string(kSchemaVersion)) advisory.schema_version = std::string(*version);
    if (auto summary = string(kSummary)) advisory.summary = std::string(*summary);
    if (auto details = string(kDetails)) advisory.details = std::string(*details);
    read_strings(members.get(kAliases), JsonPath(at, "aliases"), advisory.aliases);
    read_strings(members.get(kRelated), JsonPath(at, "related"), advisory.related);
    read_strings(members.get(kUpstream), JsonPath(at, "upstream"), advisory.upstream);
    read_severity(members.get(kSeverity), JsonPath(at, "severity"), advisory.severity);
    const JsonPath references_path(at, "references");
    if (auto references = json_.as_array(members.get(kReferences), references_path)) {
      std::size_t index = 0;
      for (element item : *references) {
        const JsonPath path(references_path, index++);
        if (auto reference = json_.as_object(item, path)) {
          if (auto url = json_.string_at(*reference, "url", path)) {
            advisory.references.emplace_back(*url);
          }
        }
      }
    }
    const JsonPath affected_path(at, "affected");
    if (auto affected = json_.as_array(members.get(kAffected), affected_path)) {
      advisory.affected.reserve(affected->size());
      std::size_t index = 0;
      for (element item : *affected) {
        const JsonPath path(affected_path, index++);
        if (auto entry = json_.as_object(item, path)) read_affected(*entry, path, advisory);
      }
    }
    result_.advisory = std::move(advisory);
  }

 private:
  void check_time(std::string_view text, const JsonPath& at) {
    if (!is_rfc3339_date_time(text)) {
      json_.error(at, fmt::format("'{}' is not an RFC 3339 date-time", text));
    }
  }

  void read_strings(const element* value, const JsonPath& at, std::vector<std::string>& out) {
    auto list = json_.as_array(value, at);
    if (!list) return;
    out.reserve(list->size());
    std::size_t index = 0;
    for (element item : *list) {
      if (auto text = json_.as_string(item, JsonPath(at, index))) out.emplace_back(*text);
      ++index;
    }
  }

  void read_severity(const element* value, const JsonPath& at, std::vector<SeverityScore>& out) {
    auto list = json_.as_array(value, at);
    if (!list) return;
    std::size_t index = 0;
    for (element item : *list) {
      const JsonPath path(at, index++);
      auto entry = json_.as_object(item, path);
      if (!entry) continue;
      auto type = json_.string_at(*entry, "type", path);
      auto score = json_.string_at(*entry, "score", path);
      if (!type || !score) {
        json_.error(path, "a severity needs 'type' and 'score'");
        continue;
      }
      out.push_back(SeverityScore{std::string(*type), std::string(*score)});
    }
  }

  enum AffectedKey : std::size_t { kPackage, kVersions, kAffectedSeverity, kRanges, kAffectedKeyCount };
  static constexpr std::array<std::string_view, kAffectedKeyCount> kAffectedKeys{
      "package", "versions", "severity", "ranges"};

  void read_affected(object entry, const JsonPath& at, Advisory& advisory) {
    const Members<kAffectedKeyCount> members(entry, kAffectedKeys);
    AffectedPackage package;
    const JsonPath package_path(at, "package");
    if (auto package_object = json_.as_object(members.get(kPackage), package_path)) {
      static constexpr std::array<std::string_view, 3> kPackageKeys{"ecosystem", "name", "purl"};
      const Members<3> fields(*package_object, kPackageKeys);
      auto ecosystem = json_.as_string(fields.get(0), JsonPath(package_path, kPackageKeys[0]));
      auto name = json_.as_string(fields.get(1), JsonPath(package_path, kPackageKeys[1]));
      if (!ecosystem || ecosystem->empty() || !name || name->empty()) {
        json_.error(package_path, "a package needs 'ecosystem' and 'name'");
      } else {
        package.versions.ecosystem = std::string(*ecosystem);
        package.name = std::string(*name);
      }
      if (auto purl = json_.as_string(fields.get(2), JsonPath(package_path, kPackageKeys[2]))) {
        package.purl = std::string(*purl);
      }
    }
    read_strings(members.get(kVersions), JsonPath(at, "versions"), package.versions.versions);
    read_severity(members.get(kAffectedSeverity), JsonPath(at, "severity"), package.severity);
    const JsonPath ranges_path(at, "ranges");
    if (auto ranges = json_.as_array(members.get(kRanges), ranges_path)) {
      package.versions.ranges.reserve(ranges->size());
      std::size_t index = 0;
      for (element item : *ranges) {
        const JsonPath path(ranges_path, index++);
        if (auto range = json_.as_object(item, path)) {
          read_range(*range, path, package.versions.ranges);
        }
      }
    }
    advisory.affected.push_back(std::move(package));
  }

  void read_range(object range, const JsonPath& at, std::vector<OsvRange>& out) {
    static constexpr std::array<std::string_view, 3> kRangeKeys{"type", "repo", "events"};
    const Members<3> members(range, kRangeKeys);
    OsvRange parsed;
    auto type = json_.as_string(members.get(0), JsonPath(at, kRangeKeys[0]));
    if (!type) {
      json_.error(at, "a range needs 'type'");
      return;
    }
    parsed.type = std::string(*type);
    if (parsed.type != "SEMVER" && parsed.type != "ECOSYSTEM" && parsed.type != "GIT") {
      json_.error(JsonPath(at, "type"),
                  fmt::format("range type '{}' is not SEMVER, ECOSYSTEM or GIT", parsed.type));
    }
    if (auto repo = json_.as_string(members.get(1), JsonPath(at, kRangeKeys[1]))) {
      parsed.repo = std::string(*repo);
    }
    if (parsed.type == "GIT" && parsed.repo.empty()) json_.error(at, "a GIT range needs 'repo'");
    const JsonPath events_path(at, kRangeKeys[2]);
    auto events = json_.as_array(members.get(2), events_path);
    if (!events || events->size() == 0) {
      json_.error(at, "a range needs a non-empty 'events' list");
      return;
    }
    parsed.events.reserve(events->size());
    bool introduced = false;
    bool fixed = false;
    bool last_affected = false;
    std::size_t index = 0;
    for (element item : *events) {
      const JsonPath event_path(events_path, index++);
      auto event = json_.as_object(item, event_path);
      if (!event) continue;
      std::size_t members_seen = 0;
      for (auto [key, value] : *event) {
        ++members_seen;
        std::optional<OsvEvent::Kind> kind;
        if (key == "introduced") kind = OsvEvent::Kind::introduced;
        if (key == "fixed") kind = OsvEvent::Kind::fixed;
        if (key == "last_affected") kind = OsvEvent::Kind::last_affected;
        if (key == "limit") kind = OsvEvent::Kind::limit;
        const JsonPath member_path(event_path, key);
        if (!kind) {
          json_.error(member_path,
                      fmt::format("'{}' is not an event (introduced, fixed, last_affected, limit)", key));
          continue;
        }
        auto version = json_.as_string(value, member_path);
        if (!version) continue;
        if (version->empty()) {
          json_.error(member_path, "an event needs a version");
          continue;
        }
        introduced = introduced || *kind == OsvEvent::Kind::introduced;
        fixed = fixed || *kind == OsvEvent::Kind::fixed;
        last_affected = last_affected || *kind == OsvEvent::Kind::last_affected;
        parsed.events.push_back(OsvEvent{*kind, std::string(*version)});
      }
      if (members_seen != 1) json_.error(event_path, "an event has exactly one member");
    }
    if (!introduced) json_.error(at, "a range needs an 'introduced' event");
    if (fixed && last_affected) {
      json_.error(at, "a range has 'fixed' or 'last_affected' events, not both");
    }
    out.push_back(std::move(parsed));
  }

  JsonReader json_;
  AdvisoryParseResult& result_;
  const ParseLimits& limits_;
};


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
  auto text = yaml_as_json(bytes, file, limits, YamlScalars::strings, result.diagnostics);
  if (!text) return result;
  ParseLimits text_limits = limits;
  text_limits.readable_padding = 0;  // the JSON text is not the caller's padded buffer
  OsvParser(file, result, text_limits).parse(*text);
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
