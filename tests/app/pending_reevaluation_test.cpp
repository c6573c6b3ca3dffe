// A re-evaluation lost to a crash is owed, not lost (issue 28): `cradle db update` and
// `cradle ingest VEX` killed right after their evidence committed, before the re-evaluation (the
// process stops itself there with CRADLE_CRASH_AT), leave the re-evaluation recorded; the next
// command that stores advisories or VEX, even one that changes nothing, does it; `db status`
// says it is owed meanwhile. On both engines.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "store/scratch_store.h"
#include "shared_data.h"

namespace cradle {
namespace {

namespace fs = std::filesystem;


struct CommandRun {
  int status = -1;
  std::string output;  // standard output and error
};

class PendingReevaluationTest : public testing::EngineTest {
 protected:
  // `cradle ARGS --db STORE` in the project's root, with `environment` before it.
  CommandRun cradle(const std::string& args, const std::string& environment = "") {
    const std::string command = "cd '" + testing::project_root().string() + "' && " + environment + " " +
                                std::string(CRADLE_BINARY) + " " + args + " --db '" +
                                scratch_->location() + "' 2>&1";
    CommandRun run;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return run;
    std::array<char, 4096> buffer{};
    for (std::size_t n; (n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0;) run.output.append(buffer.data(), n);
    const int status = pclose(pipe);
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
  }
  std::string count(const std::string& table_and_condition) {
    return scratch_->query("SELECT count(*) FROM " + table_and_condition);
  }
};

INSTANTIATE_TEST_SUITE_P(Engines, PendingReevaluationTest,
                         ::testing::Values(testing::Engine::sqlite, testing::Engine::postgresql),
                         testing::engine_name);

TEST_P(PendingReevaluationTest, AnAdvisoryUpdateKilledBeforeItsReevaluationIsFinishedByTheNext) {
  store_.reset();  // the commands below open the store themselves
  ASSERT_EQ(cradle("ingest examples/webapp.cdx.json").status, 0);
  ASSERT_EQ(count("events WHERE kind = 'new_finding'"), "0");

  const CommandRun killed = cradle("db update --from examples/osv", "CRADLE_CRASH_AT=advisories-committed");
  ASSERT_EQ(killed.status, 86) << killed.output;
  // The advisories are stored; the findings they call for are not, and the store says so.
  EXPECT_EQ(count("advisories"), "4");
  EXPECT_EQ(count("events WHERE kind = 'new_finding'"), "0");
  EXPECT_EQ(count("pending_reevaluations"), "1");
  const CommandRun status = cradle("db status");
  EXPECT_NE(status.output.find("re-evaluation owed since"), std::string::npos) << status.output;
  EXPECT_NE(status.output.find("advisories examples/osv"), std::string::npos) << status.output;

  // The same records again change nothing, yet the owed re-evaluation is done.
  const CommandRun again = cradle("db update --from examples/osv");
  ASSERT_EQ(again.status, 0) << again.output;
  EXPECT_NE(again.output.find("4 unchanged"), std::string::npos) << again.output;
  EXPECT_NE(again.output.find("1 product version re-evaluated: 4 new findings"), std::string::npos)
      << again.output;
  EXPECT_EQ(count("events WHERE kind = 'new_finding' AND cause = 'advisories examples/osv'"), "4");
  EXPECT_EQ(count("pending_reevaluations"), "0");
  EXPECT_EQ(cradle("db status").output.find("re-evaluation owed"), std::string::npos);
}

TEST_P(PendingReevaluationTest, AVexIngestKilledBeforeItsReevaluationIsFinishedByTheNext) {
  store_.reset();
  ASSERT_EQ(cradle("ingest examples/osv examples/webapp.cdx.json").status, 0);
  const std::string affected_before = count("findings WHERE verdict = 'affected' AND suppressed = 0");

  const CommandRun killed = cradle("ingest examples/webapp.openvex.json", "CRADLE_CRASH_AT=vex-committed");
  ASSERT_EQ(killed.status, 86) << killed.output;
  EXPECT_EQ(count("vex_statements"), "2");
  EXPECT_EQ(count("events WHERE kind = 'status_changed'"), "0");
  EXPECT_EQ(count("pending_reevaluations"), "1");

  // The document again is "already stored", and what it owed is done.
  const CommandRun again = cradle("ingest examples/webapp.openvex.json");
  ASSERT_EQ(again.status, 0) << again.output;
  EXPECT_NE(again.output.find("already stored"), std::string::npos) << again.output;
  EXPECT_NE(again.output.find("status change"), std::string::npos) << again.output;
  EXPECT_NE(count("events WHERE kind = 'status_changed' AND cause LIKE 'vex %'"), "0");
  EXPECT_NE(count("findings WHERE verdict = 'affected' AND suppressed = 0"), affected_before);
  EXPECT_EQ(count("pending_reevaluations"), "0");
}

TEST_P(PendingReevaluationTest, ReevaluateFinishesWhatIsOwed) {
  store_.reset();
  ASSERT_EQ(cradle("ingest examples/webapp.cdx.json").status, 0);
  ASSERT_EQ(cradle("db update --from examples/osv", "CRADLE_CRASH_AT=advisories-committed").status, 86);
  const CommandRun reevaluated = cradle("reevaluate");
  EXPECT_EQ(reevaluated.status, 0) << reevaluated.output;
  EXPECT_NE(reevaluated.output.find("re-evaluations owed: 1 product version re-evaluated: 4 new findings"),
            std::string::npos)
      << reevaluated.output;
  EXPECT_EQ(count("events WHERE kind = 'new_finding' AND cause = 'advisories examples/osv'"), "4");
  EXPECT_EQ(count("pending_reevaluations"), "0");
}

// A worker killed there too: its job, run again once its lease is over, finds the records
// unchanged and still does the re-evaluation owed.
TEST_P(PendingReevaluationTest, AWorkerKilledBeforeItsReevaluationLeavesItToTheJobsRerun) {
  store_.reset();
  ASSERT_EQ(cradle("ingest examples/webapp.cdx.json").status, 0);
  ASSERT_EQ(cradle("db update --queue --from examples/osv").status, 0);
  const CommandRun killed =
      cradle("worker --exit-when-idle --name w1", "CRADLE_CRASH_AT=advisories-committed");
  ASSERT_EQ(killed.status, 86) << killed.output;
  EXPECT_EQ(count("pending_reevaluations"), "1");
  EXPECT_EQ(count("jobs WHERE state = 'running'"), "1");
  // The dead worker's claim is older than the lease now.
  ASSERT_TRUE(scratch_->execute("UPDATE jobs SET claimed_at = '2000-01-01T00:00:00Z'"));
  const CommandRun rerun = cradle("worker --exit-when-idle --name w2 --lease 60");
  ASSERT_EQ(rerun.status, 0) << rerun.output;
  EXPECT_NE(rerun.output.find("4 unchanged, 0 rejected; 1 product version re-evaluated: 4 new findings"),
            std::string::npos)
      << rerun.output;
  EXPECT_EQ(count("pending_reevaluations"), "0");
  EXPECT_EQ(count("jobs WHERE state = 'done'"), "1");
}

}  // namespace
}  // namespace cradle
