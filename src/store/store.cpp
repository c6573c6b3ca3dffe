#include "store/store.h"

#include <cstdlib>

#include "store/postgres_store.h"
#include "store/sqlite_store.h"

namespace cradle {

std::expected<std::unique_ptr<Store>, Error> open_store(const std::string& location, OpenMode mode) {
  if (location.starts_with("postgresql://") || location.starts_with("postgres://")) {
    return open_postgres_store(location, mode);
  }
  return open_sqlite_store(location, mode);
}

std::string store_location(const std::string& option) {
  if (!option.empty()) return option;
  if (const char* environment = std::getenv("CRADLE_DB"); environment != nullptr && *environment) {
    return environment;
  }
  return ".cradle/cradle.db";
}

}  // namespace cradle
