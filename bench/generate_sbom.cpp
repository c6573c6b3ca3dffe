#include "generate_sbom.h"

#include <fmt/format.h>

namespace cradle::bench {

std::string generate_cyclonedx_json(std::size_t components) {
  std::string out = fmt::format(
      R"({{"bomFormat":"CycloneDX","specVersion":"1.6","serialNumber":"urn:uuid:00000000-0000-4000-8000-000000000000","version":1,)"
      R"("metadata":{{"timestamp":"2026-01-01T00:00:00Z","component":{{"type":"application","bom-ref":"root","name":"root","version":"1.0.0"}}}},"components":[)");
  for (std::size_t i = 0; i < components; ++i) {
    out += fmt::format(
        R"({}{{"type":"library","bom-ref":"c{}","name":"package-{}","version":"{}.{}.{}","purl":"pkg:npm/%40scope{}/package-{}@{}.{}.{}",)"
        R"("hashes":[{{"alg":"SHA-256","content":"{:064x}"}}],"licenses":[{{"license":{{"id":"MIT"}}}}]}})",
        i == 0 ? "" : ",", i, i, i % 7, i % 13, i % 5, i % 100, i, i % 7, i % 13, i % 5, i);
  }
  out += R"(],"dependencies":[{"ref":"root","dependsOn":["c0"]})";
  for (std::size_t i = 0; i + 1 < components; ++i) {
    out += fmt::format(R"(,{{"ref":"c{}","dependsOn":["c{}"]}})", i, i + 1);
  }
  out += "]}";
  return out;
}

std::string generate_spdx_json(std::size_t packages) {
  std::string out =
      R"({"spdxVersion":"SPDX-2.3","dataLicense":"CC0-1.0","SPDXID":"SPDXRef-DOCUMENT","name":"bench",)"
      R"("documentNamespace":"https://example.invalid/bench","creationInfo":{"created":"2026-01-01T00:00:00Z","creators":["Tool: bench"]},"packages":[)";
  for (std::size_t i = 0; i < packages; ++i) {
    out += fmt::format(
        R"({}{{"SPDXID":"SPDXRef-p{}","name":"package-{}","versionInfo":"{}.{}.{}","downloadLocation":"NOASSERTION",)"
        R"("licenseConcluded":"MIT","checksums":[{{"algorithm":"SHA256","checksumValue":"{:064x}"}}],)"
        R"("externalRefs":[{{"referenceCategory":"PACKAGE-MANAGER","referenceType":"purl","referenceLocator":"pkg:pypi/package-{}@{}.{}.{}"}}]}})",
        i == 0 ? "" : ",", i, i, i % 7, i % 13, i % 5, i, i, i % 7, i % 13, i % 5);
  }
  out += R"(],"relationships":[{"spdxElementId":"SPDXRef-DOCUMENT","relationshipType":"DESCRIBES","relatedSpdxElement":"SPDXRef-p0"})";
  for (std::size_t i = 0; i + 1 < packages; ++i) {
    out += fmt::format(
        R"(,{{"spdxElementId":"SPDXRef-p{}","relationshipType":"DEPENDS_ON","relatedSpdxElement":"SPDXRef-p{}"}})",
        i, i + 1);
  }
  out += "]}";
  return out;
}

}  // namespace cradle::bench
