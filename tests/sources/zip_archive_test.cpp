// Zip archives as sources: the central directory read without inflating, and the archives an
// attacker makes refused on what they declare, before anything is inflated: many entries that
// each deflate a thousandfold, entries that share their bytes, and declared sizes that lie.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "model/diagnostic.h"
#include "sources/document_source.h"
#include "sources/zip_directory.h"
#include "zip_writer.h"

namespace cradle {
namespace {

namespace fs = std::filesystem;
using testing::forge_zip;
using testing::forged;
using testing::make_zip;

std::expected<ZipDirectory, std::string> directory_of(std::string_view archive) {
  return read_zip_directory(
      archive.size(),
      [&](std::uint64_t offset, std::span<char> into) {
        if (offset > archive.size() || into.size() > archive.size() - offset) return false;
        archive.copy(into.data(), into.size(), offset);
        return true;
      },
      1000);
}

// What read_zip() hands over and says.
struct Read {
  std::vector<std::string> documents;
  std::string said;  // every diagnostic, one per line
};

Read read(std::string_view archive, const SourceLimits& limits = {}) {
  Read out;
  const SourceReport report =
      read_zip(archive, "a.zip", {".json"}, limits,
               [&](const std::string& name, std::string_view) { out.documents.push_back(name); });
  for (const Diagnostic& d : report.diagnostics) out.said += format_diagnostic(d) + "\n";
  return out;
}

TEST(ZipDirectory, ReadsWhatAnArchiveDeclares) {
  for (bool zip64 : {false, true}) {
    SCOPED_TRACE(zip64 ? "Zip64" : "zip");
    const std::string archive =
        make_zip({{"a.json", std::string(5000, 'a')}, {"dir/b.json", "{}"}}, zip64);
    auto directory = directory_of(archive);
    ASSERT_TRUE(directory) << directory.error();
    ASSERT_EQ(directory->entries.size(), 2u);
    EXPECT_EQ(directory->entries[0].name, "a.json");
    EXPECT_EQ(directory->entries[0].uncompressed, 5000u);
    EXPECT_LT(directory->entries[0].compressed, 100u);
    EXPECT_EQ(directory->entries[1].name, "dir/b.json");
    EXPECT_EQ(directory->entries[1].uncompressed, 2u);
    EXPECT_LE(directory->entries[0].data_end, directory->entries[1].local_header);
    EXPECT_EQ(overlapping_entries(*directory).first, nullptr);
  }
}

TEST(ZipDirectory, ABrokenDirectorySaysWhatIsWrongAndWhere) {
  const std::string archive = make_zip({{"a.json", "{}"}});
  EXPECT_EQ(directory_of(archive.substr(0, archive.size() / 2)).error(),
            "no end of central directory record: not a zip archive, or a truncated one");
  EXPECT_EQ(directory_of("PK\x05\x06").error(), "4 bytes, fewer than the smallest zip archive");
  // The directory said to start past where it can.
  std::string moved = forge_zip({forged("a.json", "{}")});
  moved[moved.size() - 6] = '\x7f';
  EXPECT_NE(directory_of(moved).error().find("past where it can"), std::string::npos)
      << directory_of(moved).error();
  // More entries than allowed.
  std::vector<testing::ForgedEntry> many;
  for (int i = 0; i < 1001; ++i) many.push_back(forged("e" + std::to_string(i) + ".json", "{}"));
  EXPECT_EQ(directory_of(forge_zip(many)).error(), "1001 entries declared, more than 1000");
}

TEST(ZipSource, AManyEntryBombIsRefusedOnWhatItDeclaresBeforeInflating) {
  // The shape of an 18 MB file that inflates to 17 GiB: 1,100 entries of 16 MiB of zeros, each
  // deflated to about 16 KB. Nothing is inflated: the directory's sum refuses it.
  testing::ForgedEntry entry = forged("", std::string(std::size_t{16} << 20, '\0'));
  std::vector<testing::ForgedEntry> entries(1100, entry);
  for (std::size_t i = 0; i < entries.size(); ++i) entries[i].name = fmt::format("{}.json", i);
  const std::string archive = forge_zip(entries);
  ASSERT_LT(archive.size(), std::size_t{20} << 20);
  const Read got = read(archive);
  EXPECT_TRUE(got.documents.empty());
  EXPECT_EQ(got.said,
            "a.zip: error: entries declare 18454937600 bytes in all, more than 17179869184: "
            "refused as a zip bomb\n");
}

TEST(ZipSource, ARatioNoRealArchiveHasIsRefused) {
  // 100 MiB declared by 110 KB: over 900 to 1, where advisories deflate 5 to 20 to 1.
  testing::ForgedEntry entry = forged("", std::string(std::size_t{1} << 20, '\0'));
  std::vector<testing::ForgedEntry> entries(100, entry);
  for (std::size_t i = 0; i < entries.size(); ++i) entries[i].name = fmt::format("{}.json", i);
  const Read got = read(forge_zip(entries));
  EXPECT_TRUE(got.documents.empty());
  EXPECT_NE(got.said.find("a.zip: error: entries declare 104857600 bytes from "), std::string::npos)
      << got.said;
  EXPECT_NE(got.said.find(":1, beyond the 100:1 accepted): refused as a zip bomb"),
            std::string::npos)
      << got.said;
}

TEST(ZipSource, EntriesThatShareTheirBytesAreRefused) {
  // Two directory entries at one local header: libarchive would read one and drop the other
  // without a word; a bomb makes thousands of them.
  std::vector<testing::ForgedEntry> entries{forged("a.json", "{\"id\": \"A\"}"),
                                            forged("b.json", "{\"id\": \"B\"}"),
                                            forged("c.json", "{\"id\": \"A\"}")};
  entries[2].same_bytes_as = 0;
  const Read got = read(forge_zip(entries));
  EXPECT_TRUE(got.documents.empty());
  EXPECT_NE(got.said.find("a.zip: error: entries a.json (bytes 0 to "), std::string::npos)
      << got.said;
  EXPECT_NE(got.said.find(") and c.json (from byte 0) overlap: refused"), std::string::npos)
      << got.said;
  // The same archive without the shared entry reads.
  entries.pop_back();
  EXPECT_EQ(read(forge_zip(entries)).documents,
            (std::vector<std::string>{"a.zip!a.json", "a.zip!b.json"}));
}

TEST(ZipSource, AnEntryDeclaringTooMuchIsRefusedAloneAndOneThatLiesIsCaughtInflating) {
  SourceLimits limits;
  limits.max_document_bytes = 1 << 20;
  std::vector<testing::ForgedEntry> entries{forged("big.json", std::string(2 << 20, ' ')),
                                            forged("liar.json", std::string(2 << 20, ' ')),
                                            forged("good.json", "{}")};
  entries[1].declared_size = 100;  // inflates to 2 MiB
  const Read got = read(forge_zip(entries), limits);
  EXPECT_EQ(got.documents, (std::vector<std::string>{"a.zip!good.json"}));
  EXPECT_NE(got.said.find("a.zip!big.json: error: declares 2097152 bytes, more than 1048576: "
                          "refused as a zip bomb"),
            std::string::npos)
      << got.said;
  EXPECT_NE(
      got.said.find("a.zip!liar.json: error: inflates to more than 1048576 bytes: refused as a "
                    "zip bomb"),
      std::string::npos)
      << got.said;
}

TEST(ZipSource, AnArchiveLibarchiveRefusesWithoutAReasonIsStillAnError) {
  // Found by fuzz/zip_fuzz.cpp: libarchive's message was a null pointer, and formatting it threw.
  std::ifstream in(std::string(CRADLE_TEST_DATA_DIR) + "/hostile/zip-without-a-reason.zip",
                   std::ios::binary);
  const std::string archive((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_EQ(archive.size(), 142u);
  const Read got = read(archive);
  EXPECT_TRUE(got.documents.empty());
  EXPECT_NE(got.said.find("a.zip: error: not a readable zip archive: "), std::string::npos)
      << got.said;
}

TEST(ZipSource, AFileNamedZipThatIsNotOneSaysWhatItIs) {
  const fs::path dir = fs::temp_directory_path() / ("cradle-zip-test-" + std::to_string(getpid()));
  fs::create_directories(dir);
  auto said = [&](const std::string& bytes) {
    const fs::path file = dir / "all.zip";
    std::ofstream(file, std::ios::binary) << bytes;
    const SourceReport report =
        read_zip_file(file.string(), {".json"}, {}, [](const std::string&, std::string_view) {});
    return report.diagnostics.empty() ? std::string() : report.diagnostics.front().message;
  };
  EXPECT_EQ(said(""), "not a zip archive: an empty file");
  EXPECT_EQ(said("{\"id\": \"GHSA-1\", \"modified\": \"2024\"}"),
            "not a zip archive: it starts with \"{\"id\": \"GHSA-1\", \"modifi\"...");
  EXPECT_EQ(said("\x1b]0;x\a"), "not a zip archive: it starts with \"\\e]0;x\\x07\"");
  const std::string archive = make_zip({{"a.json", "{}"}});
  EXPECT_EQ(said(archive.substr(0, archive.size() - 30)),
            "not a readable zip archive: no end of central directory record: not a zip archive, "
            "or a truncated one");
  EXPECT_EQ(said(archive), "");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace cradle
