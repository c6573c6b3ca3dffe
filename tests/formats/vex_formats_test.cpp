// CycloneDX VEX and CSAF VEX readers on fixtures written for cradle (tests/data/vex), and on
// malformed input: every problem located, nothing crashes, the rest of the document is kept.
#include <gtest/gtest.h>

#include <algorithm>

#include "formats/vex/csaf_vex.h"
#include "formats/vex/cyclonedx_vex.h"
#include "formats/vex/vex_document.h"
#include "shared_data.h"

namespace cradle {
namespace {

std::string fixture(const std::string& name) {
  return testing::read_file(testing::test_data_dir() / "vex" / name);
}

bool mentions(const VexParseResult& result, std::string_view text) {
  return std::ranges::any_of(result.diagnostics, [&](const Diagnostic& d) {
    return format_diagnostic(d).find(text) != std::string::npos;
  });
}

TEST(CycloneDxVex, ReadsStatementsWithTheirProducts) {
  const std::string bytes = fixture("cyclonedx/standalone.cdx.json");
  VexParseResult result = parse_vex(bytes, "standalone.cdx.json");
  ASSERT_TRUE(result.accepted());
  ASSERT_EQ(result.statements.size(), 3u);

  const VexStatement& first = result.statements[0];
  EXPECT_EQ(first.vulnerability, "CVE-2023-1255");
  EXPECT_EQ(first.aliases, std::vector<std::string>{"GHSA-aaaa-bbbb-cccc"});
  EXPECT_EQ(first.status, VexStatus::not_affected);
  EXPECT_EQ(first.justification, "code_not_reachable");
  EXPECT_EQ(first.impact_statement, "The parser is never called.");
  EXPECT_EQ(first.action_statement, "will_not_fix");
  EXPECT_EQ(first.timestamp, "2026-03-02T00:00:00Z");  // analysis.lastUpdated
  EXPECT_EQ(first.author, "Example Supplier");
  EXPECT_EQ(first.document_id, "urn:uuid:7d3f0a52-1c7e-4b8e-9d51-0a8b6c1e2f30/2");
  EXPECT_EQ(first.evidence.kind, "CycloneDX VEX");
  EXPECT_EQ(first.evidence.sha256, sha256_hex(bytes));
  ASSERT_EQ(first.products.size(), 1u);
  EXPECT_EQ(first.products[0].id, "pkg:npm/lib@1.0.0");  // the component's purl

  // The product, known here by bom-ref in this document and by name, narrowed to versions.
  const VexStatement& second = result.statements[1];
  EXPECT_EQ(second.status, VexStatus::affected);
  ASSERT_EQ(second.products.size(), 2u);  // one per versions[] status
  EXPECT_EQ(second.products[0].name, "Acme Product");
  EXPECT_EQ(second.products[0].bom_ref, "acme");
  EXPECT_EQ(second.products[0].bom_serial, "urn:uuid:7d3f0a52-1c7e-4b8e-9d51-0a8b6c1e2f30");
  EXPECT_EQ(second.products[0].versions, std::vector<std::string>{"vers:semver/>=2.0.0|<3.0.0"});
  EXPECT_EQ(second.products[1].versions, std::vector<std::string>{"1.9.0"});
  EXPECT_TRUE(mentions(result, "/vulnerabilities/1: warning: affects[].versions[] say not_affected"));

  // No analysis: the status comes from the versions; a BOM-Link names another SBOM.
  const VexStatement& third = result.statements[2];
  EXPECT_EQ(third.status, VexStatus::under_investigation);
  ASSERT_EQ(third.products.size(), 1u);
  EXPECT_EQ(third.products[0].bom_serial, "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79");
  EXPECT_EQ(third.products[0].bom_version, "1");
  EXPECT_EQ(third.products[0].bom_ref, "acme-product");
}

TEST(CycloneDxVex, EmbeddedInAnSbomNamesItsOwnComponents) {
  VexParseResult result = parse_cyclonedx_vex(fixture("cyclonedx/embedded.cdx.json"), "embedded.cdx.json");
  ASSERT_TRUE(result.accepted());
  ASSERT_EQ(result.statements.size(), 2u);
  EXPECT_EQ(result.statements[0].status, VexStatus::not_affected);
  EXPECT_EQ(result.statements[0].justification, "false_positive");
  EXPECT_EQ(result.statements[0].products[0].bom_ref, "lib");
  EXPECT_EQ(result.statements[1].status, VexStatus::fixed);
}

TEST(CycloneDxVex, MalformedInputIsLocated) {
  const std::string head = R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, )";
  auto bad_state = parse_cyclonedx_vex(head + R"("vulnerabilities": [{"id": "CVE-1", "analysis": {"state": "maybe"}}]})", "x.json");
  EXPECT_FALSE(bad_state.accepted());
  EXPECT_TRUE(mentions(bad_state, "x.json: /vulnerabilities/0/analysis/state: error: 'maybe' is not an analysis state"));

