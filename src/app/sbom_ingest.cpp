#include "app/sbom_ingest.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "analysis/sbom_conformance.h"
#include "model/date_time.h"
#include "model/osv_package.h"
#include "model/sbom_graph.h"

namespace cradle {

std::expected<ProductVersion, Error> sbom_product_version(const Sbom& sbom,
                                                          const ProductVersion& target) {
  ProductVersion chosen = target;
  const Component* described = described_component(sbom);
  if (chosen.name.empty() && described != nullptr) chosen.name = described->name;
  if (chosen.version.empty() && described != nullptr) chosen.version = described->version;
  if (chosen.name.empty() || chosen.version.empty()) {
    return std::unexpected(Error{
        ErrorCode::invalid_input,
        fmt::format(
            "the SBOM does not name the product {} it describes (no metadata.component, or no "
            "single described package{}); say it with --product NAME@VERSION",
            chosen.name.empty() ? "and version" : "version",
            described != nullptr ? " with a name and version" : ""),
        {}});
  }
  return chosen;
}

SbomGraphRecord sbom_graph_record(const Sbom& sbom) {
  const SbomGraph graph = build_sbom_graph(sbom);
  const std::vector<std::size_t> parents = shortest_path_parents(graph);
  SbomGraphRecord record;
  record.components.reserve(graph.nodes.size());
  std::vector<std::int64_t> depth(graph.nodes.size(), -1);
  std::vector<std::size_t> chain;
  for (std::size_t node = 0; node < graph.nodes.size(); ++node) {
    // Depth along the parent links, remembered for the nodes the walk passes.
    std::size_t at = node;
    chain.clear();
    while (depth[at] < 0 && parents[at] != SbomGraph::kNone) {
      chain.push_back(at);
      at = parents[at];
    }
    if (depth[at] < 0) depth[at] = 0;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) depth[*it] = depth[parents[*it]] + 1;

    const Component& component = *graph.nodes[node];
    ComponentRecord& row = record.components.emplace_back();
    row.node = static_cast<std::int64_t>(node);
    row.parent = parents[node] == SbomGraph::kNone ? -1 : static_cast<std::int64_t>(parents[node]);
    row.depth = depth[node];
    row.primary = sbom.primary_component && node == 0;
    row.ref = component.ref;
    row.name = component.name;
    row.version = component.version;
    row.purl = component.purl ? to_string(*component.purl) : component.purl_text;
    row.source_name = component.details->source_name;
    if (component.purl) {
      if (auto package = osv_package_for(*component.purl, component.details->source_name)) {
        row.ecosystem = package->ecosystem;
        osv_package_key(package->ecosystem, package->name, row.package_key);
      }
    }
  }
  for (std::size_t from = 0; from < graph.out.size(); ++from) {
    for (std::size_t to : graph.out[from]) {
      record.edges.push_back(
          EdgeRecord{static_cast<std::int64_t>(from), static_cast<std::int64_t>(to)});
    }
  }
  std::ranges::sort(record.edges, [](const EdgeRecord& a, const EdgeRecord& b) {
    return std::tie(a.from, a.to) < std::tie(b.from, b.to);
  });
  record.edges.erase(std::unique(record.edges.begin(), record.edges.end()), record.edges.end());
  return record;
}

std::expected<SbomIngest, Error> ingest_sbom(Store& store, const Sbom& sbom, std::string_view bytes,
                                             const ProductVersion& target) {
  return in_transaction(store, [&] { return attach_sbom(store, sbom, bytes, target); });
}

std::expected<SbomIngest, Error> attach_sbom(Store& store, const Sbom& sbom, std::string_view bytes,
                                             const ProductVersion& target) {
  auto product_version = sbom_product_version(sbom, target);
  if (!product_version) return std::unexpected(product_version.error());
  const SbomGraphRecord graph = sbom_graph_record(sbom);
  const std::string now = store.clock().now_text();
  EvidenceRef evidence = sbom.evidence;
  if (evidence.kind.empty()) {
    evidence.kind =
        fmt::format("{} {} {}", to_string(sbom.format), sbom.spec_version, sbom.encoding);
  }
  if (evidence.produced_at.empty() && is_rfc3339_date_time(sbom.created))
    evidence.produced_at = sbom.created;
  if (evidence.ingested_at.empty()) evidence.ingested_at = now;

  {
    auto document = store.put_document(evidence, bytes);
    if (!document) return std::unexpected(document.error());
    auto product = store.put_product(Product{product_version->name, {}, now});
    if (!product) return std::unexpected(product.error());
    SbomRecord record;
    record.product_version = product_version->version;
    record.serial_number = sbom.serial_number;
    record.bom_version = sbom.bom_version;
    record.ingested_at = now;
    record.components = sbom.components.size();
    record.dependencies = graph.edges.size();
    record.conformance = check_conformance(sbom);
    auto put = store.put_sbom(*product, record, *document, graph);
    if (!put) return std::unexpected(put.error());
    return SbomIngest{evidence.kind,     product_version->name, product_version->version,
                      put->sbom_id,      put->added,            record.components,
                      record.dependencies};
  }
}

}  // namespace cradle
