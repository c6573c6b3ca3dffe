// OpenVEX: the public documents read; statements applied to findings by vulnerability or alias,
// product and subcomponent purls; newest wins; conflicts reported; an unjustified not_affected
// suppresses nothing.
#include <gtest/gtest.h>

#include <filesystem>

#include "analysis/vex.h"
#include "formats/vex/openvex.h"
#include "shared_data.h"

namespace cradle {
namespace {

TEST(OpenVex, PublicDocumentsAreRead) {
  CRADLE_REQUIRE_SHARED_DATA();
  std::size_t documents = 0;
  std::size_t statements = 0;
  for (const auto& file : std::filesystem::recursive_directory_iterator(
           testing::shared_data_dir() / "openvex")) {
    const std::string name = file.path().filename().string();
    if (!file.is_regular_file() || file.path().extension() != ".json") continue;
    const std::string bytes = testing::read_file(file.path());
    if (bytes.find("openvex.dev/ns") == std::string::npos || name.find("context") != std::string::npos ||
        name.find("schema") != std::string::npos) {
      continue;
    }
    auto result = parse_openvex(bytes, name);
    EXPECT_TRUE(result.accepted()) << name << ": "
                                   << (result.diagnostics.empty() ? "" : format_diagnostic(result.diagnostics[0]));
    ++documents;
    statements += result.statements.size();
  }
  EXPECT_GT(documents, 10u);
  std::cout << "[ openvex ] " << documents << " documents, " << statements << " statements\n";
}

TEST(OpenVex, MalformedStatementsAreLocated) {
  auto result = parse_openvex(R"({"@context": "https://openvex.dev/ns/v0.2.0", "author": "a",
    "statements": [{"vulnerability": {"name": "CVE-1"}, "products": [{"@id": "pkg:npm/x"}], "status": "bogus"},
                   {"vulnerability": {"name": ""}, "products": [{"@id": "pkg:npm/x"}], "status": "fixed"}]})", "bad.json");
  EXPECT_FALSE(result.accepted());
  ASSERT_GE(result.diagnostics.size(), 2u);
  EXPECT_EQ(result.diagnostics[0].location.json_pointer, "/statements/0/status");
  EXPECT_EQ(result.diagnostics[1].location.json_pointer, "/statements/1/vulnerability");
  EXPECT_TRUE(result.statements.empty());
  EXPECT_FALSE(parse_openvex(R"({"@context": "https://example.org"})", "x").read);
}

Component with_purl(std::string purl) {
  Component c;
  c.name = purl;
  c.purl_text = purl;
  c.purl = *parse_purl(purl);
  return c;
}

ComponentResult affected_result(std::size_t index, std::vector<std::string> ids) {
  ComponentResult result;
  result.component_index = index;
  result.state = ComponentState::affected;
  Finding finding;
  finding.ids = std::move(ids);
  finding.primary_id = finding.ids.front();
  finding.verdict = Verdict::affected;
  result.findings.push_back(finding);
  return result;
}

VexStatement statement(std::string vulnerability, std::string product, std::vector<std::string> subs,
                       VexStatus status, std::string timestamp, std::string author) {
  VexStatement s;
  s.vulnerability = std::move(vulnerability);
  VexProduct vex_product;
  vex_product.id = std::move(product);
  vex_product.subcomponents = std::move(subs);
  s.products.push_back(std::move(vex_product));
  s.status = status;
  s.justification = status == VexStatus::not_affected ? "vulnerable_code_not_present" : "";
  s.timestamp = std::move(timestamp);
  s.author = std::move(author);
  return s;
}

TEST(Vex, ProductSubcomponentAndAliasMatching) {
  Sbom sbom;
  sbom.primary_component = with_purl("pkg:oci/app@sha256%3Aabc?repository_url=example.org");
  sbom.components = {with_purl("pkg:npm/lib@1.2.3"), with_purl("pkg:npm/other@1.0.0")};
  std::vector<ComponentResult> results = {affected_result(0, {"CVE-1", "GHSA-1"}),
                                          affected_result(1, {"CVE-1", "GHSA-1"})};
  // Named by its alias; the product without qualifiers matches; the subcomponent has no version.
  std::vector<VexStatement> statements = {statement("GHSA-1", "pkg:oci/app@sha256%3Aabc",
                                                    {"pkg:npm/lib"}, VexStatus::not_affected,
                                                    "2024-01-01T00:00:00Z", "vendor")};
  auto applied = apply_vex(sbom, statements, results);
  EXPECT_EQ(applied.suppressed, 1u);
  EXPECT_TRUE(results[0].findings[0].suppressed);
  EXPECT_EQ(results[0].state, ComponentState::clean);
  EXPECT_FALSE(results[1].findings[0].vex != nullptr) << "other is not a listed subcomponent";
  EXPECT_EQ(results[1].state, ComponentState::affected);
}

TEST(Vex, NewestWinsAndConflictsAreReported) {
  Sbom sbom;
  sbom.components = {with_purl("pkg:npm/lib@1.2.3")};
  std::vector<ComponentResult> results = {affected_result(0, {"CVE-1"})};
  std::vector<VexStatement> statements = {
      statement("CVE-1", "pkg:npm/lib@1.2.3", {}, VexStatus::not_affected, "2024-01-01T00:00:00Z", "a"),
      statement("CVE-1", "pkg:npm/lib@1.2.3", {}, VexStatus::affected, "2024-02-01T00:00:00Z", "b")};
  auto applied = apply_vex(sbom, statements, results);
  ASSERT_TRUE(results[0].findings[0].vex != nullptr);
  EXPECT_EQ(results[0].findings[0].vex->status, VexStatus::affected);
  EXPECT_FALSE(results[0].findings[0].suppressed);
  ASSERT_EQ(applied.conflicts.size(), 1u);
  EXPECT_NE(applied.conflicts[0].find("'b' says affected"), std::string::npos) << applied.conflicts[0];
}

TEST(Vex, UnjustifiedNotAffectedSuppressesNothing) {
  Sbom sbom;
  sbom.components = {with_purl("pkg:npm/lib@1.2.3")};
  std::vector<ComponentResult> results = {affected_result(0, {"CVE-1"})};
  auto bare = statement("CVE-1", "pkg:npm/lib", {}, VexStatus::not_affected, "2024-01-01T00:00:00Z", "a");
  bare.justification.clear();
  apply_vex(sbom, {bare}, results);
  EXPECT_TRUE(results[0].findings[0].vex != nullptr);
  EXPECT_FALSE(results[0].findings[0].suppressed);
  EXPECT_EQ(results[0].state, ComponentState::affected);
  // A versioned VEX purl must match the version.
  std::vector<ComponentResult> again = {affected_result(0, {"CVE-1"})};
  apply_vex(sbom, {statement("CVE-1", "pkg:npm/lib@9.9.9", {}, VexStatus::fixed, "t", "a")}, again);
  EXPECT_FALSE(again[0].findings[0].vex != nullptr);
}

}  // namespace
}  // namespace cradle
