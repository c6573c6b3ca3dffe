#include "sources/zip_directory.h"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

namespace cradle {
namespace {

constexpr std::uint32_t kEndSignature = 0x06054b50;
constexpr std::uint32_t kZip64EndSignature = 0x06064b50;
constexpr std::uint32_t kZip64LocatorSignature = 0x07064b50;
constexpr std::uint32_t kCentralSignature = 0x02014b50;
constexpr std::uint32_t kLocalSignature = 0x04034b50;
constexpr std::size_t kEndSize = 22;
constexpr std::size_t kZip64LocatorSize = 20;
constexpr std::size_t kZip64EndSize = 56;
constexpr std::size_t kCentralSize = 46;
constexpr std::size_t kLocalSize = 30;
constexpr std::uint32_t kSaturated32 = 0xffffffff;

// Little-endian fields of a record read into memory.
class Fields {
 public:
  explicit Fields(std::string_view bytes) : bytes_(bytes) {}
  std::uint64_t at(std::size_t offset, std::size_t width) const {
    std::uint64_t value = 0;
    for (std::size_t i = width; i-- > 0;) {
      value = value << 8 | static_cast<unsigned char>(bytes_[offset + i]);
    }
    return value;
  }
  std::uint16_t u16(std::size_t offset) const { return static_cast<std::uint16_t>(at(offset, 2)); }
  std::uint32_t u32(std::size_t offset) const { return static_cast<std::uint32_t>(at(offset, 4)); }
  std::uint64_t u64(std::size_t offset) const { return at(offset, 8); }

