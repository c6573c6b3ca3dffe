// The rules of the registered purl types (package-url/purl-spec `types/*-definition.json`):
// whether a type has a namespace, which parts fold to lower case, name rules and required
// qualifiers. parse_purl() applies them after the generic syntax.
//
// Departures from the definitions, on purpose:
// - `golang` keeps the case of its namespace and name and needs no namespace: Go module paths
//   are case-sensitive (github.com/Azure/..., github.com/BurntSushi/...), the Go vulnerability
//   database spells them that way, and single-element module paths (tailscale.com, `stdlib`)
//   exist. The definition itself says it predates Go modules.
// - A required version (`bazel`) is not enforced: a versionless purl is how VEX statements and
//   queries designate every version of a package.
// - `huggingface`: the definition marks the namespace required but gives a namespace-less
//   example; cradle accepts both.
// - `cpan`: the namespace (the author's CPAN id) is upper-cased rather than refused when given
//   in lower case: CPAN ids are case-insensitive.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cradle {

struct Purl;

// What broke a type rule, and which part of the purl it concerns ("namespace", "name", ...).
struct PurlTypeViolation {
  std::string part;
  std::string message;
};

// Folds and checks `purl` by its type's rules; unknown types pass unchanged.
std::optional<PurlTypeViolation> apply_purl_type_rules(Purl& purl);

// Whether cradle knows the rules of `type`.
bool is_registered_purl_type(std::string_view type);

}  // namespace cradle
