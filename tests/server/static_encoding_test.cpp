// Precompressed static files and their caching headers: Accept-Encoding
// parsing, the Cache-Control of content-hashed names, and the real server
// sending name.br / name.gz (made by web/build_shell.py) byte for byte.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "raw_http.h"
#include "server/static_files.h"
#include "server_sandbox.h"

using tokhai::server::accepts_encoding;
using tokhai::server::static_cache_control;
using tokhai::server::testing::kSecretText;
using tokhai::server::testing::kSubJson;
using tokhai::server::testing::raw_http_exchange;
using tokhai::server::testing::RawResponse;
using tokhai::server::testing::RunningServer;
using tokhai::server::testing::ServerSandbox;

namespace {

constexpr std::string_view kHashedName = "app.0123456789abcdef.wasm";
constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
// Stand-ins for compressed bytes: the server sends the files as they are.
// (sizeof - 1: the literals hold NUL bytes, and not their terminating one.)
constexpr char kBrotliLiteral[] = "BROTLI\0\xff\x01 copy";
constexpr char kGzipLiteral[] = "\x1f\x8b\x08\0 GZIP copy";
constexpr char kWasmLiteral[] = "\0asm\x01\0\0\0 hashed app";
const std::string kBrotliBytes(kBrotliLiteral, sizeof kBrotliLiteral - 1);
const std::string kGzipBytes(kGzipLiteral, sizeof kGzipLiteral - 1);
const std::string kWasmBytes(kWasmLiteral, sizeof kWasmLiteral - 1);

void write_file(const std::filesystem::path& path, std::string_view bytes) {
  std::ofstream file(path, std::ios::binary);
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  REQUIRE(file);
}

std::string header(const RawResponse& response, std::string_view name) {
  const std::string key = "\r\n" + std::string(name) + ": ";
  const auto at = response.head.find(key);
  if (at == std::string::npos) return "(none)";
  const auto start = at + key.size();
  return response.head.substr(start, response.head.find("\r\n", start) - start);
}

RawResponse get(const RunningServer& server, std::string_view target,
                std::string_view accept_encoding, std::string_view method = "GET") {
  std::string request = std::string(method) + " " + std::string(target) +
                        " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  if (!accept_encoding.empty()) {
    request += "Accept-Encoding: " + std::string(accept_encoding) + "\r\n";
  }
  return raw_http_exchange(server.port(), request + "\r\n");
}

}  // namespace

TEST_CASE("accepts_encoding reads codings, q-values and the wildcard", "[static]") {
  CHECK(accepts_encoding("gzip, deflate, br", "br"));
  CHECK(accepts_encoding("gzip, deflate, br", "gzip"));
  CHECK(accepts_encoding("GZIP", "gzip"));
  CHECK(accepts_encoding(" br ;q=0.5 ", "br"));
  CHECK(accepts_encoding("br;q=1.000", "br"));
  CHECK(accepts_encoding("*", "br"));
  CHECK(accepts_encoding("identity, *;q=0.1", "gzip"));
  CHECK_FALSE(accepts_encoding("", "br"));
  CHECK_FALSE(accepts_encoding("gzip, deflate", "br"));
  CHECK_FALSE(accepts_encoding("br;q=0", "br"));
  CHECK_FALSE(accepts_encoding("br; q=0.000, gzip", "br"));
  CHECK_FALSE(accepts_encoding("br;Q=0.", "br"));
  CHECK_FALSE(accepts_encoding("*, br;q=0", "br"));
  CHECK_FALSE(accepts_encoding("*;q=0", "gzip"));
  CHECK_FALSE(accepts_encoding("brotli, xbr, gzip2", "br"));
  CHECK_FALSE(accepts_encoding("gzip", "gzip2"));
  CHECK(accepts_encoding("br;q=0.001", "br"));
  CHECK(accepts_encoding("br;level=5", "br"));
  CHECK(accepts_encoding(",,br,,", "br"));
}

