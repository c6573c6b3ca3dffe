#include "store/sqlite_connection.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <limits>
#include <memory>
#include <unordered_map>
#include <utility>

#include "store/lock_wait.h"

namespace cradle {
namespace {

Error store_error(sqlite3* db, std::string_view what) {
  const int code = sqlite3_errcode(db) & 0xff;
  if (code != SQLITE_BUSY && code != SQLITE_LOCKED) {
    return Error{ErrorCode::io, fmt::format("store: {}: {}", what, sqlite3_errmsg(db)), {}};
  }
  note_lock_wait_ran_out();
  const char* file = sqlite3_db_filename(db, "main");
  const std::string holder = file != nullptr && *file != '\0' ? sqlite_lock_holder(file) : "";
  return Error{ErrorCode::busy,
               fmt::format("store: {}: another writer{} held the store's lock beyond the lock "
                           "timeout (--lock-timeout)",
                           what, holder.empty() ? "" : ", " + holder + ","),
               {}};
}

// Statement texts are written in SQLite's spelling; only the tokens need filling in.
std::string sqlite_text(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  for (std::size_t at = 0; at < sql.size();) {
    if (sql[at] != '{') {
      out += sql[at++];
      continue;
    }
    const std::size_t end = sql.find('}', at);
    const std::string_view token = sql.substr(at + 1, end - at - 1);
    const std::size_t colon = token.find(':');
    const std::string_view name = token.substr(0, colon);
    if (name == "json_rows" || name == "json_texts") {
      out += fmt::format("json_each(?{})", token.substr(colon + 1));
    } else if (name == "strpos") {
      out += "instr";
    }  // {by_bytes} and {skip_locked} are SQLite's defaults: nothing to write
    at = end + 1;
  }
  return out;
}

class SqliteRow final : public SqlRow {
 public:
  explicit SqliteRow(sqlite3_stmt* statement) : statement_(statement) {}

  std::string text(int column) const override { return bytes(column); }
  std::string bytes(int column) const override {
    const void* data = sqlite3_column_blob(statement_, column);
    return data ? std::string(static_cast<const char*>(data),
                              static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)))
                : std::string();
  }
  std::int64_t integer(int column) const override {
    return sqlite3_column_int64(statement_, column);
  }
  std::optional<double> real(int column) const override {
    if (is_null(column)) return std::nullopt;
    return sqlite3_column_double(statement_, column);
  }
  bool is_null(int column) const override {
    return sqlite3_column_type(statement_, column) == SQLITE_NULL;
  }

 private:
  sqlite3_stmt* statement_;
};

class SqliteConnection final : public SqlConnection {
 public:
  SqliteConnection(sqlite3* db, std::string location) : db_(db), location_(std::move(location)) {}
  ~SqliteConnection() override {
    for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
    sqlite3_close(db_);
  }
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  SqlEngine engine() const override { return SqlEngine::sqlite; }
  const std::string& location() const override { return location_; }
  bool claims_need_transaction() const override { return true; }

  std::expected<void, Error> exec(std::string_view what, std::string_view sql) override {
    if (sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
      return std::unexpected(store_error(db_, what));
    }
    return {};
  }

  std::expected<std::size_t, Error> execute(std::string_view what, std::string_view sql,
                                            std::span<const SqlValue> parameters,
                                            const SqlRowVisitor& visit) override {
    auto statement = prepare(sql);
    if (!statement) return std::unexpected(statement.error());
    Lease lease(*statement);
    for (std::size_t i = 0; i < parameters.size(); ++i)
      bind(*statement, static_cast<int>(i + 1), parameters[i]);
    std::size_t rows = 0;
    int status;
    const SqliteRow row(*statement);
    while ((status = sqlite3_step(*statement)) == SQLITE_ROW) {
      ++rows;
      if (visit) visit(row);
    }
    if (status != SQLITE_DONE) return std::unexpected(store_error(db_, what));
    return rows;
  }

  std::expected<void, Error> insert_rows(
      std::string_view what, const SqlBulkInsert& insert, std::size_t count,
      const std::function<void(std::size_t, std::vector<SqlValue>&)>& fill) override {
    if (count == 0) return {};
    auto statement = prepare(insert_sql(insert));
    if (!statement) return std::unexpected(statement.error());
    std::vector<SqlValue> cells;
    for (std::size_t row = 0; row < count; ++row) {
      Lease lease(*statement);
      cells.clear();
      fill(row, cells);
      for (std::size_t i = 0; i < cells.size(); ++i)
        bind(*statement, static_cast<int>(i + 1), cells[i]);
      if (sqlite3_step(*statement) != SQLITE_DONE) return std::unexpected(store_error(db_, what));
    }
    return {};
  }

  std::expected<void, Error> begin() override { return exec("begin", "BEGIN IMMEDIATE"); }
  std::expected<void, Error> commit() override { return exec("commit", "COMMIT"); }
  void rollback() override {
    if (!sqlite3_get_autocommit(db_)) (void)exec("rollback", "ROLLBACK");
  }

