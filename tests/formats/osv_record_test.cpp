// OSV records: every advisory database in the public data set is read (JSON and YAML), the
// records the osv-linter marks as breaking the schema are rejected, and malformed input gets
// located errors.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "formats/osv/osv_record.h"
#include "shared_data.h"

namespace cradle {
namespace {

namespace fs = std::filesystem;

struct CorpusStats {
  std::size_t files = 0;
  std::size_t accepted = 0;
  std::size_t affected = 0;
};

// Every .json / .yaml record under `dir` whose name starts with `prefix`.
CorpusStats read_corpus(const fs::path& dir, std::string_view prefix,
                        std::vector<std::string>& rejected) {
  CorpusStats stats;
  for (const auto& file : fs::recursive_directory_iterator(dir)) {
    const std::string name = file.path().filename().string();
    const std::string extension = file.path().extension().string();
    if (!file.is_regular_file() || !name.starts_with(prefix)) continue;
    if (extension != ".json" && extension != ".yaml") continue;
    ++stats.files;
    const std::string bytes = testing::read_file(file.path());
    AdvisoryParseResult result = parse_osv(bytes, file.path().string());
    if (result.accepted()) {
      ++stats.accepted;
      stats.affected += result.advisory->affected.size();
      // Independent count of affected[] entries.
      if (extension == ".json") {
        auto json = nlohmann::json::parse(bytes);
        EXPECT_EQ(result.advisory->affected.size(), json.value("affected", nlohmann::json::array()).size())
            << file.path();
        EXPECT_EQ(result.advisory->id, json.value("id", "")) << file.path();
      }
    } else {
      rejected.push_back(file.path().filename().string() + ": " +
                         (result.diagnostics.empty() ? "?" : format_diagnostic(result.diagnostics.front())));
    }
  }
  return stats;
}

TEST(OsvRecord, AdvisoryDatabasesAreRead) {
  CRADLE_REQUIRE_SHARED_DATA();
  const fs::path data = testing::shared_data_dir();
  const std::vector<std::pair<std::string, std::string>> databases = {
      {"pypa-advisory-database/vulns", "PYSEC-"},
      {"golang-vulndb/data/osv", "GO-"},
      {"rustsec-advisory-db-osv/crates", "RUSTSEC-"},
      {"github-advisory-database-sample", "GHSA-"},
      {"ossf-malicious-packages-sample", "MAL-"},
  };
  for (const auto& [dir, prefix] : databases) {
    std::vector<std::string> rejected;
    CorpusStats stats = read_corpus(data / dir, prefix, rejected);
    EXPECT_GT(stats.files, 0u) << dir;
    for (const auto& line : rejected) ADD_FAILURE() << dir << ": rejected " << line;
    std::cout << "[ osv ] " << dir << ": " << stats.accepted << " / " << stats.files
              << " records, " << stats.affected << " affected entries\n";
  }
}

TEST(OsvRecord, LinterBrokenRecordsAreRejected) {
  CRADLE_REQUIRE_SHARED_DATA();
  const fs::path dir = testing::shared_data_dir() / "ossf-osv-schema/tools/osv-linter/testdata";
  std::size_t broken = 0;
  for (const auto& file : fs::directory_iterator(dir)) {
    const std::string name = file.path().filename().string();
    // The linter's other broken cases (a package missing from its registry, non-distinct
    // versions) need the registry or go beyond the schema; nointroduced- breaks the schema.
    if (!name.starts_with("nointroduced-")) continue;
    ++broken;
    auto result = parse_osv(testing::read_file(file.path()), name);
    EXPECT_FALSE(result.accepted()) << name << " should be rejected";
  }
  EXPECT_GT(broken, 0u);
}

TEST(OsvRecord, MalformedInputIsLocated) {
  struct Case {
    std::string bytes;
    std::string expected;  // words the first error contains
    std::string where;     // JSON pointer, or "line:column"
  };
  const std::vector<Case> cases = {
      {R"({"id": "X-1", "modified": "2024-01-01T00:00:00Z", "affected": [)", "malformed JSON", "1:"},
      {R"({"modified": "2024-01-01T00:00:00Z"})", "needs a non-empty 'id'", "/id"},
      {R"({"id": "X-1"})", "needs 'modified'", "/modified"},
      {R"({"id": "X-1", "modified": "yesterday"})", "RFC 3339", "/modified"},
      {R"({"id": 7, "modified": "2024-01-01T00:00:00Z"})", "expected a string", "/id"},
      {R"({"id": "X-1", "modified": "2024-01-01T00:00:00Z", "affected": [{"package": {"name": "a"}}]})",
       "needs 'ecosystem' and 'name'", "/affected/0/package"},
      {R"({"id": "X-1", "modified": "2024-01-01T00:00:00Z", "affected": [{"package": {"ecosystem": "npm", "name": "a"}, "ranges": [{"type": "SEMVER", "events": [{"fixed": "1.0.0"}]}]}]})",
       "needs an 'introduced' event", "/affected/0/ranges/0"},
      {R"({"id": "X-1", "modified": "2024-01-01T00:00:00Z", "affected": [{"package": {"ecosystem": "npm", "name": "a"}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0", "fixed": "1.0.0"}]}]}]})",
       "exactly one member", "/affected/0/ranges/0/events/0"},
      {R"({"id": "X-1", "modified": "2024-01-01T00:00:00Z", "affected": [{"package": {"ecosystem": "npm", "name": "a"}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "2.0.0"}, {"last_affected": "1.0.0"}]}]}]})",
       "not both", "/affected/0/ranges/0"},
      {R"({"id": "X-1", "modified": "2024-01-01T00:00:00Z", "affected": [{"package": {"ecosystem": "npm", "name": "a"}, "ranges": [{"type": "GIT", "events": [{"introduced": "0"}]}]}]})",
       "needs 'repo'", "/affected/0/ranges/0"},
      {R"({"id": "X-1", "modified": "2024-01-01T00:00:00Z", "affected": [{"package": {"ecosystem": "npm", "name": "a"}, "ranges": [{"type": "RANGE", "events": [{"introduced": "0"}]}]}]})",
       "not SEMVER, ECOSYSTEM or GIT", "/affected/0/ranges/0/type"},
      {"id: X-1\nmodified: 2024-01-01T00:00:00Z\naffected: [\n", "malformed YAML", "4:"},
      {"id: X-1\nmodified: 2024-01-01T00:00:00Z\naffected:\n- package: {ecosystem: PyPI}\n",
       "needs 'ecosystem' and 'name'", "/affected/0/package"},
  };
  for (const auto& c : cases) {
    auto result = parse_osv(c.bytes, "case");
    ASSERT_FALSE(result.accepted()) << c.bytes;
    const Diagnostic* error = nullptr;
    for (const auto& d : result.diagnostics) {
      if (d.severity == Severity::error) {
        error = &d;
        break;
      }
    }
    ASSERT_NE(error, nullptr) << c.bytes;
    EXPECT_NE(error->message.find(c.expected), std::string::npos)
        << c.bytes << "\n  got: " << error->message;
    const std::string where = error->location.json_pointer.empty()
                                  ? fmt::format("{}:{}", error->location.line, error->location.column)
                                  : error->location.json_pointer;
    EXPECT_TRUE(where.starts_with(c.where)) << c.bytes << "\n  at " << where;
  }
}

