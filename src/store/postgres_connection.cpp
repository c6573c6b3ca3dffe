#include "store/postgres_connection.h"

#include <fmt/format.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <utility>

#include "model/display_text.h"
#include "model/redacted_url.h"
#include "store/store.h"

namespace cradle {
namespace {

// The key of pg_advisory_xact_lock that every transaction takes (begin()).
constexpr long long kWriteLock = 0x637261646c66;

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

// A statement text in PostgreSQL's spelling: `?N` and `?` become `$N`, the tokens of
// store/sql_connection.h their PostgreSQL words. Quoted literals and identifiers are copied.
std::string postgres_text(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 32);
  int next = 1;
  auto skip_quoted = [&](std::size_t& at) {
    const char quote = sql[at];
    const std::size_t end = sql.find(quote, at + 1);
    const std::size_t stop = end == std::string_view::npos ? sql.size() : end + 1;
    out.append(sql.substr(at, stop - at));
    at = stop;
  };
  for (std::size_t at = 0; at < sql.size();) {
    const char c = sql[at];
    if (c == '\'' || c == '"') {
      skip_quoted(at);
    } else if (c == '?') {
      std::size_t end = at + 1;
      while (end < sql.size() && sql[end] >= '0' && sql[end] <= '9') ++end;
      if (end > at + 1) {
        int number = 0;
        std::from_chars(sql.data() + at + 1, sql.data() + end, number);
        next = std::max(next, number + 1);
        out += fmt::format("${}", sql.substr(at + 1, end - at - 1));
      } else {
        out += fmt::format("${}", next++);
      }
      at = end;
    } else if (c == '{') {
      const std::size_t end = sql.find('}', at);
      const std::string_view token = sql.substr(at + 1, end - at - 1);
      const std::size_t colon = token.find(':');
      const std::string_view name = token.substr(0, colon);
      if (name == "json_rows") {
        out += fmt::format("jsonb_array_elements(${}::jsonb)", token.substr(colon + 1));
      } else if (name == "json_texts") {
        out += fmt::format("jsonb_array_elements_text(${}::jsonb)", token.substr(colon + 1));
      } else if (name == "by_bytes") {
        out += "COLLATE \"C\"";
      } else if (name == "strpos") {
        out += "strpos";
      } else if (name == "skip_locked") {
        out += "FOR UPDATE SKIP LOCKED";
      }
      at = end + 1;
    } else {
      out += c;
      ++at;
    }
  }
  return out;
}

class PostgresRow final : public SqlRow {
 public:
  PostgresRow(const PGresult* result, int row) : result_(result), row_(row) {}

  std::string text(int column) const override {
    if (PQgetisnull(result_, row_, column)) return {};
    return std::string(PQgetvalue(result_, row_, column),
                       static_cast<std::size_t>(PQgetlength(result_, row_, column)));
  }
  std::string bytes(int column) const override {
    if (PQgetisnull(result_, row_, column)) return {};
    std::size_t length = 0;
    unsigned char* raw = PQunescapeBytea(
        reinterpret_cast<const unsigned char*>(PQgetvalue(result_, row_, column)), &length);
    if (raw == nullptr) return {};
    std::string out(reinterpret_cast<const char*>(raw), length);
    PQfreemem(raw);
    return out;
  }
  std::int64_t integer(int column) const override {
    const char* value = PQgetvalue(result_, row_, column);
    std::int64_t out = 0;
    std::from_chars(value, value + PQgetlength(result_, row_, column), out);
    return out;
  }
  std::optional<double> real(int column) const override {
    // PostgreSQL 12 and later print the shortest text that reads back to the same double.
    if (is_null(column)) return std::nullopt;
    const char* value = PQgetvalue(result_, row_, column);
    double out = 0;
    std::from_chars(value, value + PQgetlength(result_, row_, column), out);
    return out;
  }
  bool is_null(int column) const override { return PQgetisnull(result_, row_, column) != 0; }

 private:
  const PGresult* result_;
  int row_;
};

class PostgresConnection final : public SqlConnection {
 public:
  PostgresConnection(PGconn* connection, std::string location)
      : connection_(connection), location_(std::move(location)) {}
  ~PostgresConnection() override { PQfinish(connection_); }
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  SqlEngine engine() const override { return SqlEngine::postgresql; }
  const std::string& location() const override { return location_; }
  // The row lock is held only by the claiming statement's transaction; SKIP LOCKED lets the
  // other claimers pass over the row being claimed instead of waiting for it.
  bool claims_need_transaction() const override { return false; }

