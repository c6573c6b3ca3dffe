// Writes one of the benchmark SBOMs (generate_sbom.h) to standard output, for measuring the
// cradle binary on it (bench/sbom_memory.sh).
// usage: write_sbom cyclonedx|spdx|juice-shop-shaped [COMPONENTS]
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "generate_sbom.h"

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::fputs("usage: write_sbom cyclonedx|spdx|juice-shop-shaped [COMPONENTS]\n", stderr);
    return 2;
  }
  const std::string_view kind = argv[1];
  const std::size_t components = argc == 3 ? std::strtoul(argv[2], nullptr, 10) : 100'000;
  std::string doc;
  if (kind == "cyclonedx") {
    doc = cradle::bench::generate_cyclonedx_json(components);
  } else if (kind == "spdx") {
    doc = cradle::bench::generate_spdx_json(components);
  } else if (kind == "juice-shop-shaped") {
    doc = cradle::bench::replicate_cyclonedx_json(cradle::bench::read_juice_shop_sbom(),
                                                  components);
    if (doc.empty()) {
      std::fputs("write_sbom: juice-shop's SBOM not found under CRADLE_SHARED_DATA\n", stderr);
      return 2;
    }
  } else {
    std::fprintf(stderr, "write_sbom: unknown kind '%s'\n", argv[1]);
    return 2;
  }
  return std::fwrite(doc.data(), 1, doc.size(), stdout) == doc.size() ? 0 : 1;
}
