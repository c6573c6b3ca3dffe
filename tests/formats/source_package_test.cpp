// Source packages stated outside the purl, as Trivy and Syft write them: read from properties
// and SPDX sourceInfo, and kept on the component by every reader of those formats.
#include "formats/source_package.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "formats/sbom_parser.h"

namespace cradle {
namespace {

TEST(SourcePackage, FromTheProperties) {
  struct Case {
    std::vector<Property> properties;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {{{"aquasecurity:trivy:SrcName", "pax-utils"}, {"aquasecurity:trivy:SrcVersion", "1.3.3"}},
       "pax-utils"},
      {{{"syft:package:type", "deb"}, {"syft:metadata:source", "openssl"}}, "openssl"},
      {{{"syft:metadata:originPackage", "musl"}}, "musl"},
      {{{"syft:metadata:sourceRpm", "openssl-3.0.7-24.el9.src.rpm"}}, "openssl"},
      {{{"syft:metadata:sourceRpm", "python3.11-3.11.5-1.el9_3.src.rpm"}}, "python3.11"},
      // Trivy's name wins over Syft's, whatever the order; an empty value states nothing.
      {{{"syft:metadata:source", "b"}, {"aquasecurity:trivy:SrcName", "a"}}, "a"},
      {{{"aquasecurity:trivy:SrcName", ""}, {"syft:metadata:source", "b"}}, "b"},
      {{{"aquasecurity:trivy:SrcVersion", "1.0"}, {"syft:metadata:sourceVersion", "1.0"}}, ""},
      {{{"cdx:npm:package:bundled", "true"}}, ""},
      {{}, ""},
  };
  for (const Case& c : cases) {
    std::string names;
    for (const Property& p : c.properties) names += p.name + "=" + p.value + " ";
    EXPECT_EQ(source_package_from_properties(c.properties), c.expected) << names;
  }
}

TEST(SourcePackage, FromTrivysSourceInfo) {
  EXPECT_EQ(source_package_from_source_info("built package from: pax-utils 1.3.3-r0"), "pax-utils");
  EXPECT_EQ(source_package_from_source_info("built package from: openssl 3.0.11-1~deb12u2"),
            "openssl");
  EXPECT_EQ(source_package_from_source_info("built package from: musl"), "musl");
  // Syft's sourceInfo says where it found the package, not what it was built from.
  EXPECT_EQ(
      source_package_from_source_info("acquired package info from APK DB: /lib/apk/db/installed"),
      "");
  EXPECT_EQ(source_package_from_source_info("built package from: "), "");
  EXPECT_EQ(source_package_from_source_info(""), "");
}

// scanelf, built from pax-utils, as Trivy writes it in each format: no `upstream` qualifier,
// the source package said elsewhere.
const char* const kTrivyCycloneDxJson = R"({
  "bomFormat": "CycloneDX", "specVersion": "1.5",
  "components": [{
    "bom-ref": "pkg:apk/alpine/scanelf@1.3.3-r0?distro=3.15.0", "type": "library",
    "name": "scanelf", "version": "1.3.3-r0",
    "purl": "pkg:apk/alpine/scanelf@1.3.3-r0?distro=3.15.0",
    "properties": [{"name": "aquasecurity:trivy:SrcName", "value": "pax-utils"},
                   {"name": "aquasecurity:trivy:SrcVersion", "value": "1.3.3-r0"}]}]})";

const char* const kSyftCycloneDxXml = R"(<?xml version="1.0" encoding="UTF-8"?>
<bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1">
  <components>
    <component type="library" bom-ref="scanelf">
      <name>scanelf</name>
      <version>1.3.3-r0</version>
      <purl>pkg:apk/alpine/scanelf@1.3.3-r0?distro=3.15.0</purl>
      <properties>
        <property name="syft:package:type">apk</property>
        <property name="syft:metadata:originPackage">pax-utils</property>
      </properties>
    </component>
  </components>
</bom>
)";

const char* const kTrivySpdxJson = R"({
  "spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0", "SPDXID": "SPDXRef-DOCUMENT",
  "name": "alpine:3.15", "documentNamespace": "http://trivy.dev/container_image/alpine:3.15-1",
  "creationInfo": {"creators": ["Tool: trivy-0.58.0"], "created": "2025-02-11T07:43:38Z"},
  "packages": [{
    "name": "scanelf", "SPDXID": "SPDXRef-Package-988bca2f70cf58f6", "versionInfo": "1.3.3-r0",
    "downloadLocation": "NONE", "sourceInfo": "built package from: pax-utils 1.3.3-r0",
    "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
      "referenceLocator": "pkg:apk/alpine/scanelf@1.3.3-r0?arch=x86_64&distro=3.15.11"}]}]})";

const char* const kTrivySpdxTagValue = R"(SPDXVersion: SPDX-2.3
DataLicense: CC0-1.0
SPDXID: SPDXRef-DOCUMENT
DocumentName: alpine:3.15
DocumentNamespace: http://trivy.dev/container_image/alpine:3.15-1
Creator: Tool: trivy-0.58.0
Created: 2025-02-11T07:43:38Z

PackageName: scanelf
SPDXID: SPDXRef-Package-988bca2f70cf58f6
PackageVersion: 1.3.3-r0
PackageDownloadLocation: NONE
PackageSourceInfo: built package from: pax-utils 1.3.3-r0
ExternalRef: PACKAGE-MANAGER purl pkg:apk/alpine/scanelf@1.3.3-r0?arch=x86_64&distro=3.15.11
)";

const char* const kSpdx3JsonLd = R"({
  "@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld",
  "@graph": [
    {"type": "CreationInfo", "@id": "_:creationinfo", "specVersion": "3.0.1",
     "created": "2025-02-11T07:43:38Z", "createdBy": ["urn:tool"]},
    {"type": "software_Package", "spdxId": "urn:scanelf", "creationInfo": "_:creationinfo",
     "name": "scanelf", "software_packageVersion": "1.3.3-r0",
     "software_packageUrl": "pkg:apk/alpine/scanelf@1.3.3-r0?distro=3.15.11",
     "software_sourceInfo": "built package from: pax-utils 1.3.3-r0"}]})";

struct Document {
  const char* format;
  const char* text;
};

class StatedSourcePackageTest : public ::testing::TestWithParam<Document> {};

TEST_P(StatedSourcePackageTest, IsKeptOnTheComponent) {
  SbomParseResult result = parse_sbom(GetParam().text, GetParam().format);
  ASSERT_TRUE(result.accepted()) << (result.diagnostics.empty() ? ""
                                                                : result.diagnostics[0].message);
  ASSERT_EQ(result.sbom->components.size(), 1U);
  const Component& scanelf = result.sbom->components[0];
  EXPECT_EQ(scanelf.name, "scanelf");
  EXPECT_EQ(scanelf.details->source_name, "pax-utils");
}

INSTANTIATE_TEST_SUITE_P(Formats, StatedSourcePackageTest,
                         ::testing::Values(Document{"TrivyCycloneDxJson", kTrivyCycloneDxJson},
                                           Document{"SyftCycloneDxXml", kSyftCycloneDxXml},
                                           Document{"TrivySpdxJson", kTrivySpdxJson},
                                           Document{"TrivySpdxTagValue", kTrivySpdxTagValue},
                                           Document{"Spdx3JsonLd", kSpdx3JsonLd}),
                         [](const ::testing::TestParamInfo<Document>& document) {
                           return std::string(document.param.format);
                         });

}  // namespace
}  // namespace cradle
