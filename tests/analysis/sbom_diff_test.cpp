// diff_sboms(): two versions of the example product, on both engines: the components that
// changed, each classified by its ecosystem's ordering, and the findings new or resolved against
// the example advisories.
#include "analysis/sbom_diff.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "formats/sbom_parser.h"
#include "formats/vex/vex_document.h"
#include "shared_data.h"
#include "app/advisory_update.h"
#include "app/sbom_ingest.h"
#include "store/scratch_store.h"

namespace cradle {
namespace {

namespace fs = std::filesystem;


class SbomDiffTest : public testing::EngineTest {
 protected:
  void ingest(const fs::path& file) {
    const std::string bytes = testing::read_file(file);
    SbomParseResult parsed = parse_sbom(bytes, file.string());
    ASSERT_TRUE(parsed.sbom);
    parsed.sbom->evidence.source = file.string();
    ASSERT_TRUE(ingest_sbom(*store_, *parsed.sbom, bytes, {}));
  }
  // The example advisories, then the example product at 2.4.0 and at 2.5.0.
  void ingest_two_versions() {
    ASSERT_FALSE(
        update_advisories_from_path(*store_, (testing::project_root() / "examples/osv").string(), {}).failed());
    ingest(testing::project_root() / "examples/webapp.cdx.json");
    ingest(testing::test_data_dir() / "portfolio/webapp-2.5.0.cdx.json");
  }
};

INSTANTIATE_TEST_SUITE_P(Engines, SbomDiffTest,
                         ::testing::Values(testing::Engine::sqlite, testing::Engine::postgresql),
                         testing::engine_name);

TEST_P(SbomDiffTest, ComponentsAndFindingsBetweenTwoVersions) {
  ingest_two_versions();
  auto sboms = store_->product_sboms("example-webapp");
  ASSERT_TRUE(sboms);
  ASSERT_EQ(sboms->size(), 2u);

  auto diff = diff_sboms(*store_, (*sboms)[0], (*sboms)[1]);
  ASSERT_TRUE(diff) << diff.error().message;
  std::vector<std::string> changes;
  for (const ComponentChange& change : diff->components) {
    changes.push_back(std::string(to_string(change.kind)) + " " + change.package);
  }
  EXPECT_EQ(changes,
            (std::vector<std::string>{"upgraded pkg:pypi/flask", "added pkg:pypi/idna",
                                      "downgraded pkg:pypi/jinja2", "removed vendored-parser"}));
  EXPECT_EQ(diff->components[0].from, (std::vector<std::string>{"2.2.2"}));
  EXPECT_EQ(diff->components[0].to, (std::vector<std::string>{"2.2.5"}));
  EXPECT_EQ(diff->unchanged, 4u);  // werkzeug, requests, urllib3, openssl
  // flask 2.2.5 fixes CVE-2023-30861; requests, urllib3 and openssl keep theirs.
  ASSERT_EQ(diff->findings.size(), 1u);
  EXPECT_EQ(diff->findings[0].kind, FindingChange::Kind::resolved);
  EXPECT_EQ(diff->findings[0].package, "pkg:pypi/flask");
  EXPECT_EQ(diff->findings[0].version, "2.2.2");
  EXPECT_EQ(diff->findings[0].finding.ids,
            (std::vector<std::string>{"CVE-2023-30861", "GHSA-m2qf-hxjv-5gpq", "PYSEC-2023-62"}));

  // The other way round, everything flips.
  auto back = diff_sboms(*store_, (*sboms)[1], (*sboms)[0]);
  ASSERT_TRUE(back);
  ASSERT_EQ(back->findings.size(), 1u);
  EXPECT_EQ(back->findings[0].kind, FindingChange::Kind::added);
  EXPECT_EQ(back->components[0].kind, ComponentChange::Kind::downgraded);
  EXPECT_EQ(back->components[1].kind, ComponentChange::Kind::removed);
  // An SBOM against itself: nothing.
  auto same = diff_sboms(*store_, (*sboms)[0], (*sboms)[0]);
  ASSERT_TRUE(same);
  EXPECT_TRUE(same->components.empty());
  EXPECT_TRUE(same->findings.empty());
}

TEST_P(SbomDiffTest, StoredVexChangesAFindingsStatusBetweenTwoVersions) {
  ingest_two_versions();
  // The example VEX speaks for example-webapp@2.4.0 only: requests' CVE-2023-32681 not affected
  // (suppressed), urllib3's CVE-2023-43804 under investigation.
  const std::string vex = testing::read_file(testing::project_root() / "examples/webapp.openvex.json");
  auto kept = in_transaction(*store_, [&]() -> std::expected<bool, Error> {
    auto document =
        store_->put_document(EvidenceRef{"webapp.openvex.json", "", "OpenVEX", "", ""}, vex);
    if (!document) return std::unexpected(document.error());
    const VexParseResult parsed = parse_vex(vex, "webapp.openvex.json");
    EXPECT_EQ(parsed.statements.size(), 2u);
    return store_->put_vex_document(*document, parsed.statements);
  });
  ASSERT_TRUE(kept && *kept);
  auto sboms = store_->product_sboms("example-webapp");
  ASSERT_TRUE(sboms);
  ASSERT_EQ(sboms->size(), 2u);

  auto diff = diff_sboms(*store_, (*sboms)[0], (*sboms)[1]);
  ASSERT_TRUE(diff) << diff.error().message;
  std::vector<std::string> changes;
  for (const FindingChange& change : diff->findings) {
    changes.push_back(fmt::format("{} {} {}: {} -> {}", to_string(change.kind), change.package,
                                  change.finding.primary_id, change.status_before,
                                  change.status_after));
  }
  EXPECT_EQ(changes, (std::vector<std::string>{
                         "resolved pkg:pypi/flask PYSEC-2023-62: affected -> ",
                         "status_changed pkg:pypi/requests PYSEC-2023-74: not_affected "
                         "(suppressed) -> affected",
                         "status_changed pkg:pypi/urllib3 PYSEC-2023-192: under_investigation "
                         "-> affected",
                     }));
  // Against itself nothing changes, VEX or not.
  auto same = diff_sboms(*store_, (*sboms)[0], (*sboms)[0]);
  ASSERT_TRUE(same);
  EXPECT_TRUE(same->findings.empty());
}

}  // namespace
}  // namespace cradle
