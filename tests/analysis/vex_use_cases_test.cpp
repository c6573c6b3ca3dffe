// The published VEX use cases, read by cradle and applied to a scan: CycloneDX's VEX use cases
// and CISA's (cyclonedx-bom-examples/VEX, standalone VEX BOMs and BOM-Links into bom-N.json)
// and the CSAF VEX use cases (oasis-csaf). For each case, a product named and versioned as the
// case describes it holds one component with a finding for the case's vulnerability; the
// expected status comes from the case's own description (its README and file names), not from
// cradle.
#include <gtest/gtest.h>

#include <optional>

#include "analysis/vex.h"
#include "formats/sbom_parser.h"
#include "formats/vex/vex_document.h"
#include "shared_data.h"

namespace cradle {
namespace {

namespace fs = std::filesystem;

struct Product {
  std::string name;
  std::string version;
  std::string bom;  // a bom-N.json of the case (serial number and bom-ref), or empty
};

struct Case {
  std::string vex;  // under the shared data directory
  Product product;
  std::string vulnerability;
  std::optional<VexStatus> expected;  // nullopt: no statement applies
};

// The scanned product: the case's bom-N.json when it has one (its serial number and bom-ref),
// else a product known by name; either way with the case's version and one vulnerable component.
Sbom scanned(const Product& product) {
  Sbom sbom;
  if (!product.bom.empty()) {
    const fs::path path = testing::shared_data_dir() / product.bom;
    SbomParseResult parsed = parse_sbom(testing::read_file(path), path.string());
    EXPECT_TRUE(parsed.accepted()) << path;
    if (parsed.sbom) sbom = std::move(*parsed.sbom);
  }
  if (!sbom.primary_component) {
    sbom.primary_component.emplace();
    sbom.primary_component->ref = "scanned-product";
  }
  if (!product.name.empty()) sbom.primary_component->name = product.name;
  sbom.primary_component->version = product.version;
  Component library;
  library.name = "jackson-databind";
  library.version = "2.9.10";
  library.purl_text = "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.10";
  library.purl = *parse_purl(library.purl_text);
  library.ref = "library";
  sbom.components = {library};
  return sbom;
}

void check(const Case& c) {
  SCOPED_TRACE(c.vex + " on " + c.product.name + " " + c.product.version + " " + c.product.bom +
               " for " + c.vulnerability);
  const fs::path path = testing::shared_data_dir() / c.vex;
  VexParseResult vex = parse_vex(testing::read_file(path), path.string());
  ASSERT_TRUE(vex.accepted()) << (vex.diagnostics.empty() ? "" : format_diagnostic(vex.diagnostics[0]));
  const Sbom sbom = scanned(c.product);
  std::vector<ComponentResult> results(1);
  results[0].component_index = 0;
  results[0].purl = sbom.components[0].purl_text;
  results[0].state = ComponentState::affected;
  Finding finding;
  finding.primary_id = c.vulnerability;
  finding.ids = {c.vulnerability};
  finding.verdict = Verdict::affected;
  results[0].findings = {finding};
  apply_vex(sbom, vex.statements, results);
  const Finding& after = results[0].findings[0];
  if (!c.expected) {
    EXPECT_FALSE(after.vex != nullptr) << "status " << to_string(after.vex->status);
    EXPECT_FALSE(after.suppressed);
    return;
  }
  ASSERT_TRUE(after.vex != nullptr);
  EXPECT_EQ(to_string(after.vex->status), to_string(*c.expected));
  const bool suppresses = *c.expected == VexStatus::not_affected || *c.expected == VexStatus::fixed;
  EXPECT_EQ(after.suppressed, suppresses);
  EXPECT_EQ(results[0].state == ComponentState::clean, suppresses);
  EXPECT_EQ(after.vex->evidence.sha256, sha256_hex(testing::read_file(path)));
}

constexpr auto NA = VexStatus::not_affected;
constexpr auto AF = VexStatus::affected;
constexpr auto FX = VexStatus::fixed;
constexpr auto UI = VexStatus::under_investigation;
const std::optional<VexStatus> NONE;

const std::string kCdx = "cyclonedx-bom-examples/VEX/Use-Cases/";
const std::string kCisa = "cyclonedx-bom-examples/VEX/CISA-Use-Cases/";
const std::string kCsaf = "oasis-csaf/csaf_2.1/examples/csaf/csaf_vex/";
const std::string kJackson = "CVE-2020-25649";
const std::string kLog4Shell = "CVE-2021-44228";

TEST(VexUseCases, CycloneDx) {
  CRADLE_REQUIRE_SHARED_DATA();
  const Product acme{"Acme Product", "2.4.0", ""};
  const std::vector<Case> cases = {
      {kCdx + "Case-1/vex.json", acme, kJackson, NA},
      {kCdx + "Case-1/vex.json", {"Acme Product", "2.5.0", ""}, kJackson, NONE},
      {kCdx + "Case-1/vex.json", {"Other Product", "2.4.0", ""}, kJackson, NONE},
      {kCdx + "Case-1/vex.json", acme, "CVE-2020-00000", NONE},
      {kCdx + "Case-2/vex.json", acme, kJackson, AF},
      {kCdx + "Case-3/vex.json", acme, kJackson, UI},
      {kCdx + "Case-4/vex.json", {"Acme Product", "2.3.0", ""}, kJackson, NA},
      {kCdx + "Case-4/vex.json", {"Acme Product", "2.1.0", ""}, kJackson, NONE},
      {kCdx + "Case-5/vex.json", {"Acme Product", "1.0.0", ""}, kJackson, NA},
      {kCdx + "Case-5/vex.json", {"Acme Product", "3.0.0", ""}, kJackson, AF},
      {kCdx + "Case-5/vex.json", {"Acme Product", "7.0.0", ""}, kJackson, NA},
      {kCdx + "Case-6/vex.json", {"", "9.9", kCdx + "Case-13/bom-1.json"}, kJackson, NA},
      {kCdx + "Case-6/vex.json", {"", "9.9", kCdx + "Case-13/bom-3.json"}, kJackson, NA},
      {kCdx + "Case-6/vex.json", {"Acme Product 1", "9.9", ""}, kJackson, NONE},  // no BOM-Link
      {kCdx + "Case-7/vex.json", {"Anything", "1", ""}, kJackson, NA},
      {kCdx + "Case-8/vex.json", {"Acme Product", "2.5.0", ""}, kJackson, NA},
      {kCdx + "Case-8/vex.json", {"Acme Product", "2.8.0", ""}, kJackson, NONE},
      {kCdx + "Case-8/vex.json", {"Acme Product", "3.5.0", ""}, kJackson, NONE},
      {kCdx + "Case-8/vex.json", {"Acme Product", "5.9.0", ""}, kJackson, NA},
      {kCdx + "Case-9/vex.json", {"", "1", kCdx + "Case-13/bom-2.json"}, "CVE-2020-11901", NA},
      {kCdx + "Case-10/vex.json", {"Acme Product", "2.3.4", ""}, kJackson, NA},
      {kCdx + "Case-10/vex.json", {"Acme Product", "2.1.0", ""}, kJackson, NONE},
      {kCdx + "Case-11/vex.json", {"Acme Product", "2.2.0", ""}, "CVE-2020-11896", NA},
      {kCdx + "Case-11/vex.json", {"Acme Product", "2.3.0", ""}, "CVE-2020-11896", NONE},
      {kCdx + "Case-12/vex.json", {"Acme Product", "2.2.0", ""}, kJackson, NA},
      {kCdx + "Case-12/vex.json", {"Acme Product", "2.2.0", ""}, "CVE-2020-35491", AF},
      {kCdx + "Case-12/vex.json", {"Acme Product", "2.2.0", ""}, "CVE-2020-14195", NA},
      {kCdx + "Case-13/vex.json", {"", "1", kCdx + "Case-13/bom-1.json"}, kJackson, NA},
      {kCdx + "Case-13/vex.json", {"", "1", kCdx + "Case-13/bom-2.json"}, kJackson, NA},
      {kCdx + "Case-13/vex.json", {"", "1", kCdx + "Case-13/bom-3.json"}, kJackson, AF},
  };
  for (const Case& c : cases) check(c);
}

TEST(VexUseCases, Cisa) {
  CRADLE_REQUIRE_SHARED_DATA();
  const std::string abc1 = kCisa + "Case-7/bom-1.json";  // ABC
  const std::string jkl2 = kCisa + "Case-7/bom-2.json";  // JKL
  const std::vector<Case> cases = {
      {kCisa + "Case-1/vex-not_affected.json", {"ABC", "4.2", ""}, kLog4Shell, NA},
      {kCisa + "Case-1/vex-not_affected.json", {"ABC", "4.3", ""}, kLog4Shell, NONE},
      {kCisa + "Case-1/vex-affected.json", {"DEF", "1.0", ""}, kLog4Shell, AF},
      {kCisa + "Case-1/vex-fixed.json", {"DEF", "1.1", ""}, kLog4Shell, FX},
      {kCisa + "Case-1/vex-under_investigation.json", {"GHI", "17.4", ""}, kLog4Shell, UI},
      {kCisa + "Case-2/vex.json", {"ABC", "4.2", ""}, "CVE-2020-11896", NA},
      {kCisa + "Case-3/vex.json", {"GHI", "17.4", ""}, "CVE-2020-11896", UI},
      {kCisa + "Case-3/vex.json", {"GHI", "17.4", ""}, "CVE-2020-11897", NA},
      {kCisa + "Case-3/vex.json", {"GHI", "17.4", ""}, "CVE-2020-11898", AF},
      {kCisa + "Case-4/vex.json", {"ABC", "2.4", ""}, kLog4Shell, AF},
      {kCisa + "Case-4/vex.json", {"ABC", "3.0", ""}, kLog4Shell, AF},
      {kCisa + "Case-4/vex.json", {"ABC", "2.5", ""}, kLog4Shell, NONE},
      {kCisa + "Case-5/vex.json", {"XYZ", "0.1", ""}, kLog4Shell, UI},
      {kCisa + "Case-6/vex.json", {"ABC", "2.4", ""}, kLog4Shell, AF},
      {kCisa + "Case-6/vex.json", {"ABC", "1.5", ""}, kLog4Shell, NA},
      {kCisa + "Case-6/vex.json", {"ABC", "2.5", ""}, kLog4Shell, NA},
      {kCisa + "Case-6/vex.json", {"ABC", "4.2", ""}, kLog4Shell, NA},
      {kCisa + "Case-6/vex.json", {"ABC", "4.3", ""}, kLog4Shell, NONE},
      {kCisa + "Case-7/vex.json", {"", "2.6", abc1}, kLog4Shell, AF},
      {kCisa + "Case-7/vex.json", {"", "2.7", abc1}, kLog4Shell, NA},
      {kCisa + "Case-7/vex.json", {"", "4.7", jkl2}, kLog4Shell, AF},
      {kCisa + "Case-7/vex.json", {"", "3.0", jkl2}, kLog4Shell, NA},
      {kCisa + "Case-7/vex.json", {"", "5.1", jkl2}, kLog4Shell, FX},
      {kCisa + "Case-7/vex.json", {"ABC", "2.6", ""}, kLog4Shell, NONE},  // not that SBOM
      {kCisa + "Case-8/vex.json", {"", "5.2", kCisa + "Case-8/bom-2.json"}, kLog4Shell, FX},
  };
  for (const Case& c : cases) check(c);
}

TEST(VexUseCases, Csaf) {
  CRADLE_REQUIRE_SHARED_DATA();
  const std::vector<Case> cases = {
      {kCsaf + "2022-evd-uc-01-a-001.json", {"DEF", "1.0", ""}, kLog4Shell, AF},
      {kCsaf + "2022-evd-uc-01-a-001.json", {"DEF", "1.1", ""}, kLog4Shell, NONE},
      {kCsaf + "2022-evd-uc-01-f-001.json", {"DEF", "1.1", ""}, kLog4Shell, FX},
      {kCsaf + "2022-evd-uc-01-na-001.json", {"ABC", "4.2", ""}, kLog4Shell, NA},
      {kCsaf + "2022-evd-uc-01-ui-001.json", {"GHI", "17.4", ""}, kLog4Shell, UI},
      {kCsaf + "2022-evd-uc-02-na-001.json", {"ABC", "4.2", ""}, "CVE-2020-11898", NA},
      {kCsaf + "2022-evd-uc-03-ms-001.json", {"GHI", "17.4", ""}, "CVE-2020-11896", UI},
      {kCsaf + "2022-evd-uc-03-ms-001.json", {"GHI", "17.4", ""}, "CVE-2020-11897", NA},
      {kCsaf + "2022-evd-uc-03-ms-001.json", {"GHI", "17.4", ""}, "CVE-2020-11898", AF},
      {kCsaf + "2022-evd-uc-04-001.json", {"ABC", "2.6", ""}, kLog4Shell, AF},
      {kCsaf + "2022-evd-uc-04-001.json", {"ABC", "4.0", ""}, kLog4Shell, AF},
      {kCsaf + "2022-evd-uc-04-001.json", {"ABC", "2.5", ""}, kLog4Shell, NONE},
      {kCsaf + "2022-evd-uc-05-001.json", {"XYZ", "123", ""}, kLog4Shell, UI},
      {kCsaf + "2022-evd-uc-06-001.json", {"ABC", "2.2", ""}, kLog4Shell, NA},
      {kCsaf + "2022-evd-uc-06-001.json", {"ABC", "3.3", ""}, kLog4Shell, AF},
      {kCsaf + "2022-evd-uc-07-001.json", {"JKL", "4.7", ""}, kLog4Shell, AF},
      {kCsaf + "2022-evd-uc-07-001.json", {"JKL", "5.1", ""}, kLog4Shell, FX},
      {kCsaf + "2022-evd-uc-08-001.json", {"JKL", "5.2", ""}, kLog4Shell, FX},
      {kCsaf + "2022-evd-uc-08-001.json", {"JKL", "5.1", ""}, "CVE-2021-45105", AF},
      {kCsaf + "2022-evd-uc-09-001.json", {"PROD_ALPHA", "1", ""}, kLog4Shell, NA},
      {kCsaf + "2022-evd-uc-09-001.json", {"PROD_BETA", "1", ""}, kLog4Shell, AF},
      {kCsaf + "sec-vex-2022-0001.json", {"Secvisogram", "1.14.0", ""}, kLog4Shell, NA},
      {kCsaf + "sec-vex-2022-0001.json", {"Secvisogram", "1.15.0", ""}, kLog4Shell, NONE},
  };
  for (const Case& c : cases) check(c);
}

}  // namespace
}  // namespace cradle
