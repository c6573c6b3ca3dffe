// Every SBOM in the public data set: detected, parsed, valid ones accepted, invalid ones
// rejected with a diagnostic, and component counts checked against an independent count
// (nlohmann-json for JSON, pugixml XPath for XML, a line count for tag-value); each checked
// against every SBOM profile.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <sstream>

#include "analysis/sbom_conformance.h"
#include "formats/document_kind.h"
#include "formats/sbom_parser.h"
#include "shared_data.h"

namespace cradle {
namespace {

namespace fs = std::filesystem;
using testing::read_file;
using testing::shared_data_dir;

std::size_t count_cyclonedx_json(const nlohmann::json& doc) {
  std::function<std::size_t(const nlohmann::json&)> count = [&](const nlohmann::json& list) {
    std::size_t n = 0;
    if (!list.is_array()) return n;
    for (const auto& c : list) {
      ++n;
      if (c.is_object() && c.contains("components")) n += count(c["components"]);
    }
    return n;
  };
  std::size_t n = doc.contains("components") ? count(doc["components"]) : 0;
  if (doc.contains("metadata") && doc["metadata"].contains("component") &&
      doc["metadata"]["component"].contains("components")) {
    n += count(doc["metadata"]["component"]["components"]);
  }
  return n;
}

std::optional<std::size_t> independent_count(DocumentKind kind, const std::string& bytes) {
  switch (kind) {
    case DocumentKind::cyclonedx_json: {
      auto doc = nlohmann::json::parse(bytes, nullptr, false);
      if (doc.is_discarded()) return std::nullopt;
      return count_cyclonedx_json(doc);
    }
    case DocumentKind::spdx2_json: {
      auto doc = nlohmann::json::parse(bytes, nullptr, false);
      if (doc.is_discarded()) return std::nullopt;
      return doc.contains("packages") ? doc["packages"].size() : 0;
    }
    case DocumentKind::spdx3_json_ld: {
      auto doc = nlohmann::json::parse(bytes, nullptr, false);
      if (doc.is_discarded() || !doc.contains("@graph")) return std::nullopt;
      return static_cast<std::size_t>(std::ranges::count_if(doc["@graph"], [](const auto& e) {
        // The AI and Dataset profiles' packages are software_Packages too.
        const std::string type = e.is_object() ? e.value("type", "") : "";
        return type == "software_Package" || type == "ai_AIPackage" || type == "dataset_DatasetPackage";
      }));
    }
    case DocumentKind::spdx2_tag_value: {
      std::istringstream in(bytes);
      std::size_t n = 0;
      for (std::string line; std::getline(in, line);) n += line.starts_with("PackageName:");
      return n;
    }
    case DocumentKind::cyclonedx_xml: {
      pugi::xml_document doc;
      if (!doc.load_buffer(bytes.data(), bytes.size())) return std::nullopt;
      // Components under <components>, at any depth, except inside pedigree, tools and
      // metadata other than metadata/component/components.
      auto all = doc.select_nodes("//*[local-name()='components']/*[local-name()='component']");
      std::size_t n = 0;
      for (const auto& node : all) {
        bool skip = false;
        for (auto p = node.node().parent(); p; p = p.parent()) {
          std::string name = p.name();
          auto colon = name.find(':');
          if (colon != std::string::npos) name = name.substr(colon + 1);
          if (name == "pedigree" || name == "tools" || name == "ancestors" || name == "formulation" ||
              name == "descendants" || name == "variants") {
            skip = true;
          }
        }
        n += skip ? 0 : 1;
      }
      return n;
    }
    case DocumentKind::openvex:
    case DocumentKind::csaf:
    case DocumentKind::osv:
    case DocumentKind::attestation:
    case DocumentKind::scorecard:
    case DocumentKind::zip:
    case DocumentKind::unknown:
      break;
  }
  return std::nullopt;
}

// Path under the data set -> words of the diagnostic expected: rejecting it, or warning.
std::map<std::string, std::string> expected_diagnostics(const char* table) {
  std::map<std::string, std::string> out;
  std::istringstream in(read_file(testing::test_data_dir() / table));
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line.front() == '#') continue;
    auto tab = line.find('\t');
    if (tab != std::string::npos) out[line.substr(0, tab)] = line.substr(tab + 1);
  }
  return out;
}

