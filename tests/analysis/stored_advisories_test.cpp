// `cradle db update` then `cradle scan --format sarif`, in process, on the real PyPI advisory
// database. The truth is independent of cradle's OSV reader and matcher: the versions[] lists
// osv.dev computed for each record, read here with yaml-cpp. Every listed (package, version)
// must be reported affected by its record; a record's fixed version that osv.dev does not list
// must not. And a scan from the store must equal a scan from the files, for every SBOM of the
// shared data set, and `cradle affected` must find what those scans find.
#include "analysis/stored_advisories.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <map>
#include <limits>
#include <set>

#include "analysis/advisory_files.h"
#include "analysis/affected_products.h"
#include "analysis/matcher.h"
#include "formats/sbom_parser.h"
#include "report/sarif_report.h"
#include "report/scan_report.h"
#include "shared_data.h"
#include "app/advisory_update.h"
#include "app/sbom_ingest.h"
#include "store/scratch_store.h"
#include "tsv_table.h"

namespace cradle {
namespace {

namespace fs = std::filesystem;


struct Expectation {
  std::string id;
  std::string purl;
  bool affected;
};

// The canonical purl of a PyPI package name and version (the version percent-encoded).
std::string pypi_purl(const std::string& name, const std::string& version) {
  Purl purl;
  purl.type = "pypi";
  purl.name = name;
  purl.version = version;
  auto canonical = parse_purl(to_string(purl));  // parsing applies PyPI's name rules
  return canonical ? to_string(*canonical) : to_string(purl);
}

// From the YAML itself: listed versions (affected) and fixed versions not listed (not affected).
std::vector<Expectation> expectations_from_yaml(const fs::path& vulns, std::size_t every) {
  std::vector<Expectation> out;
  std::size_t counter = 0;
  std::vector<fs::path> files;
  for (const auto& file : fs::recursive_directory_iterator(vulns)) {
    if (file.is_regular_file() && file.path().extension() == ".yaml") files.push_back(file.path());
  }
  std::ranges::sort(files);
  for (const fs::path& file : files) {
    YAML::Node record;
    try {
      record = YAML::LoadFile(file.string());
    } catch (const YAML::Exception&) {
      continue;
    }
    if (record["withdrawn"]) continue;
    const std::string id = record["id"].as<std::string>();
    for (const YAML::Node& affected : record["affected"]) {
      const std::string name = affected["package"]["name"].as<std::string>();
      std::set<std::string> listed;
      for (const YAML::Node& version : affected["versions"]) {
        listed.insert(version.as<std::string>());
        if (counter++ % every == 0) out.push_back({id, pypi_purl(name, version.as<std::string>()), true});
      }
      for (const YAML::Node& range : affected["ranges"]) {
        if (range["type"].as<std::string>() != "ECOSYSTEM") continue;
        for (const YAML::Node& event : range["events"]) {
          if (!event["fixed"]) continue;
          const std::string fixed = event["fixed"].as<std::string>();
          if (!listed.contains(fixed)) out.push_back({id, pypi_purl(name, fixed), false});
        }
      }
    }
  }
  return out;
}

// A store with the three databases loaded, once per engine and process.
struct Loaded {
  std::unique_ptr<testing::ScratchStore> scratch;
  std::unique_ptr<Store> store;
  bool ready = false;
};

// On both engines: the three databases loaded once per engine into a fresh store.
class StoredScanTest : public ::testing::TestWithParam<testing::Engine> {
 protected:
  void SetUp() override {
    CRADLE_REQUIRE_SHARED_DATA();
    Loaded& loaded = engines_[static_cast<int>(GetParam())];
    if (!loaded.scratch) {
      loaded.scratch = std::make_unique<testing::ScratchStore>(GetParam(), "stored-scan");
      CRADLE_REQUIRE_ENGINE(*loaded.scratch);
      auto opened = open_store(loaded.scratch->location(), OpenMode::read_write);
      ASSERT_TRUE(opened) << opened.error().message;
      loaded.store = std::move(*opened);
      for (const char* source : kSources) {
        AdvisoryUpdate update = update_advisories_from_path(
            *loaded.store, (testing::shared_data_dir() / source).string(), AdvisoryUpdateOptions{});
        ASSERT_FALSE(update.failed()) << source;
        ASSERT_GT(update.added, 1000u) << source;
      }
      loaded.ready = true;
    }
    CRADLE_REQUIRE_ENGINE(*loaded.scratch);
    ASSERT_TRUE(loaded.ready) << "loading the databases failed in an earlier test";
    store_ = loaded.store.get();
  }
  static void TearDownTestSuite() {
    for (Loaded& loaded : engines_) {
      loaded.store.reset();
      loaded.scratch.reset();
    }
  }

