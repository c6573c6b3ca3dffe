// The SQLite engine of the Store: one file, WAL journal, foreign keys on.
#pragma once

#include <expected>
#include <memory>
#include <string>

#include "store/store.h"

namespace cradle {

// ":memory:" opens a private in-memory store (tests).
std::expected<std::unique_ptr<Store>, Error> open_sqlite_store(const std::string& path,
                                                               OpenMode mode);

}  // namespace cradle
