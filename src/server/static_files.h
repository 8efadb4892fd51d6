// Static files: reading the built web app's files from WEB_ROOT for the
// static file routes.
//
// Two guards keep every answer inside the web root: resolve_static_path
// refuses traversal in the URL, then the canonical path of the file (symlinks
// resolved) must still lie inside the canonical web root, so a symlink that
// points outside is refused too.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.h"
#include "server/api_error.h"

namespace tokhai::server {

using core::Done;
using core::Error;
using core::LocalizedText;
using core::Result;

struct StaticFile {
  std::string_view content_type;
  std::string body;
};

// `web_root` made canonical (absolute, symlinks resolved) for
// read_static_file. Error code: config.web_root (missing, or not a folder).
Result<std::filesystem::path> canonical_web_root(const std::filesystem::path& web_root);

// Reads the file that `url_path` (as on the request line: percent-encoded,
// without the query string) names inside `web_root`, which must be canonical.
// Errors: bad_path when the URL is refused or the file's canonical path leaves
// the web root; not_found when no readable regular file is there.
Result<StaticFile, ApiErrorCode> read_static_file(const std::filesystem::path& web_root,
                                                  std::string_view url_path);

}  // namespace tokhai::server
