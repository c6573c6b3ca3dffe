#include "formats/vex/csaf_vex.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "formats/json_reader.h"

namespace cradle {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

struct StatusKey {
  std::string_view key;
  VexStatus status;
};
constexpr StatusKey kStatusKeys[] = {
    {"known_not_affected", VexStatus::not_affected}, {"known_affected", VexStatus::affected},
    {"first_affected", VexStatus::affected},         {"last_affected", VexStatus::affected},
    {"fixed", VexStatus::fixed},                     {"first_fixed", VexStatus::fixed},
    {"under_investigation", VexStatus::under_investigation},
};

// A version range as CSAF writes it: vers as is; a bare comparator expression as vers:generic.
std::string as_vers(std::string_view range) {
  if (range.starts_with("vers:")) return std::string(range);
  std::string compact;
  for (char c : range) {
    if (c != ' ') compact.push_back(c);
  }
  return "vers:generic/" + compact;
}

class CsafVexParser {
 public:
  CsafVexParser(std::string_view file, VexParseResult& result, const ParseLimits& limits)
      : json_(file, result.diagnostics), result_(result), limits_(limits) {}

  void parse(std::string_view bytes) {
    auto root = json_.parse_object(bytes, limits_);
    if (!root) return;
    auto document = json_.object_at(*root, "document", "");
    if (!document) {
      json_.error("/document", "a CSAF document needs 'document'");
      return;
    }
    auto version = json_.string_at(*document, "csaf_version", "/document");
    if (!version || (*version != "2.0" && *version != "2.1")) {
      json_.error("/document/csaf_version", "not a CSAF 2.0 or 2.1 document");
      return;
    }
    result_.read = true;
    const std::string_view category = json_.string_at(*document, "category", "/document").value_or("");
    vex_profile_ = category == "csaf_vex";
    if (category != "csaf_vex" && category != "csaf_security_advisory") {
      json_.warning("/document/category",
                    fmt::format("category '{}' is neither csaf_vex nor csaf_security_advisory; its "
                                "product statuses are read all the same",
                                category));
    }
    if (auto publisher = json_.object_at(*document, "publisher", "/document")) {
      author_ = std::string(json_.string_at(*publisher, "name", "/document/publisher").value_or(""));
    }
    if (auto tracking = json_.object_at(*document, "tracking", "/document")) {
      timestamp_ = std::string(
          json_.string_at(*tracking, "current_release_date", "/document/tracking").value_or(""));
      document_id_ = fmt::format("{}/{}",
                                 json_.string_at(*tracking, "id", "/document/tracking").value_or(""),
                                 json_.string_at(*tracking, "version", "/document/tracking").value_or(""));
    }
    if (auto tree = json_.object_at(*root, "product_tree", "")) read_product_tree(*tree);
    auto vulnerabilities = json_.array_at(*root, "vulnerabilities", "");
    if (!vulnerabilities) {
      if (category == "csaf_vex") json_.error("/vulnerabilities", "a CSAF VEX document needs 'vulnerabilities'");
      return;
    }
    std::size_t index = 0;
    for (element item : *vulnerabilities) {
      const std::string pointer = json_pointer("/vulnerabilities", index++);
      if (auto vulnerability = json_.as_object(item, pointer)) read_vulnerability(*vulnerability, pointer);
    }
  }

 private:
  // What the branch path above a product says about it.
  struct Path {
    std::string name;     // product_name, else product_family, else vendor
    int name_rank = 0;    // 3 product_name, 2 product_family, 1 vendor
    std::string version;  // product_version, or a vers range
  };

