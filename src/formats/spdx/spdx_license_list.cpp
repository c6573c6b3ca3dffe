#include "formats/spdx/spdx_license_list.h"

#include <absl/container/flat_hash_map.h>

#include <cstdint>
#include <string>

#include "model/ascii.h"

namespace cradle {
namespace {

#include "formats/spdx/spdx_license_list.inc"

// Hashing and equality without case, so that a lookup needs no lowercased copy of its key.
struct CaseInsensitiveHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const {
    std::uint64_t hash = 14695981039346656037ULL;  // FNV-1a
    for (char c : text)
      hash = (hash ^ static_cast<unsigned char>(ascii_lower(c))) * 1099511628211ULL;
    return static_cast<std::size_t>(hash);
  }
};
struct CaseInsensitiveEqual {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const { return ascii_iequals(a, b); }
};
template <typename Entry>
using ById =
    absl::flat_hash_map<std::string_view, const Entry*, CaseInsensitiveHash, CaseInsensitiveEqual>;

template <typename Entry, std::size_t N>
ById<Entry> index_by_id(const Entry (&entries)[N]) {
  ById<Entry> out;
  out.reserve(N);
  for (const Entry& entry : entries) out.emplace(entry.id, &entry);
  return out;
}

template <typename Entry>
const Entry* find(const ById<Entry>& index, std::string_view id) {
  auto found = index.find(id);
  return found == index.end() ? nullptr : found->second;
}

// A name as compared: lowercase, runs of spaces as one, no spaces at the ends.
std::string name_key(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == ' ' || c == '\t') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += ascii_lower(c);
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

const SpdxLicense* find_spdx_license(std::string_view id) {
  static const auto kIndex = index_by_id(kSpdxLicenses);
  return find(kIndex, id);
}

const SpdxException* find_spdx_exception(std::string_view id) {
  static const auto kIndex = index_by_id(kSpdxExceptions);
  return find(kIndex, id);
}

const SpdxLicense* spdx_license_named(std::string_view name) {
  static const auto kByName = [] {
    // nullptr marks a name that two current licences share.
    absl::flat_hash_map<std::string, const SpdxLicense*> out;
    for (const SpdxLicense& license : kSpdxLicenses) {
      if (license.deprecated || license.name.empty()) continue;
      auto [at, inserted] = out.emplace(name_key(license.name), &license);
      if (!inserted) at->second = nullptr;
    }
    return out;
  }();
  auto found = kByName.find(name_key(name));
  return found == kByName.end() ? nullptr : found->second;
}

namespace {

// A URL as compared: no scheme, no "www.", no trailing '/', lowercase.
std::string url_key(std::string_view url) {
  if (const std::size_t scheme = url.find("://"); scheme != std::string_view::npos)
    url.remove_prefix(scheme + 3);
  if (url.starts_with("www.")) url.remove_prefix(4);
  while (url.ends_with('/')) url.remove_suffix(1);
  return ascii_lowercase(url);
}

}  // namespace

const SpdxLicense* spdx_license_at_url(std::string_view url) {
  const std::string key = url_key(url);
  for (std::string_view prefix :
       {"spdx.org/licenses/", "opensource.org/licenses/", "opensource.org/license/"}) {
    if (!key.starts_with(prefix)) continue;
    std::string_view id = std::string_view(key).substr(prefix.size());  // ids match in any case
    for (std::string_view suffix : {".html", ".json", ".txt", ".php"}) {
      if (id.ends_with(suffix)) id.remove_suffix(suffix.size());
    }
    if (const SpdxLicense* listed = find_spdx_license(id)) return listed;
  }
  static const auto kByUrl = [] {
    absl::flat_hash_map<std::string, const SpdxLicense*> out;  // nullptr: several licences share it
    for (const SpdxLicense& license : kSpdxLicenses) {
      if (license.deprecated || license.url.empty()) continue;
      auto [at, inserted] = out.emplace(url_key(license.url), &license);
      if (!inserted) at->second = nullptr;
    }
    return out;
  }();
  auto found = kByUrl.find(key);
  return found == kByUrl.end() ? nullptr : found->second;
}

std::span<const SpdxLicense> spdx_licenses() { return kSpdxLicenses; }
std::span<const SpdxException> spdx_exceptions() { return kSpdxExceptions; }

}  // namespace cradle
