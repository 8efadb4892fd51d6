// Reading and writing whole files (see text_file.h).
//
// C stdio rather than std::ifstream: the iostreams pull libc++'s locale
// machinery (num_get, money_get, time_get, codecvt: about 60 KB) into the
// phone's app.wasm, and a whole-file read needs none of it.
#include "core/text_file.h"

#include <cstdio>
#include <memory>
#include <system_error>

namespace tokhai::core {

std::optional<std::string> read_text_file(const std::filesystem::path& path) {
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                             &std::fclose);
  if (!file) return std::nullopt;
  std::string text;
  char buffer[16384];
  for (;;) {
    const std::size_t read = std::fread(buffer, 1, sizeof buffer, file.get());
    text.append(buffer, read);
    if (read < sizeof buffer) break;
  }
  if (std::ferror(file.get())) return std::nullopt;
  return text;
}

bool write_file_atomically(const std::filesystem::path& path, std::string_view bytes) {
  const std::filesystem::path temporary = path.string() + ".tmp";
  std::FILE* file = std::fopen(temporary.c_str(), "wb");
  if (file == nullptr) return false;
  const bool written = std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
  const bool closed = std::fclose(file) == 0;
  std::error_code error;
  if (written && closed) std::filesystem::rename(temporary, path, error);
  if (!written || !closed || error) {
    std::filesystem::remove(temporary, error);
    return false;
  }
  return true;
}

}  // namespace tokhai::core
