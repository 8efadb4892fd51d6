// Parsing of tokhai-server's environment variables and flags (see
// server_config.h for the table of settings).
#include "server/server_config.h"

#include <charconv>
#include <cstdlib>
#include <optional>

#include "server/in_quotes.h"
#include "server/postgres_connection.h"

namespace tokhai::server {
namespace {

// One setting that can come from an environment variable or a flag.
enum class SettingId {
  port,
  host,
  data_dir,
  database_url,
  web_root,
  forms_dir,
  keys_file,
  server_secret_file,
  rate_limit,
  rate_burst,
};

struct Setting {
  SettingId id;
  std::string_view env_name;
  std::string_view flag;
};

constexpr Setting kSettings[] = {
    {SettingId::port, "PORT", "--port"},
    {SettingId::host, "HOST", "--host"},
    {SettingId::data_dir, "DATA_DIR", "--data-dir"},
    {SettingId::database_url, "DATABASE_URL", "--db"},
    {SettingId::web_root, "WEB_ROOT", "--web-root"},
    {SettingId::forms_dir, "FORMS_DIR", "--forms-dir"},
    {SettingId::keys_file, "KEYS_FILE", "--keys"},
    {SettingId::server_secret_file, "SERVER_SECRET_FILE", "--server-secret"},
    {SettingId::rate_limit, "RATE_LIMIT", "--rate-limit"},
    {SettingId::rate_burst, "RATE_BURST", "--rate-burst"},
};

// The number in `value`, 0..`max`; nullopt for anything else.
std::optional<unsigned> parse_number(std::string_view value, unsigned max) {
  unsigned number = 0;
  const auto [end, status] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (status != std::errc() || end != value.data() + value.size() || number > max) {
    return std::nullopt;
  }
  return number;
}

Error config_error(std::string code, std::string vi, std::string en) {
  return Error{std::move(code), LocalizedText{std::move(vi), std::move(en)}};
}

// Stores `value` (from `source`, a flag or variable name) into the setting's field.
Result<Done> apply_setting(const Setting& setting, std::string_view source, std::string_view value,
                           ServerConfig& config) {
  if (value.empty()) {
    return config_error("config.empty_value", std::string(source) + " không được để trống.",
                        std::string(source) + " must not be empty.");
  }
  switch (setting.id) {
    case SettingId::port: {
      const auto port = parse_number(value, 65535);
      if (!port) {
        const std::string shown = in_quotes(value);
        return config_error(
            "config.bad_port",
            std::string(source) + " phải là số từ 0 đến 65535, nhận được " + shown + ".",
            std::string(source) + " must be a number from 0 to 65535, got " + shown + ".");
      }
      config.port = static_cast<std::uint16_t>(*port);
      break;
    }
    case SettingId::rate_limit:
    case SettingId::rate_burst: {
      constexpr unsigned kMaxRate = 1'000'000;
      const auto number = parse_number(value, kMaxRate);
      if (!number) {
        const std::string shown = in_quotes(value);
        return config_error(
            "config.bad_number",
            std::string(source) + " phải là số nguyên từ 0 đến 1000000, nhận được " + shown + ".",
            std::string(source) + " must be a whole number from 0 to 1000000, got " + shown + ".");
      }
      (setting.id == SettingId::rate_limit ? config.rate_limit_per_second : config.rate_burst) =
          *number;
      break;
    }
    case SettingId::host:
      config.host = std::string(value);
      break;
    case SettingId::data_dir:
      config.data_dir = std::filesystem::path(std::string(value));
      break;
    case SettingId::database_url:
      if (!is_postgres_url(value)) {
        // The URL may hold a password: it is not repeated in the message.
        return config_error("config.bad_database_url",
                            std::string(source) +
                                " phải là URL PostgreSQL (postgresql://…); bỏ trống để dùng SQLite "
                                "trong thư mục dữ liệu.",
                            std::string(source) +
                                " must be a PostgreSQL URL (postgresql://…); leave it unset for "
                                "SQLite in the data folder.");
      }
      config.database_url = std::string(value);
      break;
    case SettingId::web_root:
      config.web_root = std::filesystem::path(std::string(value));
      break;
    case SettingId::forms_dir:
      config.forms_dir = std::filesystem::path(std::string(value));
      break;
    case SettingId::keys_file:
      config.keys_file = std::filesystem::path(std::string(value));
      break;
    case SettingId::server_secret_file:
      config.server_secret_file = std::filesystem::path(std::string(value));
      break;
  }
  return Done{};
}

const Setting* setting_for_flag(std::string_view flag) {
  for (const auto& setting : kSettings) {
    if (setting.flag == flag) return &setting;
  }
  return nullptr;
}

}  // namespace

Result<ServerInvocation> parse_server_invocation(std::span<const std::string_view> args,
                                                 const EnvironmentLookup& env) {
  ServerInvocation invocation;
  for (const auto& setting : kSettings) {
    const auto value = env(setting.env_name);
    if (!value || value->empty()) continue;
    auto applied = apply_setting(setting, setting.env_name, *value, invocation.config);
    if (!applied) return applied.error();
  }
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (arg == "--help" || arg == "-h") {
      invocation.help_requested = true;
      continue;
    }
    const auto equals = arg.find('=');
    const std::string_view flag = arg.substr(0, equals);
    const Setting* setting = arg.starts_with("--") ? setting_for_flag(flag) : nullptr;
    if (setting == nullptr) {
      const std::string shown = in_quotes(arg);
      return config_error("config.unknown_flag", "Tham số không hợp lệ: " + shown + ".",
                          "Unknown argument: " + shown + ".");
    }
    std::string_view value;
    if (equals != std::string_view::npos) {
      value = arg.substr(equals + 1);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return config_error("config.missing_value", std::string(flag) + " cần một giá trị.",
                          std::string(flag) + " needs a value.");
    }
    auto applied = apply_setting(*setting, flag, value, invocation.config);
    if (!applied) return applied.error();
  }
  return invocation;
}

