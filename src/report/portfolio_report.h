// Answers to questions about the stored portfolio, as JSON (stable keys, deterministic order)
// and as tables: the products and their versions (`cradle product list|show`), a product's SBOM
// history (`cradle history`), what changed between two of its SBOMs (`cradle diff`) and the
// product versions a vulnerability touches (`cradle affected`). Every answer names the SBOM
// documents (by SHA-256) and advisory records it rests on.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analysis/affected_products.h"
#include "analysis/sbom_diff.h"
#include "model/portfolio.h"

namespace cradle {

struct ProductSummary {
  StoredProduct product;
  std::vector<SbomRecord> sboms;  // in the order they were ingested
};

nlohmann::ordered_json product_list_json(const std::vector<ProductSummary>& products);
std::string product_list_table(const std::vector<ProductSummary>& products);
// A product with its versions, each with its current SBOM.
nlohmann::ordered_json product_show_json(const ProductSummary& product);
std::string product_show_table(const ProductSummary& product);
// Every SBOM of a product, oldest first, the current one of each version marked.
nlohmann::ordered_json history_json(const ProductSummary& product);
std::string history_table(const ProductSummary& product);

// The JSON contracts of `diff` and `affected`: schemas/diff.schema.json,
// schemas/affected.schema.json.
inline constexpr std::string_view kDiffJsonSchemaVersion = "1";
inline constexpr std::string_view kAffectedJsonSchemaVersion = "1";

// A stored SBOM as schemas/stored-sbom.schema.json has it.
nlohmann::ordered_json sbom_json(const SbomRecord& sbom);

nlohmann::ordered_json diff_json(const SbomDiff& diff);
std::string diff_table(const SbomDiff& diff);

nlohmann::ordered_json affected_json(const VulnerabilityImpact& impact);
std::string affected_table(const VulnerabilityImpact& impact);

// Re-evaluation events (`cradle events`, `cradle reevaluate`), one line each, oldest first;
// as JSON {schema_version, events} (schemas/events.schema.json), each event as event_json()
// writes it.
inline constexpr std::string_view kEventsJsonSchemaVersion = "1";
std::string events_table(const std::vector<EventRecord>& events);
nlohmann::ordered_json events_json(const std::vector<EventRecord>& events);
// One event as `cradle events --format json` lists it and a webhook receives it (notify/):
// schemas/events.schema.json#/definitions/event (every member present, null where it says
// nothing; ecosystem, components and reason for `not_covered` events only).
nlohmann::ordered_json event_json(const EventRecord& event);

}  // namespace cradle
