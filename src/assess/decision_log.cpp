#include "assess/decision_log.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <iterator>
#include <unordered_map>
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

// A decision as the log encodes it: an array of kDecisionFields, its evidence as indices into
// the assessment's evidence table (each document once, in the order first cited).
constexpr std::array<std::string_view, 9> kDecisionFields{"purl", "vulnerability", "licence", "ids", "outcome",
                                                          "rule", "due_by", "rationale", "evidence"};
constexpr std::size_t kEvidenceField = 8;

class EvidenceTable {
 public:
  std::size_t index_of(const EvidenceRef& ref) {
    key_.clear();
    for (const std::string* field : {&ref.source, &ref.sha256, &ref.kind, &ref.ingested_at, &ref.produced_at}) {
      key_ += *field;
      key_ += '\x1f';
    }
    const auto [at, added] = indices_.try_emplace(key_, table_.size());
    if (added) table_.push_back(evidence_of(ref));
    return at->second;
  }
  nlohmann::json take() { return std::move(table_); }

 private:
  std::unordered_map<std::string, std::size_t> indices_;
  std::string key_;  // scratch
  nlohmann::json table_ = nlohmann::json::array();
};

nlohmann::json decision_of(const Decision& decision, EvidenceTable& evidence) {
  nlohmann::json cited = nlohmann::json::array();
  for (const EvidenceRef& ref : decision.evidence) cited.push_back(evidence.index_of(ref));
  return nlohmann::json::array({decision.purl, decision.vulnerability,
                                decision.licence ? nlohmann::json(*decision.licence) : nlohmann::json(nullptr),
                                decision.ids, to_string(decision.outcome), decision.rule, decision.due_by,
                                decision.rationale, std::move(cited)});
}

// A logged decision with its evidence indices replaced by the documents they name, so that two
// encodings compare by what they cite; null when it is not a decision's array.
nlohmann::json resolved(const nlohmann::json& decision, const nlohmann::json& table) {
  if (!decision.is_array() || decision.size() != kDecisionFields.size()) return nullptr;
  nlohmann::json out = decision;
  nlohmann::json& cited = out[kEvidenceField];
  if (!cited.is_array()) return nullptr;
  for (nlohmann::json& index : cited) {
    if (!index.is_number_unsigned() || !table.is_array() || index.get<std::size_t>() >= table.size()) return nullptr;
    index = table[index.get<std::size_t>()];
  }
  return out;
}

// What a decision is about, as a person would name it (and as decisions are matched: one per
// subject in an assessment).
std::string decision_label(const nlohmann::json& decision) {
  auto text = [&](std::size_t field) {
    return decision.is_array() && field < decision.size() && decision[field].is_string()
               ? decision[field].get<std::string>()
               : std::string();
  };
  if (decision.is_array() && decision.size() > 2 && decision[2].is_string()) {
    return fmt::format("the licence of {}", text(0));
  }
  if (text(1).empty()) return "the SBOM";
  return fmt::format("{} of {}", text(1), text(0));
}

std::string shown(const nlohmann::json& value) {
  std::string text = canonical(value);
  if (text.size() > 120) text = text.substr(0, 117) + "...";
  return text;
}

}  // namespace

