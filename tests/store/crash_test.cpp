// Crash safety: `cradle db update` killed with SIGKILL at random moments, again and again, on
// both engines. Each source is one transaction, so after every kill the store holds what was
// committed before (nothing lost) and either none or all of the interrupted source (nothing
// half-written), and it passes its engine's consistency checks.
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

// Runs `cradle db update --from source --db store`; kills it after `delay` unless it is zero.
// Returns true when it ran to completion.
bool run_update(const std::string& source, const std::string& store, std::chrono::milliseconds delay) {
  const pid_t child = fork();
  if (child == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    execl(CRADLE_BINARY, CRADLE_BINARY, "db", "update", "--from", source.c_str(), "--db", store.c_str(),
          static_cast<char*>(nullptr));
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

}  // namespace
}  // namespace cradle
