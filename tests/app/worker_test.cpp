// The job queue and `cradle worker`: jobs run and finish once, failures are recorded, and on
// PostgreSQL three worker processes share 1,000 jobs, each job claimed and run exactly once.
#include "app/jobs.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "app/ingest.h"
#include "store/scratch_store.h"
#include "shared_data.h"

namespace cradle {
namespace {

namespace fs = std::filesystem;

// One directory per job, each with one OSV record WORK-n.
std::vector<std::string> job_sources(const fs::path& root, int count) {
  std::vector<std::string> out;
  for (int i = 0; i < count; ++i) {
    const fs::path dir = root / std::to_string(i);
    fs::create_directories(dir);
    std::ofstream(dir / "record.json") << R"({"id": "WORK-)" << i
                                       << R"(", "modified": "2024-01-01T00:00:00Z", "affected": [{"package": )"
                                       << R"({"ecosystem": "npm", "name": "w)" << i
                                       << R"("}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}]}]}]})";
    out.push_back(dir.string());
  }
  return out;
}

class WorkerTest : public testing::EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    files_ = fs::temp_directory_path() / ("cradle-worker-" + std::to_string(getpid()) +
                                          (GetParam() == testing::Engine::sqlite ? "-s" : "-p"));
    fs::remove_all(files_);
  }
  void TearDown() override {
    EngineTest::TearDown();
    fs::remove_all(files_);
  }

  fs::path files_;
};

INSTANTIATE_TEST_SUITE_P(Engines, WorkerTest,
                         ::testing::Values(testing::Engine::sqlite, testing::Engine::postgresql),
                         testing::engine_name);

TEST_P(WorkerTest, RunsEachQueuedJobAndRecordsFailures) {
  for (const std::string& source : job_sources(files_, 3)) ASSERT_TRUE(store_->enqueue_job(kAdvisoryUpdateJob, source));
  ASSERT_TRUE(store_->enqueue_job(kAdvisoryUpdateJob, (files_ / "missing").string()));
  ASSERT_TRUE(store_->enqueue_job("reticulate-splines", "x"));
  EXPECT_EQ(store_->job_counts()->queued, 5u);

  std::vector<std::string> lines;
  WorkerOptions options;
  options.name = "test-worker";
  options.exit_when_idle = true;
  options.on_finished = [&](const Job& job, const JobResult& result) {
    EXPECT_EQ(job.attempts, 1);
    lines.push_back((result.succeeded ? "ok " : "failed ") + result.line);
  };
  auto report = work(*store_, options);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->done, 3u);
  EXPECT_EQ(report->failed, 2u);
  const JobCounts counts = *store_->job_counts();
  EXPECT_EQ(counts.done, 3u);
  EXPECT_EQ(counts.failed, 2u);
  EXPECT_EQ(counts.queued + counts.running, 0u);
  EXPECT_EQ(store_->advisory_counts()->advisories, 3u);
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0],
            "ok 1 record: 1 added, 0 replaced, 0 unchanged, 0 rejected; 0 product versions "
            "re-evaluated: 0 new findings, 0 resolved, 0 status changes");
  EXPECT_NE(lines[4].find("unknown job kind 'reticulate-splines'"), std::string::npos);
  EXPECT_EQ(scratch_->query("SELECT claimed_by FROM jobs WHERE id = 1"), "test-worker");
  // Nothing left: another worker finds no work.
  EXPECT_EQ(work(*store_, options)->done, 0u);
}

// A queued document that does not ingest fails its job, and the job keeps the whole outcome:
// every problem with its location, not only the line a worker prints.
TEST_P(WorkerTest, AFailedIngestJobKeepsItsStructuredOutcome) {
  const std::string file = (fs::path(CRADLE_TEST_DATA_DIR) / "queue/wrong-type.cdx.json").string();
  auto queued = queue_ingest(*store_, file, "portal@1");
  ASSERT_TRUE(queued) << queued.error().message;
  WorkerOptions options;
  options.name = "w";
  options.exit_when_idle = true;
  JobResult result;
  options.on_finished = [&](const Job&, const JobResult& finished) { result = finished; };
  auto report = work(*store_, options);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->failed, 1u);
  EXPECT_FALSE(result.succeeded);
  EXPECT_NE(result.line.find("/components/0/bom-ref: error: expected a string"), std::string::npos)
      << result.line;
  const auto outcome = nlohmann::json::parse(scratch_->query("SELECT outcome FROM jobs"));
  EXPECT_EQ(outcome["source"], file);
  EXPECT_EQ(outcome["failed"], true);
  // Read with an error, the SBOM is still stored (the error is what fails the job).
  EXPECT_EQ(outcome["stored"]["type"], "sbom");
  EXPECT_EQ(outcome["stored"]["product"], "portal");
  ASSERT_EQ(outcome["diagnostics"].size(), 1u);
  EXPECT_EQ(outcome["diagnostics"][0]["severity"], "error");
  EXPECT_EQ(outcome["diagnostics"][0]["pointer"], "/components/0/bom-ref");
  EXPECT_EQ(outcome["diagnostics"][0]["file"], file);
  EXPECT_EQ(result.outcome, scratch_->query("SELECT outcome FROM jobs"));
}

