// Every format cradle reads against every other, and cradle's own outputs: each document is
// told by the members that make its format what it is, never by a word found anywhere in it (a
// SARIF log has `id` and `modified` members deep inside, and is not an OSV record).
#include "formats/document_kind.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "shared_data.h"

namespace cradle {
namespace {

namespace fs = std::filesystem;
using testing::read_file;
using testing::test_data_dir;


struct KindCase {
  std::string name;
  std::string path;  // under the project root
  DocumentKind kind;
};

class DocumentKindFileTest : public ::testing::TestWithParam<KindCase> {};

TEST_P(DocumentKindFileTest, IsToldByItsContent) {
  const std::string bytes = read_file(testing::project_root() / GetParam().path);
  ASSERT_FALSE(bytes.empty()) << GetParam().path;
  EXPECT_EQ(to_string(detect_document_kind(bytes)), to_string(GetParam().kind));
}

INSTANTIATE_TEST_SUITE_P(
    Formats, DocumentKindFileTest,
    ::testing::Values(
        KindCase{"CycloneDxJson", "examples/webapp.cdx.json", DocumentKind::cyclonedx_json},
        KindCase{"CycloneDxVexJson", "tests/data/vex/cyclonedx/webapp.vex.cdx.json",
                 DocumentKind::cyclonedx_json},
        KindCase{"CycloneDxXml", "tests/data/vex/cyclonedx/webapp.vex.cdx.xml",
                 DocumentKind::cyclonedx_xml},
        KindCase{"Spdx2Json", "tests/data/warnings/undeclared-elements.spdx.json",
                 DocumentKind::spdx2_json},
        KindCase{"Spdx3JsonLd", "tests/data/warnings/duplicate-and-undeclared.spdx3.json",
                 DocumentKind::spdx3_json_ld},
        KindCase{"OpenVex", "examples/webapp.openvex.json", DocumentKind::openvex},
        KindCase{"OpenVexYaml", "tests/data/vex/webapp.openvex.yaml", DocumentKind::openvex},
        KindCase{"Csaf", "tests/data/vex/csaf/webapp.csaf.json", DocumentKind::csaf},
        KindCase{"OsvJson", "examples/osv/PYSEC-2023-62.json", DocumentKind::osv},
        KindCase{"OsvYaml", "examples/osv/PYSEC-2023-192.yaml", DocumentKind::osv},
        KindCase{"InTotoJsonLines", "tests/data/attestations/webapp-2.4.0.intoto.jsonl",
                 DocumentKind::attestation},
        KindCase{"Scorecard", "tests/data/signals/webapp.scorecard.json", DocumentKind::scorecard},
        KindCase{"PolicyYaml", "tests/data/policies/release-gate.policy.yaml",
                 DocumentKind::unknown},
        KindCase{"Markdown", "README.md", DocumentKind::unknown}),
    [](const ::testing::TestParamInfo<KindCase>& kind) { return kind.param.name; });

TEST(DocumentKind, TextDocumentsAndArchives) {
  EXPECT_EQ(detect_document_kind("# comment\nSPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\n"),
            DocumentKind::spdx2_tag_value);
  EXPECT_EQ(detect_document_kind(std::string("PK\x03\x04rest", 8)), DocumentKind::zip);
  EXPECT_EQ(detect_document_kind(""), DocumentKind::unknown);
  EXPECT_EQ(detect_document_kind("id: GHSA-1\nmodified: 2024-01-01T00:00:00Z\naffected: []\n"),
            DocumentKind::osv);
  // YAML with an id and a modified date among other things is not a record.
  EXPECT_EQ(detect_document_kind("id: x\nmodified: 2024-01-01\nowner: someone\n"),
            DocumentKind::unknown);
}

TEST(DocumentKind, AnIdAndAModifiedDateDoNotMakeAnOsvRecord) {
  EXPECT_EQ(detect_document_kind(
                R"({"id": "GHSA-1", "modified": "2024-01-01T00:00:00Z", "affected": []})"),
            DocumentKind::osv);
  // A REST answer, a SARIF-like log, nested members: not records.
  EXPECT_EQ(detect_document_kind(R"({"id": 7, "modified": "2024-01-01T00:00:00Z"})"),
            DocumentKind::unknown);
  EXPECT_EQ(
      detect_document_kind(R"({"id": "x", "modified": "2024", "url": "https://api.example/x"})"),
      DocumentKind::unknown);
  EXPECT_EQ(detect_document_kind(R"({"runs": [{"results": [{"id": "x", "modified": "2024"}]}]})"),
            DocumentKind::unknown);
  EXPECT_EQ(detect_document_kind(R"([{"id": "x", "modified": "2024"}])"), DocumentKind::unknown);
  // Nested markers of other formats do not make one either.
  EXPECT_EQ(detect_document_kind(R"({"report": {"_type": "https://in-toto.io/Statement/v1"}})"),
            DocumentKind::unknown);
}

// cradle's own outputs, as the binary writes them.
std::string cradle_output(const std::string& arguments) {
  const fs::path out =
      fs::temp_directory_path() / ("cradle-kind-" + std::to_string(getpid()) + ".out");
  const std::string command = std::string("cd ") + testing::project_root().string() + " && " + CRADLE_BINARY + " " +
                              arguments + " > " + out.string() + " 2> /dev/null";
  (void)std::system(command.c_str());
  std::string bytes = read_file(out);
  fs::remove(out);
  return bytes;
}

TEST(DocumentKind, CradlesOwnOutputs) {
  const std::string scan = "scan examples/webapp.cdx.json --advisories examples/osv --format ";
  const std::string json = cradle_output(scan + "json");
  const std::string sarif = cradle_output(scan + "sarif");
  const std::string cyclonedx = cradle_output(scan + "cyclonedx-vex");
  const std::string openvex = cradle_output(scan + "openvex");
  const std::string summary = cradle_output("sbom show --format json examples/webapp.cdx.json");
  for (const std::string* output : {&json, &sarif, &cyclonedx, &openvex, &summary}) {
    ASSERT_FALSE(output->empty());
  }
  EXPECT_EQ(detect_document_kind(json), DocumentKind::unknown);
  EXPECT_EQ(detect_document_kind(sarif), DocumentKind::unknown)
      << "a SARIF log is not an OSV record";
  EXPECT_EQ(detect_document_kind(cyclonedx), DocumentKind::cyclonedx_json);
  EXPECT_EQ(detect_document_kind(openvex), DocumentKind::openvex);
  EXPECT_EQ(detect_document_kind(summary), DocumentKind::unknown);
}

}  // namespace
}  // namespace cradle
