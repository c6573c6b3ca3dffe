#include "sources/document_source.h"

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <system_error>

#include "model/ascii.h"
#include "model/display_text.h"
#include "sources/input_file.h"
#include "sources/zip_directory.h"

namespace cradle {
namespace {

namespace fs = std::filesystem;

bool has_extension(std::string_view name, const std::vector<std::string>& extensions) {
  return std::ranges::any_of(extensions,
                             [&](const std::string& extension) { return name.ends_with(extension); });
}

// How much of a file that is not what it should be is shown.
constexpr std::size_t kShownStart = 24;

Diagnostic error(std::string file, std::string message) {
  return Diagnostic{Severity::error, std::move(file), {}, std::move(message)};
}

// Zip-slip: an entry that would land outside the directory it is extracted into. cradle never
// extracts, but such an archive is not one a database publishes.
bool escapes(std::string_view entry) {
  if (entry.starts_with('/') || entry.starts_with('\\')) return true;
  if (entry.size() >= 2 && entry[1] == ':') return true;  // C:...
  std::size_t start = 0;
  while (start <= entry.size()) {
    std::size_t end = entry.find_first_of("/\\", start);
    if (end == std::string_view::npos) end = entry.size();
    if (entry.substr(start, end - start) == "..") return true;
    start = end + 1;
  }
  return false;
}

using ArchivePtr = std::unique_ptr<archive, decltype(&archive_read_free)>;

// What libarchive says went wrong; it may say nothing (a null message).
std::string libarchive_message(archive* zip) {
  const char* message = archive_error_string(zip);
  return message != nullptr ? shown(message) : "libarchive gives no reason";
}

// What the central directory declares, checked before anything is inflated: entries that share
// bytes, and the sizes and ratio the entries declare. False when the whole archive is refused;
// an entry refused alone goes into `refused`.
bool check_declared(const ZipDirectory& directory, std::uint64_t archive_size,
                    const std::string& name, const std::vector<std::string>& extensions,
                    const SourceLimits& limits, SourceReport& report,
                    std::set<std::string>& refused) {
  if (const ZipOverlap overlap = overlapping_entries(directory); overlap.first != nullptr) {
    report.diagnostics.push_back(error(
        name, fmt::format("entries {} (bytes {} to {}) and {} (from byte {}) overlap: refused, "
                          "entries that share their bytes make a zip bomb or a forgery",
                          shown(overlap.first->name), overlap.first->local_header,
                          overlap.first->data_end, shown(overlap.second->name),
                          overlap.second->local_header)));
    return false;
  }
  std::uint64_t total = 0;
  for (const ZipEntryDeclared& entry : directory.entries) {
    if (!has_extension(entry.name, extensions)) continue;
    if (entry.uncompressed > limits.max_document_bytes) {
      report.diagnostics.push_back(
          error(fmt::format("{}!{}", name, entry.name),
                fmt::format("declares {} bytes, more than {}: refused as a zip bomb",
                            entry.uncompressed, limits.max_document_bytes)));
      refused.insert(entry.name);
      continue;
    }
    total += entry.uncompressed;
  }
  if (total > limits.max_total_bytes) {
    report.diagnostics.push_back(error(
        name, fmt::format("entries declare {} bytes in all, more than {}: refused as a zip bomb",
                          total, limits.max_total_bytes)));
    return false;
  }
  if (total > limits.ratio_floor_bytes && total / std::max<std::uint64_t>(archive_size, 1) >
                                              limits.max_compression_ratio) {
    report.diagnostics.push_back(error(
        name, fmt::format("entries declare {} bytes from {} ({}:1, beyond the {}:1 accepted): "
                          "refused as a zip bomb",
                          total, archive_size, total / std::max<std::uint64_t>(archive_size, 1),
                          limits.max_compression_ratio)));
    return false;
  }
  return true;
}

// What the start of a file of `size` bytes that should be a zip archive shows it to be.
std::string not_a_zip(std::string_view bytes, std::uint64_t size) {
  if (size == 0) return "not a zip archive: an empty file";
  const std::string_view start = bytes.substr(0, kShownStart);
  return fmt::format("not a zip archive: it starts with \"{}\"{}", shown(start),
                     size > start.size() ? "..." : "");
}

SourceReport read_archive(archive* zip, const std::string& name,
                          const std::vector<std::string>& extensions, const SourceLimits& limits,
                          const std::set<std::string>& refused_declared, const DocumentSink& sink) {
  SourceReport report;
  std::size_t entries = 0;
  std::size_t total = 0;
  std::string bytes;
  archive_entry* entry = nullptr;
  for (;;) {
    const int status = archive_read_next_header(zip, &entry);
    if (status == ARCHIVE_EOF) break;
    if (status < ARCHIVE_WARN) {
      report.diagnostics.push_back(
          error(name, fmt::format("not a readable zip archive: {}", libarchive_message(zip))));
      break;
    }
    if (++entries > limits.max_entries) {
      report.diagnostics.push_back(error(
          name, fmt::format("more than {} entries: refused as a zip bomb", limits.max_entries)));
      break;
    }
    const char* raw_path = archive_entry_pathname(entry);
    const std::string path = raw_path != nullptr ? raw_path : "";
    const std::string document = fmt::format("{}!{}", name, path);
    if (archive_entry_filetype(entry) != AE_IFREG || !has_extension(path, extensions) ||
        refused_declared.contains(path)) {
      continue;
    }
    if (escapes(path)) {
      report.diagnostics.push_back(
          error(document, "entry path leaves the archive (absolute or '..'): refused"));
      continue;
    }
    bytes.clear();
    char buffer[64 * 1024];
    bool refused = false;
    for (;;) {
      const la_ssize_t n = archive_read_data(zip, buffer, sizeof buffer);
      if (n == 0) break;
      if (n < 0) {
        report.diagnostics.push_back(
            error(document, fmt::format("cannot inflate: {}", libarchive_message(zip))));
        refused = true;
        break;
      }
      total += static_cast<std::size_t>(n);
      if (bytes.size() + static_cast<std::size_t>(n) > limits.max_document_bytes) {
        report.diagnostics.push_back(error(
            document, fmt::format("inflates to more than {} bytes: refused as a zip bomb",
                                  limits.max_document_bytes)));
        refused = true;
        break;
      }
      if (total > limits.max_total_bytes) break;
      bytes.append(buffer, static_cast<std::size_t>(n));
    }
    if (total > limits.max_total_bytes) {
      report.diagnostics.push_back(error(
          name, fmt::format("entries inflate to more than {} bytes in all: refused as a zip bomb",
                            limits.max_total_bytes)));
      break;
    }
    if (refused) continue;
    ++report.documents;
    sink(document, bytes);
  }
  return report;
}

ArchivePtr new_zip_reader() {
  ArchivePtr zip(archive_read_new(), &archive_read_free);
  archive_read_support_format_zip(zip.get());
  return zip;
}

}  // namespace

FileTree list_file_tree(const std::string& path, const std::vector<std::string>& extensions) {
  FileTree tree;
  std::error_code error_code;
  if (!fs::is_directory(path, error_code)) {
    tree.files.push_back(path);
    return tree;
  }
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(path, error_code);
       !error_code && it != fs::recursive_directory_iterator(); it.increment(error_code)) {
    if (it->is_regular_file(error_code) && has_extension(it->path().native(), extensions)) {
      files.push_back(it->path());
    }
  }
  if (error_code) {
    tree.diagnostics.push_back(error(path, fmt::format("cannot read: {}", error_code.message())));
    return tree;
  }
  std::ranges::sort(files);  // by path components, not as text
  tree.files.reserve(files.size());
  for (const fs::path& file : files) tree.files.push_back(file.native());
  return tree;
}

