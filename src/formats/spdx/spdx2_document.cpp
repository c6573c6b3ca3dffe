#include "formats/spdx/spdx2_document.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "formats/source_package.h"
#include "formats/spdx/license_expression.h"
#include "model/purl.h"

namespace cradle {
namespace {

enum class EdgeDirection { forward, reverse, none };

struct RelationshipRule {
  std::string_view type;
  EdgeDirection direction;
  DependencyKind kind;
};

// Relationship types that are edges of the component graph, with the direction that makes
// `from` the dependent. The rest (COPY_OF, GENERATED_FROM, ...) are kept as counts only.
constexpr std::array kEdgeRules{
    RelationshipRule{"DEPENDS_ON", EdgeDirection::forward, DependencyKind::depends_on},
    RelationshipRule{"DEPENDENCY_OF", EdgeDirection::reverse, DependencyKind::depends_on},
    RelationshipRule{"DEV_DEPENDENCY_OF", EdgeDirection::reverse, DependencyKind::depends_on},
    RelationshipRule{"BUILD_DEPENDENCY_OF", EdgeDirection::reverse, DependencyKind::depends_on},
    RelationshipRule{"RUNTIME_DEPENDENCY_OF", EdgeDirection::reverse, DependencyKind::depends_on},
    RelationshipRule{"OPTIONAL_DEPENDENCY_OF", EdgeDirection::reverse,
                     DependencyKind::depends_on},
    RelationshipRule{"PROVIDED_DEPENDENCY_OF", EdgeDirection::reverse,
                     DependencyKind::depends_on},
    RelationshipRule{"TEST_DEPENDENCY_OF", EdgeDirection::reverse, DependencyKind::depends_on},
    RelationshipRule{"STATIC_LINK", EdgeDirection::forward, DependencyKind::depends_on},
    RelationshipRule{"DYNAMIC_LINK", EdgeDirection::forward, DependencyKind::depends_on},
    RelationshipRule{"HAS_PREREQUISITE", EdgeDirection::forward, DependencyKind::depends_on},
    RelationshipRule{"PREREQUISITE_FOR", EdgeDirection::reverse, DependencyKind::depends_on},
    RelationshipRule{"CONTAINS", EdgeDirection::forward, DependencyKind::contains},
    RelationshipRule{"CONTAINED_BY", EdgeDirection::reverse, DependencyKind::contains},
};

// "SHA256" -> "SHA-256", "SHA1" -> "SHA-1"; SHA3-*, BLAKE*, MD5 as written.
std::string normalize_algorithm(std::string_view algorithm) {
  if (algorithm.starts_with("SHA") && algorithm.size() > 3 && algorithm[3] >= '0' &&
      algorithm[3] <= '9' && algorithm.substr(3, 2) != "3-") {
    return fmt::format("SHA-{}", algorithm.substr(3));
  }
  return std::string(algorithm);
}

// Debian's Abseil has a string_view of its own, which its string sets look up without a copy.
absl::string_view key(std::string_view text) { return {text.data(), text.size()}; }

bool is_placeholder(std::string_view value) {
  return value.empty() || value == "NOASSERTION";
}

// The e-mail address of an SPDX entity, "Organization: ACME (security@acme.example)" or
// "Person: Jane Doe (jane@example.com)": what the parentheses at its end hold; empty when none.
std::string_view entity_email(std::string_view entity) {
  if (!entity.ends_with(')')) return {};
  const std::size_t open = entity.rfind('(');
  if (open == std::string_view::npos) return {};
  std::string_view email = entity.substr(open + 1, entity.size() - open - 2);
  while (!email.empty() && email.front() == ' ') email.remove_prefix(1);
  while (!email.empty() && email.back() == ' ') email.remove_suffix(1);
  return email;
}

void add_entity_email(std::vector<std::string>& contacts, std::string_view entity) {
  if (std::string_view email = entity_email(entity); !email.empty()) contacts.emplace_back(email);
}

}  // namespace

bool Spdx2Builder::set_version(std::string_view spdx_version, const SourceLocation& at) {
  static constexpr std::array<std::string_view, 4> kVersions{"SPDX-2.0", "SPDX-2.1", "SPDX-2.2",
                                                             "SPDX-2.3"};
  if (std::ranges::find(kVersions, spdx_version) == kVersions.end()) {
    report_(at, Severity::error,
            fmt::format("unsupported SPDX version '{}'; expected SPDX-2.2 or SPDX-2.3 (or "
                        "SPDX-2.0/2.1)",
                        spdx_version.substr(0, 40)));
    return false;
  }
  sbom_.format = SbomFormat::spdx;
  sbom_.spec_version = std::string(spdx_version.substr(5));
  return true;
}

void Spdx2Builder::add_creator(std::string_view creator) {
  if (creator.starts_with("Tool:")) {
    std::string_view tool = creator.substr(5);
    tool.remove_prefix(std::min(tool.find_first_not_of(' '), tool.size()));
    sbom_.tools.emplace_back(tool);
  } else {
    sbom_.creators.emplace_back(creator);
    add_entity_email(sbom_.creator_contacts, creator);
  }
}

void Spdx2Builder::reserve_packages(std::size_t count) {
  sbom_.components.reserve(sbom_.components.size() + count);
  packages_.reserve(packages_.size() + count);
}

void Spdx2Builder::reserve_relationships(std::size_t count) {
  relationships_.reserve(relationships_.size() + count);
}

Component& Spdx2Builder::add_package(std::string_view spdx_id, Locate at) {
  if (spdx_id.empty()) {
    report_(at(), Severity::error, "a package needs an SPDXID");
  } else if (!packages_.emplace(spdx_id).second) {
    // The document is still read: the second package is kept as a component of its own.
    report_(at(), Severity::warning, fmt::format("duplicate SPDXID '{}'", spdx_id));
  }
  Component& component = sbom_.components.emplace_back();
  component.ref = std::string(spdx_id);
  return component;
}

void Spdx2Builder::add_checksum(Component& component, std::string_view algorithm,
                                std::string_view value, Locate at) {
  if (algorithm.empty() || value.empty()) {
    report_(at(), Severity::error, "a checksum needs an algorithm and a value");
    return;
  }
  component.hashes.push_back(Hash{normalize_algorithm(algorithm), std::string(value)});
}

void Spdx2Builder::add_external_ref(Component& component, std::string_view category,
                                    std::string_view type, std::string_view locator,
                                    Locate at) {
  if (type == "purl") {
    if (component.purl) {
      // Several purls for one package: the first is its identity, the others are kept.
      component.external_references.push_back(ExternalReference{"purl", std::string(locator)});
      return;
    }
    component.purl_text = std::string(locator);
    if (auto purl = parse_purl(locator)) {
      component.purl = std::move(*purl);
    } else {
      report_(at(), Severity::warning,
              fmt::format("invalid purl '{}': {} (column {})", locator, purl.error().message,
                          purl.error().location.column));
    }
  } else if (type == "cpe23Type" || type == "cpe22Type") {
    component.details.edit().cpes.emplace_back(locator);
  } else {
    (void)category;
    // Tag-value may abbreviate a document-defined type to its fragment; JSON spells it out.
    std::string full_type(type);
    if (type.starts_with("LocationRef-") && !sbom_.serial_number.empty()) {
      full_type = sbom_.serial_number + "#" + full_type;
    }
    component.external_references.push_back(ExternalReference{full_type, std::string(locator)});
  }
}

void Spdx2Builder::add_license(std::vector<std::string>& licences, std::string_view expression,
                               Locate at) {
  if (is_placeholder(expression)) return;
  // NONE says the package has no licence at all: kept, and no expression to check.
  std::string problem = expression == "NONE" ? "" : license_expression_error(expression);
  if (!problem.empty()) {
    report_(at(), Severity::warning, problem + ": kept as written");
  }
  licences.emplace_back(expression);
}

void Spdx2Builder::set_supplier(Component& component, std::string_view value) {
  if (is_placeholder(value)) return;
  ComponentDetails& details = component.details.edit();
  details.supplier = std::string(value);
  add_entity_email(details.contacts, value);
}

void Spdx2Builder::set_originator(Component& component, std::string_view value) {
  if (is_placeholder(value)) return;
  ComponentDetails& details = component.details.edit();
  details.author = std::string(value);
  add_entity_email(details.contacts, value);
}

void Spdx2Builder::set_source_info(Component& component, std::string_view value) {
  std::string source = source_package_from_source_info(value);
  if (!source.empty()) component.details.edit().source_name = std::move(source);
}

void Spdx2Builder::add_relationship(std::string_view from, std::string_view type,
                                    std::string_view to, std::size_t origin) {
  relationships_.push_back(
      PendingRelationship{std::string(from), std::string(type), std::string(to), origin});
}

void Spdx2Builder::add_described(std::string_view spdx_id, const SourceLocation& at) {
  described_.emplace_back(std::string(spdx_id), at);
}

bool Spdx2Builder::is_known(std::string_view id) const {
  return id == document_id_ || packages_.contains(key(id)) || others_.contains(key(id)) ||
         id.starts_with("DocumentRef-") || id == "NONE" || id == "NOASSERTION";
}

// A relationship naming an element the document does not declare gives no dependency edge and
// changes nothing else that is read: a warning, the first few each at its place, then a count
// (Syft's SPDX names its files' ids in relationships without listing the files).
void Spdx2Builder::check_known(std::string_view id, Locate at) {
  if (is_known(id)) return;
  ++unknown_elements_;
  if (unknown_elements_ <= kUnknownElementsTold) {
    report_(at(), Severity::warning, fmt::format("relationship names unknown element '{}'", id));
  } else if (unknown_elements_ == kUnknownElementsTold + 1) {
    first_untold_ = at();
  }
}

void Spdx2Builder::finish() {
  for (const auto& [id, at] : described_) {
    check_known(id, [&] { return at; });
    if (std::ranges::find(sbom_.described_refs, id) == sbom_.described_refs.end()) {
      sbom_.described_refs.push_back(id);
    }
  }
  for (const PendingRelationship& r : relationships_) {
    auto at = [&] { return locate_relationship_(r.origin); };
    check_known(r.from, at);
    check_known(r.to, at);
    if (r.type == "DESCRIBES" && r.from == document_id_) {
      if (std::ranges::find(sbom_.described_refs, r.to) == sbom_.described_refs.end()) {
        sbom_.described_refs.push_back(r.to);
      }
      continue;
    }
    if (r.type == "DESCRIBED_BY" && r.to == document_id_) {
      if (std::ranges::find(sbom_.described_refs, r.from) == sbom_.described_refs.end()) {
        sbom_.described_refs.push_back(r.from);
      }
      continue;
    }
    auto rule = std::ranges::find(kEdgeRules, r.type, &RelationshipRule::type);
    if (rule == kEdgeRules.end()) {
      ++sbom_.other_relationships;
      continue;
    }
    const bool forward = rule->direction == EdgeDirection::forward;
    const std::string& dependent = forward ? r.from : r.to;
    const std::string& dependency = forward ? r.to : r.from;
    // "X DEPENDS_ON NONE": X has no dependencies; NOASSERTION: what they are is not said.
    if (packages_.contains(dependent) && (dependency == "NONE" || dependency == "NOASSERTION")) {
      sbom_.dependency_lists.push_back(dependent);
      sbom_.dependency_completeness.push_back(DependencyCompleteness{
          dependent, dependency == "NONE" ? "complete" : "unknown"});
      ++sbom_.other_relationships;
      continue;
    }
    if (!packages_.contains(r.from) || !packages_.contains(r.to)) {
      ++sbom_.other_relationships;
      continue;
    }
    sbom_.dependencies.push_back(Dependency{dependent, dependency, rule->kind});
    // A package's relationships mostly come together: each run of them named once.
    if (sbom_.dependency_lists.empty() || sbom_.dependency_lists.back() != dependent) {
      sbom_.dependency_lists.push_back(dependent);
    }
  }
  if (first_untold_) {
    report_(*first_untold_, Severity::warning,
            fmt::format("{} more relationship ends name elements the document does not declare, "
                        "from here on",
                        unknown_elements_ - kUnknownElementsTold));
  }
}

}  // namespace cradle
