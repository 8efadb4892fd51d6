// HttplibTransport: sync::Transport for native programs (the fault test
// client, tools) on cpp-httplib, plain HTTP to one origin.
//
// Implemented features:
//   [x] GET / PUT / POST with headers, body and a whole-exchange timeout
//   [x] NetworkFailure kinds: offline (connect refused or failed), timeout
//       (no whole answer within timeout_ms), connection_reset (closed or reset
//       before the status line and headers), truncated (closed after the
//       headers, before the body's Content-Length was reached)
//   [ ] upload progress (never reported; optional in the contract)
//   [ ] TLS (the fault tests run on loopback; a deployment has nginx in front)
//
// Threads: send() queues the request for a small pool of worker threads,
// each doing one blocking exchange on a fresh connection (a fault may leave a
// connection in any state, so none is reused). Finished exchanges wait in a
// queue until the owner's thread calls deliver(), which runs the completions there, so that the
// Outbox, single-threaded, never sees another thread. The destructor waits for the exchanges in
// flight (each ends by its timeout at the latest) and drops their completions.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "sync/transport.h"

namespace tokhai::platform {

class HttplibTransport final : public sync::Transport {
 public:
  // `host` and `port` of the server (e.g. "127.0.0.1", 8080); `workers`
  // exchanges at most at once (1..64).
  HttplibTransport(std::string host, int port, int workers = 4);
  HttplibTransport(const HttplibTransport&) = delete;
  HttplibTransport& operator=(const HttplibTransport&) = delete;
  ~HttplibTransport() override;

  void send(sync::HttpRequest request, sync::HttpCompletion done,
            sync::HttpProgress progress = {}) override;

  // Waits up to `wait` for at least one exchange to finish (not at all when
  // one has), then runs the completions of every finished exchange on this
  // thread; returns how many ran.
  std::size_t deliver(std::chrono::milliseconds wait = std::chrono::milliseconds(0));
  // Requests sent whose completion has not run yet.
  std::size_t outstanding() const;

 private:
  struct Job {
    sync::HttpRequest request;
    sync::HttpCompletion done;
  };
  struct Finished {
    sync::HttpResponse response;
    sync::HttpCompletion done;
  };
  void work();
  sync::HttpResponse exchange(const sync::HttpRequest& request) const;

  std::string host_;
  int port_;
  mutable std::mutex mutex_;
  std::condition_variable job_ready_;
  std::condition_variable finished_ready_;
  std::deque<Job> jobs_;
  std::deque<Finished> finished_;
  std::size_t outstanding_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace tokhai::platform
