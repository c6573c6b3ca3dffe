// SPDX 3.0.1 JSON-LD: the AI and Dataset profiles' packages (ai_AIPackage,
// dataset_DatasetPackage) are software_Packages, read as components of their kind.
#include "formats/spdx/spdx3_json_ld.h"

#include <gtest/gtest.h>

#include <string>

namespace cradle {
namespace {

const char* const kAiSbom = R"({
  "@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld",
  "@graph": [
    {"type": "CreationInfo", "@id": "_:ci", "specVersion": "3.0.1", "created": "2026-11-01T00:00:00Z",
     "createdBy": ["urn:tool"]},
    {"type": "software_Package", "spdxId": "urn:app", "creationInfo": "_:ci", "name": "app",
     "software_packageVersion": "1.0.0", "software_packageUrl": "pkg:pypi/app@1.0.0"},
    {"type": "ai_AIPackage", "spdxId": "urn:model", "creationInfo": "_:ci", "name": "bert-base-uncased",
     "software_packageVersion": "86b5e0934494bd15c9632b12f734a8a67f723594",
     "software_packageUrl": "pkg:huggingface/google-bert/bert-base-uncased@86b5e0934494bd15c9632b12f734a8a67f723594",
     "ai_typeOfModel": ["transformer"]},
    {"type": "dataset_DatasetPackage", "spdxId": "urn:data", "creationInfo": "_:ci", "name": "wikipedia",
     "software_packageVersion": "20231101", "dataset_datasetType": ["text"]},
    {"type": "Relationship", "spdxId": "urn:r1", "creationInfo": "_:ci", "from": "urn:app",
     "relationshipType": "dependsOn", "to": ["urn:model"]},
    {"type": "Relationship", "spdxId": "urn:r2", "creationInfo": "_:ci", "from": "urn:model",
     "relationshipType": "trainedOn", "to": ["urn:data"]}
  ]})";

TEST(Spdx3JsonLd, AiAndDatasetPackagesAreComponents) {
  SbomParseResult result = parse_spdx3_json_ld(kAiSbom, "ai.spdx3.json");
  ASSERT_TRUE(result.accepted()) << (result.diagnostics.empty() ? ""
                                                                : result.diagnostics[0].message);
  ASSERT_EQ(result.sbom->components.size(), 3u);
  const Component& model = result.sbom->components[1];
  EXPECT_EQ(model.name, "bert-base-uncased");
  EXPECT_EQ(model.type, "machine-learning-model");
  ASSERT_TRUE(model.purl);
  EXPECT_EQ(model.purl->type, "huggingface");
  const Component& data = result.sbom->components[2];
  EXPECT_EQ(data.name, "wikipedia");
  EXPECT_EQ(data.type, "data");
  EXPECT_EQ(data.version, "20231101");
  ASSERT_EQ(result.sbom->dependencies.size(), 1u) << "the app depends on the model";
  EXPECT_EQ(result.sbom->dependencies[0].to, "urn:model");
}

TEST(Spdx3JsonLd, AnAiPackageWithoutANameIsToldByItsType) {
  std::string doc = kAiSbom;
  doc.replace(doc.find(R"("name": "bert-base-uncased",)"), 29, "");
  SbomParseResult result = parse_spdx3_json_ld(doc, "ai.spdx3.json");
  ASSERT_FALSE(result.accepted());
  EXPECT_NE(first_error(result.diagnostics)->message.find("an ai_AIPackage needs a 'name'"),
            std::string::npos)
      << first_error(result.diagnostics)->message;
}

}  // namespace
}  // namespace cradle
