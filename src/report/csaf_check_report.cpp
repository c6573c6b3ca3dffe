#include "report/csaf_check_report.h"

#include <fmt/format.h>

#include "model/display_text.h"

namespace cradle {
namespace {

// Only what was checked is called conformant: a test that could not tell keeps the verdict open.
std::string_view verdict(const CsafCheck& check) {
  if (!check.read) return "not read";
  if (check.count(CsafTestStatus::failed) > 0) return "not conformant";
  if (check.count(CsafTestStatus::cannot_tell) > 0)
    return "no failure found, not all tests could tell";
  return "passes every mandatory test";
}

}  // namespace

std::string csaf_check_text(const std::vector<CsafCheckEntry>& entries, bool verbose) {
  std::string out;
  for (const CsafCheckEntry& entry : entries) {
    if (!out.empty()) out += '\n';
    out += fmt::format("{}: {}\n", Shown{entry.file}, verdict(entry.check));
    for (const Diagnostic& d : entry.check.diagnostics)
      out += fmt::format("  {}\n", format_diagnostic(d));
    if (!entry.check.read) continue;
    for (const CsafTestResult& result : entry.check.results) {
      const bool shown = verbose || result.status == CsafTestStatus::failed ||
                         result.status == CsafTestStatus::cannot_tell;
      if (!shown) continue;
      out += fmt::format("  {:<9} {:<15} {}{}\n", result.id, to_string(result.status), result.title,
                         result.reason.empty() ? "" : fmt::format(": {}", result.reason));
      for (const CsafTestFailure& failure : result.failures) {
        out +=
            fmt::format("            {}: {}\n",
                        Shown{failure.json_pointer.empty() ? "/" : failure.json_pointer},
                        Shown{failure.message});
      }
    }
    out += fmt::format("  {} tests: {} passed, {} failed, {} not applicable, {} cannot tell\n",
                       entry.check.results.size(), entry.check.count(CsafTestStatus::passed),
                       entry.check.count(CsafTestStatus::failed),
                       entry.check.count(CsafTestStatus::not_applicable),
                       entry.check.count(CsafTestStatus::cannot_tell));
  }
  return out;
}

nlohmann::json csaf_check_json(const std::vector<CsafCheckEntry>& entries) {
  nlohmann::json documents = nlohmann::json::array();
  for (const CsafCheckEntry& entry : entries) {
    nlohmann::json tests = nlohmann::json::array();
    for (const CsafTestResult& result : entry.check.results) {
      nlohmann::json failures = nlohmann::json::array();
      for (const CsafTestFailure& failure : result.failures) {
        failures.push_back({{"json_pointer", failure.json_pointer}, {"message", failure.message}});
      }
      tests.push_back({{"id", result.id},
                       {"title", result.title},
                       {"status", to_string(result.status)},
                       {"reason", result.reason.empty() ? nlohmann::json(nullptr)
                                                        : nlohmann::json(result.reason)},
                       {"failures", std::move(failures)}});
    }
    nlohmann::json diagnostics = nlohmann::json::array();
    for (const Diagnostic& d : entry.check.diagnostics) diagnostics.push_back(format_diagnostic(d));
    documents.push_back(
        {{"file", entry.file},
         {"read", entry.check.read},
         {"conformant", entry.check.read && entry.check.count(CsafTestStatus::failed) == 0 &&
                                entry.check.count(CsafTestStatus::cannot_tell) == 0
                            ? nlohmann::json(true)
                        : entry.check.count(CsafTestStatus::failed) > 0 || !entry.check.read
                            ? nlohmann::json(false)
                            : nlohmann::json(nullptr)},
         {"diagnostics", std::move(diagnostics)},
         {"tests", std::move(tests)}});
  }
  return {{"schema_version", kCsafCheckJsonSchemaVersion}, {"documents", std::move(documents)}};
}

}  // namespace cradle
