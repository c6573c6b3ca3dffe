// The CSAF 2.0 mandatory tests against the OASIS validator test suite (every document written to
// fail a test fails it; every valid document fails none), and what they say where they cannot
// tell or the input is not a CSAF 2.0 document.
#include "analysis/csaf_conformance.h"

#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "analysis/vex_document_check.h"
#include "formats/cwe_catalog.h"
#include "formats/language_subtags.h"
#include "shared_data.h"

namespace cradle {
namespace {

CweCatalog catalog_excerpt() {
  const std::string file = (testing::test_data_dir() / "csaf/cwe-catalog-excerpt.xml").string();
  auto catalog = parse_cwe_catalog(testing::read_file(file), file);
  EXPECT_TRUE(catalog.has_value());
  return catalog.value_or(CweCatalog{});
}

const CsafTestResult& result_of(const CsafCheck& check, std::string_view id) {
  for (const auto& result : check.results) {
    if (result.id == id) return result;
  }
  static const CsafTestResult kMissing{
      "missing", "", CsafTestStatus::cannot_tell, "no such test", {}};
  return kMissing;
}

// A minimal CSAF 2.0 VEX document, to which each test adds what it needs.
nlohmann::json minimal_vex() {
  return nlohmann::json::parse(R"({
    "document": {
      "category": "csaf_vex", "csaf_version": "2.0", "title": "t",
      "publisher": {"category": "vendor", "name": "Example", "namespace": "https://example.com"},
      "tracking": {"id": "EX-1", "status": "final", "version": "1",
                   "initial_release_date": "2026-01-01T00:00:00Z", "current_release_date": "2026-01-01T00:00:00Z",
                   "revision_history": [{"date": "2026-01-01T00:00:00Z", "number": "1", "summary": "first"}]}
    },
    "product_tree": {"full_product_names": [{"name": "lib 1.0", "product_id": "P1",
                                             "product_identification_helper": {"purl": "pkg:npm/lib@1.0.0"}}]},
    "vulnerabilities": [{"cve": "CVE-2026-0001", "notes": [{"category": "description", "text": "x"}],
                         "product_status": {"known_affected": ["P1"]},
                         "remediations": [{"category": "vendor_fix", "details": "update", "product_ids": ["P1"]}]}]
  })");
}

CsafCheck check(const nlohmann::json& document, const CsafCheckOptions& options = {}) {
  return check_csaf_mandatory_tests(document.dump(), "doc.json", options);
}

TEST(CsafConformance, TheValidatorTestSuiteFailsWhatItWasWrittenToFailAndNothingElse) {
  CRADLE_REQUIRE_SHARED_DATA();
  const auto suite = testing::shared_data_dir() / "oasis-csaf/csaf_2.0/test/validator/data";
  const nlohmann::json cases = nlohmann::json::parse(testing::read_file(suite / "testcases.json"));
  const CweCatalog catalog = catalog_excerpt();
  CsafCheckOptions options;
  options.cwe_catalog = &catalog;
  std::size_t failing = 0;
  std::size_t valid = 0;
  std::set<std::string> ids;
  for (const auto& test : cases["tests"]) {
    if (test["group"] != "mandatory") continue;
    const std::string id = test["id"];
    ids.insert(id);
    for (const auto& [key, expect_failure] :
         {std::pair{"failures", true}, std::pair{"valid", false}}) {
      if (!test.contains(key)) continue;
      for (const auto& file : test[key]) {
        const std::string name = file["name"];
        const CsafCheck result =
            check_csaf_mandatory_tests(testing::read_file(suite / name), name, options);
        ASSERT_TRUE(result.read) << name;
        ASSERT_EQ(result.results.size(), 43u);
        if (expect_failure) {
          EXPECT_EQ(result_of(result, id).status, CsafTestStatus::failed)
              << name << " should fail " << id;
          ++failing;
        } else {
          for (const auto& other : result.results) {
            EXPECT_NE(other.status, CsafTestStatus::failed)
                << name << " fails " << other.id << ": " << other.failures.front().json_pointer
                << " " << other.failures.front().message;
            EXPECT_NE(other.status, CsafTestStatus::cannot_tell) << name << " " << other.id;
          }
          ++valid;
        }
      }
    }
  }
  EXPECT_EQ(ids.size(), 43u) << "every mandatory test has cases";
  EXPECT_EQ(failing, 87u);
  EXPECT_EQ(valid, 60u);
}

TEST(CsafConformance, AMinimalVexDocumentPassesAndEachBreakageFailsItsTest) {
  const CsafCheck good = check(minimal_vex());
  ASSERT_TRUE(good.read);
  EXPECT_TRUE(good.conformant());
  EXPECT_EQ(result_of(good, "6.1.15").status, CsafTestStatus::not_applicable);
  EXPECT_EQ(result_of(good, "6.1.27.1").reason,
            "the document is not csaf_informational_advisory or csaf_security_incident_response");

  auto broken = minimal_vex();
  broken["vulnerabilities"][0]["product_status"] = {{"known_affected", {"P1"}},
                                                    {"fixed", {"P1", "P2"}}};
  broken["vulnerabilities"][0]["remediations"][0].erase("product_ids");
  const CsafCheck bad = check(broken);
  EXPECT_FALSE(bad.conformant());
  EXPECT_EQ(result_of(bad, "6.1.1").failures.at(0).json_pointer,
            "/vulnerabilities/0/product_status/fixed/1");
  EXPECT_EQ(result_of(bad, "6.1.6").status, CsafTestStatus::failed);
  EXPECT_EQ(result_of(bad, "6.1.27.10").status, CsafTestStatus::failed);
  EXPECT_EQ(result_of(bad, "6.1.29").failures.at(0).json_pointer,
            "/vulnerabilities/0/remediations/0");
}

TEST(CsafConformance, ACweWithoutACatalogIsCannotTellNeverPassed) {
  auto document = minimal_vex();
  document["vulnerabilities"][0]["cwe"] = {{"id", "CWE-79"}, {"name", "Improper Input Validation"}};
  const CsafCheck without = check(document);
  EXPECT_EQ(result_of(without, "6.1.11").status, CsafTestStatus::cannot_tell);
  EXPECT_NE(result_of(without, "6.1.11").reason.find("--cwe-catalog"), std::string::npos);
  EXPECT_FALSE(without.conformant());

  const CweCatalog catalog = catalog_excerpt();
  CsafCheckOptions options;
  options.cwe_catalog = &catalog;
  EXPECT_EQ(result_of(check(document, options), "6.1.11").failures.at(0).json_pointer,
            "/vulnerabilities/0/cwe/name");
  document["vulnerabilities"][0]["cwe"]["id"] = "CWE-20";
  EXPECT_EQ(result_of(check(document, options), "6.1.11").status, CsafTestStatus::passed);
  document["vulnerabilities"][0]["cwe"]["id"] = "CWE-99999";
  EXPECT_EQ(result_of(check(document, options), "6.1.11").status, CsafTestStatus::failed);
  document["vulnerabilities"][0]["cwe"]["id"] = "79";
  EXPECT_EQ(result_of(check(document), "6.1.11").status, CsafTestStatus::failed)
      << "an id's syntax needs no catalog";
}

TEST(CsafConformance, WhatIsNotACsaf20DocumentIsNotReadWithAReason) {
  EXPECT_FALSE(check_csaf_mandatory_tests("{\"document\": ", "cut.json").read);
  const CsafCheck cut = check_csaf_mandatory_tests("{\"document\": ", "cut.json");
  ASSERT_FALSE(cut.diagnostics.empty());
  EXPECT_GT(cut.diagnostics[0].location.line, 0);
  auto v21 = minimal_vex();
  v21["document"]["csaf_version"] = "2.1";
  const CsafCheck later = check(v21);
  EXPECT_FALSE(later.read);
  EXPECT_NE(later.diagnostics.at(0).message.find("2.0"), std::string::npos);
  EXPECT_FALSE(check(nlohmann::json::array()).read);
  EXPECT_FALSE(check(nlohmann::json{{"document", {{"title", "x"}}}}).read);
}

TEST(CsafConformance, MembersOfTheWrongTypeNeverCrashATest) {
  for (const char* pointer :
       {"/vulnerabilities", "/vulnerabilities/0/product_status", "/product_tree",
        "/product_tree/full_product_names/0", "/document/tracking/revision_history",
        "/vulnerabilities/0/remediations/0/product_ids", "/document/tracking"}) {
    for (const nlohmann::json& value :
         {nlohmann::json(5), nlohmann::json("x"), nlohmann::json::array({1, nullptr}),
          nlohmann::json::object()}) {
      auto document = minimal_vex();
      document[nlohmann::json::json_pointer(pointer)] = value;
      const CsafCheck result = check(document);
      EXPECT_TRUE(result.read) << pointer;
      EXPECT_EQ(result.results.size(), 43u) << pointer;
    }
  }
}

TEST(LanguageTags, RegisteredSubtagsOnly) {
  for (std::string_view tag :
       {"en", "en-US", "de-DE", "zh-Hant-TW", "sr-Latn-RS", "es-419", "i-klingon", "x-private",
        "en-US-x-twain", "de-CH-1996", "qaa", "ast", "EN-us"}) {
    EXPECT_FALSE(language_tag_problem(tag).has_value())
        << tag << ": " << language_tag_problem(tag).value_or("");
  }
  for (std::string_view tag : {"", "EZ", "fra", "en-", "en-US-US", "en-Zzzx", "english", "en_US",
                               "de-u", "en-a-bb-a-cc", "12", "x"}) {
    EXPECT_TRUE(language_tag_problem(tag).has_value()) << tag;
  }
}

TEST(CweCatalog, ReadsMitresShapeAndRefusesOthers) {
  const CweCatalog catalog = catalog_excerpt();
  EXPECT_EQ(catalog.name_of("CWE-20"), "Improper Input Validation");
  EXPECT_EQ(catalog.name_of("CWE-1000"), "Research Concepts");
  EXPECT_NE(catalog.source.find("4.16 (excerpt)"), std::string::npos);
  auto malformed = parse_cwe_catalog("<Weakness_Catalog><Weaknesses>", "cut.xml");
  ASSERT_FALSE(malformed.has_value());
  EXPECT_NE(malformed.error().message.find("cut.xml"), std::string::npos);
  EXPECT_GT(malformed.error().location.line, 0);
  EXPECT_FALSE(parse_cwe_catalog("<bom/>", "bom.xml").has_value());
  EXPECT_FALSE(parse_cwe_catalog("<Weakness_Catalog/>", "empty.xml").has_value());
}

// Read as VEX, a CSAF document's failed mandatory tests are said where they are; contradicting
// statuses refuse it; many failures of one test are counted, not listed.
TEST(CsafConformance, ReadAsVexAFailedTestIsSaidAndAContradictionRefuses) {
  auto document = minimal_vex();
  document["document"]["tracking"]["version"] = "2";  // 6.1.16: the latest revision is 1
  VexParseResult read = read_checked_vex(document.dump(), "vex.json");
  EXPECT_TRUE(read.accepted());
  ASSERT_EQ(read.diagnostics.size(), 1u);
  EXPECT_EQ(read.diagnostics[0].severity, Severity::warning);
  EXPECT_EQ(read.diagnostics[0].location.json_pointer, "/document/tracking/version");
  EXPECT_NE(read.diagnostics[0].message.find("6.1.16 (Latest Document Version)"),
            std::string::npos);

  auto contradiction = minimal_vex();
  contradiction["vulnerabilities"][0]["product_status"]["known_not_affected"] = {"P1"};
  contradiction["vulnerabilities"][0]["flags"] = {
      {{"label", "component_not_present"}, {"product_ids", {"P1"}}}};
  EXPECT_FALSE(read_checked_vex(contradiction.dump(), "vex.json").accepted());

  auto many = minimal_vex();
  for (int i = 0; i < 5; ++i)
    many["vulnerabilities"][0]["remediations"].push_back(
        {{"category", "none_available"}, {"details", "x"}});
  const VexParseResult counted = read_checked_vex(many.dump(), "vex.json");
  ASSERT_EQ(counted.diagnostics.size(), 4u);
  EXPECT_NE(counted.diagnostics[3].message.find("at 2 more places"), std::string::npos)
      << counted.diagnostics[3].message;
}

// 6.1.3 on a chain of relationships as long as a document allows, closed into a cycle at its
// end: the ids on the cycle fail, the others not; linear, not a walk from every id.
TEST(CsafConformance, CircularDefinitionsOnALongChainAreFoundInLinearTime) {
  auto document = minimal_vex();
  auto& relationships = document["product_tree"]["relationships"];
  relationships = nlohmann::json::array();
  constexpr int kLength = 20000;
  for (int i = 1; i <= kLength; ++i) {
    // Each refers to the one before; R19998 also to R20000, closing R19998 -> R20000 -> R19999.
    const std::string before = i == 1 ? std::string("P1") : "R" + std::to_string(i - 1);
    const std::string other = i == kLength - 2 ? "R" + std::to_string(kLength) : std::string("P1");
    relationships.push_back(
        {{"category", "default_component_of"},
         {"full_product_name", {{"name", "r"}, {"product_id", "R" + std::to_string(i)}}},
         {"product_reference", before},
         {"relates_to_product_reference", other}});
  }
  const auto started = std::chrono::steady_clock::now();
  const CsafCheck result = check(document);
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const auto& circular = result_of(result, "6.1.3");
  ASSERT_EQ(circular.failures.size(), 3u) << "R19998, R19999 and R20000";
  EXPECT_EQ(circular.failures[0].json_pointer,
            "/product_tree/relationships/19997/full_product_name/product_id");
  EXPECT_LT(seconds, 5.0) << "not quadratic";
}

}  // namespace
}  // namespace cradle
