// Reading input files whole (regular files, pipes, refusals) and listing directory trees.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "sources/document_source.h"
#include "sources/input_file.h"

namespace cradle {
namespace {

namespace fs = std::filesystem;

class InputFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("cradle-input-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& bytes) {
    const fs::path path = dir_ / name;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
    return path.string();
  }

  fs::path dir_;
};

TEST_F(InputFileTest, AFileIsReadWholeAndFollowedByZeroPadding) {
  std::string content(100'000, 'x');
  content[0] = '{';
  content.back() = '}';
  auto bytes = read_input_file(write("big.json", content), 1 << 20);
  ASSERT_TRUE(bytes) << bytes.error().message;
  EXPECT_EQ(*bytes, content);
  ASSERT_GE(bytes->capacity(), bytes->size() + kInputPadding);
  for (std::size_t i = 0; i < kInputPadding; ++i) ASSERT_EQ(bytes->data()[bytes->size() + i], '\0');

  auto empty = read_input_file(write("empty.json", ""), 1 << 20);
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
}

TEST_F(InputFileTest, RefusalsSayWhy) {
  auto missing = read_input_file((dir_ / "missing.json").string(), 1 << 20);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "cannot open: No such file or directory");

  auto directory = read_input_file(dir_.string(), 1 << 20);
  ASSERT_FALSE(directory);
  EXPECT_EQ(directory.error().message, "is a directory, expected a file");

  auto too_big = read_input_file(write("big.json", std::string(2000, 'x')), 1000);
  ASSERT_FALSE(too_big);
  EXPECT_EQ(too_big.error().code, ErrorCode::limit_exceeded);
  EXPECT_EQ(too_big.error().message, "the file is 2000 bytes, more than the limit of 1000 bytes");
}

// A pipe states no size: it is read to its end, in as many reads as it takes, within the limit.
TEST_F(InputFileTest, APipeIsReadToItsEnd) {
  const std::string fifo = (dir_ / "fifo").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string content;
  for (int i = 0; i < 50'000; ++i) content += std::to_string(i) + ',';  // ~240 KB, several reads
  std::jthread writer([&] { std::ofstream(fifo, std::ios::binary) << content; });
  auto bytes = read_input_file(fifo, 1 << 20);
  writer.join();
  ASSERT_TRUE(bytes) << bytes.error().message;
  EXPECT_EQ(*bytes, content);
  ASSERT_GE(bytes->capacity(), bytes->size() + kInputPadding);

  // The reader stops at the limit and closes the pipe: the writer's next write fails (EPIPE,
  // with SIGPIPE ignored for this test) and it finishes.
  const auto previous = std::signal(SIGPIPE, SIG_IGN);
  {
    std::jthread second([&] { std::ofstream(fifo, std::ios::binary) << content; });
    auto too_big = read_input_file(fifo, 100'000);
    ASSERT_FALSE(too_big);
    EXPECT_EQ(too_big.error().code, ErrorCode::limit_exceeded);
  }
  std::signal(SIGPIPE, previous);
}

TEST_F(InputFileTest, ATreeIsListedByPathComponentsWithItsExtensions) {
  write("a-c.json", "{}");
  write("a/b.json", "{}");
  write("a/skip.txt", "");
  write("b.yaml", "");
  FileTree tree = list_file_tree(dir_.string(), {".json", ".yaml"});
  EXPECT_TRUE(tree.diagnostics.empty());
  // "a/b.json" before "a-c.json": the directory "a" sorts before "a-c" (as text '-' < '/').
  EXPECT_EQ(tree.files, (std::vector<std::string>{(dir_ / "a/b.json").string(),
                                                  (dir_ / "a-c.json").string(),
                                                  (dir_ / "b.yaml").string()}));

  // A path naming a file is listed whatever its extension.
  const std::string text = (dir_ / "a/skip.txt").string();
  EXPECT_EQ(list_file_tree(text, {".json"}).files, std::vector<std::string>{text});
}

}  // namespace
}  // namespace cradle
