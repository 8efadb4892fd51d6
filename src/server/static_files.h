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
#include "server/accept_encoding.h"
#include "server/api_error.h"

namespace tokhai::server {

using core::Done;
using core::Error;
using core::LocalizedText;
using core::Result;

struct StaticFile {
  std::string_view content_type;
  std::string body;
  // "br" or "gzip" when `body` is the precompressed copy (name.br, name.gz,
  // made by web/build_shell.py), empty when it is the file itself.
  std::string_view content_encoding;
  // Whether a precompressed copy exists, so that the answer varies with
  // Accept-Encoding.
  bool has_encodings = false;
  std::string_view cache_control;
};

// The Cache-Control of a static file: a content-hashed name
// ("name.<16 hex digits>.ext", as web/build_shell.py makes them) never
// changes content, so browsers may keep it a year; anything else (index.html,
// sw.js, ...) must be revalidated.
std::string_view static_cache_control(std::string_view relative_path);

// `web_root` made canonical (absolute, symlinks resolved) for
// read_static_file. Error code: config.web_root (missing, or not a folder).
Result<std::filesystem::path> canonical_web_root(const std::filesystem::path& web_root);

// Reads the file that `url_path` (as on the request line: percent-encoded,
// without the query string) names inside `web_root`, which must be canonical;
// its brotli copy (name.br) instead when `accept_encoding` accepts br, else
// its gzip copy (name.gz) when it accepts gzip, each only if it exists inside
// the web root. Errors: bad_path when the URL is refused or the file's
// canonical path leaves the web root; not_found when no readable regular file
// is there.
Result<StaticFile, ApiErrorCode> read_static_file(const std::filesystem::path& web_root,
                                                  std::string_view url_path,
                                                  std::string_view accept_encoding = {});

}  // namespace tokhai::server