  auto no_id = parse_cyclonedx_vex(head + R"("vulnerabilities": [{"analysis": {"state": "in_triage"}}, {"id": "CVE-2", "analysis": {"state": "in_triage"}}]})", "x.json");
  EXPECT_TRUE(mentions(no_id, "/vulnerabilities/0/id: error"));
  EXPECT_EQ(no_id.statements.size(), 1u);  // the rest is kept

  auto wrong_type = parse_cyclonedx_vex(head + R"("vulnerabilities": [{"id": "CVE-3", "affects": "lib"}]})", "x.json");
  EXPECT_TRUE(mentions(wrong_type, "/vulnerabilities/0/affects: error"));

  auto both = parse_cyclonedx_vex(head + R"("vulnerabilities": [{"id": "CVE-4", "affects": [{"ref": "a", "versions": [{"version": "1", "range": "vers:npm/>1"}]}]}]})", "x.json");
  EXPECT_TRUE(mentions(both, "/vulnerabilities/0/affects/0/versions/0: error: a versions entry has exactly one"));

  auto none = parse_cyclonedx_vex(head + R"("components": []})", "x.json");
  EXPECT_TRUE(mentions(none, "/vulnerabilities: error"));

  auto syntax = parse_cyclonedx_vex(head + R"("vulnerabilities": [)", "x.json");
  EXPECT_FALSE(syntax.accepted());
  EXPECT_TRUE(mentions(syntax, "x.json:1:"));
}

// The same statements, the same warnings, from either encoding; only the bytes' hash differs.
void expect_same_statements(const VexParseResult& json, const VexParseResult& xml) {
  ASSERT_EQ(json.statements.size(), xml.statements.size());
  for (std::size_t i = 0; i < json.statements.size(); ++i) {
    VexStatement from_xml = xml.statements[i];
    from_xml.evidence.sha256 = json.statements[i].evidence.sha256;
    EXPECT_EQ(from_xml, json.statements[i]) << "statement " << i << " ("
                                            << json.statements[i].vulnerability << ")";
  }
  ASSERT_EQ(json.diagnostics.size(), xml.diagnostics.size());
  for (std::size_t i = 0; i < json.diagnostics.size(); ++i)
    EXPECT_EQ(json.diagnostics[i].message, xml.diagnostics[i].message);
}

TEST(CycloneDxVex, XmlReadsAsJsonDoes) {
  const VexParseResult json = parse_vex(fixture("cyclonedx/standalone.cdx.json"), "standalone.cdx.json");
  const VexParseResult xml = parse_vex(fixture("cyclonedx/standalone.cdx.xml"), "standalone.cdx.xml");
  ASSERT_TRUE(json.accepted());
  ASSERT_TRUE(xml.accepted());
  expect_same_statements(json, xml);
  expect_same_statements(parse_vex(fixture("cyclonedx/webapp.vex.cdx.json"), "w.json"),
                         parse_vex(fixture("cyclonedx/webapp.vex.cdx.xml"), "w.xml"));
  // XML diagnostics are located by line and column.
  EXPECT_TRUE(mentions(xml, "standalone.cdx.xml:34:6: warning: affects[].versions[] say not_affected"));
}

TEST(CycloneDxVex, TheSpecificationsVulnerabilityExampleReadsTheSameInBothEncodings) {
  CRADLE_REQUIRE_SHARED_DATA();
  const auto dir = testing::shared_data_dir() / "cyclonedx-specification/tools/src/test/resources/1.6";
  const VexParseResult json = parse_vex(testing::read_file(dir / "valid-vulnerability-1.6.json"), "v.json");
  const VexParseResult xml = parse_vex(testing::read_file(dir / "valid-vulnerability-1.6.xml"), "v.xml");
  ASSERT_TRUE(json.accepted());
  ASSERT_TRUE(xml.accepted());
  ASSERT_FALSE(json.statements.empty());
  expect_same_statements(json, xml);
}

TEST(CycloneDxVex, GuacsXmlVexNamesItsProductByBomLink) {
  CRADLE_REQUIRE_SHARED_DATA();
  const VexParseResult result = parse_vex(
      testing::read_file(testing::shared_data_dir() / "guac-exampledata/exampledata/cyclonedx-vex.xml"),
      "cyclonedx-vex.xml");
  ASSERT_TRUE(result.accepted());
  ASSERT_EQ(result.statements.size(), 1u);
  const VexStatement& statement = result.statements[0];
  EXPECT_EQ(statement.vulnerability, "CVE-2018-7489");
  EXPECT_EQ(statement.status, VexStatus::not_affected);
  EXPECT_EQ(statement.justification, "code_not_reachable");
  EXPECT_EQ(statement.action_statement, "will_not_fix, update");
  EXPECT_EQ(statement.timestamp, "2021-01-01T00:00:00.000Z");  // `updated`
  ASSERT_EQ(statement.products.size(), 1u);
  EXPECT_EQ(statement.products[0].bom_serial, "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79");
  EXPECT_EQ(statement.products[0].bom_ref, "jackson-databind-2.8.0");
}

TEST(CycloneDxVex, MalformedXmlIsLocated) {
  const std::string head = R"(<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1">)";
  auto bad_state = parse_vex(head + "\n<vulnerabilities><vulnerability><id>CVE-1</id>\n<analysis><state>maybe</state></analysis></vulnerability></vulnerabilities></bom>", "x.xml");
  EXPECT_FALSE(bad_state.accepted());
  // At the element's name, as the XML SBOM reader locates elements.
  EXPECT_TRUE(mentions(bad_state, "x.xml:3:12: error: 'maybe' is not an analysis state"));
  auto no_id = parse_vex(head + "<vulnerabilities><vulnerability/><vulnerability><id>CVE-2</id><analysis><state>in_triage</state></analysis></vulnerability></vulnerabilities></bom>", "x.xml");
  EXPECT_TRUE(mentions(no_id, "error: a vulnerability needs 'id'"));
  EXPECT_EQ(no_id.statements.size(), 1u);
  auto no_ref = parse_vex(head + "<vulnerabilities><vulnerability><id>CVE-3</id><affects><target/></affects></vulnerability></vulnerabilities></bom>", "x.xml");
  EXPECT_TRUE(mentions(no_ref, "error: an affects entry needs 'ref'"));
  auto none = parse_vex(head + "<components/></bom>", "x.xml");
  EXPECT_FALSE(none.accepted());
  EXPECT_TRUE(mentions(none, "x.xml:1:2: error: a CycloneDX VEX document needs <vulnerabilities>"));
  auto syntax = parse_vex(head + "<vulnerabilities><vulnerability>", "x.xml");
  EXPECT_FALSE(syntax.accepted());
  EXPECT_TRUE(mentions(syntax, "x.xml:1:"));
}

