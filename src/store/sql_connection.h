// SqlConnection: what the store needs of a database engine, and nothing more. The store's
// queries and row mappings are written once (store/sql_store.cpp) above one adapter per engine
// (store/sqlite_connection.h, store/postgres_connection.h).
//
// Statements are written in SQLite's spelling with numbered (`?1`) or positional (`?`)
// parameters and a few tokens for what the engines spell differently; the PostgreSQL adapter
// rewrites them once per statement text:
//   {json_rows:N}   the elements of the JSON array in parameter N, one row each, column `value`
//                   (an element's members are read as `value ->> K`)
//   {json_texts:N}  the same for an array of strings or numbers, `value` their text
//   {by_bytes}      after an ORDER BY term: order by the bytes of the text (PostgreSQL's
//                   collation "C"; SQLite's default)
//   {strpos}        the position of a substring: instr(haystack, needle) / strpos(...)
//   {skip_locked}   after a locking subquery: FOR UPDATE SKIP LOCKED on PostgreSQL
//
// Threads: a connection is used by one thread at a time.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/error.h"
#include "store/schema.h"

namespace cradle {

enum class OpenMode { read_write, read_only };

// A parameter or a bulk-inserted cell: text, bytes, an integer, a real or NULL. Text and bytes
// are views: what they view must outlive the statement's run.
class SqlValue {
 public:
  enum class Kind { null, text, bytes, integer, real };

  SqlValue() = default;
  SqlValue(std::string_view text)
      : kind_(Kind::text), text_(text) {}  // NOLINT: implicit on purpose
  SqlValue(const std::string& text) : kind_(Kind::text), text_(text) {}    // NOLINT
  SqlValue(const char* text) : kind_(Kind::text), text_(text) {}           // NOLINT
  SqlValue(std::int64_t value) : kind_(Kind::integer), integer_(value) {}  // NOLINT

  static SqlValue null() { return SqlValue(); }
  // NULL when empty.
  static SqlValue optional_text(std::string_view text) {
    return text.empty() ? SqlValue() : SqlValue(text);
  }
  static SqlValue bytes(std::string_view bytes) {
    SqlValue value(bytes);
    value.kind_ = Kind::bytes;
    return value;
  }
  static SqlValue integer(std::int64_t value) { return SqlValue(value); }
  static SqlValue real(std::optional<double> value) {
    SqlValue out;
    if (value) {
      out.kind_ = Kind::real;
      out.real_ = *value;
    }
    return out;
  }

  Kind kind() const { return kind_; }
  std::string_view text() const { return text_; }
  std::int64_t integer() const { return integer_; }
  double real() const { return real_; }

 private:
  Kind kind_ = Kind::null;
  std::string_view text_;
  std::int64_t integer_ = 0;
  double real_ = 0;
};

// One result row, valid during the visit only. NULL reads as "" or 0.
class SqlRow {
 public:
  virtual std::string text(int column) const = 0;
  virtual std::string bytes(int column) const = 0;
  virtual std::int64_t integer(int column) const = 0;
  virtual std::optional<double> real(int column) const = 0;
  virtual bool is_null(int column) const = 0;

  std::size_t size(int column) const { return static_cast<std::size_t>(integer(column)); }

 protected:
  ~SqlRow() = default;
};

using SqlRowVisitor = std::function<void(const SqlRow&)>;

// Rows for one table, written in one go. `columns` lists the columns as an INSERT names them,
// each followed by its type when it is not text: "document_id integer, name, score real".
struct SqlBulkInsert {
  enum class Type { text, integer, real };
  struct Column {
    std::string_view name;
    Type type = Type::text;
  };
  std::string_view table;
  std::string_view columns;
  std::string_view on_conflict = {};  // e.g. "DO NOTHING"; empty: none

  // What tells one spec from another, for caching its statement.
  std::string key() const {
    std::string out;
    out.reserve(table.size() + columns.size() + on_conflict.size() + 2);
    out.append(table).append(1, '\n').append(columns).append(1, '\n').append(on_conflict);
    return out;
  }

  std::vector<Column> column_list() const {
    std::vector<Column> out;
    for (std::size_t at = 0; at < columns.size();) {
      const std::size_t end = std::min(columns.find(',', at), columns.size());
      std::string_view item = columns.substr(at, end - at);
      while (item.starts_with(' ')) item.remove_prefix(1);
      const std::size_t space = item.find(' ');
      const std::string_view type = space == std::string_view::npos ? "" : item.substr(space + 1);
      out.push_back(Column{item.substr(0, space), type == "integer" ? Type::integer
                                                  : type == "real"  ? Type::real
                                                                    : Type::text});
      at = end + 1;
    }
    return out;
  }
};

class SqlConnection {
 public:
  virtual ~SqlConnection() = default;

  virtual SqlEngine engine() const = 0;
  // Where the store is, fit for messages (a password in a URL redacted).
  virtual const std::string& location() const = 0;

  // A command without parameters or rows; it may hold several statements (migrations do).
  virtual std::expected<void, Error> exec(std::string_view what, std::string_view sql) = 0;
  // Runs one statement, handing each result row to `visit`; returns the number of rows. `what`
  // names the work in the error ("store: <what>: <the engine's message>").
  virtual std::expected<std::size_t, Error> execute(std::string_view what, std::string_view sql,
                                                    std::span<const SqlValue> parameters,
                                                    const SqlRowVisitor& visit) = 0;
  // Inserts `count` rows; `fill(i, cells)` gives row i's cells. SQLite steps one prepared
  // statement per row; PostgreSQL sends the rows as one JSON array in one statement.
  virtual std::expected<void, Error> insert_rows(
      std::string_view what, const SqlBulkInsert& insert, std::size_t count,
      const std::function<void(std::size_t, std::vector<SqlValue>&)>& fill) = 0;

  // Transactions take turns (store/store.h): SQLite's BEGIN IMMEDIATE, PostgreSQL's advisory
  // lock. rollback() does nothing outside a transaction.
  virtual std::expected<void, Error> begin() = 0;
  virtual std::expected<void, Error> commit() = 0;
  virtual void rollback() = 0;

  // Whether a claim (a job, a delivery) needs a transaction of its own to be taken by one
  // process only: SQLite's does (its write lock); PostgreSQL's row locks suffice, so that its
  // claimers do not wait for the writers.
  virtual bool claims_need_transaction() const = 0;

  std::expected<std::size_t, Error> run(std::string_view what, std::string_view sql,
                                        std::initializer_list<SqlValue> parameters = {},
                                        const SqlRowVisitor& visit = {}) {
    return execute(what, sql, std::span<const SqlValue>(parameters.begin(), parameters.size()),
                   visit);
  }
};

}  // namespace cradle