TEST_CASE("content-hashed names are cached a year, everything else revalidated", "[static]") {
  CHECK(static_cache_control(kHashedName) == kImmutable);
  CHECK(static_cache_control("app.89abcdef01234567.data") == kImmutable);
  CHECK(static_cache_control("sub/app.89abcdef01234567.js") == kImmutable);
  for (const std::string_view name :
       {"index.html", "sw.js", "app.js", "app.wasm", "manifest.webmanifest",
        "app.0123456789ABCDEF.wasm", "app.0123456789abcde.wasm", "app.0123456789abcdefa.wasm",
        ".0123456789abcdef.js", "0123456789abcdef.js", "app.0123456789abcdef",
        "app-0123456789abcdef.js", "x.0123456789abcdef/app.js"}) {
    INFO(std::string(name));
    CHECK(static_cache_control(name) == "no-cache");
  }
}

TEST_CASE("the server sends the precompressed copy the request accepts, with Vary", "[static]") {
  ServerSandbox sandbox;
  const auto web = sandbox.web_root();
  write_file(web / kHashedName, kWasmBytes);
  write_file(web / (std::string(kHashedName) + ".br"), kBrotliBytes);
  write_file(web / (std::string(kHashedName) + ".gz"), kGzipBytes);
  write_file(web / "index.html.gz", kGzipBytes);
  RunningServer server(sandbox);
  const std::string target = "/" + std::string(kHashedName);

  SECTION("brotli first, then gzip, else the file itself") {
    struct Case {
      std::string_view accept;
      std::string_view encoding;
      const std::string& body;
    };
    for (const Case& c :
         {Case{"gzip, deflate, br", "br", kBrotliBytes}, Case{"br;q=0, gzip", "gzip", kGzipBytes},
          Case{"deflate", "(none)", kWasmBytes}, Case{"", "(none)", kWasmBytes},
          Case{"gzip;q=0, br;q=0", "(none)", kWasmBytes}}) {
      INFO(std::string(c.accept));
      const auto response = get(server, target, c.accept);
      REQUIRE(response.status == 200);
      CHECK(header(response, "Content-Encoding") == c.encoding);
      CHECK(header(response, "Content-Type") == "application/wasm");
      CHECK(header(response, "Vary") == "Accept-Encoding");
      CHECK(header(response, "Cache-Control") == kImmutable);
      CHECK(header(response, "Content-Length") == std::to_string(c.body.size()));
      CHECK(response.body == c.body);
    }
  }

  SECTION("HEAD gives the encoded length without a body") {
    const auto response = get(server, target, "br", "HEAD");
    REQUIRE(response.status == 200);
    CHECK(header(response, "Content-Encoding") == "br");
    CHECK(header(response, "Content-Length") == std::to_string(kBrotliBytes.size()));
    CHECK(response.body.empty());
  }

  SECTION("index.html: only a gzip copy, and no long-lived caching") {
    const auto response = get(server, "/", "gzip, deflate, br");
    REQUIRE(response.status == 200);
    CHECK(header(response, "Content-Encoding") == "gzip");
    CHECK(header(response, "Content-Type") == "text/html; charset=utf-8");
    CHECK(header(response, "Cache-Control") == "no-cache");
    CHECK(response.body == kGzipBytes);
  }

  SECTION("a file without copies: no Vary, and cpp-httplib's own compression stays") {
    const auto response = get(server, "/sub/x.json", "");
    REQUIRE(response.status == 200);
    CHECK(header(response, "Vary") == "(none)");
    CHECK(header(response, "Cache-Control") == "no-cache");
    CHECK(response.body == kSubJson);
  }
}

TEST_CASE("a precompressed copy that leaves the web root is never sent", "[static]") {
  ServerSandbox sandbox;
  // app.wasm: a type cpp-httplib never compresses by itself.
  std::filesystem::create_symlink("../secret.txt", sandbox.web_root() / "app.wasm.br");
  RunningServer server(sandbox);
  const auto response = get(server, "/app.wasm", "br");
  REQUIRE(response.status == 200);
  CHECK(header(response, "Content-Encoding") == "(none)");
  CHECK(header(response, "Vary") == "(none)");
  CHECK(response.body == tokhai::server::testing::app_wasm_bytes());
  CHECK(response.text.find(kSecretText) == std::string::npos);
}
