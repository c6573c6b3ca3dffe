#include "store/store.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>

#include "store/postgres_connection.h"
#include "store/sql_store.h"
#include "store/sqlite_connection.h"

namespace cradle {

std::expected<std::unique_ptr<Store>, Error> open_store(const std::string& location, OpenMode mode) {
  auto connection = location.starts_with("postgresql://") || location.starts_with("postgres://")
                        ? open_postgres_connection(location)
                        : open_sqlite_connection(location, mode);
  if (!connection) return std::unexpected(connection.error());
  return open_sql_store(std::move(*connection), mode);
}

std::string json_id_list(std::span<const std::string> ids) {
  nlohmann::json list = nlohmann::json::array();
  for (const std::string& id : ids) list.push_back(id);
  return list.dump();
}

std::string json_integer_list(std::span<const std::int64_t> values) {
  nlohmann::json list = nlohmann::json::array();
  for (std::int64_t value : values) list.push_back(value);
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

std::string join_ids(std::span<const std::string> ids) {
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : " ") + id;
  return out;
}

std::vector<std::string> split_ids(std::string_view text) {
  std::vector<std::string> out;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = std::min(text.find(' ', at), text.size());
    if (end > at) out.emplace_back(text.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

std::string redacted_location(std::string_view location) {
  const std::size_t scheme = location.find("://");
  if (scheme == std::string_view::npos) return std::string(location);
  const std::size_t start = scheme + 3;
  const std::size_t at = location.find('@', start);
  const std::size_t slash = location.find('/', start);
  if (at == std::string_view::npos || (slash != std::string_view::npos && slash < at)) {
    return std::string(location);
  }
  const std::size_t colon = location.find(':', start);
  if (colon == std::string_view::npos || colon > at) return std::string(location);
  return std::string(location.substr(0, colon + 1)) + "***" + std::string(location.substr(at));
}

std::string store_location(const std::string& option) {
  if (!option.empty()) return option;
  if (const char* environment = std::getenv("CRADLE_DB"); environment != nullptr && *environment) {
    return environment;
  }
  return ".cradle/cradle.db";
}

}  // namespace cradle
