// Static files: the canonical-path guard and file reading (see static_files.h).
#include "server/static_files.h"

#include <algorithm>
#include <fstream>
#include <optional>
#include <system_error>

#include "server/accept_encoding.h"
#include "server/content_type.h"
#include "server/in_quotes.h"
#include "server/static_path.h"

namespace tokhai::server {
namespace {

// Whether `path` is `root` or lies below it; both canonical.
bool is_within(const std::filesystem::path& root, const std::filesystem::path& path) {
  return std::mismatch(root.begin(), root.end(), path.begin(), path.end()).first == root.end();
}

bool is_hex_digit(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// The bytes of the regular file at `path` (canonical), if it can be read whole.
std::optional<std::string> read_whole_file(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return std::nullopt;
  const auto size_bytes = std::filesystem::file_size(path, error);
  if (error) return std::nullopt;
  std::ifstream file(path, std::ios::binary);
  std::string body(size_bytes, '\0');
  file.read(body.data(), static_cast<std::streamsize>(size_bytes));
  if (!file || static_cast<std::uintmax_t>(file.gcount()) != size_bytes) return std::nullopt;
  return body;
}

// The canonical path of `path`'s precompressed copy with `suffix`, if that is
// a regular file inside `web_root`.
std::optional<std::filesystem::path> encoded_copy(const std::filesystem::path& web_root,
                                                  const std::filesystem::path& path,
                                                  std::string_view suffix) {
  std::error_code error;
  auto copy = path;
  copy += suffix;
  const auto canonical = std::filesystem::weakly_canonical(copy, error);
  if (error || !is_within(web_root, canonical)) return std::nullopt;
  if (!std::filesystem::is_regular_file(canonical, error)) return std::nullopt;
  return canonical;
}

}  // namespace

std::string_view static_cache_control(std::string_view relative_path) {
  constexpr std::size_t kHashDigits = 16;
  const auto slash = relative_path.rfind('/');
  const auto name =
      slash == std::string_view::npos ? relative_path : relative_path.substr(slash + 1);
  const auto last_dot = name.rfind('.');
  if (last_dot != std::string_view::npos && last_dot > kHashDigits) {
    const auto hash_dot = last_dot - kHashDigits - 1;
    const auto hash = name.substr(hash_dot + 1, kHashDigits);
    if (hash_dot > 0 && name[hash_dot] == '.' &&
        std::all_of(hash.begin(), hash.end(), is_hex_digit)) {
      return "public, max-age=31536000, immutable";
    }
  }
  return "no-cache";
}

Result<std::filesystem::path> canonical_web_root(const std::filesystem::path& web_root) {
  std::error_code error;
  const auto canonical = std::filesystem::canonical(web_root, error);
  if (error || !std::filesystem::is_directory(canonical, error)) {
    const std::string shown = in_quotes(web_root.string());
    return Error{"config.web_root",
                 LocalizedText{"Thư mục ứng dụng web " + shown +
                                   " không tồn tại hoặc không phải thư mục (WEB_ROOT, --web-root).",
                               "The web app folder " + shown +
                                   " is missing or not a folder (WEB_ROOT, --web-root)."}};
  }
  return canonical;
}

Result<StaticFile, ApiErrorCode> read_static_file(const std::filesystem::path& web_root,
                                                  std::string_view url_path,
                                                  std::string_view accept_encoding) {
  const auto relative = resolve_static_path(url_path);
  if (!relative) return ApiErrorCode::bad_path;
  std::error_code error;
  const auto path = std::filesystem::weakly_canonical(web_root / *relative, error);
  if (error) return ApiErrorCode::not_found;
  if (!is_within(web_root, path)) return ApiErrorCode::bad_path;
  if (!std::filesystem::is_regular_file(path, error)) return ApiErrorCode::not_found;

  StaticFile result{
      content_type_for_path(*relative), {}, {}, false, static_cache_control(*relative)};
  struct Coding {
    std::string_view name;
    std::string_view suffix;
  };
  for (const Coding coding : {Coding{"br", ".br"}, Coding{"gzip", ".gz"}}) {
    const auto copy = encoded_copy(web_root, path, coding.suffix);
    if (!copy) continue;
    result.has_encodings = true;
    if (!result.content_encoding.empty() || !accepts_encoding(accept_encoding, coding.name)) {
      continue;
    }
    auto body = read_whole_file(*copy);
    if (!body) continue;
    result.body = std::move(*body);
    result.content_encoding = coding.name;
  }
  if (!result.content_encoding.empty()) return result;

  auto body = read_whole_file(path);
  if (!body) return ApiErrorCode::not_found;
  result.body = std::move(*body);
  return result;
}

}  // namespace tokhai::server
