// A fresh, empty store for one test, on either engine, removed afterwards: a SQLite file in a
// temporary directory, or a database created for the test on the PostgreSQL server that
// $CRADLE_TEST_POSTGRES names (scripts/test.sh starts a throwaway cluster and sets it). Tests on
// PostgreSQL skip, saying so, when it is not set.
#pragma once

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "store/store.h"

namespace cradle::testing {

enum class Engine { sqlite, postgresql };

inline std::string engine_name(const ::testing::TestParamInfo<Engine>& info) {
  return info.param == Engine::sqlite ? "SQLite" : "PostgreSQL";
}

inline const char* postgres_admin_url() {
  const char* url = std::getenv("CRADLE_TEST_POSTGRES");
  return url != nullptr && *url != '\0' ? url : nullptr;
}

// Runs one SQL command on the database at `url` (PostgreSQL); false on failure.
inline bool postgres_command(const std::string& url, const std::string& sql) {
  PGconn* connection = PQconnectdb(url.c_str());
  bool ok = PQstatus(connection) == CONNECTION_OK;
  if (ok) {
    PGresult* result = PQexec(connection, sql.c_str());
    ok = PQresultStatus(result) == PGRES_COMMAND_OK || PQresultStatus(result) == PGRES_TUPLES_OK;
    if (!ok) ADD_FAILURE() << sql << ": " << PQresultErrorMessage(result);
    PQclear(result);
  } else {
    ADD_FAILURE() << "cannot connect to " << url << ": " << PQerrorMessage(connection);
  }
  PQfinish(connection);
  return ok;
}

// The URL of database `name` on the same server as `url` (postgresql://authority/db?query).
inline std::string with_database(const std::string& url, const std::string& name) {
  const std::size_t authority = url.find("://") + 3;
  const std::size_t path = url.find('/', authority);
  const std::size_t query = url.find('?', authority);
  const std::string base = url.substr(0, path == std::string::npos ? query : path);
  return base + "/" + name + (query == std::string::npos ? "" : url.substr(query));
}

class ScratchStore {
 public:
  ScratchStore(Engine engine, const std::string& label) : engine_(engine) {
    static std::atomic<int> counter{0};
    const std::string unique = "cradle_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
    if (engine == Engine::sqlite) {
      directory_ = std::filesystem::temp_directory_path() / (unique + "_" + label);
      std::filesystem::remove_all(directory_);
      location_ = (directory_ / "nested" / "cradle.db").string();
      return;
    }
    const char* admin = postgres_admin_url();
    if (admin == nullptr) return;
    configured_ = true;
    admin_ = admin;
    database_ = unique;
    if (postgres_command(admin_, "CREATE DATABASE " + database_)) location_ = with_database(admin_, database_);
  }
  ~ScratchStore() {
    if (engine_ == Engine::sqlite) {
      std::filesystem::remove_all(directory_);
    } else if (!location_.empty()) {
      postgres_command(admin_, "DROP DATABASE IF EXISTS " + database_ + " WITH (FORCE)");
    }
  }
  ScratchStore(const ScratchStore&) = delete;
  ScratchStore& operator=(const ScratchStore&) = delete;

  // Empty when the engine is not available here: PostgreSQL without CRADLE_TEST_POSTGRES, or
  // with one where the scratch database could not be created (then `configured()`).
  const std::string& location() const { return location_; }
  bool configured() const { return configured_; }
  Engine engine() const { return engine_; }
  const std::filesystem::path& directory() const { return directory_; }

  // Runs SQL on the store's database directly (for tests that tamper with it or check it).
  bool execute(const std::string& sql) const;
  // The first column of the first row of a query, as text ("" when there is none).
  std::string query(const std::string& sql) const;

 private:
  Engine engine_;
  bool configured_ = false;
  std::string location_;
  std::filesystem::path directory_;
  std::string admin_;
  std::string database_;
};

inline bool ScratchStore::execute(const std::string& sql) const {
  if (engine_ == Engine::postgresql) return postgres_command(location_, sql);
  sqlite3* db = nullptr;
  bool ok = sqlite3_open(location_.c_str(), &db) == SQLITE_OK &&
            sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
  if (!ok) ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db);
  sqlite3_close(db);
  return ok;
}

inline std::string ScratchStore::query(const std::string& sql) const {
  std::string out;
  if (engine_ == Engine::postgresql) {
    PGconn* connection = PQconnectdb(location_.c_str());
    PGresult* result = PQexec(connection, sql.c_str());
    if (PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) > 0) out = PQgetvalue(result, 0, 0);
    else ADD_FAILURE() << sql << ": " << PQresultErrorMessage(result);
    PQclear(result);
    PQfinish(connection);
    return out;
  }
  sqlite3* db = nullptr;
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_open(location_.c_str(), &db) == SQLITE_OK &&
      sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK && sqlite3_step(statement) == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(statement, 0);
    out = text ? reinterpret_cast<const char*>(text) : "";
  } else {
    ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db);
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return out;
}

// A test on each engine with a fresh store opened for writing (skipped, saying why, when the
// engine is not available here).
class EngineTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override;
  void TearDown() override {
    store_.reset();
    scratch_.reset();
  }

  std::unique_ptr<ScratchStore> scratch_;
  std::unique_ptr<Store> store_;
};

}  // namespace cradle::testing

#define CRADLE_REQUIRE_ENGINE(scratch)                                                        \
  do {                                                                                        \
    if ((scratch).location().empty() && (scratch).configured()) {                             \
      FAIL() << "the PostgreSQL server CRADLE_TEST_POSTGRES names is not usable";             \
    }                                                                                         \
    if ((scratch).location().empty()) {                                                       \
      GTEST_SKIP() << "no PostgreSQL server: set CRADLE_TEST_POSTGRES to a libpq URL of one " \
                      "where the test may create databases (scripts/test.sh starts one)";     \
    }                                                                                         \
  } while (false)

inline void cradle::testing::EngineTest::SetUp() {
  scratch_ = std::make_unique<ScratchStore>(GetParam(), "engine");
  CRADLE_REQUIRE_ENGINE(*scratch_);
  auto opened = open_store(scratch_->location(), OpenMode::read_write);
  ASSERT_TRUE(opened) << opened.error().message;
  store_ = std::move(*opened);
}
