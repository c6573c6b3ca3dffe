#include "analysis/vex.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "model/ascii.h"
#include "versions/vers_range.h"

namespace cradle {

bool vex_purl_matches(std::string_view vex_purl, const Purl& actual) {
  auto vex = parse_purl(vex_purl);
  return vex && purl_designates(*vex, actual);
}

namespace {

// "urn:uuid:X" and "X" name the same document; UUIDs compare without case.
bool same_serial(std::string_view a, std::string_view b) {
  auto bare = [](std::string_view serial) {
    if (serial.size() >= 9 && (serial.substr(0, 9) == "urn:uuid:" || serial.substr(0, 9) == "URN:UUID:")) {
      serial.remove_prefix(9);
    }
    return serial;
  };
  a = bare(a);
  b = bare(b);
  return ascii_iequals(a, b);
}

bool version_in(const std::vector<std::string>& versions, std::string_view version) {
  if (versions.empty()) return true;
  if (version.empty()) return false;
  return std::ranges::any_of(versions, [&](const std::string& constraint) {
    if (!constraint.starts_with("vers:")) return constraint == version;
    auto range = parse_vers(constraint);
    return range && range->contains(version).value_or(false);
  });
}

}  // namespace

bool vex_product_matches(const VexProduct& product, const Sbom& sbom, const Component& component) {
  bool named = false;
  if (product.id.starts_with("pkg:")) {
    named = component.purl && vex_purl_matches(product.id, *component.purl);
  } else {
    if (!product.bom_ref.empty() && product.bom_ref == component.ref) {
      named = (product.bom_serial.empty() || same_serial(product.bom_serial, sbom.serial_number)) &&
              (product.bom_version.empty() || sbom.bom_version.empty() ||
               product.bom_version == sbom.bom_version);
    }
    if (!named && !product.name.empty()) named = product.name == component.name;
  }
  if (!named) return false;
  return version_in(product.versions, installed_version(component));
}

namespace {

bool names_vulnerability(const VexStatement& statement, const Finding& finding) {
  auto has = [&finding](const std::string& id) {
    return std::ranges::find(finding.ids, id) != finding.ids.end();
  };
  return has(statement.vulnerability) || std::ranges::any_of(statement.aliases, has);
}

bool covers(const VexStatement& statement, const Sbom& sbom, const Component* product,
            const Component& component) {
  if (statement.products.empty()) return true;  // the scanned product as a whole
  for (const VexProduct& vex_product : statement.products) {
    const bool is_product = product != nullptr && vex_product_matches(vex_product, sbom, *product);
    const bool is_component = vex_product_matches(vex_product, sbom, component);
    if (vex_product.subcomponents.empty()) {
      if (is_product || is_component) return true;
      continue;
    }
    if (!is_product && !is_component) continue;
    for (const std::string& sub : vex_product.subcomponents) {
      if (component.purl && vex_purl_matches(sub, *component.purl)) return true;
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
  const Component* product = sbom.primary_component ? &*sbom.primary_component : nullptr;
  // Each statement copied once, when it first applies, and shared by its findings.
  std::vector<std::shared_ptr<const VexStatement>> shared_statements(statements.size());
  for (ComponentResult& result : results) {
    const Component& component = sbom.components[result.component_index];
    if (!component.purl || result.findings.empty()) continue;
    for (Finding& finding : result.findings) {
      std::vector<const VexStatement*> applicable;
      for (const VexStatement& statement : statements) {
        if (names_vulnerability(statement, finding) && covers(statement, sbom, product, component)) {
          applicable.push_back(&statement);
        }
      }
      if (applicable.empty()) continue;
      // Newest first; RFC 3339 times with the same offset compare as text, and a missing time
      // sorts last. Ties keep the order the documents were given in.
      std::ranges::stable_sort(applicable, [](const VexStatement* a, const VexStatement* b) {
        return a->timestamp > b->timestamp;
      });
      const std::size_t chosen_index = static_cast<std::size_t>(applicable.front() - statements.data());
      const VexStatement& chosen = statements[chosen_index];
      for (const VexStatement* other : applicable) {
        if (other->author != chosen.author && other->status != chosen.status) {
          application.conflicts.push_back(fmt::format(
              "{} on {}: '{}' says {} ({}), '{}' says {} ({}); the newest applies", finding.primary_id,
              result.purl, chosen.author, to_string(chosen.status), chosen.timestamp, other->author,
              to_string(other->status), other->timestamp));
          break;
        }
      }
      std::shared_ptr<const VexStatement>& shared = shared_statements[chosen_index];
      if (!shared) shared = std::make_shared<const VexStatement>(chosen);
      finding.vex = shared;
      finding.suppressed = suppresses(chosen);
      ++application.applied;
      if (finding.suppressed) ++application.suppressed;
    }
    const bool still_affected = std::ranges::any_of(result.findings, [](const Finding& f) {
      return !f.suppressed && f.verdict == Verdict::affected;
    });
    if (result.state == ComponentState::affected && !still_affected) {
      const auto unknown = std::ranges::find_if(result.findings, [](const Finding& f) {
        return !f.suppressed && f.verdict != Verdict::affected;
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