  static constexpr const char* kSources[] = {"pypa-advisory-database/vulns", "golang-vulndb",
                                             "rustsec-advisory-db-osv"};
  static inline Loaded engines_[2];
  Store* store_ = nullptr;
};

INSTANTIATE_TEST_SUITE_P(Engines, StoredScanTest,
                         ::testing::Values(testing::Engine::sqlite, testing::Engine::postgresql),
                         testing::engine_name);

TEST_P(StoredScanTest, SarifFromTheStoreAgreesWithOsvDevsVersionLists) {
  CRADLE_REQUIRE_SHARED_DATA();
  const auto expectations =
      expectations_from_yaml(testing::shared_data_dir() / "pypa-advisory-database/vulns", 11);
  ASSERT_GT(expectations.size(), 8000u);
  Sbom sbom;
  std::set<std::string> purls;
  for (const Expectation& expectation : expectations) {
    if (!purls.insert(expectation.purl).second) continue;
    Component component;
    component.purl_text = expectation.purl;
    component.purl = *parse_purl(expectation.purl);
    component.version = component.purl->version;
    component.name = component.purl->name;
    sbom.components.push_back(std::move(component));
  }
  AdvisoryIndex index;
  auto load = load_stored_advisories(*store_, sbom, index);
  ASSERT_TRUE(load) << load.error().message;
  EXPECT_TRUE(load->diagnostics.empty());

  ScanReport report;
  report.file = "generated.cdx.json";
  report.sbom = &sbom;
  report.components = match_components(sbom, index);
  const nlohmann::ordered_json sarif = scan_report_sarif(
      report, SarifOptions{.artifact_path = "generated.cdx.json",
                           .max_results = std::numeric_limits<std::size_t>::max()});

  // (purl, advisory) pairs reported affected: the records a result's evidence names (its ids
  // are the whole alias group, which may hold records with other ranges).
  std::set<std::pair<std::string, std::string>> reported;
  for (const auto& result : sarif["runs"][0]["results"]) {
    const auto& properties = result["properties"];
    if (properties["verdict"] != "affected") continue;
    for (const auto& evidence : properties["evidence"]) {
      if (evidence.contains("id")) reported.emplace(properties["purl"], evidence["id"]);
    }
  }
  std::size_t affected = 0;
  std::size_t not_affected = 0;
  for (const Expectation& expectation : expectations) {
    const bool found = reported.contains({expectation.purl, expectation.id});
    EXPECT_EQ(found, expectation.affected) << expectation.id << " for " << expectation.purl;
    ++(expectation.affected ? affected : not_affected);
  }
  std::cout << "[ stored scan ] " << affected << " listed versions affected, " << not_affected
            << " unlisted fixed versions not, from " << load->advisories << " stored records\n";
}

// Scan JSON without what differs by construction: where the advisories were read from and when
// the store ingested them.
nlohmann::ordered_json comparable(nlohmann::ordered_json json) {
  json["advisories"].erase("sources");
  for (auto& component : json["components"]) {
    for (auto& finding : component["findings"]) {
      for (auto& match : finding["matches"]) match["evidence"].erase("ingested_at");
    }
  }
  return json;
}

TEST_P(StoredScanTest, AScanFromTheStoreEqualsAScanFromTheFiles) {
  CRADLE_REQUIRE_SHARED_DATA();
  std::vector<std::string> paths;
  for (const char* source : kSources) paths.push_back((testing::shared_data_dir() / source).string());
  AdvisoryIndex files_index;
  AdvisoryLoad files_load = load_advisories(paths, files_index);
  ASSERT_EQ(files_load.rejected, 0u);

  std::size_t compared = 0;
  std::size_t with_findings = 0;
  for (const char* corpus : {"cyclonedx-bom-examples/SBOM", "guac-exampledata/exampledata"}) {
    for (const auto& file : fs::recursive_directory_iterator(testing::shared_data_dir() / corpus)) {
      if (!file.is_regular_file() || file.path().extension() != ".json") continue;
      SbomParseResult parsed = parse_sbom(testing::read_file(file.path()), file.path().string());
      if (!parsed.sbom) continue;
      AdvisoryIndex stored_index;
      auto load = load_stored_advisories(*store_, *parsed.sbom, stored_index);
      ASSERT_TRUE(load) << load.error().message;

      ScanReport from_files;
      from_files.sbom = &*parsed.sbom;
      from_files.components = match_components(*parsed.sbom, files_index);
      ScanReport from_store;
      from_store.sbom = &*parsed.sbom;
      from_store.components = match_components(*parsed.sbom, stored_index);
      const auto expected = comparable(scan_report_json(from_files));
      EXPECT_EQ(comparable(scan_report_json(from_store)), expected) << file.path();
      ++compared;
      if (expected["summary"]["affected"] > 0) ++with_findings;
    }
  }
  EXPECT_GT(compared, 20u);
  EXPECT_GT(with_findings, 3u);
  std::cout << "[ stored scan ] " << compared << " SBOMs scanned both ways, " << with_findings
            << " with affected components\n";
}

// `cradle affected` against scans: every SBOM of the shared data set ingested as a product; for
// every vulnerability a scan of them finds, affected_products() must name exactly the (product,
// component) pairs with a finding of it, with the same verdict and the same shortest path.
TEST_P(StoredScanTest, AffectedFindsExactlyWhatScansFind) {
  CRADLE_REQUIRE_SHARED_DATA();
  using Hit = std::tuple<std::string, std::int64_t, Verdict, std::vector<std::string>>;  // product, node,
                                                                                             // verdict, path
  std::map<std::string, std::set<Hit>> expected;  // by a finding's primary id
  std::set<std::string> products;
  for (const char* corpus : {"cyclonedx-bom-examples/SBOM", "guac-exampledata/exampledata"}) {
    for (const auto& file : fs::recursive_directory_iterator(testing::shared_data_dir() / corpus)) {
      if (!file.is_regular_file() || file.path().extension() != ".json") continue;
      const std::string bytes = testing::read_file(file.path());
      SbomParseResult parsed = parse_sbom(bytes, file.path().string());
      if (!parsed.sbom) continue;
      const std::string product = fs::relative(file.path(), testing::shared_data_dir()).string();
      if (!products.insert(product).second) continue;
      parsed.sbom->evidence.source = file.path().string();
      auto ingested = ingest_sbom(*store_, *parsed.sbom, bytes, ProductVersion{product, "1"});
      ASSERT_TRUE(ingested) << ingested.error().message;
      if (!ingested->added) continue;  // the same bytes under another name were stored before

      AdvisoryIndex index;
      ASSERT_TRUE(load_stored_advisories(*store_, *parsed.sbom, index));
      const std::int64_t first = parsed.sbom->primary_component ? 1 : 0;
      for (const ComponentResult& result : match_components(*parsed.sbom, index)) {
        for (const Finding& finding : result.findings) {
          std::vector<std::string> path = result.path;
          if (path.empty()) path.push_back(result.purl);  // scans give paths to affected components only
          expected[finding.primary_id].emplace(product, first + static_cast<std::int64_t>(result.component_index),
                                               finding.verdict, finding.verdict == Verdict::affected ? path : std::vector<std::string>{});
        }
      }
    }
  }
  ASSERT_GT(expected.size(), 20u);
  std::size_t hits = 0;
  for (const auto& [id, want] : expected) {
    auto impact = affected_products(*store_, id);
    ASSERT_TRUE(impact) << impact.error().message;
    std::set<Hit> got;
    for (const AffectedProductVersion& version : impact->product_versions) {
      for (const AffectedComponent& hit : version.components) {
        std::vector<std::string> path;
        if (hit.finding.verdict == Verdict::affected) {
          for (const ComponentRecord& node : hit.path) path.push_back(component_label(node));
        }
        got.emplace(version.product, hit.component.node, hit.finding.verdict, path);
      }
    }
    EXPECT_EQ(got, want) << id;
    hits += got.size();
  }
  std::cout << "[ affected ] " << products.size() << " SBOMs as products, " << expected.size()
            << " vulnerabilities, " << hits << " (product, component) findings, each found by `affected`\n";
}

// A scan reads the stored snapshots, and the stored bytes where a record has none (stored by an
// older cradle): the same findings either way.
class SnapshotScanTest : public ::testing::TestWithParam<testing::Engine> {};

INSTANTIATE_TEST_SUITE_P(Engines, SnapshotScanTest,
                         ::testing::Values(testing::Engine::sqlite, testing::Engine::postgresql),
                         testing::engine_name);

TEST_P(SnapshotScanTest, SnapshotsOrStoredBytesGiveTheSameFindings) {
  testing::ScratchStore scratch(GetParam(), "snapshots");
  CRADLE_REQUIRE_ENGINE(scratch);
  auto store = open_store(scratch.location(), OpenMode::read_write);
  ASSERT_TRUE(store);
  ASSERT_FALSE(update_advisories_from_path(**store, (testing::project_root() / "examples/osv").string(), {}).failed());
  const fs::path sbom_path = testing::project_root() / "examples/webapp.cdx.json";
  const Sbom sbom = *parse_sbom(testing::read_file(sbom_path), sbom_path.string()).sbom;
  auto scan = [&](std::size_t expected_from_snapshots) {
    AdvisoryIndex index;
    auto load = load_stored_advisories(**store, sbom, index);
    EXPECT_TRUE(load && load->diagnostics.empty());
    EXPECT_EQ(load->from_snapshots, expected_from_snapshots);
    ScanReport report;
    report.sbom = &sbom;
    report.components = match_components(sbom, index);
    return scan_report_json(report).dump();
  };
  const std::string from_snapshots = scan(4);
  ASSERT_TRUE(scratch.execute("UPDATE advisories SET snapshot = NULL"));
  EXPECT_EQ(scan(0), from_snapshots);
  EXPECT_NE(from_snapshots.find("\"affected\":4"), std::string::npos);
}

// Findings on real SBOMs checked by hand against the records (tests/data/scan/hand_checked.tsv).
TEST_P(StoredScanTest, HandCheckedFindingsOnRealSboms) {
  CRADLE_REQUIRE_SHARED_DATA();
  std::map<std::string, std::pair<Sbom, std::vector<ComponentResult>>> scans;
  std::size_t checked = 0;
  for (const auto& row : testing::read_tsv(testing::test_data_dir() / "scan/hand_checked.tsv")) {
    ASSERT_EQ(row.size(), 5u);
    const auto& [file, purl, id, expected, why] = std::tie(row[0], row[1], row[2], row[3], row[4]);
    SCOPED_TRACE(file + " " + purl + " " + id + ": " + why);
    auto scan = scans.find(file);
    if (scan == scans.end()) {
      const fs::path path = testing::shared_data_dir() / file;
      SbomParseResult parsed = parse_sbom(testing::read_file(path), path.string());
      ASSERT_TRUE(parsed.sbom);
      AdvisoryIndex index;
      ASSERT_TRUE(load_stored_advisories(*store_, *parsed.sbom, index));
      auto results = match_components(*parsed.sbom, index);
      scan = scans.emplace(file, std::pair{std::move(*parsed.sbom), std::move(results)}).first;
    }
    bool seen = false;
    bool reported = false;
    for (const ComponentResult& result : scan->second.second) {
      if (result.purl != purl) continue;
      seen = true;
      for (const Finding& finding : result.findings) {
        for (const MatchedAdvisory& match : finding.matches) {
          reported = reported || (match.id == id && match.verdict == Verdict::affected);
        }
      }
    }
    ASSERT_TRUE(seen) << "component not in the SBOM";
    EXPECT_EQ(reported, expected == "affected");
    ++checked;
  }
  EXPECT_GE(checked, 10u);
}

}  // namespace
}  // namespace cradle
