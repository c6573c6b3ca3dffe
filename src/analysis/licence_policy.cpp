#include "analysis/licence_policy.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include "formats/spdx/spdx_license_list.h"
#include "model/ascii.h"

namespace cradle {
namespace {

struct Categorised {
  std::string_view id;
  LicenceCategory category;
};

// cradle's licence categories. Sources: the SPDX License List (ids), the licences' own terms,
// and the classes of google/licenseclassifier (notice, permissive and unencumbered -> permissive;
// reciprocal -> weak copyleft; restricted -> strong copyleft) and of the OSI and FSF lists; where
// those differ, the stronger class is taken, so that a policy errs towards review, never towards
// acceptance. Network copyleft: the licences whose copyleft is triggered by offering the software
// over a network (AGPL's section 13, SSPL, OSL's "External Deployment", RPL, CPAL, EUPL's
// "communication to the public"). Proprietary: terms that are not open source (non-commercial,
// no derivatives, source-available, "Good, not Evil"). Every id not below is `unknown`.
// clang-format off
constexpr auto P = LicenceCategory::permissive;
constexpr auto W = LicenceCategory::weak_copyleft;
constexpr auto S = LicenceCategory::strong_copyleft;
constexpr auto N = LicenceCategory::network_copyleft;
constexpr auto X = LicenceCategory::proprietary;
constexpr Categorised kCategories[] = {
    // Permissive: notice, attribution, public-domain dedications.
    {"0BSD", P}, {"AFL-1.1", P}, {"AFL-1.2", P}, {"AFL-2.0", P}, {"AFL-2.1", P}, {"AFL-3.0", P},
    {"Apache-1.0", P}, {"Apache-1.1", P}, {"Apache-2.0", P}, {"Artistic-2.0", P},
    {"Beerware", P}, {"BlueOak-1.0.0", P}, {"Boehm-GC", P}, {"BSD-1-Clause", P},
    {"BSD-2-Clause", P}, {"BSD-2-Clause-FreeBSD", P}, {"BSD-2-Clause-NetBSD", P},
    {"BSD-2-Clause-Patent", P}, {"BSD-2-Clause-Views", P}, {"BSD-3-Clause", P},
    {"BSD-3-Clause-Attribution", P}, {"BSD-3-Clause-Clear", P}, {"BSD-3-Clause-LBNL", P},
    {"BSD-3-Clause-Modification", P}, {"BSD-3-Clause-No-Nuclear-License", P},
    {"BSD-3-Clause-No-Nuclear-Warranty", P}, {"BSD-3-Clause-Open-MPI", P}, {"BSD-4-Clause", P},
    {"BSD-4-Clause-UC", P}, {"BSD-Source-Code", P}, {"BSL-1.0", P}, {"bzip2-1.0.5", P},
    {"bzip2-1.0.6", P}, {"CC-BY-1.0", P}, {"CC-BY-2.0", P}, {"CC-BY-2.5", P}, {"CC-BY-3.0", P},
    {"CC-BY-4.0", P}, {"CC-PDDC", P}, {"CC0-1.0", P}, {"CECILL-B", P}, {"curl", P}, {"ECL-2.0", P},
    {"EFL-2.0", P}, {"FSFAP", P}, {"FSFUL", P}, {"FSFULLR", P}, {"FTL", P}, {"HPND", P}, {"ICU", P},
    {"IJG", P}, {"ImageMagick", P}, {"Info-ZIP", P}, {"ISC", P}, {"JasPer-2.0", P}, {"Libpng", P},
    {"libpng-2.0", P}, {"libtiff", P}, {"MIT", P}, {"MIT-0", P}, {"MIT-advertising", P},
    {"MIT-CMU", P}, {"MIT-enna", P}, {"MIT-feh", P}, {"MIT-Modern-Variant", P}, {"MIT-Wu", P},
    {"MITNFA", P}, {"MulanPSL-2.0", P}, {"NCSA", P}, {"NTP", P}, {"ODC-By-1.0", P},
    {"OLDAP-2.8", P}, {"OpenSSL", P}, {"OpenSSL-standalone", P}, {"PDDL-1.0", P}, {"PHP-3.0", P},
    {"PHP-3.01", P}, {"PostgreSQL", P}, {"PSF-2.0", P}, {"Python-2.0", P}, {"Python-2.0.1", P},
    {"Ruby", P}, {"SSH-OpenSSH", P}, {"SSH-short", P}, {"SSLeay-standalone", P}, {"TCL", P},
    {"Unicode-3.0", P}, {"Unicode-DFS-2015", P}, {"Unicode-DFS-2016", P}, {"Unicode-TOU", P},
    {"Unlicense", P}, {"UPL-1.0", P}, {"W3C", P}, {"W3C-19980720", P}, {"W3C-20150513", P},
    {"WTFPL", P}, {"X11", P}, {"X11-distribute-modifications-variant", P}, {"XFree86-1.1", P},
    {"Xnet", P}, {"Zend-2.0", P}, {"Zlib", P}, {"zlib-acknowledgement", P}, {"ZPL-2.0", P},
    {"ZPL-2.1", P},
    // Weak copyleft: file- or library-level reciprocity.
    {"APSL-1.0", W}, {"APSL-1.1", W}, {"APSL-1.2", W}, {"APSL-2.0", W}, {"Artistic-1.0", W},
    {"Artistic-1.0-cl8", W}, {"Artistic-1.0-Perl", W}, {"CDDL-1.0", W}, {"CDDL-1.1", W},
    {"CECILL-C", W}, {"CPL-1.0", W}, {"EPL-1.0", W}, {"EPL-2.0", W}, {"ErlPL-1.1", W},
    {"IPL-1.0", W}, {"LGPL-2.0", W}, {"LGPL-2.0-only", W}, {"LGPL-2.0-or-later", W},
    {"LGPL-2.1", W}, {"LGPL-2.1-only", W}, {"LGPL-2.1-or-later", W}, {"LGPL-3.0", W},
    {"LGPL-3.0-only", W}, {"LGPL-3.0-or-later", W}, {"LGPLLR", W}, {"LiLiQ-R-1.1", W},
    {"MPL-1.0", W}, {"MPL-1.1", W}, {"MPL-2.0", W}, {"MPL-2.0-no-copyleft-exception", W},
    {"MS-PL", W}, {"MS-RL", W}, {"MulanPSL-1.0", W}, {"NPL-1.0", W}, {"NPL-1.1", W},
    {"OFL-1.0", W}, {"OFL-1.1", W}, {"OFL-1.1-no-RFN", W}, {"OFL-1.1-RFN", W}, {"SISSL", W},
    {"SPL-1.0", W},
    // The deprecated ids that name a GPL with a linking exception.
    {"eCos-2.0", W}, {"GPL-2.0-with-autoconf-exception", W}, {"GPL-2.0-with-bison-exception", W},
    {"GPL-2.0-with-classpath-exception", W}, {"GPL-2.0-with-font-exception", W},
    {"GPL-2.0-with-GCC-exception", W}, {"GPL-3.0-with-autoconf-exception", W},
    {"GPL-3.0-with-GCC-exception", W}, {"wxWindows", W},
    // Strong copyleft.
    {"CC-BY-SA-1.0", S}, {"CC-BY-SA-2.0", S}, {"CC-BY-SA-2.5", S}, {"CC-BY-SA-3.0", S},
    {"CC-BY-SA-3.0-AT", S}, {"CC-BY-SA-3.0-DE", S}, {"CC-BY-SA-4.0", S}, {"CECILL-1.0", S},
    {"CECILL-1.1", S}, {"CECILL-2.0", S}, {"CECILL-2.1", S}, {"EUPL-1.0", S}, {"GFDL-1.1", S},
    {"GFDL-1.1-only", S}, {"GFDL-1.1-or-later", S}, {"GFDL-1.2", S}, {"GFDL-1.2-only", S},
    {"GFDL-1.2-or-later", S}, {"GFDL-1.3", S}, {"GFDL-1.3-only", S}, {"GFDL-1.3-or-later", S},
    {"GPL-1.0", S}, {"GPL-1.0-only", S}, {"GPL-1.0-or-later", S}, {"GPL-2.0", S},
    {"GPL-2.0-only", S}, {"GPL-2.0-or-later", S}, {"GPL-3.0", S}, {"GPL-3.0-only", S},
    {"GPL-3.0-or-later", S}, {"LiLiQ-Rplus-1.1", S}, {"ODbL-1.0", S}, {"QPL-1.0", S},
    {"Sleepycat", S},
    // Network copyleft.
    {"AGPL-1.0", N}, {"AGPL-1.0-only", N}, {"AGPL-1.0-or-later", N}, {"AGPL-3.0", N},
    {"AGPL-3.0-only", N}, {"AGPL-3.0-or-later", N}, {"CPAL-1.0", N}, {"EUPL-1.1", N},
    {"EUPL-1.2", N}, {"OSL-1.0", N}, {"OSL-1.1", N}, {"OSL-2.0", N}, {"OSL-2.1", N}, {"OSL-3.0", N},
    {"RPL-1.1", N}, {"RPL-1.5", N}, {"RPSL-1.0", N}, {"SSPL-1.0", N},
    // Not open source.
    {"BUSL-1.1", X}, {"CC-BY-NC-1.0", X}, {"CC-BY-NC-2.0", X}, {"CC-BY-NC-2.5", X},
    {"CC-BY-NC-3.0", X}, {"CC-BY-NC-4.0", X}, {"CC-BY-NC-ND-1.0", X}, {"CC-BY-NC-ND-2.0", X},
    {"CC-BY-NC-ND-2.5", X}, {"CC-BY-NC-ND-3.0", X}, {"CC-BY-NC-ND-4.0", X},
    {"CC-BY-NC-SA-1.0", X}, {"CC-BY-NC-SA-2.0", X}, {"CC-BY-NC-SA-2.5", X},
    {"CC-BY-NC-SA-3.0", X}, {"CC-BY-NC-SA-4.0", X}, {"CC-BY-ND-1.0", X}, {"CC-BY-ND-2.0", X},
    {"CC-BY-ND-2.5", X}, {"CC-BY-ND-3.0", X}, {"CC-BY-ND-4.0", X}, {"Elastic-2.0", X},
    {"JSON", X}, {"PolyForm-Noncommercial-1.0.0", X}, {"PolyForm-Small-Business-1.0.0", X},
};

// Exceptions that let a work link a strong-copyleft library (or use its runtime, fonts or
// generated output) without coming under it: the licence is weak copyleft for such a work.
constexpr std::array<std::string_view, 14> kLinkingExceptions{
    "Autoconf-exception-2.0", "Autoconf-exception-3.0", "Bison-exception-2.2",
    "Classpath-exception-2.0", "eCos-exception-2.0", "Font-exception-2.0", "GCC-exception-2.0",
    "GCC-exception-3.1", "GPL-3.0-linking-exception", "Libtool-exception", "LLVM-exception",
    "OpenJDK-assembly-exception-1.0", "Universal-FOSS-exception-1.0", "WxWindows-exception-3.1"};
// clang-format on

int rank(DecisionOutcome outcome) {
  switch (outcome) {
    case DecisionOutcome::accept:
      return 0;
    case DecisionOutcome::monitor:
      return 1;
    case DecisionOutcome::review:
      return 2;
    case DecisionOutcome::remediate:
      return 3;
    case DecisionOutcome::block:
      return 4;
  }
  return 2;
}

// A rule's licence entry names `term`: the same id ('+' aside), and when the entry names an
// exception, the same exception.
bool names(std::string_view entry, const LicenseTerm& term) {
  const std::size_t with = entry.find(" WITH ");
  std::string_view id = entry.substr(0, with);
  if (id.ends_with('+')) id.remove_suffix(1);
  if (!ascii_iequals(id, term.id)) return false;
  return with == std::string_view::npos || ascii_iequals(entry.substr(with + 6), term.exception);
}

bool listed(const std::vector<std::string>& allowed, std::string_view value) {
  return allowed.empty() || std::ranges::find(allowed, value) != allowed.end();
}

std::string_view or_unstated(std::string_view value) { return value.empty() ? "unstated" : value; }

bool holds(const LicenceConditions& when, const ProductContext& context, const LicenseTerm& term,
           LicenceCategory category) {
  auto named = [&](const std::string& entry) { return names(entry, term); };
  if (!when.licence_any_of.empty() && std::ranges::none_of(when.licence_any_of, named))
    return false;
  if (std::ranges::any_of(when.licence_none_of, named)) return false;
  if (!listed(when.category, to_string(category))) return false;
  if (!listed(when.exposure, or_unstated(context.exposure))) return false;
  return listed(when.criticality, or_unstated(context.criticality));
}

// A licence field as an expression: an SPDX expression, else a listed licence's full name or a
// URL that names one without doubt, else one licence cradle cannot identify (kept as written).
LicenseExpression read_field(const std::string& text) {
  LicenseExpression out;
  if (auto parsed = parse_license_expression(text); parsed.expression) {
    return std::move(*parsed.expression);
  }
  const SpdxLicense* named = spdx_license_named(text);
  if (named == nullptr) named = spdx_license_at_url(text);
  if (named != nullptr) {
    out.term.id = named->id;
    out.term.deprecated = named->deprecated;
    return out;
  }
  out.term.id = text;
  out.term.source = LicenseIdSource::unlisted;
  return out;
}

struct Branch {
  DecisionOutcome outcome = DecisionOutcome::review;
  std::vector<LicenceTermDecision> terms;
  const LicenceRule* rule = nullptr;  // the rule behind the outcome
};

class Evaluator {
 public:
  Evaluator(const Policy& policy, const ProductContext& context)
      : policy_(policy), context_(context) {}

