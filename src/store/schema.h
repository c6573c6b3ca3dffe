// The store's schema, as versioned migrations. A store records the versions applied in
// `schema_migrations`; opening it applies the missing ones in order, each in its own
// transaction. A migration is never edited once released: changes come as a new version.
//
// The tables are the same for every engine; each migration carries its SQL per engine, the
// dialects differing in identity columns and binary types only.
#pragma once

#include <span>
#include <string_view>

namespace cradle {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sqlite;
  std::string_view postgresql;
};

std::span<const Migration> schema_migrations();

}  // namespace cradle
