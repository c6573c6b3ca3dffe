#include "report/scan_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <utility>

#include "analysis/matcher.h"
#include "model/display_text.h"

namespace cradle {

nlohmann::ordered_json text_or_null(const std::string& text) {
  return text.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(text);
}

nlohmann::ordered_json diagnostics_json(const std::vector<Diagnostic>& diagnostics) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const Diagnostic& d : diagnostics) {
    nlohmann::ordered_json item;
    item["severity"] = d.severity == Severity::error ? "error" : "warning";
    item["line"] = d.location.line > 0 ? nlohmann::ordered_json(d.location.line) : nlohmann::ordered_json();
    item["column"] = d.location.column > 0 ? nlohmann::ordered_json(d.location.column) : nlohmann::ordered_json();
    item["pointer"] = text_or_null(d.location.json_pointer);
    item["message"] = d.message;
    out.push_back(std::move(item));
  }
  return out;
}

nlohmann::ordered_json evidence_json(const EvidenceRef& evidence, bool ingest_time) {
  nlohmann::ordered_json out;
  out["source"] = evidence.source;
  out["sha256"] = evidence.sha256;
  out["kind"] = evidence.kind;
  out["produced_at"] = text_or_null(evidence.produced_at);
  out["ingested_at"] = ingest_time ? text_or_null(evidence.ingested_at) : nlohmann::ordered_json();
  return out;
}

nlohmann::ordered_json coverage_json(const CoverageCheck& coverage, bool load_times) {
  nlohmann::ordered_json out;
  out["complete"] = !coverage.has_gaps();
  out["example_data"] = coverage.example_data;
  nlohmann::ordered_json ecosystems = nlohmann::ordered_json::array();
  for (const EcosystemCoverage& ecosystem : coverage.ecosystems) {
    nlohmann::ordered_json entry;
    entry["ecosystem"] = ecosystem.ecosystem;
    entry["state"] = std::string(to_string(ecosystem.state));
    entry["reason"] = text_or_null(ecosystem.reason);
    entry["components"] = ecosystem.components;
    nlohmann::ordered_json loads = nlohmann::ordered_json::array();
    for (const EcosystemLoad& load : ecosystem.loads) {
      nlohmann::ordered_json l;
      l["source"] = load.source;
      l["records"] = load.records;
      l["newest_modified"] = text_or_null(load.newest_modified);
      l["loaded_at"] = load_times ? text_or_null(load.loaded_at) : nlohmann::ordered_json();
      l["unreadable"] = load.unreadable;
      l["example_data"] = load.example;
      loads.push_back(std::move(l));
    }
    entry["loads"] = std::move(loads);
    ecosystems.push_back(std::move(entry));
  }
  out["ecosystems"] = std::move(ecosystems);
  return out;
}

std::string coverage_lines(const CoverageCheck& coverage) {
  std::string covered;
  std::string gaps;
  for (const EcosystemCoverage& ecosystem : coverage.ecosystems) {
    if (ecosystem.state != CoverageState::covered) {
      gaps += fmt::format("  {} {} ({} component{}): {}\n",
                          ecosystem.state == CoverageState::not_loaded ? "NOT COVERED" : "COVERAGE GAP",
                          ecosystem.ecosystem, ecosystem.components,
                          ecosystem.components == 1 ? "" : "s", ecosystem.reason);
      continue;
    }
    std::size_t records = 0;
    std::string loaded_at;
    bool example = false;
    for (const EcosystemLoad& load : ecosystem.loads) {
      records += load.records;
      loaded_at = std::max(loaded_at, load.loaded_at);
      example = example || load.example;
    }
    covered += fmt::format("{}{} {} record{}", covered.empty() ? "" : ", ", ecosystem.ecosystem,
                           records, records == 1 ? "" : "s");
    if (!loaded_at.empty()) covered += fmt::format(" loaded {}", loaded_at);
    if (example) covered += " (example data)";
  }
  std::string out = fmt::format("coverage: {}\n", covered.empty() ? "no ecosystem covered" : covered);
  if (coverage.example_data) {
    out += "  example data: these advisories are cradle's examples, not an advisory feed; load the "
           "real databases with `cradle db update`\n";
  }
  return out + gaps;
}

namespace {

std::size_t count(const ScanReport& report, ComponentState state) {
  return static_cast<std::size_t>(std::ranges::count_if(
      report.components, [state](const ComponentResult& c) { return c.state == state; }));
}

}  // namespace

