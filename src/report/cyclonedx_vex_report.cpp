#include "report/cyclonedx_vex_report.h"

#include <fmt/format.h>

#include <map>
#include <set>
#include <tuple>

#include "model/percent_encoding.h"
#include "report/counted.h"

namespace cradle {
namespace {

std::string_view cyclonedx_state(VexStatus status, std::string_view justification) {
  switch (status) {
    case VexStatus::not_affected: return justification == "false_positive" ? "false_positive" : "not_affected";
    case VexStatus::affected: return "exploitable";
    case VexStatus::fixed: return "resolved";
    case VexStatus::under_investigation: return "in_triage";
  }
  return "in_triage";
}

// The database an id comes from, by its prefix, and the id's page there.
nlohmann::ordered_json id_source(std::string_view id) {
  if (id.starts_with("CVE-")) {
    return {{"name", "NVD"}, {"url", fmt::format("https://nvd.nist.gov/vuln/detail/{}", id)}};
  }
  if (id.starts_with("GHSA-")) {
    return {{"name", "GitHub Advisories"}, {"url", fmt::format("https://github.com/advisories/{}", id)}};
  }
  return {{"name", "OSV"}, {"url", fmt::format("https://osv.dev/vulnerability/{}", id)}};
}

std::string cvss_method(std::string_view vector) {
  if (vector.starts_with("CVSS:3.1/")) return "CVSSv31";
  if (vector.starts_with("CVSS:3.0/")) return "CVSSv3";
  if (vector.starts_with("CVSS:4.0/")) return "CVSSv4";
  return "other";
}

// What an entry groups on: the vulnerability and how it was assessed.
using GroupKey = std::tuple<std::string, std::string, std::string, std::string, std::string>;

GroupKey group_key(const Finding& finding) {
  if (finding.vex) {
    return {finding.primary_id, std::string(to_string(finding.vex->status)), finding.vex->justification,
            finding.vex->impact_statement + "\n" + finding.vex->action_statement, finding.vex->evidence.sha256};
  }
  return {finding.primary_id, "", "", std::string(to_string(finding.verdict)), ""};
}

}  // namespace

std::string uuid_from(std::string_view seed) {
  std::string hex = sha256_hex(seed).substr(0, 32);
  hex[12] = '5';                                                  // version 5 (name-based)
  hex[16] = "89ab"[std::stoi(hex.substr(16, 1), nullptr, 16) & 3];  // RFC 4122 variant
  return fmt::format("urn:uuid:{}-{}-{}-{}-{}", hex.substr(0, 8), hex.substr(8, 4), hex.substr(12, 4),
                     hex.substr(16, 4), hex.substr(20, 12));
}

nlohmann::ordered_json scan_report_cyclonedx_vex(const ScanReport& report) {
  const Sbom& sbom = *report.sbom;
  // BOM-Links into the scanned SBOM when it is a CycloneDX BOM with a serial number; otherwise
  // this document lists the components it speaks of, under these refs, so that none dangles.
  const bool bom_links = sbom.format == SbomFormat::cyclonedx && !sbom.serial_number.empty();
  std::string_view serial = sbom.serial_number;
  if (serial.starts_with("urn:uuid:")) serial.remove_prefix(9);
  const std::string link_prefix =
      fmt::format("urn:cdx:{}/{}#", serial, sbom.bom_version.empty() ? "1" : sbom.bom_version);
  auto ref_of = [&](const Component& component) {
    if (bom_links && !component.ref.empty()) {
      // The bom-ref is the link's fragment: encoded as RFC 3986 says of fragments.
      return link_prefix + percent_encoded(component.ref, "!$&'()*+,;=:@/?");
    }
    return component.ref.empty() ? (component.purl ? to_string(*component.purl) : component.name)
                                 : component.ref;
  };
  nlohmann::ordered_json components = nlohmann::ordered_json::array();
  std::set<std::string> listed;
  auto list_component = [&](const Component& component, const std::string& ref) {
    if (bom_links && !component.ref.empty()) return;
    if (!listed.insert(ref).second) return;
    nlohmann::ordered_json entry{{"type", "library"}, {"bom-ref", ref}, {"name", component.name}};
    if (!component.version.empty()) entry["version"] = component.version;
    if (component.purl) entry["purl"] = to_string(*component.purl);
    components.push_back(std::move(entry));
  };

  std::map<GroupKey, std::vector<std::pair<const ComponentResult*, const Finding*>>> groups;
  for (const ComponentResult& result : report.components) {
    for (const Finding& finding : result.findings) groups[group_key(finding)].emplace_back(&result, &finding);
  }

  nlohmann::ordered_json vulnerabilities = nlohmann::ordered_json::array();
  std::map<std::string, int> per_id;
  for (const auto& [key, members] : groups) {
    const Finding& finding = *members.front().second;
    nlohmann::ordered_json entry;
    entry["bom-ref"] = fmt::format("{}#{}", finding.primary_id, ++per_id[finding.primary_id]);
    entry["id"] = finding.primary_id;
    entry["source"] = id_source(finding.primary_id);
    nlohmann::ordered_json references = nlohmann::ordered_json::array();
    for (const std::string& id : finding.ids) {
      if (id == finding.primary_id) continue;
      references.push_back({{"id", id}, {"source", id_source(id)}});
    }
    if (!references.empty()) entry["references"] = std::move(references);
    if (!finding.rating.empty()) {
      entry["ratings"] = nlohmann::ordered_json::array(
          {{{"score", finding.cvss_score}, {"severity", finding.rating},
            {"method", cvss_method(finding.cvss_vector)}, {"vector", finding.cvss_vector}}});
    }
    if (!finding.summary.empty()) entry["description"] = finding.summary;
    if (!finding.nearest_fix.empty()) {
      entry["recommendation"] = fmt::format("Upgrade to {} or later.", finding.nearest_fix);
    }
    nlohmann::ordered_json affects = nlohmann::ordered_json::array();
    nlohmann::ordered_json properties = nlohmann::ordered_json::array();
    for (const auto& [result, member] : members) {
      const Component& component = sbom.components[result->component_index];
      nlohmann::ordered_json affect;
      affect["ref"] = ref_of(component);
      list_component(component, affect["ref"]);
      if (!result->version.empty()) {
        const bool unaffected = member->vex && (member->vex->status == VexStatus::not_affected ||
                                                member->vex->status == VexStatus::fixed);
        const std::string_view status =
            member->verdict != Verdict::affected ? "unknown" : (unaffected ? "unaffected" : "affected");
        affect["versions"] = nlohmann::ordered_json::array({{{"version", result->version}, {"status", status}}});
      }
      affects.push_back(std::move(affect));
      for (const MatchedAdvisory& match : member->matches) {
        properties.push_back({{"name", "cradle:evidence:advisory"},
                              {"value", fmt::format("{} {} sha256:{} modified:{} {}", result->purl, match.id,
                                                    match.evidence->sha256, match.evidence->produced_at,
                                                    match.evidence->source)}});
      }
    }
    entry["affects"] = std::move(affects);
    if (finding.vex) {
      const VexStatement& vex = *finding.vex;
      nlohmann::ordered_json analysis;
      analysis["state"] = std::string(cyclonedx_state(vex.status, vex.justification));
      if (auto justification = cyclonedx_justification(vex.justification); !justification.empty()) {
        analysis["justification"] = std::string(justification);
      }
      if (!vex.impact_statement.empty()) analysis["detail"] = vex.impact_statement;
      if (!vex.timestamp.empty()) analysis["lastUpdated"] = vex.timestamp;
      entry["analysis"] = std::move(analysis);
      properties.push_back({{"name", "cradle:evidence:vex"},
                            {"value", fmt::format("{} sha256:{} {} author:{}", vex.evidence.kind, vex.evidence.sha256,
                                                  vex.evidence.source, vex.author)}});
      // What CycloneDX's analysis has no field for, kept so that the statement reads back whole
      // (formats/vex/cyclonedx_vex.h reads these): its author, its justification in its own
      // vocabulary when the crosswalk changes it, its action statement.
      if (!vex.author.empty()) properties.push_back({{"name", "cradle:vex:author"}, {"value", vex.author}});
      if (!vex.justification.empty() && vex.justification != cyclonedx_justification(vex.justification)) {
        properties.push_back({{"name", "cradle:vex:justification"}, {"value", vex.justification}});
      }
      if (!vex.action_statement.empty()) {
        properties.push_back({{"name", "cradle:vex:action_statement"}, {"value", vex.action_statement}});
      }
    } else if (finding.verdict != Verdict::affected) {
      std::string reason;
      for (const MatchedAdvisory& match : finding.matches) {
        if (match.verdict != Verdict::affected) reason = match.reason;
      }
      entry["analysis"] = {{"state", "in_triage"},
                           {"detail", fmt::format("cradle could not evaluate the advisory's ranges: {}", reason)}};
    }
    entry["properties"] = std::move(properties);
    vulnerabilities.push_back(std::move(entry));
  }

  nlohmann::ordered_json metadata;
  if (!report.now.empty()) metadata["timestamp"] = report.now;
  metadata["tools"] = {{"components", nlohmann::ordered_json::array({{{"type", "application"},
                                                                     {"name", "cradle"},
                                                                     {"version", CRADLE_VERSION}}})}};
  if (sbom.primary_component) {
    const Component& product = *sbom.primary_component;
    nlohmann::ordered_json component{{"type", "application"}, {"name", product.name}};
    if (!product.version.empty()) component["version"] = product.version;
    if (product.purl) component["purl"] = to_string(*product.purl);
    if (!product.ref.empty()) component["bom-ref"] = product.ref;
    metadata["component"] = std::move(component);
  }
  metadata["properties"] = nlohmann::ordered_json::array(
      {{{"name", "cradle:evidence:sbom"},
        {"value", fmt::format("{} sha256:{} {}", sbom.evidence.kind, sbom.evidence.sha256, sbom.evidence.source)}}});
  // How far the advisories reached: a component missing from vulnerabilities[] was looked at
  // only where its ecosystem is covered.
  metadata["properties"].push_back(
      {{"name", "cradle:coverage"},
       {"value", report.coverage.has_gaps()
                     ? fmt::format("incomplete: {} of {} not covered", report.coverage.gaps(),
                                   counted(report.coverage.ecosystems.size(), "ecosystem"))
                     : fmt::format("complete: {} covered", counted(report.coverage.ecosystems.size(), "ecosystem"))}});
  for (const EcosystemCoverage& ecosystem : report.coverage.ecosystems) {
    std::size_t records = 0;
    for (const EcosystemLoad& load : ecosystem.loads) records += load.records;
    metadata["properties"].push_back(
        {{"name", fmt::format("cradle:coverage:{}", ecosystem.ecosystem)},
         {"value", ecosystem.reason.empty()
                       ? fmt::format("{}: {}", to_string(ecosystem.state), counted(records, "record"))
                       : fmt::format("{}: {}", to_string(ecosystem.state), ecosystem.reason)}});
  }

  nlohmann::ordered_json bom;
  bom["bomFormat"] = "CycloneDX";
  bom["specVersion"] = "1.6";
  bom["serialNumber"] = "";
  bom["version"] = 1;
  bom["metadata"] = std::move(metadata);
  if (!components.empty()) bom["components"] = std::move(components);
  bom["vulnerabilities"] = std::move(vulnerabilities);
  // The serial number derives from everything else the document says: another document never
  // reuses one.
  bom["serialNumber"] = uuid_from(sbom.evidence.sha256 + bom.dump());
  return bom;
}

}  // namespace cradle
