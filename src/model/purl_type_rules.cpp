#include "model/purl_type_rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "model/osv_package.h"
#include "model/purl.h"

namespace cradle {
namespace {

enum class Presence { optional, required, prohibited };
enum class Fold { keep, lower, upper };

// A type's own rule beyond presence and case.
enum class NameRule {
  none,
  pypi,              // PEP 503: runs of '-', '_' and '.' become one '-'
  npm,               // npm's name rules: URL-safe characters, not led by '.' or '_'
  pub,               // [a-z0-9_] only
  cpan,              // a distribution name, never a module name with '::'
  chrome_extension,  // a 32-letter id in a-p; version of 1 to 4 numbers
  mlflow,            // lower case when the tracking server is Databricks
};

struct TypeRule {
  std::string_view type;
  Presence namespace_presence;
  Fold namespace_fold;
  bool lowercase_name;
  bool lowercase_version;
  std::string_view required_qualifier;  // empty when none
  NameRule name_rule;
};

using enum Presence;
using enum Fold;

// Sorted by type. Written from the registered type definitions; departures in the header.
constexpr std::array kTypeRules{
    TypeRule{"alpm", required, lower, true, false, "", NameRule::none},
    TypeRule{"apk", required, lower, true, false, "", NameRule::none},
    TypeRule{"bazel", prohibited, keep, false, false, "", NameRule::none},
    TypeRule{"bitbucket", required, lower, true, false, "", NameRule::none},
    TypeRule{"bitnami", prohibited, keep, true, false, "", NameRule::none},
    TypeRule{"brew", optional, keep, true, false, "", NameRule::none},
    TypeRule{"cargo", prohibited, keep, false, false, "", NameRule::none},
    TypeRule{"chrome-extension", prohibited, keep, true, false, "", NameRule::chrome_extension},
    TypeRule{"cocoapods", prohibited, keep, false, false, "", NameRule::none},
    TypeRule{"composer", required, lower, true, false, "", NameRule::none},
    TypeRule{"conan", optional, keep, false, false, "", NameRule::none},
    TypeRule{"conda", prohibited, keep, true, false, "", NameRule::none},
    TypeRule{"cpan", required, upper, false, false, "", NameRule::cpan},
    TypeRule{"cran", prohibited, keep, false, false, "", NameRule::none},
    TypeRule{"deb", required, lower, true, false, "", NameRule::none},
    TypeRule{"docker", optional, keep, false, false, "", NameRule::none},
    TypeRule{"gem", prohibited, keep, false, false, "", NameRule::none},
    TypeRule{"generic", optional, keep, false, false, "", NameRule::none},
    TypeRule{"github", required, lower, true, false, "", NameRule::none},
    TypeRule{"golang", optional, keep, false, false, "", NameRule::none},
    TypeRule{"hackage", prohibited, keep, false, false, "", NameRule::none},
    TypeRule{"hex", optional, lower, true, false, "", NameRule::none},
    TypeRule{"huggingface", optional, keep, false, true, "", NameRule::none},
    TypeRule{"julia", prohibited, keep, false, false, "uuid", NameRule::none},
    TypeRule{"luarocks", optional, lower, true, false, "", NameRule::none},
    TypeRule{"maven", required, keep, false, false, "", NameRule::none},
    TypeRule{"mlflow", prohibited, keep, false, false, "", NameRule::mlflow},
    TypeRule{"npm", optional, lower, true, false, "", NameRule::npm},
    TypeRule{"nuget", prohibited, keep, false, false, "", NameRule::none},
    TypeRule{"oci", prohibited, keep, true, false, "", NameRule::none},
    TypeRule{"otp", prohibited, keep, true, false, "", NameRule::none},
    TypeRule{"pub", prohibited, keep, true, false, "", NameRule::pub},
    TypeRule{"pypi", prohibited, keep, true, false, "", NameRule::pypi},
    TypeRule{"qpkg", required, lower, false, false, "", NameRule::none},
    TypeRule{"rpm", required, lower, false, false, "", NameRule::none},
    TypeRule{"swid", optional, keep, false, false, "tag_id", NameRule::none},
    TypeRule{"swift", required, keep, false, false, "", NameRule::none},
    TypeRule{"vcpkg", prohibited, keep, false, false, "", NameRule::none},
    TypeRule{"vscode-extension", required, lower, true, true, "", NameRule::none},
};

static_assert(std::ranges::is_sorted(kTypeRules, {}, &TypeRule::type));

const TypeRule* rule_for(std::string_view type) {
  auto it = std::ranges::lower_bound(kTypeRules, type, {}, &TypeRule::type);
  return it != kTypeRules.end() && it->type == type ? &*it : nullptr;
}

void fold(std::string& s, Fold how) {
  for (char& c : s) {
    if (how == lower && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (how == upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// 1 to 4 dot-separated numbers, as Chrome's manifest versions are.
bool is_chrome_version(std::string_view v) {
  int numbers = 0;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = v.find('.', start);
    std::string_view number = v.substr(start, dot == std::string_view::npos ? v.npos : dot - start);
    if (number.empty() || !std::ranges::all_of(number, is_digit)) return false;
    ++numbers;
    if (dot == std::string_view::npos) return numbers <= 4;
    start = dot + 1;
  }
}

// The host of a URL-ish qualifier value (scheme optional).
std::string_view url_host(std::string_view url) {
  if (auto scheme = url.find("://"); scheme != std::string_view::npos)
    url.remove_prefix(scheme + 3);
  return url.substr(0, url.find('/'));
}

std::optional<PurlTypeViolation> apply_name_rule(NameRule rule, Purl& purl) {
  switch (rule) {
    case NameRule::none:
      break;
    case NameRule::pypi:
      purl.name = pep503_normalize(purl.name);
      break;
    case NameRule::npm: {
      // What npm's validate-npm-package-name accepts of a new package: characters that need no
      // URL encoding, no leading '.' or '_'; a scope the same after its '@'.
      auto url_safe = [](char c) {
        return (c >= 'a' && c <= 'z') || is_digit(c) ||
               std::string_view("-._~!*'()").find(c) != std::string_view::npos;
      };
      if (purl.name.starts_with('.') || purl.name.starts_with('_') ||
          !std::ranges::all_of(purl.name, url_safe)) {
        return PurlTypeViolation{
            "name", "an 'npm' name is URL-safe characters only, not led by '.' or '_'"};
      }
      // The scope's '@' is not required: producers write `pkg:npm/acme/component` too.
      std::string_view scope = purl.namespace_;
      if (scope.starts_with('@')) scope.remove_prefix(1);
      if (!std::ranges::all_of(scope, url_safe)) {
        return PurlTypeViolation{"namespace", "an 'npm' scope is URL-safe characters only"};
      }
      break;
    }
    case NameRule::pub:
      if (!std::ranges::all_of(purl.name, [](char c) {
            return (c >= 'a' && c <= 'z') || is_digit(c) || c == '_';
          })) {
        return PurlTypeViolation{"name", "a 'pub' name is letters, digits and '_' only"};
      }
      break;
    case NameRule::cpan:
      if (purl.name.find("::") != std::string::npos) {
        return PurlTypeViolation{
            "name",
            "a 'cpan' name is a distribution name (URI-PackageURL), not a module name "
            "with '::'"};
      }
      break;
    case NameRule::chrome_extension:
      if (purl.name.size() != 32 ||
          !std::ranges::all_of(purl.name, [](char c) { return c >= 'a' && c <= 'p'; })) {
        return PurlTypeViolation{"name",
                                 "a 'chrome-extension' name is the 32-letter extension id (a-p)"};
      }
      if (!purl.version.empty() && !is_chrome_version(purl.version)) {
        return PurlTypeViolation{"version",
                                 "a 'chrome-extension' version is 1 to 4 dot-separated numbers"};
      }
      break;
    case NameRule::mlflow:
      // Databricks model names are case-insensitive; Azure ML's keep their case.
      if (auto repository = purl.qualifier("repository_url");
          repository && url_host(*repository).find("databricks") != std::string_view::npos) {
        fold(purl.name, lower);
      }
      break;
  }
  return std::nullopt;
}

}  // namespace

bool is_registered_purl_type(std::string_view type) { return rule_for(type) != nullptr; }

std::optional<PurlTypeViolation> apply_purl_type_rules(Purl& purl) {
  const TypeRule* rule = rule_for(purl.type);
  if (rule == nullptr) return std::nullopt;
  if (rule->namespace_presence == required && purl.namespace_.empty()) {
    return PurlTypeViolation{"namespace", fmt::format("a '{}' purl needs a namespace", purl.type)};
  }
  if (rule->namespace_presence == prohibited && !purl.namespace_.empty()) {
    return PurlTypeViolation{
        "namespace",
        fmt::format("a '{}' purl has no namespace, but '{}' is given", purl.type, purl.namespace_)};
  }
  fold(purl.namespace_, rule->namespace_fold);
  if (rule->lowercase_name) fold(purl.name, lower);
  if (rule->lowercase_version) fold(purl.version, lower);
  if (!rule->required_qualifier.empty() && !purl.qualifier(rule->required_qualifier)) {
    return PurlTypeViolation{"qualifiers", fmt::format("a '{}' purl needs the qualifier '{}'",
                                                       purl.type, rule->required_qualifier)};
  }
  return apply_name_rule(rule->name_rule, purl);
}

}  // namespace cradle
