#include "model/product.h"

namespace cradle {

ProductVersion parse_product_version(std::string_view text) {
  const std::size_t at = text.rfind('@');
  if (at == std::string_view::npos || at == 0) return ProductVersion{std::string(text), {}};
  return ProductVersion{std::string(text.substr(0, at)), std::string(text.substr(at + 1))};
}

}  // namespace cradle
