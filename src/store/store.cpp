#include "store/store.h"

#include <nlohmann/json.hpp>

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

std::string json_id_list(std::span<const std::string> ids) {
  nlohmann::json list = nlohmann::json::array();
  for (const std::string& id : ids) list.push_back(id);
  return list.dump();
}

std::string json_package_list(std::span<const OsvPackage> packages) {
  nlohmann::json list = nlohmann::json::array();
  std::string key;
  for (const OsvPackage& package : packages) {
    osv_package_key(package.ecosystem, package.name, key);
    list.push_back({package.ecosystem, key});
  }
  return list.dump();
}

std::string store_location(const std::string& option) {
  if (!option.empty()) return option;
  if (const char* environment = std::getenv("CRADLE_DB"); environment != nullptr && *environment) {
    return environment;
  }
  return ".cradle/cradle.db";
}

}  // namespace cradle
