// Reading the server's key files (see server_keys.h). The secret file's text
// is overwritten once the seed has been read from it.
#include "server/server_keys.h"

#include <sys/stat.h>

#include <algorithm>

#include "core/text_file.h"
#include "server/in_quotes.h"

namespace tokhai::server {
namespace {

core::Error file_error(std::string code, const std::filesystem::path& path, std::string_view vi,
                       std::string_view en, std::string where = {}) {
  const std::string shown = in_quotes(path.string());
  return core::Error{
      std::move(code),
      core::LocalizedText{std::string(vi) + " " + shown + ".", std::string(en) + " " + shown + "."},
      std::move(where)};
}

// `error` (from wire/key_files.h) restated for the operator, naming the file.
core::Error restated(std::string code, const std::filesystem::path& path,
                     const core::Error& error) {
  const std::string shown = in_quotes(path.string());
  const std::string where = error.where.empty() ? "" : " (" + error.where + ")";
  return core::Error{std::move(code),
                     core::LocalizedText{shown + where + ": " + error.message.vi,
                                         shown + where + ": " + error.message.en},
                     error.where};
}

}  // namespace

core::Result<ServerKeys> load_server_keys(const std::filesystem::path& keys_file,
                                          const std::filesystem::path& server_secret_file) {
  auto public_text = core::read_text_file(keys_file);
  if (!public_text) {
    return file_error("config.keys_file", keys_file, "Không đọc được tệp khóa công khai",
                      "Cannot read the public keys file");
  }
  auto public_keys = wire::parse_public_keys(*public_text);
  if (!public_keys) return restated("config.keys_file", keys_file, public_keys.error());

  auto secret_text = core::read_text_file(server_secret_file);
  if (!secret_text) {
    return file_error("config.server_secret", server_secret_file,
                      "Không đọc được tệp khóa bí mật của máy chủ",
                      "Cannot read the server secret file");
  }
  auto signing = wire::parse_server_secret(*secret_text);
  std::fill(secret_text->begin(), secret_text->end(), '\0');
  if (!signing) return restated("config.server_secret", server_secret_file, signing.error());
  if (signing.value().public_key != public_keys.value().server_signing_public_key) {
    return file_error("config.server_key_mismatch", server_secret_file,
                      "Khóa bí mật của máy chủ không khớp với khóa \"server\" trong " +
                          in_quotes(keys_file.string()) + ", tệp",
                      "The server secret does not match the \"server\" key in " +
                          in_quotes(keys_file.string()) + ", file");
  }
  ServerKeys keys{std::move(public_keys).value(), std::move(*public_text),
                  std::move(signing).value()};
  struct stat status {};
  keys.secret_readable_by_others =
      stat(server_secret_file.c_str(), &status) == 0 && (status.st_mode & (S_IRWXG | S_IRWXO)) != 0;
  return keys;
}

bool is_development_key_path(const std::filesystem::path& path) {
  const std::filesystem::path absolute = std::filesystem::absolute(path).lexically_normal();
  std::filesystem::path previous;
  for (const auto& part : absolute) {
    if (previous == "config" && part == "dev") return true;
    previous = part;
  }
  return false;
}

}  // namespace tokhai::server