TEST(OsvRecord, JsonAndYamlGiveTheSameAdvisory) {
  const std::string json = R"({"id": "PYSEC-0000-1", "modified": "2024-01-02T03:04:05Z",
    "aliases": ["CVE-0000-1"], "summary": "s",
    "affected": [{"package": {"ecosystem": "PyPI", "name": "pkg", "purl": "pkg:pypi/pkg"},
      "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.2"}]}],
      "versions": ["1.0", "1.1"]}]})";
  const std::string yaml =
      "id: PYSEC-0000-1\nmodified: \"2024-01-02T03:04:05Z\"\naliases:\n- CVE-0000-1\nsummary: s\n"
      "affected:\n- package:\n    ecosystem: PyPI\n    name: pkg\n    purl: pkg:pypi/pkg\n"
      "  ranges:\n  - type: ECOSYSTEM\n    events:\n    - introduced: \"0\"\n    - fixed: \"1.2\"\n"
      "  versions:\n  - \"1.0\"\n  - \"1.1\"\n";
  auto a = parse_osv(json, "a.json");
  auto b = parse_osv(yaml, "a.yaml");
  ASSERT_TRUE(a.accepted());
  ASSERT_TRUE(b.accepted()) << (b.diagnostics.empty() ? "" : format_diagnostic(b.diagnostics[0]));
  EXPECT_EQ(a.advisory->id, b.advisory->id);
  EXPECT_EQ(a.advisory->aliases, b.advisory->aliases);
  ASSERT_EQ(b.advisory->affected.size(), 1u);
  EXPECT_EQ(b.advisory->affected[0].versions.versions, a.advisory->affected[0].versions.versions);
  ASSERT_EQ(b.advisory->affected[0].versions.ranges.size(), 1u);
  EXPECT_EQ(b.advisory->affected[0].versions.ranges[0].events.size(), 2u);
  EXPECT_EQ(b.advisory->affected[0].versions.ranges[0].events[1].version, "1.2");
  EXPECT_EQ(a.advisory->evidence.kind, "OSV JSON");
  EXPECT_EQ(b.advisory->evidence.kind, "OSV YAML");
  EXPECT_EQ(a.advisory->evidence.sha256.size(), 64u);
}

