// IdleLock (see idle_lock.h).
#include "storage/idle_lock.h"

#include <algorithm>

namespace tokhai::storage {

std::chrono::milliseconds IdleLock::remaining(std::int64_t now_ms) const {
  const std::int64_t idle_ms = std::max<std::int64_t>(0, now_ms - last_activity_ms_);
  return std::max(std::chrono::milliseconds(0), timeout_ - std::chrono::milliseconds(idle_ms));
}

}  // namespace tokhai::storage
