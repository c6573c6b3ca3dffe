#include "formats/cyclonedx/cyclonedx_rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "formats/spdx/spdx_license_list.h"

namespace cradle::cyclonedx {
namespace {

struct TypeSince {
  std::string_view type;
  int minor;
};

constexpr std::array kComponentTypes{
    TypeSince{"application", 0},           TypeSince{"framework", 0},
    TypeSince{"library", 0},               TypeSince{"operating-system", 0},
    TypeSince{"device", 0},                TypeSince{"file", 1},
    TypeSince{"container", 2},             TypeSince{"firmware", 2},
    TypeSince{"platform", 5},              TypeSince{"device-driver", 5},
    TypeSince{"machine-learning-model", 5}, TypeSince{"data", 5},
    TypeSince{"cryptographic-asset", 6},
};

constexpr std::array<std::string_view, 12> kHashAlgorithms{
    "MD5",      "SHA-1",       "SHA-256",     "SHA-384",     "SHA-512", "SHA3-256",
    "SHA3-384", "SHA3-512",    "BLAKE2b-256", "BLAKE2b-384", "BLAKE2b-512", "BLAKE3"};
constexpr std::array<std::string_view, 14> kHashAlgorithmsSince17{
    "MD5",         "SHA-1",       "SHA-256",     "SHA-384", "SHA-512",      "SHA3-256",
    "SHA3-384",    "SHA3-512",    "BLAKE2b-256", "BLAKE2b-384", "BLAKE2b-512", "BLAKE3",
    "Streebog-256", "Streebog-512"};

template <std::size_t N>
std::string one_of(std::string_view what, std::string_view value,
                   const std::array<std::string_view, N>& allowed) {
  if (std::ranges::find(allowed, value) != allowed.end()) return {};
  std::string list;
  for (auto item : allowed) {
    if (!list.empty()) list += ", ";
    list += item;
  }
  return fmt::format("'{}' is not a {}; expected one of: {}", value, what, list);
}

bool is_hex(std::string_view text) {
  return std::ranges::all_of(text, [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  });
}

}  // namespace

std::optional<int> spec_minor(std::string_view spec_version) {
  if (spec_version.size() != 3 || spec_version[0] != '1' || spec_version[1] != '.') {
    return std::nullopt;
  }
  int minor = spec_version[2] - '0';
  if (minor < 0 || minor > 7) return std::nullopt;
  return minor;
}

std::string check_component_type(std::string_view type, int minor) {
  auto it = std::ranges::find(kComponentTypes, type, &TypeSince::type);
  if (it != kComponentTypes.end() && it->minor <= minor) return {};
  std::string list;
  for (const auto& entry : kComponentTypes) {
    if (entry.minor > minor) continue;
    if (!list.empty()) list += ", ";
    list += entry.type;
  }
  return fmt::format("'{}' is not a component type of CycloneDX 1.{}; expected one of: {}", type,
                     minor, list);
}

std::string check_scope(std::string_view scope) {
  return one_of("scope", scope, std::array<std::string_view, 3>{"required", "optional", "excluded"});
}

std::string check_aggregate(std::string_view aggregate) {
  return one_of("aggregate", aggregate,
                std::array<std::string_view, 10>{"complete",
                                                 "incomplete",
                                                 "incomplete_first_party_only",
                                                 "incomplete_first_party_proprietary_only",
                                                 "incomplete_first_party_opensource_only",
                                                 "incomplete_third_party_only",
                                                 "incomplete_third_party_proprietary_only",
                                                 "incomplete_third_party_opensource_only",
                                                 "unknown",
                                                 "not_specified"});
}

std::string check_hash_algorithm(std::string_view algorithm, int minor) {
  if (minor >= 7) return one_of("hash algorithm", algorithm, kHashAlgorithmsSince17);
  return one_of("hash algorithm", algorithm, kHashAlgorithms);
}

std::string check_hash_content(std::string_view content) {
  static constexpr std::array<std::size_t, 5> kLengths{32, 40, 64, 96, 128};
  if (is_hex(content) && std::ranges::find(kLengths, content.size()) != kLengths.end()) return {};
  return fmt::format("hash content '{}' is not 32, 40, 64, 96 or 128 hexadecimal digits",
                     content.substr(0, 140));
}

std::string check_serial_number(std::string_view serial) {
  // urn:uuid:8-4-4-4-12 hex digits
  static constexpr std::array<std::size_t, 5> kGroups{8, 4, 4, 4, 12};
  bool ok = serial.starts_with("urn:uuid:");
  std::string_view rest = ok ? serial.substr(9) : std::string_view{};
  for (std::size_t i = 0; ok && i < kGroups.size(); ++i) {
    ok = rest.size() >= kGroups[i] && is_hex(rest.substr(0, kGroups[i]));
    rest.remove_prefix(ok ? kGroups[i] : 0);
    if (ok && i + 1 < kGroups.size()) {
      ok = !rest.empty() && rest.front() == '-';
      if (ok) rest.remove_prefix(1);
    }
  }
  if (ok && rest.empty()) return {};
  return fmt::format("serial number '{}' is not a urn:uuid: with 8-4-4-4-12 hexadecimal digits",
                     serial);
}

std::string check_patch_type(std::string_view type) {
  return one_of("patch type", type,
                std::array<std::string_view, 4>{"unofficial", "monkey", "backport", "cherry-pick"});
}

std::string check_issue_type(std::string_view type) {
  return one_of("issue type", type,
                std::array<std::string_view, 3>{"defect", "enhancement", "security"});
}

std::string check_data_flow(std::string_view flow) {
  return one_of("data flow", flow,
                std::array<std::string_view, 4>{"inbound", "outbound", "bi-directional", "unknown"});
}

std::string check_license_id(std::string_view id) {
  if (spdx_license_id_spelling(id)) return {};
  return fmt::format("'{}' is not an SPDX licence id (use 'name' or 'expression' for others)", id);
}

std::string check_license_encoding(std::string_view encoding) {
  return one_of("content encoding", encoding, std::array<std::string_view, 1>{"base64"});
}

std::optional<std::string> spdx_license_id_spelling(std::string_view id) {
  const bool plus = id.ends_with('+');
  const SpdxLicense* listed = find_spdx_license(plus ? id.substr(0, id.size() - 1) : id);
  if (!listed) return std::nullopt;
  return std::string(listed->id) + (plus ? "+" : "");
}

std::string contact(std::string_view name, std::string_view email) {
  if (email.empty()) return std::string(name);
  if (name.empty()) return std::string(email);
  return fmt::format("{} <{}>", name, email);
}

std::string component_supplier(std::string_view supplier, std::string_view manufacturer,
                               std::string_view publisher) {
  for (std::string_view named : {supplier, manufacturer, publisher}) {
    if (!named.empty()) return std::string(named);
  }
  return {};
}

std::string component_author(std::string_view author, const std::vector<std::string>& authors) {
  if (!author.empty()) return std::string(author);
  std::string joined;
  for (const std::string& name : authors) joined += (joined.empty() ? "" : ", ") + name;
  return joined;
}

std::vector<std::string> sbom_creators(std::vector<std::string> authors,
                                       std::string_view manufacture,
                                       std::string_view manufacturer, std::string_view supplier) {
  for (std::string_view named : {manufacture, manufacturer, supplier}) {
    if (!named.empty()) authors.emplace_back(named);
  }
  return authors;
}

}  // namespace cradle::cyclonedx
