// `cradle db update`'s sources: directory trees, zips (zip-slip and zip bombs refused) and URLs
// on a real HTTP server on loopback (conditional GET, 304 Not Modified), into a real store.
#include "app/advisory_update.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "model/date_time.h"
#include "shared_data.h"
#include "store/scratch_store.h"
#include "zip_writer.h"

namespace cradle {
namespace {

namespace fs = std::filesystem;

std::string record(std::string_view id, std::string_view modified, std::string_view ecosystem,
                   std::string_view package) {
  return std::string(R"({"id": ")") + std::string(id) + R"(", "modified": ")" +
         std::string(modified) + R"(", "affected": [{"package": {"ecosystem": ")" +
         std::string(ecosystem) + R"(", "name": ")" + std::string(package) +
         R"("}, "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}]}]}]})";
}

using Entries = testing::ZipEntries;
using testing::make_zip;

// Each test on both engines: the files it reads in a directory of its own, the store fresh.
class AdvisoryUpdateTest : public testing::EngineTest {
 protected:
  void SetUp() override {
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::ranges::replace(name, '/', '-');
    dir_ = fs::temp_directory_path() / ("cradle-update-test-" + std::to_string(getpid()) + "-" + name);
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    EngineTest::SetUp();
  }
  void TearDown() override {
    EngineTest::TearDown();
    fs::remove_all(dir_);
  }

  std::string write(const std::string& name, const std::string& bytes) {
    const fs::path path = dir_ / name;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
    return path.string();
  }

  static bool mentions(const AdvisoryUpdate& update, std::string_view text) {
    for (const Diagnostic& d : update.diagnostics) {
      if (format_diagnostic(d).find(text) != std::string::npos) return true;
    }
    return false;
  }

  fs::path dir_;
  AdvisoryUpdateOptions options_;
};

INSTANTIATE_TEST_SUITE_P(Engines, AdvisoryUpdateTest,
                         ::testing::Values(testing::Engine::sqlite, testing::Engine::postgresql),
                         testing::engine_name);

TEST_P(AdvisoryUpdateTest, LoadsATreeIncrementallyKeepingTheNewestModified) {
  write("tree/a/GHSA-1.json", record("GHSA-1", "2024-01-01T00:00:00Z", "PyPI", "a"));
  write("tree/b/GHSA-2.yaml",
        "id: GHSA-2\nmodified: 2024-01-01T00:00:00Z\naffected:\n  - package: {ecosystem: PyPI, name: b}\n"
        "    versions: ['1.0']\n");
  write("tree/notes.txt", "not a record");
  AdvisoryUpdate first = update_advisories_from_path(*store_, (dir_ / "tree").string(), options_);
  EXPECT_FALSE(first.failed());
  EXPECT_EQ(first.documents, 2u);
  EXPECT_EQ(first.added, 2u);

  write("tree/a/GHSA-1.json", record("GHSA-1", "2024-03-01T00:00:00Z", "PyPI", "a"));
  AdvisoryUpdate second = update_advisories_from_path(*store_, (dir_ / "tree").string(), options_);
  EXPECT_EQ(second.replaced, 1u);
  EXPECT_EQ(second.unchanged, 1u);
  EXPECT_EQ(**store_->advisory_modified("GHSA-1"), "2024-03-01T00:00:00Z");

  // An older copy never replaces a newer one.
  write("old/GHSA-1.json", record("GHSA-1", "2023-01-01T00:00:00Z", "PyPI", "a"));
  AdvisoryUpdate third = update_advisories_from_path(*store_, (dir_ / "old").string(), options_);
  EXPECT_EQ(third.unchanged, 1u);
  EXPECT_EQ(**store_->advisory_modified("GHSA-1"), "2024-03-01T00:00:00Z");
}

TEST_P(AdvisoryUpdateTest, ABadRecordIsReportedAndTheRestIsStored) {
  write("tree/good.json", record("GHSA-1", "2024-01-01T00:00:00Z", "PyPI", "a"));
  write("tree/bad.json", R"({"id": "BAD-1"})");
  write("tree/broken.json", R"({"id": "BAD-2", "modified": )");
  AdvisoryUpdate update = update_advisories_from_path(*store_, (dir_ / "tree").string(), options_);
  EXPECT_TRUE(update.failed());
  EXPECT_EQ(update.rejected, 2u);
  EXPECT_EQ(update.added, 1u);
  EXPECT_TRUE(mentions(update, "bad.json: /modified: error"));
  EXPECT_TRUE(mentions(update, "broken.json:1:"));
  EXPECT_EQ(store_->advisory_counts()->advisories, 1u);
}

TEST_P(AdvisoryUpdateTest, KeepsOnlyTheEcosystemsAsked) {
  write("tree/1.json", record("GHSA-1", "2024-01-01T00:00:00Z", "PyPI", "a"));
  write("tree/2.json", record("DSA-2", "2024-01-01T00:00:00Z", "Debian:12", "openssl"));
  write("tree/3.json", record("GO-3", "2024-01-01T00:00:00Z", "Go", "example.com/m"));
  options_.ecosystems = {"Debian", "Go"};
  AdvisoryUpdate update = update_advisories_from_path(*store_, (dir_ / "tree").string(), options_);
  EXPECT_EQ(update.added, 2u);
  EXPECT_EQ(update.other_ecosystems, 1u);
  EXPECT_FALSE(*store_->advisory_modified("GHSA-1"));
  EXPECT_TRUE(*store_->advisory_modified("DSA-2"));
}

TEST_P(AdvisoryUpdateTest, ReadsAZipInEitherOsvLayout) {
  // Per-ecosystem exports put records at the root; an all-ecosystems tree nests them.
  const std::string zip = write(
      "all.zip", make_zip({{"GHSA-1.json", record("GHSA-1", "2024-01-01T00:00:00Z", "PyPI", "a")},
                           {"Go/GO-2.json", record("GO-2", "2024-01-01T00:00:00Z", "Go", "m")},
                           {"README", "not a record"}}));
  AdvisoryUpdate update = update_advisories_from_path(*store_, zip, options_);
  EXPECT_FALSE(update.failed()) << (update.diagnostics.empty() ? "" : update.diagnostics[0].message);
  EXPECT_EQ(update.added, 2u);
  const std::vector<std::string> ids{"GO-2"};
  auto stored = store_->advisories(ids);
  ASSERT_TRUE(stored && stored->size() == 1);
  EXPECT_EQ(stored->front().document.evidence.source, zip + "!Go/GO-2.json");
}

TEST_P(AdvisoryUpdateTest, RefusesZipSlipEntriesAndKeepsTheRest) {
  const std::string zip = write(
      "slip.zip", make_zip({{"../evil.json", record("EVIL-1", "2024-01-01T00:00:00Z", "PyPI", "a")},
                            {"/etc/evil.json", record("EVIL-2", "2024-01-01T00:00:00Z", "PyPI", "a")},
                            {"a/../../evil.json", record("EVIL-3", "2024-01-01T00:00:00Z", "PyPI", "a")},
                            {"GHSA-1.json", record("GHSA-1", "2024-01-01T00:00:00Z", "PyPI", "a")}}));
  AdvisoryUpdate update = update_advisories_from_path(*store_, zip, options_);
  EXPECT_TRUE(update.failed());
  EXPECT_EQ(update.added, 1u);
  EXPECT_TRUE(mentions(update, "slip.zip!../evil.json: error: entry path leaves the archive"));
  EXPECT_TRUE(mentions(update, "slip.zip!a/../../evil.json: error: entry path leaves the archive"));
  EXPECT_FALSE(*store_->advisory_modified("EVIL-1"));
  EXPECT_FALSE(*store_->advisory_modified("EVIL-3"));
  EXPECT_FALSE(fs::exists(dir_.parent_path() / "evil.json"));
}

TEST_P(AdvisoryUpdateTest, RefusesAnEntryThatInflatesBeyondTheLimit) {
  // 32 MiB of one repeated byte deflates to about 32 KiB.
  const std::string bomb(std::size_t{32} << 20, ' ');
  const std::string zip = write(
      "bomb.zip", make_zip({{"BOMB-1.json", bomb},
                            {"GHSA-1.json", record("GHSA-1", "2024-01-01T00:00:00Z", "PyPI", "a")}}));
  ASSERT_LT(fs::file_size(zip), std::uintmax_t{1} << 20);
  options_.limits.max_document_bytes = std::size_t{1} << 20;
  AdvisoryUpdate update = update_advisories_from_path(*store_, zip, options_);
  // Refused on what it declares, before it is inflated.
  EXPECT_TRUE(mentions(
      update, "bomb.zip!BOMB-1.json: error: declares 33554432 bytes, more than 1048576: refused"));
  EXPECT_EQ(update.added, 1u);
}

TEST_P(AdvisoryUpdateTest, StopsAnArchiveThatInflatesBeyondTheTotalLimit) {
  Entries entries;
  for (int i = 0; i < 50; ++i) {
    entries.emplace_back("R-" + std::to_string(i) + ".json", std::string(std::size_t{1} << 20, ' '));
  }
  const std::string zip = write("many.zip", make_zip(entries));
  options_.limits.max_total_bytes = std::size_t{8} << 20;
  AdvisoryUpdate update = update_advisories_from_path(*store_, zip, options_);
  EXPECT_TRUE(mentions(update, "entries declare 52428800 bytes in all, more than 8388608: refused"));
  EXPECT_EQ(update.documents, 0u);
}

TEST_P(AdvisoryUpdateTest, ACorruptZipIsAnErrorNotACrash) {
  std::string zip_bytes = make_zip({{"GHSA-1.json", record("GHSA-1", "2024-01-01T00:00:00Z", "PyPI", "a")}});
  const std::string truncated = write("truncated.zip", zip_bytes.substr(0, zip_bytes.size() / 2));
  AdvisoryUpdate update = update_advisories_from_path(*store_, truncated, options_);
  EXPECT_TRUE(update.failed());
  EXPECT_TRUE(mentions(update, "truncated.zip"));
}

// A loopback server for one zip, with an ETag; it counts requests and conditional hits.
class ZipServer {
 public:
  explicit ZipServer(std::string zip) : zip_(std::move(zip)) {
    server_.Get("/PyPI/all.zip", [this](const httplib::Request& request, httplib::Response& response) {
      ++requests_;
      if (request.get_header_value("If-None-Match") == etag_) {
        ++not_modified_;
        response.status = 304;
        return;
      }
      response.set_header("ETag", etag_);
      response.set_content(zip_, "application/zip");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::yield();
  }
  ~ZipServer() {
    server_.stop();
    thread_.join();
  }

  std::string url(std::string_view path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
  }
  void replace(std::string zip, std::string etag) {
    zip_ = std::move(zip);
    etag_ = std::move(etag);
  }
  int requests() const { return requests_; }
  int not_modified() const { return not_modified_; }

 private:
  httplib::Server server_;
  std::string zip_;
  std::string etag_ = "\"v1\"";
  int port_ = 0;
  std::atomic<int> requests_{0};
  std::atomic<int> not_modified_{0};
  std::thread thread_;
};

TEST_P(AdvisoryUpdateTest, FetchesAUrlWithConditionalGet) {
  ZipServer server(make_zip({{"GHSA-1.json", record("GHSA-1", "2024-01-01T00:00:00Z", "PyPI", "a")}}));
  const std::string url = server.url("/PyPI/all.zip");

  AdvisoryUpdate first = update_advisories_from_url(*store_, url, options_);
  EXPECT_FALSE(first.failed());
  EXPECT_EQ(first.added, 1u);
  EXPECT_EQ((*store_->fetch_state(url))->etag, "\"v1\"");

  AdvisoryUpdate second = update_advisories_from_url(*store_, url, options_);
  EXPECT_TRUE(second.not_modified);
  EXPECT_EQ(second.documents, 0u);
  EXPECT_EQ(server.not_modified(), 1);

  server.replace(make_zip({{"GHSA-1.json", record("GHSA-1", "2024-05-01T00:00:00Z", "PyPI", "a")}}),
                 "\"v2\"");
  AdvisoryUpdate third = update_advisories_from_url(*store_, url, options_);
  EXPECT_FALSE(third.not_modified);
  EXPECT_EQ(third.replaced, 1u);
  EXPECT_EQ((*store_->fetch_state(url))->etag, "\"v2\"");
  EXPECT_EQ(server.requests(), 3);
}

// Credentials in a source URL (a password, a token as the user name, a token parameter) are sent
// with the request and appear nowhere else: not in the store's file, not in any output.
TEST(AdvisoryUrlCredentials, AreNeitherStoredNorShown) {
  const fs::path root = testing::project_root();
  Entries records;
  for (const auto& file : fs::directory_iterator(root / "examples/osv")) {
    const std::string name = file.path().filename().string();
    if (!name.ends_with(".json") && !name.ends_with(".yaml")) continue;
    std::ifstream in(file.path(), std::ios::binary);
    records.emplace_back(name, std::string((std::istreambuf_iterator<char>(in)), {}));
  }
  ZipServer server(make_zip(records));
  std::string url = server.url("/PyPI/all.zip?token=s3cret-token&x=1");
  url.insert(url.find("127.0.0.1"), "reader:s3cret-pass@");
  const fs::path dir = fs::temp_directory_path() / ("cradle-credentials-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string db = (dir / "c.db").string();
  const std::string out = (dir / "out").string();
  // Each command's output, standard error included, and its exit status.
  auto cradle = [&](const std::string& arguments) {
    const int status = std::system(("cd " + root.string() + " && " + CRADLE_BINARY + " " + arguments +
                                    " --db " + db + " > " + out + " 2>&1")
                                       .c_str());
    std::ifstream in(out, std::ios::binary);
    return std::pair{WEXITSTATUS(status), std::string((std::istreambuf_iterator<char>(in)), {})};
  };
  const auto [updated, update_output] = cradle("db update --from '" + url + "'");
  EXPECT_EQ(updated, 0) << update_output;
  EXPECT_NE(update_output.find("http://reader:***@127.0.0.1:"), std::string::npos) << update_output;
  EXPECT_NE(update_output.find("all.zip?token=***&x=1"), std::string::npos) << update_output;
  EXPECT_EQ(cradle("ingest examples/webapp.cdx.json").first, 0);
  std::vector<std::string> commands;
  for (const char* format : {"table", "json", "sarif", "openvex", "cyclonedx-vex", "csaf-vex"}) {
    commands.push_back(std::string("scan examples/webapp.cdx.json --format ") + format);
  }
  commands.insert(commands.end(),
                  {"db status", "db status --format json", "events --format json",
                   "affected CVE-2023-30861 --format json", "affected CVE-2023-30861",
                   "assess example-webapp --format json", "db update --queue --from '" + url + "'"});
  for (const std::string& command : commands) {
    const auto [status, output] = cradle(command);
    EXPECT_EQ(output.find("s3cret"), std::string::npos) << command << ":\n" << output;
    if (command.starts_with("scan") && command.ends_with("json")) {
      EXPECT_NE(output.find("token=***"), std::string::npos) << command << ":\n" << output;
    }
    if (command.starts_with("db update --queue")) {
      EXPECT_EQ(status, 2);
      EXPECT_NE(output.find("a URL with credentials is not queued"), std::string::npos) << output;
    }
  }
  // Nor anywhere in the store's files.
  for (const std::string suffix : {"", "-wal"}) {
    std::ifstream in(db + suffix, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), {});
    EXPECT_EQ(bytes.find("s3cret"), std::string::npos) << db + suffix;
  }
  fs::remove_all(dir);
}

TEST_P(AdvisoryUpdateTest, AMissingUrlIsAnErrorNamingTheStatus) {
  ZipServer server(make_zip({}));
  AdvisoryUpdate update = update_advisories_from_url(*store_, server.url("/nothing.zip"), options_);
  EXPECT_TRUE(update.failed());
  EXPECT_TRUE(mentions(update, "HTTP status 404"));
  EXPECT_FALSE(*store_->fetch_state(server.url("/nothing.zip")));
}

// Coverage: what each source delivered of each ecosystem, recorded with the load.
TEST_P(AdvisoryUpdateTest, RecordsWhatEachSourceDeliveredOfEachEcosystem) {
  write("tree/1.json", record("GHSA-1", "2024-01-01T00:00:00Z", "PyPI", "a"));
  write("tree/2.json", record("GHSA-2", "2024-02-01T00:00:00Z", "PyPI", "b"));
  write("tree/3.json", record("DSA-3", "2024-03-01T00:00:00Z", "Debian:12", "openssl"));
  write("tree/4.json", record("GO-4", "2024-04-01T00:00:00Z", "Go", "example.com/m"));
  options_.ecosystems = {"PyPI", "Debian"};
  const std::string source = (dir_ / "tree").string();
  ASSERT_FALSE(update_advisories_from_path(*store_, source, options_).failed());
  auto coverage = store_->advisory_coverage();
  ASSERT_TRUE(coverage);
  ASSERT_EQ(coverage->loads().size(), 2u) << "Go was not asked for: not covered";
  const EcosystemLoad& debian = coverage->loads_of("Debian:12").front();
  EXPECT_EQ(debian.source, source);
  EXPECT_EQ(debian.records, 1u);
  EXPECT_EQ(debian.newest_modified, "2024-03-01T00:00:00Z");
  EXPECT_EQ(debian.unreadable, 0u);
  EXPECT_FALSE(debian.example);
  const EcosystemLoad& pypi = coverage->loads_of("PyPI").front();
  EXPECT_EQ(pypi.records, 2u);
  EXPECT_EQ(pypi.newest_modified, "2024-02-01T00:00:00Z");
  EXPECT_TRUE(parse_rfc3339(pypi.loaded_at));
  EXPECT_TRUE(coverage->loads_of("Go").empty());
  EXPECT_TRUE(coverage->loads_of("Debian:11").empty());

  // Loaded again, unchanged: still delivered by the source, the same counts.
  ASSERT_FALSE(update_advisories_from_path(*store_, source, options_).failed());
  EXPECT_EQ(store_->advisory_coverage()->loads_of("PyPI").front().records, 2u);
}

TEST_P(AdvisoryUpdateTest, ASourceWithUnreadableRecordsIsRecordedAsIncomplete) {
  write("tree/good.json", record("GHSA-1", "2024-01-01T00:00:00Z", "PyPI", "a"));
  write("tree/bad.json", R"({"id": "BAD-1"})");
  EXPECT_TRUE(update_advisories_from_path(*store_, (dir_ / "tree").string(), options_).failed());
  EXPECT_EQ(store_->advisory_coverage()->loads_of("PyPI").front().unreadable, 1u);
}

TEST_P(AdvisoryUpdateTest, AnExampleDirectorySaysSo) {
  write("examples/1.json", record("GHSA-1", "2024-01-01T00:00:00Z", "PyPI", "a"));
  write("examples/CRADLE-EXAMPLE-DATA", "example records\n");
  ASSERT_FALSE(update_advisories_from_path(*store_, (dir_ / "examples").string(), options_).failed());
  EXPECT_TRUE(store_->advisory_coverage()->loads_of("PyPI").front().example);
}

TEST_P(AdvisoryUpdateTest, AFailedLoadRecordsNoCoverage) {
  std::string zip_bytes = make_zip({{"GHSA-1.json", record("GHSA-1", "2024-01-01T00:00:00Z", "PyPI", "a")}});
  update_advisories_from_path(*store_, write("truncated.zip", zip_bytes.substr(0, zip_bytes.size() / 2)),
                              options_);
  auto coverage = store_->advisory_coverage();
  ASSERT_TRUE(coverage);
  const auto pypi = coverage->loads_of("PyPI");
  EXPECT_TRUE(pypi.empty() || pypi.front().unreadable > 0) << "a corrupt zip is never complete";
}

TEST_P(AdvisoryUpdateTest, ANotModifiedAnswerKeepsTheSourcesEcosystemsFresh) {
  ZipServer server(make_zip({{"GHSA-1.json", record("GHSA-1", "2024-01-01T00:00:00Z", "PyPI", "a")}}));
  const std::string url = server.url("/PyPI/all.zip");
  ASSERT_FALSE(update_advisories_from_url(*store_, url, options_).failed());
  // As if loaded long ago: a 304 says the source still holds the same, as of now.
  EcosystemLoad old = store_->advisory_coverage()->loads_of("PyPI").front();
  old.loaded_at = "2020-01-01T00:00:00Z";
  ASSERT_TRUE(store_->put_ecosystem_loads(std::span(&old, 1)));
  ASSERT_TRUE(update_advisories_from_url(*store_, url, options_).not_modified);
  const EcosystemLoad now = store_->advisory_coverage()->loads_of("PyPI").front();
  EXPECT_GT(now.loaded_at, "2026-01-01T00:00:00Z");
  EXPECT_EQ(now.records, 1u);
}

TEST(AdvisoryUpdate, OsvExportUrlsPerEcosystem) {
  EXPECT_EQ(osv_export_urls({}),
            std::vector<std::string>{"https://osv-vulnerabilities.storage.googleapis.com/all.zip"});
  EXPECT_EQ(osv_export_urls({"PyPI", "GitHub Actions"}),
            (std::vector<std::string>{
                "https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip",
                "https://osv-vulnerabilities.storage.googleapis.com/GitHub%20Actions/all.zip"}));
}

}  // namespace
}  // namespace cradle
