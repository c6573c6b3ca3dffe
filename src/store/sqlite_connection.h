// The SQLite engine's connection: one file, WAL journal, foreign keys on, statements prepared
// once and kept.
//
// Threads: plain functions of their arguments.
#pragma once

#include <expected>
#include <memory>
#include <string>

#include "store/lock_wait.h"
#include "store/sql_connection.h"

namespace cradle {

// ":memory:" opens a private in-memory database (tests). read_only refuses a file that does
// not exist; read_write creates it and its directory.
std::expected<std::unique_ptr<SqlConnection>, Error> open_sqlite_connection(
    const std::string& path, OpenMode mode, const StoreOptions& options = {});

}  // namespace cradle
