// cradle's JSON outputs as their schemas (schemas/) promise them. The scan: valid on every shape
// of scan (files or a store, VEX, gaps in coverage, components that cannot be scanned, SPDX, a
// real SBOM against a real database), strict enough to catch an undocumented member or an empty
// string where null belongs, and the same bytes from two stores built from the same sources. The
// events: every kind, as listed and as a webhook receives one.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "json_schema.h"
#include "report/sbom_check_report.h"
#include "shared_data.h"

namespace cradle {
namespace {

namespace fs = std::filesystem;

const fs::path kScanSchema = testing::project_root() / "schemas/scan.schema.json";

class JsonContract : public ::testing::Test {
 protected:
  void SetUp() override {
    work_ = fs::temp_directory_path() / ("cradle-scan-json-" + std::to_string(getpid()));
    fs::remove_all(work_);
    fs::create_directories(work_);
  }
  void TearDown() override { fs::remove_all(work_); }

  // Runs cradle from the project root; its standard output.
  std::string cradle(const std::string& arguments) {
    const fs::path out = work_ / "out";
    const std::string command = "cd " + testing::project_root().string() + " && " + CRADLE_BINARY + " " + arguments +
                                " > " + out.string() + " 2> /dev/null";
    (void)std::system(command.c_str());
    return testing::read_file(out);
  }

  void expect_valid(const std::string& what, const std::string& output, const fs::path& schema = kScanSchema,
                    std::string_view version = "1") {
    SCOPED_TRACE(what);
    ASSERT_FALSE(output.empty());
    const auto document = nlohmann::json::parse(output);
    EXPECT_EQ(document["schema_version"], version);
    const auto errors = testing::schema_errors(schema, document);
    EXPECT_TRUE(errors.empty()) << errors.size() << " violations, the first: " << errors.front();
  }

