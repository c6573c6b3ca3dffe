// Product: what a manufacturer places on the market, named once, with the context a risk-based
// assessment weighs: what it is for, how exposed it is, and how critical the CRA deems it. Its
// versions are the versions of the SBOMs ingested for it (app/sbom_ingest.h).
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace cradle {

struct ProductContext {
  std::string intended_use;  // free text, as the manufacturer states it
  std::string exposure;      // one of kExposures; empty when unstated
  std::string criticality;   // one of kCriticalities; empty when unstated

  bool operator==(const ProductContext&) const = default;
};

// How reachable the product is by an attacker.
inline constexpr std::array<std::string_view, 4> kExposures{"network-facing", "internal", "local",
                                                            "offline"};
// The CRA's classes: a default product, an important product of class I or II (Annex III), or a
// critical product (Annex IV).
inline constexpr std::array<std::string_view, 4> kCriticalities{"default", "important-class-i",
                                                                "important-class-ii", "critical"};

struct Product {
  std::string name;
  ProductContext context;
  std::string created_at;  // RFC 3339 UTC, when the store first knew it

  bool operator==(const Product&) const = default;
};

// A product and one of its versions: `name@version`, split at the last '@' (npm-style scoped
// names such as @acme/app@1.0 keep their leading '@').
struct ProductVersion {
  std::string name;
  std::string version;  // empty: not stated
};

ProductVersion parse_product_version(std::string_view text);

}  // namespace cradle
