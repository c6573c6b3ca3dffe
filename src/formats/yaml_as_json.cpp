#include "formats/yaml_as_json.h"

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <nlohmann/json.hpp>

#include "formats/text_position.h"

namespace cradle {
namespace {

// yaml-cpp 0.7 (Debian 12) writes the YAML escapes "\_" and "\N" (U+00A0, U+0085) as the single
// bytes 0xA0 and 0x85 instead of their UTF-8 encodings. The input was checked to be UTF-8, so
// such a lone byte in a scalar can only come from these escapes: encode it properly.
std::string repair_yaml_escapes(const std::string& scalar) {
  if (!first_invalid_utf8(scalar)) return scalar;
  std::string out;
  out.reserve(scalar.size() + 8);
  std::string_view rest = scalar;
  while (!rest.empty()) {
    auto bad = first_invalid_utf8(rest);
    if (!bad) {
      out += rest;
      break;
    }
    out += rest.substr(0, *bad);
    const auto byte = static_cast<unsigned char>(rest[*bad]);
    if (byte == 0xA0 || byte == 0x85) {
      out.push_back(static_cast<char>(0xC2));
    }
    out.push_back(rest[*bad]);
    rest.remove_prefix(*bad + 1);
  }
  return out;
}

// A plain (unquoted) scalar as the YAML 1.2 core schema reads it: null, a boolean, an integer,
// a float, or else a string.
nlohmann::json typed_scalar(const std::string& text) {
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL")
    return nullptr;
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  const char* end = text.data() + text.size();
  std::int64_t integer = 0;
  if (auto [stop, error] = std::from_chars(text.data(), end, integer);
      error == std::errc() && stop == end) {
    return integer;
  }
  double number = 0;
  if (auto [stop, error] = std::from_chars(text.data(), end, number);
      error == std::errc() && stop == end) {
    return number;
  }
  return repair_yaml_escapes(text);
}

// The walk from YAML nodes to JSON values, within limits: nesting depth, and the number of
// values written, since an alias repeats the node it names and a few hundred bytes of aliases to
// aliases ("billion laughs") expand to billions of values.
class YamlToJson {
 public:
  YamlToJson(std::size_t max_depth, std::size_t max_values, YamlScalars scalars)
      : max_depth_(max_depth), max_values_(max_values), scalars_(scalars) {}

  // false when a limit was met; then what() says which and where().
  bool convert(const YAML::Node& node, nlohmann::json& out, std::size_t depth) {
    if (depth > max_depth_) {
      problem_ = fmt::format("the YAML nests deeper than the limit of {} levels", max_depth_);
      return false;
    }
    if (++values_ > max_values_) {
      problem_ = fmt::format(
          "the YAML's aliases expand to more than {} values, out of proportion to its size (an "
          "alias bomb?); not read",
          max_values_);
      where_ = node.Mark();
      return false;
    }
    switch (node.Type()) {
      case YAML::NodeType::Map:
        out = nlohmann::json::object();
        for (const auto& item : node) {
          nlohmann::json value;
          if (!convert(item.second, value, depth + 1)) return false;
          out[item.first.Scalar()] = std::move(value);
        }
        return true;
      case YAML::NodeType::Sequence:
        out = nlohmann::json::array();
        for (const auto& item : node) {
          nlohmann::json value;
          if (!convert(item, value, depth + 1)) return false;
          out.push_back(std::move(value));
        }
        return true;
      case YAML::NodeType::Scalar:
        // A plain scalar's tag is "?", a quoted one's "!".
        if (scalars_ == YamlScalars::typed && node.Tag() == "?") {
          out = typed_scalar(node.Scalar());
        } else {
          out = repair_yaml_escapes(node.Scalar());
        }
        return true;
      default:
        out = nullptr;
        return true;
    }
  }

  const std::string& what() const { return problem_; }
  SourceLocation where() const {
    if (where_.is_null()) return {};
    return SourceLocation{where_.line + 1, where_.column + 1, {}};
  }

 private:
  std::size_t max_depth_;
  std::size_t max_values_;
  YamlScalars scalars_;
  std::size_t values_ = 0;
  std::string problem_;
  YAML::Mark where_ = YAML::Mark::null_mark();
};

Diagnostic error_at(std::string_view file, SourceLocation location, std::string message) {
  return Diagnostic{Severity::error, std::string(file), std::move(location), std::move(message)};
}

}  // namespace

std::optional<std::string> yaml_as_json(std::string_view bytes, std::string_view file,
                                        const ParseLimits& limits, YamlScalars scalars,
                                        std::vector<Diagnostic>& diagnostics) {
  if (bytes.size() > limits.max_bytes) {
    diagnostics.push_back(
        error_at(file, {},
                 fmt::format("the file is {} bytes, more than the limit of {} bytes", bytes.size(),
                             limits.max_bytes)));
    return std::nullopt;
  }
  if (auto bad = first_invalid_utf8(bytes)) {
    diagnostics.push_back(error_at(file, position_at(bytes, *bad), "invalid UTF-8"));
    return std::nullopt;
  }
  nlohmann::json json;
  try {
    const YAML::Node root = YAML::Load(std::string(bytes));
    // Without aliases a document has fewer values than bytes; with them, a few times as many is
    // generous (the YAML libraries of other languages bound aliasing similarly).
    YamlToJson convert(limits.max_depth, kYamlValuesPerByte * bytes.size() + kYamlValuesAtLeast,
                       scalars);
    if (!convert.convert(root, json, 1)) {
      diagnostics.push_back(error_at(file, convert.where(), convert.what()));
      return std::nullopt;
    }
  } catch (const YAML::DeepRecursion& error) {
    // yaml-cpp's own guard against nesting (it counts its parser's recursion, a few steps per
    // level), which a deep document may meet before the conversion's limit.
    diagnostics.push_back(
        error_at(file, SourceLocation{error.mark.line + 1, error.mark.column + 1, {}},
                 fmt::format("the YAML nests deeper than its parser (yaml-cpp) allows: it stopped "
                             "at {} nested steps",
                             error.depth())));
    return std::nullopt;
  } catch (const YAML::Exception& error) {
    diagnostics.push_back(error_at(file,
                                   SourceLocation{error.mark.line + 1, error.mark.column + 1, {}},
                                   fmt::format("malformed YAML: {}", error.msg)));
    return std::nullopt;
  }
  try {
    return json.dump();
  } catch (const nlohmann::json::exception& error) {
    // YAML text that is not UTF-8 (the YAML spec requires a Unicode encoding).
    diagnostics.push_back(
        error_at(file, {}, fmt::format("the YAML is not valid UTF-8: {}", error.what())));
    return std::nullopt;
  }
}

}  // namespace cradle