  fs::path work_;
};

TEST_F(JsonContract, EveryShapeOfScanIsValid) {
  const std::string example = "scan examples/webapp.cdx.json --format json ";
  expect_valid("files with VEX",
               cradle(example + "--advisories examples/osv --vex examples/webapp.openvex.json "
                                "--vex tests/data/vex/cyclonedx/webapp.vex.cdx.json --vex tests/data/vex/csaf/webapp.csaf.json"));
  expect_valid("partly covered", cradle(example + "--advisories examples/osv/PYSEC-2023-62.json"));
  expect_valid("nothing loaded", cradle(example + "--advisories " + (work_ / "none").string()));
  expect_valid("SPDX", cradle("scan tests/data/github/dependency-graph-sbom.json --format json --advisories examples/osv"));
  const std::string db = (work_ / "store.db").string();
  cradle("db update --from examples/osv --db " + db);
  cradle("ingest examples/webapp.openvex.json --db " + db);
  expect_valid("a store", cradle(example + "--db " + db));
  expect_valid("a store, verbose", cradle(example + "--db " + db + " --verbose-evidence"));
  if (fs::is_directory(testing::shared_data_dir() / "golang-vulndb")) {
    expect_valid("a real SBOM against the Go database",
                 cradle("scan " + (testing::shared_data_dir() / "guac-exampledata/exampledata/oci-kubectl-linux-amd64-spdx.json").string() +
                        " --format json --advisories " + (testing::shared_data_dir() / "golang-vulndb").string()));
  }
}

TEST_F(JsonContract, TheSchemaCatchesWhatItForbids) {
  auto document = nlohmann::json::parse(cradle("scan examples/webapp.cdx.json --format json --advisories examples/osv"));
  ASSERT_TRUE(testing::schema_errors(kScanSchema, document).empty());
  auto undocumented = document;
  undocumented["components"][0]["colour"] = "red";
  EXPECT_FALSE(testing::schema_errors(kScanSchema, undocumented).empty()) << "an undocumented member";
  auto empty_for_null = document;
  empty_for_null["components"][0]["reason"] = "";
  EXPECT_FALSE(testing::schema_errors(kScanSchema, empty_for_null).empty()) << "\"\" where null belongs";
  auto missing = document;
  missing["components"][0].erase("path");
  EXPECT_FALSE(testing::schema_errors(kScanSchema, missing).empty()) << "a member left out";
}

// With --now, two stores built from the same sources at different times give the same bytes: no
// store path, ingest or load time unless --verbose-evidence asks for them.
TEST_F(JsonContract, TwoStoresFromTheSameSourcesGiveTheSameBytes) {
  const std::string first = (work_ / "first.db").string();
  const std::string second = (work_ / "second.db").string();
  cradle("db update --from examples/osv --db " + first);
  cradle("ingest examples/webapp.openvex.json --db " + first);
  sleep(1);  // other ingest times
  cradle("db update --from examples/osv --db " + second);
  cradle("ingest examples/webapp.openvex.json --db " + second);
  const std::string scan = "scan examples/webapp.cdx.json --format json --now 2026-12-01T00:00:00Z --db ";
  const std::string a = cradle(scan + first);
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a, cradle(scan + second));
  EXPECT_NE(cradle(scan + first + " --verbose-evidence"), cradle(scan + second + " --verbose-evidence"));
}

// Every kind of event (a gap, new findings, status changes, a resolved finding) fits the events
// schema, and a webhook's payload is one event of it.
TEST_F(JsonContract, EventsOfEveryKindAreValid) {
  const fs::path schema = testing::project_root() / "schemas/events.schema.json";
  const std::string db = (work_ / "events.db").string();
  cradle("ingest examples/webapp.cdx.json --db " + db);                 // not_covered
  cradle("ingest examples/osv --db " + db);                             // new_finding
  cradle("ingest examples/webapp.openvex.json --db " + db);             // status_changed
  cradle("ingest tests/data/portfolio/webapp-2.5.0.cdx.json --product example-webapp@2.4.0 --db " + db);  // resolved
  const std::string listed = cradle("events --format json --db " + db);
  expect_valid("events", listed, schema);
  const auto document = nlohmann::json::parse(listed);
  std::set<std::string> kinds;
  for (const auto& event : document["events"]) kinds.insert(event["kind"]);
  EXPECT_EQ(kinds, (std::set<std::string>{"new_finding", "not_covered", "resolved", "status_changed"}));
  auto one_event_schema = nlohmann::json::parse(testing::read_file(schema));
  for (const char* key : {"required", "properties", "additionalProperties", "type"}) one_event_schema.erase(key);
  one_event_schema["$ref"] = "#/definitions/event";
  const fs::path event_schema = work_ / "event.schema.json";
  std::ofstream(event_schema) << one_event_schema.dump();
  for (const auto& event : document["events"]) {
    const auto errors = testing::schema_errors(event_schema, event);
    EXPECT_TRUE(errors.empty()) << errors.front();
  }
}

TEST_F(JsonContract, CsafCheckIsValidAndItsExitCodeSaysWhatHappened) {
  const fs::path schema = testing::project_root() / "schemas/csaf-check.schema.json";
  const std::string vex = "tests/data/vex/csaf/webapp.csaf.json";
  expect_valid("a document and a file that is none", cradle("csaf check --format json " + vex + " examples/webapp.cdx.json"),
               schema);
  auto exit_code = [&](const std::string& arguments) {
    const std::string command = "cd " + testing::project_root().string() + " && " + CRADLE_BINARY + " " + arguments + " > /dev/null 2>&1";
    return WEXITSTATUS(std::system(command.c_str()));
  };
  EXPECT_EQ(exit_code("csaf check " + vex), 0);
  EXPECT_EQ(exit_code("csaf check " + vex + " examples/webapp.cdx.json"), 2) << "a file that is not CSAF 2.0";
  EXPECT_EQ(exit_code("csaf check " + vex + " --cwe-catalog examples/webapp.cdx.json"), 2) << "a catalog that is none";
  if (fs::is_directory(testing::shared_data_dir())) {
    const fs::path failing = testing::shared_data_dir() /
                             "oasis-csaf/csaf_2.0/test/validator/data/mandatory/oasis_csaf_tc-csaf_2_0-2021-6-1-11-01.json";
    EXPECT_EQ(exit_code("csaf check " + failing.string()), 4) << "6.1.11 cannot tell without a catalog: a gap, as in a scan";
    EXPECT_EQ(exit_code("csaf check --cwe-catalog tests/data/csaf/cwe-catalog-excerpt.xml " + failing.string()), 1);
    const auto report = nlohmann::json::parse(cradle("csaf check --format json " + failing.string()));
    EXPECT_TRUE(report["documents"][0]["conformant"].is_null()) << "never conformant when a test could not tell";
    expect_valid("a test that cannot tell", report.dump(), schema);
  }
}

TEST_F(JsonContract, LicenceCheckIsValidForEveryVerdict) {
  const fs::path schema = testing::project_root() / "schemas/licence-check.schema.json";
  const std::string checked = cradle(
      "licence check --format json 'MIT OR Apache-2.0' 'mit AND GPL-2.0+' 'GPL-2.0-only WITH "
      "Classpath-exception-2.0 OR LicenseRef-Acme' 'MIT AND FooBar-1.0' 'MIT And ISC' ''");
  expect_valid("valid, with warnings, with an exception, unlisted, malformed, empty", checked, schema);
  const auto report = nlohmann::json::parse(checked);
  ASSERT_EQ(report["expressions"].size(), 6u);
  EXPECT_EQ(report["expressions"][1]["canonical"], "MIT AND GPL-2.0+");
  EXPECT_EQ(report["expressions"][2]["licences"][0]["exception"]["id"], "Classpath-exception-2.0");
  EXPECT_FALSE(report["expressions"][3]["valid"]);
  EXPECT_TRUE(report["expressions"][3]["well_formed"]);
  EXPECT_TRUE(report["expressions"][4]["canonical"].is_null());
  auto undocumented = report;
  undocumented["expressions"][0]["licences"][0]["category"] = "permissive";
  EXPECT_FALSE(testing::schema_errors(schema, undocumented).empty()) << "an undocumented member";
}

TEST_F(JsonContract, SbomCheckIsValid) {
  const fs::path schema = testing::project_root() / "schemas/sbom-check.schema.json";
  const std::string checked = cradle(
      "sbom check --profile ntia --profile bsi-2.0 --profile bsi-2.1 --profile cra --format json "
      "tests/data/conformance/ntia-complete.cdx.json "
      "tests/data/conformance/ntia-gaps.cdx.json examples/webapp.cdx.json tests/data/warnings/licences.spdx "
      "tests/data/malformed/truncated.cdx.json");
  expect_valid("conformant, gaps, an example, SPDX tag-value, a malformed file", checked, schema,
               kSbomCheckJsonSchemaVersion);
  const auto report = nlohmann::json::parse(checked);
  ASSERT_EQ(report["documents"].size(), 5u);
  EXPECT_EQ(report["documents"][0]["profiles"][0]["conformant"], true);
  EXPECT_EQ(report["documents"][1]["profiles"][0]["conformant"], false);
  EXPECT_FALSE(report["documents"][4]["read"]);
  EXPECT_TRUE(report["documents"][4]["profiles"].empty());
  ASSERT_EQ(report["documents"][0]["profiles"].size(), 4u);
  const auto& bsi = report["documents"][0]["profiles"][1];
  EXPECT_EQ(bsi["profile"], "bsi-2.0");
  EXPECT_EQ(bsi["conformant"], false) << "no e-mail or URL";
  // Results grouped by what they say: the creators of all three components named without a
  // contact, each its own detail; every component in exactly one group of a requirement.
  ASSERT_EQ(bsi["components"].size(), 3u);
  const auto& creator = bsi["requirements"][4];
  EXPECT_EQ(creator["id"], "bsi.creator");
  EXPECT_EQ(creator["not_met"], 3);
  ASSERT_EQ(creator["results"].size(), 3u);
  EXPECT_EQ(creator["results"][1]["detail"], "'A Org' is named, without an e-mail address or a URL");
  EXPECT_EQ(creator["results"][1]["components"], nlohmann::json::array({1}));
  const auto& hash = bsi["requirements"][10];
  EXPECT_EQ(hash["id"], "bsi.hash");
  ASSERT_EQ(hash["results"].size(), 1u) << "one thing said of all three";
  EXPECT_EQ(hash["results"][0]["components"], nlohmann::json::array({0, 1, 2}));
  EXPECT_TRUE(bsi["requirements"][0]["results"][0]["components"].is_null()) << "the document's";
}

TEST_F(JsonContract, SbomShowIsValidForEveryKindOfInput) {
  const fs::path schema = testing::project_root() / "schemas/sbom-show.schema.json";
  const std::string shown = cradle(
      "sbom show --format json examples/webapp.cdx.json tests/data/github/dependency-graph-sbom.json "
      "tests/data/warnings/licences.cdx.json tests/data/malformed/truncated.cdx.json examples/no-such-file.json");
  expect_valid("an SBOM, a wrapped one, one with warnings, a malformed one, a missing file", shown, schema);
  const auto document = nlohmann::json::parse(shown);
  ASSERT_EQ(document["documents"].size(), 5u);
  EXPECT_TRUE(document["documents"][3]["summary"].is_null());
  EXPECT_EQ(document["documents"][3]["diagnostics"][0]["line"], 1);
  EXPECT_TRUE(document["documents"][3]["diagnostics"][0]["pointer"].is_null());
  auto empty_string = document;
  empty_string["documents"][0]["summary"]["created"] = "";
  EXPECT_FALSE(testing::schema_errors(schema, empty_string).empty()) << "an empty string where null belongs";
}

TEST_F(JsonContract, WhyAndDiffAreValid) {
  const std::string db = (work_ / "c.db").string();
  cradle("ingest examples/webapp.cdx.json tests/data/portfolio/webapp-2.5.0.cdx.json examples/osv --db " + db);
  const fs::path why = testing::project_root() / "schemas/why.schema.json";
  expect_valid("why, one version", cradle("why pkg:pypi/urllib3@1.26.12 --product example-webapp@2.4.0 --format json --db " + db), why);
  expect_valid("why, every version", cradle("why pkg:pypi/urllib3 --product example-webapp --format json --db " + db), why);
  expect_valid("why, nothing found", cradle("why pkg:npm/left-pad --product example-webapp --format json --db " + db), why);
  const fs::path diff = testing::project_root() / "schemas/diff.schema.json";
  expect_valid("diff", cradle("diff --product example-webapp --format json --db " + db), diff);
  expect_valid("diff backwards", cradle("diff --product example-webapp --from 2.5.0 --to 2.4.0 --format json --db " + db), diff);
  cradle("ingest examples/webapp.openvex.json --db " + db);
  const std::string with_vex = cradle("diff --product example-webapp --format json --db " + db);
  expect_valid("diff with VEX", with_vex, diff);
  const auto document = nlohmann::json::parse(with_vex);
  bool no_version = false;
  for (const auto& change : document["components"]) {
    for (const auto& version : change["from"]) no_version = no_version || version.is_null();
  }
  EXPECT_TRUE(no_version) << "a component listed without a version is null, not \"\"";
  EXPECT_GT(document["summary"]["status_changes"], 0);
  auto broken = document;
  broken["to"]["serial_number"] = "";
  EXPECT_FALSE(testing::schema_errors(diff, broken).empty()) << "the stored SBOM's schema is applied";
  broken = document;
  broken["findings"][0]["finding"]["undocumented"] = 1;
  EXPECT_FALSE(testing::schema_errors(diff, broken).empty()) << "the finding's schema is applied";
}

TEST_F(JsonContract, AffectedIsValid) {
  const std::string db = (work_ / "c.db").string();
  cradle("ingest examples/webapp.cdx.json tests/data/portfolio/webapp-2.5.0.cdx.json examples/osv examples/webapp.openvex.json --db " + db);
  const fs::path schema = testing::project_root() / "schemas/affected.schema.json";
  expect_valid("affected", cradle("affected CVE-2023-30861 --format json --db " + db), schema);
  expect_valid("affected, suppressed by VEX", cradle("affected CVE-2023-32681 --format json --db " + db), schema);
  expect_valid("affected by an alias", cradle("affected GHSA-m2qf-hxjv-5gpq --format json --db " + db), schema);
  const auto document = nlohmann::json::parse(cradle("affected CVE-2023-32681 --format json --db " + db));
  EXPECT_GT(document["summary"]["suppressed_by_vex"], 0);
  cradle("ingest tests/data/assess/gate-1.0.cdx.json --db " + db);  // npm components, no npm advisories
  const std::string gap = cradle("affected CVE-2023-30861 --format json --db " + db);
  expect_valid("affected, with a gap in coverage", gap, schema);
  EXPECT_FALSE(nlohmann::json::parse(gap)["not_covered"].empty());
}

TEST_F(JsonContract, AssessAndDecisionsAreValid) {
  const std::string db = (work_ / "c.db").string();
  cradle("ingest examples/osv examples/webapp.cdx.json examples/webapp.openvex.json --db " + db);
  const fs::path assess = testing::project_root() / "schemas/assess.schema.json";
  expect_valid("assess, the built-in policy", cradle("assess example-webapp --format json --db " + db), assess);
  expect_valid("assess, a policy file",
               cradle("assess example-webapp --policy tests/data/policies/release-gate.policy.yaml --format json --db " + db), assess);
  cradle("ingest tests/data/assess/gate-1.0.cdx.json --db " + db);
  expect_valid("assess, a gap in coverage", cradle("assess gate --format json --db " + db), assess);
  const std::string licences =
      cradle("assess gate --policy tests/data/policies/licences.policy.yaml --format json --db " + db);
  expect_valid("assess, licence rules", licences, assess);
  EXPECT_EQ(nlohmann::json::parse(licences)["licences"].size(), 3u);
  EXPECT_TRUE(nlohmann::json::parse(licences)["licences"][2]["licence"].is_null()) << "none stated";
  EXPECT_TRUE(nlohmann::json::parse(licences)["sbom_decision"].is_null()) << "the policy has no SBOM rules";
  const std::string sbom = cradle("assess gate --policy tests/data/policies/sbom.policy.yaml --format json --db " + db);
  expect_valid("assess, SBOM rules", sbom, assess);
  EXPECT_EQ(nlohmann::json::parse(sbom)["sbom_decision"]["rule"], "bsi-nonconformant-online");
  const fs::path decisions = testing::project_root() / "schemas/decisions.schema.json";
  const std::string listed = cradle("decisions example-webapp --limit 5 --format json --db " + db);
  expect_valid("decisions", listed, decisions);
  EXPECT_EQ(nlohmann::json::parse(listed)["assessments"].size(), 2u);
  const std::string gate = cradle("decisions gate@1.0 --limit 2 --format json --db " + db);
  expect_valid("decisions of a version, with licence decisions", gate, decisions);
  EXPECT_EQ(nlohmann::json::parse(gate)["assessments"][0]["sbom_decision"]["outcome"], "remediate");
  EXPECT_EQ(nlohmann::json::parse(gate)["assessments"][1]["licences"].size(), 3u);
  const fs::path replay = testing::project_root() / "schemas/replay.schema.json";
  const std::string replayed = cradle("assess --replay 1 --format json --db " + db);
  expect_valid("assess --replay", replayed, replay);
  EXPECT_EQ(nlohmann::json::parse(replayed)["log"], "as logged");
  const fs::path log = testing::project_root() / "schemas/log-verify.schema.json";
  const std::string verified = cradle("log verify --format json --db " + db);
  expect_valid("log verify", verified, log);
  EXPECT_TRUE(nlohmann::json::parse(verified)["verified"].get<bool>());
  EXPECT_EQ(nlohmann::json::parse(verified)["entries"], 5);
  const fs::path exported = work_ / "log.jsonl";
  cradle("log export --out " + exported.string() + " --db " + db);
  {
    std::ofstream append(exported, std::ios::app);
    append << "not an entry\n";
  }
  const std::string broken = cradle("log verify --format json --file " + exported.string());
  expect_valid("log verify, a line that is not an entry", broken, log);
  EXPECT_FALSE(nlohmann::json::parse(broken)["verified"].get<bool>());
  EXPECT_EQ(nlohmann::json::parse(broken)["unreadable"].size(), 1u);
}

}  // namespace
}  // namespace cradle
