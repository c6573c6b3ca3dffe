#include "analysis/stored_sbom_match.h"

#include "analysis/stored_advisories.h"
#include "analysis/vex.h"

namespace cradle {

std::expected<StoredSbomMatch, Error> match_stored_sbom(Store& store, const SbomRecord& record,
                                                        const std::vector<VexStatement>& statements,
                                                        std::vector<Diagnostic>& diagnostics) {
  auto graph = store.sbom_graph(record.id);
  if (!graph) return std::unexpected(graph.error());
  StoredSbomMatch out;
  out.graph = std::move(*graph);
  out.sbom = to_sbom(record, out.graph, out.rows);
  AdvisoryIndex index;
  auto load = load_stored_advisories(store, out.sbom, index);
  if (!load) return std::unexpected(load.error());
  for (Diagnostic& d : load->diagnostics) diagnostics.push_back(std::move(d));
  out.results = match_components(out.sbom, index);
  apply_vex(out.sbom, statements, out.results);
  out.coverage = index.coverage();
  return out;
}

}  // namespace cradle
