#include "generate_sbom.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <set>
#include <vector>

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

std::string generate_product_sbom(std::size_t product, std::size_t version, std::size_t components,
                                  std::size_t universe) {
  std::mt19937_64 random(product * 7919 + version);
  std::vector<std::size_t> packages{0};
  std::set<std::size_t> taken{0};
  while (packages.size() < components) {
    const std::size_t package = 1 + random() % (universe - 1);
    if (taken.insert(package).second) packages.push_back(package);
  }
  std::string out = fmt::format(
      R"({{"bomFormat":"CycloneDX","specVersion":"1.6","serialNumber":"urn:uuid:00000000-0000-4000-8000-{:06}{:06}",)"
      R"("version":1,"metadata":{{"timestamp":"2026-01-01T00:00:00Z","component":{{"type":"application",)"
      R"("bom-ref":"app","name":"product-{}","version":"{}.0"}}}},"components":[)",
      product, version, product, version);
  for (std::size_t i = 0; i < components; ++i) {
    const std::size_t package = packages[i];
    const std::string package_version =
        i == 0 ? fmt::format("1.0.{}", version) : fmt::format("1.{}.{}", package % 17, (package + version / 3) % 9);
    out += fmt::format(R"({}{{"type":"library","bom-ref":"c{}","name":"pkg-{}","version":"{}","purl":"pkg:pypi/pkg-{}@{}"}})",
                       i == 0 ? "" : ",", i, package, package_version, package, package_version);
  }
  // The app depends on the first ten; each later component on one earlier (so every one is
  // reachable) and on up to two more later ones.
  std::vector<std::vector<std::size_t>> depends(components);
  for (std::size_t i = 10; i < components; ++i) depends[random() % i].push_back(i);
  for (std::size_t i = 0; i + 1 < components; ++i) {
    for (std::size_t k = random() % 3; k > 0; --k) depends[i].push_back(i + 1 + random() % (components - i - 1));
  }
  out += R"(],"dependencies":[{"ref":"app","dependsOn":["c0","c1","c2","c3","c4","c5","c6","c7","c8","c9"]})";
  for (std::size_t i = 0; i < components; ++i) {
    out += fmt::format(R"(,{{"ref":"c{}","dependsOn":[)", i);
    std::set<std::size_t> unique(depends[i].begin(), depends[i].end());
    bool first = true;
    for (std::size_t to : unique) {
      out += fmt::format(R"({}"c{}")", first ? "" : ",", to);
      first = false;
    }
    out += "]}";
  }
  out += "]}";
  return out;
}

std::string read_juice_shop_sbom() {
  const char* env = std::getenv("CRADLE_SHARED_DATA");
  const std::filesystem::path dir = env != nullptr ? env : CRADLE_DEFAULT_SHARED_DATA;
  std::ifstream in(dir / "cyclonedx-bom-examples/SBOM/juice-shop/v11.1.2/bom.json",
                   std::ios::binary);
  return std::string{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string replicate_cyclonedx_json(const std::string& real, std::size_t components) {
  simdjson::dom::parser parser;
  simdjson::dom::array originals;
  if (parser.parse(real)["components"].get_array().get(originals) || originals.size() == 0) {
    return {};
  }
  std::string out =
      R"({"bomFormat":"CycloneDX","specVersion":"1.6","serialNumber":"urn:uuid:00000000-0000-4000-8000-000000000001","version":1,)"
      R"("metadata":{"timestamp":"2026-01-01T00:00:00Z"},"components":[)";
  std::size_t written = 0;
  for (std::size_t copy = 0; written < components; ++copy) {
    for (simdjson::dom::element original : originals) {
      if (written == components) break;
      simdjson::dom::object object;
      if (original.get_object().get(object)) continue;
      out += written++ == 0 ? "{" : ",{";
      out += fmt::format(R"("bom-ref":"c{}")", written);
      for (auto [key, value] : object) {
        if (key == "bom-ref") continue;
        if (key == "name") {
          out += fmt::format(R"(,"name":"{}-{}")", std::string_view(value.get_string()), copy);
        } else {
          out += fmt::format(R"(,"{}":{})", key, simdjson::minify(value));
        }
      }
      out += "}";
    }
  }
  out += "]}";
  return out;
}

}  // namespace cradle::bench
