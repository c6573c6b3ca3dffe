// The line where each component starts, as the readers record it for outputs that point at it
// (SARIF regions): CycloneDX JSON and XML, SPDX 2 JSON and tag-value, nested components too.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "formats/sbom_parser.h"

namespace cradle {
namespace {

std::vector<std::uint32_t> lines_of(const std::string& text, const std::string& name) {
  auto parsed = parse_sbom(text, name);
  EXPECT_TRUE(parsed.accepted()) << name;
  std::vector<std::uint32_t> lines;
  if (parsed.sbom) {
    for (const Component& component : parsed.sbom->components) lines.push_back(component.line);
  }
  return lines;
}

TEST(ComponentLine, CycloneDxJson) {
  const std::string text = R"({"bomFormat": "CycloneDX", "specVersion": "1.6",
"components": [
  {"type": "library", "name": "a", "version": "1"},

  {"type": "library", "name": "b", "version": "2",
   "components": [
     {"type": "library", "name": "c", "version": "3"}]}
]}
)";
  EXPECT_EQ(lines_of(text, "a.cdx.json"), (std::vector<std::uint32_t>{3, 5, 7}));
}

TEST(ComponentLine, CycloneDxXml) {
  const std::string text = R"(<?xml version="1.0"?>
<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1">
  <components>
    <component type="library"><name>a</name><version>1</version></component>
    <component type="library">
      <name>b</name><version>2</version>
    </component>
  </components>
</bom>
)";
  EXPECT_EQ(lines_of(text, "a.cdx.xml"), (std::vector<std::uint32_t>{4, 5}));
}

TEST(ComponentLine, Spdx2Json) {
  const std::string text = R"({"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT",
"name": "x", "dataLicense": "CC0-1.0", "documentNamespace": "https://example.com/x",
"creationInfo": {"created": "2024-01-01T00:00:00Z", "creators": ["Tool: t"]},
"packages": [
  {"SPDXID": "SPDXRef-a", "name": "a", "versionInfo": "1", "downloadLocation": "NOASSERTION"},
  {"SPDXID": "SPDXRef-b", "name": "b", "versionInfo": "2",
   "downloadLocation": "NOASSERTION"}
]}
)";
  EXPECT_EQ(lines_of(text, "a.spdx.json"), (std::vector<std::uint32_t>{5, 6}));
}

TEST(ComponentLine, Spdx2TagValue) {
  const std::string text =
      "SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\nSPDXID: SPDXRef-DOCUMENT\nDocumentName: x\n"
      "DocumentNamespace: https://example.com/x\nCreator: Tool: t\nCreated: 2024-01-01T00:00:00Z\n"
      "\nPackageName: a\nSPDXID: SPDXRef-a\nPackageVersion: 1\nPackageDownloadLocation: "
      "NOASSERTION\n"
      "\nPackageName: b\nSPDXID: SPDXRef-b\nPackageDownloadLocation: NOASSERTION\n";
  EXPECT_EQ(lines_of(text, "a.spdx"), (std::vector<std::uint32_t>{9, 14}));
}

}  // namespace
}  // namespace cradle
