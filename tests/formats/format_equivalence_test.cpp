// The same SBOM in two encodings gives the same model.
#include <gtest/gtest.h>

#include "formats/sbom_parser.h"
#include "shared_data.h"

namespace cradle {
namespace {

using testing::read_file;
using testing::shared_data_dir;

Sbom parse_accepted(const std::filesystem::path& path) {
  SbomParseResult result = parse_sbom(read_file(path), path.string());
  std::string messages;
  for (const auto& d : result.diagnostics) messages += format_diagnostic(d) + "\n";
  EXPECT_TRUE(result.accepted()) << messages;
  return result.sbom.value_or(Sbom{});
}

void expect_same_model(const Sbom& a, const Sbom& b) {
  EXPECT_EQ(a.spec_version, b.spec_version);
  EXPECT_EQ(a.serial_number, b.serial_number);
  EXPECT_EQ(a.created, b.created);
  EXPECT_EQ(a.described_refs, b.described_refs);
  EXPECT_EQ(a.dependencies, b.dependencies);
  ASSERT_EQ(a.components.size(), b.components.size());
  for (std::size_t i = 0; i < a.components.size(); ++i) {
    const Component& x = a.components[i];
    const Component& y = b.components[i];
    SCOPED_TRACE(x.ref + " " + x.name);
    EXPECT_EQ(x.ref, y.ref);
    EXPECT_EQ(x.type, y.type);
    EXPECT_EQ(x.group, y.group);
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.version, y.version);
    EXPECT_EQ(x.purl, y.purl);
    EXPECT_EQ(x.details->cpes, y.details->cpes);
    EXPECT_EQ(x.hashes, y.hashes);
    EXPECT_EQ(x.declared_licenses, y.declared_licenses);
    EXPECT_EQ(x.concluded_licenses, y.concluded_licenses);
    EXPECT_EQ(x.details->supplier, y.details->supplier);
    EXPECT_EQ(x.details->author, y.details->author);
    EXPECT_EQ(x.details->scope, y.details->scope);
    EXPECT_EQ(x.external_references, y.external_references);
    EXPECT_EQ(x.details->properties, y.details->properties);
    EXPECT_EQ(x.details->parent_ref, y.details->parent_ref);
  }
}

TEST(FormatEquivalenceTest, CycloneDxJsonAndXml) {
  CRADLE_REQUIRE_SHARED_DATA();
  auto dir = shared_data_dir() / "cyclonedx-bom-examples" / "SBOM" / "laravel-7.12.0";
  for (std::string version : {"1.2", "1.3", "1.4"}) {
    SCOPED_TRACE(version);
    Sbom json = parse_accepted(dir / ("bom." + version + ".json"));
    Sbom xml = parse_accepted(dir / ("bom." + version + ".xml"));
    EXPECT_EQ(json.encoding, "JSON");
    EXPECT_EQ(xml.encoding, "XML");
    EXPECT_GT(json.components.size(), 50U);
    expect_same_model(json, xml);
  }
}

TEST(FormatEquivalenceTest, Spdx23JsonAndTagValue) {
  CRADLE_REQUIRE_SHARED_DATA();
  auto dir = shared_data_dir() / "spdx-spec" / "v2.3" / "examples";
  Sbom json = parse_accepted(dir / "SPDXJSONExample-v2.3.spdx.json");
  Sbom tag_value = parse_accepted(dir / "SPDXTagExample-v2.3.spdx");
  EXPECT_EQ(json.components.size(), 4U);
  expect_same_model(json, tag_value);
  // other_relationships differs by one: the upstream tag-value example has a
  // "SPDXRef-Package CONTAINS SPDXRef-JenaLib" (a file) that its JSON twin lacks.
  EXPECT_EQ(json.creators, tag_value.creators);
  EXPECT_EQ(json.tools, tag_value.tools);
}

}  // namespace
}  // namespace cradle
