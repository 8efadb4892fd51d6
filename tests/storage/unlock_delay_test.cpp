// The delay schedule between failed unlock attempts, and the idle lock.
#include "storage/unlock_delay.h"

#include <catch2/catch.hpp>

#include "storage/idle_lock.h"

using namespace tokhai::storage;
using std::chrono::milliseconds;
using std::chrono::seconds;

TEST_CASE("the delay doubles after two free attempts and stops at five minutes") {
  CHECK(unlock_delay_after(0) == seconds(0));
  CHECK(unlock_delay_after(1) == seconds(0));
  CHECK(unlock_delay_after(2) == seconds(0));
  CHECK(unlock_delay_after(3) == seconds(1));
  CHECK(unlock_delay_after(4) == seconds(2));
  CHECK(unlock_delay_after(5) == seconds(4));
  CHECK(unlock_delay_after(11) == seconds(256));
  CHECK(unlock_delay_after(12) == seconds(300));
  CHECK(unlock_delay_after(1000) == seconds(300));
  CHECK(unlock_delay_after(-1) == seconds(0));
}

TEST_CASE("the remaining wait counts down and never exceeds the delay") {
  const std::int64_t now = 1'000'000;
  CHECK(remaining_unlock_wait(5, now + 4000, now) == milliseconds(4000));
  CHECK(remaining_unlock_wait(5, now + 4000, now + 2500) == milliseconds(1500));
  CHECK(remaining_unlock_wait(5, now + 4000, now + 4000) == milliseconds(0));
  CHECK(remaining_unlock_wait(5, now + 4000, now + 9000) == milliseconds(0));
  CHECK(remaining_unlock_wait(5, now + 86'400'000, now) == milliseconds(4000));
  CHECK(remaining_unlock_wait(1, now + 4000, now) == milliseconds(0));
  CHECK(UnlockAttempts{5, milliseconds(1)}.retry_after_seconds() == 1);
  CHECK(UnlockAttempts{5, milliseconds(1000)}.retry_after_seconds() == 1);
  CHECK(UnlockAttempts{5, milliseconds(1001)}.retry_after_seconds() == 2);
}

TEST_CASE("the idle lock fires after the timeout since the last activity") {
  IdleLock idle(std::chrono::minutes(5), 0);
  CHECK_FALSE(idle.should_lock(0));
  CHECK(idle.remaining(60'000) == milliseconds(240'000));
  CHECK_FALSE(idle.should_lock(299'999));
  idle.touch(200'000);
  CHECK_FALSE(idle.should_lock(300'000));
  CHECK(idle.remaining(300'000) == milliseconds(200'000));
  CHECK(idle.should_lock(500'000));
  CHECK(idle.should_lock(10'000'000));
  // A clock that goes back counts as no idle time, never as more than the timeout.
  CHECK(idle.remaining(100'000) == milliseconds(300'000));
  CHECK(idle.timeout() == kDefaultIdleTimeout);
}
