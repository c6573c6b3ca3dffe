#include "store/lock_wait.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <sstream>

#include "model/display_text.h"
#include "model/redacted_url.h"

namespace cradle {
namespace {

std::atomic<bool> ran_out{false};

// SQLite's WAL write lock: byte 120 of the -shm file (WALINDEX_LOCK_OFFSET, slot 0).
constexpr long kWalWriteLock = 120;

struct FileId {
  unsigned major = 0;
  unsigned minor = 0;
  unsigned long inode = 0;
};

bool file_id(const std::string& path, FileId& id) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) return false;
  id =
      FileId{major(status.st_dev), minor(status.st_dev), static_cast<unsigned long>(status.st_ino)};
  return true;
}

}  // namespace

std::string process_command(long pid) {
  std::ifstream in(fmt::format("/proc/{}/cmdline", pid), std::ios::binary);
  const std::string arguments((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
  std::string text;
  for (std::size_t start = 0; start < arguments.size();) {
    const std::size_t end = std::min(arguments.find('\0', start), arguments.size());
    std::string_view argument = std::string_view(arguments).substr(start, end - start);
    if (!text.empty()) text += ' ';
    // A URL among the arguments (`--from URL`, `--db=URL`) goes without its credentials.
    const std::size_t scheme = argument.find("://");
    const std::size_t url = scheme == std::string_view::npos
                                ? std::string_view::npos
                                : argument.substr(0, scheme).rfind('=');
    if (scheme == std::string_view::npos) {
      text += argument;
    } else {
      const std::size_t from = url == std::string_view::npos ? 0 : url + 1;
      text += argument.substr(0, from);
      text += redacted_url(argument.substr(from));
    }
    start = end + 1;
  }
  if (text.size() > 120) text = text.substr(0, 117) + "...";
  return shown(text);
}

namespace {

// The process (not this one) holding a write lock on the file that covers `byte` (any byte when
// negative), from /proc/locks: "ID: POSIX ADVISORY WRITE PID MAJ:MIN:INODE START END".
long write_lock_holder(const FileId& file, long byte) {
  std::ifstream locks("/proc/locks");
  std::string line;
  while (std::getline(locks, line)) {
    std::istringstream fields(line);
    std::string id, kind, mode, access, where, start, end;
    long pid = 0;
    if (!(fields >> id >> kind >> mode >> access >> pid >> where >> start >> end)) continue;
    if (access != "WRITE" || pid <= 0 || pid == ::getpid()) continue;
    unsigned major_number = 0, minor_number = 0;
    unsigned long inode = 0;
    if (std::sscanf(where.c_str(), "%x:%x:%lu", &major_number, &minor_number, &inode) != 3)
      continue;
    if (major_number != file.major || minor_number != file.minor || inode != file.inode) continue;
    if (byte >= 0) {
      const long first = std::atol(start.c_str());
      const long last = end == "EOF" ? -1 : std::atol(end.c_str());
      if (byte < first || (last >= 0 && byte > last)) continue;
    }
    return pid;
  }
  return 0;
}

}  // namespace

std::string sqlite_lock_holder(const std::string& path) {
  FileId file;
  long pid = 0;
  if (file_id(path + "-shm", file)) pid = write_lock_holder(file, kWalWriteLock);
  if (pid == 0 && file_id(path, file)) pid = write_lock_holder(file, -1);
  if (pid == 0) return {};
  const std::string command = process_command(pid);
  return command.empty() ? fmt::format("process {}", pid)
                         : fmt::format("process {} ({})", pid, command);
}

bool lock_wait_ran_out() { return ran_out.load(); }
void note_lock_wait_ran_out() { ran_out.store(true); }

}  // namespace cradle
