#include "report/portfolio_report.h"

#include <fmt/format.h>

#include <map>

#include "model/display_text.h"
#include "report/counted.h"
#include "report/scan_report.h"

namespace cradle {
namespace {

// The versions of a product in the order they first appeared, each with the index of its
// current (last ingested) SBOM and its number of SBOMs.
struct VersionSummary {
  std::string version;
  std::size_t current = 0;
  std::size_t sboms = 0;
};

std::vector<VersionSummary> versions_of(const ProductSummary& product) {
  std::vector<VersionSummary> versions;
  std::map<std::string, std::size_t> position;
  for (std::size_t i = 0; i < product.sboms.size(); ++i) {
    const std::string& version = product.sboms[i].product_version;
    auto [it, added] = position.emplace(version, versions.size());
    if (added) versions.push_back(VersionSummary{version, i, 0});
    versions[it->second].current = i;
    ++versions[it->second].sboms;
  }
  return versions;
}

nlohmann::ordered_json context_json(const Product& product) {
  return {{"intended_use", product.context.intended_use},
          {"exposure", product.context.exposure},
          {"criticality", product.context.criticality}};
}

}  // namespace

nlohmann::ordered_json sbom_json(const SbomRecord& sbom) {
  nlohmann::ordered_json out;
  out["id"] = sbom.id;
  out["version"] = sbom.product_version;
  out["ingested_at"] = sbom.ingested_at;
  out["serial_number"] = text_or_null(sbom.serial_number);
  out["components"] = sbom.components;
  out["dependencies"] = sbom.dependencies;
  out["document"] = evidence_json(sbom.evidence);
  nlohmann::ordered_json conformance = nlohmann::ordered_json::array();
  for (const SbomConformance& c : sbom.conformance) {
    conformance.push_back({{"profile", c.profile},
                           {"verdict", c.verdict},
                           {"met", c.met},
                           {"not_met", c.not_met},
                           {"cannot_tell", c.cannot_tell},
                           {"not_applicable", c.not_applicable}});
  }
  out["conformance"] = std::move(conformance);
  return out;
}

namespace {

std::string or_dash(const std::string& text) { return text.empty() ? "-" : text; }

std::string short_hash(const std::string& sha256) { return sha256.substr(0, 12); }

// "conformance: ntia nonconformant (7 of 15 met), ..."; an SBOM stored before cradle checked
// conformance says so rather than nothing.
std::string conformance_text(const SbomRecord& sbom) {
  if (sbom.conformance.empty())
    return "conformance: not checked (stored before cradle checked conformance; `cradle sbom "
           "check` the document)";
  std::string out = "conformance:";
  for (const SbomConformance& c : sbom.conformance) {
    out += fmt::format("{} {} {} ({} of {} met)", out.ends_with(':') ? "" : ",", c.profile,
                       c.verdict, c.met, c.met + c.not_met + c.cannot_tell);
  }
  return out;
}

// A path's labels; escaped for a terminal when `for_terminal` (JSON escapes them its own way).
std::vector<std::string> labels(const std::vector<ComponentRecord>& path, bool for_terminal) {
  std::vector<std::string> out;
  out.reserve(path.size());
  for (const ComponentRecord& node : path) {
    out.push_back(for_terminal ? shown(component_label(node)) : component_label(node));
  }
  return out;
}

}  // namespace

nlohmann::ordered_json product_list_json(const std::vector<ProductSummary>& products) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const ProductSummary& summary : products) {
    nlohmann::ordered_json entry;
    entry["name"] = summary.product.product.name;
    entry["context"] = context_json(summary.product.product);
    entry["created_at"] = summary.product.product.created_at;
    nlohmann::ordered_json versions = nlohmann::ordered_json::array();
    for (const VersionSummary& version : versions_of(summary)) versions.push_back(version.version);
    entry["versions"] = std::move(versions);
    entry["sboms"] = summary.sboms.size();
    out.push_back(std::move(entry));
  }
  return out;
}

