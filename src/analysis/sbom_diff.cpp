#include "analysis/sbom_diff.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "analysis/matcher.h"
#include "analysis/stored_sbom_match.h"
#include "analysis/stored_vex.h"
#include "analysis/stored_advisories.h"
#include "analysis/vex.h"
#include "model/osv_package.h"
#include "versions/version.h"

namespace cradle {
namespace {

struct Side {
  SbomGraphRecord graph;
  Sbom sbom;                                 // its components, for matching (the primary one aside)
  std::vector<const ComponentRecord*> rows;  // the row of each of sbom.components
  std::vector<std::string> packages;         // the package of each (package_of its row)
  std::map<std::string, std::set<std::string>> versions;  // by package
};

std::string package_of(const ComponentRecord& row) {
  if (!row.purl.empty()) {
    if (auto purl = parse_purl(row.purl)) return purl_identity(*purl);
  }
  return row.name;
}

std::expected<Side, Error> read_side(Store& store, const SbomRecord& record) {
  auto graph = store.sbom_graph(record.id);
  if (!graph) return std::unexpected(graph.error());
  Side side;
  side.graph = std::move(*graph);
  side.sbom = to_sbom(record, side.graph, side.rows);
  for (const ComponentRecord* row : side.rows) {
    side.packages.push_back(package_of(*row));
    side.versions[side.packages.back()].insert(row->version);
  }
  return side;
}

// Upgraded or downgraded when one version became one other and the package's ecosystem orders
// them; changed otherwise.
ComponentChange::Kind version_change(const ComponentRecord& sample,
                                     const std::set<std::string>& from,
                                     const std::set<std::string>& to) {
  if (from.size() != 1 || to.size() != 1 || sample.ecosystem.empty())
    return ComponentChange::Kind::changed;
  auto scheme = scheme_for_ecosystem(sample.ecosystem);
  if (!scheme) return ComponentChange::Kind::changed;
  auto a = parse_version(*scheme, *from.begin());
  auto b = parse_version(*scheme, *to.begin());
  if (!a || !b) return ComponentChange::Kind::changed;
  const auto order = compare(*a, *b);
  if (order < 0) return ComponentChange::Kind::upgraded;
  if (order > 0) return ComponentChange::Kind::downgraded;
  return ComponentChange::Kind::changed;  // equal under the scheme, spelled differently
}

// A finding is the same on both sides when its package has it, at whichever version: an upgrade
// that does not fix it neither resolves it nor makes it new.
using FindingKey = std::pair<std::string, std::string>;  // package, vulnerability (its lowest id)

std::map<FindingKey, FindingChange> findings_of(Side& side,
                                                const std::vector<ComponentResult>& results) {
  std::map<FindingKey, FindingChange> out;
  for (const ComponentResult& result : results) {
    const ComponentRecord& row = *side.rows[result.component_index];
    const std::string& package = side.packages[result.component_index];
    for (const Finding& finding : result.findings) {
      out.emplace(
          FindingKey{package, finding.ids.front()},
          FindingChange{FindingChange::Kind::added, package, row.version, row.purl, finding, {}, {}});
    }
  }
  return out;
}

}  // namespace

std::string_view to_string(ComponentChange::Kind kind) {
  switch (kind) {
    case ComponentChange::Kind::added:
      return "added";
    case ComponentChange::Kind::removed:
      return "removed";
    case ComponentChange::Kind::upgraded:
      return "upgraded";
    case ComponentChange::Kind::downgraded:
      return "downgraded";
    case ComponentChange::Kind::changed:
      return "changed";
  }
  return "changed";
}

std::string_view to_string(FindingChange::Kind kind) {
  switch (kind) {
    case FindingChange::Kind::added:
      return "new";
    case FindingChange::Kind::resolved:
      return "resolved";
    case FindingChange::Kind::status_changed:
      return "status_changed";
  }
  return "new";
}

std::string finding_status(const Finding& finding) {
  if (!finding.vex) return std::string(to_string(finding.verdict));
  std::string status(to_string(finding.vex->status));
  return finding.suppressed ? status + " (suppressed)" : status;
}

std::expected<SbomDiff, Error> diff_sboms(Store& store, const SbomRecord& from,
                                          const SbomRecord& to) {
  SbomDiff diff{from, to, {}, {}, 0, {}};
  auto before = read_side(store, from);
  if (!before) return std::unexpected(before.error());
  auto after = read_side(store, to);
  if (!after) return std::unexpected(after.error());

  std::map<std::string, const ComponentRecord*> sample;  // a row per package, for its ecosystem
  for (const Side* side : {&*before, &*after}) {
    for (std::size_t i = 0; i < side->rows.size(); ++i) {
      sample.emplace(side->packages[i], side->rows[i]);
    }
  }
  for (const auto& [package, row] : sample) {
    auto a = before->versions.find(package);
    auto b = after->versions.find(package);
    ComponentChange change;
    change.package = package;
    if (a != before->versions.end()) change.from.assign(a->second.begin(), a->second.end());
    if (b != after->versions.end()) change.to.assign(b->second.begin(), b->second.end());
    if (change.from == change.to) {
      ++diff.unchanged;
      continue;
    }
    if (change.from.empty()) {
      change.kind = ComponentChange::Kind::added;
    } else if (change.to.empty()) {
      change.kind = ComponentChange::Kind::removed;
    } else {
      change.kind = version_change(*row, a->second, b->second);
    }
    diff.components.push_back(std::move(change));
  }

  // Both sides against the same advisories: the records of the packages of either.
  Sbom both;
  both.components = before->sbom.components;
  both.components.insert(both.components.end(), after->sbom.components.begin(),
                         after->sbom.components.end());
  AdvisoryIndex index;
  auto load = load_stored_advisories(store, both, index);
  if (!load) return std::unexpected(load.error());
  diff.diagnostics = std::move(load->diagnostics);
  auto statements = stored_vex_statements(store, diff.diagnostics);
  if (!statements) return std::unexpected(statements.error());
  auto judged = [&](Side& side) {
    std::vector<ComponentResult> results = match_components(side.sbom, index);
    apply_vex(side.sbom, *statements, results);
    return findings_of(side, results);
  };
  auto old_findings = judged(*before);
  auto new_findings = judged(*after);
  for (auto& [key, change] : new_findings) {
    change.status_after = finding_status(change.finding);
    auto old = old_findings.find(key);
    if (old == old_findings.end()) {
      diff.findings.push_back(std::move(change));
      continue;
    }
    change.status_before = finding_status(old->second.finding);
    if (change.status_before == change.status_after) continue;
    change.kind = FindingChange::Kind::status_changed;
    diff.findings.push_back(std::move(change));
  }
  for (auto& [key, change] : old_findings) {
    if (new_findings.contains(key)) continue;
    change.kind = FindingChange::Kind::resolved;
    change.status_before = finding_status(change.finding);
    diff.findings.push_back(std::move(change));
  }
  std::ranges::sort(diff.findings, [](const FindingChange& a, const FindingChange& b) {
    return std::tie(a.package, a.finding.primary_id, a.version) <
           std::tie(b.package, b.finding.primary_id, b.version);
  });
  return diff;
}

}  // namespace cradle
