#include "analysis/vex.h"

#include <fmt/format.h>

#include <algorithm>

namespace cradle {

bool vex_purl_matches(std::string_view vex_purl, const Purl& actual) {
  auto vex = parse_purl(vex_purl);
  if (!vex) return false;
  if (vex->type != actual.type || vex->namespace_ != actual.namespace_ || vex->name != actual.name) {
    return false;
  }
  if (!vex->version.empty() && vex->version != actual.version) return false;
  for (const auto& [key, value] : vex->qualifiers) {
    auto mine = actual.qualifier(key);
    if (!mine || *mine != value) return false;
  }
  return true;
}

namespace {

bool names_vulnerability(const VexStatement& statement, const Finding& finding) {
  auto has = [&finding](const std::string& id) {
    return std::ranges::find(finding.ids, id) != finding.ids.end();
  };
  return has(statement.vulnerability) || std::ranges::any_of(statement.aliases, has);
}

bool covers(const VexStatement& statement, const Purl* product, const Purl& component) {
  if (statement.products.empty()) return true;  // the scanned product as a whole
  for (const VexProduct& vex_product : statement.products) {
    const bool is_product = product != nullptr && vex_purl_matches(vex_product.id, *product);
    const bool is_component = vex_purl_matches(vex_product.id, component);
    if (vex_product.subcomponents.empty()) {
      if (is_product || is_component) return true;
      continue;
    }
    if (!is_product && !is_component) continue;
    for (const std::string& sub : vex_product.subcomponents) {
      if (vex_purl_matches(sub, component)) return true;
    }
  }
  return false;
}

bool suppresses(const VexStatement& statement) {
  if (statement.status == VexStatus::fixed) return true;
  return statement.status == VexStatus::not_affected &&
         (!statement.justification.empty() || !statement.impact_statement.empty());
}

}  // namespace

VexApplication apply_vex(const Sbom& sbom, const std::vector<VexStatement>& statements,
                         std::vector<ComponentResult>& results) {
  VexApplication application;
  const Purl* product = sbom.primary_component && sbom.primary_component->purl
                            ? &*sbom.primary_component->purl
                            : nullptr;
  for (ComponentResult& result : results) {
    const Component& component = sbom.components[result.component_index];
    if (!component.purl || result.findings.empty()) continue;
    for (Finding& finding : result.findings) {
      std::vector<const VexStatement*> applicable;
      for (const VexStatement& statement : statements) {
        if (names_vulnerability(statement, finding) && covers(statement, product, *component.purl)) {
          applicable.push_back(&statement);
        }
      }
      if (applicable.empty()) continue;
      // Newest first; RFC 3339 times with the same offset compare as text, and a missing time
      // sorts last. Ties keep the order the documents were given in.
      std::ranges::stable_sort(applicable, [](const VexStatement* a, const VexStatement* b) {
        return a->timestamp > b->timestamp;
      });
      const VexStatement& chosen = *applicable.front();
      for (const VexStatement* other : applicable) {
        if (other->author != chosen.author && other->status != chosen.status) {
          application.conflicts.push_back(fmt::format(
              "{} on {}: '{}' says {} ({}), '{}' says {} ({}); the newest applies", finding.primary_id,
              result.purl, chosen.author, to_string(chosen.status), chosen.timestamp, other->author,
              to_string(other->status), other->timestamp));
          break;
        }
      }
      finding.vex = chosen;
      finding.suppressed = suppresses(chosen);
      ++application.applied;
      if (finding.suppressed) ++application.suppressed;
    }
    const bool still_affected = std::ranges::any_of(result.findings, [](const Finding& f) {
      return !f.suppressed && f.verdict == "affected";
    });
    if (result.state == ComponentState::affected && !still_affected) {
      const auto unknown = std::ranges::find_if(result.findings, [](const Finding& f) {
        return !f.suppressed && f.verdict != "affected";
      });
      if (unknown == result.findings.end()) {
        result.state = ComponentState::clean;
      } else {
        result.state = ComponentState::not_scannable;
        result.reason = fmt::format("{} could not be evaluated", unknown->primary_id);
      }
    }
  }
  return application;
}

}  // namespace cradle
