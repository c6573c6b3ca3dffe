// Policy evaluation: one finding (or a licence, or the SBOM), the product's context and a policy
// -> one Decision. Pure: the
// facts come in (app/assess.h gathers them from the store), the decision goes out, and the
// same facts always give the same decision.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/decision.h"
#include "model/policy.h"
#include "model/product.h"
#include "model/sbom_profile.h"
#include "model/signal.h"
#include "model/verdict.h"
#include "model/vex.h"

namespace cradle {

// What a policy weighs about one finding, as the evidence states it.
struct FindingFacts {
  std::string purl;
  std::string vulnerability;
  std::vector<std::string> ids;
  Verdict verdict = Verdict::unknown;
  std::string rating;       // "critical" ... "none"; empty when no score was given
  std::string cvss_vector;  // the score the rating comes from, when one does
  double cvss_score = 0.0;
  std::optional<VexStatus> vex_status;  // the applied VEX statement's, when one applies
  std::string nearest_fix;
  // The newest Scorecard aggregate of the component's source repository, when one is stored.
  std::optional<Signal> scorecard;
  std::vector<EvidenceRef> evidence;  // the SBOM, the matched advisory records, the VEX document
};

// The first rule whose conditions all hold decides; none holding is a `review` decision saying
// so. `decided_at` (RFC 3339) dates the decision and its deadline.
Decision decide(const Policy& policy, const ProductContext& context, const FindingFacts& finding,
                std::string_view decided_at);

// A component's licence decided by the policy's licence rules (analysis/licence_policy.h), as a
// Decision on `purl` citing `evidence` (the SBOM) and the policy.
Decision decide_licence_of(const Policy& policy, const ProductContext& context, std::string purl,
                           const std::vector<std::string>& concluded_licences,
                           const std::vector<std::string>& declared_licences,
                           std::vector<EvidenceRef> evidence, std::string_view decided_at);

// The product version's SBOM decided by the policy's SBOM rules on its `conformance` per profile
// (as ingest checked it; a profile missing from it is "not checked" and holds no condition on
// it): the first rule whose conditions hold decides, none holding is `review`. The Decision
// names no component, vulnerability or licence; it cites `evidence` (the SBOM) and the policy.
Decision decide_sbom(const Policy& policy, const ProductContext& context,
                     const std::vector<SbomConformance>& conformance, std::vector<EvidenceRef> evidence,
                     std::string_view decided_at);

}  // namespace cradle