TEST(CsafVex, ReadsTheProductTree) {
  const std::string bytes = fixture("csaf/vex.csaf.json");
  VexParseResult result = parse_vex(bytes, "vex.csaf.json");
  ASSERT_TRUE(result.accepted()) << format_diagnostic(result.diagnostics.at(0));
  ASSERT_EQ(result.statements.size(), 3u);  // two not affected, one affected; `recommended` is advice

  const VexStatement& in_product = result.statements[0];
  EXPECT_EQ(in_product.vulnerability, "CVE-2023-1255");
  EXPECT_EQ(in_product.aliases, std::vector<std::string>{"GHSA-aaaa-bbbb-cccc"});
  EXPECT_EQ(in_product.status, VexStatus::not_affected);
  EXPECT_EQ(in_product.justification, "vulnerable_code_not_in_execute_path");  // through the group
  EXPECT_EQ(in_product.impact_statement, "The parser is never called.");
  EXPECT_EQ(in_product.author, "Example Supplier");
  EXPECT_EQ(in_product.timestamp, "2026-03-01T00:00:00Z");
  EXPECT_EQ(in_product.document_id, "EX-VEX-1/3");
  EXPECT_EQ(in_product.evidence.kind, "CSAF VEX");
  ASSERT_EQ(in_product.products.size(), 1u);
  EXPECT_EQ(in_product.products[0].name, "Acme Product");
  EXPECT_EQ(in_product.products[0].versions, std::vector<std::string>{"2.4.0"});
  EXPECT_EQ(in_product.products[0].subcomponents, std::vector<std::string>{"pkg:npm/lib@1.0.0"});

  const VexStatement& old = result.statements[1];
  EXPECT_EQ(old.products[0].versions, std::vector<std::string>{"vers:generic/<2.0.0"});
  EXPECT_TRUE(old.impact_statement.empty());

  const VexStatement& affected = result.statements[2];
  EXPECT_EQ(affected.vulnerability, "EX-2024-7");
  EXPECT_EQ(affected.status, VexStatus::affected);
  EXPECT_EQ(affected.action_statement, "vendor_fix: Upgrade to 2.5.0.");
}