std::string product_list_table(const std::vector<ProductSummary>& products) {
  if (products.empty())
    return "no products (add one with `cradle product add` or `cradle ingest SBOM`)\n";
  std::string out = fmt::format("{:<28} {:>8} {:>6}  {:<15} {:<19} {}\n", "PRODUCT", "VERSIONS",
                                "SBOMS", "EXPOSURE", "CRITICALITY", "LATEST");
  for (const ProductSummary& summary : products) {
    const std::vector<VersionSummary> versions = versions_of(summary);
    const Product& product = summary.product.product;
    out += fmt::format("{:<28} {:>8} {:>6}  {:<15} {:<19} {}\n", Shown{product.name}, versions.size(),
                       summary.sboms.size(), or_dash(product.context.exposure),
                       or_dash(product.context.criticality),
                       summary.sboms.empty() ? "-" : shown(summary.sboms.back().product_version));
  }
  return out;
}

nlohmann::ordered_json product_show_json(const ProductSummary& summary) {
  nlohmann::ordered_json out;
  out["name"] = summary.product.product.name;
  out["context"] = context_json(summary.product.product);
  out["created_at"] = summary.product.product.created_at;
  nlohmann::ordered_json versions = nlohmann::ordered_json::array();
  for (const VersionSummary& version : versions_of(summary)) {
    versions.push_back({{"version", version.version},
                        {"sboms", version.sboms},
                        {"current_sbom", sbom_json(summary.sboms[version.current])}});
  }
  out["versions"] = std::move(versions);
  return out;
}

std::string product_show_table(const ProductSummary& summary) {
  const Product& product = summary.product.product;
  std::string out = fmt::format(
      "{}\n  intended use  {}\n  exposure      {}\n  criticality   {}\n  since         {}\n",
      Shown{product.name}, Shown{or_dash(product.context.intended_use)},
      or_dash(product.context.exposure), or_dash(product.context.criticality), product.created_at);
  const std::vector<VersionSummary> versions = versions_of(summary);
  if (versions.empty())
    return out + "  no SBOMs yet (`cradle ingest SBOM --product NAME@VERSION`)\n";
  out += fmt::format("  {:<20} {:>10} {:>6}  {:<20} {}\n", "VERSION", "COMPONENTS", "SBOMS",
                     "INGESTED", "SBOM");
  for (const VersionSummary& version : versions) {
    const SbomRecord& sbom = summary.sboms[version.current];
    out += fmt::format("  {:<20} {:>10} {:>6}  {:<20} {} {}\n", Shown{version.version},
                       sbom.components, version.sboms, sbom.ingested_at,
                       short_hash(sbom.evidence.sha256), Shown{sbom.evidence.source});
    out += fmt::format("  {:<20} {}\n", "", conformance_text(sbom));
  }
  return out;
}

nlohmann::ordered_json history_json(const ProductSummary& summary) {
  std::vector<bool> current(summary.sboms.size(), false);
  for (const VersionSummary& version : versions_of(summary)) current[version.current] = true;
  nlohmann::ordered_json sboms = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < summary.sboms.size(); ++i) {
    nlohmann::ordered_json entry = sbom_json(summary.sboms[i]);
    entry["current"] = static_cast<bool>(current[i]);
    sboms.push_back(std::move(entry));
  }
  nlohmann::ordered_json out;
  out["product"] = summary.product.product.name;
  out["sboms"] = std::move(sboms);
  return out;
}

std::string history_table(const ProductSummary& summary) {
  std::vector<bool> current(summary.sboms.size(), false);
  for (const VersionSummary& version : versions_of(summary)) current[version.current] = true;
  std::string out = fmt::format("{}: {} SBOM{}\n", Shown{summary.product.product.name},
                                summary.sboms.size(), summary.sboms.size() == 1 ? "" : "s");
  for (std::size_t i = 0; i < summary.sboms.size(); ++i) {
    const SbomRecord& sbom = summary.sboms[i];
    out += fmt::format("  {:<20}  {:<16} {:>6} components  {:<24} {} {}{}\n", sbom.ingested_at,
                       Shown{sbom.product_version}, sbom.components, sbom.evidence.kind,
                       short_hash(sbom.evidence.sha256), Shown{sbom.evidence.source},
                       current[i] ? "" : "  (replaced)");
  }
  return out;
}

