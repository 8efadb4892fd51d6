// Reading a whole file (a form definition, a data set, test data) into memory.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace tokhai::core {

// The bytes of the file at `path`, or nullopt when it cannot be read.
std::optional<std::string> read_text_file(const std::filesystem::path& path);

}  // namespace tokhai::core
