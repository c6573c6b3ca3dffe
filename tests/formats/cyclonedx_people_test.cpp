// Who supplied a component and who made the SBOM, read by the same rules (formats/cyclonedx/
// cyclonedx_rules.h) from CycloneDX JSON and XML: the same document in both encodings gives the
// same creators, suppliers and authors.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "formats/cyclonedx/cyclonedx_json.h"
#include "formats/cyclonedx/cyclonedx_rules.h"
#include "formats/cyclonedx/cyclonedx_xml.h"

namespace cradle {
namespace {

TEST(CycloneDxPeople, RulesNameTheFirstGiven) {
  EXPECT_EQ(cyclonedx::contact("Ann", "ann@example.com"), "Ann <ann@example.com>");
  EXPECT_EQ(cyclonedx::contact("", "ann@example.com"), "ann@example.com");
  EXPECT_EQ(cyclonedx::contact("Ann", ""), "Ann");
  EXPECT_EQ(cyclonedx::contact("", ""), "");
  EXPECT_EQ(cyclonedx::component_supplier("", "Maker", "Publisher"), "Maker");
  EXPECT_EQ(cyclonedx::component_supplier("", "", "Publisher"), "Publisher");
  EXPECT_EQ(cyclonedx::component_supplier("", "", ""), "");
  EXPECT_EQ(cyclonedx::component_author("Old Style", {"A", "B"}), "Old Style");
  EXPECT_EQ(cyclonedx::component_author("", {"A", "B"}), "A, B");
  EXPECT_EQ(cyclonedx::sbom_creators({"A"}, "", "Maker", "Supplier"),
            (std::vector<std::string>{"A", "Maker", "Supplier"}));
}

constexpr std::string_view kJson = R"({
  "bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
  "metadata": {
    "authors": [{"name": "Ann", "email": "ann@example.com"}, {"email": "bob@example.com"}],
    "manufacturer": {"name": "Maker Ltd"},
    "supplier": {"name": "Supplier GmbH"}
  },
  "components": [
    {"type": "library", "bom-ref": "a", "name": "a", "version": "1",
     "manufacturer": {"name": "Maker Ltd"}, "publisher": "Pub",
     "authors": [{"name": "Cy"}, {"name": "Di"}]},
    {"type": "library", "bom-ref": "b", "name": "b", "version": "1", "publisher": "Pub", "author": "Ed"},
    {"type": "library", "bom-ref": "c", "name": "c", "version": "1",
     "supplier": {"name": "S", "email": "s@example.com"}, "manufacturer": {"name": "M"}}
  ]
})";

constexpr std::string_view kXml = R"(<?xml version="1.0"?>
<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1">
  <metadata>
    <authors>
      <author><name>Ann</name><email>ann@example.com</email></author>
      <author><email>bob@example.com</email></author>
    </authors>
    <manufacturer><name>Maker Ltd</name></manufacturer>
    <supplier><name>Supplier GmbH</name></supplier>
  </metadata>
  <components>
    <component type="library" bom-ref="a">
      <manufacturer><name>Maker Ltd</name></manufacturer>
      <authors><author><name>Cy</name></author><author><name>Di</name></author></authors>
      <publisher>Pub</publisher><name>a</name><version>1</version>
    </component>
    <component type="library" bom-ref="b">
      <author>Ed</author><publisher>Pub</publisher><name>b</name><version>1</version>
    </component>
    <component type="library" bom-ref="c">
      <supplier><name>S</name><email>s@example.com</email></supplier>
      <manufacturer><name>M</name></manufacturer><name>c</name><version>1</version>
    </component>
  </components>
</bom>)";

TEST(CycloneDxPeople, JsonAndXmlReadTheSamePeople) {
  for (const SbomParseResult& parsed :
       {parse_cyclonedx_json(kJson, "people.cdx.json"), parse_cyclonedx_xml(kXml, "people.cdx.xml")}) {
    ASSERT_TRUE(parsed.sbom);
    EXPECT_EQ(parsed.sbom->creators,
              (std::vector<std::string>{"Ann <ann@example.com>", "bob@example.com", "Maker Ltd",
                                        "Supplier GmbH"}));
    ASSERT_EQ(parsed.sbom->components.size(), 3u);
    const auto& a = *parsed.sbom->components[0].details;
    const auto& b = *parsed.sbom->components[1].details;
    const auto& c = *parsed.sbom->components[2].details;
    EXPECT_EQ(a.supplier, "Maker Ltd");
    EXPECT_EQ(a.author, "Cy, Di");
    EXPECT_EQ(b.supplier, "Pub");
    EXPECT_EQ(b.author, "Ed");
    EXPECT_EQ(c.supplier, "S <s@example.com>");
  }
}

}  // namespace
}  // namespace cradle
