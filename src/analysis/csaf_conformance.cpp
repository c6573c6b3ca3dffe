#include "analysis/csaf_conformance.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <optional>
#include <ranges>
#include <set>
#include <utility>

#include "analysis/cvss.h"
#include "formats/cwe_catalog.h"
#include "formats/json_reader.h"
#include "formats/language_subtags.h"
#include "model/ascii.h"
#include "model/date_time.h"
#include "model/purl.h"
#include "versions/semver.h"

namespace cradle {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

// --- tolerant access: a member of the wrong type counts as absent (the schema says what is wrong)

std::optional<element> member(element value, std::string_view key) {
  element found;
  if (!value.is_object() || value.get_object().value().at_key(key).get(found)) return std::nullopt;
  return found;
}
std::optional<std::string_view> string_member(element value, std::string_view key) {
  auto found = member(value, key);
  if (!found || !found->is_string()) return std::nullopt;
  return found->get_string().value();
}
std::optional<array> array_member(element value, std::string_view key) {
  auto found = member(value, key);
  if (!found || !found->is_array()) return std::nullopt;
  return found->get_array().value();
}
std::optional<element> path(element value, std::initializer_list<std::string_view> keys) {
  std::optional<element> at = value;
  for (auto key : keys) {
    if (!at) return std::nullopt;
    at = member(*at, key);
  }
  return at;
}
std::optional<std::string_view> string_at(element value,
                                          std::initializer_list<std::string_view> keys) {
  auto found = path(value, keys);
  if (!found || !found->is_string()) return std::nullopt;
  return found->get_string().value();
}
// Calls `fn(item, pointer)` for each item of the array member `key` of `value`.
void for_each(element value, std::string_view key, const std::string& pointer,
              const std::function<void(element, const std::string&)>& fn) {
  auto items = array_member(value, key);
  if (!items) return;
  const std::string base = json_pointer(pointer, key);
  std::size_t index = 0;
  for (element item : *items) fn(item, json_pointer(base, index++));
}
// The strings of the array member `key`, with their pointers.
std::vector<std::pair<std::string_view, std::string>> strings(element value, std::string_view key,
                                                              const std::string& pointer) {
  std::vector<std::pair<std::string_view, std::string>> out;
  for_each(value, key, pointer, [&](element item, const std::string& at) {
    if (item.is_string()) out.emplace_back(item.get_string().value(), at);
  });
  return out;
}
std::optional<double> number(element value) {
  if (value.is_double()) return value.get_double().value();
  if (value.is_int64()) return static_cast<double>(value.get_int64().value());
  if (value.is_uint64()) return static_cast<double>(value.get_uint64().value());
  return std::nullopt;
}

// --- document versions (integer or semantic versioning, section 3.1.11)

struct DocumentVersion {
  bool integer = false;
  std::uint64_t value = 0;  // integer versioning
  SemVer semver;

  std::uint64_t major() const { return integer ? value : semver.major; }
  bool zero() const { return major() == 0; }  // 0 or 0.y.z
  bool prerelease() const { return !integer && !semver.prerelease.empty(); }
};

std::optional<DocumentVersion> parse_version(std::string_view text) {
  DocumentVersion version;
  if (!text.empty() && std::ranges::all_of(text, [](char c) { return c >= '0' && c <= '9'; })) {
    if (text.size() > 1 && text[0] == '0') return std::nullopt;
    version.integer = true;
    for (char c : text) version.value = version.value * 10 + static_cast<std::uint64_t>(c - '0');
    return version;
  }
  if (text.empty() || text[0] == 'v') return std::nullopt;
  auto semver = parse_semver(text);
  if (!semver) return std::nullopt;
  version.semver = std::move(*semver);
  return version;
}

std::strong_ordering compare(const DocumentVersion& a, const DocumentVersion& b) {
  if (a.integer && b.integer) return a.value <=> b.value;
  if (!a.integer && !b.integer) return compare(a.semver, b.semver);
  return a.major() <=> b.major();  // mixed schemes (test 6.1.30's business): by major version
}

// The instant of an RFC 3339 date-time, with its fraction as written for ties within a second.
std::optional<std::pair<std::chrono::sys_seconds, std::string>> instant(std::string_view text) {
  auto seconds = parse_rfc3339(text);
  if (!seconds) return std::nullopt;
  std::string fraction;
  if (auto dot = text.find('.'); dot != std::string_view::npos) {
    for (std::size_t i = dot + 1; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
      fraction.push_back(text[i]);
    }
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  }
  return std::pair{*seconds, fraction};
}

struct Revision {
  std::string_view number_text;
  std::optional<DocumentVersion> number;
  std::optional<std::pair<std::chrono::sys_seconds, std::string>> date;
  std::string pointer;
};

// --- the document, walked once

struct ProductDefinition {
  std::string_view id;
  std::string pointer;  // of the product_id member
  element product;      // the full_product_name_t object
};

struct Branch {
  element branch;
  std::string pointer;
};

constexpr std::string_view kStatusKeys[] = {"first_affected", "first_fixed",        "fixed",
                                            "known_affected", "known_not_affected", "last_affected",
                                            "recommended",    "under_investigation"};

class CsafDocument {
 public:
  explicit CsafDocument(element document_root) : root(document_root) {
    category = string_at(root, {"document", "category"}).value_or("");
    status = string_at(root, {"document", "tracking", "status"}).value_or("");
    if (auto tree = member(root, "product_tree")) {
      walk_branches(*tree, "/product_tree");
      for_each(*tree, "full_product_names", "/product_tree",
               [&](element product, const std::string& at) { define(product, at); });
      for_each(*tree, "relationships", "/product_tree",
               [&](element relationship, const std::string& at) {
                 if (auto product = member(relationship, "full_product_name")) {
                   define(*product, json_pointer(at, "full_product_name"));
                 }
               });
      for_each(*tree, "product_groups", "/product_tree", [&](element group, const std::string& at) {
        if (auto id = string_member(group, "group_id")) {
          group_definitions.emplace_back(*id, json_pointer(at, "group_id"));
          for (const auto& [product, unused] : strings(group, "product_ids", at)) {
            group_members[std::string(*id)].push_back(product);
          }
        }
      });
    }
    for_each(root, "vulnerabilities", "", [&](element vulnerability, const std::string& at) {
      vulnerabilities.push_back({vulnerability, at});
    });
    if (auto tracking = path(root, {"document", "tracking"})) {
      for_each(*tracking, "revision_history", "/document/tracking",
               [&](element item, const std::string& at) {
                 Revision revision;
                 revision.pointer = at;
                 if (auto text = string_member(item, "number")) {
                   revision.number_text = *text;
                   revision.number = parse_version(*text);
                 }
                 if (auto date = string_member(item, "date")) revision.date = instant(*date);
                 revisions.push_back(std::move(revision));
               });
    }
  }

  // The product ids a list of product ids and group ids names (groups expanded).
  std::vector<std::string_view> expand(element item, const std::string& at) const {
    std::vector<std::string_view> ids;
    for (const auto& [id, unused] : strings(item, "product_ids", at)) ids.push_back(id);
    for (const auto& [group, unused] : strings(item, "group_ids", at)) {
      if (auto it = group_members.find(group); it != group_members.end()) {
        ids.insert(ids.end(), it->second.begin(), it->second.end());
      }
    }
    std::ranges::sort(ids);
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
  }