TEST(CsafVex, ReadsTheProductPathsOfCsaf21) {
  // A library installed on a platform installed on an appliance: the appliance is the product,
  // the packages along the path its subcomponents (as 2.0 relationships would say it).
  const std::string tree = R"("product_tree": {
    "full_product_names": [
      {"name": "lib 1.0", "product_id": "LIB", "product_identification_helper": {"purl": "pkg:npm/lib@1.0.0"}},
      {"name": "platform", "product_id": "PLATFORM", "product_identification_helper": {"purl": "pkg:generic/platform@2"}},
      {"name": "Appliance 3", "product_id": "APPLIANCE"}],
    "product_paths": [{"beginning_product_reference": "LIB",
      "full_product_name": {"name": "lib on platform on appliance", "product_id": "PATH"},
      "subpaths": [{"category": "installed_on", "next_product_reference": "PLATFORM"},
                   {"category": "installed_on", "next_product_reference": "APPLIANCE"}]}]})";
  const std::string head = R"({"document": {"category": "csaf_vex", "csaf_version": "2.1"}, )";
  auto result = parse_csaf_vex(
      head + tree + R"(, "vulnerabilities": [{"cve": "CVE-2024-1", "product_status": {"known_not_affected": ["PATH"]},
        "flags": [{"label": "component_not_present", "product_ids": ["PATH"]}]}]})",
      "p.json");
  ASSERT_TRUE(result.accepted()) << format_diagnostic(result.diagnostics.at(0));
  ASSERT_EQ(result.statements.size(), 1u);
  ASSERT_EQ(result.statements[0].products.size(), 1u);
  const VexProduct& product = result.statements[0].products[0];
  EXPECT_EQ(product.name, "Appliance 3");
  EXPECT_EQ(product.subcomponents,
            (std::vector<std::string>{"pkg:npm/lib@1.0.0", "pkg:generic/platform@2"}));

  // A path through a product the tree does not define is located where it names it.
  std::string broken = head + tree + "}";
  broken.replace(broken.find(R"("next_product_reference": "PLATFORM")"),
                 std::string(R"("next_product_reference": "PLATFORM")").size(),
                 R"("next_product_reference": "NOPE")");
  EXPECT_TRUE(mentions(parse_csaf_vex(broken, "p.json"),
                       "p.json: /product_tree/product_paths/0/subpaths/0/next_product_reference: "
                       "error: product 'NOPE' is not in the product tree"));
  EXPECT_TRUE(mentions(parse_csaf_vex(head + R"("product_tree": {"product_paths": [{"beginning_product_reference": "X"}]}})", "p.json"),
                       "/product_tree/product_paths/0: error: a product path needs"));
}