 private:
  std::string_view bytes_;
};

std::expected<std::string, std::string> read_bytes(const ReadAt& read, std::uint64_t size,
                                                   std::uint64_t offset, std::uint64_t count,
                                                   std::string_view what) {
  std::string bytes;
  if (offset > size || count > size - offset) {
    return std::unexpected(
        fmt::format("the {} (at byte {}, {} bytes) lies past the end of the "
                    "archive ({} bytes)",
                    what, offset, count, size));
  }
  bytes.resize(count);
  if (!read(offset, std::span(bytes.data(), bytes.size()))) {
    return std::unexpected(fmt::format("cannot read the {} at byte {}", what, offset));
  }
  return bytes;
}

struct End {
  std::uint64_t position = 0;  // of the end record
  std::uint64_t entries = 0;
  std::uint64_t directory_size = 0;
  std::uint64_t directory_offset = 0;
};

std::expected<End, std::string> read_end(std::uint64_t size, const ReadAt& read) {
  if (size < kEndSize) {
    return std::unexpected(fmt::format("{} bytes, fewer than the smallest zip archive", size));
  }
  // The end record is the last 22 bytes, or followed by a comment of at most 65,535 bytes.
  const std::uint64_t tail_size = std::min<std::uint64_t>(size, kEndSize + 0xffff);
  auto tail = read_bytes(read, size, size - tail_size, tail_size, "end of the archive");
  if (!tail) return std::unexpected(tail.error());
  const Fields tail_fields(*tail);
  for (std::size_t at = tail->size() - kEndSize + 1; at-- > 0;) {
    if (tail_fields.u32(at) != kEndSignature) continue;
    const Fields end(std::string_view(*tail).substr(at));
    if (at + kEndSize + end.u16(20) > tail->size()) continue;  // a signature inside a comment
    End found{size - tail_size + at, end.u16(10), end.u32(12), end.u32(16)};
    // A Zip64 end locator just before the end record points at the Zip64 end record, whose
    // values stand (the end record's are saturated, or copies), and before which the directory
    // lies.
    if (found.position < kZip64LocatorSize) return found;
    auto locator = read_bytes(read, size, found.position - kZip64LocatorSize, kZip64LocatorSize,
                              "Zip64 end locator");
    if (!locator) return std::unexpected(locator.error());
    const Fields locator_fields(*locator);
    if (locator_fields.u32(0) != kZip64LocatorSignature) {
      const bool saturated =
          end.u16(10) == 0xffff || end.u32(12) == kSaturated32 || end.u32(16) == kSaturated32;
      if (!saturated) return found;
      return std::unexpected(fmt::format(
          "the end record at byte {} needs a Zip64 end locator before it, which is missing",
          found.position));
    }
    auto end64 = read_bytes(read, size, locator_fields.u64(8), kZip64EndSize, "Zip64 end record");
    if (!end64) return std::unexpected(end64.error());
    const Fields end64_fields(*end64);
    if (end64_fields.u32(0) != kZip64EndSignature) {
      return std::unexpected(fmt::format("no Zip64 end record at byte {}, where the locator points",
                                         locator_fields.u64(8)));
    }
    found.entries = end64_fields.u64(32);
    found.directory_size = end64_fields.u64(40);
    found.directory_offset = end64_fields.u64(48);
    found.position = locator_fields.u64(8);
    return found;
  }
  return std::unexpected(
      "no end of central directory record: not a zip archive, or a truncated one");
}

// The Zip64 extended information of a central directory entry: the 64-bit values of the fields
// saturated in the entry, in their fixed order.
bool read_zip64_extra(std::string_view extra, ZipEntryDeclared& entry, bool uncompressed,
                      bool compressed, bool offset) {
  const Fields fields(extra);
  for (std::size_t at = 0; at + 4 <= extra.size();) {
    const std::uint16_t id = fields.u16(at);
    const std::size_t length = fields.u16(at + 2);
    if (at + 4 + length > extra.size()) return false;
    if (id == 0x0001) {
      std::size_t field = at + 4;
      const std::size_t end = field + length;
      for (auto [wanted, value] :
           {std::pair{uncompressed, &entry.uncompressed}, std::pair{compressed, &entry.compressed},
            std::pair{offset, &entry.local_header}}) {
        if (!wanted) continue;
        if (field + 8 > end) return false;
        *value = fields.u64(field);
        field += 8;
      }
      return true;
    }
    at += 4 + length;
  }
  return !(uncompressed || compressed || offset);
}

}  // namespace

std::expected<ZipDirectory, std::string> read_zip_directory(std::uint64_t size, const ReadAt& read,
                                                            std::size_t max_entries) {
  auto end = read_end(size, read);
  if (!end) return std::unexpected(end.error());
  if (end->directory_size > end->position) {
    return std::unexpected(
        fmt::format("the central directory ({} bytes) does not fit before its "
                    "end record at byte {}",
                    end->directory_size, end->position));
  }
  // An archive with bytes before it (a self-extractor) has its offsets shifted by them.
  const std::uint64_t start = end->position - end->directory_size;
  if (start < end->directory_offset) {
    return std::unexpected(
        fmt::format("the central directory is said to start at byte {}, past "
                    "where it can (byte {})",
                    end->directory_offset, start));
  }
  const std::uint64_t prefix = start - end->directory_offset;
  if (end->entries > max_entries) {
    return std::unexpected(
        fmt::format("{} entries declared, more than {}", end->entries, max_entries));
  }
  auto directory_bytes = read_bytes(read, size, start, end->directory_size, "central directory");
  if (!directory_bytes) return std::unexpected(directory_bytes.error());
  const std::string_view bytes = *directory_bytes;

  ZipDirectory directory;
  // As many as the directory's bytes can hold, whatever the end record claims.
  directory.entries.reserve(static_cast<std::size_t>(
      std::min<std::uint64_t>(end->entries, bytes.size() / kCentralSize)));
  for (std::size_t at = 0; at < bytes.size();) {
    const std::uint64_t where = start + at;
    const Fields fields(bytes.substr(at));
    if (bytes.size() - at < kCentralSize || fields.u32(0) != kCentralSignature) {
      return std::unexpected(fmt::format("no central directory entry at byte {}", where));
    }
    const std::size_t name_size = fields.u16(28);
    const std::size_t extra_size = fields.u16(30);
    const std::size_t record_size = kCentralSize + name_size + extra_size + fields.u16(32);
    if (record_size > bytes.size() - at) {
      return std::unexpected(
          fmt::format("the central directory entry at byte {} runs past the directory", where));
    }
    if (directory.entries.size() == max_entries) {
      return std::unexpected(fmt::format("more than {} entries", max_entries));
    }
    ZipEntryDeclared entry;
    entry.name.assign(bytes.substr(at + kCentralSize, name_size));
    entry.compressed = fields.u32(20);
    entry.uncompressed = fields.u32(24);
    entry.local_header = fields.u32(42);
    if (!read_zip64_extra(bytes.substr(at + kCentralSize + name_size, extra_size), entry,
                          entry.uncompressed == kSaturated32, entry.compressed == kSaturated32,
                          entry.local_header == kSaturated32)) {
      return std::unexpected(fmt::format(
          "the central directory entry at byte {} ({}) has a malformed Zip64 extra field", where,
          entry.name));
    }
    entry.local_header += prefix;
    auto local =
        read_bytes(read, size, entry.local_header, kLocalSize, "local header of " + entry.name);
    if (!local) return std::unexpected(local.error());
    const Fields local_fields(*local);
    if (local_fields.u32(0) != kLocalSignature) {
      return std::unexpected(
          fmt::format("no local header at byte {}, where the entry {} is said "
                      "to start",
                      entry.local_header, entry.name));
    }
    const std::uint64_t data =
        entry.local_header + kLocalSize + local_fields.u16(26) + local_fields.u16(28);
    if (data > size || entry.compressed > size - data) {
      return std::unexpected(
          fmt::format("the entry {} (at byte {}, {} bytes compressed) runs past "
                      "the end of the archive",
                      entry.name, entry.local_header, entry.compressed));
    }
    entry.data_end = data + entry.compressed;
    directory.entries.push_back(std::move(entry));
    at += record_size;
  }
  return directory;
}

ZipOverlap overlapping_entries(const ZipDirectory& directory) {
  std::vector<const ZipEntryDeclared*> by_offset;
  by_offset.reserve(directory.entries.size());
  for (const ZipEntryDeclared& entry : directory.entries) by_offset.push_back(&entry);
  std::ranges::stable_sort(by_offset, {}, &ZipEntryDeclared::local_header);
  for (std::size_t i = 1; i < by_offset.size(); ++i) {
    if (by_offset[i]->local_header < by_offset[i - 1]->data_end) {
      return ZipOverlap{by_offset[i - 1], by_offset[i]};
    }
  }
  return {};
}

}  // namespace cradle
