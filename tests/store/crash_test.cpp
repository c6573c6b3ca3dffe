// Crash safety: `cradle db update` and `cradle ingest` (which evaluates each SBOM as it stores it) killed with SIGKILL at random moments,
// again and again, on both engines. Each source (each ingested file) is one transaction, so after
// every kill the store holds what was committed before (nothing lost) and either none or all of
// the interrupted source (nothing half-written), and it passes its engine's consistency checks.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>
#include <vector>

#include "store/scratch_store.h"
#include "store/store.h"

namespace cradle {
namespace {

namespace fs = std::filesystem;

// `count` OSV records named PREFIX-n, one file each.
void write_records(const fs::path& dir, const std::string& prefix, int count) {
  fs::create_directories(dir);
  for (int i = 0; i < count; ++i) {
    std::ofstream(dir / (prefix + "-" + std::to_string(i) + ".json"))
        << R"({"id": ")" << prefix << "-" << i << R"(", "modified": "2024-01-01T00:00:00Z", "aliases": ["CVE-)"
        << prefix << "-" << i << R"("], "affected": [{"package": {"ecosystem": "npm", "name": "pkg-)" << i
        << R"("}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.2.)" << i
        << R"("}]}]}]})";
  }
}

// Runs cradle with these arguments; kills it after `delay` unless it is zero. Returns true when
// it ran to completion.
bool run_cradle(std::vector<std::string> arguments, std::chrono::milliseconds delay) {
  arguments.insert(arguments.begin(), CRADLE_BINARY);
  std::vector<char*> argv;
  for (std::string& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  const pid_t child = fork();
  if (child == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    execv(CRADLE_BINARY, argv.data());
    _exit(127);
  }
  if (delay.count() > 0) {
    std::this_thread::sleep_for(delay);
    kill(child, SIGKILL);
  }
  int status = 0;
  waitpid(child, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// `cradle db update --from source --db store`.
bool run_update(const std::string& source, const std::string& store, std::chrono::milliseconds delay) {
  return run_cradle({"db", "update", "--from", source, "--db", store}, delay);
}

// A CycloneDX SBOM of product-N@1.0 with `components` npm components in a chain.
std::string product_sbom(int product, int components) {
  std::string parts;
  std::string edges = R"({"ref": "app", "dependsOn": ["c0"]})";
  for (int i = 0; i < components; ++i) {
    parts += std::string(i == 0 ? "" : ", ") + R"({"type": "library", "bom-ref": "c)" + std::to_string(i) +
             R"(", "name": "pkg-)" + std::to_string(i) + R"(", "version": "1.)" + std::to_string(product) +
             R"(.0", "purl": "pkg:npm/pkg-)" + std::to_string(i) + "@1." + std::to_string(product) + R"(.0"})";
    edges += R"(, {"ref": "c)" + std::to_string(i) + R"(", "dependsOn": [)" +
             (i + 1 < components ? "\"c" + std::to_string(i + 1) + "\"" : std::string()) + "]}";
  }
  return R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "metadata": {"component": {"type": "application", "bom-ref": "app", "name": "product-)" +
         std::to_string(product) + R"(", "version": "1.0"}}, "components": [)" + parts + R"(], "dependencies": [)" +
         edges + "]}";
}

class CrashTest : public ::testing::TestWithParam<testing::Engine> {};

INSTANTIATE_TEST_SUITE_P(Engines, CrashTest,
                         ::testing::Values(testing::Engine::sqlite, testing::Engine::postgresql),
                         testing::engine_name);

TEST_P(CrashTest, KilledUpdatesLoseNothingCommittedAndLeaveNothingHalfWritten) {
  testing::ScratchStore scratch(GetParam(), "crash");
  CRADLE_REQUIRE_ENGINE(scratch);
  const fs::path files = fs::temp_directory_path() / ("cradle-crash-" + std::to_string(getpid()) +
                                                      (GetParam() == testing::Engine::sqlite ? "-s" : "-p"));
  fs::remove_all(files);
  constexpr int kRounds = 10;
  constexpr int kPerRound = 2000;
  write_records(files / "first", "FIRST", 300);
  // Each round loads a source of its own, so that a round that completes leaves the next one
  // something to interrupt.
  for (int round = 0; round < kRounds; ++round) {
    write_records(files / ("round-" + std::to_string(round)), "R" + std::to_string(round), kPerRound);
  }

  ASSERT_TRUE(run_update((files / "first").string(), scratch.location(), {}));
  auto counts = [&]() {
    auto store = open_store(scratch.location(), OpenMode::read_only);
    EXPECT_TRUE(store) << store.error().message;
    return store ? (*store)->advisory_counts()->advisories : std::size_t{0};
  };
  ASSERT_EQ(counts(), 300u);

  // How long one round's update takes here, so that the kills land inside it.
  long full_ms = 0;
  {
    testing::ScratchStore timing(GetParam(), "crash-timing");
    const auto start = std::chrono::steady_clock::now();
    ASSERT_TRUE(run_update((files / "round-0").string(), timing.location(), {}));
    full_ms = static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                    std::chrono::steady_clock::now() - start).count());
  }
  std::mt19937 random(7);
  std::size_t committed = 300;
  int interrupted = 0;
  for (int round = 0; round < kRounds; ++round) {
    const auto delay = std::chrono::milliseconds(1 + random() % std::max(1L, full_ms * 6 / 10));
    const bool completed =
        run_update((files / ("round-" + std::to_string(round))).string(), scratch.location(), delay);
    const std::size_t now = counts();
    // Nothing committed before is lost; the round's source is there whole or not at all (a kill
    // can land after the commit, before the process exits).
    EXPECT_TRUE(now == committed || now == committed + kPerRound) << "round " << round << ": " << now;
    if (completed) {
      EXPECT_EQ(now, committed + kPerRound);
    }
    interrupted += now == committed ? 1 : 0;
    committed = now;
    if (GetParam() == testing::Engine::sqlite) {
      EXPECT_EQ(scratch.query("PRAGMA integrity_check"), "ok");
    }
    // Every advisory points at its document; no package row, alias or document is left over.
    EXPECT_EQ(scratch.query("SELECT count(*) FROM advisories a LEFT JOIN documents d ON d.id = a.document_id "
                            "WHERE d.id IS NULL"), "0");
    EXPECT_EQ(scratch.query("SELECT count(*) FROM advisory_packages p LEFT JOIN advisories a "
                            "ON a.id = p.advisory_id WHERE a.id IS NULL"), "0");
    EXPECT_EQ(scratch.query("SELECT count(*) FROM advisory_packages"), std::to_string(now));
    EXPECT_EQ(scratch.query("SELECT count(*) FROM advisory_ids"), std::to_string(now));
    EXPECT_EQ(scratch.query("SELECT count(*) FROM documents"), std::to_string(now));
  }
  EXPECT_GE(interrupted, 3) << "the kills came too late to interrupt anything";
  // An interrupted source loads whole afterwards.
  for (int round = 0; round < kRounds; ++round) {
    ASSERT_TRUE(run_update((files / ("round-" + std::to_string(round))).string(), scratch.location(), {}));
  }
  EXPECT_EQ(counts(), 300u + kRounds * kPerRound);
  fs::remove_all(files);
}

