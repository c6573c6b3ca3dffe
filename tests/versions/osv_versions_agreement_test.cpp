// Every version an OSV record lists in affected[].versions must evaluate as affected under the same
// entry's ranges: osv.dev computed those lists from the ranges, so this checks our orderings and
// range walk against osv.dev's on all the real advisories in the shared data (Go, PyPI, RustSec,
// GHSA, ...). Disagreements must be listed with a reason in
// tests/data/versions/osv_versions_exceptions.tsv. The records are read here with nlohmann-json
// and yaml-cpp, independently of cradle's own readers.
#include <gtest/gtest.h>
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "shared_data.h"
#include "tsv_table.h"
#include "versions/osv_ranges.h"

namespace cradle {
namespace {

namespace fs = std::filesystem;

struct Entry {
  std::string id;
  std::string package;
  OsvAffectedVersions affected;
};

std::optional<OsvEvent::Kind> event_kind(const std::string& key) {
  if (key == "introduced") return OsvEvent::Kind::introduced;
  if (key == "fixed") return OsvEvent::Kind::fixed;
  if (key == "last_affected") return OsvEvent::Kind::last_affected;
  if (key == "limit") return OsvEvent::Kind::limit;
  return std::nullopt;
}

// Converts a YAML node to JSON so both encodings go through one reader.
nlohmann::json to_json(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      nlohmann::json object = nlohmann::json::object();
      for (const auto& item : node) object[item.first.as<std::string>()] = to_json(item.second);
      return object;
    }
    case YAML::NodeType::Sequence: {
      nlohmann::json array = nlohmann::json::array();
      for (const auto& item : node) array.push_back(to_json(item));
      return array;
    }
    case YAML::NodeType::Scalar: return node.as<std::string>();
    default: return nullptr;
  }
}

void collect(const nlohmann::json& record, std::vector<Entry>& out) {
  if (!record.is_object() || !record.contains("affected") || !record["affected"].is_array()) return;
  const std::string id = record.value("id", "");
  for (const auto& affected : record["affected"]) {
    if (!affected.is_object() || !affected.contains("versions")) continue;
    Entry entry;
    entry.id = id;
    const auto package = affected.value("package", nlohmann::json::object());
    entry.affected.ecosystem = package.value("ecosystem", "");
    entry.package = package.value("name", "");
    for (const auto& version : affected["versions"]) {
      if (version.is_string()) entry.affected.versions.push_back(version.get<std::string>());
    }
    for (const auto& range : affected.value("ranges", nlohmann::json::array())) {
      OsvRange parsed;
      parsed.type = range.value("type", "");
      for (const auto& event : range.value("events", nlohmann::json::array())) {
        for (const auto& [key, value] : event.items()) {
          auto kind = event_kind(key);
          if (kind && value.is_string()) parsed.events.push_back({*kind, value.get<std::string>()});
        }
      }
      entry.affected.ranges.push_back(std::move(parsed));
    }
    out.push_back(std::move(entry));
  }
}

std::vector<Entry> read_shared_advisories() {
  std::vector<Entry> entries;
  for (const auto& file : fs::recursive_directory_iterator(testing::shared_data_dir())) {
    if (!file.is_regular_file()) continue;
    const std::string extension = file.path().extension().string();
    if (extension != ".json" && extension != ".yaml") continue;
    const std::string text = testing::read_file(file.path());
    if (text.find("affected") == std::string::npos || text.find("versions") == std::string::npos) continue;
    try {
      if (extension == ".json") {
        collect(nlohmann::json::parse(text), entries);
      } else {
        collect(to_json(YAML::Load(text)), entries);
      }
    } catch (const std::exception&) {
      // Not an OSV record (or a deliberately broken one): the agreement is about valid records.
    }
  }
  return entries;
}

// osv_versions_exceptions.tsv: id, package, version, reason.
std::set<std::tuple<std::string, std::string, std::string>> exceptions() {
  std::set<std::tuple<std::string, std::string, std::string>> listed;
  for (const auto& fields :
       testing::read_tsv(testing::test_data_dir() / "versions" / "osv_versions_exceptions.tsv")) {
    EXPECT_EQ(fields.size(), 4u) << fields.front();
    if (fields.size() == 4) listed.emplace(fields[0], fields[1], fields[2]);
  }
  return listed;
}

TEST(OsvVersionsAgreement, ListedVersionsAreInTheirRanges) {
  CRADLE_REQUIRE_SHARED_DATA();
  const auto entries = read_shared_advisories();
  const auto documented = exceptions();
  std::map<std::string, std::pair<std::size_t, std::size_t>> by_scheme;  // agreed, total
  std::size_t checked = 0;
  std::size_t agreed = 0;
  std::size_t excused = 0;
  std::size_t skipped_entries = 0;
  std::set<std::tuple<std::string, std::string, std::string>> used;
  for (const Entry& entry : entries) {
    const AffectedRanges ranges(entry.affected);
    if (!ranges.has_version_ranges() || !ranges.scheme()) {
      ++skipped_entries;  // GIT-only entries, or an ecosystem without an ordering
      continue;
    }
    for (const std::string& listed : entry.affected.versions) {
      ++checked;
      auto& tally = by_scheme[std::string(to_string(*ranges.scheme()))];
      ++tally.second;
      auto version = parse_version(*ranges.scheme(), listed);
      RangeVerdict verdict = version ? ranges.evaluate_ranges(*version)
                                     : RangeVerdict{Verdict::unknown, version.error().message};
      if (version) {
        EXPECT_EQ(ranges.check(*version), verdict.verdict) << "check() and evaluate_ranges() differ";
      }
      if (verdict.verdict == Verdict::affected) {
        ++agreed;
        ++tally.first;
        continue;
      }
      if (documented.contains({entry.id, entry.package, listed})) {
        used.emplace(entry.id, entry.package, listed);
        ++excused;
        continue;
      }
      ADD_FAILURE() << entry.id << " " << entry.affected.ecosystem << "/" << entry.package
                    << " lists " << listed << ", the ranges say " << to_string(verdict.verdict)
                    << ": " << verdict.reason;
    }
  }
  for (const auto& exception : documented) {
    EXPECT_TRUE(used.contains(exception)) << "stale exception: " << std::get<0>(exception) << " "
                                          << std::get<1>(exception) << " " << std::get<2>(exception);
  }
  ASSERT_GT(checked, 10000u) << "expected the Go, PyPI and RustSec databases in the shared data";
  std::cout << "[ agreement ] " << agreed << " of " << checked << " listed versions ("
            << fmt::format("{:.3f}", 100.0 * static_cast<double>(agreed) / static_cast<double>(checked))
            << "%) are affected under their ranges; " << excused << " documented exceptions; "
            << skipped_entries << " entries without an evaluable range\n";
  for (const auto& [scheme, tally] : by_scheme) {
    std::cout << "[ agreement ]   " << scheme << ": " << tally.first << " / " << tally.second << "\n";
  }
}

}  // namespace
}  // namespace cradle