nlohmann::ordered_json diff_json(const SbomDiff& diff) {
  nlohmann::ordered_json out;
  out["schema_version"] = kDiffJsonSchemaVersion;
  out["product"] = diff.to.product;
  out["from"] = sbom_json(diff.from);
  out["to"] = sbom_json(diff.to);
  std::map<std::string, std::size_t> counts;
  nlohmann::ordered_json components = nlohmann::ordered_json::array();
  for (const ComponentChange& change : diff.components) {
    ++counts[std::string(to_string(change.kind))];
    // A component listed without a version is null among the versions.
    auto versions = [](const std::vector<std::string>& list) {
      nlohmann::ordered_json texts = nlohmann::ordered_json::array();
      for (const std::string& version : list) texts.push_back(text_or_null(version));
      return texts;
    };
    components.push_back({{"change", to_string(change.kind)},
                          {"package", change.package},
                          {"from", versions(change.from)},
                          {"to", versions(change.to)}});
  }
  nlohmann::ordered_json findings = nlohmann::ordered_json::array();
  std::map<FindingChange::Kind, std::size_t> finding_counts;
  for (const FindingChange& change : diff.findings) {
    ++finding_counts[change.kind];
    findings.push_back({{"change", to_string(change.kind)},
                        {"package", change.package},
                        {"version", text_or_null(change.version)},
                        {"purl", text_or_null(change.purl)},
                        {"status_before", text_or_null(change.status_before)},
                        {"status_after", text_or_null(change.status_after)},
                        {"finding", finding_json(change.finding)}});
  }
  out["summary"] = {{"added", counts["added"]},
                    {"removed", counts["removed"]},
                    {"upgraded", counts["upgraded"]},
                    {"downgraded", counts["downgraded"]},
                    {"changed", counts["changed"]},
                    {"unchanged", diff.unchanged},
                    {"new_findings", finding_counts[FindingChange::Kind::added]},
                    {"resolved_findings", finding_counts[FindingChange::Kind::resolved]},
                    {"status_changes", finding_counts[FindingChange::Kind::status_changed]}};
  out["components"] = std::move(components);
  out["findings"] = std::move(findings);
  return out;
}

std::string diff_table(const SbomDiff& diff) {
  std::string out = fmt::format(
      "{}: {} (SBOM {}) -> {} (SBOM {})\n", Shown{diff.to.product},
      Shown{diff.from.product_version}, short_hash(diff.from.evidence.sha256),
      Shown{diff.to.product_version}, short_hash(diff.to.evidence.sha256));
  if (diff.components.empty())
    out += fmt::format("  components: no change ({} packages)\n", diff.unchanged);
  auto versions = [](const std::vector<std::string>& list) {
    std::string text;
    for (const std::string& version : list) {
      text += (text.empty() ? "" : ", ") + (version.empty() ? "(no version)" : version);
    }
    return text;
  };
  for (const ComponentChange& change : diff.components) {
    const std::string from = versions(change.from);
    const std::string to = versions(change.to);
    if (change.kind == ComponentChange::Kind::added) {
      out += fmt::format("  {:<10} {} {}\n", to_string(change.kind), Shown{change.package},
                         Shown{to});
    } else if (change.kind == ComponentChange::Kind::removed) {
      out += fmt::format("  {:<10} {} {}\n", to_string(change.kind), Shown{change.package},
                         Shown{from});
    } else {
      out += fmt::format("  {:<10} {} {} -> {}\n", to_string(change.kind), Shown{change.package},
                         Shown{from}, Shown{to});
    }
  }
  if (diff.findings.empty()) out += "  findings: no change\n";
  for (const FindingChange& change : diff.findings) {
    const std::string_view label = change.kind == FindingChange::Kind::added      ? "NEW"
                                   : change.kind == FindingChange::Kind::resolved ? "RESOLVED"
                                                                                  : "STATUS";
    out += fmt::format(
        "  {:<10} {} ({}) on {}@{}{}{}\n", label, change.finding.primary_id,
        fmt::join(change.finding.ids, ", "), Shown{change.package}, Shown{change.version},
        change.finding.rating.empty()
            ? ""
            : fmt::format("  {} {:.1f}", change.finding.rating, change.finding.cvss_score),
        change.kind == FindingChange::Kind::status_changed
            ? fmt::format(": {} -> {}", change.status_before, change.status_after)
            : "");
  }
  return out;
}