std::string log_content(const Assessment& assessment) {
  // Written member by member in sorted key order, each decision dumped as it is built: a large
  // assessment is not built as one tree first.
  EvidenceTable evidence;
  std::string out = fmt::format(R"({{"assessment":{},"decided_at":{},"decisions":[)", assessment.id,
                                canonical(assessment.decided_at));
  out.reserve(out.size() + 256 * (assessment.decisions.size() + assessment.licence_decisions.size() + 1));
  bool first = true;
  auto add = [&](const Decision& d) {
    if (!first) out += ',';
    first = false;
    out += canonical(decision_of(d, evidence));
  };
  for (const Decision& d : assessment.decisions) add(d);
  for (const Decision& d : assessment.licence_decisions) add(d);
  if (assessment.sbom_decision) add(*assessment.sbom_decision);
  fmt::format_to(std::back_inserter(out), R"(],"evidence":{},"kind":"assessment","policy":{},"product":{},)"
                                          R"("product_version":{},"sbom":{}}})",
                 canonical(evidence.take()), canonical(evidence_of(assessment.policy)), canonical(assessment.product),
                 canonical(assessment.product_version), assessment.sbom_id);
  return out;
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

std::optional<std::vector<EcosystemLoad>> read_log_snapshot(std::string_view snapshot) {
  const nlohmann::json parsed = nlohmann::json::parse(snapshot, nullptr, false);
  if (!parsed.is_object() || !parsed.contains("advisories") || !parsed["advisories"].is_array()) return std::nullopt;
  std::vector<EcosystemLoad> out;
  for (const nlohmann::json& load : parsed["advisories"]) {
    try {
      out.push_back(EcosystemLoad{load.at("ecosystem").get<std::string>(), load.at("source").get<std::string>(),
                                  load.at("records").get<std::size_t>(), load.at("newest_modified").get<std::string>(),
                                  load.at("loaded_at").get<std::string>(), load.at("unreadable").get<std::size_t>(),
                                  load.at("example").get<bool>()});
    } catch (const nlohmann::json::exception&) {
      return std::nullopt;
    }
  }
  return out;
}

std::string log_entry_hash(const LogEntry& entry) {
  // Hashed in parts: the content of a large assessment is not copied to be hashed.
  const std::string head = fmt::format("{}\n{}\n{}\n{}\n", kVersionLine, entry.position, entry.previous, entry.assessment);
  return sha256_hex({head, entry.snapshot, "\n", entry.content});
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
    if (key == "decisions" || key == "evidence" || stored.value(key, nlohmann::json()) == value) continue;
    out.push_back(fmt::format("{} is {} in the store, {} in the log", key, shown(stored.value(key, nlohmann::json())),
                              shown(value)));
  }
  // Decisions matched by what they are about (a vulnerability of a component, a component's
  // licence, the SBOM): one per subject in an assessment. Their evidence compared as documents.
  const nlohmann::json none = nlohmann::json::array();
  auto member = [&](const nlohmann::json& object, const char* key) -> const nlohmann::json& {
    return object.contains(key) && object[key].is_array() ? object[key] : none;
  };
  const nlohmann::json& logged_decisions = member(logged, "decisions");
  const nlohmann::json& stored_decisions = member(stored, "decisions");
  auto labels = [](const nlohmann::json& list) {
    std::unordered_map<std::string, std::size_t> by_label;
    for (std::size_t i = 0; i < list.size(); ++i) by_label.try_emplace(decision_label(list[i]), i);
    return by_label;
  };
  const auto logged_labels = labels(logged_decisions);
  const auto stored_labels = labels(stored_decisions);
  auto find = [](const std::unordered_map<std::string, std::size_t>& in,
                 const std::string& wanted) -> std::optional<std::size_t> {
    const auto found = in.find(wanted);
    return found == in.end() ? std::nullopt : std::optional(found->second);
  };
  bool reordered = false;
  for (std::size_t i = 0; i < logged_decisions.size(); ++i) {
    const std::string about = decision_label(logged_decisions[i]);
    const auto at = find(stored_labels, about);
    if (!at) {
      out.push_back(fmt::format("decision {} ({}) is in the log, not in the store", i + 1, about));
      continue;
    }
    reordered = reordered || *at != i;
    const nlohmann::json was = resolved(logged_decisions[i], member(logged, "evidence"));
    const nlohmann::json is = resolved(stored_decisions[*at], member(stored, "evidence"));
    if (was.is_null()) {
      out.push_back(fmt::format("decision {} of the log does not read as a decision", i + 1));
      continue;
    }
    if (was == is) continue;
    for (std::size_t field = 0; field < kDecisionFields.size(); ++field) {
      const nlohmann::json now = is.is_array() ? is[field] : nlohmann::json();
      if (now == was[field]) continue;
      out.push_back(fmt::format("decision {} ({}): {} is {} in the store, {} in the log", i + 1, about,
                                kDecisionFields[field], shown(now), shown(was[field])));
    }
  }
  for (std::size_t i = 0; i < stored_decisions.size(); ++i) {
    const std::string about = decision_label(stored_decisions[i]);
    if (!find(logged_labels, about)) {
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
    } else if (!(text.empty() && key == "previous") &&
               (text.size() != 64 ||
                !std::ranges::all_of(text, [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }))) {
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
