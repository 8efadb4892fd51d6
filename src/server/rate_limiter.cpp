// RateLimiter (see rate_limiter.h).
#include "server/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace tokhai::server {

RateLimiter::RateLimiter(std::uint32_t rate_per_second, std::uint32_t burst)
    : rate_per_second_(rate_per_second), burst_(std::max<std::uint32_t>(burst, 1)) {}

RateLimiter::Decision RateLimiter::take(std::string_view client, Clock::time_point now) {
  if (!enabled()) return {};
  const std::lock_guard lock(mutex_);
  auto found = buckets_.find(std::string(client));
  if (found == buckets_.end()) {
    if (buckets_.size() >= kMaxTrackedClients) forget_full_buckets(now);
    found = buckets_.emplace(std::string(client), Bucket{burst_, now}).first;
  }
  Bucket& bucket = found->second;
  const double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
  if (elapsed > 0) {
    bucket.tokens = std::min(burst_, bucket.tokens + elapsed * rate_per_second_);
    bucket.updated = now;
  }
  if (bucket.tokens >= 1.0) {
    bucket.tokens -= 1.0;
    return {};
  }
  const double wait_seconds = (1.0 - bucket.tokens) / rate_per_second_;
  return {false, std::max(1, static_cast<int>(std::ceil(wait_seconds)))};
}

void RateLimiter::forget_full_buckets(Clock::time_point now) {
  const double refill_seconds = burst_ / rate_per_second_;
  std::erase_if(buckets_, [&](const auto& entry) {
    const double elapsed = std::chrono::duration<double>(now - entry.second.updated).count();
    return entry.second.tokens + elapsed * rate_per_second_ >= burst_ || elapsed > refill_seconds;
  });
}

}  // namespace tokhai::server
