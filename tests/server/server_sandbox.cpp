// ServerSandbox and RunningServer (see server_sandbox.h).
#include "server_sandbox.h"

#include <fstream>
#include <stdexcept>

#include "test_database.h"

namespace tokhai::server::testing {
namespace {

void write_file(const std::filesystem::path& path, std::string_view bytes) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream file(path, std::ios::binary);
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!file) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace

std::string app_wasm_bytes() {
  std::string bytes("\0asm\x01\0\0\0", 8);
  for (int i = 0; i < 300; ++i) bytes.push_back(static_cast<char>((i * 37) & 0xff));
  return bytes;
}

ServerSandbox::ServerSandbox()
    : folder_("tokhai-server-test-"), keys_(folder_.path()), database_url_(fresh_database_url()) {
  write_file(web_root() / "index.html", kIndexHtml);
  write_file(web_root() / "app.wasm", app_wasm_bytes());
  write_file(web_root() / "sub" / "x.json", kSubJson);
  write_file(root() / "secret.txt", kSecretText);
  std::filesystem::create_symlink("../secret.txt", web_root() / "escape.txt");
  std::filesystem::create_directory_symlink("..", web_root() / "escape-dir");
}

std::map<std::string, std::string> ServerSandbox::environment() const {
  std::map<std::string, std::string> environment = {
      {"PORT", "0"},
      {"HOST", "127.0.0.1"},
      {"DATA_DIR", data_dir().string()},
      {"WEB_ROOT", web_root().string()},
      {"FORMS_DIR", keys_.forms_dir().string()},
      {"KEYS_FILE", keys_.keys_file().string()},
      {"SERVER_SECRET_FILE", keys_.server_secret_file().string()},
      {"RATE_LIMIT", "0"}};
  if (!database_url_.empty()) environment["DATABASE_URL"] = database_url_;
  return environment;
}

std::unique_ptr<ServerProcess> ServerSandbox::spawn(
    std::vector<std::string> args, std::map<std::string, std::string> env_overrides) {
  auto env = environment();
  for (auto& [name, value] : env_overrides) env[name] = value;
  const auto log_path = root() / ("server-" + std::to_string(++spawn_count_) + ".log");
  return std::make_unique<ServerProcess>(std::move(args), std::move(env), log_path);
}

RunningServer::RunningServer(ServerSandbox& sandbox,
                             std::map<std::string, std::string> env_overrides)
    : process_(sandbox.spawn({}, std::move(env_overrides))) {
  const auto port = process_->wait_for_port(10'000);
  if (!port) {
    throw std::runtime_error("tokhai-server did not start. stdout: " + process_->stdout_text() +
                             "\nstderr: " + process_->stderr_text());
  }
  port_ = *port;
}

std::unique_ptr<httplib::Client> RunningServer::client() const {
  auto client = std::make_unique<httplib::Client>("127.0.0.1", port_);
  client->set_connection_timeout(5, 0);
  client->set_read_timeout(5, 0);
  client->set_write_timeout(5, 0);
  return client;
}

}  // namespace tokhai::server::testing
