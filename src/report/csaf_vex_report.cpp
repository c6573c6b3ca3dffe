#include "report/csaf_vex_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <utility>

#include "analysis/cvss.h"
#include "model/vex.h"
#include "report/cyclonedx_vex_report.h"

namespace cradle {
namespace {

constexpr std::string_view kPlaceholderNamespace = "urn:cradle:publisher-not-named";

// The database an id comes from, by its prefix, as CSAF's ids[].system_name wants it.
std::string system_name(std::string_view id) {
  static const std::pair<std::string_view, std::string_view> kSystems[] = {
      {"GHSA-", "GitHub Security Advisories"},
      {"PYSEC-", "PyPI Advisory Database"},
      {"GO-", "Go Vulnerability Database"},
      {"RUSTSEC-", "RustSec Advisory Database"},
      {"OSV-", "OSV"},
      {"MAL-", "OpenSSF Malicious Packages"}};
  for (const auto& [prefix, name] : kSystems) {
    if (id.starts_with(prefix)) return std::string(name);
  }
  const std::size_t dash = id.find('-');
  return dash == std::string_view::npos || dash == 0 ? std::string("OSV")
                                                     : std::string(id.substr(0, dash));
}

// What one product says about one vulnerability.
struct ProductStatement {
  std::string product_id;
  std::string status;  // known_affected, known_not_affected, fixed, under_investigation
  std::string flag;    // known_not_affected: the justification label, when there is one
  std::string impact;  // known_not_affected: the impact statement
  std::string remediation_category;
  std::string remediation;
  std::string cvss3_vector;  // a CVSS v3 vector of the finding's advisories
};

struct VulnerabilityEntry {
  const Finding* finding = nullptr;  // the first, for ids and summary
  std::vector<ProductStatement> products;
};

std::string cvss3_vector_of(const Finding& finding) {
  if (finding.cvss_vector.starts_with("CVSS:3.")) return finding.cvss_vector;
  if (finding.severity) {
    for (const SeverityScore& score : *finding.severity) {
      if (score.score.starts_with("CVSS:3.")) return score.score;
    }
  }
  return "";
}

ProductStatement statement_for(const Finding& finding, const std::string& product_id,
                               const std::string& purl, std::vector<std::string>& warnings) {
  ProductStatement out;
  out.product_id = product_id;
  out.cvss3_vector = cvss3_vector_of(finding);
  const std::string fix = finding.nearest_fix.empty() ? std::string()
                                                      : fmt::format("Upgrade {} to {} or later.",
                                                                    purl, finding.nearest_fix);
  auto affected = [&](const std::string& action) {
    out.status = "known_affected";
    out.remediation_category = fix.empty() ? "none_available" : "vendor_fix";
    out.remediation = !action.empty() ? action
                      : !fix.empty()  ? fix
                                      : "No fixed version is known; see the advisory.";
  };
  if (const VexStatement* vex = finding.vex.get()) {
    const std::string stated = fmt::format("Stated by {} in {} (sha256:{}).",
                                           vex->author.empty() ? "an unnamed author" : vex->author,
                                           vex->evidence.kind, vex->evidence.sha256);
    switch (vex->status) {
      case VexStatus::not_affected: {
        out.status = "known_not_affected";
        out.flag = std::string(openvex_justification(vex->justification));
        std::string impact = vex->impact_statement;
        if (!vex->justification.empty() && out.flag.empty()) {
          impact = fmt::format("{}{}", vex->justification, impact.empty() ? "" : ": " + impact);
        }
        if (out.flag.empty() && impact.empty()) {
          impact = "Not affected, stated without a justification or impact statement.";
          warnings.push_back(
              fmt::format("{} for {}: not_affected without a justification (from {}); the CSAF "
                          "document says so in "
                          "an impact threat",
                          vex->vulnerability, purl, vex->evidence.source));
        }
        out.impact = impact.empty() ? stated : fmt::format("{} {}", impact, stated);
        break;
      }
      case VexStatus::fixed:
        out.status = "fixed";
        break;
      case VexStatus::under_investigation:
        out.status = "under_investigation";
        break;
      case VexStatus::affected:
        affected(vex->action_statement.empty()
                     ? ""
                     : fmt::format("{} {}", vex->action_statement, stated));
        break;
    }
    return out;
  }
  if (finding.verdict == Verdict::affected) {
    affected("");
  } else {
    out.status = "under_investigation";
  }
  return out;
}

nlohmann::ordered_json full_product_name(const std::string& name, const std::string& id,
                                         const std::string& purl) {
  nlohmann::ordered_json product{{"name", name}, {"product_id", id}};
  if (!purl.empty()) product["product_identification_helper"] = {{"purl", purl}};
  return product;
}

std::string product_name(const Component& component) {
  return component.version.empty() ? component.name
                                   : fmt::format("{} {}", component.name, component.version);
}

// What the scan could not check, for the document's notes; empty when it checked everything.
std::string coverage_note(const ScanReport& report) {
  std::string text;
  for (const EcosystemCoverage& ecosystem : report.coverage.ecosystems) {
    if (ecosystem.state == CoverageState::covered) continue;
    text +=
        fmt::format("{} {} ({} component{}): {}.\n",
                    ecosystem.state == CoverageState::not_loaded ? "Not covered:" : "Coverage gap:",
                    ecosystem.ecosystem, ecosystem.components, ecosystem.components == 1 ? "" : "s",
                    ecosystem.reason);
  }
  std::size_t not_scannable = 0;
  for (const ComponentResult& result : report.components) {
    if (result.state == ComponentState::not_scannable) ++not_scannable;
  }
  if (not_scannable > 0) {
    text += fmt::format(
        "{} component{} could not be scanned (no purl, or one without an OSV ecosystem).\n",
        not_scannable, not_scannable == 1 ? "" : "s");
  }
  if (report.coverage.example_data)
    text += "Some advisories are example data, not a real database.\n";
  return text;
}

}  // namespace

CsafVexDocument scan_report_csaf_vex(const ScanReport& report, const CsafVexOptions& options) {
  CsafVexDocument out;
  const Sbom& sbom = *report.sbom;
  const Component* described = described_component(sbom);
  const std::string product_purl =
      described != nullptr && described->purl ? to_string(*described->purl) : "";

  nlohmann::ordered_json names = nlohmann::ordered_json::array();
  nlohmann::ordered_json relationships = nlohmann::ordered_json::array();
  if (described != nullptr)
    names.push_back(full_product_name(product_name(*described), "CSAFPID-PRODUCT", product_purl));

  std::map<std::string, std::string>
      product_of_purl;  // component purl -> the product id statuses use
  std::map<std::string, VulnerabilityEntry> entries;  // by primary id
  std::set<std::pair<std::string, std::string>> stated;
  for (const ComponentResult& result : report.components) {
    const Component& component = sbom.components[result.component_index];
    if (!component.purl || result.findings.empty()) continue;
    const std::string purl = to_string(*component.purl);
    // The described product's own findings speak of the product, not of a component of it.
    auto [it, inserted] =
        product_of_purl.emplace(purl, purl == product_purl ? "CSAFPID-PRODUCT" : "");
    if (inserted && it->second.empty()) {
      const std::string id = fmt::format("CSAFPID-{:04}", names.size());
      names.push_back(full_product_name(product_name(component), id, purl));
      it->second = id;
      if (described != nullptr) {
        it->second = id + ":PRODUCT";
        relationships.push_back(
            {{"category", "default_component_of"},
             {"full_product_name",
              full_product_name(fmt::format("{} as a component of {}", product_name(component),
                                            product_name(*described)),
                                it->second, "")},
             {"product_reference", id},
             {"relates_to_product_reference", "CSAFPID-PRODUCT"}});
      }
    }
    for (const Finding& finding : result.findings) {
      if (!stated.emplace(finding.primary_id, purl).second) continue;
      VulnerabilityEntry& entry = entries[finding.primary_id];
      if (entry.finding == nullptr) entry.finding = &finding;
      entry.products.push_back(statement_for(finding, it->second, purl, out.warnings));
    }
  }

  nlohmann::ordered_json vulnerabilities = nlohmann::ordered_json::array();
  std::set<std::string> cves_used;
  for (const auto& [primary_id, entry] : entries) {
    const Finding& finding = *entry.finding;
    nlohmann::ordered_json vulnerability;
    std::string cve;
    for (const std::string& id : finding.ids) {
      if (id.starts_with("CVE-") && !cves_used.contains(id)) {
        cve = id;
        break;
      }
    }
    if (!cve.empty()) {
      cves_used.insert(cve);
      vulnerability["cve"] = cve;
    }
    nlohmann::ordered_json ids = nlohmann::ordered_json::array();
    for (const std::string& id : finding.ids) {
      if (id != cve) ids.push_back({{"system_name", system_name(id)}, {"text", id}});
    }
    if (!ids.empty()) vulnerability["ids"] = std::move(ids);
    vulnerability["notes"] = nlohmann::ordered_json::array(
        {{{"category", "description"},
          {"text", finding.summary.empty()
                       ? fmt::format("The advisories of {} give no summary.", primary_id)
                       : finding.summary},
          {"title", "Summary"}}});

    nlohmann::ordered_json status = nlohmann::ordered_json::object();
    std::map<std::string, nlohmann::ordered_json> flags;  // label -> product ids
    nlohmann::ordered_json threats = nlohmann::ordered_json::array();
    std::map<std::pair<std::string, std::string>, nlohmann::ordered_json>
        remediations;                                      // (category, details) -> ids
    std::map<std::string, nlohmann::ordered_json> scores;  // vector -> product ids
    for (const ProductStatement& product : entry.products) {
      status[product.status].push_back(product.product_id);
      if (!product.flag.empty()) flags[product.flag].push_back(product.product_id);
      if (!product.impact.empty()) {
        threats.push_back({{"category", "impact"},
                           {"details", product.impact},
                           {"product_ids", {product.product_id}}});
      }
      if (!product.remediation.empty()) {
        remediations[{product.remediation_category, product.remediation}].push_back(
            product.product_id);
      }
      if (!product.cvss3_vector.empty()) scores[product.cvss3_vector].push_back(product.product_id);
    }
    vulnerability["product_status"] = std::move(status);
    if (!flags.empty()) {
      vulnerability["flags"] = nlohmann::ordered_json::array();
      for (auto& [label, products] : flags)
        vulnerability["flags"].push_back({{"label", label}, {"product_ids", std::move(products)}});
    }
    if (!remediations.empty()) {
      vulnerability["remediations"] = nlohmann::ordered_json::array();
      for (auto& [key, products] : remediations) {
        vulnerability["remediations"].push_back({{"category", key.first},
                                                 {"details", key.second},
                                                 {"product_ids", std::move(products)}});
      }
    }
    // One CVSS v3 score per product and version (test 6.1.7): a product keeps the first vector.
    nlohmann::ordered_json score_list = nlohmann::ordered_json::array();
    std::set<std::pair<std::string, std::string>> scored;  // (product, version)
    for (auto& [vector, products] : scores) {
      auto computed = score_cvss3(vector);
      if (!computed) continue;
      nlohmann::ordered_json kept = nlohmann::ordered_json::array();
      for (const auto& product : products) {
        if (scored.emplace(product.get<std::string>(), computed->version).second)
          kept.push_back(product);
      }
      if (kept.empty()) continue;
      std::string severity(to_string(computed->rating));
      std::ranges::transform(severity, severity.begin(),
                             [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      score_list.push_back({{"cvss_v3",
                             {{"version", computed->version},
                              {"vectorString", vector},
                              {"baseScore", computed->base},
                              {"baseSeverity", severity}}},
                            {"products", std::move(kept)}});
    }
    if (!score_list.empty()) vulnerability["scores"] = std::move(score_list);
    if (!threats.empty()) vulnerability["threats"] = std::move(threats);
    vulnerabilities.push_back(std::move(vulnerability));
  }

  std::string publisher_namespace = options.publisher_namespace;
  if (publisher_namespace.empty()) {
    publisher_namespace = kPlaceholderNamespace;
    out.warnings.push_back(
        fmt::format("no --publisher-namespace given: the CSAF document's publisher namespace is {}",
                    kPlaceholderNamespace));
  }
  nlohmann::ordered_json notes = nlohmann::ordered_json::array(
      {{{"category", "summary"},
        {"text",
         fmt::format("What cradle found when it matched the components of {} against {} advisory "
                     "record{}; product "
                     "statuses come from the advisories and the VEX statements that applied.",
                     report.file, report.advisories, report.advisories == 1 ? "" : "s")},
        {"title", "Scan"}}});
  if (const std::string gaps = coverage_note(report); !gaps.empty()) {
    notes.push_back({{"category", "other"}, {"text", gaps}, {"title", "Not checked"}});
  }
  const std::string now = report.now.empty() ? std::string("1970-01-01T00:00:00Z") : report.now;
  nlohmann::ordered_json& document = out.document;
  document["document"] = {
      {"category", "csaf_vex"},
      {"csaf_version", "2.0"},
      {"lang", "en"},
      {"notes", std::move(notes)},
      {"publisher",
       {{"category", "vendor"}, {"name", options.publisher}, {"namespace", publisher_namespace}}},
      {"title",
       fmt::format("VEX for {}", described != nullptr ? product_name(*described) : report.file)},
      {"tracking",
       {{"current_release_date", now},
        {"generator",
         {{"date", now}, {"engine", {{"name", "cradle"}, {"version", CRADLE_VERSION}}}}},
        {"id", ""},
        {"initial_release_date", now},
        {"revision_history",
         nlohmann::ordered_json::array(
             {{{"date", now}, {"number", "1"}, {"summary", "Written by cradle scan."}}})},
        {"status", "final"},
        {"version", "1"}}}};
  nlohmann::ordered_json tree{{"full_product_names", std::move(names)}};
  if (!relationships.empty()) tree["relationships"] = std::move(relationships);
  document["product_tree"] = std::move(tree);
  document["vulnerabilities"] = std::move(vulnerabilities);
  // The id derives from everything else the document says and the SBOM it speaks of.
  const std::string uuid = uuid_from(sbom.evidence.sha256 + document.dump()).substr(9);
  document["document"]["tracking"]["id"] = fmt::format("cradle-vex-{}", uuid);
  return out;
}

}  // namespace cradle