  Branch evaluate(const LicenseExpression& expression) const {
    if (expression.kind == LicenseExpression::Kind::term) return decide_term(expression.term);
    std::optional<Branch> out;
    const bool all = expression.kind == LicenseExpression::Kind::all_of;
    for (const LicenseExpression& operand : expression.operands) {
      Branch branch = evaluate(operand);
      if (!out) {
        out = std::move(branch);
      } else if (all) {
        // All apply: the least favourable decides; every licence is part of the choice.
        if (rank(branch.outcome) > rank(out->outcome)) {
          out->outcome = branch.outcome;
          out->rule = branch.rule;
        }
        for (auto& term : branch.terms) out->terms.push_back(std::move(term));
      } else if (rank(branch.outcome) < rank(out->outcome)) {
        out = std::move(branch);  // a choice: the most favourable branch
      }
    }
    return std::move(*out);
  }

 private:
  Branch decide_term(const LicenseTerm& term) const {
    LicenceTermDecision decided;
    decided.licence = to_string(term);
    decided.category = licence_category(term);
    Branch out;
    for (const LicenceRule& rule : policy_.licence_rules) {
      if (holds(rule.when, context_, term, decided.category)) {
        out.rule = &rule;
        break;
      }
    }
    if (out.rule != nullptr) {
      decided.outcome = out.rule->decide;
      decided.rule = out.rule->id;
    }
    out.outcome = decided.outcome;
    out.terms.push_back(std::move(decided));
    return out;
  }