nlohmann::ordered_json finding_json(const Finding& finding, bool ingest_times) {
  nlohmann::ordered_json f;
  f["id"] = finding.primary_id;
  f["ids"] = finding.ids.list();
  f["verdict"] = to_string(finding.verdict);
  f["summary"] = text_or_null(finding.summary);
  f["nearest_fix"] = text_or_null(finding.nearest_fix);
  nlohmann::ordered_json severity = nlohmann::ordered_json::array();
  if (finding.severity) {
    for (const auto& s : *finding.severity) severity.push_back({{"type", s.type}, {"score", s.score}});
  }
  f["severity"] = std::move(severity);
  if (finding.rating.empty()) {
    f["cvss"] = nullptr;
  } else {
    f["cvss"] = {{"vector", finding.cvss_vector},
                 {"score", finding.cvss_score},
                 {"rating", finding.rating}};
  }
  nlohmann::ordered_json matches = nlohmann::ordered_json::array();
  for (const auto& match : finding.matches) {
    matches.push_back({{"id", match.id},
                       {"verdict", to_string(match.verdict)},
                       {"reason", match.reason},
                       {"evidence", evidence_json(*match.evidence, ingest_times)}});
  }
  f["matches"] = std::move(matches);
  f["suppressed"] = finding.suppressed;
  if (finding.vex) {
    const VexStatement& vex = *finding.vex;
    nlohmann::ordered_json statement;
    statement["status"] = std::string(to_string(vex.status));
    statement["vulnerability"] = vex.vulnerability;
    statement["justification"] = text_or_null(vex.justification);
    statement["impact_statement"] = text_or_null(vex.impact_statement);
    statement["action_statement"] = text_or_null(vex.action_statement);
    statement["author"] = text_or_null(vex.author);
    statement["timestamp"] = text_or_null(vex.timestamp);
    statement["document"] = text_or_null(vex.document_id);
    statement["evidence"] = evidence_json(vex.evidence, ingest_times);
    f["vex"] = std::move(statement);
  } else {
    f["vex"] = nullptr;
  }
  return f;
}

nlohmann::ordered_json scan_report_json(const ScanReport& report) {
  const bool verbose = report.verbose_evidence;
  nlohmann::ordered_json out;
  out["schema_version"] = kScanJsonSchemaVersion;
  out["sbom"] = {{"file", report.file},
                 {"sha256", report.sbom->evidence.sha256},
                 {"kind", report.sbom->evidence.kind},
                 {"components", report.sbom->components.size()}};
  out["advisories"] = {{"sources", report.advisory_sources},
                       {"store", verbose ? text_or_null(report.store) : nlohmann::ordered_json()},
                       {"records", report.advisories},
                       {"withdrawn_hidden", report.withdrawn}};
  out["coverage"] = coverage_json(report.coverage, verbose);
  std::size_t findings = 0;
  std::size_t suppressed = 0;
  for (const auto& c : report.components) {
    findings += c.findings.size();
    suppressed += static_cast<std::size_t>(
        std::ranges::count_if(c.findings, [](const Finding& f) { return f.suppressed; }));
  }
  out["vex"] = {{"sources", report.vex_sources}, {"conflicts", report.vex_conflicts}};
  out["summary"] = {{"components", report.components.size()},
                    {"affected", count(report, ComponentState::affected)},
                    {"clean", count(report, ComponentState::clean)},
                    {"not_scannable", count(report, ComponentState::not_scannable)},
                    {"not_covered", count(report, ComponentState::not_covered)},
                    {"findings", findings},
                    {"suppressed_by_vex", suppressed}};
  nlohmann::ordered_json components = nlohmann::ordered_json::array();
  for (const ComponentResult& result : report.components) {
    const Component& component = report.sbom->components[result.component_index];
    nlohmann::ordered_json entry;
    entry["name"] = component.name;
    entry["version"] = text_or_null(result.version.empty() ? component.version : result.version);
    entry["purl"] = text_or_null(result.purl);
    entry["ref"] = text_or_null(component.ref);
    entry["ecosystem"] = text_or_null(result.ecosystem);
    entry["package"] = text_or_null(result.package);
    entry["state"] = std::string(to_string(result.state));
    entry["reason"] = text_or_null(result.reason);
    entry["path"] = result.path.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(result.path);
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const Finding& finding : result.findings) list.push_back(finding_json(finding, verbose));
    entry["findings"] = std::move(list);
    components.push_back(std::move(entry));
  }
  out["components"] = std::move(components);
  return out;
}

