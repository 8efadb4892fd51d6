// ServerSandbox and RunningServer: the real tokhai-server started for an
// integration test, in folders of its own.
//
// Layout of a sandbox (a fresh temp folder):
//   web/index.html      Vietnamese page        web/app.wasm   small binary
//   web/sub/x.json      JSON                   web/escape.txt symlink → ../secret.txt
//   web/escape-dir      symlink → ..           secret.txt     must never be served
//   data/nested/        DATA_DIR, created by the server itself
//   keys/, forms/       fresh keys and test forms (sandbox_keys.h)
// The API's rate limit is off unless a test sets RATE_LIMIT. The database is
// SQLite in DATA_DIR, or a fresh PostgreSQL schema (DATABASE_URL) when the
// tests run against PostgreSQL (test_database.h).
#pragma once

#include <httplib.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sandbox_keys.h"
#include "server_process.h"
#include "temp_directory.h"

namespace tokhai::server::testing {

inline constexpr std::string_view kIndexHtml =
    "<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\"><title>Tờ khai</title>"
    "<p>Xin chào! Điền tờ khai đăng ký khai sinh.</p></html>\n";
inline constexpr std::string_view kSubJson = "{\"tỉnh\": \"Hà Giang\"}\n";
inline constexpr std::string_view kSecretText = "TOKHAI-TEST-SECRET-3f9a: never serve this";

// The bytes of web/app.wasm: the wasm header, NUL and high bytes included.
std::string app_wasm_bytes();

class ServerSandbox {
 public:
  ServerSandbox();

  const std::filesystem::path& root() const { return folder_.path(); }
  std::filesystem::path web_root() const { return root() / "web"; }
  std::filesystem::path data_dir() const { return root() / "data" / "nested"; }
  const SandboxKeys& keys() const { return keys_; }
  // The sandbox's PostgreSQL database; "" under SQLite.
  const std::string& database_url() const { return database_url_; }

  // PORT=0, HOST=127.0.0.1, DATA_DIR, WEB_ROOT, FORMS_DIR, KEYS_FILE and
  // SERVER_SECRET_FILE of this sandbox, RATE_LIMIT=0, and DATABASE_URL if
  // the sandbox has one.
  std::map<std::string, std::string> environment() const;

  // Starts the server with `environment()` and `args`; its stderr goes to a
  // new log file in the sandbox.
  std::unique_ptr<ServerProcess> spawn(std::vector<std::string> args = {},
                                       std::map<std::string, std::string> env_overrides = {});

 private:
  TempDirectory folder_;
  SandboxKeys keys_;
  std::string database_url_;
  int spawn_count_ = 0;
};

// A server that is listening: started in `sandbox` and past its stdout line.
class RunningServer {
 public:
  // Throws std::runtime_error (with the server's stderr) if it does not
  // listen within 10 s. `env_overrides` as for ServerSandbox::spawn.
  explicit RunningServer(ServerSandbox& sandbox,
                         std::map<std::string, std::string> env_overrides = {});

  ServerProcess& process() { return *process_; }
  int port() const { return port_; }

  // A client for this server with 5 s timeouts.
  std::unique_ptr<httplib::Client> client() const;

 private:
  std::unique_ptr<ServerProcess> process_;
  int port_ = 0;
};

}  // namespace tokhai::server::testing