  element root;
  std::string_view category;
  std::string_view status;
  std::vector<ProductDefinition> products;
  std::vector<Branch> branches;  // every branch, depth first
  std::vector<std::pair<std::string_view, std::string>> group_definitions;
  std::map<std::string, std::vector<std::string_view>, std::less<>> group_members;
  std::vector<Branch> vulnerabilities;
  std::vector<Revision> revisions;

 private:
  void define(element product, const std::string& at) {
    if (auto id = string_member(product, "product_id")) {
      products.push_back({*id, json_pointer(at, "product_id"), product});
    }
  }
  void walk_branches(element parent, const std::string& at) {
    for_each(parent, "branches", at, [&](element branch, const std::string& pointer) {
      branches.push_back({branch, pointer});
      if (auto product = member(branch, "product"))
        define(*product, json_pointer(pointer, "product"));
      walk_branches(branch, pointer);
    });
  }
};

// --- the tests

struct Test {
  std::string_view id;
  std::string_view title;
  void (*run)(const CsafDocument&, const CsafCheckOptions&, CsafTestResult&);
};

void fail(CsafTestResult& result, std::string pointer, std::string message) {
  result.status = CsafTestStatus::failed;
  result.failures.push_back({std::move(pointer), std::move(message)});
}
void not_applicable(CsafTestResult& result, std::string reason) {
  if (result.status == CsafTestStatus::passed) result.status = CsafTestStatus::not_applicable;
  result.reason = std::move(reason);
}

// Every place a product id is used, with its pointer (test 6.1.1).
std::vector<std::pair<std::string_view, std::string>> product_id_uses(const CsafDocument& doc) {
  std::vector<std::pair<std::string_view, std::string>> uses;
  auto add = [&](element item, std::string_view key, const std::string& at) {
    auto found = strings(item, key, at);
    uses.insert(uses.end(), found.begin(), found.end());
  };
  if (auto tree = member(doc.root, "product_tree")) {
    for_each(*tree, "product_groups", "/product_tree",
             [&](element group, const std::string& at) { add(group, "product_ids", at); });
    for_each(*tree, "relationships", "/product_tree",
             [&](element relationship, const std::string& at) {
               for (std::string_view key : {"product_reference", "relates_to_product_reference"}) {
                 if (auto id = string_member(relationship, key))
                   uses.emplace_back(*id, json_pointer(at, key));
               }
             });
  }
  for (const auto& [vulnerability, at] : doc.vulnerabilities) {
    if (auto status = member(vulnerability, "product_status")) {
      for (auto key : kStatusKeys) add(*status, key, json_pointer(at, "product_status"));
    }
    for (std::string_view list : {"remediations", "threats", "flags"}) {
      for_each(vulnerability, list, at, [&](element item, const std::string& item_at) {
        add(item, "product_ids", item_at);
      });
    }
    for_each(vulnerability, "scores", at,
             [&](element score, const std::string& score_at) { add(score, "products", score_at); });
  }
  return uses;
}

void test_6_1_1(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  std::set<std::string_view> defined;
  for (const auto& product : doc.products) defined.insert(product.id);
  for (const auto& [id, at] : product_id_uses(doc)) {
    if (!defined.contains(id))
      fail(result, at, fmt::format("product id '{}' is not defined in the product tree", id));
  }
}

void test_6_1_2(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  std::map<std::string_view, std::string_view> first;
  for (const auto& product : doc.products) {
    auto [it, inserted] = first.emplace(product.id, product.pointer);
    if (!inserted)
      fail(result, product.pointer,
           fmt::format("product id '{}' is already defined at {}", product.id, it->second));
  }
}

void test_6_1_3(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  // A relationship defines a product from two others; none may end up referring to itself.
  std::map<std::string_view, std::vector<std::string_view>> refers_to;
  std::vector<std::pair<std::string_view, std::string>> defined;
  if (auto tree = member(doc.root, "product_tree")) {
    for_each(*tree, "relationships", "/product_tree",
             [&](element relationship, const std::string& at) {
               auto id = string_at(relationship, {"full_product_name", "product_id"});
               if (!id) return;
               for (std::string_view key : {"product_reference", "relates_to_product_reference"}) {
                 if (auto other = string_member(relationship, key))
                   refers_to[*id].push_back(*other);
               }
               defined.emplace_back(
                   *id, json_pointer(json_pointer(at, "full_product_name"), "product_id"));
             });
  }
  // An id is defined through itself when it lies on a cycle: a strongly connected component of
  // more than one id, or one that refers to itself. Kosaraju's two passes, without recursion (a
  // chain of relationships may be as long as the document), in time linear in the relationships.
  std::map<std::string_view, std::size_t> index;
  std::vector<std::vector<std::size_t>> forward;
  auto node = [&](std::string_view id) {
    auto [it, inserted] = index.emplace(id, forward.size());
    if (inserted) forward.emplace_back();
    return it->second;
  };
  std::set<std::size_t> loops;
  for (const auto& [id, unused] : defined) node(id);
  for (const auto& [id, others] : refers_to) {
    const std::size_t from = node(id);
    for (std::string_view other : others) {
      const std::size_t to = node(other);
      forward[from].push_back(to);
      if (to == from) loops.insert(from);
    }
  }
  const std::size_t count = forward.size();
  std::vector<std::vector<std::size_t>> backward(count);
  for (std::size_t from = 0; from < count; ++from) {
    for (std::size_t to : forward[from]) backward[to].push_back(from);
  }
  std::vector<std::size_t> finished;
  std::vector<bool> visited(count, false);
  for (std::size_t start = 0; start < count; ++start) {
    if (visited[start]) continue;
    std::vector<std::pair<std::size_t, std::size_t>> stack{{start, 0}};  // (node, next edge)
    visited[start] = true;
    while (!stack.empty()) {
      auto& [at_node, next] = stack.back();
      if (next < forward[at_node].size()) {
        const std::size_t to = forward[at_node][next++];
        if (!visited[to]) {
          visited[to] = true;
          stack.emplace_back(to, 0);
        }
      } else {
        finished.push_back(at_node);
        stack.pop_back();
      }
    }
  }
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::vector<std::size_t> component(count, kNone);
  std::vector<std::size_t> size;
  for (auto it = finished.rbegin(); it != finished.rend(); ++it) {
    if (component[*it] != kNone) continue;
    const std::size_t id = size.size();
    size.push_back(0);
    std::vector<std::size_t> pending{*it};
    component[*it] = id;
    while (!pending.empty()) {
      const std::size_t at_node = pending.back();
      pending.pop_back();
      ++size[id];
      for (std::size_t from : backward[at_node]) {
        if (component[from] == kNone) {
          component[from] = id;
          pending.push_back(from);
        }
      }
    }
  }
  for (const auto& [id, at] : defined) {
    const std::size_t n = index.at(id);
    if (size[component[n]] > 1 || loops.contains(n)) {
      fail(result, at, fmt::format("product id '{}' is defined through itself", id));
    }
  }
}

void test_6_1_4(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  for (const auto& [vulnerability, at] : doc.vulnerabilities) {
    for (std::string_view list : {"remediations", "threats", "flags"}) {
      for_each(vulnerability, list, at, [&](element item, const std::string& item_at) {
        for (const auto& [group, group_at] : strings(item, "group_ids", item_at)) {
          if (!doc.group_members.contains(group)) {
            fail(result, group_at,
                 fmt::format("product group id '{}' is not defined in the product tree", group));
          }
        }
      });
    }
  }
}

void test_6_1_5(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  std::map<std::string_view, std::string_view> first;
  for (const auto& [id, at] : doc.group_definitions) {
    auto [it, inserted] = first.emplace(id, at);
    if (!inserted)
      fail(result, at,
           fmt::format("product group id '{}' is already defined at {}", id, it->second));
  }
}

void test_6_1_6(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  static const std::map<std::string_view, std::string_view> kGroups{
      {"first_affected", "affected"},
      {"known_affected", "affected"},
      {"last_affected", "affected"},
      {"known_not_affected", "not affected"},
      {"first_fixed", "fixed"},
      {"fixed", "fixed"},
      {"under_investigation", "under investigation"}};
  for (const auto& [vulnerability, at] : doc.vulnerabilities) {
    auto status = member(vulnerability, "product_status");
    if (!status) continue;
    std::map<std::string_view, std::pair<std::string_view, std::string>>
        seen;  // product -> group, pointer
    for (const auto& [key, group] : kGroups) {
      for (const auto& [id, id_at] : strings(*status, key, json_pointer(at, "product_status"))) {
        auto [it, inserted] = seen.emplace(id, std::pair{group, id_at});
        if (!inserted && it->second.first != group) {
          fail(result, id_at,
               fmt::format("product '{}' is both {} and {} (at {})", id, group, it->second.first,
                           it->second.second));
        }
      }
    }
  }
}

void test_6_1_7(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  for (const auto& [vulnerability, at] : doc.vulnerabilities) {
    std::set<std::pair<std::string_view, std::string>> seen;  // (product, "cvss_v3 3.1")
    for_each(vulnerability, "scores", at, [&](element score, const std::string& score_at) {
      std::vector<std::string> kinds;
      if (auto v2 = member(score, "cvss_v2"))
        kinds.push_back(fmt::format("CVSS v{}", string_member(*v2, "version").value_or("2")));
      if (auto v3 = member(score, "cvss_v3"))
        kinds.push_back(fmt::format("CVSS v{}", string_member(*v3, "version").value_or("3")));
      for (const auto& [product, product_at] : strings(score, "products", score_at)) {
        for (const auto& kind : kinds) {
          if (!seen.emplace(product, kind).second) {
            fail(result, product_at,
                 fmt::format("product '{}' has a second {} score in this vulnerability", product,
                             kind));
          }
        }
      }
    });
  }
}

// The CVSS objects of every score, with their pointers.
void for_each_cvss(
    const CsafDocument& doc,
    const std::function<void(element, std::string_view version_key, const std::string&)>& fn) {
  for (const auto& [vulnerability, at] : doc.vulnerabilities) {
    for_each(vulnerability, "scores", at, [&](element score, const std::string& score_at) {
      for (std::string_view key : {"cvss_v2", "cvss_v3"}) {
        if (auto cvss = member(score, key)) fn(*cvss, key, json_pointer(score_at, key));
      }
    });
  }
}

// The JSON properties of the CVSS schemas: name, vector metric, allowed values (in vector letters
// order of the schema's enumeration).
struct CvssProperty {
  std::string_view name;
  std::string_view metric;
  std::initializer_list<std::pair<std::string_view, std::string_view>>
      values;  // JSON value, vector value
};
const std::initializer_list<CvssProperty> kCvss3Properties{
    {"attackVector",
     "AV",
     {{"NETWORK", "N"}, {"ADJACENT_NETWORK", "A"}, {"LOCAL", "L"}, {"PHYSICAL", "P"}}},
    {"attackComplexity", "AC", {{"HIGH", "H"}, {"LOW", "L"}}},
    {"privilegesRequired", "PR", {{"HIGH", "H"}, {"LOW", "L"}, {"NONE", "N"}}},
    {"userInteraction", "UI", {{"NONE", "N"}, {"REQUIRED", "R"}}},
    {"scope", "S", {{"UNCHANGED", "U"}, {"CHANGED", "C"}}},
    {"confidentialityImpact", "C", {{"NONE", "N"}, {"LOW", "L"}, {"HIGH", "H"}}},
    {"integrityImpact", "I", {{"NONE", "N"}, {"LOW", "L"}, {"HIGH", "H"}}},
    {"availabilityImpact", "A", {{"NONE", "N"}, {"LOW", "L"}, {"HIGH", "H"}}},
    {"exploitCodeMaturity",
     "E",
     {{"UNPROVEN", "U"},
      {"PROOF_OF_CONCEPT", "P"},
      {"FUNCTIONAL", "F"},
      {"HIGH", "H"},
      {"NOT_DEFINED", "X"}}},
    {"remediationLevel",
     "RL",
     {{"OFFICIAL_FIX", "O"},
      {"TEMPORARY_FIX", "T"},
      {"WORKAROUND", "W"},
      {"UNAVAILABLE", "U"},
      {"NOT_DEFINED", "X"}}},
    {"reportConfidence",
     "RC",
     {{"UNKNOWN", "U"}, {"REASONABLE", "R"}, {"CONFIRMED", "C"}, {"NOT_DEFINED", "X"}}},
    {"confidentialityRequirement",
     "CR",
     {{"LOW", "L"}, {"MEDIUM", "M"}, {"HIGH", "H"}, {"NOT_DEFINED", "X"}}},
    {"integrityRequirement",
     "IR",
     {{"LOW", "L"}, {"MEDIUM", "M"}, {"HIGH", "H"}, {"NOT_DEFINED", "X"}}},
    {"availabilityRequirement",
     "AR",
     {{"LOW", "L"}, {"MEDIUM", "M"}, {"HIGH", "H"}, {"NOT_DEFINED", "X"}}},
    {"modifiedAttackVector",
     "MAV",
     {{"NETWORK", "N"},
      {"ADJACENT_NETWORK", "A"},
      {"LOCAL", "L"},
      {"PHYSICAL", "P"},
      {"NOT_DEFINED", "X"}}},
    {"modifiedAttackComplexity", "MAC", {{"HIGH", "H"}, {"LOW", "L"}, {"NOT_DEFINED", "X"}}},
    {"modifiedPrivilegesRequired",
     "MPR",
     {{"HIGH", "H"}, {"LOW", "L"}, {"NONE", "N"}, {"NOT_DEFINED", "X"}}},
    {"modifiedUserInteraction", "MUI", {{"NONE", "N"}, {"REQUIRED", "R"}, {"NOT_DEFINED", "X"}}},
    {"modifiedScope", "MS", {{"UNCHANGED", "U"}, {"CHANGED", "C"}, {"NOT_DEFINED", "X"}}},
    {"modifiedConfidentialityImpact",
     "MC",
     {{"NONE", "N"}, {"LOW", "L"}, {"HIGH", "H"}, {"NOT_DEFINED", "X"}}},
    {"modifiedIntegrityImpact",
     "MI",
     {{"NONE", "N"}, {"LOW", "L"}, {"HIGH", "H"}, {"NOT_DEFINED", "X"}}},
    {"modifiedAvailabilityImpact",
     "MA",
     {{"NONE", "N"}, {"LOW", "L"}, {"HIGH", "H"}, {"NOT_DEFINED", "X"}}},
};
const std::initializer_list<CvssProperty> kCvss2Properties{
    {"accessVector", "AV", {{"NETWORK", "N"}, {"ADJACENT_NETWORK", "A"}, {"LOCAL", "L"}}},
    {"accessComplexity", "AC", {{"HIGH", "H"}, {"MEDIUM", "M"}, {"LOW", "L"}}},
    {"authentication", "Au", {{"MULTIPLE", "M"}, {"SINGLE", "S"}, {"NONE", "N"}}},
    {"confidentialityImpact", "C", {{"NONE", "N"}, {"PARTIAL", "P"}, {"COMPLETE", "C"}}},
    {"integrityImpact", "I", {{"NONE", "N"}, {"PARTIAL", "P"}, {"COMPLETE", "C"}}},
    {"availabilityImpact", "A", {{"NONE", "N"}, {"PARTIAL", "P"}, {"COMPLETE", "C"}}},
    {"exploitability",
     "E",
     {{"UNPROVEN", "U"},
      {"PROOF_OF_CONCEPT", "POC"},
      {"FUNCTIONAL", "F"},
      {"HIGH", "H"},
      {"NOT_DEFINED", "ND"}}},
    {"remediationLevel",
     "RL",
     {{"OFFICIAL_FIX", "OF"},
      {"TEMPORARY_FIX", "TF"},
      {"WORKAROUND", "W"},
      {"UNAVAILABLE", "U"},
      {"NOT_DEFINED", "ND"}}},
    {"reportConfidence",
     "RC",
     {{"UNCONFIRMED", "UC"}, {"UNCORROBORATED", "UR"}, {"CONFIRMED", "C"}, {"NOT_DEFINED", "ND"}}},
    {"collateralDamagePotential",
     "CDP",
     {{"NONE", "N"},
      {"LOW", "L"},
      {"LOW_MEDIUM", "LM"},
      {"MEDIUM_HIGH", "MH"},
      {"HIGH", "H"},
      {"NOT_DEFINED", "ND"}}},
    {"targetDistribution",
     "TD",
     {{"NONE", "N"}, {"LOW", "L"}, {"MEDIUM", "M"}, {"HIGH", "H"}, {"NOT_DEFINED", "ND"}}},
    {"confidentialityRequirement",
     "CR",
     {{"LOW", "L"}, {"MEDIUM", "M"}, {"HIGH", "H"}, {"NOT_DEFINED", "ND"}}},
    {"integrityRequirement",
     "IR",
     {{"LOW", "L"}, {"MEDIUM", "M"}, {"HIGH", "H"}, {"NOT_DEFINED", "ND"}}},
    {"availabilityRequirement",
     "AR",
     {{"LOW", "L"}, {"MEDIUM", "M"}, {"HIGH", "H"}, {"NOT_DEFINED", "ND"}}},
};
constexpr std::string_view kSeverities[] = {"NONE", "LOW", "MEDIUM", "HIGH", "CRITICAL"};

// FIRST's vector patterns, token by token (no std::regex: its recursion grows with the input):
// v3 metrics in any order after the prefix "CVSS:3.x/", v2's without a prefix.
bool vector_syntax_ok(std::string_view key, std::string_view version, std::string_view vector) {
  using Values = std::map<std::string_view, std::set<std::string_view>>;
  static const Values kV2{{"AV", {"L", "A", "N"}},
                          {"AC", {"H", "M", "L"}},
                          {"Au", {"M", "S", "N"}},
                          {"C", {"N", "P", "C"}},
                          {"I", {"N", "P", "C"}},
                          {"A", {"N", "P", "C"}},
                          {"E", {"U", "POC", "F", "H", "ND"}},
                          {"RL", {"OF", "TF", "W", "U", "ND"}},
                          {"RC", {"UC", "UR", "C", "ND"}},
                          {"CDP", {"N", "L", "LM", "MH", "H", "ND"}},
                          {"TD", {"N", "L", "M", "H", "ND"}},
                          {"CR", {"L", "M", "H", "ND"}},
                          {"IR", {"L", "M", "H", "ND"}},
                          {"AR", {"L", "M", "H", "ND"}}};
  static const Values kV3{{"AV", {"N", "A", "L", "P"}},
                          {"AC", {"L", "H"}},
                          {"PR", {"N", "L", "H"}},
                          {"UI", {"N", "R"}},
                          {"S", {"U", "C"}},
                          {"C", {"N", "L", "H"}},
                          {"I", {"N", "L", "H"}},
                          {"A", {"N", "L", "H"}},
                          {"E", {"X", "U", "P", "F", "H"}},
                          {"RL", {"X", "O", "T", "W", "U"}},
                          {"RC", {"X", "U", "R", "C"}},
                          {"CR", {"X", "L", "M", "H"}},
                          {"IR", {"X", "L", "M", "H"}},
                          {"AR", {"X", "L", "M", "H"}},
                          {"MAV", {"X", "N", "A", "L", "P"}},
                          {"MAC", {"X", "L", "H"}},
                          {"MPR", {"X", "N", "L", "H"}},
                          {"MUI", {"X", "N", "R"}},
                          {"MS", {"X", "U", "C"}},
                          {"MC", {"X", "N", "L", "H"}},
                          {"MI", {"X", "N", "L", "H"}},
                          {"MA", {"X", "N", "L", "H"}}};
  const Values& metrics = key == "cvss_v2" ? kV2 : kV3;
  if (key != "cvss_v2") {
    const std::string prefix = fmt::format("CVSS:{}/", version);
    if (!vector.starts_with(prefix)) return false;
    vector.remove_prefix(prefix.size());
  }
  if (vector.empty()) return false;
  for (auto range : std::views::split(vector, '/')) {
    const std::string_view part(range.begin(), range.end());
    const std::size_t colon = part.find(':');
    if (colon == std::string_view::npos) return false;
    auto it = metrics.find(part.substr(0, colon));
    if (it == metrics.end() || !it->second.contains(part.substr(colon + 1))) return false;
  }
  return true;
}

void test_6_1_8(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  for_each_cvss(doc, [&](element cvss, std::string_view key, const std::string& at) {
    if (!cvss.is_object()) return fail(result, at, "is not an object");
    const bool v2 = key == "cvss_v2";
    const auto version = string_member(cvss, "version");
    if (!version || (v2 ? *version != "2.0" : *version != "3.0" && *version != "3.1")) {
      fail(result, json_pointer(at, "version"),
           v2 ? "must be \"2.0\"" : "must be \"3.0\" or \"3.1\"");
    }
    const auto vector = string_member(cvss, "vectorString");
    if (!vector) {
      fail(result, json_pointer(at, "vectorString"), "is required");
    } else if (version && !vector_syntax_ok(key, *version, *vector)) {
      fail(result, json_pointer(at, "vectorString"),
           fmt::format("'{}' is not a CVSS v{} vector", *vector, *version));
    }
    std::vector<std::string_view> scores{"baseScore", "temporalScore", "environmentalScore"};
    for (auto name : scores) {
      auto value = member(cvss, name);
      if (!value) {
        if (name == "baseScore") fail(result, json_pointer(at, name), "is required");
        continue;
      }
      auto n = number(*value);
      if (!n || *n < 0.0 || *n > 10.0)
        fail(result, json_pointer(at, name), "must be a number from 0 to 10");
    }
    if (!v2) {
      for (std::string_view name : {"baseSeverity", "temporalSeverity", "environmentalSeverity"}) {
        auto value = member(cvss, name);
        if (!value) {
          if (name == "baseSeverity") fail(result, json_pointer(at, name), "is required");
          continue;
        }
        if (!value->is_string() ||
            std::ranges::find(kSeverities, value->get_string().value()) == std::end(kSeverities)) {
          fail(result, json_pointer(at, name), "must be NONE, LOW, MEDIUM, HIGH or CRITICAL");
        }
      }
    }
    for (const auto& property : v2 ? kCvss2Properties : kCvss3Properties) {
      auto value = member(cvss, property.name);
      if (!value) continue;
      const bool known =
          value->is_string() && std::ranges::any_of(property.values, [&](const auto& pair) {
            return pair.first == value->get_string().value();
          });
      if (!known)
        fail(result, json_pointer(at, property.name), "is not one of the schema's values");
    }
  });
}

void test_6_1_9(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  for_each_cvss(doc, [&](element cvss, std::string_view key, const std::string& at) {
    const auto vector = string_member(cvss, "vectorString");
    if (!vector) return;
    const bool v2 = key == "cvss_v2";
    const auto version = string_member(cvss, "version").value_or("");
    if (!v2 && !vector->starts_with(fmt::format("CVSS:{}/", version))) return;  // 6.1.8's finding
    auto computed = v2 ? score_cvss2(*vector) : score_cvss3(*vector);
    if (!computed) return;  // 6.1.8's finding
    const std::pair<std::string_view, std::optional<double>> scores[] = {
        {"baseScore", computed->base},
        {"temporalScore", computed->temporal},
        {"environmentalScore", computed->environmental}};
    for (const auto& [name, expected] : scores) {
      auto value = member(cvss, name);
      if (!value || !expected) continue;
      auto given = number(*value);
      if (!given) continue;
      const double tolerance = v2 && name != "baseScore" ? 0.1 + 1e-9 : 1e-9;
      if (std::abs(*given - *expected) > tolerance) {
        fail(result, json_pointer(at, name),
             fmt::format("is {} where the vector computes {:.1f}", *given, *expected));
      }
    }
    if (v2) return;
    const std::pair<std::string_view, std::optional<double>> severities[] = {
        {"baseSeverity", computed->base},
        {"temporalSeverity", computed->temporal},
        {"environmentalSeverity", computed->environmental}};
    for (const auto& [name, score] : severities) {
      auto given = string_member(cvss, name);
      if (!given || !score) continue;
      std::string expected(to_string(rating_for(*score)));
      std::ranges::transform(expected, expected.begin(),
                             [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      if (*given != expected)
        fail(result, json_pointer(at, name),
             fmt::format("is {} where the vector computes {}", *given, expected));
    }
  });
}

void test_6_1_10(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  for_each_cvss(doc, [&](element cvss, std::string_view key, const std::string& at) {
    const auto vector = string_member(cvss, "vectorString");
    if (!vector) return;
    // The vector's metrics; a metric the v3 vector leaves out is "X" (not defined).
    std::map<std::string, std::string, std::less<>> metrics;
    for (auto range : std::views::split(*vector, '/')) {
      const std::string_view part(range.begin(), range.end());
      const std::size_t colon = part.find(':');
      if (colon != std::string_view::npos && !part.starts_with("CVSS:")) {
        metrics.emplace(std::string(part.substr(0, colon)), std::string(part.substr(colon + 1)));
      }
    }
    const bool v2 = key == "cvss_v2";
    for (const auto& property : v2 ? kCvss2Properties : kCvss3Properties) {
      auto given = string_member(cvss, property.name);
      if (!given) continue;
      auto it = metrics.find(property.metric);
      const std::string_view in_vector =
          it != metrics.end() ? std::string_view(it->second) : (v2 ? "ND" : "X");
      auto pair =
          std::ranges::find_if(property.values, [&](const auto& p) { return p.first == *given; });
      if (pair != property.values.end() && pair->second != in_vector) {
        fail(result, json_pointer(at, property.name),
             fmt::format("is {} where the vector says {}:{}", *given, property.metric, in_vector));
      }
    }
  });
}

void test_6_1_11(const CsafDocument& doc, const CsafCheckOptions& options, CsafTestResult& result) {
  auto is_cwe_id = [](std::string_view id) {
    if (!id.starts_with("CWE-")) return false;
    const std::string_view digits = id.substr(4);
    return !digits.empty() && digits.size() <= 6 && digits[0] != '0' &&
           std::ranges::all_of(digits, [](char c) { return c >= '0' && c <= '9'; });
  };
  bool any = false;
  for (const auto& [vulnerability, at] : doc.vulnerabilities) {
    auto cwe = member(vulnerability, "cwe");
    if (!cwe) continue;
    any = true;
    const std::string cwe_at = json_pointer(at, "cwe");
    const auto id = string_member(*cwe, "id");
    const auto name = string_member(*cwe, "name");
    if (!id || !is_cwe_id(*id)) {
      fail(result, json_pointer(cwe_at, "id"), "is not a CWE id (CWE-<number>)");
      continue;
    }
    if (options.cwe_catalog == nullptr) continue;
    const auto known = options.cwe_catalog->name_of(*id);
    if (!known) {
      fail(result, json_pointer(cwe_at, "id"),
           fmt::format("{} is not in the CWE catalog ({})", *id, options.cwe_catalog->source));
    } else if (name && *name != *known) {
      fail(result, json_pointer(cwe_at, "name"),
           fmt::format("is '{}' where the CWE catalog names {} '{}'", *name, *id, *known));
    }
  }
  if (!any) return not_applicable(result, "the document names no CWE");
  if (options.cwe_catalog == nullptr && result.status == CsafTestStatus::passed) {
    result.status = CsafTestStatus::cannot_tell;
    result.reason =
        "whether the CWE ids exist and their names are right needs a CWE catalog (--cwe-catalog)";
  }
}

void test_6_1_12(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  bool any = false;
  for (std::string_view key : {"lang", "source_lang"}) {
    auto tag = string_at(doc.root, {"document", key});
    if (!tag) continue;
    any = true;
    if (auto problem = language_tag_problem(*tag)) {
      fail(result, json_pointer("/document", key),
           fmt::format("'{}' is not a valid language tag: {}", *tag, *problem));
    }
  }
  if (!any) not_applicable(result, "the document gives no language");
}

// Every product_identification_helper, with its pointer.
template <typename Fn>
void for_each_helper(const CsafDocument& doc, Fn fn) {
  for (const auto& product : doc.products) {
    if (auto helper = member(product.product, "product_identification_helper")) {
      const std::string product_at = product.pointer.substr(0, product.pointer.rfind('/'));
      fn(*helper, json_pointer(product_at, "product_identification_helper"));
    }
  }
}

void test_6_1_13(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  for_each_helper(doc, [&](element helper, const std::string& at) {
    if (auto purl = string_member(helper, "purl")) {
      if (auto parsed = parse_purl(*purl); !parsed) {
        fail(result, json_pointer(at, "purl"),
             fmt::format("'{}' is not a valid purl: {}", *purl, parsed.error().message));
      }
    }
  });
}

// Revisions with a number and a date, sorted by date, then by number.
std::vector<const Revision*> revisions_by_date(const CsafDocument& doc) {
  std::vector<const Revision*> sorted;
  for (const auto& revision : doc.revisions) {
    if (revision.number && revision.date) sorted.push_back(&revision);
  }
  std::ranges::stable_sort(sorted, [](const Revision* a, const Revision* b) {
    if (*a->date != *b->date) return *a->date < *b->date;
    return compare(*a->number, *b->number) < 0;
  });
  return sorted;
}

void test_6_1_14(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  const auto sorted = revisions_by_date(doc);
  for (std::size_t i = 1; i < sorted.size(); ++i) {
    if (compare(*sorted[i - 1]->number, *sorted[i]->number) > 0) {
      fail(result, sorted[i]->pointer,
           fmt::format("revision {} is dated after revision {} but numbered before it",
                       sorted[i]->number_text, sorted[i - 1]->number_text));
    }
  }
}

void test_6_1_15(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  if (string_at(doc.root, {"document", "publisher", "category"}) != "translator") {
    return not_applicable(result, "the publisher is not a translator");
  }
  if (!string_at(doc.root, {"document", "source_lang"})) {
    fail(result, "/document/source_lang", "a translator's document must give its source language");
  }
}

void test_6_1_16(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  const auto version = string_at(doc.root, {"document", "tracking", "version"});
  const auto sorted = revisions_by_date(doc);
  if (!version || sorted.empty() || doc.status.empty()) {
    return not_applicable(result, "the document has no version, status or dated revision history");
  }
  // Build metadata never counts; a pre-release part counts only outside drafts.
  auto normalized = [&](std::string_view text) {
    text = text.substr(0, text.find('+'));
    if (doc.status == "draft") text = text.substr(0, text.find('-'));
    return text;
  };
  const std::string_view latest = sorted.back()->number_text;
  if (normalized(*version) != normalized(latest)) {
    fail(result, "/document/tracking/version",
         fmt::format("is {} where the latest revision (by date) is {}", *version, latest));
  }
}

void test_6_1_17(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  const auto text = string_at(doc.root, {"document", "tracking", "version"});
  const auto version = text ? parse_version(*text) : std::nullopt;
  if (!version) return not_applicable(result, "the document has no valid version");
  if ((version->zero() || version->prerelease()) && doc.status != "draft") {
    fail(result, "/document/tracking/status",
         fmt::format("is '{}' but version {} is a draft's (0, 0.y.z or a pre-release)", doc.status,
                     *text));
  }
}

void test_6_1_18(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  if (doc.status != "final" && doc.status != "interim")
    return not_applicable(result, "the document is not final or interim");
  for (const auto& revision : doc.revisions) {
    if (revision.number && revision.number->zero()) {
      fail(result, json_pointer(revision.pointer, "number"),
           fmt::format("a {} document's revision history has version {}", doc.status,
                       revision.number_text));
    }
  }
}

void test_6_1_19(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  for (const auto& revision : doc.revisions) {
    if (revision.number && revision.number->prerelease()) {
      fail(result, json_pointer(revision.pointer, "number"),
           fmt::format("revision {} is a pre-release version", revision.number_text));
    }
  }
}

void test_6_1_20(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  if (doc.status != "final" && doc.status != "interim")
    return not_applicable(result, "the document is not final or interim");
  const auto text = string_at(doc.root, {"document", "tracking", "version"});
  const auto version = text ? parse_version(*text) : std::nullopt;
  if (version && version->prerelease()) {
    fail(result, "/document/tracking/version",
         fmt::format("a {} document has the pre-release version {}", doc.status, *text));
  }
}

void test_6_1_21(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  // By date, the major versions start at 0 or 1 and go up without a gap.
  std::vector<std::uint64_t> majors;
  for (const auto* revision : revisions_by_date(doc)) {
    if (std::ranges::find(majors, revision->number->major()) == majors.end())
      majors.push_back(revision->number->major());
  }
  if (majors.empty()) return;
  if (majors.front() > 1) {
    fail(result, "/document/tracking/revision_history",
         fmt::format("the first revision by date is version {}, not 0 or 1", majors.front()));
  }
  for (std::size_t i = 0; i < majors.size(); ++i) {
    if (majors[i] > majors.front() + i) {
      fail(result, "/document/tracking/revision_history",
           fmt::format("version {} is missing", majors.front() + i));
      break;
    }
  }
}

void test_6_1_22(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  std::map<std::string_view, std::string_view> first;
  for (const auto& revision : doc.revisions) {
    if (revision.number_text.empty()) continue;
    auto [it, inserted] = first.emplace(revision.number_text, revision.pointer);
    if (!inserted) {
      fail(result, json_pointer(revision.pointer, "number"),
           fmt::format("revision {} is already in the history at {}", revision.number_text,
                       it->second));
    }
  }
}

void test_6_1_23(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  std::map<std::string_view, std::string_view> first;
  for (const auto& [vulnerability, at] : doc.vulnerabilities) {
    auto cve = string_member(vulnerability, "cve");
    if (!cve) continue;
    auto [it, inserted] = first.emplace(*cve, at);
    if (!inserted)
      fail(result, json_pointer(at, "cve"),
           fmt::format("{} is already the subject of {}", *cve, it->second));
  }
}

void test_6_1_24(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  for (const auto& [vulnerability, at] : doc.vulnerabilities) {
    std::vector<std::pair<std::string_view,
                          std::optional<std::pair<std::chrono::sys_seconds, std::string>>>>
        seen;
    for_each(vulnerability, "involvements", at,
             [&](element involvement, const std::string& item_at) {
               auto party = string_member(involvement, "party");
               auto date = string_member(involvement, "date");
               if (!party || !date) return;
               auto key = std::pair{*party, instant(*date)};
               if (std::ranges::find(seen, key) != seen.end()) {
                 fail(result, item_at,
                      fmt::format("a second involvement of party '{}' on {}", *party, *date));
               } else {
                 seen.push_back(key);
               }
             });
  }
}

void test_6_1_25(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  for_each_helper(doc, [&](element helper, const std::string& at) {
    for_each(helper, "hashes", at, [&](element hash, const std::string& hash_at) {
      std::set<std::string_view> algorithms;
      for_each(hash, "file_hashes", hash_at, [&](element file_hash, const std::string& file_at) {
        auto algorithm = string_member(file_hash, "algorithm");
        if (algorithm && !algorithms.insert(*algorithm).second) {
          fail(result, json_pointer(file_at, "algorithm"),
               fmt::format("a second {} hash of the same file", *algorithm));
        }
      });
    });
  });
}

void test_6_1_26(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  static const std::set<std::string_view> kProfiles{"csaf_base", "csaf_security_incident_response",
                                                    "csaf_informational_advisory",
                                                    "csaf_security_advisory", "csaf_vex"};
  // The other profiles' names and category values, lower case, without '-', '_' and white space.
  static const std::set<std::string_view> kOtherProfileNames{"securityincidentresponse",
                                                             "informationaladvisory",
                                                             "securityadvisory",
                                                             "vex",
                                                             "csafsecurityincidentresponse",
                                                             "csafinformationaladvisory",
                                                             "csafsecurityadvisory",
                                                             "csafvex"};
  const std::string_view category = doc.category;
  if (category.empty() || kProfiles.contains(category)) return;
  if (ascii_lowercase(category).starts_with("csaf_")) {
    return fail(result, "/document/category",
                fmt::format("'{}' uses the prefix csaf_, reserved for CSAF's profiles", category));
  }
  std::string squeezed;
  for (char c : ascii_lowercase(category)) {
    if (c != '-' && c != '_' && !std::isspace(static_cast<unsigned char>(c))) squeezed.push_back(c);
  }
  if (kOtherProfileNames.contains(squeezed)) {
    fail(result, "/document/category",
         fmt::format("'{}' is the name of a profile other than CSAF Base", category));
  }
}

// Profile tests: not applicable outside their profiles.
bool in_profile(const CsafDocument& doc, CsafTestResult& result,
                std::initializer_list<std::string_view> profiles) {
  if (std::ranges::find(profiles, doc.category) != profiles.end()) return true;
  std::string names;
  for (auto profile : profiles) names += (names.empty() ? "" : " or ") + std::string(profile);
  not_applicable(result, fmt::format("the document is not {}", names));
  return false;
}

void test_6_1_27_1(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  if (!in_profile(doc, result, {"csaf_informational_advisory", "csaf_security_incident_response"}))
    return;
  bool found = false;
  if (auto document = member(doc.root, "document")) {
    for_each(*document, "notes", "/document", [&](element note, const std::string&) {
      auto category = string_member(note, "category");
      if (category == "description" || category == "details" || category == "general" ||
          category == "summary")
        found = true;
    });
  }
  if (!found)
    fail(result, "/document/notes",
         "needs a note of category description, details, general or summary");
}

void test_6_1_27_2(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  if (!in_profile(doc, result, {"csaf_informational_advisory", "csaf_security_incident_response"}))
    return;
  bool found = false;
  if (auto document = member(doc.root, "document")) {
    for_each(*document, "references", "/document", [&](element reference, const std::string&) {
      if (string_member(reference, "category").value_or("external") == "external") found = true;
    });
  }
  if (!found) fail(result, "/document/references", "needs a reference of category external");
}

void test_6_1_27_3(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  if (!in_profile(doc, result, {"csaf_informational_advisory"})) return;
  if (member(doc.root, "vulnerabilities"))
    fail(result, "/vulnerabilities", "an informational advisory has no vulnerabilities");
}

void test_6_1_27_4(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  if (!in_profile(doc, result, {"csaf_security_advisory", "csaf_vex"})) return;
  if (!member(doc.root, "product_tree"))
    fail(result, "/product_tree", "is required in this profile");
}

void test_6_1_27_5(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  if (!in_profile(doc, result, {"csaf_security_advisory", "csaf_vex"})) return;
  for (const auto& [vulnerability, at] : doc.vulnerabilities) {
    if (!member(vulnerability, "notes"))
      fail(result, json_pointer(at, "notes"), "is required in this profile");
  }
}

void test_6_1_27_6(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  if (!in_profile(doc, result, {"csaf_security_advisory"})) return;  // csaf_vex: 6.1.27.7
  for (const auto& [vulnerability, at] : doc.vulnerabilities) {
    if (!member(vulnerability, "product_status"))
      fail(result, json_pointer(at, "product_status"), "is required in this profile");
  }
}

void test_6_1_27_7(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  if (!in_profile(doc, result, {"csaf_vex"})) return;
  for (const auto& [vulnerability, at] : doc.vulnerabilities) {
    auto status = member(vulnerability, "product_status");
    if (!status) {
      fail(result, json_pointer(at, "product_status"), "is required in this profile");
      continue;
    }
    if (!member(*status, "fixed") && !member(*status, "known_affected") &&
        !member(*status, "known_not_affected") && !member(*status, "under_investigation")) {
      fail(result, json_pointer(at, "product_status"),
           "needs fixed, known_affected, known_not_affected or under_investigation");
    }
  }
}

void test_6_1_27_8(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  if (!in_profile(doc, result, {"csaf_vex"})) return;
  for (const auto& [vulnerability, at] : doc.vulnerabilities) {
    if (!member(vulnerability, "cve") && !member(vulnerability, "ids"))
      fail(result, at, "needs a cve or ids");
  }
}

void test_6_1_27_9(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  if (!in_profile(doc, result, {"csaf_vex"})) return;
  for (const auto& [vulnerability, at] : doc.vulnerabilities) {
    std::set<std::string_view> stated;
    for_each(vulnerability, "flags", at, [&](element flag, const std::string& flag_at) {
      for (auto id : doc.expand(flag, flag_at)) stated.insert(id);
    });
    for_each(vulnerability, "threats", at, [&](element threat, const std::string& threat_at) {
      if (string_member(threat, "category") == "impact") {
        for (auto id : doc.expand(threat, threat_at)) stated.insert(id);
      }
    });
    auto status = member(vulnerability, "product_status");
    if (!status) continue;
    for (const auto& [id, id_at] :
         strings(*status, "known_not_affected", json_pointer(at, "product_status"))) {
      if (!stated.contains(id))
        fail(result, id_at,
             fmt::format("product '{}' is known not affected without an impact statement (a flag "
                         "or an impact threat)",
                         id));
    }
  }
}

void test_6_1_27_10(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  if (!in_profile(doc, result, {"csaf_vex"})) return;
  for (const auto& [vulnerability, at] : doc.vulnerabilities) {
    std::set<std::string_view> stated;
    for_each(vulnerability, "remediations", at,
             [&](element remediation, const std::string& remediation_at) {
               for (auto id : doc.expand(remediation, remediation_at)) stated.insert(id);
             });
    auto status = member(vulnerability, "product_status");
    if (!status) continue;
    for (const auto& [id, id_at] :
         strings(*status, "known_affected", json_pointer(at, "product_status"))) {
      if (!stated.contains(id))
        fail(result, id_at,
             fmt::format(
                 "product '{}' is known affected without an action statement (a remediation)", id));
    }
  }
}

void test_6_1_27_11(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  if (!in_profile(doc, result, {"csaf_security_advisory", "csaf_vex"})) return;
  if (!member(doc.root, "vulnerabilities"))
    fail(result, "/vulnerabilities", "is required in this profile");
}

void test_6_1_28(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  auto lang = string_at(doc.root, {"document", "lang"});
  auto source = string_at(doc.root, {"document", "source_lang"});
  if (!lang || !source)
    return not_applicable(result, "the document does not give both lang and source_lang");
  if (ascii_iequals(*lang, *source))
    fail(result, "/document/source_lang",
         fmt::format("a translation from '{}' into '{}'", *source, *lang));
}

void test_6_1_29(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  for (const auto& [vulnerability, at] : doc.vulnerabilities) {
    for_each(vulnerability, "remediations", at,
             [&](element remediation, const std::string& item_at) {
               if (!member(remediation, "product_ids") && !member(remediation, "group_ids")) {
                 fail(result, item_at, "a remediation names no product_ids or group_ids");
               }
             });
  }
}

void test_6_1_30(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  std::optional<bool> integer;
  auto check = [&](const DocumentVersion& version, const std::string& at, std::string_view text) {
    if (!integer) integer = version.integer;
    if (*integer != version.integer) {
      fail(
          result, at,
          fmt::format("{} mixes {} versioning into {} versioning", text,
                      version.integer ? "integer" : "semantic", *integer ? "integer" : "semantic"));
    }
  };
  for (const auto& revision : doc.revisions) {
    if (revision.number)
      check(*revision.number, json_pointer(revision.pointer, "number"), revision.number_text);
  }
  if (!integer) return;
  if (auto text = string_at(doc.root, {"document", "tracking", "version"})) {
    if (auto version = parse_version(*text)) check(*version, "/document/tracking/version", *text);
  }
}

void test_6_1_31(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  // A comparison operator anywhere, or one of the range words as a word of its own (between white
  // space: "after-eight" names a version).
  static const std::set<std::string, std::less<>> kRangeWords{
      "after", "all", "before", "earlier", "later", "prior", "versions"};
  auto is_range = [](std::string_view name) {
    if (name.find_first_of("<>") != std::string_view::npos) return true;
    std::string word;
    for (std::size_t i = 0; i <= name.size(); ++i) {
      if (i == name.size() || std::isspace(static_cast<unsigned char>(name[i]))) {
        if (kRangeWords.contains(ascii_lowercase(word))) return true;
        word.clear();
      } else {
        word.push_back(name[i]);
      }
    }
    return false;
  };
  for (const auto& [branch, at] : doc.branches) {
    if (string_member(branch, "category") != "product_version") continue;
    auto name = string_member(branch, "name");
    if (name && is_range(*name)) {
      fail(result, json_pointer(at, "name"),
           fmt::format("product version '{}' is a range (use product_version_range)", *name));
    }
  }
}

void test_6_1_32(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  for (const auto& [vulnerability, at] : doc.vulnerabilities) {
    for_each(vulnerability, "flags", at, [&](element flag, const std::string& item_at) {
      if (!member(flag, "product_ids") && !member(flag, "group_ids"))
        fail(result, item_at, "a flag names no product_ids or group_ids");
    });
  }
}

void test_6_1_33(const CsafDocument& doc, const CsafCheckOptions&, CsafTestResult& result) {
  for (const auto& [vulnerability, at] : doc.vulnerabilities) {
    std::map<std::string_view, std::string> flagged;
    for_each(vulnerability, "flags", at, [&](element flag, const std::string& flag_at) {
      for (auto id : doc.expand(flag, flag_at)) {
        auto [it, inserted] = flagged.emplace(id, flag_at);
        if (!inserted)
          fail(result, flag_at,
               fmt::format("product '{}' already has a flag at {}", id, it->second));
      }
    });
  }
}

constexpr Test kTests[] = {
    {"6.1.1", "Missing Definition of Product ID", test_6_1_1},
    {"6.1.2", "Multiple Definition of Product ID", test_6_1_2},
    {"6.1.3", "Circular Definition of Product ID", test_6_1_3},
    {"6.1.4", "Missing Definition of Product Group ID", test_6_1_4},
    {"6.1.5", "Multiple Definition of Product Group ID", test_6_1_5},
    {"6.1.6", "Contradicting Product Status", test_6_1_6},
    {"6.1.7", "Multiple Scores with same Version per Product", test_6_1_7},
    {"6.1.8", "Invalid CVSS", test_6_1_8},
    {"6.1.9", "Invalid CVSS computation", test_6_1_9},
    {"6.1.10", "Inconsistent CVSS", test_6_1_10},
    {"6.1.11", "CWE", test_6_1_11},
    {"6.1.12", "Language", test_6_1_12},
    {"6.1.13", "PURL", test_6_1_13},
    {"6.1.14", "Sorted Revision History", test_6_1_14},
    {"6.1.15", "Translator", test_6_1_15},
    {"6.1.16", "Latest Document Version", test_6_1_16},
    {"6.1.17", "Document Status Draft", test_6_1_17},
    {"6.1.18", "Released Revision History", test_6_1_18},
    {"6.1.19", "Revision History Entries for Pre-release Versions", test_6_1_19},
    {"6.1.20", "Non-draft Document Version", test_6_1_20},
    {"6.1.21", "Missing Item in Revision History", test_6_1_21},
    {"6.1.22", "Multiple Definition in Revision History", test_6_1_22},
    {"6.1.23", "Multiple Use of Same CVE", test_6_1_23},
    {"6.1.24", "Multiple Definition in Involvements", test_6_1_24},
    {"6.1.25", "Multiple Use of Same Hash Algorithm", test_6_1_25},
    {"6.1.26", "Prohibited Document Category Name", test_6_1_26},
    {"6.1.27.1", "Document Notes", test_6_1_27_1},
    {"6.1.27.2", "Document References", test_6_1_27_2},
    {"6.1.27.3", "Vulnerabilities", test_6_1_27_3},
    {"6.1.27.4", "Product Tree", test_6_1_27_4},
    {"6.1.27.5", "Vulnerability Notes", test_6_1_27_5},
    {"6.1.27.6", "Product Status", test_6_1_27_6},
    {"6.1.27.7", "VEX Product Status", test_6_1_27_7},
    {"6.1.27.8", "Vulnerability ID", test_6_1_27_8},
    {"6.1.27.9", "Impact Statement", test_6_1_27_9},
    {"6.1.27.10", "Action Statement", test_6_1_27_10},
    {"6.1.27.11", "Vulnerabilities", test_6_1_27_11},
    {"6.1.28", "Translation", test_6_1_28},
    {"6.1.29", "Remediation without Product Reference", test_6_1_29},
    {"6.1.30", "Mixed Integer and Semantic Versioning", test_6_1_30},
    {"6.1.31", "Version Range in Product Version", test_6_1_31},
    {"6.1.32", "Flag without Product Reference", test_6_1_32},
    {"6.1.33", "Multiple Flags with VEX Justification Codes per Product", test_6_1_33},
};

}  // namespace

std::string_view to_string(CsafTestStatus status) {
  switch (status) {
    case CsafTestStatus::passed:
      return "passed";
    case CsafTestStatus::failed:
      return "failed";
    case CsafTestStatus::not_applicable:
      return "not applicable";
    case CsafTestStatus::cannot_tell:
      return "cannot tell";
  }
  return "cannot tell";
}

std::size_t CsafCheck::count(CsafTestStatus status) const {
  return static_cast<std::size_t>(std::ranges::count(results, status, &CsafTestResult::status));
}

CsafCheck check_csaf_mandatory_tests(std::string_view bytes, std::string_view file,
                                     const CsafCheckOptions& options) {
  CsafCheck check;
  JsonReader json(file, check.diagnostics);
  auto root = json.parse(bytes, options.limits);
  if (!root) return check;
  if (!json.as_object(*root, "")) return check;
  const element document = *root;
  auto version = string_at(document, {"document", "csaf_version"});
  if (version != "2.0") {
    json.error(
        "/document/csaf_version",
        version ? fmt::format("csaf_version is '{}': cradle runs the mandatory tests of CSAF 2.0",
                              *version)
                : std::string("not a CSAF document: /document/csaf_version is missing"));
    return check;
  }
  check.read = true;
  const CsafDocument doc(document);
  for (const auto& test : kTests) {
    CsafTestResult result;
    result.id = test.id;
    result.title = test.title;
    test.run(doc, options, result);
    check.results.push_back(std::move(result));
  }
  return check;
}

}  // namespace cradle
