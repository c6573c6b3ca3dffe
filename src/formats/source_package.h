// Source packages an SBOM states outside the purl. Distribution advisories name source packages
// (Debian's `openssl`, not the binary `libssl3`; Alpine's `pax-utils`, not `scanelf`), and some
// producers write no `upstream` qualifier but say it elsewhere:
// - CycloneDX properties: `aquasecurity:trivy:SrcName` (Trivy), `syft:metadata:source` (Syft,
//   deb), `syft:metadata:originPackage` (Syft, apk), `syft:metadata:sourceRpm` (Syft, rpm: the
//   source RPM's file name, e.g. openssl-3.0.7-24.el9.src.rpm);
// - SPDX `sourceInfo` as Trivy writes it (SPDX 2; SPDX 3 `software_sourceInfo` alike): "built
//   package from: <name> <version>".
// Anything else is not a source package: an empty result, never a guess.
//
// Threads: plain functions of their arguments.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/component.h"

namespace cradle {

std::string source_package_from_properties(const std::vector<Property>& properties);

std::string source_package_from_source_info(std::string_view source_info);

}  // namespace cradle
