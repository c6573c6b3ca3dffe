// Spdx2Builder: what the SPDX 2 JSON and tag-value parsers share: turning SPDX 2 packages,
// checksums, external refs and relationships into the model, the same way for both encodings.
//
// The parsers feed it in document order; finish() resolves relationships (their ends may be
// declared later in the document) and reports the ones that name no declared element.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <absl/container/flat_hash_set.h>
#include <absl/functional/function_ref.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/diagnostic.h"
#include "model/sbom.h"

namespace cradle {

class Spdx2Builder {
 public:
  // `report(location, severity, message)` records a diagnostic at a parser's location.
  using Reporter = std::function<void(const SourceLocation&, Severity, std::string)>;
  // Where the parser is, asked for only when there is something to report there: a JSON
  // parser renders a pointer per report, not one per package.
  using Locate = absl::FunctionRef<SourceLocation()>;
  // Where the parser found the relationship it numbered `origin` (add_relationship), for the
  // ones finish() reports.
  using LocateRelationship = std::function<SourceLocation(std::size_t origin)>;

  Spdx2Builder(Sbom& sbom, Reporter report, LocateRelationship locate_relationship)
      : sbom_(sbom),
        report_(std::move(report)),
        locate_relationship_(std::move(locate_relationship)) {}

  // Checks "SPDX-2.x"; returns false (and reports) for a version cradle does not read.
  bool set_version(std::string_view spdx_version, const SourceLocation& at);

  void set_document_id(std::string_view id) { document_id_ = std::string(id); }
  void add_creator(std::string_view creator);

  // Room for `count` more packages, or relationships: growing by doubling would hold the old and
  // the new array at once.
  void reserve_packages(std::size_t count);
  void reserve_relationships(std::size_t count);
  // Starts a package; later calls add to it until the next one.
  Component& add_package(std::string_view spdx_id, Locate at);
  // Files, snippets and other non-package elements that relationships may name.
  void add_other_element(std::string_view spdx_id) { others_.emplace(spdx_id); }

  void add_checksum(Component& component, std::string_view algorithm, std::string_view value,
                    Locate at);
  void add_external_ref(Component& component, std::string_view category, std::string_view type,
                        std::string_view locator, Locate at);
  // A licence field: NOASSERTION states nothing; NONE (no licence at all) and anything else is
  // kept as written, with a warning when it is not a valid SPDX licence expression.
  void add_license(std::vector<std::string>& licences, std::string_view expression, Locate at);
  // PackageSupplier and PackageOriginator (the author); NOASSERTION states nothing.
  void set_supplier(Component& component, std::string_view value);
  void set_originator(Component& component, std::string_view value);
  // PackageSourceInfo: the source package, where it names one (formats/source_package.h).
  void set_source_info(Component& component, std::string_view value);

  // `origin` is the parser's own number for where it found the relationship.
  void add_relationship(std::string_view from, std::string_view type, std::string_view to,
                        std::size_t origin);
  void add_described(std::string_view spdx_id, const SourceLocation& at);

  void finish();

 private:
  struct PendingRelationship {
    std::string from;
    std::string type;
    std::string to;
    std::size_t origin;
  };
  bool is_known(std::string_view id) const;
  void check_known(std::string_view id, Locate at);

  Sbom& sbom_;
  Reporter report_;
  LocateRelationship locate_relationship_;
  std::string document_id_ = "SPDXRef-DOCUMENT";
  absl::flat_hash_set<std::string> packages_;
  absl::flat_hash_set<std::string> others_;
  std::vector<PendingRelationship> relationships_;
  std::vector<std::pair<std::string, SourceLocation>> described_;
  static constexpr std::size_t kUnknownElementsTold = 10;
  std::size_t unknown_elements_ = 0;
  std::optional<SourceLocation> first_untold_;
};

}  // namespace cradle
