// libFuzzer target for parse_purl: no crash, and the canonical form is a fixed point
// (parse(to_string(p)) == p and to_string of that is the same string).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "model/osv_package.h"
#include "model/purl.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto purl = cradle::parse_purl(text);
  if (!purl) {
    if (purl.error().message.empty()) {
      std::fprintf(stderr, "fuzz invariant violated: an error without a message\n");
      std::abort();
    }
    return 0;
  }
  const std::string canonical = cradle::to_string(*purl);
  const auto reparsed = cradle::parse_purl(canonical);
  if (!reparsed || *reparsed != *purl || cradle::to_string(*reparsed) != canonical) {
    std::fprintf(stderr, "fuzz invariant violated: canonical form is not a fixed point: %s\n",
                 canonical.c_str());
    std::abort();
  }
  (void)cradle::osv_package_for(*purl, "");
  return 0;
}
