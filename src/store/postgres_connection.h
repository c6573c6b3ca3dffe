// The PostgreSQL engine's connection (libpq): for teams and for several workers sharing one
// database.
//
// Threads: plain functions of their arguments.
#pragma once

#include <expected>
#include <memory>
#include <string>

#include "store/lock_wait.h"
#include "store/sql_connection.h"

namespace cradle {

// `url`: a libpq connection URI (postgresql://user@host:port/db?host=/socket/dir ...). A
// statement waiting for a lock longer than options.lock_timeout fails with ErrorCode::busy.
std::expected<std::unique_ptr<SqlConnection>, Error> open_postgres_connection(
    const std::string& url, const StoreOptions& options = {});

}  // namespace cradle