TEST(CsafVex, Csaf21ExamplesWithProductPathsKeepTheirStatuses) {
  CRADLE_REQUIRE_SHARED_DATA();
  // OASIS's CSAF 2.1 examples of Red Hat advisories name their products by path only.
  for (const auto& [name, statements] : {std::pair{"rhsa-2021_5186.json", 6u}, std::pair{"rhsa-2022_0011.json", 15u}}) {
    const std::string bytes = testing::read_file(testing::shared_data_dir() / "oasis-csaf/csaf_2.1/examples/csaf" / name);
    ASSERT_FALSE(bytes.empty()) << name;
    const VexParseResult result = parse_csaf_vex(bytes, name);
    EXPECT_FALSE(has_errors(result.diagnostics)) << name << ": " << format_diagnostic(result.diagnostics.back());
    EXPECT_EQ(result.statements.size(), statements) << name;
  }
}

TEST(CsafVex, MalformedInputIsLocated) {
  const std::string head = R"({"document": {"category": "csaf_vex", "csaf_version": "2.0"}, )";
  auto unknown_product = parse_csaf_vex(head + R"("vulnerabilities": [{"cve": "CVE-1", "product_status": {"fixed": ["NOPE"]}}]})", "c.json");
  EXPECT_FALSE(unknown_product.accepted());
  EXPECT_TRUE(mentions(unknown_product, "c.json: /vulnerabilities/0/product_status/fixed: error: product 'NOPE'"));

  auto no_id = parse_csaf_vex(head + R"("vulnerabilities": [{"product_status": {}}]})", "c.json");
  EXPECT_TRUE(mentions(no_id, "/vulnerabilities/0: error: a vulnerability of a CSAF VEX document needs 'cve' or 'ids'"));
  // Outside the VEX profile an unnamed vulnerability is valid CSAF: read the rest, say what is not.
  auto advisory = parse_csaf_vex(
      R"({"document": {"category": "csaf_security_advisory", "csaf_version": "2.0"}, "vulnerabilities": [{"title": "t", "product_status": {}}]})",
      "c.json");
  EXPECT_TRUE(advisory.accepted());
  EXPECT_TRUE(mentions(advisory, "/vulnerabilities/0: warning: the vulnerability names no 'cve' or 'ids'"));

  auto old = parse_csaf_vex(R"({"document": {"csaf_version": "1.2"}})", "c.json");
  EXPECT_FALSE(old.read);
  EXPECT_TRUE(mentions(old, "/document/csaf_version: error"));

  auto bad_group = parse_csaf_vex(head + R"("product_tree": {"full_product_names": [{"name": "x", "product_id": "X"}]},
    "vulnerabilities": [{"cve": "CVE-2", "product_status": {"known_not_affected": ["X"]}, "flags": [{"label": "component_not_present", "group_ids": ["G"]}]}]})", "c.json");
  EXPECT_TRUE(mentions(bad_group, "/vulnerabilities/0/flags/0: error: group 'G'"));
  EXPECT_TRUE(mentions(bad_group, "neither a flag nor an impact threat"));

  auto bad_relationship = parse_csaf_vex(head + R"("product_tree": {"full_product_names": [{"name": "x", "product_id": "X"}],
    "relationships": [{"category": "default_component_of", "product_reference": "NOPE", "relates_to_product_reference": "X",
                       "full_product_name": {"name": "y", "product_id": "Y"}}]}})", "c.json");
  EXPECT_TRUE(mentions(bad_relationship, "/product_tree/relationships/0/product_reference: error: product 'NOPE' is not in the product tree"));

  auto wrong_type = parse_csaf_vex(head + R"("product_tree": {"branches": {"name": "x"}}})", "c.json");
  EXPECT_TRUE(mentions(wrong_type, "/product_tree/branches: error"));
}

