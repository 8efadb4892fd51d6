// The Content-Type the static file server sends for each kind of file the web
// app ships (pages, scripts, WebAssembly, styles, images, fonts, manifest).
#pragma once

#include <string_view>

namespace tokhai::server {

// The Content-Type for a file, chosen by its extension (case-insensitive):
// "app.wasm" → "application/wasm". Unknown extensions, no extension and
// Emscripten's ".data" packages are "application/octet-stream".
std::string_view content_type_for_path(std::string_view path);

}  // namespace tokhai::server
