// Where documents come from before they are parsed: files, directory trees, zip archives and
// URLs. Each source hands its documents, one at a time and in a deterministic order, to a
// callback; a document that cannot be read becomes a diagnostic and the others go on.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "model/diagnostic.h"

namespace cradle {

// Bounds on what a source may inflate to; the guard against zip bombs. An archive's central
// directory is checked first, before anything is inflated (what its entries declare, and
// whether two entries share bytes), and the bytes actually inflated are counted too, since a
// declared size can lie.
struct SourceLimits {
  std::size_t max_document_bytes = std::size_t{1} << 30;  // one file or zip entry
  std::size_t max_total_bytes = std::size_t{16} << 30;    // all entries of one archive
  std::size_t max_entries = 10'000'000;                   // entries of one archive
  // What the entries read may declare in all against the archive's size, once they declare more
  // than `ratio_floor_bytes`: JSON advisories deflate about 5 to 20 to 1, deflate at most 1032:1.
  std::size_t max_compression_ratio = 100;
  std::size_t ratio_floor_bytes = std::size_t{64} << 20;
};

// `name` says where the bytes came from: a path, or "archive!entry" for a zip entry.
using DocumentSink = std::function<void(const std::string& name, std::string_view bytes)>;

struct SourceReport {
  std::size_t documents = 0;  // handed to the sink
  std::vector<Diagnostic> diagnostics;

  bool failed() const { return has_errors(diagnostics); }
};

// Files with one of `extensions` (".json", say) under a directory, in sorted path order; a path
// that names a file is listed whatever its extension. A directory that cannot be walked is a
// diagnostic.
struct FileTree {
  std::vector<std::string> files;
  std::vector<Diagnostic> diagnostics;
};
FileTree list_file_tree(const std::string& path, const std::vector<std::string>& extensions);

// The files list_file_tree() lists, each read and handed to the sink.
SourceReport read_file_tree(const std::string& path, const std::vector<std::string>& extensions,
                            const SourceLimits& limits, const DocumentSink& sink);

// The entries of a zip archive whose names end in one of `extensions`, in archive order. `name`
// is the archive's own name, used in diagnostics and document names. Entries with an absolute
// path or a ".." component are refused (zip-slip), as are entries that declare or inflate to
// more than the limits (zip bombs); the rest of the archive goes on. The whole archive is
// refused, before anything is inflated, when its entries overlap, or declare more than the total
// or the ratio allows; and after the total limit is reached while inflating. A file that is not
// a zip archive (empty, or JSON named .zip) is said to be what it is.
SourceReport read_zip(std::string_view archive, const std::string& name,
                      const std::vector<std::string>& extensions, const SourceLimits& limits,
                      const DocumentSink& sink);
SourceReport read_zip_file(const std::string& path, const std::vector<std::string>& extensions,
                           const SourceLimits& limits, const DocumentSink& sink);

// True when the bytes start like a zip archive (a local file header or an empty archive).
bool looks_like_zip(std::string_view bytes);
bool is_zip_file(const std::string& path);
// Whether a path's name says it is a zip archive (".zip", any case), whatever it holds.
bool named_as_zip(std::string_view path);

// Whether a directory (or the directory of a file) says it holds example data, not a real
// feed, by a file named CRADLE-EXAMPLE-DATA (examples/osv has one): what is loaded from it is
// shown as example data wherever its coverage is.
bool is_example_data(const std::string& path);

}  // namespace cradle
