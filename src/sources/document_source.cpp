#include "sources/document_source.h"

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <system_error>

#include "sources/input_file.h"

namespace cradle {
namespace {

namespace fs = std::filesystem;

bool has_extension(std::string_view name, const std::vector<std::string>& extensions) {
  return std::ranges::any_of(extensions,
                             [&](const std::string& extension) { return name.ends_with(extension); });
}

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

SourceReport read_archive(archive* zip, const std::string& name,
                          const std::vector<std::string>& extensions, const SourceLimits& limits,
                          const DocumentSink& sink) {
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
          error(name, fmt::format("not a readable zip archive: {}", archive_error_string(zip))));
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
    if (archive_entry_filetype(entry) != AE_IFREG || !has_extension(path, extensions)) continue;
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
            error(document, fmt::format("cannot inflate: {}", archive_error_string(zip))));
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
  ArchivePtr zip = new_zip_reader();
  if (archive_read_open_memory(zip.get(), archive_bytes.data(), archive_bytes.size()) != ARCHIVE_OK) {
    SourceReport report;
    report.diagnostics.push_back(
        error(name, fmt::format("not a readable zip archive: {}", archive_error_string(zip.get()))));
    return report;
  }
  return read_archive(zip.get(), name, extensions, limits, sink);
}

SourceReport read_zip_file(const std::string& path, const std::vector<std::string>& extensions,
                           const SourceLimits& limits, const DocumentSink& sink) {
  ArchivePtr zip = new_zip_reader();
  if (archive_read_open_filename(zip.get(), path.c_str(), 1 << 16) != ARCHIVE_OK) {
    SourceReport report;
    report.diagnostics.push_back(
        error(path, fmt::format("cannot open as a zip archive: {}", archive_error_string(zip.get()))));
    return report;
  }
  return read_archive(zip.get(), path, extensions, limits, sink);
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

bool is_example_data(const std::string& path) {
  std::error_code error;
  std::filesystem::path directory(path);
  if (!std::filesystem::is_directory(directory, error)) directory = directory.parent_path();
  if (directory.empty()) directory = ".";
  return std::filesystem::exists(directory / "CRADLE-EXAMPLE-DATA", error);
}

}  // namespace cradle
