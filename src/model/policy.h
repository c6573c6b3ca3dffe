// Policy: the rules a manufacturer decides its findings by, in order; the first rule whose
// conditions all hold decides a finding. A condition left out holds for every finding.
//
// A policy states what to do about a vulnerability in a given product context; it never says
// the vulnerability is harmless. What a rule weighs is what the evidence shows: the finding's
// severity and verdict as the advisories give them, the VEX status a supplier stated, whether a
// fixed version is known, the product's exposure and criticality, and a project-health score.
// Licence rules decide each component's licence and SBOM rules the SBOM itself (its conformance
// to a profile), the same way: the first rule of their list that holds decides.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/evidence_ref.h"

namespace cradle {

enum class DecisionOutcome {
  block,      // the product version must not ship as it is
  remediate,  // fix (upgrade, patch or mitigate) within the rule's deadline
  monitor,    // no action now; watch for a change of the evidence
  accept,     // the risk is accepted for this product context, with the rule's reason
  review,     // no rule decided: a person must
};

std::string_view to_string(DecisionOutcome outcome);
std::optional<DecisionOutcome> parse_decision_outcome(std::string_view text);

// What a rule asks of a finding; an empty list or an unset value asks nothing.
struct RuleConditions {
  std::vector<std::string> severity;     // "critical", "high", "medium", "low", "none", "unscored"
  std::vector<std::string> verdict;      // "affected", "unknown"
  std::vector<std::string> vex;          // a VEX status, or "none" when no statement applies
  std::optional<bool> fix_available;     // a fixed version above the installed one is known
  std::vector<std::string> exposure;     // the product's (model/product.h), or "unstated"
  std::vector<std::string> criticality;  // the product's (model/product.h), or "unstated"
  // The newest OpenSSF Scorecard aggregate score of the component's source repository is below
  // this; never holds for a component whose repository has no such score.
  std::optional<double> scorecard_below;
};

// A rule: when its conditions hold, what it decides. The three lists of a policy differ only in
// what their conditions ask of.
template <typename Conditions>
struct RuleOf {
  std::string id;
  Conditions when;
  DecisionOutcome decide = DecisionOutcome::review;
  std::optional<int> within_days;  // the deadline of a block or remediate decision
  std::string reason;              // why the rule decides so, in the manufacturer's words
};

using PolicyRule = RuleOf<RuleConditions>;

// What a licence rule asks of one licence of a component: one term of its SPDX expression
// ("GPL-2.0-only WITH Classpath-exception-2.0" is one licence). An OR in the expression is a
// choice, so each licence is decided on its own and the choices combined
// (analysis/licence_policy.h); an empty list asks nothing.
struct LicenceConditions {
  // The licence is one of these / none of these: SPDX ids (case aside; '+' aside, as "or later"
  // includes the version named), "id WITH exception" for that pair only, or LicenseRef-... ids.
  std::vector<std::string> licence_any_of;
  std::vector<std::string> licence_none_of;
  std::vector<std::string> category;     // model/licence_category.h's names
  std::vector<std::string> exposure;     // the product's (model/product.h), or "unstated"
  std::vector<std::string> criticality;  // the product's (model/product.h), or "unstated"
};

using LicenceRule = RuleOf<LicenceConditions>;

// What an SBOM rule asks of the product version's SBOM itself: its conformance to one profile
// (analysis/sbom_conformance.h: "ntia", "bsi-2.0", "bsi-2.1", "cra"), as checked when the SBOM
// was ingested; an empty list or profile asks nothing.
struct SbomConditions {
  std::string profile;
  // "conformant" (every requirement met or not applicable), "nonconformant" (one not met),
  // "undetermined" (none unmet, one the SBOM cannot show): only what was checked is conformant.
  std::vector<std::string> conformance;
  std::vector<std::string> exposure;     // the product's (model/product.h), or "unstated"
  std::vector<std::string> criticality;  // the product's (model/product.h), or "unstated"
};

using SbomRule = RuleOf<SbomConditions>;

struct Policy {
  std::string name;
  std::vector<PolicyRule> rules;
  std::vector<LicenceRule> licence_rules;  // `licences:`; none asks nothing of licences
  std::vector<SbomRule> sbom_rules;        // `sbom:`; none asks nothing of the SBOM
  EvidenceRef evidence;  // the policy document's
};

}  // namespace cradle
