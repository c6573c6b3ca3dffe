// libFuzzer target for the OpenSSF Scorecard reader: no crash, nothing refused without an error,
// every diagnostic names the file, and every score read is within 0-10.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "formats/signals/scorecard.h"
#include "fuzz_checks.h"

using cradle::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const cradle::ParseLimits limits{.max_bytes = 1 << 20, .max_depth = 64};
  const cradle::SignalParseResult result = cradle::parse_scorecard(bytes, cradle::fuzz::kFile, limits);
  require(result.accepted() || cradle::has_errors(result.diagnostics), "refused without an error");
  cradle::fuzz::require_located_diagnostics(result.diagnostics);
  for (const cradle::Signal& signal : result.signals) {
    require(!signal.name.empty(), "a signal without a name");
    require(!signal.score || (*signal.score >= 0 && *signal.score <= 10), "a score outside 0-10");
  }
  return 0;
}
