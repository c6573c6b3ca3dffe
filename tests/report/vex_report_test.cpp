// The CycloneDX 1.6 VEX/VDR, OpenVEX 0.2.0 and CSAF 2.0 VEX outputs of a scan: valid against their
// published JSON Schemas (valijson, schemas from the shared data set) or, for CSAF, its mandatory
// tests (the schema and the BSI's validator run in tests/consumers/csaf_validator_test.sh),
// deterministic, and read back by cradle's own VEX readers with the same effect.
#include <gtest/gtest.h>


#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "analysis/advisory_files.h"
#include "analysis/matcher.h"
#include "analysis/vex.h"
#include "formats/sbom_parser.h"
#include "formats/vex/vex_document.h"
#include "analysis/csaf_conformance.h"
#include "report/csaf_vex_report.h"
#include "report/cyclonedx_vex_report.h"
#include "report/openvex_report.h"
#include "json_schema.h"
#include "shared_data.h"

namespace cradle {
namespace {

namespace fs = std::filesystem;


// The example scan with the example VEX documents applied.
struct ExampleScan {
  Sbom sbom;
  AdvisoryIndex index;
  ScanReport report;

  explicit ExampleScan(const std::vector<std::string>& vex_files)
      : ExampleScan(testing::read_file(testing::project_root() / "examples/webapp.cdx.json"), vex_files) {}

  // Another SBOM (its text), against the example advisories.
  ExampleScan(const std::string& sbom_text, const std::vector<std::string>& vex_files) {
    auto parsed = parse_sbom(sbom_text, "sbom.json");
    EXPECT_TRUE(parsed.sbom.has_value());
    sbom = *parsed.sbom;
    EXPECT_EQ(load_advisories({(testing::project_root() / "examples/osv").string()}, index).rejected, 0u);
    report.sbom = &sbom;
    report.components = match_components(sbom, index);
    report.now = "2026-11-25T00:00:00Z";
    std::vector<VexStatement> statements;
    for (const std::string& file : vex_files) {
      VexParseResult vex = file.starts_with("{") ? parse_vex(file, "inline.json") : parse_vex(testing::read_file(testing::project_root() / file), file);
      EXPECT_TRUE(vex.accepted()) << file;
      for (auto& statement : vex.statements) statements.push_back(std::move(statement));
    }
    apply_vex(sbom, statements, report.components);
  }

