// Zip archives for tests: well-formed ones written by libarchive, and forged ones written field by
// field (PKWARE APPNOTE), whose central directory may say what an attacker wants it to say.
#pragma once

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cradle::testing {

using ZipEntries = std::vector<std::pair<std::string, std::string>>;  // path, content

// A zip archive written by libarchive, deflated; with `zip64`, with Zip64 extensions forced.
inline std::string make_zip(const ZipEntries& entries, bool zip64 = false) {
  std::size_t size = 1 << 16;
  for (const auto& [path, content] : entries) size += content.size() + path.size() + 256;
  std::string buffer(size, '\0');
  std::size_t used = 0;
  archive* zip = archive_write_new();
  archive_write_set_format_zip(zip);
  archive_write_set_options(zip, "zip:compression=deflate");
  if (zip64) archive_write_set_options(zip, "zip:zip64");
  EXPECT_EQ(archive_write_open_memory(zip, buffer.data(), buffer.size(), &used), ARCHIVE_OK);
  for (const auto& [path, content] : entries) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, path.c_str());
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, 0644);
    archive_entry_set_size(entry, static_cast<la_int64_t>(content.size()));
    EXPECT_EQ(archive_write_header(zip, entry), ARCHIVE_OK);
    EXPECT_EQ(archive_write_data(zip, content.data(), content.size()),
              static_cast<la_ssize_t>(content.size()));
    archive_entry_free(entry);
  }
  archive_write_close(zip);
  archive_write_free(zip);
  return std::string(buffer.data(), used);
}

// Raw deflate (no zlib header), as a zip entry holds it.
inline std::string deflated(std::string_view content) {
  z_stream stream{};
  EXPECT_EQ(deflateInit2(&stream, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&stream, static_cast<uLong>(content.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(content.data()));
  stream.avail_in = static_cast<uInt>(content.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

inline std::uint32_t crc_of(std::string_view content) {
  return static_cast<std::uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(content.data()), static_cast<uInt>(content.size())));
}

// One entry of a forged archive: its deflated bytes and what the directory declares of it.
struct ForgedEntry {
  std::string name;
  std::string data;  // deflated
  std::uint32_t crc = 0;
  std::uint32_t declared_size = 0;           // uncompressed, as the directory says
  std::optional<std::size_t> same_bytes_as;  // an entry whose local header this one points at
};

inline ForgedEntry forged(std::string name, std::string_view content) {
  return ForgedEntry{std::move(name), deflated(content), crc_of(content),
                     static_cast<std::uint32_t>(content.size()), std::nullopt};
}

inline std::string forge_zip(const std::vector<ForgedEntry>& entries) {
  std::string out;
  auto u16 = [&](std::uint32_t value) {
    out += static_cast<char>(value & 0xff);
    out += static_cast<char>(value >> 8 & 0xff);
  };
  auto u32 = [&](std::uint32_t value) {
    u16(value & 0xffff);
    u16(value >> 16);
  };
  // Version, flags, method, time, date, CRC, sizes, name length, extra length.
  auto common = [&](const ForgedEntry& entry) {
    u16(20), u16(0), u16(8), u16(0), u16(0x21);
    u32(entry.crc), u32(static_cast<std::uint32_t>(entry.data.size())), u32(entry.declared_size);
    u16(static_cast<std::uint32_t>(entry.name.size())), u16(0);
  };
  std::vector<std::uint32_t> offsets;
  for (const ForgedEntry& entry : entries) {
    if (entry.same_bytes_as) {
      offsets.push_back(offsets[*entry.same_bytes_as]);
      continue;
    }
    offsets.push_back(static_cast<std::uint32_t>(out.size()));
    u32(0x04034b50);
    common(entry);
    out += entry.name;
    out += entry.data;
  }
  const auto directory = static_cast<std::uint32_t>(out.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    u32(0x02014b50);
    u16(20);
    common(entries[i]);
    u16(0), u16(0), u16(0), u32(0), u32(offsets[i]);
    out += entries[i].name;
  }
  const auto directory_size = static_cast<std::uint32_t>(out.size()) - directory;
  u32(0x06054b50), u16(0), u16(0);
  u16(static_cast<std::uint32_t>(entries.size())), u16(static_cast<std::uint32_t>(entries.size()));
  u32(directory_size), u32(directory), u16(0);
  return out;
}

}  // namespace cradle::testing