// yaml-cpp 0.7 decodes "\_" (U+00A0) to a lone 0xA0 byte; the record must still read as UTF-8.
TEST(OsvRecord, YamlNonBreakingSpaceEscape) {
  auto result = parse_osv("id: X-1\nmodified: \"2024-01-01T00:00:00Z\"\nsummary: \"a\\_b\\Nc\"\n", "nbsp.yaml");
  ASSERT_TRUE(result.accepted()) << (result.diagnostics.empty() ? "" : result.diagnostics[0].message);
  EXPECT_EQ(result.advisory->summary, "a\u00a0b\u0085c");
}

// "Billion laughs": aliases of aliases that expand ~600 bytes into 10^10 values. Refused at once,
// with where the expansion ran over; anchors used as YAML users use them still read.
TEST(OsvRecord, YamlAliasBombsAreRefusedAndOrdinaryAnchorsRead) {
  std::string bomb = "id: PYSEC-0000-BOMB\nmodified: \"2024-01-01T00:00:00Z\"\n";
  bomb += "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  for (char level = 'b'; level <= 'j'; ++level) {
    const char previous = static_cast<char>(level - 1);
    bomb += fmt::format("{0}: &{0} [*{1},*{1},*{1},*{1},*{1},*{1},*{1},*{1},*{1},*{1}]\n", level, previous);
  }
  bomb += "affected: [*j]\n";
  const auto started = std::chrono::steady_clock::now();
  auto refused = parse_osv(bomb, "bomb.yaml");
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_FALSE(refused.accepted());
  ASSERT_FALSE(refused.diagnostics.empty());
  EXPECT_NE(refused.diagnostics[0].message.find("alias bomb"), std::string::npos) << refused.diagnostics[0].message;
  EXPECT_GT(refused.diagnostics[0].location.line, 0);
  EXPECT_LT(seconds, 1.0);

  const std::string anchored =
      "id: PYSEC-0000-2\nmodified: \"2024-01-01T00:00:00Z\"\naffected:\n"
      "- package: &pkg {ecosystem: PyPI, name: pkg}\n  versions: &versions [\"1.0\", \"1.1\"]\n"
      "- package: *pkg\n  versions: *versions\n";
  auto read = parse_osv(anchored, "anchors.yaml");
  ASSERT_TRUE(read.accepted()) << format_diagnostic(read.diagnostics.at(0));
  ASSERT_EQ(read.advisory->affected.size(), 2u);
  EXPECT_EQ(read.advisory->affected[1].name, "pkg");
  EXPECT_EQ(read.advisory->affected[1].versions.versions.size(), 2u);
}

}  // namespace
}  // namespace cradle
