// libFuzzer target for the VEX readers (the one named by CRADLE_FUZZ_PARSER: OpenVEX, CycloneDX
// VEX or CSAF): no crash, nothing refused without an error, every diagnostic names the file, and
// applying the statements to a finding never fails.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "analysis/vex.h"
#include "formats/vex/csaf_vex.h"
#include "formats/vex/cyclonedx_vex.h"
#include "formats/vex/openvex.h"
#include "fuzz_checks.h"

using cradle::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const cradle::ParseLimits limits{.max_bytes = 1 << 20, .max_depth = 64};
  const cradle::VexParseResult result = cradle::CRADLE_FUZZ_PARSER(bytes, cradle::fuzz::kFile, limits);
  require(result.read || cradle::has_errors(result.diagnostics), "refused without an error");
  cradle::fuzz::require_located_diagnostics(result.diagnostics);
  // A product known by purl, name, version, serial number and bom-ref, so that every way a
  // statement can name it is exercised.
  cradle::Sbom sbom;
  sbom.serial_number = "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79";
  sbom.bom_version = "1";
  sbom.primary_component.emplace();
  sbom.primary_component->name = "Acme Product";
  sbom.primary_component->version = "2.4.0";
  sbom.primary_component->ref = "acme-product";
  cradle::Component component;
  component.name = "lib";
  component.version = "1.0.0";
  component.ref = "lib";
  component.purl_text = "pkg:npm/lib@1.0.0";
  component.purl = *cradle::parse_purl(component.purl_text);
  sbom.components.push_back(component);
  cradle::ComponentResult finding_result;
  finding_result.state = cradle::ComponentState::affected;
  cradle::Finding finding;
  finding.ids = {"CVE-2023-1255"};
  finding.primary_id = "CVE-2023-1255";
  finding.verdict = cradle::Verdict::affected;
  finding_result.findings.push_back(finding);
  std::vector<cradle::ComponentResult> results{finding_result};
  (void)cradle::apply_vex(sbom, result.statements, results);
  return 0;
}
