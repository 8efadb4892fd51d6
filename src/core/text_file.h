// Reading a whole file (a form definition, a data set, test data) into
// memory, and writing one so that a crash leaves the old or the new bytes.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace tokhai::core {

// The bytes of the file at `path`, or nullopt when it cannot be read.
std::optional<std::string> read_text_file(const std::filesystem::path& path);

// Writes `bytes` to `path.tmp`, then renames it over `path`: a crash leaves
// the old file or the new one, never half of one. False when either step
// fails (the temporary file is then removed).
bool write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

}  // namespace tokhai::core
