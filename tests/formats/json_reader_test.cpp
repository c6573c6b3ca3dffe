// JsonPath renders the JSON pointer of a value only when asked; Members picks an object's members
// out in one pass. Both stand behind every located diagnostic of the JSON parsers.
#include "formats/json_reader.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "formats/cyclonedx/cyclonedx_json.h"

namespace cradle {
namespace {

TEST(JsonPath, RendersKeysAndIndexesAsAnRfc6901Pointer) {
  const JsonPath root("");
  const JsonPath components(root, "components");
  const JsonPath second(components, std::size_t{1});
  const JsonPath odd(second, "a/b~c");
  const JsonPath index(odd, std::size_t{12345678901});
  EXPECT_EQ(root.pointer(), "");
  EXPECT_EQ(components.pointer(), "/components");
  EXPECT_EQ(second.pointer(), "/components/1");
  EXPECT_EQ(odd.pointer(), "/components/1/a~1b~0c");
  EXPECT_EQ(index.pointer(), "/components/1/a~1b~0c/12345678901");
  EXPECT_EQ(JsonPath(JsonPath("/metadata"), "component").pointer(), "/metadata/component");
  EXPECT_EQ(json_pointer("/x", "~/"), "/x/~0~1");
  EXPECT_EQ(json_pointer("/x", std::size_t{0}), "/x/0");
}

TEST(Members, PicksTheFirstOfEachKeyAndNothingElse) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  ASSERT_FALSE(parser.parse(std::string_view(R"({"b":2,"a":1,"b":3,"ab":4,"":5})")).get(root));
  simdjson::dom::object object;
  ASSERT_FALSE(root.get_object().get(object));
  static constexpr std::array<std::string_view, 4> kKeys{"a", "b", "c", "ab"};
  const Members<4> members(object, kKeys);
  ASSERT_TRUE(members.has(0));
  ASSERT_TRUE(members.has(1));
  EXPECT_FALSE(members.has(2));
  EXPECT_EQ(members.get(2), nullptr);
  ASSERT_TRUE(members.has(3));
  EXPECT_EQ(members.get(0)->get_int64().value(), 1);
  EXPECT_EQ(members.get(1)->get_int64().value(), 2);  // as at_key(): the first "b"
  EXPECT_EQ(members.get(3)->get_int64().value(), 4);
}

TEST(JsonPath, DiagnosticsNameTheNestedValue) {
  constexpr std::string_view kBom = R"({"bomFormat":"CycloneDX","specVersion":"1.6","components":[
    {"type":"library","name":"a","bom-ref":"a"},
    {"type":"library","name":"b","bom-ref":"b","components":[
      {"type":"library","name":"c","bom-ref":"c","hashes":[{"alg":"SHA-256","content":"xyz"}],
       "licenses":[{"license":{"id":7}}]}]}],
    "dependencies":[{"ref":"a","dependsOn":["b","nowhere"]}]})";
  auto result = parse_cyclonedx_json(kBom, "nested.json", ParseLimits{});
  ASSERT_TRUE(result.sbom);
  ASSERT_EQ(result.sbom->components.size(), 3u);
  EXPECT_EQ(result.sbom->components[2].details->parent_ref, "b");
  std::vector<std::string> pointers;
  for (const auto& diagnostic : result.diagnostics) {
    EXPECT_EQ(diagnostic.file, "nested.json");
    pointers.push_back(diagnostic.location.json_pointer);
  }
  std::ranges::sort(pointers);
  EXPECT_EQ(pointers, (std::vector<std::string>{
                          "/components/1/components/0/hashes/0/content",
                          "/components/1/components/0/licenses/0/license",
                          "/components/1/components/0/licenses/0/license/id",
                          "/dependencies/0/dependsOn/1",
                      }));
}

}  // namespace
}  // namespace cradle
