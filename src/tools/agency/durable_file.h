// Writing a file so that it is either there whole or not at all, and stays
// there after a crash or power cut: a temporary file beside it, written and
// fsync'ed, renamed over the target, and the folder fsync'ed.
#pragma once

#include <filesystem>
#include <string_view>

#include "core/result.h"

namespace tokhai::tools {

// Writes `bytes` to `path` durably with permissions `mode` (e.g. 0600 for
// secrets). Error: file.write (where: the path).
core::Result<core::Done> write_file_durably(const std::filesystem::path& path,
                                            std::string_view bytes, unsigned mode = 0644);

}  // namespace tokhai::tools
