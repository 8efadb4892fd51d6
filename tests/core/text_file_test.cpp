// Whole-file reads and atomic writes (core/text_file.h): what form updates,
// data sets and the font are read and written with, natively and in wasm.
#include "core/text_file.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <random>
#include <string>

using tokhai::core::read_text_file;
using tokhai::core::write_file_atomically;

namespace {

struct TempFolder {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("tokhai-text-file-" + std::to_string(std::random_device{}()));
  TempFolder() { std::filesystem::create_directories(path); }
  ~TempFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
};

}  // namespace

TEST_CASE("a written file reads back byte for byte and replaces the old one") {
  TempFolder temp;
  const auto file = temp.path / "form.json";
  std::string bytes = "{\"title\":\"Tờ khai\"}";
  bytes.push_back('\0');
  bytes += std::string(40000, 'x');  // more than one read buffer
  REQUIRE(write_file_atomically(file, bytes));
  CHECK(read_text_file(file) == bytes);
  REQUIRE(write_file_atomically(file, "new"));
  CHECK(read_text_file(file) == std::string("new"));
  CHECK_FALSE(std::filesystem::exists(temp.path / "form.json.tmp"));
  REQUIRE(write_file_atomically(file, ""));
  CHECK(read_text_file(file) == std::string());
}

TEST_CASE("a file that cannot be read or written is reported, nothing half-written") {
  TempFolder temp;
  CHECK_FALSE(read_text_file(temp.path / "missing.json").has_value());
  CHECK_FALSE(write_file_atomically(temp.path / "no-such-folder" / "x.json", "x"));
  REQUIRE(write_file_atomically(temp.path / "kept.json", "old"));
  // The target is a folder: the rename fails, the temporary file goes away.
  std::filesystem::create_directories(temp.path / "folder.json");
  CHECK_FALSE(write_file_atomically(temp.path / "folder.json", "x"));
  CHECK_FALSE(std::filesystem::exists(temp.path / "folder.json.tmp"));
  CHECK(read_text_file(temp.path / "kept.json") == std::string("old"));
}
