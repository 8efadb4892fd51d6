// The life of a tokhai-server process: its stdout line, the database it
// creates, its identity across restarts, a clean stop on SIGINT and SIGTERM,
// and the exit codes for bad configuration.
#include <signal.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "crypto/signing.h"
#include "server_sandbox.h"
#include "wire/key_files.h"

using tokhai::server::testing::RunningServer;
using tokhai::server::testing::ServerSandbox;

namespace {

std::string instance_id_of(RunningServer& server) {
  auto response = server.client()->Get("/healthz");
  REQUIRE(response);
  REQUIRE(response->status == 200);
  return nlohmann::json::parse(response->body).at("instance_id").get<std::string>();
}

}  // namespace

TEST_CASE("the server prints exactly one listening line and creates its database") {
  ServerSandbox sandbox;
  REQUIRE_FALSE(std::filesystem::exists(sandbox.data_dir()));
  RunningServer server(sandbox);
  CHECK(std::regex_match(server.process().stdout_text(),
                         std::regex(R"(tokhai-server listening on http://127\.0\.0\.1:\d+\n)")));
  CHECK(server.port() > 0);
  CHECK(std::filesystem::is_regular_file(sandbox.data_dir() / "tokhai.sqlite3"));

  server.process().send_signal(SIGTERM);
  CHECK(server.process().wait_for_exit(5000) == 0);
  CHECK(std::regex_match(server.process().stdout_text(),
                         std::regex(R"(tokhai-server listening on http://127\.0\.0\.1:\d+\n)")));
}

TEST_CASE("the instance id survives a restart on the same DATA_DIR", "[db]") {
  ServerSandbox sandbox;
  std::string first_id;
  {
    RunningServer first(sandbox);
    first_id = instance_id_of(first);
    first.process().send_signal(SIGTERM);
    REQUIRE(first.process().wait_for_exit(5000) == 0);
  }
  RunningServer second(sandbox);
  CHECK(instance_id_of(second) == first_id);

  ServerSandbox other_sandbox;
  RunningServer other(other_sandbox);
  CHECK(instance_id_of(other) != first_id);
}

TEST_CASE("SIGINT stops the server cleanly within 5 s, even with an idle keep-alive client") {
  ServerSandbox sandbox;
  RunningServer server(sandbox);
  auto client = server.client();
  client->set_keep_alive(true);
  REQUIRE(client->Get("/healthz"));

  const auto started = std::chrono::steady_clock::now();
  server.process().send_signal(SIGINT);
  CHECK(server.process().wait_for_exit(5000) == 0);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
  const auto log = server.process().stderr_text();
  CHECK(log.find(R"("event":"stopping","signal":"SIGINT")") != std::string::npos);
  CHECK(log.find(R"("event":"stopped")") != std::string::npos);
}