 private:
  // A cached statement in use, reset when the use ends: no finished-looking read keeps its
  // snapshot open (in WAL mode an open read snapshot makes a later write fail with BUSY).
  class Lease {
   public:
    explicit Lease(sqlite3_stmt* statement) : statement_(statement) {}
    ~Lease() {
      sqlite3_reset(statement_);
      sqlite3_clear_bindings(statement_);
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;

   private:
    sqlite3_stmt* statement_;
  };

  // One row's INSERT of the spec, written once per spec.
  const std::string& insert_sql(const SqlBulkInsert& insert) {
    std::string key = insert.key();
    auto it = insert_sql_.find(key);
    if (it != insert_sql_.end()) return it->second;
    const std::vector<SqlBulkInsert::Column> columns = insert.column_list();
    std::string sql = fmt::format("INSERT INTO {} (", insert.table);
    for (std::size_t i = 0; i < columns.size(); ++i) {
      sql += fmt::format("{}{}", i ? ", " : "", columns[i].name);
    }
    sql += ") VALUES (";
    for (std::size_t i = 0; i < columns.size(); ++i) sql += i ? ", ?" : "?";
    sql += ")";
    if (!insert.on_conflict.empty()) sql += fmt::format(" ON CONFLICT {}", insert.on_conflict);
    return insert_sql_.emplace(std::move(key), std::move(sql)).first->second;
  }

  static void bind(sqlite3_stmt* statement, int index, const SqlValue& value) {
    switch (value.kind()) {
      case SqlValue::Kind::null:
        sqlite3_bind_null(statement, index);
        break;
      case SqlValue::Kind::text:
        sqlite3_bind_text(statement, index, value.text().data(),
                          static_cast<int>(value.text().size()), SQLITE_TRANSIENT);
        break;
      case SqlValue::Kind::bytes:
        sqlite3_bind_blob64(statement, index, value.text().data(), value.text().size(),
                            SQLITE_TRANSIENT);
        break;
      case SqlValue::Kind::integer:
        sqlite3_bind_int64(statement, index, value.integer());
        break;
      case SqlValue::Kind::real:
        sqlite3_bind_double(statement, index, value.real());
        break;
    }
  }

  std::expected<sqlite3_stmt*, Error> prepare(std::string_view sql) {
    auto it = statements_.find(sql);
    if (it == statements_.end()) {
      const std::string text = sqlite_text(sql);
      sqlite3_stmt* statement = nullptr;
      if (sqlite3_prepare_v3(db_, text.data(), static_cast<int>(text.size()),
                             SQLITE_PREPARE_PERSISTENT, &statement, nullptr) != SQLITE_OK) {
        return std::unexpected(store_error(db_, "preparing a statement"));
      }
      it = statements_.emplace(std::string(sql), statement).first;
    }
    return it->second;
  }

  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>{}(text);
    }
  };

  sqlite3* db_;
  std::string location_;
  std::unordered_map<std::string, sqlite3_stmt*, KeyHash, std::equal_to<>> statements_;
  std::unordered_map<std::string, std::string> insert_sql_;
};

}  // namespace

std::expected<std::unique_ptr<SqlConnection>, Error> open_sqlite_connection(
    const std::string& path, OpenMode mode, const StoreOptions& options) {
  const bool in_memory = path == ":memory:";
  std::error_code error_code;
  if (mode == OpenMode::read_only && !in_memory && !std::filesystem::exists(path, error_code)) {
    return std::unexpected(Error{
        ErrorCode::io,
        fmt::format("store: {} does not exist (run `cradle db update` or `cradle ingest` first)",
                    path),
        {}});
  }
  if (mode == OpenMode::read_write && !in_memory) {
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, error_code);
    if (error_code) {
      return std::unexpected(
          Error{ErrorCode::io,
                fmt::format("store: cannot create {}: {}", parent.string(), error_code.message()),
                {}});
    }
  }
  sqlite3* db = nullptr;
  const int flags = mode == OpenMode::read_only ? SQLITE_OPEN_READONLY
                                                : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    Error error = store_error(db, fmt::format("cannot open {}", path));
    sqlite3_close(db);
    return std::unexpected(error);
  }
  auto connection = std::make_unique<SqliteConnection>(db, path);
  sqlite3_busy_timeout(db, static_cast<int>(std::min<std::int64_t>(
                              options.lock_timeout.count(), std::numeric_limits<int>::max())));
  // Pages are read through a memory map rather than copied by read(2): a scan reads
  // thousands of records.
  for (std::string_view pragma : {"PRAGMA foreign_keys = ON", "PRAGMA mmap_size = 4294967296"}) {
    if (auto set = connection->exec(pragma, pragma); !set) return std::unexpected(set.error());
  }
  if (mode == OpenMode::read_write) {
    for (std::string_view pragma : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL"}) {
      if (auto set = connection->exec(pragma, pragma); !set) return std::unexpected(set.error());
    }
  }
  return connection;
}

}  // namespace cradle
