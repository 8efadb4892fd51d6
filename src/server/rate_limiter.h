// RateLimiter: a token bucket per client address. Each client may make
// `burst` requests at once and then `rate_per_second` a second on average;
// a request over the limit is refused with how long to wait.
//
// Buckets are kept in memory (one server; a shared limiter comes with
// several instances, issue 9). Full buckets are forgotten when the table
// grows past kMaxTrackedClients, so that many one-off clients cannot use up
// memory.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace tokhai::server {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::size_t kMaxTrackedClients = 100'000;

  // `rate_per_second` 0 turns the limit off (every request is allowed).
  RateLimiter(std::uint32_t rate_per_second, std::uint32_t burst);

  // Whether `client` may make a request at `now`; takes a token if so.
  // Otherwise returns the whole seconds (≥ 1) until a token is there.
  struct Decision {
    bool allowed = true;
    int retry_after_seconds = 0;
  };
  Decision take(std::string_view client, Clock::time_point now);

  bool enabled() const { return rate_per_second_ > 0; }

 private:
  struct Bucket {
    double tokens;
    Clock::time_point updated;
  };
  void forget_full_buckets(Clock::time_point now);

  double rate_per_second_;
  double burst_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace tokhai::server
