// Transport: how src/sync talks HTTP without knowing where it runs.
//
// DESIGN.md §2 puts the platform interfaces in src/platform, but sync may not
// depend on platform (core ← crypto ← storage ← sync ← app), so this interface
// lives here, in a header that needs nothing but the standard library. Its
// adapters implement it from the other side: src/platform/web/web_network.cpp
// (XMLHttpRequest, which reports upload progress) and
// src/platform/native/httplib_transport.h (cpp-httplib, for the fault test
// client and tools). Tests use tests/sync/fake_transport.h.
//
// The contract every adapter keeps:
//   - send() starts one request and returns at once; `done` is called exactly
//     once, later, on the thread that drives the outbox (never from inside
//     send(), and never after the adapter is destroyed);
//   - a response that arrived whole is a status (any, 1xx–5xx), headers and
//     body; anything else is one NetworkFailure, never a made-up status;
//   - a body shorter than its Content-Length is `truncated`, not a response;
//   - the request's path is origin-relative ("/api/v1/..."): the adapter
//     knows the server's origin.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tokhai::sync {

enum class HttpMethod { get, put, post };

struct HttpHeader {
  std::string name;  // compared without regard to ASCII case
  std::string value;
  bool operator==(const HttpHeader&) const = default;
};
using HttpHeaders = std::vector<HttpHeader>;

struct HttpRequest {
  HttpMethod method = HttpMethod::get;
  std::string path;  // origin-relative, already percent-encoded where needed
  HttpHeaders headers;
  std::string body;
  std::int64_t timeout_ms = 30'000;  // the whole exchange, connect to last byte
};

// Why no whole response arrived.
enum class NetworkFailure {
  offline,           // no route, DNS failure, connection refused, browser offline
  timeout,           // no whole answer within the request's timeout_ms
  connection_reset,  // the connection closed or reset before the response's headers
  truncated,         // headers came, then the body stopped short
};

// What came back: a whole response, or a failure (then status 0, no headers,
// no body).
struct HttpResponse {
  std::optional<NetworkFailure> failure;
  int status = 0;
  HttpHeaders headers;
  std::string body;

  bool arrived() const { return !failure.has_value(); }
  // The first header named `name` (ASCII case-insensitive), or nullopt.
  std::optional<std::string_view> header(std::string_view name) const;
};

using HttpCompletion = std::function<void(HttpResponse)>;
// Upload progress: bytes of the body handed to the network so far, of total.
// Optional for adapters (fetch cannot report it); the outbox shows 0 → total.
using HttpProgress = std::function<void(std::uint64_t sent_bytes, std::uint64_t total_bytes)>;

class Transport {
 public:
  virtual ~Transport() = default;
  // Starts `request` (see the contract above). `progress` may be empty and may
  // never be called.
  virtual void send(HttpRequest request, HttpCompletion done, HttpProgress progress = {}) = 0;
};

// "GET", "PUT", "POST".
std::string_view http_method_name(HttpMethod method);
// Stable names for logs and reason codes: "network.offline", "network.timeout",
// "network.connection_reset", "network.truncated".
std::string_view network_failure_code(NetworkFailure failure);

}  // namespace tokhai::sync