  Error failure(std::string_view what, const PGresult* result = nullptr) const {
    const char* message =
        result != nullptr ? PQresultErrorMessage(result) : PQerrorMessage(connection_);
    std::string text = message != nullptr ? message : "failed";
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    // lock_not_available: lock_timeout ran out.
    const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    if (state != nullptr && std::string_view(state) == "55P03") {
      note_lock_wait_ran_out();
      return Error{ErrorCode::busy,
                   fmt::format("store: {}: another session held a lock beyond the lock timeout "
                               "(--lock-timeout): {}",
                               what, text),
                   {}};
    }
    return Error{ErrorCode::io, fmt::format("store: {}: {}", what, text), {}};
  }

  std::expected<void, Error> exec(std::string_view what, std::string_view sql) override {
    ResultPtr result(PQexec(connection_, std::string(sql).c_str()), &PQclear);
    const ExecStatusType status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      return std::unexpected(failure(what, result.get()));
    }
    return {};
  }

  std::expected<std::size_t, Error> execute(std::string_view what, std::string_view sql,
                                            std::span<const SqlValue> parameters,
                                            const SqlRowVisitor& visit) override {
    // Rows come back as text (bytea hex-encoded); parameters go as text, bytes in binary.
    std::vector<std::string> texts(parameters.size());
    std::vector<const char*> values(parameters.size());
    std::vector<int> lengths(parameters.size());
    std::vector<int> formats(parameters.size());
    for (std::size_t i = 0; i < parameters.size(); ++i) {
      const SqlValue& parameter = parameters[i];
      switch (parameter.kind()) {
        case SqlValue::Kind::null:
          values[i] = nullptr;
          continue;
        case SqlValue::Kind::bytes:
          values[i] = parameter.text().data();
          lengths[i] = static_cast<int>(parameter.text().size());
          formats[i] = 1;
          continue;
        case SqlValue::Kind::text:
          texts[i] = parameter.text();  // libpq wants text NUL-terminated
          break;
        case SqlValue::Kind::integer:
          texts[i] = std::to_string(parameter.integer());
          break;
        case SqlValue::Kind::real:
          texts[i] = fmt::format("{}", parameter.real());
          break;
      }
      values[i] = texts[i].c_str();
      lengths[i] = static_cast<int>(texts[i].size());
    }
    ResultPtr result(
        PQexecParams(connection_, statement_text(sql).c_str(), static_cast<int>(values.size()),
                     nullptr, values.data(), lengths.data(), formats.data(), 0),
        &PQclear);
    const ExecStatusType status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      return std::unexpected(failure(what, result.get()));
    }
    const int rows = PQntuples(result.get());
    if (visit) {
      for (int row = 0; row < rows; ++row) visit(PostgresRow(result.get(), row));
    }
    return static_cast<std::size_t>(rows);
  }

  // One statement for all the rows: one round trip per table, not one per row. The rows keep
  // their order (ids assigned by identity columns follow it).
  std::expected<void, Error> insert_rows(
      std::string_view what, const SqlBulkInsert& insert, std::size_t count,
      const std::function<void(std::size_t, std::vector<SqlValue>&)>& fill) override {
    if (count == 0) return {};
    const std::string& sql = insert_sql(insert);
    nlohmann::json rows = nlohmann::json::array();
    std::vector<SqlValue> row;
    for (std::size_t i = 0; i < count; ++i) {
      row.clear();
      fill(i, row);
      nlohmann::json& out = rows.emplace_back(nlohmann::json::array());
      for (const SqlValue& value : row) {
        switch (value.kind()) {
          case SqlValue::Kind::null:
            out.push_back(nullptr);
            break;
          case SqlValue::Kind::text:
          case SqlValue::Kind::bytes:
            out.push_back(std::string(value.text()));
            break;
          case SqlValue::Kind::integer:
            out.push_back(value.integer());
            break;
          case SqlValue::Kind::real:
            out.push_back(value.real());
            break;
        }
      }
    }
    // Text PostgreSQL cannot hold (invalid UTF-8) is replaced, as its text columns would refuse it.
    const std::string json = rows.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    auto stored = run(what, sql, {SqlValue(json)});
    if (!stored) return std::unexpected(stored.error());
    return {};
  }

  // Transactions take turns, as SQLite's BEGIN IMMEDIATE makes them: evidence written and the
  // findings worked out from the store must not interleave. Interleaved, two workers each miss
  // the other's rows: one evaluates an SBOM before advisories another is storing commit, and
  // that one then finds no SBOM to re-evaluate; the findings are lost until the next change.
  // Job and delivery claims are single statements outside transactions, and do not wait.
  std::expected<void, Error> begin() override {
    if (auto begun = exec("begin", "BEGIN"); !begun) return begun;
    static const std::string lock = fmt::format("SELECT pg_advisory_xact_lock({})", kWriteLock);
    auto locked = exec("waiting for the other writers", lock);
    if (locked || locked.error().code != ErrorCode::busy) return locked;
    // Beyond the lock timeout: say which session holds the write lock.
    (void)exec("rollback", "ROLLBACK");
    Error error = locked.error();
    if (const std::string holder = write_lock_holder(); !holder.empty()) {
      error.message += fmt::format(" (the write lock is held by {})", holder);
    }
    return std::unexpected(std::move(error));
  }
  std::expected<void, Error> commit() override { return exec("commit", "COMMIT"); }
  void rollback() override {
    if (PQtransactionStatus(connection_) != PQTRANS_IDLE) (void)exec("rollback", "ROLLBACK");
  }

 private:
  // The session holding the advisory write lock: "backend 1234 (cradle ingest big.json, since
  // 2026-12-07 18:00:00+00)", from pg_locks (a bigint key is classid:objid, objsubid 1) of this
  // database (advisory locks are per database: another store on the server holds its own);
  // empty when none is seen.
  std::string write_lock_holder() {
    const std::string sql = fmt::format(
        "SELECT a.pid, a.application_name, date_trunc('second', a.xact_start) FROM pg_locks l "
        "JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted "
        "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
        "AND l.classid = {} AND l.objid = {} AND l.objsubid = 1 LIMIT 1",
        kWriteLock >> 32, kWriteLock & 0xffffffff);
    ResultPtr result(PQexec(connection_, sql.c_str()), &PQclear);
    if (PQresultStatus(result.get()) != PGRES_TUPLES_OK || PQntuples(result.get()) == 0) return {};
    const std::string name = PQgetvalue(result.get(), 0, 1);
    return fmt::format("backend {} ({}since {})", PQgetvalue(result.get(), 0, 0),
                       name.empty() ? "" : shown(name) + ", ", PQgetvalue(result.get(), 0, 2));
  }

  // The statement of a spec, written once per spec: the rows go as one JSON array.
  const std::string& insert_sql(const SqlBulkInsert& insert) {
    std::string key = insert.key();
    auto it = insert_sql_.find(key);
    if (it != insert_sql_.end()) return it->second;
    const std::vector<SqlBulkInsert::Column> columns = insert.column_list();
    std::string names;
    std::string cells;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      names += fmt::format("{}{}", i ? ", " : "", columns[i].name);
      const char* cast = columns[i].type == SqlBulkInsert::Type::integer ? "::bigint"
                         : columns[i].type == SqlBulkInsert::Type::real  ? "::double precision"
                                                                         : "";
      cells += fmt::format("{}(e->>{}){}", i ? ", " : "", i, cast);
    }
    std::string sql = fmt::format(
        "INSERT INTO {} ({}) SELECT {} FROM jsonb_array_elements(?1::jsonb) WITH ORDINALITY AS "
        "x(e, n) ORDER BY n{}{}",
        insert.table, names, cells, insert.on_conflict.empty() ? "" : " ON CONFLICT ",
        insert.on_conflict);
    return insert_sql_.emplace(std::move(key), std::move(sql)).first->second;
  }

  const std::string& statement_text(std::string_view sql) {
    auto it = texts_.find(sql);
    if (it == texts_.end()) it = texts_.emplace(std::string(sql), postgres_text(sql)).first;
    return it->second;
  }

  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>{}(text);
    }
  };

  PGconn* connection_;
  std::string location_;
  std::unordered_map<std::string, std::string, KeyHash, std::equal_to<>> texts_;
  std::unordered_map<std::string, std::string> insert_sql_;
};

}  // namespace

