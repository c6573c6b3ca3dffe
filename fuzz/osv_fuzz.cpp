// libFuzzer target for OSV records (JSON and YAML). Beyond crashes: nothing refused without an
// error diagnostic, every diagnostic names the file, and every accepted record can be indexed
// and evaluated (compiling its ranges and checking a version against them must not fail).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "analysis/advisory_index.h"
#include "formats/osv/osv_record.h"
#include "fuzz_checks.h"

using cradle::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const cradle::ParseLimits limits{.max_bytes = 1 << 20, .max_depth = 64};
  const cradle::AdvisoryParseResult result = cradle::parse_osv(bytes, cradle::fuzz::kFile, limits);
  require(result.advisory.has_value() || cradle::has_errors(result.diagnostics),
          "no record returned, yet no error diagnostic says why");
  cradle::fuzz::require_located_diagnostics(result.diagnostics);
  if (result.accepted()) {
    cradle::AdvisoryIndex index;
    index.add(*result.advisory);
    index.finish();
    for (const auto& affected : result.advisory->affected) {
      for (const auto& entry : index.lookup(affected.versions.ecosystem, affected.name)) {
        for (const auto& version : affected.versions.versions) (void)entry.ranges.evaluate(version);
        (void)entry.ranges.evaluate("1.0.0");
      }
    }
  }
  return 0;
}