struct CorpusStats {
  std::map<std::string, int> accepted, rejected;
  int counted = 0;
};

// Every profile on every SBOM: one result per requirement and component (the primary one
// included) or per document, each a requirement of the profile, a reason wherever one is not met
// or cannot tell, and a score between 0 and 1.
void check_every_profile(const Sbom& sbom) {
  const std::size_t components = sbom.components.size() + (sbom.primary_component ? 1 : 0);
  for (SbomProfile profile : kSbomProfiles) {
    const std::string_view name = to_string(profile);
    const ProfileCheck check = check_sbom(sbom, profile);
    std::size_t expected = 0;
    for (const SbomRequirement& requirement : check.requirements)
      expected += requirement.per_component ? components : 1;
    EXPECT_EQ(check.results.size(), expected) << name;
    EXPECT_EQ(check.components.size(), components) << name;
    for (const RequirementResult& r : check.results) {
      EXPECT_TRUE(std::ranges::any_of(check.requirements, [&](const SbomRequirement& q) {
        return q.id == r.requirement;
      }));
      if (r.status == RequirementStatus::not_met || r.status == RequirementStatus::cannot_tell) {
        EXPECT_FALSE(r.detail.empty()) << name << " " << r.requirement;
      }
    }
    if (const auto score = check.score()) {
      EXPECT_GE(*score, 0.0);
      EXPECT_LE(*score, 1.0);
    }
  }
}

void check_tree(const fs::path& root, CorpusStats& stats) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    auto ext = entry.path().extension().string();
    if (ext == ".json" || ext == ".xml" || ext == ".spdx") files.push_back(entry.path());
  }
  std::ranges::sort(files);
  for (const fs::path& path : files) {
    std::string bytes = read_file(path);
    DocumentKind kind = detect_document_kind(bytes);
    // Schemas, OpenVEX, CSAF, OSV, attestations, Scorecard results and the rest are not SBOMs.
    if (kind == DocumentKind::unknown || kind == DocumentKind::openvex || kind == DocumentKind::csaf ||
        kind == DocumentKind::osv || kind == DocumentKind::zip || kind == DocumentKind::attestation ||
        kind == DocumentKind::scorecard) {
      continue;
    }
    SCOPED_TRACE(path.string());
    SbomParseResult result = parse_sbom(bytes, path.string());
    std::string name = path.filename().string();
    std::string kind_name(to_string(kind));
    static const auto kExpectedRejections = expected_diagnostics("corpus_expected_rejections.tsv");
    static const auto kExpectedWarnings = expected_diagnostics("corpus_expected_warnings.tsv");
    auto known = kExpectedRejections.find(fs::relative(path, shared_data_dir()).string());
    if (known != kExpectedRejections.end()) {
      EXPECT_FALSE(result.accepted());
      EXPECT_TRUE(std::ranges::any_of(result.diagnostics, [&](const Diagnostic& d) {
        return d.severity == Severity::error && d.message.find(known->second) != std::string::npos;
      })) << "expected a diagnostic containing: " << known->second;
      stats.rejected[kind_name]++;
      continue;
    }
    const auto warned = [&](std::string_view words) {
      return std::ranges::any_of(result.diagnostics, [&](const Diagnostic& d) {
        return d.severity == Severity::warning && d.message.find(words) != std::string::npos;
      });
    };
    if (name.starts_with("invalid-")) {
      // Refused, or read with a warning for what changes nothing cradle matches (an invalid
      // hash, a licence id not on the SPDX list): refused under --strict.
      const bool warned_any = std::ranges::any_of(
          result.diagnostics, [](const Diagnostic& d) { return d.severity == Severity::warning; });
      EXPECT_TRUE(!result.accepted() || warned_any) << "an invalid-* document was accepted silently";
      stats.rejected[kind_name]++;
      continue;
    }
    std::string messages;
    for (const auto& d : result.diagnostics) messages += format_diagnostic(d) + "\n";
    EXPECT_TRUE(result.accepted()) << messages;
    auto warning = kExpectedWarnings.find(fs::relative(path, shared_data_dir()).string());
    if (warning == kExpectedWarnings.end()) {
      EXPECT_TRUE(result.diagnostics.empty()) << "warnings not listed in corpus_expected_warnings.tsv:\n"
                                              << messages;
    } else {
      EXPECT_TRUE(warned(warning->second)) << "expected a warning containing: " << warning->second
                                           << "\n" << messages;
    }
    if (!result.sbom) continue;
    stats.accepted[kind_name]++;
    auto expected = independent_count(kind, bytes);
    ASSERT_TRUE(expected) << "the independent count could not read the file";
    EXPECT_EQ(result.sbom->components.size(), *expected);
    ++stats.counted;
    check_every_profile(*result.sbom);
  }
}

