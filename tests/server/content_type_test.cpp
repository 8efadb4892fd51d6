// content_type_for_path: the Content-Type of every kind of file the web app
// ships, so that browsers run wasm, scripts and manifests they are given.
#include "server/content_type.h"

#include <catch2/catch.hpp>
#include <string_view>

using tokhai::server::content_type_for_path;

TEST_CASE("each file kind of the web app gets its content type") {
  struct Case {
    std::string_view path;
    std::string_view content_type;
  };
  const Case cases[] = {
      {"index.html", "text/html; charset=utf-8"},
      {"app.js", "text/javascript; charset=utf-8"},
      {"app.wasm", "application/wasm"},
      {"sub/x.json", "application/json"},
      {"style.css", "text/css; charset=utf-8"},
      {"icons/icon.svg", "image/svg+xml"},
      {"icons/icon-192.png", "image/png"},
      {"favicon.ico", "image/x-icon"},
      {"fonts/NotoSans-vi.ttf", "font/ttf"},
      {"fonts/NotoSans-vi.woff2", "font/woff2"},
      {"manifest.webmanifest", "application/manifest+json"},
      {"app.data", "application/octet-stream"},
      {"README", "application/octet-stream"},
      {"archive.xyz", "application/octet-stream"},
      {"INDEX.HTML", "text/html; charset=utf-8"},
      {"App.WASM", "application/wasm"},
      {"dir.wasm/file", "application/octet-stream"},
      {"trailing.", "application/octet-stream"},
  };
  for (const auto& c : cases) {
    INFO(std::string(c.path));
    CHECK(content_type_for_path(c.path) == c.content_type);
  }
}
