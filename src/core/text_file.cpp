// Reading whole files (see text_file.h).
#include "core/text_file.h"

#include <fstream>
#include <sstream>

namespace tokhai::core {

std::optional<std::string> read_text_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return std::move(text).str();
}

}  // namespace tokhai::core
