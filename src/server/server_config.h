// ServerConfig: where tokhai-server listens, keeps its data, finds the built
// web app, the form definitions and its keys, and how fast one client may
// call the API; read from environment variables and command-line flags.
//
// Flags win over environment variables, which win over the defaults:
//   --port N                PORT                8080 (0 = any free port)
//   --host H                HOST                127.0.0.1
//   --data-dir D            DATA_DIR            ./data
//   --db URL                DATABASE_URL        (none: SQLite in DATA_DIR) postgresql://… for
//                                               PostgreSQL, shared by several instances
//   --web-root W            WEB_ROOT            build/wasm/web
//   --forms-dir F           FORMS_DIR           forms
//   --keys K                KEYS_FILE           config/dev/public-keys.json
//   --server-secret S       SERVER_SECRET_FILE  config/dev/secrets/server.secret.json
//   --rate-limit R          RATE_LIMIT          10 API requests per second per client IP (0 = off)
//   --rate-burst B          RATE_BURST          40 requests at once before the limit applies
// Relative paths are relative to the working directory. Parsing never touches
// the file system; the runner checks the folders and files.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/result.h"

namespace tokhai::server {

using core::Done;
using core::Error;
using core::LocalizedText;
using core::Result;

struct ServerConfig {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: the operating system picks a free port
  std::filesystem::path data_dir = "data";
  std::string database_url;  // empty: SQLite in data_dir; else a postgresql:// URL
  std::filesystem::path web_root = "build/wasm/web";
  std::filesystem::path forms_dir = "forms";
  std::filesystem::path keys_file = "config/dev/public-keys.json";
  std::filesystem::path server_secret_file = "config/dev/secrets/server.secret.json";
  std::uint32_t rate_limit_per_second = 10;  // per client IP; 0 turns the limit off
  std::uint32_t rate_burst = 40;             // the bucket's size
};

// What the command line asks for: a configuration, or only the usage text.
struct ServerInvocation {
  ServerConfig config;
  bool help_requested = false;
};

// Looks up one environment variable; nullopt when it is not set.
using EnvironmentLookup = std::function<std::optional<std::string>(std::string_view name)>;

// Builds the invocation from `env` then `args` (the arguments after the program
// name). An empty environment variable counts as unset. Error codes:
// config.unknown_flag, config.missing_value, config.bad_port, config.bad_number,
// config.empty_value, config.bad_database_url.
Result<ServerInvocation> parse_server_invocation(std::span<const std::string_view> args,
                                                 const EnvironmentLookup& env);

// The lookup backed by this process's environment (getenv).
EnvironmentLookup process_environment();

// The --help text, ending with a newline.
std::string server_usage_text();

}  // namespace tokhai::server
