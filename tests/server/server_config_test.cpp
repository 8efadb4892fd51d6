// parse_server_invocation: defaults, environment variables, flags winning over
// them, and the errors an operator sees for bad values.
#include "server/server_config.h"

#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <string_view>
#include <vector>

using tokhai::server::EnvironmentLookup;
using tokhai::server::parse_server_invocation;

namespace {

EnvironmentLookup fake_environment(std::map<std::string, std::string> variables) {
  return [variables = std::move(variables)](std::string_view name) -> std::optional<std::string> {
    const auto found = variables.find(std::string(name));
    if (found == variables.end()) return std::nullopt;
    return found->second;
  };
}

auto parse(std::vector<std::string_view> args, std::map<std::string, std::string> env = {}) {
  return parse_server_invocation(args, fake_environment(std::move(env)));
}

}  // namespace

TEST_CASE("with nothing set the defaults apply") {
  auto parsed = parse({});
  REQUIRE(parsed.ok());
  const auto& config = parsed.value().config;
  CHECK(config.port == 8080);
  CHECK(config.host == "127.0.0.1");
  CHECK(config.data_dir == "data");
  CHECK(config.web_root == "build/wasm/web");
  CHECK_FALSE(parsed.value().help_requested);
}

TEST_CASE("environment variables set every value") {
  auto parsed = parse({}, {{"PORT", "9090"},
                           {"HOST", "0.0.0.0"},
                           {"DATA_DIR", "/var/lib/tokhai"},
                           {"WEB_ROOT", "/srv/web"}});
  REQUIRE(parsed.ok());
  const auto& config = parsed.value().config;
  CHECK(config.port == 9090);
  CHECK(config.host == "0.0.0.0");
  CHECK(config.data_dir == "/var/lib/tokhai");
  CHECK(config.web_root == "/srv/web");
}

TEST_CASE("flags win over environment variables, in both spellings") {
  auto parsed =
      parse({"--port", "7000", "--host=::1", "--data-dir", "d", "--web-root=w"},
            {{"PORT", "9090"}, {"HOST", "0.0.0.0"}, {"DATA_DIR", "x"}, {"WEB_ROOT", "y"}});
  REQUIRE(parsed.ok());
  const auto& config = parsed.value().config;
  CHECK(config.port == 7000);
  CHECK(config.host == "::1");
  CHECK(config.data_dir == "d");
  CHECK(config.web_root == "w");
}

TEST_CASE("port 0 asks for any free port; an empty variable counts as unset") {
  auto zero = parse({"--port", "0"});
  REQUIRE(zero.ok());
  CHECK(zero.value().config.port == 0);
  auto empty = parse({}, {{"PORT", ""}, {"HOST", ""}});
  REQUIRE(empty.ok());
  CHECK(empty.value().config.port == 8080);
  CHECK(empty.value().config.host == "127.0.0.1");
  CHECK(parse({"--port", "65535"}).ok());
}

TEST_CASE("a port that is not a number from 0 to 65535 is a clear error") {
  for (const std::string bad :
       {"abc", "-1", "65536", "80x", " 80", "8.0", "99999999999999999999"}) {
    INFO(bad);
    auto from_env = parse({}, {{"PORT", bad}});
    REQUIRE_FALSE(from_env.ok());
    CHECK(from_env.error().code == "config.bad_port");
    CHECK(from_env.error().message.en.find("PORT") != std::string::npos);
    CHECK(from_env.error().message.vi.find("PORT") != std::string::npos);

    auto from_flag = parse({"--port", bad});
    REQUIRE_FALSE(from_flag.ok());
    CHECK(from_flag.error().code == "config.bad_port");
    CHECK(from_flag.error().message.en.find("--port") != std::string::npos);
  }
}

TEST_CASE("a flag without its value, an empty value or an unknown flag is an error") {
  auto missing = parse({"--data-dir"});
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == "config.missing_value");

  auto empty = parse({"--web-root="});
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.error().code == "config.empty_value");

  for (std::string_view unknown : {"--verbose", "-p", "8080", "--port-number=1"}) {
    INFO(std::string(unknown));
    auto parsed = parse({unknown});
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().code == "config.unknown_flag");
    CHECK_FALSE(parsed.error().message.vi.empty());
    CHECK_FALSE(parsed.error().message.en.empty());
  }
}

TEST_CASE("--help asks for the usage text") {
  auto parsed = parse({"--help"});
  REQUIRE(parsed.ok());
  CHECK(parsed.value().help_requested);
  CHECK(tokhai::server::server_usage_text().find("--web-root") != std::string::npos);
}

TEST_CASE("forms, keys, secret and rate limit: defaults, variables and flags") {
  auto defaults = parse({});
  REQUIRE(defaults.ok());
  const auto& config = defaults.value().config;
  CHECK(config.forms_dir == "forms");
  CHECK(config.keys_file == "config/dev/public-keys.json");
  CHECK(config.server_secret_file == "config/dev/secrets/server.secret.json");
  CHECK(config.rate_limit_per_second == 10);
  CHECK(config.rate_burst == 40);

  auto set = parse({"--keys=k.json", "--rate-burst", "5"},
                   {{"FORMS_DIR", "/srv/forms"},
                    {"KEYS_FILE", "env.json"},
                    {"SERVER_SECRET_FILE", "/etc/tokhai/server.secret.json"},
                    {"RATE_LIMIT", "0"},
                    {"RATE_BURST", "9"}});
  REQUIRE(set.ok());
  CHECK(set.value().config.forms_dir == "/srv/forms");
  CHECK(set.value().config.keys_file == "k.json");
  CHECK(set.value().config.server_secret_file == "/etc/tokhai/server.secret.json");
  CHECK(set.value().config.rate_limit_per_second == 0);
  CHECK(set.value().config.rate_burst == 5);

  for (const std::string bad : {"-1", "x", "1000001", "2.5"}) {
    INFO(bad);
    auto parsed = parse({"--rate-limit", bad});
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().code == "config.bad_number");
    CHECK(parsed.error().message.en.find("--rate-limit") != std::string::npos);
  }
}

TEST_CASE("the database: SQLite by default, a PostgreSQL URL by DATABASE_URL or --db") {
  CHECK(parse({}).value().config.database_url.empty());
  const std::string url = "postgresql://tokhai@db.example:5432/tokhai?sslmode=require";
  CHECK(parse({}, {{"DATABASE_URL", url}}).value().config.database_url == url);
  CHECK(parse({"--db", "postgres://tokhai@10.0.0.5/tokhai"}, {{"DATABASE_URL", url}})
            .value()
            .config.database_url == "postgres://tokhai@10.0.0.5/tokhai");

  auto refused = parse({"--db=sqlite:///var/lib/tokhai/db:secret"});
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == "config.bad_database_url");
  CHECK(refused.error().message.en.find("secret") == std::string::npos);
  CHECK(refused.error().message.vi.find("--db") != std::string::npos);
}