namespace {

// ANSI colours for a terminal, written around a text; nothing when colour is off.
struct Palette {
  bool on;
  template <typename Out>
  void open(Out out, std::string_view code) const {
    if (on) fmt::format_to(out, "\033[{}m", code);
  }
  template <typename Out>
  void close(Out out) const {
    if (on) fmt::format_to(out, "\033[0m");
  }
  std::string_view for_rating(std::string_view rating) const {
    if (rating == "critical") return "1;31";
    if (rating == "high") return "31";
    if (rating == "medium") return "33";
    if (rating == "low" || rating == "none") return "36";
    return "0";
  }
};

// A finding's place in the order: scored ones by score, unscored after them.
double severity_key(const Finding& finding) { return finding.rating.empty() ? -1.0 : finding.cvss_score; }

// A component's place in the order: affected before suppressed before not scannable; among
// affected ones the most severe finding first.
std::pair<int, double> component_key(const ComponentResult& result) {
  if (result.state == ComponentState::not_scannable) return {2, 0.0};
  if (result.state != ComponentState::affected) return {1, 0.0};
  double most = -1.0;
  for (const Finding& finding : result.findings) {
    if (!finding.suppressed) most = std::max(most, severity_key(finding));
  }
  return {0, -most};
}

}  // namespace

std::string scan_report_table(const ScanReport& report, bool colour) {
  const Palette palette{colour};
  const std::size_t components = report.components.size();
  std::string out = fmt::format("{}: {} component{}, {} affected, {} clean, {} not covered, {} not scannable\n",
                                Shown{report.file}, components, components == 1 ? "" : "s",
                                count(report, ComponentState::affected),
                                count(report, ComponentState::clean),
                                count(report, ComponentState::not_covered),
                                count(report, ComponentState::not_scannable));
  out += coverage_lines(report.coverage);
  // Each component's key computed once, not at every comparison.
  std::vector<std::pair<std::pair<int, double>, const ComponentResult*>> shown;
  for (const ComponentResult& result : report.components) {
    // Components not covered are told per ecosystem, in the coverage lines.
    if (result.state == ComponentState::not_covered) continue;
    if (result.state != ComponentState::clean || !result.findings.empty()) {
      shown.emplace_back(component_key(result), &result);
    }
  }
  std::ranges::stable_sort(shown, {}, &decltype(shown)::value_type::first);
  // Written straight into `out`: a large scan's table is a hundred thousand lines.
  auto put = std::back_inserter(out);
  std::vector<const Finding*> sorted;
  for (const auto& [key, result_pointer] : shown) {
    const ComponentResult& result = *result_pointer;
    const Component& component = report.sbom->components[result.component_index];
    auto label = [&] {
      if (!result.purl.empty()) return fmt::format_to(put, "{}", Shown{result.purl});
      if (component.version.empty()) return fmt::format_to(put, "{}", Shown{component.name});
      return fmt::format_to(put, "{} {}", Shown{component.name}, Shown{component.version});
    };
    out += "  ";
    if (result.state == ComponentState::not_scannable) {
      palette.open(put, "33");
      out += "NOT SCANNABLE";
      palette.close(put);
      out += "  ";
      label();
      fmt::format_to(put, ": {}\n", Shown{result.reason});
      continue;
    }
    const bool affected = result.state == ComponentState::affected;
    palette.open(put, affected ? "1;31" : "32");
    out += affected ? "AFFECTED" : "SUPPRESSED";
    palette.close(put);
    out += affected ? "       " : "     ";
    label();
    out += '\n';
    if (result.path.size() > 1) {
      out += "    via ";
      for (auto step = result.path.begin(); step != result.path.end() - 1; ++step) {
        if (step != result.path.begin()) out += " > ";
        append_shown(out, *step);
      }
      out += '\n';
    }
    // Most severe first; unscored findings last.
    sorted.clear();
    for (const Finding& finding : result.findings) sorted.push_back(&finding);
    std::ranges::stable_sort(sorted, [](const Finding* a, const Finding* b) {
      return severity_key(*a) > severity_key(*b);
    });
    for (const Finding* finding_pointer : sorted) {
      const Finding& finding = *finding_pointer;
      fmt::format_to(put, "    {} (", Shown{finding.primary_id});
      if (finding.rating.empty()) {
        out += "severity unknown";
      } else {
        palette.open(put, palette.for_rating(finding.rating));
        fmt::format_to(put, "{} {:.1f}", finding.rating, finding.cvss_score);
        palette.close(put);
      }
      if (finding.vex) {
        fmt::format_to(put, ", VEX {}{}", to_string(finding.vex->status),
                       finding.suppressed ? " (suppressed)" : "");
      }
      out += ") [";
      bool first_id = true;
      for (const auto& id : finding.ids) {
        if (!std::exchange(first_id, false)) out += ", ";
        append_shown(out, id);
      }
      out += ']';
      if (finding.verdict != Verdict::affected) out += " (could not be evaluated)";
      if (!finding.nearest_fix.empty()) fmt::format_to(put, ", fixed in {}", Shown{finding.nearest_fix});
      out += '\n';
      if (!finding.summary.empty()) fmt::format_to(put, "      {}\n", Shown{finding.summary});
    }
  }
  return out;
}

}  // namespace cradle
