// SyncClock: the two times the outbox needs, from an interface so that tests
// move time by hand (tests/sync/fake_clock.h) and never sleep.
//
//   monotonic_ms  for waits (backoff, Retry-After): never goes back, but means
//                 nothing across a restart (performance.now() starts again at
//                 every page load), so it is never stored;
//   utc_unix_ms   wall-clock time, for what is stored and shown ("tried at
//                 10:42"); the phone's clock may be wrong or jump.
//
// Like Transport (transport.h) this is a platform interface that lives in
// src/sync because sync may not depend on src/platform.
#pragma once

#include <cstdint>

namespace tokhai::sync {

class SyncClock {
 public:
  virtual ~SyncClock() = default;
  virtual std::int64_t monotonic_ms() const = 0;
  virtual std::int64_t utc_unix_ms() const = 0;
};

// std::chrono::steady_clock and system_clock: correct natively and in the
// browser (Emscripten maps them to performance.now() and Date.now()).
class SystemSyncClock final : public SyncClock {
 public:
  std::int64_t monotonic_ms() const override;
  std::int64_t utc_unix_ms() const override;
};

}  // namespace tokhai::sync
