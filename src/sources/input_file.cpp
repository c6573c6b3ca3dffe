#include "sources/input_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace cradle {
namespace {

// Closes the file it owns (never standard input).
struct OpenFile {
  int fd;
  ~OpenFile() {
    if (fd > STDIN_FILENO) ::close(fd);
  }
};

}  // namespace

std::expected<std::string, Error> read_input_file(const std::string& path, std::size_t max_bytes) {
  const bool standard_input = path == "-";
  auto fail = [&](ErrorCode code, std::string message) {
    return std::unexpected(Error{code, std::move(message), {}});
  };
  auto failed_call = [&](std::string_view what) {
    return fail(ErrorCode::io, fmt::format("cannot {}: {}", what, std::strerror(errno)));
  };
  auto too_big = [&](std::size_t size) {
    return fail(ErrorCode::limit_exceeded,
                standard_input
                    ? fmt::format("standard input is more than the limit of {} bytes", max_bytes)
                    : fmt::format("the file is {} bytes, more than the limit of {} bytes", size,
                                  max_bytes));
  };
  // One open, one fstat and the reads: a scan reads thousands of small records this way.
  const OpenFile file{standard_input ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0) return failed_call("open");
  struct stat status {};
  if (::fstat(file.fd, &status) != 0) return failed_call("read");
  if (S_ISDIR(status.st_mode)) return fail(ErrorCode::io, "is a directory, expected a file");
  // A regular file states its size; a pipe or a device is read to its end, within the limit.
  const bool regular = S_ISREG(status.st_mode);
  const auto stated = static_cast<std::size_t>(status.st_size);
  if (regular && stated > max_bytes) return too_big(stated);
  std::string bytes((regular ? stated : std::size_t{1} << 16) + kInputPadding + 1, '\0');
  std::size_t size = 0;
  for (;;) {
    if (bytes.size() - size <= kInputPadding) bytes.resize(bytes.size() * 2, '\0');
    const ssize_t got = ::read(file.fd, bytes.data() + size, bytes.size() - kInputPadding - size);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return failed_call("read");
    if (got == 0) break;
    size += static_cast<std::size_t>(got);
    if (size > max_bytes) return too_big(size);
  }
  bytes.resize(size);  // shrinking keeps the capacity, and the zero bytes after the end
  return bytes;
}

}  // namespace cradle
