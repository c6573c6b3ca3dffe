// libFuzzer target for OpenVEX documents: no crash, nothing refused without an error, every
// diagnostic names the file, and applying the statements to a finding never fails.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "analysis/vex.h"
#include "formats/openvex.h"
#include "fuzz_checks.h"

using cradle::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const cradle::ParseLimits limits{.max_bytes = 1 << 20, .max_depth = 64};
  const cradle::VexParseResult result = cradle::parse_openvex(bytes, cradle::fuzz::kFile, limits);
  require(result.read || cradle::has_errors(result.diagnostics), "refused without an error");
  cradle::fuzz::require_located_diagnostics(result.diagnostics);
  cradle::Sbom sbom;
  cradle::Component component;
  component.purl_text = "pkg:npm/lib@1.0.0";
  component.purl = *cradle::parse_purl(component.purl_text);
  sbom.components.push_back(component);
  cradle::ComponentResult finding_result;
  finding_result.state = cradle::ComponentState::affected;
  cradle::Finding finding;
  finding.ids = {"CVE-2023-1255"};
  finding.primary_id = "CVE-2023-1255";
  finding.verdict = "affected";
  finding_result.findings.push_back(finding);
  std::vector<cradle::ComponentResult> results{finding_result};
  (void)cradle::apply_vex(sbom, result.statements, results);
  return 0;
}