  void read_product_tree(object tree) {
    if (auto branches = json_.array_at(tree, "branches", "/product_tree")) {
      read_branches(*branches, "/product_tree/branches", Path{}, 1);
    }
    if (auto names = json_.array_at(tree, "full_product_names", "/product_tree")) {
      std::size_t i = 0;
      for (element item : *names) {
        const std::string pointer = json_pointer("/product_tree/full_product_names", i++);
        if (auto product = json_.as_object(item, pointer)) read_product(*product, pointer, Path{});
      }
    }
    if (auto relationships = json_.array_at(tree, "relationships", "/product_tree")) {
      std::size_t i = 0;
      for (element item : *relationships) {
        const std::string pointer = json_pointer("/product_tree/relationships", i++);
        if (auto relationship = json_.as_object(item, pointer)) read_relationship(*relationship, pointer);
      }
    }
    // CSAF 2.1 says with a path what 2.0 said with relationships.
    if (auto paths = json_.array_at(tree, "product_paths", "/product_tree")) {
      std::size_t i = 0;
      for (element item : *paths) {
        const std::string pointer = json_pointer("/product_tree/product_paths", i++);
        if (auto path = json_.as_object(item, pointer)) read_product_path(*path, pointer);
      }
    }
    if (auto groups = json_.array_at(tree, "product_groups", "/product_tree")) {
      std::size_t i = 0;
      for (element item : *groups) {
        const std::string pointer = json_pointer("/product_tree/product_groups", i++);
        auto group = json_.as_object(item, pointer);
        if (!group) continue;
        auto id = json_.string_at(*group, "group_id", pointer);
        if (!id) continue;
        auto& members = groups_[std::string(*id)];
        for (std::string& product : string_list(*group, "product_ids", pointer)) members.push_back(std::move(product));
      }
    }
  }

  void read_branches(array branches, const std::string& pointer, const Path& above, std::size_t depth) {
    if (depth > limits_.max_depth) {
      json_.error(pointer, fmt::format("branches nest deeper than {}", limits_.max_depth));
      return;
    }
    std::size_t i = 0;
    for (element item : branches) {
      const std::string branch_pointer = json_pointer(pointer, i++);
      auto branch = json_.as_object(item, branch_pointer);
      if (!branch) continue;
      Path path = above;
      const std::string_view category = json_.string_at(*branch, "category", branch_pointer).value_or("");
      const std::string name(json_.string_at(*branch, "name", branch_pointer).value_or(""));
      const int rank = category == "product_name"     ? 3
                       : category == "product_family" ? 2
                       : category == "vendor"         ? 1
                                                      : 0;
      if (rank > 0 && rank >= path.name_rank) {
        path.name = name;
        path.name_rank = rank;
      } else if (category == "product_version") {
        path.version = name;
      } else if (category == "product_version_range") {
        path.version = as_vers(name);
      }
      if (auto product = json_.object_at(*branch, "product", branch_pointer)) {
        read_product(*product, branch_pointer + "/product", path);
      }
      if (auto nested = json_.array_at(*branch, "branches", branch_pointer)) {
        read_branches(*nested, branch_pointer + "/branches", path, depth + 1);
      }
    }
  }

  void read_product(object product, const std::string& pointer, const Path& path) {
    auto id = json_.string_at(product, "product_id", pointer);
    if (!id || id->empty()) {
      json_.error(pointer + "/product_id", "a product needs 'product_id'");
      return;
    }
    VexProduct named;
    if (auto helper = json_.object_at(product, "product_identification_helper", pointer)) {
      if (auto purl = json_.string_at(*helper, "purl", pointer + "/product_identification_helper")) {
        named.id = std::string(*purl);
      }
    }
    if (named.id.empty()) {
      named.name = path.name.empty()
                       ? std::string(json_.string_at(product, "name", pointer).value_or(""))
                       : path.name;
      if (!path.version.empty()) named.versions.push_back(path.version);
    }
    products_[std::string(*id)] = std::move(named);
  }

  // A product id with where the document names it.
  using Reference = std::pair<std::string, std::string>;

