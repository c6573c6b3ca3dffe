// Licence policy: a component's licence, as its SBOM states it, decided by a policy's licence
// rules (model/policy.h) in a product's context. Pure: the same licence fields, policy and
// context always give the same decision.
//
// What is decided:
//  - the licence fields: the concluded licences when the SBOM gives any, else the declared ones;
//    each entry read as an SPDX expression, else as a licence's full name on the SPDX list
//    ("Apache License 2.0") or a URL that names one without doubt (formats/spdx/
//    spdx_license_list.h), else as a licence cradle cannot identify; several entries all apply
//    (AND), the cautious reading of a list the formats leave unexplained;
//  - each licence of the expression on its own: the first licence rule whose conditions hold
//    for it decides; none holding is `review`;
//  - the choices combined: an OR takes its most favourable branch (the licensee may choose), an
//    AND its least favourable operand (all apply). From favourable to not: accept, monitor,
//    review, remediate, block.
// No licence stated, an entry that is no expression, a LicenseRef- or an id on no list is the
// category `unknown` (a rule may decide it; by default it is reviewed); NONE (the SBOM says there
// is no licence: no rights are granted) is `proprietary`.
//
// Threads: plain functions of their arguments; the category table is read-only.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "formats/spdx/license_expression.h"
#include "model/licence_category.h"
#include "model/policy.h"
#include "model/product.h"

namespace cradle {

// The category of one licence of an expression, by the table in licence_policy.cpp: a listed
// licence's, lowered from strong to weak copyleft by a linking exception (Classpath, GCC runtime,
// LLVM, ...); `unknown` for anything not in the table.
LicenceCategory licence_category(const LicenseTerm& term);
// Every id the table categorises (for tests that hold it to the SPDX list).
std::vector<std::string_view> categorised_licence_ids();

// One licence of the branch chosen, and how it was decided.
struct LicenceTermDecision {
  std::string licence;  // "GPL-2.0-only WITH Classpath-exception-2.0", as the expression spells it
  LicenceCategory category = LicenceCategory::unknown;
  DecisionOutcome outcome = DecisionOutcome::review;
  std::string rule;  // the rule that decided it; empty when none held
};

struct LicenceDecision {
  DecisionOutcome outcome = DecisionOutcome::review;
  std::string source;                       // "concluded", "declared" or "none" (no licence stated)
  std::string expression;                   // what was decided, canonical where it is an expression
  std::vector<LicenceTermDecision> chosen;  // the licences of the branch chosen, in order
  std::string rule;                         // the rule behind the outcome; empty when none held
  std::optional<int> within_days;           // that rule's deadline
  std::vector<std::string> rationale;       // one line per fact weighed
};

LicenceDecision decide_licence(const Policy& policy, const ProductContext& context,
                               const std::vector<std::string>& concluded,
                               const std::vector<std::string>& declared);

}  // namespace cradle
