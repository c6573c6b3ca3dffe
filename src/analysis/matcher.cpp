#include "analysis/matcher.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "analysis/advisory_index.h"
#include "analysis/coverage_check.h"
#include "analysis/cvss.h"
#include "analysis/parallel_for.h"
#include "model/osv_package.h"
#include "model/sbom_graph.h"
#include "versions/osv_ranges.h"
#include "versions/version.h"

namespace cradle {
namespace {

// Why advisories cannot name a package of `ecosystem` as the purl gave it, or "". OSV scopes
// these distributions' records to a release, a product stream or a product in the ecosystem
// (`Debian:12`, `Red Hat:<CPE>`, `SUSE:<product>`): a package mapped to the bare name would
// meet none of them and look clean.
std::string missing_scope(std::string_view ecosystem) {
  static constexpr std::array<std::string_view, 6> kPerRelease{
      "Debian", "Ubuntu", "Alpine", "AlmaLinux", "Rocky Linux", "Mageia"};
  if (std::ranges::find(kPerRelease, ecosystem) != kPerRelease.end()) {
    return fmt::format(
        "a package without its {} release (add the purl's distro qualifier): advisories are per "
        "release",
        ecosystem);
  }
  if (ecosystem == "Red Hat") {
    return "advisories for Red Hat are per product stream (Red Hat:<CPE>), which a purl does not "
           "name";
  }
  if (ecosystem == "SUSE" || ecosystem == "openSUSE") {
    return fmt::format(
        "advisories for {0} are per product ({0}:<product>), which cradle does not derive from a "
        "purl",
        ecosystem);
  }
  if (ecosystem == "openEuler") {
    return "advisories for openEuler are per release and service pack (openEuler:22.03-LTS-SP2), "
           "which cradle does not derive from a purl";
  }
  return {};
}

ComponentResult not_scannable(ComponentResult result, std::string reason) {
  result.state = ComponentState::not_scannable;
  result.reason = std::move(reason);
  return result;
}

// A matched entry's severity scores joined to the finding's: shared as they are for the first
// entry, or when they are the same list; merged into a list of the finding's own otherwise.
void add_severity(Finding& finding, const std::shared_ptr<const EntrySeverity>& entry) {
  std::shared_ptr<const std::vector<SeverityScore>> scores(entry, &entry->scores);
  if (!finding.severity || finding.severity == scores) {
    finding.severity = std::move(scores);
    return;
  }
  auto merged = std::make_shared<std::vector<SeverityScore>>(*finding.severity);
  merged->insert(merged->end(), entry->scores.begin(), entry->scores.end());
  sort_severity_scores(*merged);
  finding.severity = std::move(merged);
}

ComponentResult match_one(const Component& component, std::size_t index_in_sbom,
                          const AdvisoryIndex& index) {
  ComponentResult result;
  result.component_index = index_in_sbom;
  result.purl = component.purl ? to_string(*component.purl) : component.purl_text;
  switch (scan_blocker(component)) {
    case ScanBlocker::no_purl: return not_scannable(std::move(result), "no purl");
    case ScanBlocker::invalid_purl: return not_scannable(std::move(result), "the purl does not parse");
    case ScanBlocker::no_version: return not_scannable(std::move(result), "no version");
    case ScanBlocker::none: break;
  }
  auto package = osv_package_for(*component.purl, component.details->source_name);
  if (!package) {
    return not_scannable(std::move(result),
                         fmt::format("no OSV ecosystem: {}", package.error().message));
  }
  result.ecosystem = package->ecosystem;
  result.package = package->name;
  result.version = installed_version(component);
  // Go's own releases are written go1.21.0 by SBOM tools (syft); the Go database says 1.21.0.
  if (package->ecosystem == "Go" && (package->name == "stdlib" || package->name == "toolchain") &&
      result.version.starts_with("go")) {
    result.version.erase(0, 2);
  }
  if (std::string missing = missing_scope(package->ecosystem); !missing.empty()) {
    return not_scannable(std::move(result), std::move(missing));
  }
  auto scheme = scheme_for_ecosystem(package->ecosystem);
  if (!scheme) {
    return not_scannable(std::move(result), fmt::format("no version ordering for ecosystem '{}'",
                                                        package->ecosystem));
  }
  if (!index.covers(package->ecosystem)) {
    result.state = ComponentState::not_covered;
    result.reason = not_loaded_reason(package->ecosystem);
    return result;
  }
  // A version that does not parse can still be listed, as written, in an advisory's versions[];
  // otherwise the component is not scannable.
  auto version = parse_version(*scheme, result.version);
  const std::string parse_problem =
      version ? std::string() : unparsable_version(result.version, *scheme, version.error());
  const InstalledVersion installed{result.version, *scheme, version ? &*version : nullptr,
                                   parse_problem};

  // One finding per alias group that matched, built in place in result.findings; few per
  // component, so the groups seen are a flat list searched linearly.
  struct GroupSlot {
    std::size_t group;
    std::size_t finding;                // into result.findings
    const Version* best_fix = nullptr;  // into the index's compiled ranges
    const EntrySeverity* cvss = nullptr;  // the entry whose CVSS pick is the highest so far
  };
  std::vector<GroupSlot> slots;
  // The common case, not affected, is decided by the cheap check, without a reason; the
  // reason is worked out only for the candidates, and there are at most as many findings.
  std::vector<const IndexedAffected*> candidates;
  for (const IndexedAffected& entry : index.lookup(package->ecosystem, package->name)) {
    if (version && !entry.ranges.listed(result.version) &&
        entry.ranges.check(*version) == Verdict::not_affected) {
      continue;
    }
    candidates.push_back(&entry);
  }
  result.findings.reserve(candidates.size());
  for (const IndexedAffected* candidate : candidates) {
    const IndexedAffected& entry = *candidate;
    RangeVerdict verdict = entry.ranges.evaluate(installed);
    if (verdict.verdict == Verdict::not_affected) continue;
    const Advisory& advisory = *entry.advisory;
    auto slot = std::ranges::find(slots, entry.group, &GroupSlot::group);
    if (slot == slots.end()) {
      slot = slots.insert(slots.end(), GroupSlot{entry.group, result.findings.size()});
      Finding& added = result.findings.emplace_back();
      added.ids = index.group_ids(entry.group);
      added.summary = advisory.summary;
    }
    Finding& finding = result.findings[slot->finding];
    // Affected wins over unknown within a group.
    if (finding.verdict != Verdict::affected) finding.verdict = verdict.verdict;
    if (verdict.verdict == Verdict::affected) {
      // The nearest fix over the group: the lowest of each entry's nearest fixed version.
      if (auto fix = version ? entry.ranges.nearest_fix(*version) : std::nullopt) {
        if (slot->best_fix == nullptr || compare(*fix->version, *slot->best_fix) < 0) {
          slot->best_fix = fix->version;
          finding.nearest_fix = std::string(fix->text);
        }
      }
    }
    if (const EntrySeverity* severity = entry.severity.get()) {
      add_severity(finding, entry.severity);
      if (severity->cvss && (slot->cvss == nullptr || higher_cvss(*severity, *slot->cvss))) {
        slot->cvss = severity;
      }
    }
    finding.matches.push_back(MatchedAdvisory{advisory.id, verdict.verdict,
                                              std::move(verdict.reason),
                                              entry.evidence});
  }
  for (const GroupSlot& slot : slots) {
    // The highest score any matched entry's CVSS v3 or v4 vector gives.
    if (slot.cvss == nullptr) continue;
    Finding& finding = result.findings[slot.finding];
    finding.cvss_score = slot.cvss->cvss_score;
    finding.cvss_vector = slot.cvss->cvss_vector().score;
    finding.rating = std::string(to_string(slot.cvss->rating));
  }
  for (Finding& finding : result.findings) {
    std::ranges::sort(finding.matches, [](const MatchedAdvisory& a, const MatchedAdvisory& b) {
      return a.id < b.id;
    });
    finding.primary_id = finding.matches.front().id;
  }
  std::ranges::sort(result.findings, [](const Finding& a, const Finding& b) {
    return a.primary_id < b.primary_id;
  });
  const bool affected = std::ranges::any_of(
      result.findings, [](const Finding& f) { return f.verdict == Verdict::affected; });
  if (affected) {
    result.state = ComponentState::affected;
  } else if (!parse_problem.empty()) {
    result.state = ComponentState::not_scannable;
    result.reason = parse_problem;
  } else if (!result.findings.empty()) {
    // Every finding is unknown: the first, in output order, says why.
    const MatchedAdvisory& first = result.findings.front().matches.front();
    result.state = ComponentState::not_scannable;
    result.reason = fmt::format("{} advisor{} could not be evaluated: {}: {}", result.findings.size(),
                                result.findings.size() == 1 ? "y" : "ies", first.id, first.reason);
  }
  return result;
}

}  // namespace

std::string_view to_string(ComponentState state) {
  switch (state) {
    case ComponentState::clean: return "clean";
    case ComponentState::affected: return "affected";
    case ComponentState::not_scannable: return "not_scannable";
    case ComponentState::not_covered: return "not_covered";
  }
  return "unknown";
}

bool ecosystem_is_scannable(std::string_view ecosystem) {
  return missing_scope(ecosystem).empty() && scheme_for_ecosystem(ecosystem).has_value();
}

std::vector<ComponentResult> match_components(const Sbom& sbom, const AdvisoryIndex& index) {
  // Components are independent: a large SBOM is matched on every core, each result at its
  // component's index (analysis/parallel_for.h).
  std::vector<ComponentResult> results(sbom.components.size());
  parallel_for(sbom.components.size(), 1024,
               [&](std::size_t i) { results[i] = match_one(sbom.components[i], i, index); });
  // Dependency paths, only when something is affected (the graph costs a pass over the SBOM).
  if (std::ranges::any_of(results, [](const ComponentResult& r) {
        return r.state == ComponentState::affected;
      })) {
    const SbomGraph graph = build_sbom_graph(sbom);
    const std::vector<std::size_t> parents = shortest_path_parents(graph);
    for (ComponentResult& result : results) {
      if (result.state != ComponentState::affected) continue;
      for (std::size_t node : path_to(parents, graph.first_component + result.component_index)) {
        result.path.push_back(path_label(*graph.nodes[node]));
      }
    }
  }
  return results;
}

}  // namespace cradle
