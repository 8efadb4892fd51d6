// SystemSyncClock: the standard library's clocks.
#include "sync/clock.h"

#include <chrono>

namespace tokhai::sync {

std::int64_t SystemSyncClock::monotonic_ms() const {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

std::int64_t SystemSyncClock::utc_unix_ms() const {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace tokhai::sync
