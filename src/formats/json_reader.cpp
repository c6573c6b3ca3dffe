#include "formats/json_reader.h"

#include <fmt/format.h>

#include "formats/on_demand_reader.h"
#include "formats/text_position.h"

namespace cradle {
namespace {

using simdjson::dom::element_type;

// One spare parser per thread, for the many small documents of a batch (OSV records, SBOMs of
// a portfolio). A parser sized for a larger input is not kept: its buffers are freed as soon as
// its document is read, so that they do not add to the peak memory of what follows.
constexpr std::size_t kMaxSpareCapacity = 4 * 1024 * 1024;
thread_local std::unique_ptr<simdjson::dom::parser> spare_parser;

}  // namespace

JsonReader::JsonReader(std::string_view file, std::vector<Diagnostic>& diagnostics)
    : file_(file), diagnostics_(diagnostics), parser_(std::move(spare_parser)) {
  if (!parser_) parser_ = std::make_unique<simdjson::dom::parser>();
}

JsonReader::~JsonReader() {
  if (!spare_parser && parser_->capacity() <= kMaxSpareCapacity) spare_parser = std::move(parser_);
}

std::optional<simdjson::dom::element> JsonReader::parse(std::string_view bytes,
                                                        const ParseLimits& limits) {
  if (bytes.starts_with(kUtf8ByteOrderMark)) {
    warning("", std::string(kByteOrderMarkWarning));
    bytes.remove_prefix(kUtf8ByteOrderMark.size());
  }
  if (bytes.size() > limits.max_bytes) {
    error("", fmt::format("the file is {} bytes, more than the limit of {} bytes", bytes.size(),
                          limits.max_bytes));
    return std::nullopt;
  }
  // A spare parser large enough and with the same depth limit is used as it is.
  if (parser_->max_depth() != limits.max_depth || parser_->capacity() < bytes.size() + 64) {
    if (auto error = parser_->allocate(bytes.size() + 64, limits.max_depth)) {
      this->error("", fmt::format("cannot allocate the parser: {}", simdjson::error_message(error)));
      return std::nullopt;
    }
  }
  simdjson::dom::element root;
  // In place when the caller vouches for the padding simdjson reads past the end; else copied.
  const bool copy = limits.readable_padding < simdjson::SIMDJSON_PADDING;
  simdjson::error_code code = parser_->parse(bytes.data(), bytes.size(), copy).get(root);
  if (!code) return root;

  diagnostics_.push_back(json_syntax_error(bytes, code, limits.max_depth, file_));
  return std::nullopt;
}

void JsonReader::error(const JsonPath& at, std::string message) {
  diagnostics_.push_back(Diagnostic{Severity::error, std::string(file_),
                                    SourceLocation{0, 0, at.pointer()}, std::move(message)});
}

void JsonReader::warning(const JsonPath& at, std::string message) {
  diagnostics_.push_back(Diagnostic{Severity::warning, std::string(file_),
                                    SourceLocation{0, 0, at.pointer()}, std::move(message)});
}

std::optional<std::string_view> JsonReader::as_string(simdjson::dom::element element,
                                                      const JsonPath& at) {
  std::string_view value;
  if (element.get_string().get(value)) {
    error(at, fmt::format("expected a string, found {}", json_type_name(element.type())));
    return std::nullopt;
  }
  return value;
}

std::optional<simdjson::dom::array> JsonReader::as_array(simdjson::dom::element element,
                                                         const JsonPath& at) {
  simdjson::dom::array array;
  if (element.get_array().get(array)) {
    error(at, fmt::format("expected an array, found {}", json_type_name(element.type())));
    return std::nullopt;
  }
  return array;
}

std::optional<simdjson::dom::object> JsonReader::as_object(simdjson::dom::element element,
                                                           const JsonPath& at) {
  simdjson::dom::object object;
  if (element.get_object().get(object)) {
    error(at, fmt::format("expected an object, found {}", json_type_name(element.type())));
    return std::nullopt;
  }
  return object;
}

std::optional<std::string_view> JsonReader::string_at(simdjson::dom::object object,
                                                      std::string_view key, const JsonPath& at) {
  simdjson::dom::element element;
  if (object.at_key(key).get(element)) return std::nullopt;
  return as_string(element, JsonPath(at, key));
}

std::optional<simdjson::dom::array> JsonReader::array_at(simdjson::dom::object object,
                                                         std::string_view key, const JsonPath& at) {
  simdjson::dom::element element;
  if (object.at_key(key).get(element)) return std::nullopt;
  return as_array(element, JsonPath(at, key));
}

std::optional<simdjson::dom::object> JsonReader::object_at(simdjson::dom::object object,
                                                           std::string_view key,
                                                           const JsonPath& at) {
  simdjson::dom::element element;
  if (object.at_key(key).get(element)) return std::nullopt;
  return as_object(element, JsonPath(at, key));
}

std::string json_pointer(std::string_view parent, std::string_view key) {
  return JsonPath(JsonPath(parent), key).pointer();
}

std::string json_pointer(std::string_view parent, std::size_t index) {
  return JsonPath(JsonPath(parent), index).pointer();
}

std::string_view json_type_name(simdjson::dom::element_type type) {
  switch (type) {
    case element_type::ARRAY:
      return "an array";
    case element_type::OBJECT:
      return "an object";
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE:
      return "a number";
    case element_type::STRING:
      return "a string";
    case element_type::BOOL:
      return "a boolean";
    case element_type::NULL_VALUE:
      return "null";
  }
  return "a value";
}

}  // namespace cradle
