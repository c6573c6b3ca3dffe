#include "assess/decision_log.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "model/evidence_ref.h"

namespace cradle {
namespace {

constexpr std::string_view kVersionLine = "cradle decision log 1";

// Sorted keys, no whitespace; bytes that are not UTF-8 replaced rather than thrown on.
std::string canonical(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json evidence_of(const EvidenceRef& ref) {
  return nlohmann::json::array({ref.source, ref.sha256, ref.kind, ref.ingested_at, ref.produced_at});
}

nlohmann::json decision_of(const Decision& decision) {
  nlohmann::json evidence = nlohmann::json::array();
  for (const EvidenceRef& ref : decision.evidence) evidence.push_back(evidence_of(ref));
  return {{"purl", decision.purl},
          {"vulnerability", decision.vulnerability},
          {"licence", decision.licence ? nlohmann::json(*decision.licence) : nlohmann::json(nullptr)},
          {"ids", decision.ids},
          {"outcome", to_string(decision.outcome)},
          {"rule", decision.rule},
          {"due_by", decision.due_by},
          {"rationale", decision.rationale},
          {"evidence", evidence}};
}

// What a decision is about, as a person would name it.
std::string decision_label(const nlohmann::json& decision) {
  auto text = [&](const char* key) {
    const auto found = decision.find(key);
    return found != decision.end() && found->is_string() ? found->get<std::string>() : std::string();
  };
  const auto licence = decision.find("licence");
  if (licence != decision.end() && licence->is_string()) {
    return fmt::format("the licence of {}", text("purl"));
  }
  if (text("vulnerability").empty()) return "the SBOM";
  return fmt::format("{} of {}", text("vulnerability"), text("purl"));
}

std::string shown(const nlohmann::json& value) {
  std::string text = canonical(value);
  if (text.size() > 120) text = text.substr(0, 117) + "...";
  return text;
}

}  // namespace

std::string log_content(const Assessment& assessment) {
  nlohmann::json decisions = nlohmann::json::array();
  for (const Decision& d : assessment.decisions) decisions.push_back(decision_of(d));
  for (const Decision& d : assessment.licence_decisions) decisions.push_back(decision_of(d));
  if (assessment.sbom_decision) decisions.push_back(decision_of(*assessment.sbom_decision));
  return canonical({{"kind", "assessment"},
                    {"assessment", assessment.id},
                    {"product", assessment.product},
                    {"product_version", assessment.product_version},
                    {"sbom", assessment.sbom_id},
                    {"decided_at", assessment.decided_at},
                    {"policy", evidence_of(assessment.policy)},
                    {"decisions", decisions}});
}

std::string log_snapshot(std::span<const EcosystemLoad> loads) {
  nlohmann::json out = nlohmann::json::array();
  for (const EcosystemLoad& load : loads) {
    out.push_back({{"ecosystem", load.ecosystem},
                   {"source", load.source},
                   {"records", load.records},
                   {"newest_modified", load.newest_modified},
                   {"loaded_at", load.loaded_at},
                   {"unreadable", load.unreadable},
                   {"example", load.example}});
  }
  return canonical({{"advisories", out}});
}

std::string log_entry_hash(const LogEntry& entry) {
  return sha256_hex(fmt::format("{}\n{}\n{}\n{}\n{}\n{}", kVersionLine, entry.position, entry.previous,
                                entry.assessment, entry.snapshot, entry.content));
}

LogEntry next_log_entry(const std::optional<LogEntry>& head, std::int64_t assessment, std::string snapshot,
                        std::string content) {
  LogEntry entry;
  entry.position = head ? head->position + 1 : 1;
  entry.previous = head ? head->hash : std::string();
  entry.assessment = assessment;
  entry.snapshot = std::move(snapshot);
  entry.content = std::move(content);
  entry.hash = log_entry_hash(entry);
  return entry;
}

std::vector<LogProblem> verify_log_chain(std::span<const LogEntry> entries) {
  std::vector<LogProblem> problems;
  const LogEntry* before = nullptr;
  for (const LogEntry& entry : entries) {
    auto problem = [&](std::string what) { problems.push_back(LogProblem{entry.position, entry.assessment, std::move(what)}); };
    const std::int64_t expected = before ? before->position + 1 : 1;
    if (entry.position != expected) {
      problem(entry.position > expected
                  ? fmt::format("entries {} to {} are missing", expected, entry.position - 1)
                  : fmt::format("the entry is out of order (after entry {})", before ? before->position : 0));
    }
    const std::string& previous_hash = before ? before->hash : std::string();
    if (entry.previous != previous_hash) {
      problem(before ? fmt::format("it does not follow entry {}: it names {} as the hash before it, entry {}'s is {}",
                                   before->position, entry.previous.empty() ? "none" : entry.previous,
                                   before->position, before->hash)
                     : fmt::format("the first entry names {} as the hash before it", entry.previous));
    }
    if (log_entry_hash(entry) != entry.hash) {
      problem(fmt::format("its hash {} is not the hash of what it holds: it was edited", entry.hash));
    }
    before = &entry;
  }
  return problems;
}

std::vector<std::string> log_content_differences(std::string_view logged_text, std::string_view stored_text) {
  std::vector<std::string> out;
  if (logged_text == stored_text) return out;
  const nlohmann::json logged = nlohmann::json::parse(logged_text, nullptr, false);
  const nlohmann::json stored = nlohmann::json::parse(stored_text, nullptr, false);
  if (!logged.is_object() || !stored.is_object()) {
    out.push_back("the entry's content does not read as an assessment");
    return out;
  }
  for (const auto& [key, value] : logged.items()) {
    if (key == "decisions" || stored.value(key, nlohmann::json()) == value) continue;
    out.push_back(fmt::format("{} is {} in the store, {} in the log", key, shown(stored.value(key, nlohmann::json())),
                              shown(value)));
  }
  // Decisions matched by what they are about (a vulnerability of a component, a component's
  // licence, the SBOM): one per subject in an assessment.
  auto subject = [](const nlohmann::json& decision) { return decision_label(decision); };
  const nlohmann::json none = nlohmann::json::array();
  const nlohmann::json& logged_decisions = logged.contains("decisions") ? logged["decisions"] : none;
  const nlohmann::json& stored_decisions = stored.contains("decisions") ? stored["decisions"] : none;
  auto find = [&](const nlohmann::json& list, const std::string& wanted) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (subject(list[i]) == wanted) return i;
    }
    return std::nullopt;
  };
  bool reordered = false;
  for (std::size_t i = 0; i < logged_decisions.size(); ++i) {
    const nlohmann::json& was = logged_decisions[i];
    const std::string about = subject(was);
    const auto at = find(stored_decisions, about);
    if (!at) {
      out.push_back(fmt::format("decision {} ({}) is in the log, not in the store", i + 1, about));
      continue;
    }
    reordered = reordered || *at != i;
    const nlohmann::json& is = stored_decisions[*at];
    if (was == is || !was.is_object() || !is.is_object()) continue;
    for (const auto& [key, value] : was.items()) {
      if (is.value(key, nlohmann::json()) == value) continue;
      out.push_back(fmt::format("decision {} ({}): {} is {} in the store, {} in the log", i + 1, about, key,
                                shown(is.value(key, nlohmann::json())), shown(value)));
    }
  }
  for (std::size_t i = 0; i < stored_decisions.size(); ++i) {
    const std::string about = subject(stored_decisions[i]);
    if (!find(logged_decisions, about)) {
      out.push_back(fmt::format("decision {} ({}) is in the store, not in the log", i + 1, about));
    }
  }
  if (out.empty() && reordered) out.push_back("the decisions are in another order than logged");
  if (out.empty()) out.push_back("the store's assessment is encoded differently from the log's");
  return out;
}

