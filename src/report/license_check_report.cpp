#include "report/license_check_report.h"

#include <fmt/format.h>

#include <algorithm>

#include "formats/spdx/spdx_license_list.h"
#include "model/display_text.h"

namespace cradle {
namespace {

std::string_view verdict(const LicenseCheckEntry& entry) {
  if (!entry.parsed.expression) return "not an SPDX licence expression";
  if (!entry.parsed.valid()) return "not valid";
  if (entry.strict && !entry.parsed.problems.empty()) return "not valid (--strict: warnings count)";
  return entry.parsed.problems.empty() ? "valid" : "valid, with warnings";
}

std::string_view to_string(LicenseIdSource source) {
  switch (source) {
    case LicenseIdSource::listed:
      return "listed";
    case LicenseIdSource::reference:
      return "reference";
    case LicenseIdSource::unlisted:
      return "unlisted";
  }
  return "unlisted";
}

// The licences of an expression, each once, in order of first appearance.
std::vector<LicenseTerm> distinct_terms(const LicenseExpression& expression) {
  std::vector<LicenseTerm> out;
  for_each_term(expression, [&](const LicenseTerm& term) {
    const bool seen = std::ranges::any_of(out, [&](const LicenseTerm& known) {
      return known.id == term.id && known.or_later == term.or_later &&
             known.exception == term.exception;
    });
    if (!seen) out.push_back(term);
  });
  return out;
}

// "listed, OSI approved, deprecated: MIT License" and the like, for one licence id.
std::string license_facts(const LicenseTerm& term) {
  std::string out(to_string(term.source));
  if (term.source != LicenseIdSource::listed) return out;
  const SpdxLicense* listed = find_spdx_license(term.id);
  if (listed == nullptr) return out;
  if (listed->osi_approved) out += ", OSI approved";
  if (listed->deprecated) out += ", deprecated";
  if (!listed->name.empty()) {
    out += fmt::format(": {}{}", listed->name, term.or_later ? ", or any later version ('+')" : "");
  }
  return out;
}

}  // namespace

bool LicenseCheckEntry::valid() const {
  return parsed.valid() && (!strict || parsed.problems.empty());
}

std::string license_check_text(const std::vector<LicenseCheckEntry>& entries) {
  std::string out;
  for (const LicenseCheckEntry& entry : entries) {
    if (!out.empty()) out += '\n';
    out += fmt::format("{}: {}\n", Shown{entry.text}, verdict(entry));
    if (entry.parsed.expression) {
      out += fmt::format("  canonical: {}\n", Shown{to_string(*entry.parsed.expression)});
    }
    for (const LicenseExpressionProblem& problem : entry.parsed.problems) {
      out += fmt::format("  column {}: {}: {}\n", problem.column,
                         problem.severity == Severity::error ? "error" : "warning",
                         Shown{problem.message});
    }
    if (!entry.parsed.expression) continue;
    for (const LicenseTerm& term : distinct_terms(*entry.parsed.expression)) {
      out += fmt::format("  licence {}{}: {}\n", Shown{term.id}, term.or_later ? "+" : "",
                         license_facts(term));
      if (!term.exception.empty()) {
        out += fmt::format("    with {}: {}{}\n", Shown{term.exception},
                           to_string(term.exception_source),
                           term.exception_deprecated ? ", deprecated" : "");
      }
    }
  }
  return out;
}

nlohmann::json license_check_json(const std::vector<LicenseCheckEntry>& entries) {
  nlohmann::json expressions = nlohmann::json::array();
  for (const LicenseCheckEntry& entry : entries) {
    nlohmann::json problems = nlohmann::json::array();
    for (const LicenseExpressionProblem& problem : entry.parsed.problems) {
      problems.push_back({{"severity", problem.severity == Severity::error ? "error" : "warning"},
                          {"column", problem.column},
                          {"message", problem.message}});
    }
    nlohmann::json licences = nlohmann::json::array();
    if (entry.parsed.expression) {
      for (const LicenseTerm& term : distinct_terms(*entry.parsed.expression)) {
        const SpdxLicense* listed =
            term.source == LicenseIdSource::listed ? find_spdx_license(term.id) : nullptr;
        nlohmann::json licence = {
            {"id", term.id},
            {"source", to_string(term.source)},
            {"or_later", term.or_later},
            {"deprecated", term.deprecated},
            {"name", listed && !listed->name.empty() ? nlohmann::json(listed->name)
                                                     : nlohmann::json(nullptr)},
            {"osi_approved",
             listed ? nlohmann::json(listed->osi_approved) : nlohmann::json(nullptr)},
            {"exception", nullptr}};
        if (!term.exception.empty()) {
          licence["exception"] = {{"id", term.exception},
                                  {"source", to_string(term.exception_source)},
                                  {"deprecated", term.exception_deprecated}};
        }
        licences.push_back(std::move(licence));
      }
    }
    expressions.push_back(
        {{"expression", entry.text},
         {"well_formed", entry.parsed.expression.has_value()},
         {"valid", entry.valid()},
         {"canonical", entry.parsed.expression ? nlohmann::json(to_string(*entry.parsed.expression))
                                               : nlohmann::json(nullptr)},
         {"problems", std::move(problems)},
         {"licences", std::move(licences)}});
  }
  return {{"schema_version", kLicenseCheckJsonSchemaVersion},
          {"expressions", std::move(expressions)}};
}

}  // namespace cradle
