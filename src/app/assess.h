// assess_product_version(): `cradle assess`. The current SBOM of a product version is matched
// again against the stored advisories and VEX (what the evidence shows now), each finding is
// decided by the policy in the product's context (and, when the policy has licence rules, each
// component's licence, read again from the stored SBOM's bytes: analysis/licence_policy.h), and
// the assessment is kept in the store's decision log with the policy's bytes as a document, in
// one transaction.
//
// A component's project-health signal is the newest stored OpenSSF Scorecard aggregate of its
// source repository, which is read off its purl: pkg:github/o/r, a Go module under github.com or
// gitlab.com, or a `vcs_url` qualifier naming one. Components of other ecosystems have none here
// (the store keeps no external references of components).
//
// Threads: one call at a time per store (store/store.h).
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/coverage_check.h"
#include "assess/decision_changes.h"
#include "assess/decision_log.h"
#include "model/decision.h"
#include "formats/policy/policy_yaml.h"
#include "model/diagnostic.h"
#include "model/error.h"
#include "model/policy.h"
#include "model/product.h"
#include "model/purl.h"
#include "store/store.h"

namespace cradle {

struct AssessmentRun {
  Assessment assessment;
  ProductContext context;
  std::vector<Diagnostic> diagnostics;  // stored advisories or VEX documents that no longer read
  // What the advisories reached: a component not covered has no finding to decide, which is
  // not a decision that it is fine.
  CoverageCheck coverage;
};

// A policy file read and parsed (the built-in policy when `path` is empty), with its bytes: the
// assessment keeps them as a document.
struct PolicyLoad {
  PolicyParseResult parsed;
  std::string bytes;
};
PolicyLoad load_policy(const std::string& path);

// `policy` was parsed from `policy_bytes`; `decided_at` is RFC 3339 UTC; `freshness` says when
// stored advisories are stale.
std::expected<AssessmentRun, Error> assess_product_version(Store& store, const ProductVersion& target,
                                                           const Policy& policy, std::string_view policy_bytes,
                                                           const std::string& decided_at,
                                                           const FreshnessRule& freshness);

// `cradle assess --replay ID`: a past assessment decided again, from its recorded inputs (the
// same SBOM, the policy document it kept) against the advisories, VEX, signals and product context
// the store holds now, dated `now`; nothing is stored. What would change and why: each decision that differs
// (assess/decision_changes.h) and how the advisory data differs from what the log recorded.
struct AssessmentReplay {
  Assessment then;  // as the store holds it
  AssessmentRun now;  // decided today (not stored: id 0)
  // The stored assessment checked against its log entry: a replay of an edited one says so.
  std::vector<LogProblem> log_problems;
  bool predates_log = false;  // stored before the log began: no snapshot to compare
  std::vector<std::string> advisories;  // compare_advisory_loads(logged, now)
  DecisionChanges changes;
};
std::expected<AssessmentReplay, Error> replay_assessment(Store& store, std::int64_t assessment_id,
                                                         const std::string& now, const FreshnessRule& freshness);

// How an assessment ends, in the order the exit code weighs them: stored evidence that no longer
// reads, a decision that blocks, a coverage gap (unless allowed).
enum class AssessVerdict { ok, inputs_failed, blocked, coverage_gaps };
AssessVerdict assess_verdict(const AssessmentRun& run, bool allow_coverage_gaps);

// The repository a purl's package is built from, as Scorecard names it ("github.com/o/r"), or
// empty when the purl does not say.
std::string source_repository(const Purl& purl);

}  // namespace cradle