TEST(VexDocuments, EveryPrefixOfAFixtureIsHandled) {
  for (const char* name :
       {"cyclonedx/standalone.cdx.json", "cyclonedx/standalone.cdx.xml", "csaf/vex.csaf.json"}) {
    const std::string bytes = fixture(name);
    for (std::size_t n = 0; n < bytes.size(); n += 7) {
      VexParseResult result = parse_vex(std::string_view(bytes).substr(0, n), name);
      EXPECT_TRUE(result.accepted() || has_errors(result.diagnostics)) << name << " prefix " << n;
    }
  }
}

TEST(VexDocuments, AnSbomWithoutVulnerabilitiesOrAnotherDocumentIsNotVex) {
  EXPECT_FALSE(parse_vex(R"({"spdxVersion": "SPDX-2.3"})", "s.json").accepted());
  VexParseResult text = parse_vex("hello", "h.txt");
  EXPECT_TRUE(mentions(text, "h.txt: error: not a VEX document"));
}

}  // namespace
}  // namespace cradle

namespace cradle {
namespace {

// OpenVEX in YAML reads as the JSON it stands for; its evidence is the YAML as written.
TEST(OpenVex, YamlReadsAsJsonDoes) {
  const std::filesystem::path root = testing::project_root();
  const std::string yaml_bytes = fixture("webapp.openvex.yaml");
  const VexParseResult json = parse_vex(testing::read_file(root / "examples" / "webapp.openvex.json"), "w.json");
  const VexParseResult yaml = parse_vex(yaml_bytes, "w.yaml");
  ASSERT_TRUE(json.accepted());
  ASSERT_TRUE(yaml.accepted()) << (yaml.diagnostics.empty() ? "" : yaml.diagnostics[0].message);
  EXPECT_EQ(yaml.statements.front().evidence.kind, "OpenVEX YAML");
  EXPECT_EQ(yaml.statements.front().evidence.sha256, sha256_hex(yaml_bytes));
  VexParseResult same_kind = yaml;
  for (VexStatement& statement : same_kind.statements) statement.evidence.kind = "OpenVEX";
  expect_same_statements(json, same_kind);
  // A YAML problem is located by line and column; a wrong value by JSON pointer.
  const VexParseResult broken = parse_vex(R"("@context": https://openvex.dev/ns/v0.2.0
statements:
  - [unclosed
)", "b.yaml");
  EXPECT_FALSE(broken.accepted());
  ASSERT_FALSE(broken.diagnostics.empty());
  EXPECT_NE(broken.diagnostics[0].message.find("malformed YAML"), std::string::npos) << broken.diagnostics[0].message;
  EXPECT_GT(broken.diagnostics[0].location.line, 1);
  const VexParseResult wrong = parse_vex(R"("@context": https://openvex.dev/ns/v0.2.0
"@id": https://example.org/vex/1
author: someone
timestamp: 2026-11-02T10:00:00Z
version: 1
statements:
  - vulnerability: {name: CVE-2023-1}
    status: perhaps
)", "w.yaml");
  EXPECT_FALSE(wrong.accepted());
  EXPECT_TRUE(mentions(wrong, "w.yaml: /statements/0/status: error"));
}

}  // namespace
}  // namespace cradle
