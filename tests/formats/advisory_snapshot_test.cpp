// Advisory snapshots: every OSV record of the shared data set survives write + read unchanged,
// and a damaged snapshot (any prefix, a wrong magic, a flipped length) is refused, never
// half-read.
#include "formats/osv/advisory_snapshot.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "formats/osv/osv_record.h"
#include "shared_data.h"

namespace cradle {
namespace {

namespace fs = std::filesystem;

Advisory sample() {
  AdvisoryParseResult parsed = parse_osv(R"({"id": "SNAP-1", "modified": "2024-01-01T00:00:00Z",
    "aliases": ["CVE-1", "GHSA-1"], "upstream": ["CVE-0"], "summary": "s\u00e9", "details": "d",
    "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
    "affected": [{"package": {"ecosystem": "PyPI", "name": "x", "purl": "pkg:pypi/x"},
                  "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.0"}]},
                             {"type": "GIT", "repo": "https://example.org/x", "events": [{"introduced": "abc"}, {"limit": "def"}]}],
                  "versions": ["0.1", "0.2"]}],
    "references": [{"type": "WEB", "url": "https://example.org"}]})", "s.json");
  EXPECT_TRUE(parsed.accepted());
  Advisory advisory = *parsed.advisory;
  advisory.evidence = {};  // not part of the snapshot
  return advisory;
}

TEST(AdvisorySnapshot, RoundTripsARecord) {
  const Advisory advisory = sample();
  auto read = read_advisory_snapshot(write_advisory_snapshot(advisory));
  ASSERT_TRUE(read);
  EXPECT_EQ(*read, advisory);
}

TEST(AdvisorySnapshot, RefusesDamagedSnapshots) {
  const std::string bytes = write_advisory_snapshot(sample());
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_FALSE(read_advisory_snapshot(std::string_view(bytes).substr(0, n))) << "prefix " << n;
  }
  std::string wrong_magic = bytes;
  wrong_magic[5] = '\x02';  // another format version
  EXPECT_FALSE(read_advisory_snapshot(wrong_magic));
  std::string huge_count = bytes;
  huge_count[6] = '\xff';  // the id's length
  huge_count[7] = '\xff';
  EXPECT_FALSE(read_advisory_snapshot(huge_count));
  EXPECT_FALSE(read_advisory_snapshot(bytes + "x"));  // trailing bytes
}

TEST(AdvisorySnapshot, EveryRecordOfTheSharedDataSurvives) {
  CRADLE_REQUIRE_SHARED_DATA();
  std::size_t checked = 0;
  for (const char* tree : {"pypa-advisory-database/vulns", "golang-vulndb", "rustsec-advisory-db-osv"}) {
    for (const auto& file : fs::recursive_directory_iterator(testing::shared_data_dir() / tree)) {
      const std::string extension = file.path().extension().string();
      if (!file.is_regular_file() || (extension != ".json" && extension != ".yaml")) continue;
      AdvisoryParseResult parsed = parse_osv(testing::read_file(file.path()), file.path().string());
      if (!parsed.accepted()) continue;
      Advisory advisory = std::move(*parsed.advisory);
      advisory.evidence = {};
      auto read = read_advisory_snapshot(write_advisory_snapshot(advisory));
      ASSERT_TRUE(read) << file.path();
      EXPECT_EQ(*read, advisory) << file.path();
      ++checked;
    }
  }
  EXPECT_GT(checked, 8000u);
}

}  // namespace
}  // namespace cradle
