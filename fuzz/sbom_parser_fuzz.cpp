// libFuzzer target for one SBOM parser, chosen at build time by CRADLE_FUZZ_PARSER (see
// fuzz/CMakeLists.txt). Beyond "no crash, no sanitizer report", it checks the contract every
// parser promises: nothing is refused silently, every diagnostic names the input file, and every purl kept
// is canonical.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "analysis/sbom_conformance.h"
#include "formats/cyclonedx/cyclonedx_json.h"
#include "formats/cyclonedx/cyclonedx_xml.h"
#include "formats/sbom_parser.h"
#include "formats/spdx/spdx2_json.h"
#include "formats/spdx/spdx2_tag_value.h"
#include "formats/spdx/spdx3_json_ld.h"
#include "fuzz_checks.h"

using cradle::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // Small limits, so that the fuzzer reaches the limit checks without huge inputs.
  const cradle::ParseLimits limits{.max_bytes = 1 << 20, .max_depth = 64};
  const cradle::SbomParseResult result = cradle::CRADLE_FUZZ_PARSER(bytes, cradle::fuzz::kFile, limits);

  require(result.sbom.has_value() || cradle::has_errors(result.diagnostics),
          "no SBOM returned, yet no error diagnostic says why");
  cradle::fuzz::require_located_diagnostics(result.diagnostics);
  if (result.sbom) {
    for (const cradle::Component& component : result.sbom->components) {
      // A purl the parser kept is canonical: it survives a round trip unchanged.
      if (!component.purl) continue;
      const auto reparsed = cradle::parse_purl(cradle::to_string(*component.purl));
      require(reparsed.has_value() && *reparsed == *component.purl,
              "a parsed purl does not survive to_string -> parse_purl");
    }
    for (cradle::SbomProfile profile : cradle::kSbomProfiles) {
      const cradle::ProfileCheck check = cradle::check_sbom(*result.sbom, profile);
      for (const cradle::RequirementResult& r : check.results) {
        require(r.component == cradle::kTheDocument || r.component < check.components.size(),
                "a conformance result names no checked component");
        // Every byte of every detail read: a detail viewing freed text is an ASan report.
        require(std::string(r.detail).size() == r.detail.size(), "a detail that cannot be read");
      }
    }
  }
  return 0;
}
