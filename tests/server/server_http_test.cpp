// The real tokhai-server over HTTP: health, static files with their content
// types and headers, JSON errors, methods, body limits and the request log.
#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "raw_http.h"
#include "server_sandbox.h"

using tokhai::server::testing::app_wasm_bytes;
using tokhai::server::testing::kIndexHtml;
using tokhai::server::testing::kSubJson;
using tokhai::server::testing::raw_http_exchange;
using tokhai::server::testing::RunningServer;
using tokhai::server::testing::ServerSandbox;

namespace {

// Checks that `body` is the JSON error `code` with both messages.
void check_json_error(const std::string& body, const std::string& code) {
  INFO(body);
  const auto json = nlohmann::json::parse(body);
  CHECK(json.at("error").at("code") == code);
  CHECK_FALSE(json.at("error").at("message").at("vi").get<std::string>().empty());
  CHECK_FALSE(json.at("error").at("message").at("en").get<std::string>().empty());
}

// The server's log lines parsed, once `predicate` holds for one of them
// (waiting up to 5 s: a request is logged just after its response is sent).
// The server's complete log lines once at least `wanted` of them satisfy
// `predicate` (requests on different connections are logged by different
// threads, in any order), or after 5 s.
std::vector<nlohmann::json> log_lines_once(
    RunningServer& server, const std::function<bool(const nlohmann::json&)>& predicate,
    int wanted = 1) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (true) {
    std::vector<nlohmann::json> lines;
    std::istringstream text(server.process().stderr_text());
    int found = 0;
    for (std::string line; std::getline(text, line);) {
      auto parsed = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
      if (parsed.is_discarded()) continue;  // a line still being written
      lines.push_back(std::move(parsed));
      found += predicate(lines.back()) ? 1 : 0;
    }
    if (found >= wanted || std::chrono::steady_clock::now() > deadline) return lines;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

}  // namespace

TEST_CASE("/healthz reports the server, its database and its instance id", "[db]") {
  ServerSandbox sandbox;
  RunningServer server(sandbox);
  auto response = server.client()->Get("/healthz");
  REQUIRE(response);
  CHECK(response->status == 200);
  CHECK(response->get_header_value("Content-Type") == "application/json");
  CHECK(response->get_header_value("X-Content-Type-Options") == "nosniff");
  const auto body = nlohmann::json::parse(response->body);
  CHECK(body.at("status") == "ok");
  CHECK(body.at("database") == "ok");
  CHECK(body.at("version") == "0.1.0");
  CHECK(std::regex_match(body.at("instance_id").get<std::string>(), std::regex("[0-9a-f]{32}")));
}

TEST_CASE("/ serves index.html as UTF-8 HTML with the caching and sniffing headers") {
  ServerSandbox sandbox;
  RunningServer server(sandbox);
  for (const char* path : {"/", "/index.html", "/?lang=vi"}) {
    INFO(path);
    auto response = server.client()->Get(path);
    REQUIRE(response);
    CHECK(response->status == 200);
    CHECK(response->body == kIndexHtml);
    CHECK(response->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(response->get_header_value("Cache-Control") == "no-cache");
    CHECK(response->get_header_value("X-Content-Type-Options") == "nosniff");
  }
}

TEST_CASE("app.wasm and sub/x.json are served byte for byte with their types") {
  ServerSandbox sandbox;
  RunningServer server(sandbox);
  auto wasm = server.client()->Get("/app.wasm");
  REQUIRE(wasm);
  CHECK(wasm->status == 200);
  CHECK(wasm->get_header_value("Content-Type") == "application/wasm");
  CHECK(wasm->body == app_wasm_bytes());

  auto json = server.client()->Get("/sub/x.json");
  REQUIRE(json);
  CHECK(json->status == 200);
  CHECK(json->get_header_value("Content-Type") == "application/json");
  CHECK(json->body == kSubJson);
}

TEST_CASE("HEAD answers the headers of GET without a body") {
  ServerSandbox sandbox;
  RunningServer server(sandbox);
  auto response = server.client()->Head("/app.wasm");
  REQUIRE(response);
  CHECK(response->status == 200);
  CHECK(response->get_header_value("Content-Type") == "application/wasm");
  CHECK(response->get_header_value("Content-Length") == std::to_string(app_wasm_bytes().size()));
  CHECK(response->body.empty());

  auto missing = server.client()->Head("/missing.js");
  REQUIRE(missing);
  CHECK(missing->status == 404);
  CHECK(missing->body.empty());
}

TEST_CASE("unknown /api paths and missing files are 404 JSON errors in both languages") {
  ServerSandbox sandbox;
  RunningServer server(sandbox);
  for (const char* path : {"/api", "/api/", "/api/v1/submissions/abc", "/missing.js", "/sub/"}) {
    INFO(path);
    auto response = server.client()->Get(path);
    REQUIRE(response);
    CHECK(response->status == 404);
    CHECK(response->get_header_value("Content-Type") == "application/json");
    check_json_error(response->body, "not_found");
  }
  auto body = nlohmann::json::parse(server.client()->Get("/api/nothing")->body);
  CHECK(body.at("error").at("message").at("vi") == "Không tìm thấy.");
  CHECK(body.at("error").at("message").at("en") == "Not found.");

  auto post = server.client()->Post("/api/v1/nothing", "{}", "application/json");
  REQUIRE(post);
  CHECK(post->status == 404);
  check_json_error(post->body, "not_found");
}

TEST_CASE("methods other than GET and HEAD on static paths are 405") {
  ServerSandbox sandbox;
  RunningServer server(sandbox);
  auto client = server.client();
  std::vector<httplib::Result> responses;
  responses.push_back(client->Post("/index.html", "x", "text/plain"));
  responses.push_back(client->Put("/app.wasm", "x", "application/octet-stream"));
  responses.push_back(client->Delete("/index.html"));
  responses.push_back(client->Patch("/healthz", "x", "text/plain"));
  responses.push_back(client->Options("/"));
  for (auto& response : responses) {
    REQUIRE(response);
    CHECK(response->status == 405);
    CHECK(response->get_header_value("Allow") == "GET, HEAD");
    check_json_error(response->body, "method_not_allowed");
  }
  const auto trace =
      raw_http_exchange(server.port(), "TRACE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  CHECK(trace.status == 405);
}

TEST_CASE("bodies over 1 MiB, chunked bodies and bodies without a length are refused") {
  ServerSandbox sandbox;
  RunningServer server(sandbox);
  auto client = server.client();
  auto at_limit = client->Post("/api/x", std::string(1024 * 1024, 'a'), "text/plain");
  REQUIRE(at_limit);
  CHECK(at_limit->status == 404);
  auto too_large = client->Post("/api/x", std::string(1024 * 1024 + 1, 'a'), "text/plain");
  REQUIRE(too_large);
  CHECK(too_large->status == 413);
  check_json_error(too_large->body, "payload_too_large");

  const auto chunked = raw_http_exchange(
      server.port(),
      "POST /api/x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
      "5\r\nhello\r\n0\r\n\r\n");
  CHECK(chunked.status == 411);
  check_json_error(chunked.body, "length_required");

  const auto started = std::chrono::steady_clock::now();
  const auto no_length = raw_http_exchange(
      server.port(), "PUT /api/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  CHECK(no_length.status == 411);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));
}

TEST_CASE("a malformed request line is a JSON 400") {
  ServerSandbox sandbox;
  RunningServer server(sandbox);
  const auto response = raw_http_exchange(server.port(), "GARBAGE\r\n\r\n");
  CHECK(response.status == 400);
  check_json_error(response.body, "bad_request");
}

TEST_CASE("each request is one JSON log line without query string, headers or body") {
  ServerSandbox sandbox;
  RunningServer server(sandbox);
  auto client = server.client();
  REQUIRE(client->Get("/healthz?cccd=001099012345",
                      httplib::Headers{{"X-Citizen-Name", "Nguyễn Văn An"}}));
  REQUIRE(client->Post("/api/x", "secret-body-0123", "text/plain"));

  const auto lines = log_lines_once(
      server, [](const nlohmann::json& line) { return line.contains("method"); }, 2);
  const auto log = server.process().stderr_text();
  CHECK(log.find("001099012345") == std::string::npos);
  CHECK(log.find("Nguyễn") == std::string::npos);
  CHECK(log.find("secret-body") == std::string::npos);

  bool saw_health = false;
  bool saw_post = false;
  for (const auto& line : lines) {
    REQUIRE(line.contains("ts"));
    if (!line.contains("method")) continue;
    CHECK(line.at("duration_ms").is_number());
    if (line.at("path") == "/healthz") {
      saw_health = true;
      CHECK(line.at("method") == "GET");
      CHECK(line.at("status") == 200);
    }
    if (line.at("method") == "POST") {
      saw_post = true;
      CHECK(line.at("path") == "/api/x");
      CHECK(line.at("status") == 404);
    }
  }
  CHECK(saw_health);
  CHECK(saw_post);
}
