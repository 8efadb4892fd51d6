// TempDirectory: a fresh, uniquely named folder under the system temp folder
// (mkdtemp), removed with everything in it when the object goes away, so that
// tests running in parallel never share files.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>

namespace tokhai::server::testing {

class TempDirectory {
 public:
  // Creates "<temp>/<prefix>XXXXXX"; throws if the folder cannot be made.
  explicit TempDirectory(const std::string& prefix) {
    std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "XXXXXX")).string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed: " + pattern);
    path_ = pattern;
  }
  ~TempDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace tokhai::server::testing
