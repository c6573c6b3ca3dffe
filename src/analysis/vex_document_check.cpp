#include "analysis/vex_document_check.h"

#include <fmt/format.h>

#include "analysis/csaf_conformance.h"
#include "formats/document_kind.h"
#include "formats/vex/vex_document.h"

namespace cradle {

VexParseResult read_checked_vex(std::string_view bytes, std::string_view file,
                                const ParseLimits& limits) {
  VexParseResult result = parse_vex(bytes, file, limits);
  if (!result.read || detect_document_kind(bytes) != DocumentKind::csaf) return result;
  CsafCheckOptions options;
  options.limits = limits;
  const CsafCheck check = check_csaf_mandatory_tests(bytes, file, options);
  if (!check.read) return result;  // CSAF 2.1: the reader took it; there are no 2.0 tests to run
  constexpr std::size_t kToldPerTest = 3;
  for (const CsafTestResult& test : check.results) {
    const Severity severity = test.id == "6.1.6" ? Severity::error : Severity::warning;
    for (std::size_t i = 0; i < test.failures.size() && i < kToldPerTest; ++i) {
      const CsafTestFailure& failure = test.failures[i];
      result.diagnostics.push_back(
          Diagnostic{severity,
                     std::string(file),
                     {0, 0, failure.json_pointer},
                     fmt::format("fails CSAF 2.0 mandatory test {} ({}): {}", test.id, test.title,
                                 failure.message)});
    }
    if (test.failures.size() > kToldPerTest) {
      result.diagnostics.push_back(
          Diagnostic{severity,
                     std::string(file),
                     {},
                     fmt::format("fails CSAF 2.0 mandatory test {} ({}) at {} more places", test.id,
                                 test.title, test.failures.size() - kToldPerTest)});
    }
  }
  return result;
}

}  // namespace cradle
