// Static files: the canonical-path guard and file reading (see static_files.h).
#include "server/static_files.h"

#include <algorithm>
#include <fstream>
#include <system_error>

#include "server/content_type.h"
#include "server/in_quotes.h"
#include "server/static_path.h"

namespace tokhai::server {
namespace {

// Whether `path` is `root` or lies below it; both canonical.
bool is_within(const std::filesystem::path& root, const std::filesystem::path& path) {
  return std::mismatch(root.begin(), root.end(), path.begin(), path.end()).first == root.end();
}

}  // namespace

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
                                                  std::string_view url_path) {
  const auto relative = resolve_static_path(url_path);
  if (!relative) return ApiErrorCode::bad_path;
  std::error_code error;
  const auto path = std::filesystem::weakly_canonical(web_root / *relative, error);
  if (error) return ApiErrorCode::not_found;
  if (!is_within(web_root, path)) return ApiErrorCode::bad_path;
  if (!std::filesystem::is_regular_file(path, error)) return ApiErrorCode::not_found;
  const auto size_bytes = std::filesystem::file_size(path, error);
  if (error) return ApiErrorCode::not_found;

  std::ifstream file(path, std::ios::binary);
  StaticFile result{content_type_for_path(*relative), std::string(size_bytes, '\0')};
  file.read(result.body.data(), static_cast<std::streamsize>(size_bytes));
  if (!file || static_cast<std::uintmax_t>(file.gcount()) != size_bytes) {
    return ApiErrorCode::not_found;
  }
  return result;
}

}  // namespace tokhai::server
