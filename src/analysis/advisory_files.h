// Loading OSV records from files, directory trees and zip archives (JSON and YAML) into an
// AdvisoryIndex. A record that cannot be read gets its diagnostics and the others go on.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <string>
#include <vector>

#include "analysis/advisory_index.h"
#include "model/diagnostic.h"

namespace cradle {

struct AdvisoryLoad {
  std::size_t files = 0;
  std::size_t rejected = 0;
  std::vector<Diagnostic> diagnostics;
};

// Reads every .json, .yaml and .yml file under each path (a file or a directory, walked in
// sorted order so that the result does not depend on the file system; or a zip archive, such
// as osv.dev's all.zip, in archive order, guarded as sources/document_source.h says).
AdvisoryLoad load_advisories(const std::vector<std::string>& paths, AdvisoryIndex& index);

}  // namespace cradle
