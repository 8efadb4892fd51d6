// resolve_static_path: which URL paths name a file inside the web root, and
// every traversal shape that must be refused before the file system is asked.
#include "server/static_path.h"

#include <catch2/catch.hpp>
#include <string>
#include <string_view>

using tokhai::server::kMaxStaticPathSizeBytes;
using tokhai::server::resolve_static_path;
using namespace std::string_view_literals;

TEST_CASE("ordinary paths name a file relative to the web root") {
  struct Case {
    std::string_view url_path;
    std::string relative;
  };
  const Case cases[] = {
      {"/", "index.html"},
      {"/index.html", "index.html"},
      {"/app.wasm", "app.wasm"},
      {"/sub/x.json", "sub/x.json"},
      {"/sub/", "sub/index.html"},
      {"/a%20b.js", "a b.js"},
      {"/Xin%20ch%C3%A0o.txt", "Xin chào.txt"},
      {"/Xin chào.txt", "Xin chào.txt"},
      {"/file+name.css", "file+name.css"},
      {"/..hidden", "..hidden"},
      {"/name..js", "name..js"},
      {"/.well-known/x", ".well-known/x"},
      {"/%252e%252e/x", "%2e%2e/x"},  // decoded once: a literal folder named "%2e%2e"
  };
  for (const auto& c : cases) {
    INFO(c.url_path);
    const auto relative = resolve_static_path(c.url_path);
    REQUIRE(relative);
    CHECK(*relative == c.relative);
  }
}

TEST_CASE("paths that could leave the web root or confuse the file system are refused") {
  const std::string_view refused[] = {
      // plain traversal and dot segments
      "/..",
      "/../",
      "/../etc/passwd",
      "/sub/../../secret.txt",
      "/sub/..",
      "/./index.html",
      "/sub/./x.json",
      "/.",
      // percent-encoded dots and slashes
      "/%2e%2e/secret.txt",
      "/%2E%2E/secret.txt",
      "/.%2e/secret.txt",
      "/%2e./secret.txt",
      "/%2e%2e%2fsecret.txt",
      "/..%2fsecret.txt",
      "/..%2Fetc%2Fpasswd",
      "/sub%2f..%2f..%2fsecret.txt",
      "/%2e",
      "/%2F",
      "/a%2fb",
      // backslashes, raw and encoded
      "/..\\secret.txt",
      "/sub\\..\\..\\secret.txt",
      "/a\\b",
      "/%5c..%5csecret.txt",
      "/..%5Csecret.txt",
      // NUL and other control characters
      "/a%00b",
      "/index.html%00.png",
      "/a\0b"sv,
      "/a%0ab",
      "/a%0d%0aSet-Cookie:x",
      "/a%7f",
      "/a\tb",
      // empty segments
      "//secret.txt",
      "/sub//x.json",
      "//",
      // not an origin-form path
      "",
      "index.html",
      "*",
      "http://example.com/index.html",
      // malformed escapes
      "/%",
      "/%2",
      "/a%2",
      "/%zz",
      "/%g0",
      "/%%32%65",
  };
  for (const auto url_path : refused) {
    INFO(std::string(url_path));
    CHECK_FALSE(resolve_static_path(url_path));
  }
}

TEST_CASE("a path up to 1024 bytes as sent is accepted, a longer one refused") {
  const std::string longest = "/" + std::string(kMaxStaticPathSizeBytes - 1, 'a');
  REQUIRE(longest.size() == 1024);
  CHECK(resolve_static_path(longest));
  CHECK_FALSE(resolve_static_path(longest + "a"));
  std::string long_encoded = "/";  // 342 bytes once decoded, 1027 as sent
  for (int i = 0; i < 342; ++i) long_encoded += "%61";
  CHECK_FALSE(resolve_static_path(long_encoded));
}
