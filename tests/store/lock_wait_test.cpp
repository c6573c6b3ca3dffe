// A SQLite store another process holds locked: a write waits --lock-timeout, then fails as busy
// naming the process that holds the lock; the command line exits 5; a worker waits and goes on.
#include "store/lock_wait.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <string>
#include <thread>

#include "app/jobs.h"
#include "store/scratch_store.h"
#include "store/store.h"

namespace cradle {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// A child process that holds the store's write lock until release() (or its destruction).
class LockHolder {
 public:
  explicit LockHolder(const std::string& path) {
    int locked[2], release[2];
    EXPECT_EQ(pipe(locked), 0);
    EXPECT_EQ(pipe(release), 0);
    pid_ = fork();
    if (pid_ == 0) {
      sqlite3* db = nullptr;
      sqlite3_open(path.c_str(), &db);
      const bool held = sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK;
      char byte = held ? 'y' : 'n';
      (void)!write(locked[1], &byte, 1);
      (void)!read(release[0], &byte, 1);
      sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
      sqlite3_close(db);
      _exit(0);
    }
    close(locked[1]);
    close(release[0]);
    release_ = release[1];
    char byte = 0;
    EXPECT_EQ(read(locked[0], &byte, 1), 1);
    EXPECT_EQ(byte, 'y') << "the child could not take the lock";
    close(locked[0]);
  }
  ~LockHolder() { release(); }
  LockHolder(const LockHolder&) = delete;
  LockHolder& operator=(const LockHolder&) = delete;

  void release() {
    if (pid_ <= 0) return;
    (void)!write(release_, "x", 1);
    close(release_);
    waitpid(pid_, nullptr, 0);
    pid_ = 0;
  }
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = 0;
  int release_ = -1;
};

class LockWaitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("cradle-lock-test-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "s.db").string();
    ASSERT_TRUE(open_store(path_, OpenMode::read_write));  // created and migrated
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_;
  std::string path_;
};

TEST_F(LockWaitTest, AWriteWaitsItsTimeoutThenIsBusyAndNamesTheHolder) {
  LockHolder holder(path_);
  auto store = open_store(path_, OpenMode::read_write, StoreOptions{200ms});
  ASSERT_TRUE(store) << store.error().message;
  const auto started = std::chrono::steady_clock::now();
  auto put = (*store)->put_product(Product{"p", {}, ""});
  const auto waited = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(put);
  EXPECT_EQ(put.error().code, ErrorCode::busy);
  EXPECT_GE(waited, 200ms);
  const std::string message = put.error().message;
  EXPECT_NE(message.find(fmt::format("another writer, process {} (", holder.pid())),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("cradle_tests"), std::string::npos) << message;
  EXPECT_NE(message.find("beyond the lock timeout (--lock-timeout)"), std::string::npos);
  EXPECT_TRUE(lock_wait_ran_out());
  holder.release();
  EXPECT_TRUE((*store)->put_product(Product{"p", {}, ""}));
}

TEST(ProcessCommand, ShowsAProcessWithoutTheCredentialsOfItsArguments) {
  // The holder of a lock is named by its command line, which may carry a store's password or a
  // source's token.
  const pid_t child = fork();
  if (child == 0) {
    execl("/bin/sh", "sh", "-c", "sleep 5; true", "--db=postgresql://u:s3cret@db/x",
          "https://t0ken-s3cret@example.com/all.zip", static_cast<char*>(nullptr));
    _exit(127);
  }
  std::string command;
  for (int i = 0; i < 100 && command.find("example.com") == std::string::npos; ++i) {
    std::this_thread::sleep_for(10ms);
    command = process_command(child);
  }
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
  EXPECT_EQ(command,
            "sh -c sleep 5; true --db=postgresql://u:***@db/x https://***@example.com/all.zip");
}

TEST_F(LockWaitTest, TheCommandLineExitsFiveNotTwo) {
  LockHolder holder(path_);
  const std::string command =
      fmt::format("{} product add p --exposure internal --db {} --lock-timeout 0.2 2> {}",
                  CRADLE_BINARY, path_, (dir_ / "err").string());
  const int status = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 5);
  holder.release();
  EXPECT_EQ(
      WEXITSTATUS(std::system((command.substr(0, command.find(" 2>")) + " > /dev/null").c_str())),
      0);
}

