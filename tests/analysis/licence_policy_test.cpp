// Licence policy (analysis/licence_policy.h): the category table, and decisions on compound
// expressions: an OR takes its most favourable branch and names it, an AND its least favourable
// operand; a licence nobody can identify, or none stated, is reviewed unless a rule decides it.
#include "analysis/licence_policy.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "formats/policy/policy_yaml.h"
#include "formats/spdx/spdx_license_list.h"

namespace cradle {
namespace {

LicenceCategory category_of(std::string_view expression) {
  const auto parsed = parse_license_expression(expression);
  EXPECT_TRUE(parsed.expression) << expression;
  return licence_category(parsed.expression->term);
}

TEST(LicenceCategory, TheTableAndItsExceptions) {
  EXPECT_EQ(category_of("MIT"), LicenceCategory::permissive);
  EXPECT_EQ(category_of("apache-2.0"), LicenceCategory::permissive);
  EXPECT_EQ(category_of("LGPL-2.1-or-later"), LicenceCategory::weak_copyleft);
  EXPECT_EQ(category_of("GPL-3.0-only"), LicenceCategory::strong_copyleft);
  EXPECT_EQ(category_of("GPL-2.0+"), LicenceCategory::strong_copyleft);
  EXPECT_EQ(category_of("GPL-2.0-only WITH Classpath-exception-2.0"),
            LicenceCategory::weak_copyleft);
  EXPECT_EQ(category_of("GPL-2.0-only WITH Linux-syscall-note"), LicenceCategory::strong_copyleft)
      << "an exception that is no linking exception leaves the category";
  EXPECT_EQ(category_of("AGPL-3.0-or-later"), LicenceCategory::network_copyleft);
  EXPECT_EQ(category_of("CC-BY-NC-4.0"), LicenceCategory::proprietary);
  EXPECT_EQ(category_of("LicenseRef-Acme"), LicenceCategory::unknown);
  EXPECT_EQ(category_of("FooBar-1.0"), LicenceCategory::unknown);
  EXPECT_EQ(category_of("Glide"), LicenceCategory::unknown)
      << "listed, but not in the table: never guessed";
}

TEST(LicenceCategory, EveryCategorisedIdIsOnTheSpdxList) {
  const auto ids = categorised_licence_ids();
  EXPECT_GE(ids.size(), 230u);
  for (std::string_view id : ids) {
    const SpdxLicense* listed = find_spdx_license(id);
    ASSERT_NE(listed, nullptr) << id;
    EXPECT_EQ(listed->id, id) << "spelled as the list does";
  }
}

class LicencePolicy : public ::testing::Test {
 protected:
  void SetUp() override {
    auto parsed = parse_policy_yaml(R"(cradle-policy: 1
name: licences
rules:
  - {id: all, decide: review}
licences:
  - id: no-agpl
    when: {licence_any_of: [AGPL-3.0-only, AGPL-3.0-or-later]}
    decide: block
    reason: AGPL code is not shipped
  - id: copyleft-online
    when: {licence_category: [strong-copyleft, network-copyleft], exposure: [network-facing]}
    decide: block
  - id: allowed
    when: {licence_category: [permissive, weak-copyleft]}
    decide: accept
  - id: copyleft-internal
    when: {licence_category: [strong-copyleft]}
    decide: remediate
    within_days: 90
)",
                                    "licences.policy.yaml");
    ASSERT_TRUE(parsed.accepted());
    policy_ = std::move(*parsed.policy);
  }

  LicenceDecision decide(std::vector<std::string> concluded, std::vector<std::string> declared = {},
                         std::string exposure = "network-facing") {
    return decide_licence(policy_, ProductContext{"", std::move(exposure), ""}, concluded,
                          declared);
  }

