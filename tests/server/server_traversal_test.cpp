// Path traversal against the real server: whatever arrives on the request
// line, and whatever symlinks lie in the web root, the file next to the web
// root is never served.
#include <catch2/catch.hpp>
#include <string>
#include <string_view>

#include "raw_http.h"
#include "server_sandbox.h"

using tokhai::server::testing::kSecretText;
using tokhai::server::testing::raw_http_exchange;
using tokhai::server::testing::RunningServer;
using tokhai::server::testing::ServerSandbox;

namespace {

std::string get_request(std::string_view target) {
  return "GET " + std::string(target) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
}

}  // namespace

TEST_CASE("traversal on the raw request line never reaches the secret file") {
  ServerSandbox sandbox;
  RunningServer server(sandbox);
  const std::string_view targets[] = {
      "/../secret.txt",
      "/../../../../../../etc/passwd",
      "/%2e%2e/secret.txt",
      "/%2e%2e/%2e%2e/etc/passwd",
      "/%2E%2E/secret.txt",
      "/.%2e/secret.txt",
      "/%2e%2e%2fsecret.txt",
      "/..%2fsecret.txt",
      "/sub/../../secret.txt",
      "/sub/%2e%2e/%2e%2e/secret.txt",
      "/sub%2f..%2f..%2fsecret.txt",
      "/%252e%252e/secret.txt",
      "/..\\secret.txt",
      "/..%5csecret.txt",
      "/sub\\..\\..\\secret.txt",
      "//secret.txt",
      "/./../secret.txt",
      "/secret.txt%00.html",
      "/index.html/../../secret.txt",
      "../secret.txt",
      "http://127.0.0.1/../secret.txt",
      "/%c0%ae%c0%ae/secret.txt",
      "/escape.txt",
      "/escape-dir/secret.txt",
  };
  for (const auto target : targets) {
    INFO(std::string(target));
    const auto response = raw_http_exchange(server.port(), get_request(target));
    CHECK((response.status == 400 || response.status == 404));
    CHECK(response.text.find(kSecretText) == std::string::npos);
  }
}

TEST_CASE("traversal and symlink escapes are answered with the bad_path error") {
  ServerSandbox sandbox;
  RunningServer server(sandbox);
  for (const char* target : {"/../secret.txt", "/%2e%2e/%2e%2e/etc/passwd", "/..%5csecret.txt",
                             "/escape.txt", "/escape-dir/secret.txt"}) {
    INFO(target);
    const auto response = raw_http_exchange(server.port(), get_request(target));
    CHECK(response.status == 400);
    CHECK(response.body.find("\"code\":\"bad_path\"") != std::string::npos);
  }
}

TEST_CASE("an over-long path is refused without touching the file system") {
  ServerSandbox sandbox;
  RunningServer server(sandbox);
  const std::string long_target = "/" + std::string(2000, 'a');
  const auto response = raw_http_exchange(server.port(), get_request(long_target));
  CHECK(response.status == 400);
  const std::string huge_target = "/" + std::string(9000, 'a');
  const auto huge = raw_http_exchange(server.port(), get_request(huge_target));
  CHECK((huge.status == 400 || huge.status == 414));
}
