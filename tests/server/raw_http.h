// raw_http_exchange: one HTTP request written byte for byte on a plain TCP
// socket, for requests an HTTP client library would normalise or refuse to
// send (traversal paths, bad escapes, malformed request lines).
#pragma once

#include <string>
#include <string_view>

namespace tokhai::server::testing {

struct RawResponse {
  int status = 0;    // 0 when no status line arrived
  std::string head;  // status line and headers
  std::string body;
  std::string text;  // everything received
};

// Sends `request` to 127.0.0.1:`port` and reads one response: its headers,
// then Content-Length bytes of body (or up to EOF without one), within
// `timeout_ms` in all.
RawResponse raw_http_exchange(int port, std::string_view request, int timeout_ms = 5000);

}  // namespace tokhai::server::testing
