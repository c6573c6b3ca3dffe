#include "formats/policy/policy_yaml.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <set>

#include "formats/spdx/license_expression.h"
#include "formats/text_position.h"
#include "model/licence_category.h"
#include "model/product.h"
#include "model/sbom_profile.h"
#include "model/vex.h"

namespace cradle {
namespace {

constexpr std::array<std::string_view, 6> kSeverities{"critical", "high", "medium",
                                                      "low",      "none", "unscored"};
constexpr std::array<std::string_view, 2> kVerdicts{"affected", "unknown"};
constexpr std::array<std::string_view, 5> kVexStatuses{"not_affected", "affected", "fixed",
                                                       "under_investigation", "none"};

constexpr std::string_view kDefaultPolicy = R"yaml(cradle-policy: 1
name: cradle default
rules:
  - id: vex-not-affected
    when: {vex: [not_affected, fixed]}
    decide: accept
    reason: the supplier's VEX statement says the product is not affected, or that the vulnerability is fixed in it
  - id: severe-and-exposed
    when: {verdict: [affected], severity: [critical, high], exposure: [network-facing, unstated]}
    decide: block
    reason: a high or critical vulnerability in a product reachable from the network (or whose exposure is not stated) is to be remediated before the version ships (CRA Annex I, Part II (2))
  - id: severe-in-critical-product
    when: {verdict: [affected], severity: [critical, high], criticality: [important-class-ii, critical]}
    decide: block
    reason: a high or critical vulnerability in an important (class II) or critical product is to be remediated before the version ships (CRA Annex I, Part II (2))
  - id: fix-available
    when: {verdict: [affected], fix_available: true}
    decide: remediate
    within_days: 30
    reason: a fixed version is known; vulnerabilities are to be remediated without delay (CRA Annex I, Part II (2))
  - id: no-fix-known
    when: {verdict: [affected]}
    decide: remediate
    within_days: 30
    reason: no fixed version is known; mitigate (configuration, removal, a compensating control) or obtain a fix from the supplier
  - id: not-evaluated
    when: {verdict: [unknown]}
    decide: review
    reason: the advisory could not be evaluated for the installed version; a person must check whether it applies
)yaml";

SourceLocation location_of(const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) return {};
  return SourceLocation{mark.line + 1, mark.column + 1, {}};
}

class PolicyReader {
 public:
  PolicyReader(std::string_view file, std::vector<Diagnostic>& diagnostics)
      : file_(file), diagnostics_(diagnostics) {}

  std::optional<Policy> read(const YAML::Node& root) {
    if (!root.IsMap()) {
      error(root, "a policy is a mapping with 'cradle-policy', 'name' and 'rules'");
      return std::nullopt;
    }
    for (const auto& item : root) {
      const std::string key = item.first.Scalar();
      if (key != "cradle-policy" && key != "name" && key != "rules" && key != "licences" && key != "sbom") {
        error(item.first, fmt::format("'{}' is not a policy member (cradle-policy, name, rules, licences, sbom)", key));
      }
    }
    const YAML::Node format = root["cradle-policy"];
    if (!format) {
      error(root, "missing 'cradle-policy: 1': not a cradle policy");
      return std::nullopt;
    }
    if (!format.IsScalar() || format.Scalar() != "1") {
      error(format, "unsupported policy format: 'cradle-policy' must be 1");
      return std::nullopt;
    }
    Policy policy;
    if (const YAML::Node name = root["name"]) {
      if (auto text = scalar(name, "the policy's name")) policy.name = *text;
    }
    const YAML::Node rules = root["rules"];
    if (!rules || !rules.IsSequence() || rules.size() == 0) {
      error(rules ? rules : root, "a policy needs 'rules': a list of at least one rule");
      return std::nullopt;
    }
    std::set<std::string> ids;
    read_rules<PolicyRule>(rules, "finding", ids, policy.rules,
                           [&](const YAML::Node& when, RuleConditions& out) { return read_conditions(when, out); });
    if (const YAML::Node licences = root["licences"]) {
      if (!licences.IsSequence() || licences.size() == 0) {
        error(licences, "'licences' is a list of at least one licence rule");
      } else {
        read_rules<LicenceRule>(licences, "licence", ids, policy.licence_rules,
                                [&](const YAML::Node& when, LicenceConditions& out) {
                                  return read_licence_conditions(when, out);
                                });
      }
    }
    if (const YAML::Node sbom = root["sbom"]) {
      if (!sbom.IsSequence() || sbom.size() == 0) {
        error(sbom, "'sbom' is a list of at least one SBOM rule");
      } else {
        read_rules<SbomRule>(sbom, "SBOM", ids, policy.sbom_rules,
                             [&](const YAML::Node& when, SbomConditions& out) { return read_sbom_conditions(when, out); });
      }
    }
    return policy;
  }