std::string log_entry_product(std::string_view content) {
  const nlohmann::json parsed = nlohmann::json::parse(content, nullptr, false);
  if (!parsed.is_object()) return {};
  const auto product = parsed.find("product");
  return product != parsed.end() && product->is_string() ? product->get<std::string>() : std::string();
}

std::string log_export_line(const LogEntry& entry) {
  // The snapshot and content are written as they are, so that their bytes hash as logged.
  return fmt::format(R"({{"position":{},"previous":"{}","hash":"{}","assessment":{},"snapshot":{},"content":{}}})",
                     entry.position, entry.previous, entry.hash, entry.assessment, entry.snapshot, entry.content);
}

std::optional<LogEntry> read_log_export_line(std::string_view line, std::string& error) {
  namespace od = simdjson::ondemand;
  const simdjson::padded_string padded(line);
  od::parser parser;
  od::document document;
  od::object object;
  if (auto failed = parser.iterate(padded).get(document)) {
    error = fmt::format("not JSON ({})", simdjson::error_message(failed));
    return std::nullopt;
  }
  if (document.get_object().get(object)) {
    error = "not a JSON object";
    return std::nullopt;
  }
  LogEntry entry;
  std::string_view text;
  auto field = [&](std::string_view key) -> od::value {
    od::value value;
    if (object.find_field(key).get(value) && error.empty()) error = fmt::format("no '{}' where expected", key);
    return value;
  };
  auto hex = [&](std::string_view key, std::string& out) {
    od::value value = field(key);
    if (!error.empty()) return;
    if (value.get_string().get(text)) {
      error = fmt::format("'{}' is not a string", key);
    } else if (text.size() != (key == "previous" && text.empty() ? 0u : 64u) ||
               !std::ranges::all_of(text, [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); })) {
      error = fmt::format("'{}' is not a SHA-256 in lowercase hex", key);
    } else {
      out = std::string(text);
    }
  };
  auto integer = [&](std::string_view key, std::int64_t& out) {
    od::value value = field(key);
    if (error.empty() && value.get_int64().get(out)) error = fmt::format("'{}' is not a whole number", key);
  };
  auto raw = [&](std::string_view key, std::string& out) {
    od::value value = field(key);
    od::object inner;
    if (!error.empty()) return;
    if (value.get_object().get(inner) || inner.raw_json().get(text)) {
      error = fmt::format("'{}' is not a JSON object", key);
    } else {
      out = std::string(text);
      while (!out.empty() && (out.back() == ' ' || out.back() == '\n' || out.back() == '\r' || out.back() == '\t')) {
        out.pop_back();
      }
    }
  };
  integer("position", entry.position);
  hex("previous", entry.previous);
  hex("hash", entry.hash);
  integer("assessment", entry.assessment);
  raw("snapshot", entry.snapshot);
  raw("content", entry.content);
  if (!error.empty()) return std::nullopt;
  return entry;
}

}  // namespace cradle
