#include "formats/json_path.h"

#include <charconv>

namespace cradle {

std::string JsonPath::pointer() const {
  std::string out;
  append_to(out);
  return out;
}

void JsonPath::append_to(std::string& out) const {
  if (parent_ != nullptr) parent_->append_to(out);
  switch (kind_) {
    case Kind::text:
      out += text_;
      return;
    case Kind::key:
      out.push_back('/');
      for (char c : text_) {
        if (c == '~') {
          out += "~0";
        } else if (c == '/') {
          out += "~1";
        } else {
          out.push_back(c);
        }
      }
      return;
    case Kind::index: {
      char digits[24];
      auto end = std::to_chars(digits, digits + sizeof digits, index_).ptr;
      out.push_back('/');
      out.append(digits, end);
      return;
    }
  }
}

}  // namespace cradle