 private:
  static bool holds_always(const RuleConditions& when) {
    return when.severity.empty() && when.verdict.empty() && when.vex.empty() && !when.fix_available &&
           when.exposure.empty() && when.criticality.empty() && !when.scorecard_below;
  }
  static bool holds_always(const LicenceConditions& when) {
    return when.licence_any_of.empty() && when.licence_none_of.empty() && when.category.empty() &&
           when.exposure.empty() && when.criticality.empty();
  }
  static bool holds_always(const SbomConditions& when) {
    return when.profile.empty() && when.exposure.empty() && when.criticality.empty();
  }

  // Rules in order; ids unique across both lists; a warning for a rule after one that always holds.
  template <typename Rule, typename ReadConditions>
  void read_rules(const YAML::Node& nodes, std::string_view subject, std::set<std::string>& ids,
                  std::vector<Rule>& out, ReadConditions read_when) {
    std::optional<std::string> catch_all;  // the id of the first rule that holds for every subject
    for (const YAML::Node& node : nodes) {
      auto rule = read_rule<Rule>(node, read_when);
      if (!rule) continue;
      if (!ids.insert(rule->id).second) error(node["id"], fmt::format("duplicate rule id '{}'", rule->id));
      if (catch_all) {
        warning(node, fmt::format("rule '{}' is never reached: rule '{}' before it holds for every {}", rule->id,
                                  *catch_all, subject));
      } else if (holds_always(rule->when)) {
        catch_all = rule->id;
      }
      out.push_back(std::move(*rule));
    }
  }

  template <typename Rule, typename ReadConditions>
  std::optional<Rule> read_rule(const YAML::Node& node, ReadConditions read_when) {
    if (!node.IsMap()) {
      error(node, "a rule is a mapping with 'id', 'decide' and optionally 'when', 'within_days', 'reason'");
      return std::nullopt;
    }
    Rule rule;
    bool ok = true;
    for (const auto& item : node) {
      const std::string key = item.first.Scalar();
      if (key != "id" && key != "when" && key != "decide" && key != "within_days" && key != "reason") {
        error(item.first, fmt::format("'{}' is not a rule member (id, when, decide, within_days, reason)", key));
        ok = false;
      }
    }
    const YAML::Node id = node["id"];
    auto id_text = id ? scalar(id, "a rule id") : std::nullopt;
    if (!id) error(node, "a rule needs an 'id'");
    if (id_text && id_text->empty()) error(id, "a rule id must not be empty");
    if (!id_text || id_text->empty()) return std::nullopt;
    rule.id = *id_text;

    const YAML::Node decide = node["decide"];
    if (!decide) {
      error(node, fmt::format("rule '{}' needs 'decide' (block, remediate, monitor, accept or review)", rule.id));
      ok = false;
    } else if (auto text = scalar(decide, "'decide'")) {
      if (auto outcome = parse_decision_outcome(*text)) {
        rule.decide = *outcome;
      } else {
        error(decide, fmt::format("'{}' is not a decision: expected block, remediate, monitor, accept or review", *text));
        ok = false;
      }
    } else {
      ok = false;
    }
    if (const YAML::Node days = node["within_days"]) {
      int value = -1;
      if (!days.IsScalar() || !YAML::convert<int>::decode(days, value) || value < 0 || value > 3650) {
        error(days, "'within_days' is a whole number of days, 0 to 3650");
        ok = false;
      } else if (rule.decide != DecisionOutcome::block && rule.decide != DecisionOutcome::remediate) {
        error(days, "'within_days' is a deadline: only a block or remediate rule has one");
        ok = false;
      } else {
        rule.within_days = value;
      }
    }
    if (const YAML::Node reason = node["reason"]) {
      if (auto text = scalar(reason, "'reason'")) rule.reason = *text;
    }
    if (const YAML::Node when = node["when"]) {
      if (!read_when(when, rule.when)) ok = false;
    }
    if (!ok) return std::nullopt;
    return rule;
  }

