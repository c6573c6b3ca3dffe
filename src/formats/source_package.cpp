#include "formats/source_package.h"

#include <array>

#include "model/osv_package.h"

namespace cradle {
namespace {

constexpr std::string_view kSourceRpm = "syft:metadata:sourceRpm";
// In order of precedence: a property met earlier in this list wins, whatever the document's order.
constexpr std::array<std::string_view, 4> kSourceProperties{
    "aquasecurity:trivy:SrcName", "syft:metadata:source", "syft:metadata:originPackage",
    kSourceRpm};

constexpr std::string_view kBuiltFrom = "built package from: ";

}  // namespace

std::string source_package_from_properties(const std::vector<Property>& properties) {
  for (std::string_view name : kSourceProperties) {
    for (const Property& property : properties) {
      if (property.name != name || property.value.empty()) continue;
      if (name == kSourceRpm) return source_rpm_name(property.value);
      return property.value;
    }
  }
  return {};
}

std::string source_package_from_source_info(std::string_view source_info) {
  if (!source_info.starts_with(kBuiltFrom)) return {};
  std::string_view rest = source_info.substr(kBuiltFrom.size());
  return std::string(rest.substr(0, rest.find(' ')));
}

}  // namespace cradle
