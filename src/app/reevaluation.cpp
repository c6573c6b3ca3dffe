#include "app/reevaluation.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iterator>
#include <map>
#include <set>

#include "model/date_time.h"

namespace cradle {
namespace {

using FindingKey = std::pair<std::string, std::string>;  // purl (or label), vulnerability

std::map<FindingKey, const FindingRecord*> by_key(const std::vector<FindingRecord>& findings) {
  std::map<FindingKey, const FindingRecord*> out;
  for (const FindingRecord& finding : findings)
    out.emplace(FindingKey{finding.purl, finding.vulnerability}, &finding);
  return out;
}

// The findings kept for the SBOM, or, for one never evaluated, those of the previous SBOM of its
// product version.
std::expected<std::vector<FindingRecord>, Error> baseline(Store& store, const SbomRecord& sbom) {
  if (!sbom.evaluated_at.empty()) return store.findings(sbom.id);
  auto history = store.product_sboms(sbom.product);
  if (!history) return std::unexpected(history.error());
  const SbomRecord* previous = nullptr;
  for (const SbomRecord& other : *history) {
    if (other.id < sbom.id && other.product_version == sbom.product_version) previous = &other;
  }
  if (previous == nullptr) return std::vector<FindingRecord>{};
  return store.findings(previous->id);
}

}  // namespace

std::expected<std::vector<FindingRecord>, Error> evaluate_sbom(
    Store& store, const SbomRecord& record, const std::vector<VexStatement>& statements,
    const std::string& now, std::vector<Diagnostic>& diagnostics,
    std::vector<NotCovered>& not_covered) {
  auto match = match_stored_sbom(store, record, statements, diagnostics);
  if (!match) return std::unexpected(match.error());
  std::map<std::string, NotCovered> gaps;  // by ecosystem
  for (const ComponentResult& result : match->results) {
    if (result.state != ComponentState::not_covered) continue;
    NotCovered& gap = gaps[result.ecosystem];
    if (gap.components++ == 0) {
      gap = NotCovered{record.product, record.product_version, result.ecosystem, 1, result.reason};
    }
  }
  for (auto& [ecosystem, gap] : gaps) not_covered.push_back(std::move(gap));
  std::vector<FindingRecord> findings;
  for (const ComponentResult& result : match->results) {
    const ComponentRecord& row = *match->rows[result.component_index];
    for (const Finding& finding : result.findings) {
      findings.push_back(FindingRecord{
          row.node, finding.ids.front(), finding.ids.list(), component_label(row), finding.verdict,
          finding.vex ? std::optional(finding.vex->status) : std::nullopt,
          finding.suppressed, finding.rating, finding.nearest_fix, now});
    }
  }
  std::ranges::sort(findings, [](const FindingRecord& a, const FindingRecord& b) {
    return std::tie(a.node, a.vulnerability) < std::tie(b.node, b.vulnerability);
  });
  findings.erase(std::unique(findings.begin(), findings.end(),
                             [](const FindingRecord& a, const FindingRecord& b) {
                               return a.node == b.node && a.vulnerability == b.vulnerability;
                             }),
                 findings.end());
  return findings;
}

std::expected<Reevaluation, Error> reevaluate(Store& store, std::span<const std::int64_t> sbom_ids,
                                              const std::string& cause,
                                              const ReevaluationProgress& progress) {
  return in_transaction(store,
                        [&] { return reevaluate_in_transaction(store, sbom_ids, cause, progress); });
}

std::expected<Reevaluation, Error> reevaluate_in_transaction(Store& store,
                                                             std::span<const std::int64_t> sbom_ids,
                                                             const std::string& cause,
                                                             const ReevaluationProgress& progress) {
  Reevaluation out;
  if (sbom_ids.empty()) return out;
  const std::string now = store.clock().now_text();
  {
    auto statements = stored_vex_statements(store, out.diagnostics);
    if (!statements) return std::unexpected(statements.error());
    for (std::int64_t id : sbom_ids) {
      auto record = store.sbom(id);
      if (!record) return std::unexpected(record.error());
      if (!*record) continue;
      auto before = baseline(store, **record);
      if (!before) return std::unexpected(before.error());
      const std::size_t gaps_before = out.not_covered.size();
      auto after = evaluate_sbom(store, **record, *statements, now, out.diagnostics, out.not_covered);
      if (!after) return std::unexpected(after.error());
      // Said at every evaluation that meets the gap: a feed without it would read as clean.
      for (std::size_t i = gaps_before; i < out.not_covered.size(); ++i) {
        const NotCovered& gap = out.not_covered[i];
        EventRecord event;
        event.at = now;
        event.kind = EventKind::not_covered;
        event.product = (*record)->product;
        event.product_version = (*record)->product_version;
        event.sbom_id = id;
        event.status_after = "not covered";
        event.cause = cause;
        event.ecosystem = gap.ecosystem;
        event.components = static_cast<std::int64_t>(gap.components);
        event.reason = gap.reason;
        out.events.push_back(std::move(event));
      }
      const auto old_keys = by_key(*before);
      const auto new_keys = by_key(*after);
      auto event = [&](EventKind kind, const FindingRecord& finding, std::string before_status,
                       std::string after_status) {
        out.events.push_back(EventRecord{0, now, kind, (*record)->product,
                                         (*record)->product_version, id, finding.purl,
                                         finding.vulnerability, finding.ids,
                                         std::move(before_status), std::move(after_status), cause});
      };
      for (const auto& [key, finding] : new_keys) {
        auto old = old_keys.find(key);
        if (old == old_keys.end()) {
          event(EventKind::new_finding, *finding, "", finding->status());
        } else if (old->second->status() != finding->status()) {
          event(EventKind::status_changed, *finding, old->second->status(), finding->status());
        }
      }
      for (const auto& [key, finding] : old_keys) {
        if (!new_keys.contains(key)) event(EventKind::resolved, *finding, finding->status(), "");
      }
      if (auto stored = store.replace_findings((*record)->product_id, id, *after); !stored) {
        return std::unexpected(stored.error());
      }
      if (auto marked = store.mark_evaluated(id, now); !marked)
        return std::unexpected(marked.error());
      ++out.product_versions;
      if (progress) progress(out.product_versions, sbom_ids.size());
    }
    if (auto added = store.add_events(out.events); !added) return std::unexpected(added.error());
    return out;
  }
}

std::expected<std::vector<std::int64_t>, Error> sboms_touched(Store& store,
                                                              std::span<const OsvPackage> packages,
                                                              std::span<const std::string> ids) {
  std::set<std::int64_t> touched;
  if (!packages.empty()) {
    auto rows = store.current_components_for(packages);
    if (!rows) return std::unexpected(rows.error());
    for (const PortfolioComponent& row : *rows) touched.insert(row.sbom_id);
  }
  if (!ids.empty()) {
    auto naming = store.current_sboms_naming(ids);
    if (!naming) return std::unexpected(naming.error());
    touched.insert(naming->begin(), naming->end());
  }
  return std::vector<std::int64_t>(touched.begin(), touched.end());
}

std::expected<Reevaluation, Error> reevaluate_pending(Store& store) {
  auto pending = store.pending_reevaluations();
  if (!pending) return std::unexpected(pending.error());
  Reevaluation out;
  for (const PendingReevaluation& owed : *pending) {
    auto done = in_transaction(store, [&]() -> std::expected<Reevaluation, Error> {
      // Taken by another process since it was read (transactions take turns): done there.
      auto taken = store.take_pending_reevaluation(owed.id);
      if (!taken) return std::unexpected(taken.error());
      if (!*taken) return Reevaluation{};
      auto touched = sboms_touched(store, owed.packages, owed.ids);
      if (!touched) return std::unexpected(touched.error());
      return reevaluate_in_transaction(store, *touched, owed.cause);
    });
    if (!done) return std::unexpected(done.error());
    out.product_versions += done->product_versions;
    std::ranges::move(done->events, std::back_inserter(out.events));
    std::ranges::move(done->diagnostics, std::back_inserter(out.diagnostics));
    std::ranges::move(done->not_covered, std::back_inserter(out.not_covered));
  }
  return out;
}

void crash_point(std::string_view point) {
  const char* at = std::getenv("CRADLE_CRASH_AT");
  if (at != nullptr && point == at) std::_Exit(86);
}

std::expected<ReevaluationTargets, Error> reevaluation_targets(Store& store,
                                                               std::span<const ProductVersion> named) {
  std::vector<ProductVersion> wanted(named.begin(), named.end());
  if (wanted.empty()) {
    auto products = store.products();
    if (!products) return std::unexpected(products.error());
    for (const StoredProduct& product : *products) wanted.push_back({product.product.name, ""});
  }
  ReevaluationTargets out;
  for (const ProductVersion& product : wanted) {
    auto sboms = store.product_sboms(product.name);
    if (!sboms) return std::unexpected(sboms.error());
    std::set<std::string> versions;
    for (const SbomRecord& sbom : *sboms) {
      if (product.version.empty() || sbom.product_version == product.version) {
        versions.insert(sbom.product_version);
      }
    }
    const std::size_t before = out.sbom_ids.size();
    for (const std::string& version : versions) {
      if (const SbomRecord* current = current_sbom(*sboms, version)) out.sbom_ids.push_back(current->id);
    }
    // Only a product named can be missing: every product in the store was asked for otherwise.
    if (out.sbom_ids.size() == before && !named.empty()) {
      out.missing.push_back(product.version.empty() ? product.name
                                                    : product.name + "@" + product.version);
    }
  }
  std::ranges::sort(out.sbom_ids);
  out.sbom_ids.erase(std::unique(out.sbom_ids.begin(), out.sbom_ids.end()), out.sbom_ids.end());
  return out;
}

}  // namespace cradle
