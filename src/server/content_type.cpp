// content_type_for_path: the extension table. Text types name UTF-8 so that
// Vietnamese text is never mis-decoded by a browser guessing the charset.
#include "server/content_type.h"

#include <algorithm>
#include <string>

namespace tokhai::server {
namespace {

struct ExtensionType {
  std::string_view extension;  // lower case, without the dot
  std::string_view content_type;
};

constexpr ExtensionType kExtensionTypes[] = {
    {"html", "text/html; charset=utf-8"},
    {"htm", "text/html; charset=utf-8"},
    {"js", "text/javascript; charset=utf-8"},
    {"mjs", "text/javascript; charset=utf-8"},
    {"wasm", "application/wasm"},
    {"json", "application/json"},
    {"map", "application/json"},
    {"css", "text/css; charset=utf-8"},
    {"txt", "text/plain; charset=utf-8"},
    {"svg", "image/svg+xml"},
    {"png", "image/png"},
    {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},
    {"webp", "image/webp"},
    {"ico", "image/x-icon"},
    {"ttf", "font/ttf"},
    {"otf", "font/otf"},
    {"woff", "font/woff"},
    {"woff2", "font/woff2"},
    {"webmanifest", "application/manifest+json"},
};

constexpr std::string_view kOctetStream = "application/octet-stream";

}  // namespace

std::string_view content_type_for_path(std::string_view path) {
  const auto slash = path.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const auto dot = name.rfind('.');
  if (dot == std::string_view::npos) return kOctetStream;
  std::string extension(name.substr(dot + 1));
  std::transform(extension.begin(), extension.end(), extension.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  for (const auto& entry : kExtensionTypes) {
    if (entry.extension == extension) return entry.content_type;
  }
  return kOctetStream;
}

}  // namespace tokhai::server