// A job that succeeded keeps its line only.
TEST_P(WorkerTest, ADoneJobKeepsNoOutcome) {
  for (const std::string& source : job_sources(files_, 1)) ASSERT_TRUE(store_->enqueue_job(kAdvisoryUpdateJob, source));
  WorkerOptions options;
  options.name = "w";
  options.exit_when_idle = true;
  ASSERT_EQ(work(*store_, options)->done, 1u);
  EXPECT_EQ(scratch_->query("SELECT count(*) FROM jobs WHERE outcome IS NULL AND result LIKE '1 record:%'"), "1");
}

TEST_P(WorkerTest, AJobAbandonedByADeadWorkerIsRunAgainAfterItsLease) {
  for (const std::string& source : job_sources(files_, 1)) ASSERT_TRUE(store_->enqueue_job(kAdvisoryUpdateJob, source));
  // A worker claims the job and dies before finishing it.
  auto claimed = store_->claim_job("dead-worker");
  ASSERT_TRUE(claimed && *claimed);
  EXPECT_EQ((*claimed)->attempts, 1);
  WorkerOptions options;
  options.name = "live-worker";
  options.exit_when_idle = true;
  // Within the lease the job is left alone.
  options.lease_seconds = 3600;
  auto within = work(*store_, options);
  ASSERT_TRUE(within) << within.error().message;
  EXPECT_EQ(within->done, 0u);
  EXPECT_EQ(store_->job_counts()->running, 1u);
  // Its claim made old: the lease is over and the job runs again, once more.
  ASSERT_TRUE(scratch_->execute("UPDATE jobs SET claimed_at = '2000-01-01T00:00:00Z'"));
  int attempts = 0;
  options.on_finished = [&](const Job& job, const JobResult&) { attempts = job.attempts; };
  auto after = work(*store_, options);
  ASSERT_TRUE(after) << after.error().message;
  EXPECT_EQ(after->done, 1u);
  EXPECT_EQ(attempts, 2);
  EXPECT_EQ(store_->job_counts()->done, 1u);
  EXPECT_EQ(scratch_->query("SELECT claimed_by FROM jobs"), "live-worker");
}

// Several workers share a PostgreSQL store (SQLite serves one machine).
class SharedQueueTest : public WorkerTest {};

INSTANTIATE_TEST_SUITE_P(Engines, SharedQueueTest, ::testing::Values(testing::Engine::postgresql),
                         testing::engine_name);

// Transactions take turns (Store::begin), but opening the store and queueing a document take
// none: a CI pipeline's `ingest --queue` does not wait for a worker's long import.
TEST_P(SharedQueueTest, QueueingDoesNotWaitForAnOpenTransaction) {
  const fs::path root = testing::project_root();
  fs::create_directories(files_);
  ASSERT_TRUE(store_->begin());  // another writer's turn, held until the queueing is over
  const std::string command = "timeout 30 " + std::string(CRADLE_BINARY) + " ingest --queue " +
                              (root / "examples/webapp.cdx.json").string() + " --db '" +
                              scratch_->location() + "' > " + (files_ / "queue.out").string() +
                              " 2>&1";
  const int status = std::system(command.c_str());
  ASSERT_TRUE(store_->commit());
  std::ifstream out(files_ / "queue.out");
  const std::string said{std::istreambuf_iterator<char>(out), std::istreambuf_iterator<char>()};
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << said;
  EXPECT_NE(said.find("queued job 1: ingest"), std::string::npos) << said;
  EXPECT_EQ(store_->job_counts()->queued, 1u);
}

TEST_P(SharedQueueTest, ThreeWorkerProcessesShareAThousandJobsEachRunOnce) {
  const auto sources = job_sources(files_, 1000);
  for (const std::string& source : sources) ASSERT_TRUE(store_->enqueue_job(kAdvisoryUpdateJob, source));

  std::vector<pid_t> workers;
  for (int i = 0; i < 3; ++i) {
    const std::string name = "worker-" + std::to_string(i);
    const pid_t child = fork();
    if (child == 0) {
      const std::string log = (files_ / (name + ".log")).string();
      FILE* out = std::freopen(log.c_str(), "w", stdout);
      (void)out;
      execl(CRADLE_BINARY, CRADLE_BINARY, "worker", "--db", scratch_->location().c_str(), "--name", name.c_str(),
            "--exit-when-idle", static_cast<char*>(nullptr));
      _exit(127);
    }
    workers.push_back(child);
  }
  for (pid_t worker : workers) {
    int status = 0;
    waitpid(worker, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  const JobCounts counts = *store_->job_counts();
  EXPECT_EQ(counts.done, 1000u);
  EXPECT_EQ(counts.failed + counts.queued + counts.running, 0u);
  EXPECT_EQ(scratch_->query("SELECT count(*) FROM jobs WHERE attempts <> 1"), "0");
  EXPECT_EQ(store_->advisory_counts()->advisories, 1000u);
  // Each worker's own account adds up to the thousand, and all three took part.
  std::size_t reported = 0;
  for (int i = 0; i < 3; ++i) {
    std::ifstream log(files_ / ("worker-" + std::to_string(i) + ".log"));
    std::string line;
    std::size_t lines = 0;
    while (std::getline(log, line)) lines += line.starts_with("job ") ? 1 : 0;
    EXPECT_GT(lines, 0u) << "worker " << i << " ran no job";
    reported += lines;
  }
  EXPECT_EQ(reported, 1000u);
  EXPECT_EQ(scratch_->query("SELECT count(DISTINCT claimed_by) FROM jobs"), "3");
}

}  // namespace
}  // namespace cradle
