// load_advisories(): OSV records from a zip archive as from a directory, in archive order, with
// the archive's refusals among the diagnostics.
#include "analysis/advisory_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "zip_writer.h"

namespace cradle {
namespace {

namespace fs = std::filesystem;

std::string record(std::string_view id, std::string_view package) {
  return fmt::format(
      R"({{"id": "{}", "modified": "2024-01-01T00:00:00Z", "affected": [{{"package": )"
      R"({{"ecosystem": "PyPI", "name": "{}"}}, "ranges": [{{"type": "ECOSYSTEM", )"
      R"("events": [{{"introduced": "0"}}, {{"fixed": "2.0"}}]}}]}}]}})",
      id, package);
}

TEST(AdvisoryFiles, ReadsTheRecordsOfAZip) {
  const fs::path dir =
      fs::temp_directory_path() / ("cradle-advisory-files-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const fs::path zip = dir / "all.zip";
  std::ofstream(zip, std::ios::binary)
      << testing::make_zip({{"PYSEC-1.json", record("PYSEC-1", "requests")},
                            {"bad.json", "{\"id\": "},
                            {"README.txt", "not a record"},
                            {"GHSA-2.json", record("GHSA-2", "flask")}});
  AdvisoryIndex index;
  const AdvisoryLoad load = load_advisories({zip.string()}, index);
  EXPECT_EQ(load.files, 3u);
  EXPECT_EQ(load.rejected, 1u);
  ASSERT_FALSE(load.diagnostics.empty());
  EXPECT_EQ(load.diagnostics.front().file, zip.string() + "!bad.json");
  EXPECT_EQ(index.advisories(), 2u);

  // A file named .zip that is none is said to be what it is.
  const fs::path empty = dir / "empty.zip";
  std::ofstream(empty, std::ios::binary).flush();
  AdvisoryIndex none;
  const AdvisoryLoad refused = load_advisories({empty.string()}, none);
  EXPECT_EQ(refused.rejected, 1u);
  ASSERT_EQ(refused.diagnostics.size(), 1u);
  EXPECT_EQ(refused.diagnostics.front().message, "not a zip archive: an empty file");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace cradle