  // "C as part of P": P, with C's purl as a subcomponent.
  void read_relationship(object relationship, const std::string& pointer) {
    auto component = json_.string_at(relationship, "product_reference", pointer);
    auto product = json_.string_at(relationship, "relates_to_product_reference", pointer);
    auto full = json_.object_at(relationship, "full_product_name", pointer);
    if (!component || !product || !full) {
      json_.error(pointer, "a relationship needs product_reference, relates_to_product_reference "
                           "and full_product_name");
      return;
    }
    auto id = json_.string_at(*full, "product_id", pointer + "/full_product_name");
    if (!id) return;
    define_along(*id, {{std::string(*component), pointer + "/product_reference"},
                       {std::string(*product), pointer + "/relates_to_product_reference"}});
  }

  // CSAF 2.1's path from a product through the products it is part of (installed on, a
  // component of): what a chain of 2.0 relationships says.
  void read_product_path(object path, const std::string& pointer) {
    auto beginning = json_.string_at(path, "beginning_product_reference", pointer);
    auto full = json_.object_at(path, "full_product_name", pointer);
    auto subpaths = json_.array_at(path, "subpaths", pointer);
    if (!beginning || !full || !subpaths) {
      json_.error(pointer, "a product path needs beginning_product_reference, full_product_name "
                           "and subpaths");
      return;
    }
    auto id = json_.string_at(*full, "product_id", pointer + "/full_product_name");
    if (!id) return;
    std::vector<Reference> nodes{{std::string(*beginning), pointer + "/beginning_product_reference"}};
    std::size_t i = 0;
    for (element item : *subpaths) {
      const std::string subpath_pointer = json_pointer(pointer + "/subpaths", i++);
      auto subpath = json_.as_object(item, subpath_pointer);
      if (!subpath) return;
      auto next = json_.string_at(*subpath, "next_product_reference", subpath_pointer);
      if (!next) return;
      nodes.emplace_back(std::string(*next), subpath_pointer + "/next_product_reference");
    }
    if (nodes.size() < 2) {
      json_.error(pointer + "/subpaths", "a product path needs at least one subpath");
      return;
    }
    define_along(*id, nodes);
  }

  // Defines `id` as the product at the end of `nodes`, with the purls of those before it as its
  // subcomponents; a node the tree does not define is an error where it is named.
  void define_along(std::string_view id, const std::vector<Reference>& nodes) {
    for (const auto& [node, where] : nodes) {
      if (!products_.contains(node)) {
        json_.error(where, fmt::format("product '{}' is not in the product tree", node));
        return;
      }
    }
    VexProduct combined = products_[nodes.back().first];
    for (std::size_t at = 0; at + 1 < nodes.size(); ++at) {
      const std::string& part = products_[nodes[at].first].id;
      if (part.starts_with("pkg:")) combined.subcomponents.push_back(part);
    }
    products_[std::string(id)] = std::move(combined);
  }

  std::vector<std::string> string_list(object parent, std::string_view key, const std::string& pointer) {
    std::vector<std::string> out;
    if (auto list = json_.array_at(parent, key, pointer)) {
      std::size_t i = 0;
      for (element item : *list) {
        if (auto text = json_.as_string(item, json_pointer(json_pointer(pointer, key), i++))) out.emplace_back(*text);
      }
    }
    return out;
  }

  // The product ids an entry (flag, threat, remediation) names, groups expanded.
  std::set<std::string> named_products(object entry, const std::string& pointer) {
    std::set<std::string> out;
    for (std::string& id : string_list(entry, "product_ids", pointer)) out.insert(std::move(id));
    for (const std::string& group : string_list(entry, "group_ids", pointer)) {
      auto members = groups_.find(group);
      if (members == groups_.end()) {
        json_.error(pointer, fmt::format("group '{}' is not in the product tree", group));
        continue;
      }
      out.insert(members->second.begin(), members->second.end());
    }
    return out;
  }