class SharedCorpusTest : public ::testing::TestWithParam<std::string> {};

TEST_P(SharedCorpusTest, ParsesEverySbom) {
  CRADLE_REQUIRE_SHARED_DATA();
  fs::path root = shared_data_dir() / GetParam();
  ASSERT_TRUE(fs::is_directory(root)) << root;
  CorpusStats stats;
  check_tree(root, stats);
  int total = stats.counted;
  for (const auto& [kind, n] : stats.rejected) total += n;
  EXPECT_GT(total, 0) << "no SBOM found under " << root;
  for (const auto& [kind, n] : stats.accepted) std::cout << "  accepted " << kind << ": " << n << "\n";
  for (const auto& [kind, n] : stats.rejected) std::cout << "  rejected " << kind << ": " << n << "\n";
}

INSTANTIATE_TEST_SUITE_P(Corpus, SharedCorpusTest,
                         ::testing::Values("cyclonedx-bom-examples", "cyclonedx-specification",
                                           "spdx-examples", "spdx-spec", "guac-exampledata"),
                         [](const auto& param_info) {
                           std::string name = param_info.param;
                           std::ranges::replace(name, '-', '_');
                           return name;
                         });

// `cradle ingest` tells OSV records from SBOMs and VEX by their content: every record of the
// three advisory databases, JSON and YAML, is OSV; no document of the SBOM corpora is.
TEST(DocumentKindTest, OsvRecordsAreToldFromTheirContent) {
  CRADLE_REQUIRE_SHARED_DATA();
  std::size_t records = 0;
  for (const char* database : {"pypa-advisory-database/vulns", "golang-vulndb", "rustsec-advisory-db-osv"}) {
    for (const auto& entry : fs::recursive_directory_iterator(shared_data_dir() / database)) {
      const std::string ext = entry.path().extension().string();
      if (!entry.is_regular_file() || (ext != ".json" && ext != ".yaml")) continue;
      EXPECT_EQ(detect_document_kind(read_file(entry.path())), DocumentKind::osv) << entry.path();
      ++records;
    }
  }
  EXPECT_GT(records, 8000u);
  for (const char* corpus : {"cyclonedx-bom-examples", "spdx-examples", "guac-exampledata"}) {
    for (const auto& entry : fs::recursive_directory_iterator(shared_data_dir() / corpus)) {
      if (!entry.is_regular_file() || entry.file_size() > (64u << 20)) continue;
      EXPECT_NE(detect_document_kind(read_file(entry.path())), DocumentKind::osv) << entry.path();
    }
  }
  EXPECT_EQ(detect_document_kind(std::string("PK\x03\x04rest", 8)), DocumentKind::zip);
  EXPECT_EQ(detect_document_kind("id: PYSEC-1\nmodified: 2026-01-01T00:00:00Z\n"), DocumentKind::osv);
  EXPECT_EQ(detect_document_kind(R"({"id": "x", "name": "y"})"), DocumentKind::unknown);
  // A record about in-toto or Scorecard that quotes their formats is still a record: those are
  // told by their members, not by words in a text.
  EXPECT_EQ(detect_document_kind(
                R"({"id": "GHSA-x", "modified": "2026-01-01T00:00:00Z", "details": "a payloadType of )"
                R"(application/vnd.in-toto+json, _type https://in-toto.io/Statement/v1, and the )"
                R"(\"scorecard\", \"repo\" and \"checks\" keys"})"),
            DocumentKind::osv);
}

}  // namespace
}  // namespace cradle