  // (component purl, primary id) -> VEX status, or "-" when no statement applies.
  std::map<std::pair<std::string, std::string>, std::string> statuses() const {
    std::map<std::pair<std::string, std::string>, std::string> out;
    for (const ComponentResult& result : report.components) {
      for (const Finding& finding : result.findings) {
        out[{result.purl, finding.primary_id}] =
            finding.vex ? std::string(to_string(finding.vex->status)) + (finding.suppressed ? "/suppressed" : "") : "-";
      }
    }
    return out;
  }
};

const std::vector<std::string> kVex = {"examples/webapp.openvex.json",
                                       "tests/data/vex/cyclonedx/webapp.vex.cdx.json",
                                       "tests/data/vex/csaf/webapp.csaf.json"};

using testing::schema_errors;

TEST(VexReports, CycloneDxIsValidAgainstTheSchema) {
  CRADLE_REQUIRE_SHARED_DATA();
  ExampleScan scan(kVex);
  const nlohmann::json document = nlohmann::json::parse(scan_report_cyclonedx_vex(scan.report).dump());
  const auto errors =
      schema_errors(testing::shared_data_dir() / "cyclonedx-specification/schema/bom-1.6.schema.json", document);
  EXPECT_TRUE(errors.empty()) << errors.front();
}

TEST(VexReports, OpenVexIsValidAgainstTheSchema) {
  CRADLE_REQUIRE_SHARED_DATA();
  ExampleScan scan(kVex);
  const nlohmann::json document = nlohmann::json::parse(scan_report_openvex(scan.report).document.dump());
  const auto errors = schema_errors(testing::shared_data_dir() / "openvex/spec/openvex_json_schema.json", document);
  EXPECT_TRUE(errors.empty()) << errors.front();
}

TEST(VexReports, TheSchemaCheckCatchesAnInvalidDocument) {
  CRADLE_REQUIRE_SHARED_DATA();
  ExampleScan scan(kVex);
  nlohmann::json document = nlohmann::json::parse(scan_report_cyclonedx_vex(scan.report).dump());
  document["vulnerabilities"][0]["analysis"] = {{"state", "probably_fine"}};
  EXPECT_FALSE(
      schema_errors(testing::shared_data_dir() / "cyclonedx-specification/schema/bom-1.6.schema.json", document)
          .empty());
}

TEST(VexReports, AreDeterministicAndPointAtTheScannedSbom) {
  ExampleScan first(kVex);
  ExampleScan second(kVex);
  const auto cyclonedx = scan_report_cyclonedx_vex(first.report);
  EXPECT_EQ(cyclonedx.dump(), scan_report_cyclonedx_vex(second.report).dump());
  EXPECT_EQ(scan_report_openvex(first.report).document.dump(), scan_report_openvex(second.report).document.dump());
  bool linked = false;
  for (const auto& vulnerability : cyclonedx["vulnerabilities"]) {
    for (const auto& affect : vulnerability["affects"]) {
      linked = linked || affect["ref"] == "urn:cdx:6f1c1f2e-2b7a-4c39-9a55-0c2d5e7f4a10/1#flask";
    }
  }
  EXPECT_TRUE(linked);
  // Another VEX input, another document id.
  ExampleScan fewer({"examples/webapp.openvex.json"});
  EXPECT_NE(scan_report_cyclonedx_vex(fewer.report)["serialNumber"], cyclonedx["serialNumber"]);
}

// Our own output, read back as VEX, has the same effect as the documents it came from.
TEST(VexReports, ReadBackTheyApplyTheSameStatuses) {
  ExampleScan original(kVex);
  for (const auto& [format, document] :
       {std::pair{"cyclonedx", scan_report_cyclonedx_vex(original.report)},
            std::pair{"openvex", scan_report_openvex(original.report).document},
        std::pair{"csaf", scan_report_csaf_vex(original.report).document}}) {
    SCOPED_TRACE(format);
    VexParseResult read = parse_vex(document.dump(), format);
    ASSERT_TRUE(read.accepted()) << format_diagnostic(read.diagnostics.at(0));
    ExampleScan again({});
    apply_vex(again.sbom, read.statements, again.report.components);
    const auto expected = original.statuses();
    const auto actual = again.statuses();
    ASSERT_EQ(actual.size(), expected.size());
    for (const auto& [key, status] : expected) {
      // Findings without a statement come back as what cradle found (affected).
      const std::string want = status == "-" ? "affected" : status;
      EXPECT_EQ(actual.at(key), want) << key.first << " " << key.second;
    }
  }
}

// The example SBOM with flask's bom-ref replaced by `ref` (in its dependencies too), or without a
// serial number when `serial` is false.
std::string example_sbom_with(const std::string& ref, bool serial = true) {
  nlohmann::json sbom = nlohmann::json::parse(testing::read_file(testing::project_root() / "examples/webapp.cdx.json"));
  if (!serial) sbom.erase("serialNumber");
  for (auto& component : sbom["components"]) {
    if (component["bom-ref"] == "flask") component["bom-ref"] = ref;
  }
  for (auto& dependency : sbom["dependencies"]) {
    if (dependency["ref"] == "flask") dependency["ref"] = ref;
    for (auto& to : dependency["dependsOn"]) {
      if (to == "flask") to = ref;
    }
  }
  return sbom.dump();
}

std::vector<std::string> affect_refs(const nlohmann::ordered_json& bom) {
  std::vector<std::string> out;
  for (const auto& vulnerability : bom["vulnerabilities"]) {
    for (const auto& affect : vulnerability["affects"]) out.push_back(affect["ref"]);
  }
  return out;
}

// A BOM-Link's bom-ref is a URI fragment: percent-encoded as RFC 3986 says, and decoded again
// when read, so that it names the same component.
TEST(VexReports, CycloneDxBomLinksEncodeTheirRefAndReadBack) {
  CRADLE_REQUIRE_SHARED_DATA();
  const std::string ref = "pkg:pypi/flask@2.2.2?note=a b%20c#x";
  ExampleScan scan(example_sbom_with(ref), {});
  const auto bom = scan_report_cyclonedx_vex(scan.report);
  const auto refs = affect_refs(bom);
  const std::string link = "urn:cdx:6f1c1f2e-2b7a-4c39-9a55-0c2d5e7f4a10/1#pkg:pypi/flask@2.2.2?note=a%20b%2520c%23x";
  EXPECT_NE(std::ranges::find(refs, link), refs.end()) << nlohmann::json(refs).dump();
  const auto errors = schema_errors(testing::shared_data_dir() / "cyclonedx-specification/schema/bom-1.6.schema.json",
                                    nlohmann::json::parse(bom.dump()));
  EXPECT_TRUE(errors.empty()) << errors.front();
  VexParseResult read = parse_vex(bom.dump(), "vex.cdx.json");
  ASSERT_TRUE(read.accepted());
  bool found = false;
  for (const VexStatement& statement : read.statements) {
    for (const VexProduct& product : statement.products) found = found || product.bom_ref == ref;
  }
  EXPECT_TRUE(found) << "the decoded ref names flask's bom-ref again";
}

// Without BOM-Links to follow (an SBOM without serial number, an SPDX SBOM) the VEX lists the
// components it speaks of, so that no affects[].ref dangles.
TEST(VexReports, CycloneDxWithoutSerialListsTheComponentsItsRefsName) {
  CRADLE_REQUIRE_SHARED_DATA();
  for (const std::string& text : {example_sbom_with("flask", false),
                                  testing::read_file(testing::project_root() / "tests/data/github/dependency-graph-sbom.json")}) {
    ExampleScan scan(text, {});
    const auto bom = scan_report_cyclonedx_vex(scan.report);
    ASSERT_TRUE(bom.contains("components")) << bom.dump();
    std::set<std::string> listed;
    for (const auto& component : bom["components"]) {
      EXPECT_TRUE(listed.insert(component["bom-ref"]).second) << "bom-refs are unique";
      EXPECT_TRUE(component.contains("purl"));
    }
    const auto refs = affect_refs(bom);
    ASSERT_FALSE(refs.empty());
    for (const std::string& ref : refs) EXPECT_TRUE(listed.contains(ref)) << ref << " dangles";
    const auto errors = schema_errors(testing::shared_data_dir() / "cyclonedx-specification/schema/bom-1.6.schema.json",
                                      nlohmann::json::parse(bom.dump()));
    EXPECT_TRUE(errors.empty()) << errors.front();
    // Read back, each ref resolves to the listed component's purl.
    VexParseResult read = parse_vex(bom.dump(), "vex.cdx.json");
    ASSERT_TRUE(read.accepted());
    for (const VexStatement& statement : read.statements) {
      for (const VexProduct& product : statement.products) EXPECT_TRUE(product.id.starts_with("pkg:")) << product.bom_ref;
    }
  }
}

// The serial number derives from the content: another document (here another timestamp) never
// reuses one.
TEST(VexReports, CycloneDxSerialNumberDerivesFromTheContent) {
  ExampleScan first(kVex);
  ExampleScan later(kVex);
  later.report.now = "2026-11-26T00:00:00Z";
  EXPECT_NE(scan_report_cyclonedx_vex(first.report)["serialNumber"],
            scan_report_cyclonedx_vex(later.report)["serialNumber"]);
  EXPECT_NE(scan_report_openvex(first.report).document["@id"], scan_report_openvex(later.report).document["@id"]);
}

// Carried-over statements read back from cradle's CycloneDX VEX and OpenVEX with every field
// the original had: status, justification, impact and action statements, author, timestamp.
TEST(VexReports, CarriedOverStatementsRoundTripFieldByField) {
  std::vector<std::string> vex = kVex;
  vex.push_back(
      R"({"@context": "https://openvex.dev/ns/v0.2.0", "@id": "urn:uuid:1b2c3d4e-0000-4000-8000-000000000002", "author": "Platform team", "timestamp": "2026-02-01T00:00:00Z", "version": 1, "statements": [{"vulnerability": {"name": "CVE-2023-5363"}, "products": [{"@id": "pkg:deb/debian/libssl3@3.0.11-1~deb12u1"}], "status": "affected", "action_statement": "Rebuild the image on bookworm 12.4 or later."}]})");
  ExampleScan original(vex);
  std::map<std::pair<std::string, std::string>, const VexStatement*> applied;
  for (const ComponentResult& result : original.report.components) {
    for (const Finding& finding : result.findings) {
      if (finding.vex) applied[{result.purl, finding.primary_id}] = &*finding.vex;
    }
  }
  ASSERT_GE(applied.size(), 3u);
  EXPECT_TRUE(std::ranges::any_of(applied, [](const auto& entry) { return !entry.second->action_statement.empty(); }));
  EXPECT_TRUE(std::ranges::any_of(applied, [](const auto& entry) {
    return entry.second->justification != cyclonedx_justification(entry.second->justification);
  })) << "a justification the crosswalk changes";
  const auto cyclonedx = scan_report_cyclonedx_vex(original.report);
  VexParseResult read = parse_vex(cyclonedx.dump(), "cradle.vex.cdx.json");
  ASSERT_TRUE(read.accepted());
  ExampleScan again({});
  apply_vex(again.sbom, read.statements, again.report.components);
  std::size_t compared = 0;
  for (const ComponentResult& result : again.report.components) {
    for (const Finding& finding : result.findings) {
      auto it = applied.find({result.purl, finding.primary_id});
      if (it == applied.end()) continue;
      SCOPED_TRACE(result.purl + " " + finding.primary_id);
      ASSERT_TRUE(finding.vex != nullptr);
      const VexStatement& before = *it->second;
      const VexStatement& after = *finding.vex;
      EXPECT_EQ(after.status, before.status);
      EXPECT_EQ(after.justification, before.justification);
      EXPECT_EQ(after.impact_statement, before.impact_statement);
      EXPECT_EQ(after.action_statement, before.action_statement);
      EXPECT_EQ(after.author, before.author);
      EXPECT_EQ(after.timestamp, before.timestamp);
      ++compared;
    }
  }
  EXPECT_EQ(compared, applied.size());
}

// OpenVEX's schema wants each statement once: an SBOM that lists a purl three times (Syft does,
// once per location) gives one statement per (vulnerability, product).
TEST(VexReports, OpenVexStatesEachVulnerabilityAndProductOnce) {
  CRADLE_REQUIRE_SHARED_DATA();
  nlohmann::json sbom = nlohmann::json::parse(testing::read_file(testing::project_root() / "examples/webapp.cdx.json"));
  nlohmann::json flask;
  for (const auto& component : sbom["components"]) {
    if (component.value("name", "") == "flask") flask = component;
  }
  ASSERT_FALSE(flask.is_null());
  for (const char* ref : {"flask-copy-1", "flask-copy-2"}) {
    flask["bom-ref"] = ref;
    sbom["components"].push_back(flask);
  }
  ExampleScan scan(sbom.dump(), {});
  const auto openvex = scan_report_openvex(scan.report);
  std::set<std::pair<std::string, std::string>> seen;
  std::size_t flask_statements = 0;
  for (const auto& statement : openvex.document["statements"]) {
    const std::string product = statement["products"][0]["subcomponents"][0]["@id"];
    EXPECT_TRUE(seen.emplace(statement["vulnerability"]["name"], product).second) << product;
    flask_statements += product.starts_with("pkg:pypi/flask@") ? 1 : 0;
  }
  EXPECT_EQ(flask_statements, 1u);
  const auto errors = schema_errors(testing::shared_data_dir() / "openvex/spec/openvex_json_schema.json",
                                    nlohmann::json::parse(openvex.document.dump()));
  EXPECT_TRUE(errors.empty()) << errors.front();
}

// The document belongs to whoever ran cradle; carried-over statements keep their own authors; the
// id is under the user's prefix, else a urn:uuid: from the content.
TEST(VexReports, OpenVexAuthorIdAndCarriedOverAuthors) {
  ExampleScan scan(kVex);
  const auto plain = scan_report_openvex(scan.report).document;
  EXPECT_EQ(plain["author"], "cradle");
  EXPECT_TRUE(plain["@id"].get<std::string>().starts_with("urn:uuid:")) << plain["@id"];
  const auto mine = scan_report_openvex(scan.report, {"Example GmbH PSIRT", "https://vex.example.com/docs/"}).document;
  EXPECT_EQ(mine["author"], "Example GmbH PSIRT");
  const std::string id = mine["@id"];
  EXPECT_TRUE(id.starts_with("https://vex.example.com/docs/")) << id;
  EXPECT_NE(id.substr(id.rfind('/') + 1), plain["@id"].get<std::string>().substr(9))
      << "another author, another document, another id";
  bool carried = false;
  for (const auto& statement : plain["statements"]) {
    if (!statement.contains("justification")) continue;
    carried = true;
    const std::string notes = statement["status_notes"];
    EXPECT_TRUE(notes.starts_with("Stated by ")) << notes;
    EXPECT_EQ(notes.find("Stated by cradle"), std::string::npos) << notes;
  }
  EXPECT_TRUE(carried);
}

// not_affected with no justification OpenVEX can label: an impact statement says so, with a
// warning, and the document stays valid.
TEST(VexReports, OpenVexNotAffectedWithoutJustificationIsSaidAndWarned) {
  CRADLE_REQUIRE_SHARED_DATA();
  const std::string bare =
      R"({"@context": "https://openvex.dev/ns/v0.2.0", "@id": "urn:uuid:1b2c3d4e-0000-4000-8000-000000000001", "author": "Upstream", "timestamp": "2026-01-01T00:00:00Z", "version": 1, "statements": [{"vulnerability": {"name": "CVE-2023-30861"}, "products": [{"@id": "pkg:pypi/flask@2.2.2"}], "status": "not_affected", "impact_statement": ""}]})";
  ExampleScan scan({bare});
  const auto openvex = scan_report_openvex(scan.report);
  ASSERT_EQ(openvex.warnings.size(), 1u);
  EXPECT_NE(openvex.warnings[0].find("without a justification"), std::string::npos) << openvex.warnings[0];
  bool said = false;
  for (const auto& statement : openvex.document["statements"]) {
    if (statement["status"] != "not_affected") continue;
    said = statement.value("impact_statement", "").find("without a justification") != std::string::npos;
  }
  EXPECT_TRUE(said);
  const auto errors = schema_errors(testing::shared_data_dir() / "openvex/spec/openvex_json_schema.json",
                                    nlohmann::json::parse(openvex.document.dump()));
  EXPECT_TRUE(errors.empty()) << errors.front();
}

// The product of an SPDX SBOM is the package it DESCRIBES, as CycloneDX's is its metadata
// component.
TEST(VexReports, OpenVexProductOfAnSpdxSbomIsItsDescribedPackage) {
  ExampleScan scan(testing::read_file(testing::project_root() / "tests/data/github/dependency-graph-sbom.json"), {});
  const auto document = scan_report_openvex(scan.report).document;
  ASSERT_FALSE(document["statements"].empty());
  for (const auto& statement : document["statements"]) {
    EXPECT_EQ(statement["products"][0]["@id"], "pkg:github/example/webapp@main");
    EXPECT_EQ(statement["products"][0]["subcomponents"][0]["@id"], "pkg:pypi/flask@2.2.2");
  }
}

// Every failed mandatory test of CSAF 2.0 on a document, as "id pointer: message".
std::vector<std::string> csaf_failures(const nlohmann::ordered_json& document) {
  const CsafCheck check = check_csaf_mandatory_tests(document.dump(), "csaf.json");
  std::vector<std::string> out;
  if (!check.read) out.push_back("not read: " + format_diagnostic(check.diagnostics.at(0)));
  for (const auto& result : check.results) {
    for (const auto& failure : result.failures) out.push_back(std::string(result.id) + " " + failure.json_pointer + ": " + failure.message);
    if (result.status == CsafTestStatus::cannot_tell) out.push_back(std::string(result.id) + " cannot tell");
  }
  return out;
}

TEST(VexReports, CsafPassesEveryMandatoryTestOnEveryShapeOfScan) {
  nlohmann::json copies = nlohmann::json::parse(testing::read_file(testing::project_root() / "examples/webapp.cdx.json"));
  nlohmann::json flask;
  for (const auto& component : copies["components"]) {
    if (component.value("name", "") == "flask") flask = component;
  }
  flask["bom-ref"] = "flask-copy";
  copies["components"].push_back(flask);
  copies.erase("metadata");  // no described product: the statuses speak of the components
  const std::string bare =
      R"({"@context": "https://openvex.dev/ns/v0.2.0", "@id": "urn:uuid:1b2c3d4e-0000-4000-8000-000000000001", "author": "Upstream", "timestamp": "2026-01-01T00:00:00Z", "version": 1, "statements": [{"vulnerability": {"name": "CVE-2023-30861"}, "products": [{"@id": "pkg:pypi/flask@2.2.2"}], "status": "not_affected", "impact_statement": ""}]})";
  std::vector<std::pair<std::string, std::unique_ptr<ExampleScan>>> scans;
  scans.emplace_back("with every example VEX", std::make_unique<ExampleScan>(kVex));
  scans.emplace_back("without VEX", std::make_unique<ExampleScan>(std::vector<std::string>{}));
  scans.emplace_back("one purl twice, no product", std::make_unique<ExampleScan>(copies.dump(), std::vector<std::string>{}));
  scans.emplace_back("not_affected without justification", std::make_unique<ExampleScan>(std::vector<std::string>{bare}));
  scans.emplace_back("SPDX", std::make_unique<ExampleScan>(testing::read_file(testing::project_root() / "tests/data/github/dependency-graph-sbom.json"),
                                                           std::vector<std::string>{}));
  for (const auto& [what, scan] : scans) {
    SCOPED_TRACE(what);
    const auto csaf = scan_report_csaf_vex(scan->report, {"Example GmbH PSIRT", "https://psirt.example.com"});
    ASSERT_FALSE(csaf.document["vulnerabilities"].empty());
    const auto failures = csaf_failures(csaf.document);
    EXPECT_TRUE(failures.empty()) << failures.size() << " failures, the first: " << failures.front();
  }
}

TEST(VexReports, CsafIsDeterministicAndItsIdFollowsTheContent) {
  ExampleScan first(kVex);
  ExampleScan second(kVex);
  const auto csaf = scan_report_csaf_vex(first.report).document;
  EXPECT_EQ(csaf.dump(), scan_report_csaf_vex(second.report).document.dump());
  ExampleScan fewer({"examples/webapp.openvex.json"});
  EXPECT_NE(scan_report_csaf_vex(fewer.report).document["document"]["tracking"]["id"], csaf["document"]["tracking"]["id"]);
  EXPECT_EQ(csaf["document"]["tracking"]["current_release_date"], "2026-11-25T00:00:00Z");
}

TEST(VexReports, CsafNamesItsPublisherAndWarnsWithoutANamespace) {
  ExampleScan scan(kVex);
  const auto unnamed = scan_report_csaf_vex(scan.report);
  ASSERT_EQ(unnamed.warnings.size(), 1u);
  EXPECT_NE(unnamed.warnings[0].find("--publisher-namespace"), std::string::npos);
  const auto named = scan_report_csaf_vex(scan.report, {"Example GmbH PSIRT", "https://psirt.example.com"});
  EXPECT_TRUE(named.warnings.empty());
  EXPECT_EQ(named.document["document"]["publisher"]["name"], "Example GmbH PSIRT");
  EXPECT_EQ(named.document["document"]["publisher"]["namespace"], "https://psirt.example.com");
}

// Each product once per vulnerability, each CVE once per document, a justification as a flag
// and a statement without one as an impact threat, a remediation for every affected product.
TEST(VexReports, CsafStatesWhatEachProductIsAndWhy) {
  const std::string bare =
      R"({"@context": "https://openvex.dev/ns/v0.2.0", "@id": "urn:uuid:1b2c3d4e-0000-4000-8000-000000000001", "author": "Upstream", "timestamp": "2026-01-01T00:00:00Z", "version": 1, "statements": [{"vulnerability": {"name": "CVE-2023-30861"}, "products": [{"@id": "pkg:pypi/flask@2.2.2"}], "status": "not_affected", "impact_statement": ""}]})";
  ExampleScan scan({bare, "examples/webapp.openvex.json"});
  const auto csaf = scan_report_csaf_vex(scan.report, {"x", "https://x.example"});
  std::set<std::string> cves;
  bool flagged = false;
  bool impact_without_justification = false;
  for (const auto& vulnerability : csaf.document["vulnerabilities"]) {
    if (vulnerability.contains("cve")) {
      EXPECT_TRUE(cves.insert(vulnerability["cve"]).second) << vulnerability["cve"];
    }
    flagged = flagged || vulnerability.contains("flags");
    for (const auto& threat : vulnerability.value("threats", nlohmann::ordered_json::array())) {
      impact_without_justification = impact_without_justification ||
                                     threat["details"].get<std::string>().find("without a justification") != std::string::npos;
    }
    const auto& status = vulnerability["product_status"];
    if (status.contains("known_affected")) {
      ASSERT_TRUE(vulnerability.contains("remediations"));
    }
  }
  EXPECT_TRUE(flagged);
  EXPECT_TRUE(impact_without_justification);
  EXPECT_FALSE(csaf.warnings.empty());
  // The scan's own gaps are said: an SBOM component it could not scan.
  bool said = false;
  for (const auto& note : csaf.document["document"]["notes"]) said = said || note["title"] == "Not checked";
  EXPECT_TRUE(said);
}

}  // namespace
}  // namespace cradle
