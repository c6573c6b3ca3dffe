// libFuzzer target for `cradle csaf check` (analysis/csaf_conformance.h): no crash on any input,
// nothing refused without an error, every test run on a document that was read, a failed test
// always says where and what, and no test that could not tell hides among the passed.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analysis/csaf_conformance.h"
#include "fuzz_checks.h"

using cradle::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  cradle::CsafCheckOptions options;
  options.limits = cradle::ParseLimits{.max_bytes = 1 << 20, .max_depth = 64};
  const cradle::CsafCheck check =
      cradle::check_csaf_mandatory_tests(bytes, cradle::fuzz::kFile, options);
  require(check.read || cradle::has_errors(check.diagnostics), "refused without an error");
  cradle::fuzz::require_located_diagnostics(check.diagnostics);
  require(check.read == (check.results.size() == 43), "a document read without all 43 tests");
  for (const cradle::CsafTestResult& result : check.results) {
    const bool failed = result.status == cradle::CsafTestStatus::failed;
    require(failed == !result.failures.empty(),
            "a failed test without failures, or failures without failing");
    for (const auto& failure : result.failures)
      require(!failure.message.empty(), "a failure says nothing");
    const bool explained = result.status == cradle::CsafTestStatus::passed ||
                           result.status == cradle::CsafTestStatus::failed ||
                           !result.reason.empty();
    require(explained, "not applicable or cannot tell without a reason");
  }
  return 0;
}
