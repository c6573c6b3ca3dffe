// CycloneDX rules: the value constraints of the CycloneDX specification (1.2 to 1.7) that the
// JSON and XML parsers both enforce: enumerations, patterns and formats, by spec version; and
// how both read who supplied a component and who made the SBOM.
//
// Each check returns an empty string when the value is allowed, else what was expected.
//
// Threads: plain functions of their arguments.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cradle::cyclonedx {

// Who's who, the same in both encodings. A contact (an author, an organisational entity) as
// "name <email>", the name or the e-mail alone when only one is given; empty when neither is.
std::string contact(std::string_view name, std::string_view email);
// A component's supplier: the first named of its supplier, manufacturer (1.6) and publisher.
std::string component_supplier(std::string_view supplier, std::string_view manufacturer,
                               std::string_view publisher);
// A component's author: its `author` (deprecated since 1.6), else its `authors` joined by ", ".
std::string component_author(std::string_view author, const std::vector<std::string>& authors);
// Who made the SBOM: metadata.authors, then the manufacture (up to 1.5), the manufacturer (1.6)
// and the supplier, those named, in that order.
std::vector<std::string> sbom_creators(std::vector<std::string> authors,
                                       std::string_view manufacture,
                                       std::string_view manufacturer, std::string_view supplier);

// Minor version of a supported spec version ("1.6" -> 6), or nullopt.
std::optional<int> spec_minor(std::string_view spec_version);

std::string check_component_type(std::string_view type, int minor);
std::string check_scope(std::string_view scope);
// A composition's aggregate: how complete what it speaks for is.
std::string check_aggregate(std::string_view aggregate);
std::string check_hash_algorithm(std::string_view algorithm, int minor);
std::string check_hash_content(std::string_view content);
std::string check_serial_number(std::string_view serial);
std::string check_patch_type(std::string_view type);
std::string check_issue_type(std::string_view type);
std::string check_data_flow(std::string_view flow);
std::string check_license_id(std::string_view id);
std::string check_license_encoding(std::string_view encoding);

// A licence id as the SPDX licence list spells it: the list's spelling of an id written in any
// case (SPDX ids match case-insensitively; '+' suffix allowed), or nullopt when the list has no
// such id. A parser warns when the spelling differs, or when there is none (the id is then
// kept as a name): neither changes what is matched.
std::optional<std::string> spdx_license_id_spelling(std::string_view id);

}  // namespace cradle::cyclonedx