SourceReport read_file_tree(const std::string& path, const std::vector<std::string>& extensions,
                            const SourceLimits& limits, const DocumentSink& sink) {
  FileTree tree = list_file_tree(path, extensions);
  SourceReport report{0, std::move(tree.diagnostics)};
  for (const std::string& file : tree.files) {
    auto bytes = read_input_file(file, limits.max_document_bytes);
    if (!bytes) {
      report.diagnostics.push_back(error(file, bytes.error().message));
      continue;
    }
    ++report.documents;
    sink(file, *bytes);
  }
  return report;
}

SourceReport read_zip(std::string_view archive_bytes, const std::string& name,
                      const std::vector<std::string>& extensions, const SourceLimits& limits,
                      const DocumentSink& sink) {
  SourceReport report;
  if (!looks_like_zip(archive_bytes)) {
    report.diagnostics.push_back(error(name, not_a_zip(archive_bytes, archive_bytes.size())));
    return report;
  }
  const ReadAt read = [&](std::uint64_t offset, std::span<char> into) {
    if (offset > archive_bytes.size() || into.size() > archive_bytes.size() - offset) return false;
    archive_bytes.copy(into.data(), into.size(), static_cast<std::size_t>(offset));
    return true;
  };
  std::set<std::string> refused;
  auto directory = read_zip_directory(archive_bytes.size(), read, limits.max_entries);
  if (!directory) {
    report.diagnostics.push_back(error(name, "not a readable zip archive: " + directory.error()));
    return report;
  }
  if (!check_declared(*directory, archive_bytes.size(), name, extensions, limits, report, refused)) {
    return report;
  }
  ArchivePtr zip = new_zip_reader();
  if (archive_read_open_memory(zip.get(), archive_bytes.data(), archive_bytes.size()) != ARCHIVE_OK) {
    report.diagnostics.push_back(
        error(name, fmt::format("not a readable zip archive: {}", libarchive_message(zip.get()))));
    return report;
  }
  SourceReport read_report = read_archive(zip.get(), name, extensions, limits, refused, sink);
  read_report.diagnostics.insert(read_report.diagnostics.begin(), report.diagnostics.begin(),
                                 report.diagnostics.end());
  return read_report;
}

