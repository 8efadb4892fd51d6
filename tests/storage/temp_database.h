// A database path in a fresh folder under the system's temporary directory,
// removed with everything in it when the test ends; and a clock the test
// moves by hand.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include "crypto/random.h"
#include "storage/vault_clock.h"

namespace tokhai::storage::testing {

class TempDatabase {
 public:
  TempDatabase()
      : folder_(std::filesystem::temp_directory_path() /
                ("tokhai-storage-" + crypto::random_hex_id(8))) {
    std::filesystem::create_directories(folder_);
  }
  TempDatabase(const TempDatabase&) = delete;
  TempDatabase& operator=(const TempDatabase&) = delete;
  ~TempDatabase() {
    std::error_code ignored;
    std::filesystem::remove_all(folder_, ignored);
  }

  std::filesystem::path path() const { return folder_ / "vaults.sqlite"; }
  const std::filesystem::path& folder() const { return folder_; }

  // The file's bytes (to prove that something did not change it).
  std::string bytes() const {
    std::error_code error;
    const auto size_bytes = std::filesystem::file_size(path(), error);
    if (error) return {};
    std::string bytes(static_cast<std::size_t>(size_bytes), '\0');
    std::ifstream in(path(), std::ios::binary);
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return bytes;
  }

 private:
  std::filesystem::path folder_;
};

// A clock that only moves when told.
struct ManualClock {
  std::int64_t now_ms = 1'750'000'000'000;  // June 2025
  UnixMillisClock function() {
    return [this] { return now_ms; };
  }
  void advance_seconds(std::int64_t seconds) { now_ms += seconds * 1000; }
};

}  // namespace tokhai::storage::testing