  // A rule's `when`: each key read by `condition`, which answers true (read), false (refused, said)
  // or nullopt (no such condition: said here, naming the `known` ones).
  template <typename Condition>
  bool read_when(const YAML::Node& when, std::string_view what, std::string_view known, Condition condition) {
    if (!when.IsMap()) {
      error(when, "'when' is a mapping of conditions");
      return false;
    }
    bool ok = true;
    for (const auto& item : when) {
      const std::string key = item.first.Scalar();
      const std::optional<bool> read = condition(key, item.second);
      if (!read) error(item.first, fmt::format("'{}' is not {} ({})", key, what, known));
      ok = ok && read.value_or(false);
    }
    return ok;
  }

  bool read_conditions(const YAML::Node& when, RuleConditions& out) {
    return read_when(when, "a condition",
                     "severity, verdict, vex, fix_available, exposure, criticality, scorecard_below",
                     [&](const std::string& key, const YAML::Node& value) -> std::optional<bool> {
                       if (key == "severity") return list(value, kSeverities, "a severity", out.severity);
                       if (key == "verdict") return list(value, kVerdicts, "a verdict", out.verdict);
                       if (key == "vex") return list(value, kVexStatuses, "a VEX status", out.vex);
                       if (key == "exposure") return list(value, with_unstated(kExposures), "an exposure", out.exposure);
                       if (key == "criticality") {
                         return list(value, with_unstated(kCriticalities), "a criticality", out.criticality);
                       }
                       if (key == "fix_available") {
                         bool flag = false;
                         if (!value.IsScalar() || !YAML::convert<bool>::decode(value, flag)) {
                           error(value, "'fix_available' is true or false");
                           return false;
                         }
                         out.fix_available = flag;
                         return true;
                       }
                       if (key == "scorecard_below") {
                         double score = -1;
                         if (!value.IsScalar() || !YAML::convert<double>::decode(value, score) ||
                             !(score >= 0 && score <= 10)) {
                           error(value, "'scorecard_below' is a score from 0 to 10");
                           return false;
                         }
                         out.scorecard_below = score;
                         return true;
                       }
                       return std::nullopt;
                     });
  }

  bool read_licence_conditions(const YAML::Node& when, LicenceConditions& out) {
    static const std::vector<std::string_view> kCategories = [] {
      std::vector<std::string_view> names;
      for (LicenceCategory category : kLicenceCategories) names.push_back(to_string(category));
      return names;
    }();
    return read_when(when, "a licence condition",
                     "licence_any_of, licence_none_of, licence_category, exposure, criticality",
                     [&](const std::string& key, const YAML::Node& value) -> std::optional<bool> {
                       if (key == "licence_any_of") return licences(value, out.licence_any_of);
                       if (key == "licence_none_of") return licences(value, out.licence_none_of);
                       if (key == "licence_category") return list(value, kCategories, "a licence category", out.category);
                       if (key == "exposure") return list(value, with_unstated(kExposures), "an exposure", out.exposure);
                       if (key == "criticality") {
                         return list(value, with_unstated(kCriticalities), "a criticality", out.criticality);
                       }
                       return std::nullopt;
                     });
  }