EnvironmentLookup process_environment() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

std::string server_usage_text() {
  return "Usage: tokhai-server [--port N] [--host H] [--data-dir D] [--db URL] [--web-root W]\n"
         "                     [--forms-dir F] [--keys K] [--server-secret S]\n"
         "                     [--rate-limit R] [--rate-burst B]\n"
         "\n"
         "Serves the built web app and the tokhai API, with an embedded SQLite database\n"
         "or a PostgreSQL database shared by several instances.\n"
         "Phục vụ ứng dụng web và API tokhai, với cơ sở dữ liệu SQLite nhúng\n"
         "hoặc PostgreSQL dùng chung cho nhiều máy chủ.\n"
         "\n"
         "  --port N           PORT                port to listen on; 0 picks a free port\n"
         "                                         (default 8080)\n"
         "  --host H           HOST                address to listen on (default 127.0.0.1)\n"
         "  --data-dir D       DATA_DIR            folder for the database, created if missing\n"
         "                                         (default ./data)\n"
         "  --db URL           DATABASE_URL        PostgreSQL connection URL (libpq syntax),\n"
         "                                         postgresql://USER@HOST:PORT/DB; unset: SQLite\n"
         "                                         in DATA_DIR\n"
         "  --web-root W       WEB_ROOT            folder of the built web app\n"
         "                                         (default build/wasm/web)\n"
         "  --forms-dir F      FORMS_DIR           folder of the form definitions the server\n"
         "                                         accepts submissions for (default forms)\n"
         "  --keys K           KEYS_FILE           public keys of the server and the agencies\n"
         "                                         (default config/dev/public-keys.json)\n"
         "  --server-secret S  SERVER_SECRET_FILE  the server's receipt signing seed (default\n"
         "                                         config/dev/secrets/server.secret.json)\n"
         "  --rate-limit R     RATE_LIMIT          API requests per second per client IP;\n"
         "                                         0 turns the limit off (default 10)\n"
         "  --rate-burst B     RATE_BURST          requests a client may make at once\n"
         "                                         (default 40)\n"
         "  --help                                 print this text\n"
         "\n"
         "The keys in config/dev are for development and tests only; the server warns in\n"
         "its log when it runs with them.\n"
         "\n"
         "Flags win over environment variables. Once listening, prints one line to stdout:\n"
         "  tokhai-server listening on http://HOST:PORT\n"
         "SIGINT or SIGTERM stops the server cleanly (exit 0). Exit 2: bad configuration;\n"
         "exit 1: the server could not start.\n";
}

}  // namespace tokhai::server
