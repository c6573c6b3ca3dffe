#include "formats/json_reader.h"

#include <fmt/format.h>

#include "formats/text_position.h"

namespace cradle {
namespace {

using simdjson::dom::element_type;

// Walks every value with On-Demand to find where a document the DOM parser rejected goes wrong.
// Only called on the error path.
simdjson::error_code walk(simdjson::ondemand::value value) {
  simdjson::ondemand::json_type type;
  if (auto error = value.type().get(type)) return error;
  switch (type) {
    case simdjson::ondemand::json_type::array: {
      simdjson::ondemand::array array;
      if (auto error = value.get_array().get(array)) return error;
      for (auto item : array) {
        simdjson::ondemand::value child;
        if (auto error = item.get(child)) return error;
        if (auto error = walk(child)) return error;
      }
      return simdjson::SUCCESS;
    }
    case simdjson::ondemand::json_type::object: {
      simdjson::ondemand::object object;
      if (auto error = value.get_object().get(object)) return error;
      for (auto field : object) {
        simdjson::ondemand::value child;
        if (auto error = field.value().get(child)) return error;
        if (auto error = walk(child)) return error;
      }
      return simdjson::SUCCESS;
    }
    case simdjson::ondemand::json_type::string:
      return value.get_string().error();
    case simdjson::ondemand::json_type::number:
      return value.get_number().error();
    case simdjson::ondemand::json_type::boolean:
      return value.get_bool().error();
    case simdjson::ondemand::json_type::null:
      return value.is_null().error();
  }
  return simdjson::SUCCESS;
}

// Byte offset of the first syntax error, found by walking the document with On-Demand.
std::optional<std::size_t> syntax_error_offset(std::string_view bytes) {
  simdjson::padded_string padded(bytes);
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document document;
  if (parser.iterate(padded).get(document)) return std::nullopt;
  simdjson::ondemand::value root;
  simdjson::error_code error = document.get_value().get(root);
  if (!error) error = walk(root);
  if (!error) return std::nullopt;
  const char* at = nullptr;
  if (document.current_location().get(at)) return bytes.size();
  return static_cast<std::size_t>(at - padded.data());
}

std::string_view describe(simdjson::error_code error) {
  switch (error) {
    case simdjson::DEPTH_ERROR:
      return "the JSON nests deeper than allowed";
    case simdjson::UNCLOSED_STRING:
      return "a string is not closed";
    case simdjson::STRING_ERROR:
      return "a string has an invalid escape or control character";
    case simdjson::NUMBER_ERROR:
      return "a number is malformed";
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR:
    case simdjson::N_ATOM_ERROR:
      return "a literal is not true, false or null";
    case simdjson::EMPTY:
      return "the document is empty";
    case simdjson::CAPACITY:
      return "the document is larger than simdjson accepts";
    default:
      return "the JSON is malformed";
  }
}

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

  // simdjson validates the UTF-8 of the whole input as it parses; where it fails, invalid UTF-8
  // is what the document is told, whatever else is wrong with it.
  if (auto bad = first_invalid_utf8(bytes)) {
    diagnostics_.push_back(Diagnostic{Severity::error, std::string(file_),
                                      position_at(bytes, *bad), "invalid UTF-8"});
    return std::nullopt;
  }

  SourceLocation location;
  if (code == simdjson::DEPTH_ERROR) {
    location = {};
  } else if (auto offset = syntax_error_offset(bytes)) {
    location = position_at(bytes, *offset);
  } else {
    location = position_at(bytes, bytes.size());
  }
  std::string message = code == simdjson::DEPTH_ERROR
                            ? fmt::format("the JSON nests deeper than the limit of {} levels",
                                          limits.max_depth)
                            : fmt::format("malformed JSON: {} ({})", describe(code),
                                          simdjson::error_message(code));
  diagnostics_.push_back(
      Diagnostic{Severity::error, std::string(file_), location, std::move(message)});
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