nlohmann::ordered_json affected_json(const VulnerabilityImpact& impact) {
  nlohmann::ordered_json out;
  out["schema_version"] = kAffectedJsonSchemaVersion;
  out["vulnerability"] = impact.query;
  out["known"] = !impact.load.records.empty();
  out["ids"] = impact.load.ids;
  out["records"] = impact.load.records;
  std::size_t components = 0;
  std::size_t affected = 0;
  std::size_t suppressed = 0;
  nlohmann::ordered_json versions = nlohmann::ordered_json::array();
  for (const AffectedProductVersion& version : impact.product_versions) {
    nlohmann::ordered_json entry;
    entry["product"] = version.product;
    entry["version"] = version.version;
    entry["sbom"] = {{"id", version.sbom_id}, {"sha256", version.sbom_sha256}};
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const AffectedComponent& hit : version.components) {
      ++components;
      if (hit.finding.suppressed) {
        ++suppressed;
      } else if (hit.finding.verdict == Verdict::affected) {
        ++affected;
      }
      nlohmann::ordered_json item;
      item["purl"] = text_or_null(hit.component.purl);
      item["name"] = text_or_null(hit.component.name);
      item["version"] = text_or_null(hit.component.version);
      item["ref"] = text_or_null(hit.component.ref);
      item["path"] = labels(hit.path, false);
      item["finding"] = finding_json(hit.finding);
      list.push_back(std::move(item));
    }
    entry["components"] = std::move(list);
    versions.push_back(std::move(entry));
  }
  out["summary"] = {{"product_versions", impact.product_versions.size()},
                    {"components", components},
                    {"affected", affected},
                    {"unknown", components - affected - suppressed},
                    {"suppressed_by_vex", suppressed},
                    {"components_checked", impact.components_checked}};
  out["vex_conflicts"] = impact.vex_conflicts;
  out["product_versions"] = std::move(versions);
  out["not_covered"] = nlohmann::ordered_json::array();
  for (const UncoveredEcosystem& gap : impact.not_covered) {
    out["not_covered"].push_back({{"ecosystem", gap.use.ecosystem},
                                  {"components", gap.use.components},
                                  {"product_versions", gap.use.product_versions},
                                  {"reason", gap.reason}});
  }
  return out;
}

namespace {

// What the answer could not look at: a line per ecosystem of the portfolio no advisories cover.
std::string not_covered_lines(const VulnerabilityImpact& impact) {
  std::string out;
  for (const UncoveredEcosystem& gap : impact.not_covered) {
    out += fmt::format("  NOT COVERED {}: {} component{} in {} product version{}, affected or not "
                       "unknown: {}\n",
                       gap.use.ecosystem, gap.use.components, gap.use.components == 1 ? "" : "s",
                       gap.use.product_versions, gap.use.product_versions == 1 ? "" : "s",
                       gap.reason);
  }
  return out;
}

}  // namespace

