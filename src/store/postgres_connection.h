// The PostgreSQL engine's connection (libpq): for teams and for several workers sharing one
// database.
#pragma once

#include <expected>
#include <memory>
#include <string>

#include "store/sql_connection.h"

namespace cradle {

// `url`: a libpq connection URI (postgresql://user@host:port/db?host=/socket/dir ...).
std::expected<std::unique_ptr<SqlConnection>, Error> open_postgres_connection(
    const std::string& url);

}  // namespace cradle
