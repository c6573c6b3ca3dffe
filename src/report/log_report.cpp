#include "report/log_report.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <iterator>

#include "model/display_text.h"
#include "report/counted.h"

namespace cradle {

nlohmann::ordered_json log_verification_json(const LogVerification& verification) {
  nlohmann::ordered_json problems = nlohmann::ordered_json::array();
  for (const LogProblem& problem : verification.problems) {
    problems.push_back({{"position", problem.position == 0 ? nlohmann::ordered_json(nullptr)
                                                           : nlohmann::ordered_json(problem.position)},
                        {"assessment", problem.assessment == 0 ? nlohmann::ordered_json(nullptr)
                                                               : nlohmann::ordered_json(problem.assessment)},
                        {"what", problem.what}});
  }
  nlohmann::ordered_json unreadable = nlohmann::ordered_json::array();
  for (const Diagnostic& diagnostic : verification.diagnostics) unreadable.push_back(format_diagnostic(diagnostic));
  nlohmann::ordered_json head = nullptr;
  if (verification.head) head = {{"position", verification.head->position}, {"hash", verification.head->hash}};
  return {{"schema_version", kLogVerifyJsonSchemaVersion},
          {"verified", verification.verified()},
          {"entries", verification.entries},
          {"compared", verification.compared},
          {"head", head},
          {"problems", problems},
          {"unverifiable", verification.unverifiable},
          {"unreadable", unreadable}};
}

std::string log_verification_table(const LogVerification& verification, bool from_store) {
  std::string out;
  auto line = [&](std::string text) {
    out += text;
    out += '\n';
  };
  if (verification.verified()) {
    line(from_store ? fmt::format("VERIFIED: {} linked in order; {} in the store as logged",
                                  counted(verification.entries, "entry"), counted(verification.compared, "assessment"))
                    : fmt::format("VERIFIED: {} linked in order (the exported chain: no store compared)",
                                  counted(verification.entries, "entry")));
  } else {
    line(fmt::format("NOT VERIFIED: {} in {}", counted(verification.problems.size() + verification.diagnostics.size(), "problem"),
                     counted(verification.entries, "entry")));
  }
  for (const Diagnostic& diagnostic : verification.diagnostics) line(fmt::format("  {}", format_diagnostic(diagnostic)));
  for (const LogProblem& problem : verification.problems) {
    const std::string where = problem.position == 0 && problem.assessment == 0 ? std::string("the log")
                              : problem.position == 0 ? fmt::format("assessment {}", problem.assessment)
                              : problem.assessment == 0
                                  ? fmt::format("entry {}", problem.position)
                                  : fmt::format("entry {} (assessment {})", problem.position, problem.assessment);
    line(fmt::format("  {}: {}", where, Shown{problem.what}));
  }
  if (!verification.unverifiable.empty()) {
    line(fmt::format("  not verified: {} stored before the log began, which nothing can check: {}",
                     counted(verification.unverifiable.size(), "assessment"), fmt::join(verification.unverifiable, ", ")));
  }
  if (verification.head) {
    line(fmt::format("head: entry {}, sha256 {}", verification.head->position, verification.head->hash));
    line("  (a log rewritten whole, or cut short, still links: compare the head with one kept elsewhere)");
  } else {
    line("the log is empty");
  }
  return out;
}

}  // namespace cradle