std::string affected_table(const VulnerabilityImpact& impact) {
  if (impact.load.records.empty()) {
    return fmt::format("{}: no advisory in the store names it\n", impact.query) +
           not_covered_lines(impact);
  }
  std::string out = fmt::format("{} ({}): ", impact.query, fmt::join(impact.load.ids, ", "));
  if (impact.product_versions.empty()) {
    return out +
           fmt::format("no product version affected ({} of its packages checked)\n",
                       counted(impact.components_checked, "component")) +
           not_covered_lines(impact);
  }
  out += fmt::format("{} product version{}\n", impact.product_versions.size(),
                     impact.product_versions.size() == 1 ? "" : "s");
  for (const AffectedProductVersion& version : impact.product_versions) {
    out += fmt::format("  {}@{}  (SBOM {})\n", Shown{version.product}, Shown{version.version},
                       short_hash(version.sbom_sha256));
    for (const AffectedComponent& hit : version.components) {
      const std::string_view verdict = hit.finding.suppressed               ? "SUPPRESSED"
                                       : hit.finding.verdict == Verdict::affected ? "AFFECTED"
                                                                           : "UNKNOWN";
      out += fmt::format("    {:<10} {}", verdict, Shown{component_label(hit.component)});
      if (!hit.finding.nearest_fix.empty())
        out += fmt::format("  fix: {}", Shown{hit.finding.nearest_fix});
      if (!hit.finding.rating.empty())
        out += fmt::format("  {} {:.1f}", hit.finding.rating, hit.finding.cvss_score);
      out += '\n';
      if (hit.path.size() > 1)
        out += fmt::format("      via {}\n", fmt::join(labels(hit.path, true), " -> "));
      if (hit.finding.verdict != Verdict::affected && !hit.finding.matches.empty()) {
        out += fmt::format("      {}\n", Shown{hit.finding.matches.front().reason});
      }
      if (const auto& vex = hit.finding.vex) {
        out += fmt::format("      VEX {}{}{}: {} ({}, {})\n", to_string(vex->status),
                           vex->justification.empty() ? "" : ", " + vex->justification,
                           hit.finding.suppressed ? " (suppressed)" : "", Shown{vex->vulnerability},
                           Shown{vex->author}, Shown{vex->evidence.source});
      }
    }
  }
  for (const std::string& conflict : impact.vex_conflicts) out += "  VEX conflict: " + conflict + "\n";
  return out + not_covered_lines(impact);
}

nlohmann::ordered_json event_json(const EventRecord& event) {
  const bool gap = event.kind == EventKind::not_covered;
  nlohmann::ordered_json out;
  out["id"] = event.id;
  out["at"] = event.at;
  out["kind"] = to_string(event.kind);
  out["product"] = event.product;
  out["version"] = event.product_version;
  out["sbom_id"] = event.sbom_id;
  out["purl"] = text_or_null(event.purl);
  out["vulnerability"] = text_or_null(event.vulnerability);
  out["ids"] = event.ids;
  out["status_before"] = text_or_null(event.status_before);
  out["status_after"] = text_or_null(event.status_after);
  out["cause"] = event.cause;
  out["ecosystem"] = gap ? text_or_null(event.ecosystem) : nlohmann::ordered_json();
  out["components"] = gap ? nlohmann::ordered_json(event.components) : nlohmann::ordered_json();
  out["reason"] = gap ? text_or_null(event.reason) : nlohmann::ordered_json();
  return out;
}

nlohmann::ordered_json events_json(const std::vector<EventRecord>& events) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const EventRecord& event : events) list.push_back(event_json(event));
  return {{"schema_version", kEventsJsonSchemaVersion}, {"events", std::move(list)}};
}

std::string events_table(const std::vector<EventRecord>& events) {
  if (events.empty()) return "no events\n";
  std::string out;
  for (const EventRecord& event : events) {
    if (event.kind == EventKind::not_covered) {
      out += fmt::format("{}  {:<14} {}@{}  {} component{} of {} not checked: {}  ({})\n", event.at,
                         to_string(event.kind), Shown{event.product}, Shown{event.product_version},
                         event.components, event.components == 1 ? "" : "s", Shown{event.ecosystem},
                         Shown{event.reason}, Shown{event.cause});
      continue;
    }
    std::string change = event.kind == EventKind::new_finding ? "new: " + event.status_after
                         : event.kind == EventKind::resolved
                             ? "resolved (was " + event.status_before + ")"
                             : event.status_before + " -> " + event.status_after;
    out += fmt::format("{}  {:<14} {}@{}  {} {}: {}  ({})\n", event.at, to_string(event.kind),
                       Shown{event.product}, Shown{event.product_version}, Shown{event.vulnerability},
                       Shown{event.purl}, change, Shown{event.cause});
  }
  return out;
}

}  // namespace cradle
