// FakeClock: a SyncClock test double that moves only when the test says so.
#pragma once

#include <cstdint>

#include "sync/clock.h"

namespace tokhai::sync::testing {

class FakeClock final : public SyncClock {
 public:
  std::int64_t monotonic_ms() const override { return monotonic_ms_; }
  std::int64_t utc_unix_ms() const override { return utc_unix_ms_; }
  void advance_ms(std::int64_t ms) {
    monotonic_ms_ += ms;
    utc_unix_ms_ += ms;
  }
  // A restart: the monotonic clock starts again (as performance.now() does at
  // a page load), the wall clock goes on.
  void restart_monotonic() { monotonic_ms_ = 5'000; }

 private:
  std::int64_t monotonic_ms_ = 1'000'000;
  std::int64_t utc_unix_ms_ = 1'750'000'000'000;  // June 2025
};

}  // namespace tokhai::sync::testing
