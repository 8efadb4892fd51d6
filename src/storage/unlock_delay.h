// How long a person must wait before trying a vault's secret again.
//
// After the n-th consecutive failed attempt the next one is allowed after
// unlock_delay_after(n): 0, 0, 1, 2, 4, 8, … seconds, doubling, capped at 5
// minutes (reached at the 12th failure). A guesser through the app then needs
// years for a 6-digit PIN; the owner who mistypes twice waits for nothing. The
// counter and the time of the next allowed attempt are stored, so closing the
// app does not reset them; a correct secret does.
#pragma once

#include <chrono>
#include <cstdint>

namespace tokhai::storage {

constexpr std::int64_t kFreeUnlockAttempts = 2;
constexpr std::chrono::seconds kMaxUnlockDelay{300};

// The wait after `failed_attempts` consecutive failures.
std::chrono::seconds unlock_delay_after(std::int64_t failed_attempts);

// The wait left at `now_ms` before the next attempt, given the stored counter
// and time. Never more than unlock_delay_after(failed_attempts): a clock set
// back (or a stored time from the future) cannot lock the owner out longer.
std::chrono::milliseconds remaining_unlock_wait(std::int64_t failed_attempts,
                                                std::int64_t next_attempt_at_ms,
                                                std::int64_t now_ms);

// What the unlock screen shows: how many attempts failed in a row, and the
// wait before the next one (zero when it may be tried now).
struct UnlockAttempts {
  std::int64_t failed_attempts = 0;
  std::chrono::milliseconds retry_after{0};

  // The wait in whole seconds, rounded up ("thử lại sau N giây").
  std::int64_t retry_after_seconds() const { return (retry_after.count() + 999) / 1000; }
};

}  // namespace tokhai::storage
