#include "formats/signals/scorecard.h"

#include <fmt/format.h>

#include <array>
#include <string>

#include "formats/json_reader.h"
#include "model/date_time.h"

namespace cradle {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

constexpr std::string_view kSource = "OpenSSF Scorecard";

// A score as Scorecard writes it: 0-10, or -1 for a check that could not conclude (nullopt);
// false when it is neither.
bool read_score(JsonReader& json, element value, const JsonPath& at, std::optional<double>& score) {
  double number = 0;
  if (value.get(number)) {
    json.error(at, fmt::format("expected a number, found {}", json_type_name(value.type())));
    return false;
  }
  if (number == -1) {
    score.reset();
    return true;
  }
  if (number < 0 || number > 10) {
    json.error(at, fmt::format("a score is 0 to 10, or -1 when inconclusive; found {}", number));
    return false;
  }
  score = number;
  return true;
}

// Whether `repo.name` is present but not a string (string_at() has said so already).
bool name_is_wrong_type(object repo) {
  element name;
  return !repo.at_key("name").get(name) && !name.is_string();
}

// YYYY-MM-DD, as Scorecard results before v5 write their date.
bool is_plain_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}

}  // namespace

SignalParseResult parse_scorecard(std::string_view bytes, std::string_view file, const ParseLimits& limits) {
  SignalParseResult result;
  JsonReader json(file, result.diagnostics);
  auto root = json.parse_object(bytes, limits);
  if (!root) return result;
  Signal common;
  common.source = std::string(kSource);
  auto repo = json.object_at(*root, "repo", "");
  if (!repo) {
    if (!JsonReader::has(*root, "repo")) json.error("/repo", "a Scorecard result needs 'repo'");
  } else if (auto name = json.string_at(*repo, "name", "/repo"); name && !name->empty()) {
    common.subject = std::string(*name);
    if (auto commit = json.string_at(*repo, "commit", "/repo")) common.revision = std::string(*commit);
  } else if (!name_is_wrong_type(*repo)) {
    json.error("/repo/name", "a Scorecard result needs the repository's name");
  }
  if (auto tool = json.object_at(*root, "scorecard", "")) {
    if (auto version = json.string_at(*tool, "version", "/scorecard")) common.source_version = std::string(*version);
  }
  if (auto date = json.string_at(*root, "date", "")) {
    common.observed_at = std::string(*date);
    if (!is_rfc3339_date_time(*date) && !is_plain_date(*date)) {
      json.error("/date", fmt::format("'{}' is neither an RFC 3339 date-time nor a date", *date));
    }
  } else if (!JsonReader::has(*root, "date")) {
    json.error("/date", "a Scorecard result needs 'date'");
  }
  common.evidence.sha256 = sha256_hex(bytes);
  common.evidence.kind = std::string(kSource);
  common.evidence.produced_at = common.observed_at;

  element aggregate;
  if (!root->at_key("score").get(aggregate)) {
    Signal signal = common;
    signal.name = "aggregate";
    if (read_score(json, aggregate, "/score", signal.score)) result.signals.push_back(std::move(signal));
  }
  const JsonPath checks_at("/checks");
  auto checks = json.array_at(*root, "checks", "");
  if (!checks) {
    if (!JsonReader::has(*root, "checks")) json.error(checks_at, "a Scorecard result needs 'checks'");
    return result;
  }
  std::size_t index = 0;
  for (element value : *checks) {
    const JsonPath at(checks_at, index++);
    auto check = json.as_object(value, at);
    if (!check) continue;
    static constexpr std::array<std::string_view, 3> kKeys{"name", "score", "reason"};
    const Members<3> members(*check, kKeys);
    Signal signal = common;
    signal.position = result.signals.size();
    auto name = json.as_string(members.get(0), JsonPath(at, "name"));
    if (!name || name->empty()) {
      if (!members.has(0) || name) json.error(JsonPath(at, "name"), "a check needs a name");
      continue;
    }
    signal.name = std::string(*name);
    if (!members.has(1)) {
      json.error(JsonPath(at, "score"), "a check needs 'score'");
      continue;
    }
    if (!read_score(json, *members.get(1), JsonPath(at, "score"), signal.score)) continue;
    if (auto reason = json.as_string(members.get(2), JsonPath(at, "reason"))) signal.reason = std::string(*reason);
    result.signals.push_back(std::move(signal));
  }
  if (index == 0) json.error(checks_at, "a Scorecard result with no checks says nothing");
  return result;
}

}  // namespace cradle