TEST_F(LockWaitTest, AWorkerWaitsForTheLockInsteadOfExiting) {
  auto store = open_store(path_, OpenMode::read_write, StoreOptions{100ms});
  ASSERT_TRUE(store);
  auto holder = std::make_unique<LockHolder>(path_);
  std::thread releaser([&] {
    std::this_thread::sleep_for(1500ms);
    holder->release();
  });
  WorkerOptions options;
  options.name = "w";
  options.exit_when_idle = true;
  int waits = 0;
  options.on_waiting = [&](const Error& error, std::chrono::seconds) {
    EXPECT_EQ(error.code, ErrorCode::busy);
    ++waits;
  };
  auto report = work(**store, options);
  releaser.join();
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_GE(waits, 1);
}

// On both engines: a writer waits for another writer's transaction (a long ingest) instead of
// failing, and fails as busy only beyond its lock timeout.
class EngineLockWaitTest : public testing::EngineTest {};
INSTANTIATE_TEST_SUITE_P(Engines, EngineLockWaitTest,
                         ::testing::Values(testing::Engine::sqlite, testing::Engine::postgresql),
                         testing::engine_name);

TEST_P(EngineLockWaitTest, AWriterWaitsForALongTransactionAndIsBusyOnlyBeyondItsTimeout) {
  ASSERT_TRUE(store_->begin());  // the long ingest
  auto impatient = open_store(scratch_->location(), OpenMode::read_write, StoreOptions{200ms});
  ASSERT_TRUE(impatient) << impatient.error().message;
  // A write in a transaction of its own, as ingest, db update and assess write.
  const auto write = [](Store& store) {
    return in_transaction(store, [&] { return store.put_product(Product{"p", {}, ""}); });
  };
  auto refused = write(**impatient);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::busy) << refused.error().message;
  EXPECT_NE(refused.error().message.find("lock timeout (--lock-timeout)"), std::string::npos)
      << refused.error().message;
  if (GetParam() == testing::Engine::postgresql) {
    // The session holding the write lock, by its backend and the command that opened it.
    EXPECT_NE(refused.error().message.find("(the write lock is held by backend "),
              std::string::npos)
        << refused.error().message;
    EXPECT_NE(refused.error().message.find("cradle_tests"), std::string::npos)
        << refused.error().message;
  }

  auto patient = open_store(scratch_->location(), OpenMode::read_write, StoreOptions{30s});
  ASSERT_TRUE(patient);
  std::thread ingest_ends([&] {
    std::this_thread::sleep_for(1s);
    EXPECT_TRUE(store_->commit());
  });
  const auto started = std::chrono::steady_clock::now();
  auto put = write(**patient);
  const auto waited = std::chrono::steady_clock::now() - started;
  ingest_ends.join();
  EXPECT_TRUE(put) << put.error().message;
  EXPECT_GE(waited, 900ms);
}

TEST_F(LockWaitTest, AStoreWhoseCreationWasCutShortIsCompletedByTheNextWriter) {
  // What a kill between the file's creation and the schema's commit leaves: a WAL database with
  // no table.
  const std::string cut = (dir_ / "cut.db").string();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(cut.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA journal_mode = WAL", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto reader = open_store(cut, OpenMode::read_only);
  ASSERT_FALSE(reader);
  EXPECT_NE(reader.error().message.find("holds no cradle schema yet"), std::string::npos)
      << reader.error().message;
  ASSERT_TRUE(open_store(cut, OpenMode::read_write));
  auto reopened = open_store(cut, OpenMode::read_only);
  ASSERT_TRUE(reopened) << reopened.error().message;
  EXPECT_TRUE((*reopened)->products());
}

}  // namespace
}  // namespace cradle
