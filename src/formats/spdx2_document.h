// Spdx2Builder: what the SPDX 2 JSON and tag-value parsers share: turning SPDX 2 packages,
// checksums, external refs and relationships into the model, the same way for both encodings.
//
// The parsers feed it in document order; finish() resolves relationships (their ends may be
// declared later in the document) and reports the ones that name no declared element.
#pragma once

#include <absl/container/flat_hash_set.h>

#include <functional>
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

  Spdx2Builder(Sbom& sbom, Reporter report) : sbom_(sbom), report_(std::move(report)) {}

  // Checks "SPDX-2.x"; returns false (and reports) for a version cradle does not read.
  bool set_version(std::string_view spdx_version, const SourceLocation& at);

  void set_document_id(std::string_view id) { document_id_ = std::string(id); }
  void add_creator(std::string_view creator);

  // Room for `count` more packages, or relationships: growing by doubling would hold the old and
  // the new array at once.
  void reserve_packages(std::size_t count);
  void reserve_relationships(std::size_t count);
  // Starts a package; later calls add to it until the next one.
  Component& add_package(std::string_view spdx_id, const SourceLocation& at);
  // Files, snippets and other non-package elements that relationships may name.
  void add_other_element(std::string_view spdx_id) { others_.emplace(spdx_id); }

  void add_checksum(Component& component, std::string_view algorithm, std::string_view value,
                    const SourceLocation& at);
  void add_external_ref(Component& component, std::string_view category, std::string_view type,
                        std::string_view locator, const SourceLocation& at);
  void add_license(std::vector<std::string>& licences, std::string_view expression);
  void set_supplier(std::string& field, std::string_view value);

  void add_relationship(std::string_view from, std::string_view type, std::string_view to,
                        const SourceLocation& at);
  void add_described(std::string_view spdx_id, const SourceLocation& at);

  void finish();

 private:
  struct PendingRelationship {
    std::string from;
    std::string type;
    std::string to;
    SourceLocation at;
  };
  bool is_known(std::string_view id) const;
  void check_known(std::string_view id, const SourceLocation& at);

  Sbom& sbom_;
  Reporter report_;
  std::string document_id_ = "SPDXRef-DOCUMENT";
  absl::flat_hash_set<std::string> packages_;
  absl::flat_hash_set<std::string> others_;
  std::vector<PendingRelationship> relationships_;
  std::vector<std::pair<std::string, SourceLocation>> described_;
};

}  // namespace cradle