  // `sbom_conformance: {profile: bsi-2.1, status: nonconformant}` (a status or a list of them).
  bool read_sbom_conditions(const YAML::Node& when, SbomConditions& out) {
    return read_when(when, "an SBOM condition", "sbom_conformance, exposure, criticality",
                     [&](const std::string& key, const YAML::Node& value) -> std::optional<bool> {
                       if (key == "sbom_conformance") return sbom_conformance(value, out);
                       if (key == "exposure") return list(value, with_unstated(kExposures), "an exposure", out.exposure);
                       if (key == "criticality") {
                         return list(value, with_unstated(kCriticalities), "a criticality", out.criticality);
                       }
                       return std::nullopt;
                     });
  }

  bool sbom_conformance(const YAML::Node& node, SbomConditions& out) {
    if (!node.IsMap()) {
      error(node, "'sbom_conformance' is a mapping: {profile: a profile, status: a verdict or a list of them}");
      return false;
    }
    bool ok = true;
    for (const auto& item : node) {
      const std::string key = item.first.Scalar();
      if (key != "profile" && key != "status") {
        error(item.first, fmt::format("'{}' is not a member of 'sbom_conformance' (profile, status)", key));
        ok = false;
      }
    }
    const YAML::Node profile = node["profile"];
    const YAML::Node status = node["status"];
    if (!profile || !status) {
      error(node, "'sbom_conformance' needs both 'profile' and 'status'");
      return false;
    }
    std::vector<std::string> named;
    if (!list(profile, kSbomProfileNames, "a conformance profile", named)) return false;
    if (named.size() != 1) {
      error(profile, "'profile' names one profile: a rule per profile");
      return false;
    }
    out.profile = named.front();
    return list(status, kConformanceVerdicts, "a conformance verdict", out.conformance) && ok;
  }

  // Licences a rule names: each one licence of an SPDX expression (an id, "id WITH exception" or
  // a LicenseRef-), on the SPDX lists; kept in canonical form.
  bool licences(const YAML::Node& node, std::vector<std::string>& out) {
    const auto items = items_of(node, "a licence");
    if (!items) return false;
    bool ok = true;
    for (const YAML::Node& item : *items) {
      auto text = scalar(item, "a licence");
      if (!text) {
        ok = false;
        continue;
      }
      const ParsedLicenseExpression parsed = parse_license_expression(*text);
      if (!parsed.valid() || parsed.expression->kind != LicenseExpression::Kind::term) {
        const LicenseExpressionProblem* problem = parsed.first_error();
        error(item, problem != nullptr
                        ? fmt::format("'{}' is not a licence: column {}: {}", *text, problem->column, problem->message)
                        : fmt::format("'{}' is an expression: a rule names one licence per entry", *text));
        ok = false;
        continue;
      }
      std::string canonical = to_string(*parsed.expression);
      if (std::ranges::find(out, canonical) == out.end()) out.push_back(std::move(canonical));
    }
    return ok;
  }

  template <std::size_t N>
  static std::vector<std::string_view> with_unstated(const std::array<std::string_view, N>& values) {
    std::vector<std::string_view> out(values.begin(), values.end());
    out.push_back("unstated");
    return out;
  }

  // The entries of a condition's value: a single value stands for a list of one; nullopt (said)
  // for an empty list or a mapping.
  std::optional<std::vector<YAML::Node>> items_of(const YAML::Node& node, std::string_view what) {
    std::vector<YAML::Node> items;
    if (node.IsScalar()) {
      items.push_back(node);
    } else if (node.IsSequence() && node.size() > 0) {
      for (const YAML::Node& item : node) items.push_back(item);
    } else {
      error(node, fmt::format("expected {} or a list of them", what));
      return std::nullopt;
    }
    return items;
  }

