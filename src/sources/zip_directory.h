// The table of contents of a zip archive (its central directory), read without inflating
// anything, and the checks made on it before libarchive inflates a byte: what the entries declare
// in all, how far beyond deflate's reach they claim to compress, and whether two entries share
// their bytes (the overlapping entries of a "better zip bomb", which libarchive would inflate
// again and again, or silently drop). The format is PKWARE's APPNOTE (with Zip64); libarchive
// reads the entries themselves, but does not show where each one lies or its compressed size.
//
// Threads: plain functions of their arguments.
#pragma once

#include <cstdint>
#include <expected>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace cradle {

struct ZipEntryDeclared {
  std::string name;
  std::uint64_t compressed = 0;
  std::uint64_t uncompressed = 0;
  std::uint64_t local_header = 0;  // offset in the archive, any prefix (self-extractor) counted
  std::uint64_t data_end = 0;      // one past the entry's compressed bytes
};

struct ZipDirectory {
  std::vector<ZipEntryDeclared> entries;  // in directory order
};

// Fills `into` with the archive's bytes at `offset`; false when they are not there.
using ReadAt = std::function<bool(std::uint64_t offset, std::span<char> into)>;

// The central directory of an archive of `size` bytes, each entry's extent taken from its local
// header; at most `max_entries` entries. The error says what is wrong and where (a byte offset).
std::expected<ZipDirectory, std::string> read_zip_directory(std::uint64_t size, const ReadAt& read,
                                                            std::size_t max_entries);

// The first two entries (in archive order) whose bytes overlap, if any.
struct ZipOverlap {
  const ZipEntryDeclared* first = nullptr;
  const ZipEntryDeclared* second = nullptr;
};
ZipOverlap overlapping_entries(const ZipDirectory& directory);

}  // namespace cradle