  const Policy& policy_;
  const ProductContext& context_;
};

}  // namespace

LicenceCategory licence_category(const LicenseTerm& term) {
  if (term.source != LicenseIdSource::listed) {
    // NONE: the SBOM says there is no licence, so none grants a right.
    return term.id == "NONE" ? LicenceCategory::proprietary : LicenceCategory::unknown;
  }
  const auto found = std::ranges::find(kCategories, term.id, &Categorised::id);
  if (found == std::end(kCategories)) return LicenceCategory::unknown;
  if (found->category == LicenceCategory::strong_copyleft && !term.exception.empty() &&
      std::ranges::find(kLinkingExceptions, term.exception) != kLinkingExceptions.end()) {
    return LicenceCategory::weak_copyleft;
  }
  return found->category;
}

std::vector<std::string_view> categorised_licence_ids() {
  std::vector<std::string_view> out;
  for (const Categorised& entry : kCategories) out.push_back(entry.id);
  return out;
}

LicenceDecision decide_licence(const Policy& policy, const ProductContext& context,
                               const std::vector<std::string>& concluded,
                               const std::vector<std::string>& declared) {
  LicenceDecision out;
  const std::string policy_name =
      policy.name.empty() ? std::string("the policy") : fmt::format("policy '{}'", policy.name);
  const std::vector<std::string>& fields = concluded.empty() ? declared : concluded;
  out.source = !concluded.empty() ? "concluded" : !declared.empty() ? "declared" : "none";

  LicenseExpression expression;
  if (fields.empty()) {
    expression.term.id = "NOASSERTION";
    expression.term.source = LicenseIdSource::unlisted;
    out.rationale.push_back("licence: none stated in the SBOM");
  } else {
    expression.kind = LicenseExpression::Kind::all_of;
    for (const std::string& field : fields) {
      LicenseExpression part = read_field(field);
      if (part.kind == LicenseExpression::Kind::all_of) {
        for (auto& operand : part.operands) expression.operands.push_back(std::move(operand));
      } else {
        expression.operands.push_back(std::move(part));
      }
    }
    if (expression.operands.size() == 1) expression = std::move(expression.operands.front());
    out.expression = to_string(expression);
    out.rationale.push_back(fmt::format("licence ({}): {}", out.source, out.expression));
  }

  Branch branch = Evaluator(policy, context).evaluate(expression);
  out.outcome = branch.outcome;
  if (branch.rule != nullptr) {
    out.rule = branch.rule->id;
    out.within_days = branch.rule->within_days;
  }
  std::size_t all_terms = 0;
  for_each_term(expression, [&](const LicenseTerm&) { ++all_terms; });
  if (branch.terms.size() < all_terms) {
    std::vector<std::string> chosen;
    for (const auto& term : branch.terms) chosen.push_back(term.licence);
    out.rationale.push_back(
        fmt::format("chosen: {} (an OR lets the licensee choose; the most favourable "
                    "branch is taken)",
                    fmt::join(chosen, " AND ")));
  }
  for (const LicenceTermDecision& term : branch.terms) {
    const std::string_view shown =
        out.source == "none" ? std::string_view("no licence") : term.licence;
    if (term.rule.empty()) {
      out.rationale.push_back(fmt::format("{} ({}): no licence rule of {} holds: review", shown,
                                          to_string(term.category), policy_name));
      continue;
    }
    const auto rule = std::ranges::find(policy.licence_rules, term.rule, &LicenceRule::id);
    out.rationale.push_back(fmt::format(
        "{} ({}): rule '{}' of {}: {}{}", shown, to_string(term.category), term.rule, policy_name,
        to_string(term.outcome), rule->reason.empty() ? "" : ": " + rule->reason));
  }
  if (branch.rule != nullptr && !branch.rule->when.exposure.empty()) {
    out.rationale.push_back(fmt::format("product exposure: {}", or_unstated(context.exposure)));
  }
  if (branch.rule != nullptr && !branch.rule->when.criticality.empty()) {
    out.rationale.push_back(
        fmt::format("product criticality: {}", or_unstated(context.criticality)));
  }
  out.chosen = std::move(branch.terms);
  return out;
}

}  // namespace cradle
