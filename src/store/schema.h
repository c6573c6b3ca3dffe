// The store's schema, as versioned migrations. A store records the versions applied in
// `schema_migrations`; opening it applies the missing ones in order, each in its own
// transaction. A migration is never edited once released: changes come as a new version.
//
// The tables are the same for every engine: one SQL text per migration, with the few words the
// dialects spell differently ({identity}, {bigint}, {bytes}) filled in per engine. A migration
// that changes a constraint gives PostgreSQL its own text: SQLite cannot alter a constraint and
// rebuilds the table, which PostgreSQL would do at the cost of its identity sequences.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace cradle {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;             // with dialect tokens
  std::string_view postgresql_sql = {};  // PostgreSQL's own text, when it needs one
};

enum class SqlEngine { sqlite, postgresql };

std::span<const Migration> schema_migrations();
std::string migration_sql(const Migration& migration, SqlEngine engine);

}  // namespace cradle