SourceReport read_zip_file(const std::string& path, const std::vector<std::string>& extensions,
                           const SourceLimits& limits, const DocumentSink& sink) {
  SourceReport report;
  std::ifstream in(path, std::ios::binary);
  std::error_code size_error;
  const std::uintmax_t size = fs::file_size(path, size_error);
  if (!in || size_error) {
    report.diagnostics.push_back(error(
        path, fmt::format("cannot open: {}", size_error ? size_error.message() : "unreadable")));
    return report;
  }
  const ReadAt read = [&](std::uint64_t offset, std::span<char> into) {
    in.clear();
    in.seekg(static_cast<std::streamoff>(offset));
    in.read(into.data(), static_cast<std::streamsize>(into.size()));
    return in.gcount() == static_cast<std::streamsize>(into.size());
  };
  char head[kShownStart] = {};
  const std::size_t head_size = size < sizeof head ? static_cast<std::size_t>(size) : sizeof head;
  if (!read(0, std::span(head, head_size)) || !looks_like_zip(std::string_view(head, head_size))) {
    report.diagnostics.push_back(error(path, not_a_zip(std::string_view(head, head_size), size)));
    return report;
  }
  auto directory = read_zip_directory(size, read, limits.max_entries);
  if (!directory) {
    report.diagnostics.push_back(error(path, "not a readable zip archive: " + directory.error()));
    return report;
  }
  std::set<std::string> refused;
  if (!check_declared(*directory, size, path, extensions, limits, report, refused)) return report;
  ArchivePtr zip = new_zip_reader();
  if (archive_read_open_filename(zip.get(), path.c_str(), 1 << 16) != ARCHIVE_OK) {
    report.diagnostics.push_back(
        error(path, fmt::format("cannot open as a zip archive: {}", libarchive_message(zip.get()))));
    return report;
  }
  SourceReport read_report = read_archive(zip.get(), path, extensions, limits, refused, sink);
  read_report.diagnostics.insert(read_report.diagnostics.begin(), report.diagnostics.begin(),
                                 report.diagnostics.end());
  return read_report;
}

bool looks_like_zip(std::string_view bytes) {
  return bytes.starts_with(std::string_view("PK\x03\x04", 4)) ||
         bytes.starts_with(std::string_view("PK\x05\x06", 4));
}

bool is_zip_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char head[4] = {};
  in.read(head, sizeof head);
  return in.gcount() == 4 && looks_like_zip(std::string_view(head, 4));
}

bool named_as_zip(std::string_view path) { return ascii_iends_with(path, ".zip"); }

bool is_example_data(const std::string& path) {
  std::error_code error;
  std::filesystem::path directory(path);
  if (!std::filesystem::is_directory(directory, error)) directory = directory.parent_path();
  if (directory.empty()) directory = ".";
  return std::filesystem::exists(directory / "CRADLE-EXAMPLE-DATA", error);
}

}  // namespace cradle
