// The PostgreSQL engine of the Store (libpq): for teams and for several workers sharing one
// database. Same tables as SQLite (store/schema.h); migrations run under an advisory lock, so
// that processes opening the store at once migrate it once.
#pragma once

#include <expected>
#include <memory>
#include <string>

#include "store/store.h"

namespace cradle {

// `url`: a libpq connection URI (postgresql://user@host:port/db?host=/socket/dir ...).
std::expected<std::unique_ptr<Store>, Error> open_postgres_store(const std::string& url, OpenMode mode);

}  // namespace cradle