TEST_CASE("a port already in use is a start failure, exit 1") {
  ServerSandbox sandbox;
  RunningServer first(sandbox);
  auto second = sandbox.spawn({"--port", std::to_string(first.port())});
  CHECK(second->wait_for_exit(10'000) == 1);
  CHECK(second->stdout_text().empty());
  CHECK(second->stderr_text().find("Cannot listen on 127.0.0.1:") != std::string::npos);
}

TEST_CASE("bad configuration is a clear error on stderr and exit 2") {
  ServerSandbox sandbox;
  SECTION("a port that is not a number, by flag") {
    auto process = sandbox.spawn({"--port", "abc"});
    CHECK(process->wait_for_exit(10'000) == 2);
    CHECK(process->stderr_text().find("--port must be a number") != std::string::npos);
    CHECK(process->stdout_text().empty());
  }
  SECTION("a port that is not a number, by environment") {
    auto process = sandbox.spawn({}, {{"PORT", "http"}});
    CHECK(process->wait_for_exit(10'000) == 2);
    CHECK(process->stderr_text().find("PORT must be a number") != std::string::npos);
  }
  SECTION("a missing web root") {
    auto process = sandbox.spawn({"--web-root", (sandbox.root() / "no-such-web").string()});
    CHECK(process->wait_for_exit(10'000) == 2);
    CHECK(process->stderr_text().find("no-such-web") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(sandbox.data_dir()));
  }
  SECTION("an unknown flag") {
    auto process = sandbox.spawn({"--colour"});
    CHECK(process->wait_for_exit(10'000) == 2);
    CHECK(process->stderr_text().find("--colour") != std::string::npos);
  }
  SECTION("a database URL that is not PostgreSQL's; its text is not echoed") {
    auto process = sandbox.spawn({"--db", "mysql://admin:hunter2@db/tokhai"});
    CHECK(process->wait_for_exit(10'000) == 2);
    CHECK(process->stderr_text().find("--db must be a PostgreSQL URL") != std::string::npos);
    CHECK(process->stderr_text().find("hunter2") == std::string::npos);
  }
}

TEST_CASE("a PostgreSQL database that cannot be reached is a start failure, exit 1") {
  ServerSandbox sandbox;
  auto process = sandbox.spawn({"--db", "postgresql://tokhai@127.0.0.1:1/none?connect_timeout=5"});
  CHECK(process->wait_for_exit(10'000) == 1);
  CHECK(process->stderr_text().find("PostgreSQL error") != std::string::npos);
  CHECK(process->stdout_text().empty());
}

TEST_CASE("--help prints the usage and exits 0") {
  ServerSandbox sandbox;
  auto process = sandbox.spawn({"--help"});
  CHECK(process->wait_for_exit(10'000) == 0);
  CHECK(process->stdout_text().find("Usage: tokhai-server") != std::string::npos);
  CHECK(process->stdout_text().find("WEB_ROOT") != std::string::npos);
}

TEST_CASE("missing or mismatched keys are a configuration error, exit 2") {
  ServerSandbox sandbox;
  SECTION("no public keys file") {
    auto process = sandbox.spawn({}, {{"KEYS_FILE", (sandbox.root() / "none.json").string()}});
    CHECK(process->wait_for_exit(10'000) == 2);
    CHECK(process->stderr_text().find("none.json") != std::string::npos);
  }
  SECTION("a server secret that is not the published server key") {
    const auto other = sandbox.root() / "other.secret.json";
    {
      std::ofstream file(other);
      file << tokhai::wire::server_secret_text(tokhai::crypto::generate_signing_key_pair());
    }
    auto process = sandbox.spawn({}, {{"SERVER_SECRET_FILE", other.string()}});
    CHECK(process->wait_for_exit(10'000) == 2);
    CHECK(process->stderr_text().find("does not match") != std::string::npos);
  }
  SECTION("a missing forms folder") {
    auto process = sandbox.spawn({"--forms-dir", (sandbox.root() / "no-forms").string()});
    CHECK(process->wait_for_exit(10'000) == 2);
    CHECK(process->stderr_text().find("no-forms") != std::string::npos);
  }
}

TEST_CASE("the log warns about the development keys, and not otherwise") {
  ServerSandbox sandbox;
  {
    RunningServer server(sandbox);
    CHECK(server.process().stderr_text().find("keys.development") == std::string::npos);
  }
  // The same keys under a config/dev folder count as the development keys.
  const auto dev = sandbox.root() / "config" / "dev";
  std::filesystem::create_directories(dev / "secrets");
  std::filesystem::copy_file(sandbox.keys().keys_file(), dev / "public-keys.json");
  std::filesystem::copy_file(sandbox.keys().server_secret_file(),
                             dev / "secrets" / "server.secret.json");
  RunningServer server(sandbox,
                       {{"KEYS_FILE", (dev / "public-keys.json").string()},
                        {"SERVER_SECRET_FILE", (dev / "secrets" / "server.secret.json").string()}});
  CHECK(server.process().stderr_text().find(R"("code":"keys.development")") != std::string::npos);
}