TEST_P(CrashTest, KilledIngestsLoseNoSbomAndLeaveNoneHalfWritten) {
  testing::ScratchStore scratch(GetParam(), "crash-ingest");
  CRADLE_REQUIRE_ENGINE(scratch);
  const fs::path files = fs::temp_directory_path() / ("cradle-crash-ingest-" + std::to_string(getpid()) +
                                                      (GetParam() == testing::Engine::sqlite ? "-s" : "-p"));
  fs::remove_all(files);
  fs::create_directories(files);
  constexpr int kRounds = 8;
  constexpr int kPerRound = 30;
  constexpr int kComponents = 400;
  auto round_arguments = [&](int round) {
    std::vector<std::string> arguments{"ingest"};
    for (int i = 0; i < kPerRound; ++i) {
      const int product = round * kPerRound + i;
      const fs::path file = files / ("product-" + std::to_string(product) + ".cdx.json");
      if (!fs::exists(file)) std::ofstream(file) << product_sbom(product, kComponents);
      arguments.push_back(file.string());
    }
    arguments.insert(arguments.end(), {"--db", scratch.location()});
    return arguments;
  };
  auto sboms = [&]() { return std::stoul(scratch.query("SELECT count(*) FROM sboms")); };

  // The first round whole, and how long it took: the kills land inside the later ones.
  const auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(run_cradle(round_arguments(0), {}));
  const long full_ms = static_cast<long>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count());
  ASSERT_EQ(sboms(), std::size_t{kPerRound});

  std::mt19937 random(11);
  std::size_t committed = kPerRound;
  int interrupted = 0;
  for (int round = 1; round < kRounds; ++round) {
    const auto delay = std::chrono::milliseconds(1 + random() % std::max(1L, full_ms * 8 / 10));
    run_cradle(round_arguments(round), delay);
    const std::size_t now = sboms();
    // What was committed stays; the round adds some of its files, each whole.
    EXPECT_GE(now, committed) << "round " << round;
    EXPECT_LE(now, committed + kPerRound) << "round " << round;
    interrupted += now < committed + kPerRound ? 1 : 0;
    committed = now;
    if (GetParam() == testing::Engine::sqlite) {
      EXPECT_EQ(scratch.query("PRAGMA integrity_check"), "ok");
    }
    // Every SBOM has its document, its product, all its component rows (the primary one
    // included) and all its edges; no row belongs to an SBOM that is not there.
    EXPECT_EQ(scratch.query("SELECT count(*) FROM documents"), std::to_string(now));
    EXPECT_EQ(scratch.query("SELECT count(*) FROM products"), std::to_string(now));
    EXPECT_EQ(scratch.query("SELECT count(*) FROM components"), std::to_string(now * (kComponents + 1)));
    EXPECT_EQ(scratch.query("SELECT count(*) FROM dependency_edges"), std::to_string(now * kComponents));
    EXPECT_EQ(scratch.query("SELECT count(*) FROM sboms s WHERE components <> (SELECT count(*) - 1 FROM components c "
                            "WHERE c.sbom_id = s.id) OR dependencies <> (SELECT count(*) FROM dependency_edges e "
                            "WHERE e.sbom_id = s.id)"),
              "0");
    EXPECT_EQ(scratch.query("SELECT count(*) FROM components c LEFT JOIN sboms s ON s.id = c.sbom_id "
                            "AND s.product_id = c.product_id WHERE s.id IS NULL"),
              "0");
    // Each SBOM was evaluated in the transaction that stored it.
    EXPECT_EQ(scratch.query("SELECT count(*) FROM sboms WHERE evaluated_at IS NULL"), "0");
  }
  EXPECT_GE(interrupted, 3) << "the kills came too late to interrupt anything";
  // Every file ingests whole afterwards; those already stored are not stored twice.
  for (int round = 1; round < kRounds; ++round) ASSERT_TRUE(run_cradle(round_arguments(round), {}));
  EXPECT_EQ(sboms(), std::size_t{kRounds * kPerRound});
  EXPECT_EQ(scratch.query("SELECT count(*) FROM components"), std::to_string(kRounds * kPerRound * (kComponents + 1)));
  fs::remove_all(files);
}

}  // namespace
}  // namespace cradle
