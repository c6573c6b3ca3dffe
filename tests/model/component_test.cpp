// Component keeps what few components state (ComponentDetails) out of line: a component that
// states none of it holds no allocation for it, and copies of one that does are independent.
#include "model/component.h"

#include <gtest/gtest.h>

#include <string>

#include "formats/sbom_parser.h"

namespace cradle {
namespace {

TEST(ComponentDetails, UnsetReadsAsEmptyAndAnEditAllocates) {
  Component component;
  EXPECT_FALSE(component.details.has_value());
  EXPECT_TRUE(component.details->supplier.empty());
  EXPECT_TRUE(component.details->cpes.empty());
  EXPECT_EQ(*component.details, ComponentDetails{});

  component.details.edit().supplier = "Example Supplier";
  EXPECT_TRUE(component.details.has_value());
  EXPECT_EQ(component.details->supplier, "Example Supplier");
}

TEST(ComponentDetails, CopiesAreDeepAndCompareByValue) {
  Component original;
  original.details.edit().cpes = {"cpe:2.3:a:example:lib:1.0:*:*:*:*:*:*:*"};
  Component copy = original;
  EXPECT_EQ(copy.details, original.details);
  copy.details.edit().cpes.clear();
  EXPECT_EQ(original.details->cpes.size(), 1U) << "the copy shares nothing with the original";
  EXPECT_NE(copy.details, original.details);

  Component assigned;
  assigned = original;
  EXPECT_EQ(assigned.details->cpes, original.details->cpes);
  Component unset;
  assigned = unset;
  EXPECT_FALSE(assigned.details.has_value());

  // An allocated but empty value equals an unset one: readers cannot tell them apart.
  Component emptied;
  emptied.details.edit();
  EXPECT_EQ(emptied.details, unset.details);
}

// Each reader keeps details only for the components that state some.
void expect_details_only_where_stated(const std::string& doc, const char* file,
                                      const char* supplier = "Example Supplier") {
  SCOPED_TRACE(file);
  SbomParseResult result = parse_sbom(doc, file);
  ASSERT_TRUE(result.accepted());
  ASSERT_EQ(result.sbom->components.size(), 2U);
  const Component& plain = result.sbom->components[0];
  const Component& stated = result.sbom->components[1];
  EXPECT_EQ(plain.name, "plain");
  EXPECT_FALSE(plain.details.has_value());
  EXPECT_EQ(stated.name, "stated");
  EXPECT_TRUE(stated.details.has_value());
  EXPECT_EQ(stated.details->supplier, supplier);
}

TEST(ComponentDetails, ReadersKeepThemOnlyWhereStated) {
  expect_details_only_where_stated(
      R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [
           {"type": "library", "name": "plain", "version": "1.0", "purl": "pkg:npm/plain@1.0",
            "hashes": [{"alg": "SHA-256", "content": ")" +
          std::string(64, 'a') +
          R"("}], "licenses": [{"license": {"id": "MIT"}}], "properties": []},
           {"type": "library", "name": "stated", "supplier": {"name": "Example Supplier"}}]})",
      "details.cdx.json");
  expect_details_only_where_stated(
      R"(<?xml version="1.0"?>
<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1">
  <components>
    <component type="library"><name>plain</name><version>1.0</version></component>
    <component type="library"><supplier><name>Example Supplier</name></supplier><name>stated</name></component>
  </components>
</bom>)",
      "details.cdx.xml");
  expect_details_only_where_stated(
      R"({"spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0", "SPDXID": "SPDXRef-DOCUMENT",
          "name": "details", "documentNamespace": "https://example.invalid/details",
          "creationInfo": {"created": "2026-01-01T00:00:00Z", "creators": ["Tool: test"]},
          "packages": [
            {"SPDXID": "SPDXRef-plain", "name": "plain", "versionInfo": "1.0",
             "downloadLocation": "NOASSERTION", "supplier": "NOASSERTION"},
            {"SPDXID": "SPDXRef-stated", "name": "stated", "downloadLocation": "NOASSERTION",
             "supplier": "Organization: Example Supplier"}]})",
      "details.spdx.json", "Organization: Example Supplier");
}

// The version a scan compares, for components as SBOM tools write them (Syft keeps an rpm's
// epoch in the purl's `epoch` qualifier; deb versions carry theirs).
TEST(InstalledVersion, ThePurlsVersionWithItsEpoch) {
  struct Case {
    const char* purl;
    const char* component_version;
    const char* expected;
  };
  const Case cases[] = {
      {"pkg:rpm/redhat/openssl@1.1.1k-7.el8_6?arch=x86_64&epoch=1", "", "1:1.1.1k-7.el8_6"},
      {"pkg:rpm/almalinux/bash@4.4.20-4.el8_6?epoch=0", "", "4.4.20-4.el8_6"},
      {"pkg:rpm/redhat/openssl@1.1.1k-7.el8_6", "1:1.1.1k-7.el8_6", "1.1.1k-7.el8_6"},
      {"pkg:deb/debian/libc6@2.36-9?epoch=1", "", "1:2.36-9"},
      {"pkg:deb/ubuntu/bsdutils@1:2.34-0.1ubuntu9.3?epoch=1", "", "1:2.34-0.1ubuntu9.3"},
      {"pkg:rpm/redhat/openssl@1.1.1k-7.el8_6?epoch=x", "", "1.1.1k-7.el8_6"},
      {"pkg:npm/lodash@4.17.20?epoch=1", "", "4.17.20"},
      {"pkg:npm/lodash", "4.17.21", "4.17.21"},
  };
  for (const Case& c : cases) {
    Component component;
    component.version = c.component_version;
    component.purl = *parse_purl(c.purl);
    EXPECT_EQ(installed_version(component), c.expected) << c.purl;
  }
  Component without_purl;
  without_purl.version = "1.0";
  EXPECT_EQ(installed_version(without_purl), "1.0");
}

}  // namespace
}  // namespace cradle