  // A list of allowed words; a single word stands for a list of one.
  template <typename Allowed>
  bool list(const YAML::Node& node, const Allowed& allowed, std::string_view what,
            std::vector<std::string>& out) {
    const auto items = items_of(node, what);
    if (!items) return false;
    bool ok = true;
    for (const YAML::Node& item : *items) {
      auto text = scalar(item, what);
      if (!text) {
        ok = false;
        continue;
      }
      if (std::ranges::find(allowed, *text) == std::ranges::end(allowed)) {
        error(item, fmt::format("'{}' is not {}: expected one of {}", *text, what, fmt::join(allowed, ", ")));
        ok = false;
        continue;
      }
      if (std::ranges::find(out, *text) == out.end()) out.push_back(*text);
    }
    return ok;
  }

  std::optional<std::string> scalar(const YAML::Node& node, std::string_view what) {
    if (!node.IsScalar()) {
      error(node, fmt::format("expected {} (a single value)", what));
      return std::nullopt;
    }
    return node.Scalar();
  }

  void error(const YAML::Node& node, std::string message) {
    diagnostics_.push_back(Diagnostic{Severity::error, std::string(file_), location_of(node), std::move(message)});
  }
  void warning(const YAML::Node& node, std::string message) {
    diagnostics_.push_back(Diagnostic{Severity::warning, std::string(file_), location_of(node), std::move(message)});
  }

  std::string_view file_;
  std::vector<Diagnostic>& diagnostics_;
};

// The deepest nesting of flow or block collections, counted before yaml-cpp builds its nodes
// (it recurses per level).
bool nests_deeper_than(std::string_view bytes, std::size_t limit) {
  std::size_t depth = 0;
  for (char c : bytes) {
    if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

}  // namespace

std::string_view to_string(DecisionOutcome outcome) {
  switch (outcome) {
    case DecisionOutcome::block: return "block";
    case DecisionOutcome::remediate: return "remediate";
    case DecisionOutcome::monitor: return "monitor";
    case DecisionOutcome::accept: return "accept";
    case DecisionOutcome::review: return "review";
  }
  return "review";
}

std::optional<DecisionOutcome> parse_decision_outcome(std::string_view text) {
  for (DecisionOutcome outcome : {DecisionOutcome::block, DecisionOutcome::remediate, DecisionOutcome::monitor,
                                  DecisionOutcome::accept, DecisionOutcome::review}) {
    if (text == to_string(outcome)) return outcome;
  }
  return std::nullopt;
}

PolicyParseResult parse_policy_yaml(std::string_view bytes, std::string_view file, const ParseLimits& limits) {
  PolicyParseResult result;
  auto fail = [&](SourceLocation at, std::string message) {
    result.diagnostics.push_back(Diagnostic{Severity::error, std::string(file), std::move(at), std::move(message)});
    return result;
  };
  if (bytes.size() > limits.max_bytes) {
    return fail({}, fmt::format("the file is {} bytes, more than the limit of {} bytes", bytes.size(), limits.max_bytes));
  }
  if (auto bad = first_invalid_utf8(bytes)) return fail(position_at(bytes, *bad), "invalid UTF-8");
  if (nests_deeper_than(bytes, limits.max_depth)) {
    return fail({}, fmt::format("the YAML nests deeper than the limit of {} levels", limits.max_depth));
  }
  try {
    const YAML::Node root = YAML::Load(std::string(bytes));
    result.policy = PolicyReader(file, result.diagnostics).read(root);
  } catch (const YAML::Exception& error) {
    result.policy.reset();
    return fail(SourceLocation{error.mark.line + 1, error.mark.column + 1, {}}, fmt::format("malformed YAML: {}", error.msg));
  }
  if (result.policy) {
    result.policy->evidence.sha256 = sha256_hex(bytes);
    result.policy->evidence.kind = "cradle policy";
  }
  return result;
}

std::string_view default_policy_yaml() { return kDefaultPolicy; }

}  // namespace cradle
