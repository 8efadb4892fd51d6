// IdleLock: when an unlocked vault should lock itself for lack of use.
//
// Pure bookkeeping over times the caller passes in (no timers, no clock of its
// own): the app calls touch() on every input, asks should_lock() on each frame
// or timer tick, and schedules its next tick with remaining().
#pragma once

#include <chrono>
#include <cstdint>

namespace tokhai::storage {

constexpr std::chrono::milliseconds kDefaultIdleTimeout = std::chrono::minutes(5);

class IdleLock {
 public:
  IdleLock(std::chrono::milliseconds timeout, std::int64_t now_ms)
      : timeout_(timeout), last_activity_ms_(now_ms) {}

  // Records activity at `now_ms`.
  void touch(std::int64_t now_ms) { last_activity_ms_ = now_ms; }

  // True once `timeout` has passed since the last activity.
  bool should_lock(std::int64_t now_ms) const { return remaining(now_ms).count() == 0; }

  // Time left before should_lock() becomes true; never more than the timeout,
  // even when the clock went back.
  std::chrono::milliseconds remaining(std::int64_t now_ms) const;

  std::chrono::milliseconds timeout() const { return timeout_; }

 private:
  std::chrono::milliseconds timeout_;
  std::int64_t last_activity_ms_;
};

}  // namespace tokhai::storage
