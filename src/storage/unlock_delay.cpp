// The growing delay between failed unlock attempts (see unlock_delay.h).
#include "storage/unlock_delay.h"

#include <algorithm>

namespace tokhai::storage {

std::chrono::seconds unlock_delay_after(std::int64_t failed_attempts) {
  if (failed_attempts <= kFreeUnlockAttempts) return std::chrono::seconds(0);
  const std::int64_t doublings = failed_attempts - kFreeUnlockAttempts - 1;
  if (doublings >= 30) return kMaxUnlockDelay;
  return std::min(std::chrono::seconds(std::int64_t{1} << doublings), kMaxUnlockDelay);
}

std::chrono::milliseconds remaining_unlock_wait(std::int64_t failed_attempts,
                                                std::int64_t next_attempt_at_ms,
                                                std::int64_t now_ms) {
  const std::chrono::milliseconds longest = unlock_delay_after(failed_attempts);
  const std::chrono::milliseconds left(next_attempt_at_ms > now_ms ? next_attempt_at_ms - now_ms
                                                                   : 0);
  return std::min(left, longest);
}

}  // namespace tokhai::storage
