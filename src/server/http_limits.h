// HttpLimits: the bounds tokhai-server puts on every connection and request,
// so that a slow or hostile client cannot hold threads or memory for long.
#pragma once

#include <chrono>
#include <cstddef>

namespace httplib {
class Server;
}

namespace tokhai::server {

struct HttpLimits {
  // Larger bodies get 413 (envelope.too_large on the submission route: the
  // same limit as wire::kMaxEnvelopeBytes).
  std::size_t payload_max_size_bytes = 1024 * 1024;
  std::chrono::milliseconds read_timeout{10'000};   // per read of a request
  std::chrono::milliseconds write_timeout{10'000};  // per write of a response
  // An idle keep-alive connection is closed after this; it also bounds how
  // long a clean stop waits for idle connections.
  std::chrono::seconds keep_alive_timeout{3};
  std::size_t keep_alive_max_requests = 100;  // requests per connection
  // Worker threads: each serves one connection at a time, and a submission's
  // thread waits for its group commit, so there are more than cores.
  std::size_t worker_threads = 64;
};

// Applies `limits` to `server` before it listens.
void apply_http_limits(httplib::Server& server, const HttpLimits& limits);

}  // namespace tokhai::server