  Policy policy_;
};

TEST_F(LicencePolicy, AnOrTakesTheMostFavourableBranchAndNamesIt) {
  const LicenceDecision d = decide({"GPL-3.0-only OR mit"});
  EXPECT_EQ(d.outcome, DecisionOutcome::accept);
  EXPECT_EQ(d.source, "concluded");
  EXPECT_EQ(d.expression, "GPL-3.0-only OR MIT");
  ASSERT_EQ(d.chosen.size(), 1u);
  EXPECT_EQ(d.chosen[0].licence, "MIT");
  EXPECT_EQ(d.rule, "allowed");
  EXPECT_EQ(d.rationale,
            (std::vector<std::string>{
                "licence (concluded): GPL-3.0-only OR MIT",
                "chosen: MIT (an OR lets the licensee choose; the most favourable branch is taken)",
                "MIT (permissive): rule 'allowed' of policy 'licences': accept"}));
}

TEST_F(LicencePolicy, AnAndNeedsEveryLicenceAndTheLeastFavourableDecides) {
  const LicenceDecision d = decide({"MIT AND GPL-3.0-only"});
  EXPECT_EQ(d.outcome, DecisionOutcome::block);
  EXPECT_EQ(d.rule, "copyleft-online");
  ASSERT_EQ(d.chosen.size(), 2u);
  EXPECT_EQ(d.chosen[1].category, LicenceCategory::strong_copyleft);
  EXPECT_EQ(d.rationale.back(), "product exposure: network-facing");

  const LicenceDecision internal = decide({"MIT AND GPL-3.0-only"}, {}, "internal");
  EXPECT_EQ(internal.outcome, DecisionOutcome::remediate);
  EXPECT_EQ(internal.within_days, 90);

  // (a OR b) AND c: the choice inside the AND is still a choice.
  const LicenceDecision nested = decide({"(AGPL-3.0-only OR Apache-2.0) AND LGPL-2.1-only"});
  EXPECT_EQ(nested.outcome, DecisionOutcome::accept);
  ASSERT_EQ(nested.chosen.size(), 2u);
  EXPECT_EQ(nested.chosen[0].licence, "Apache-2.0");
}

TEST_F(LicencePolicy, ALicenceRuleNamesLicencesOrLater) {
  EXPECT_EQ(decide({"AGPL-3.0-only"}).rule, "no-agpl");
  EXPECT_EQ(decide({"AGPL-3.0-or-later"}, {}, "internal").outcome, DecisionOutcome::block);
  EXPECT_EQ(decide({"AGPL-3.0-only"}).rationale.back(),
            "AGPL-3.0-only (network-copyleft): rule 'no-agpl' of policy 'licences': block: AGPL "
            "code is not shipped");
}

TEST_F(LicencePolicy, UnknownOrMissingLicencesAreReviewed) {
  const LicenceDecision none = decide({}, {});
  EXPECT_EQ(none.outcome, DecisionOutcome::review);
  EXPECT_EQ(none.source, "none");
  EXPECT_EQ(none.rule, "");
  EXPECT_EQ(none.rationale,
            (std::vector<std::string>{
                "licence: none stated in the SBOM",
                "no licence (unknown): no licence rule of policy 'licences' holds: review"}));
  // Several entries all apply: one nobody can identify is reviewed with the rest.
  const LicenceDecision mixed = decide({}, {"MIT", "Some Custom Licence"});
  EXPECT_EQ(mixed.source, "declared");
  EXPECT_EQ(mixed.outcome, DecisionOutcome::review);
  EXPECT_EQ(mixed.chosen[1].category, LicenceCategory::unknown);
  // NONE grants nothing: proprietary, which no rule here accepts.
  EXPECT_EQ(decide({"NONE"}).chosen[0].category, LicenceCategory::proprietary);
}

TEST_F(LicencePolicy, ConcludedLicencesWinAndFullNamesAreIdentified) {
  const LicenceDecision d = decide({"Apache License 2.0"}, {"GPL-3.0-only"});
  EXPECT_EQ(d.source, "concluded");
  EXPECT_EQ(d.expression, "Apache-2.0") << "a listed licence's full name is its id";
  EXPECT_EQ(d.outcome, DecisionOutcome::accept);
  EXPECT_EQ(decide({}, {"GPL-3.0-only"}).outcome, DecisionOutcome::block);
  EXPECT_EQ(decide({"https://spdx.org/licenses/MIT.html"}).expression, "MIT")
      << "a URL that names a licence";
  EXPECT_EQ(decide({"https://example.org/LICENSE"}).outcome, DecisionOutcome::review);
}

TEST_F(LicencePolicy, APolicyWithoutLicenceRulesReviewsEveryLicence) {
  Policy bare;
  const LicenceDecision d = decide_licence(bare, {}, {"MIT"}, {});
  EXPECT_EQ(d.outcome, DecisionOutcome::review);
  EXPECT_EQ(d.rationale.back(), "MIT (permissive): no licence rule of the policy holds: review");
}

}  // namespace
}  // namespace cradle
