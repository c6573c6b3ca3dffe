#include "report/why_report.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "model/display_text.h"
#include "report/portfolio_report.h"
#include "report/scan_report.h"

namespace cradle {
namespace {

// Each node's label (model/portfolio.h), made once: a listing names the same nodes many times.
template <typename Made>
std::vector<std::string> node_labels(const WhyQuestion& question, Made made) {
  std::vector<std::string> labels;
  labels.reserve(question.graph.components.size());
  for (const ComponentRecord& component : question.graph.components) {
    labels.push_back(made(component_label(component)));
  }
  return labels;
}

std::string where(const WhyQuestion& question) {
  return fmt::format(
      "{}@{} (SBOM {} {})", Shown{question.sbom.product}, Shown{question.sbom.product_version},
      question.sbom.evidence.sha256.substr(0, 12), Shown{question.sbom.evidence.source});
}

std::string listing_end(const PathListing& listing, std::size_t limit) {
  const std::string count =
      fmt::format("{} path{}", listing.listed, listing.listed == 1 ? "" : "s");
  switch (listing.stop) {
    case PathsStop::none:
      return count;
    case PathsStop::max_paths:
      return fmt::format("{} listed; more exist (--max-paths {})", count, limit);
    case PathsStop::work_bound:
      return fmt::format(
          "{} listed; the search stopped at its bound on work ({} steps): more may exist", count,
          kPathSearchWork);
  }
  return count;
}

std::string json_text(const std::string& text) { return nlohmann::json(text).dump(); }

}  // namespace

void write_why_table(std::ostream& out, const WhyQuestion& question, const PathLister& list) {
  const std::string place = where(question);
  if (question.nodes.empty()) {
    out << fmt::format("{} is not in {}\n", Shown{question.query}, place);
    return;
  }
  const std::vector<std::string> labels =
      node_labels(question, [](const std::string& label) { return shown(label); });
  std::string line;
  for (std::size_t node : question.nodes) {
    const std::string heading = fmt::format("{} in {}", labels[node], place);
    std::size_t number = 0;
    const PathListing listing = list(node, [&](std::span<const std::size_t> path) {
      if (number == 0) out << heading << ":\n";
      line.clear();
      fmt::format_to(std::back_inserter(line), "  {:>3}. ", ++number);
      for (std::size_t i = 0; i < path.size(); ++i) {
        if (i != 0) line += " -> ";
        line += labels[path[i]];
      }
      line += '\n';
      out << line;
    });
    if (listing.listed == 0 && listing.stop == PathsStop::none) {
      out << heading << ": no root of the SBOM reaches it\n";
    } else {
      if (listing.listed == 0) out << heading << ":\n";
      out << "  " << listing_end(listing, question.limit) << '\n';
    }
  }
}

void write_why_json(std::ostream& out, const WhyQuestion& question, const PathLister& list) {
  nlohmann::ordered_json head;
  head["schema_version"] = kWhyJsonSchemaVersion;
  head["query"] = question.query;
  head["product"] = question.sbom.product;
  head["version"] = question.sbom.product_version;
  head["sbom"] = sbom_json(question.sbom);
  head["components"] = nlohmann::ordered_json::array();
  if (question.nodes.empty()) {
    out << head.dump(2) << '\n';
    return;
  }
  // The members before the components as dump(2) writes them, then the components as they come.
  std::string text = head.dump(2);
  text.erase(text.rfind("[]"));
  out << text << "[";
  const std::vector<std::string> labels = node_labels(question, json_text);
  std::string line;
  for (std::size_t i = 0; i < question.nodes.size(); ++i) {
    const ComponentRecord& component = question.graph.components[question.nodes[i]];
    out << (i == 0 ? "\n" : ",\n") << "    {\n";
    for (const auto& [key, value] :
         {std::pair{"purl", &component.purl}, std::pair{"name", &component.name},
          std::pair{"version", &component.version}, std::pair{"ref", &component.ref}}) {
      out << fmt::format("      \"{}\": {},\n", key, text_or_null(*value).dump());
    }
    out << "      \"paths\": [";
    bool first = true;
    const PathListing listing = list(question.nodes[i], [&](std::span<const std::size_t> path) {
      line.assign(first ? "\n        [" : ",\n        [");
      first = false;
      for (std::size_t at = 0; at < path.size(); ++at) {
        if (at != 0) line += ", ";
        line += labels[path[at]];
      }
      line += ']';
      out << line;
    });
    out << (first ? "],\n" : "\n      ],\n");
    out << fmt::format("      \"truncated\": {},\n", listing.stop != PathsStop::none);
    out << fmt::format(
        "      \"stopped_by\": {}\n    }}",
        listing.stop == PathsStop::none ? "null" : json_text(std::string(to_string(listing.stop))));
  }
  out << "\n  ]\n}\n";
}

}  // namespace cradle