std::expected<std::unique_ptr<SqlConnection>, Error> open_postgres_connection(
    const std::string& url, const StoreOptions& options) {
  PGconn* raw = PQconnectdb(url.c_str());
  auto connection = std::make_unique<PostgresConnection>(raw, redacted_url(url));
  if (PQstatus(raw) != CONNECTION_OK) {
    return std::unexpected(
        connection->failure(fmt::format("cannot connect to {}", redacted_url(url))));
  }
  // A string as an SQL literal, quoted and escaped by libpq.
  const auto literal = [raw](const std::string& text) {
    char* quoted = PQescapeLiteral(raw, text.c_str(), text.size());
    std::string out = quoted != nullptr ? quoted : "''";
    PQfreemem(quoted);
    return out;
  };
  for (const std::string& setting :
       {std::string("SET client_min_messages = warning"),
        // In milliseconds, PostgreSQL's range; 0 would mean "wait for ever", so at least 1.
        // Other sessions' messages name this one by it (write_lock_holder()).
        fmt::format("SET application_name = {}", literal(process_command(getpid()))),
        fmt::format("SET lock_timeout = {}",
                    std::clamp<std::int64_t>(options.lock_timeout.count(), 1,
                                             std::numeric_limits<std::int32_t>::max()))}) {
    if (auto set = connection->exec("setting up the session", setting); !set) {
      return std::unexpected(set.error());
    }
  }
  return connection;
}

}  // namespace cradle
