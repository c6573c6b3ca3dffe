#include "sources/input_file.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

namespace cradle {

std::expected<std::string, Error> read_input_file(const std::string& path, std::size_t max_bytes) {
  auto fail = [&](ErrorCode code, std::string message) {
    return std::unexpected(Error{code, std::move(message), {}});
  };
  if (path == "-") {
    std::string bytes{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
    if (bytes.size() > max_bytes) {
      return fail(ErrorCode::limit_exceeded,
                  fmt::format("standard input is more than the limit of {} bytes", max_bytes));
    }
    const std::size_t size = bytes.size();
    bytes.resize(size + kInputPadding, '\0');
    bytes.resize(size);
    return bytes;
  }
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    return fail(ErrorCode::io, "is a directory, expected a file");
  }
  auto size = std::filesystem::file_size(path, error);
  if (error) return fail(ErrorCode::io, fmt::format("cannot read: {}", error.message()));
  if (size > max_bytes) {
    return fail(ErrorCode::limit_exceeded,
                fmt::format("the file is {} bytes, more than the limit of {} bytes", size,
                            max_bytes));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(ErrorCode::io, fmt::format("cannot open: {}", std::strerror(errno)));
  std::string bytes(size + kInputPadding, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  bytes.resize(static_cast<std::size_t>(in.gcount()));  // shrinking keeps the capacity
  return bytes;
}

}  // namespace cradle
