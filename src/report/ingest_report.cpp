#include "report/ingest_report.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <set>
#include <type_traits>

#include "model/display_text.h"
#include "report/counted.h"
#include "report/portfolio_report.h"
#include "report/scan_report.h"

namespace cradle {
namespace {

std::string_view stored_word(bool added) { return added ? "stored" : "already stored"; }

// The line saying what was stored, without its newline; empty when nothing was.
std::string stored_line(const IngestOutcome& outcome) {
  const std::string& file = outcome.source;
  return std::visit(
      [&](const auto& stored) -> std::string {
        using Stored = std::decay_t<decltype(stored)>;
        if constexpr (std::is_same_v<Stored, AdvisoryUpdate>) {
          return advisory_update_line(stored);
        } else if constexpr (std::is_same_v<Stored, SbomIngest>) {
          return fmt::format("{}: {} of {}@{}: {}, {}: {} (sbom {})", Shown{file}, stored.kind,
                             Shown{stored.product}, Shown{stored.version},
                             counted(stored.components, "component"),
                             counted(stored.dependencies, "dependency"),
                             stored_word(outcome.added), stored.sbom_id);
        } else if constexpr (std::is_same_v<Stored, VexIngest>) {
          return fmt::format("{}: {} with {}: {}", file, stored.kind,
                             counted(stored.statements, "statement"), stored_word(outcome.added));
        } else if constexpr (std::is_same_v<Stored, AttestationIngest>) {
          std::vector<std::string> parts;
          if (stored.statements > 0) {
            parts.push_back(fmt::format("{} ({}) about {}",
                                        counted(stored.statements, "in-toto statement"),
                                        fmt::join(stored.predicate_types, ", "),
                                        counted(stored.subjects, "subject")));
          }
          if (!stored.signed_artifacts.empty()) {
            parts.push_back(fmt::format("a Sigstore message signature of {}",
                                        fmt::join(stored.signed_artifacts, ", ")));
          }
          return fmt::format("{}: {}, signatures not verified: {}", file, fmt::join(parts, "; "),
                             stored_word(outcome.added));
        } else if constexpr (std::is_same_v<Stored, SignalIngest>) {
          return fmt::format("{}: {} of {} on {}: {}: {}", file, stored.source, stored.subject,
                             stored.observed_at, counted(stored.signals, "signal"),
                             stored_word(outcome.added));
        } else {
          return {};
        }
      },
      outcome.stored);
}

nlohmann::ordered_json stored_json(const IngestOutcome& outcome) {
  return std::visit(
      [](const auto& stored) -> nlohmann::ordered_json {
        using Stored = std::decay_t<decltype(stored)>;
        if constexpr (std::is_same_v<Stored, AdvisoryUpdate>) {
          return {{"type", "advisories"},     {"documents", stored.documents},
                  {"added", stored.added},    {"replaced", stored.replaced},
                  {"unchanged", stored.unchanged}, {"rejected", stored.rejected},
                  {"other_ecosystems", stored.other_ecosystems},
                  {"not_modified", stored.not_modified}, {"store_failed", stored.store_failed},
                  {"diagnostics", diagnostics_json(stored.diagnostics)}};
        } else if constexpr (std::is_same_v<Stored, SbomIngest>) {
          return {{"type", "sbom"},          {"kind", stored.kind},
                  {"product", stored.product}, {"version", stored.version},
                  {"sbom_id", stored.sbom_id}, {"components", stored.components},
                  {"dependencies", stored.dependencies}};
        } else if constexpr (std::is_same_v<Stored, VexIngest>) {
          return {{"type", "vex"}, {"kind", stored.kind}, {"statements", stored.statements}};
        } else if constexpr (std::is_same_v<Stored, AttestationIngest>) {
          return {{"type", "attestations"},
                  {"statements", stored.statements},
                  {"subjects", stored.subjects},
                  {"predicate_types", stored.predicate_types},
                  {"signed_artifacts", stored.signed_artifacts}};
        } else if constexpr (std::is_same_v<Stored, SignalIngest>) {
          return {{"type", "signals"},           {"source", stored.source},
                  {"subject", stored.subject},   {"observed_at", stored.observed_at},
                  {"signals", stored.signals}};
        } else {
          return nullptr;
        }
      },
      outcome.stored);
}

}  // namespace

std::string advisory_update_line(const AdvisoryUpdate& update) {
  if (update.not_modified) return fmt::format("{}: not modified since the last update", update.source);
  std::string out = fmt::format(
      "{}: {} read: {} added, {} replaced by a newer version, {} unchanged, {} rejected",
      update.source, counted(update.documents, "record"), update.added, update.replaced,
      update.unchanged, update.rejected);
  if (update.other_ecosystems > 0) {
    out += fmt::format(", {} of other ecosystems skipped", update.other_ecosystems);
  }
  return update.store_failed ? out + " (nothing stored)" : out;
}

std::string describe(const Reevaluation& reevaluation) {
  std::size_t added = 0;
  std::size_t resolved = 0;
  std::size_t changed = 0;
  for (const EventRecord& event : reevaluation.events) {
    added += event.kind == EventKind::new_finding ? 1 : 0;
    resolved += event.kind == EventKind::resolved ? 1 : 0;
    changed += event.kind == EventKind::status_changed ? 1 : 0;
  }
  std::string out = fmt::format(
      "{} product version{} re-evaluated: {} new finding{}, {} resolved, {} status change{}",
      reevaluation.product_versions, reevaluation.product_versions == 1 ? "" : "s", added,
      added == 1 ? "" : "s", resolved, changed, changed == 1 ? "" : "s");
  if (!reevaluation.not_covered.empty()) {
    std::size_t components = 0;
    std::set<std::string> ecosystems;
    for (const NotCovered& gap : reevaluation.not_covered) {
      components += gap.components;
      ecosystems.insert(gap.ecosystem);
    }
    out += fmt::format(", {} component{} not covered (no advisories loaded for {})", components,
                       components == 1 ? "" : "s", fmt::join(ecosystems, ", "));
  }
  return out;
}

nlohmann::ordered_json reevaluation_json(const Reevaluation& reevaluation) {
  nlohmann::ordered_json out;
  out["product_versions"] = reevaluation.product_versions;
  out["events"] = nlohmann::ordered_json::array();
  for (const EventRecord& event : reevaluation.events) out["events"].push_back(event_json(event));
  out["not_covered"] = nlohmann::ordered_json::array();
  for (const NotCovered& gap : reevaluation.not_covered) {
    out["not_covered"].push_back({{"product", gap.product},
                                  {"product_version", gap.product_version},
                                  {"ecosystem", gap.ecosystem},
                                  {"components", gap.components},
                                  {"reason", gap.reason}});
  }
  return out;
}

IngestLines ingest_lines(const IngestOutcome& outcome) {
  IngestLines lines;
  const auto problems = [&](const std::vector<Diagnostic>& diagnostics) {
    for (const Diagnostic& d : diagnostics) lines.problems += format_diagnostic(d) + '\n';
  };
  if (const auto* update = std::get_if<AdvisoryUpdate>(&outcome.stored)) problems(update->diagnostics);
  problems(outcome.diagnostics);
  if (outcome.reevaluation) problems(outcome.reevaluation->diagnostics);
  if (std::string line = stored_line(outcome); !line.empty()) lines.said += line + '\n';
  if (outcome.reevaluation && outcome.reevaluation->product_versions > 0) {
    lines.said += fmt::format("{}: {}\n", outcome.source, describe(*outcome.reevaluation));
  }
  return lines;
}

std::string not_documents_line(const std::string& path, const std::vector<std::string>& files) {
  return fmt::format("{}: {} not ingested, not a document cradle ingests: {}", path,
                     counted(files.size(), "file"), fmt::join(files, ", "));
}

nlohmann::ordered_json ingest_outcome_json(const IngestOutcome& outcome) {
  nlohmann::ordered_json out;
  out["source"] = outcome.source;
  out["failed"] = outcome.failed;
  out["added"] = outcome.added;
  out["stored"] = stored_json(outcome);
  out["reevaluation"] =
      outcome.reevaluation ? reevaluation_json(*outcome.reevaluation) : nlohmann::ordered_json();
  nlohmann::ordered_json diagnostics = diagnostics_json(outcome.diagnostics);
  for (std::size_t i = 0; i < diagnostics.size(); ++i) {
    diagnostics[i]["file"] = outcome.diagnostics[i].file;
  }
  out["diagnostics"] = std::move(diagnostics);
  return out;
}

}  // namespace cradle