  void read_vulnerability(object vulnerability, const std::string& pointer) {
    std::string id(json_.string_at(vulnerability, "cve", pointer).value_or(""));
    std::vector<std::string> aliases;
    if (auto ids = json_.array_at(vulnerability, "ids", pointer)) {
      std::size_t i = 0;
      for (element item : *ids) {
        const std::string id_pointer = json_pointer(pointer + "/ids", i++);
        if (auto entry = json_.as_object(item, id_pointer)) {
          if (auto text = json_.string_at(*entry, "text", id_pointer)) {
            if (id.empty()) {
              id = std::string(*text);
            } else {
              aliases.emplace_back(*text);
            }
          }
        }
      }
    }
    if (id.empty()) {
      // Required by the VEX profile (CSAF 6.1.27.8); elsewhere a vulnerability may go unnamed,
      // but its statuses can then match no finding.
      if (vex_profile_) {
        json_.error(pointer, "a vulnerability of a CSAF VEX document needs 'cve' or 'ids'");
      } else {
        json_.warning(pointer, "the vulnerability names no 'cve' or 'ids': its product statuses can match no finding and are not read");
      }
      return;
    }
    auto status = json_.object_at(vulnerability, "product_status", pointer);
    if (!status) {
      json_.warning(pointer, "no 'product_status': no statement");
      return;
    }
    // Per product: justification (flags), impact (threats), action (remediations).
    std::map<std::string, std::string> justification, impact, action;
    auto collect = [&](std::string_view list_key, std::string_view text_key,
                       std::map<std::string, std::string>& into, std::string_view only_category) {
      auto list = json_.array_at(vulnerability, list_key, pointer);
      if (!list) return;
      std::size_t i = 0;
      for (element item : *list) {
        const std::string entry_pointer = json_pointer(json_pointer(pointer, list_key), i++);
        auto entry = json_.as_object(item, entry_pointer);
        if (!entry) continue;
        const std::string_view category = json_.string_at(*entry, "category", entry_pointer).value_or("");
        if (!only_category.empty() && category != only_category) continue;
        std::string text(json_.string_at(*entry, text_key, entry_pointer).value_or(""));
        if (list_key == "remediations" && !category.empty()) text = fmt::format("{}: {}", category, text);
        for (const std::string& product : named_products(*entry, entry_pointer)) {
          std::string& slot = into[product];
          slot = slot.empty() ? text : slot + "; " + text;
        }
      }
    };
    collect("flags", "label", justification, "");
    collect("threats", "details", impact, "impact");
    collect("remediations", "details", action, "");

    for (const StatusKey& key : kStatusKeys) {
      const std::string status_pointer = pointer + "/product_status";
      for (const std::string& product_id : string_list(*status, key.key, status_pointer)) {
        auto product = products_.find(product_id);
        if (product == products_.end()) {
          json_.error(json_pointer(status_pointer, key.key),
                      fmt::format("product '{}' is not in the product tree", product_id));
          continue;
        }
        VexStatement statement;
        statement.vulnerability = id;
        statement.aliases = aliases;
        statement.status = key.status;
        statement.products.push_back(product->second);
        statement.justification = justification[product_id];
        statement.impact_statement = impact[product_id];
        statement.action_statement = action[product_id];
        statement.timestamp = timestamp_;
        statement.author = author_;
        statement.document_id = document_id_;
        if (key.status == VexStatus::not_affected && statement.justification.empty() &&
            statement.impact_statement.empty()) {
          json_.warning(status_pointer, fmt::format("known_not_affected '{}' has neither a flag nor an "
                                                    "impact threat; it suppresses nothing",
                                                    product_id));
        }
        result_.statements.push_back(std::move(statement));
      }
    }
  }

  JsonReader json_;
  VexParseResult& result_;
  const ParseLimits& limits_;
  std::string author_;
  bool vex_profile_ = false;  // category csaf_vex
  std::string timestamp_;
  std::string document_id_;
  std::map<std::string, VexProduct> products_;
  std::map<std::string, std::vector<std::string>> groups_;
};

}  // namespace

VexParseResult parse_csaf_vex(std::string_view bytes, std::string_view file, const ParseLimits& limits) {
  VexParseResult result;
  CsafVexParser(file, result, limits).parse(bytes);
  stamp_vex_evidence(result, bytes, "CSAF VEX");
  return result;
}

}  // namespace cradle
