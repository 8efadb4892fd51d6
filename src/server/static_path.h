// The URL-path-to-file rule of the static file server: which request paths
// name a file inside the web root, and which are refused.
//
// This is the first of two guards against path traversal. It is pure (no file
// system access) so that every refused shape can be unit-tested; the second
// guard (static_files.cpp) checks that the canonical path, after symlinks,
// stays inside the canonical web root.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tokhai::server {

// Longest URL path (still percent-encoded) the static file server accepts.
inline constexpr std::size_t kMaxStaticPathSizeBytes = 1024;

// Maps a URL path as sent on the request line (percent-encoded, starting with
// '/', without the query string) to a path relative to the web root with '/'
// separators: "/" → "index.html", "/sub/" → "sub/index.html",
// "/a%20b.js" → "a b.js". Returns nullopt for a refused path: not starting
// with '/', longer than kMaxStaticPathSizeBytes, a bad percent escape, an empty
// segment ("//"), a "." or ".." segment, or a decoded segment holding '/', '\',
// NUL or another control character.
std::optional<std::string> resolve_static_path(std::string_view url_path);

}  // namespace tokhai::server
