// Retry timing: the ceilings double from 2 s up to the 10-minute cap; every
// draw of the real random source stays within [0, ceiling]; Retry-After is
// read as seconds or as an HTTP date, and refused otherwise.
#include "sync/backoff.h"

#include <catch2/catch.hpp>
#include <set>

#include "fake_random_source.h"

using namespace tokhai::sync;
using tokhai::sync::testing::FakeRandomSource;

TEST_CASE("backoff ceilings double from the base to the cap", "[backoff]") {
  const BackoffPolicy policy;
  CHECK(backoff_ceiling_ms(policy, 1) == 2'000);
  CHECK(backoff_ceiling_ms(policy, 2) == 4'000);
  CHECK(backoff_ceiling_ms(policy, 3) == 8'000);
  CHECK(backoff_ceiling_ms(policy, 9) == 512'000);
  CHECK(backoff_ceiling_ms(policy, 10) == 600'000);
  CHECK(backoff_ceiling_ms(policy, 11) == 600'000);
  CHECK(backoff_ceiling_ms(policy, 1000) == 600'000);
}

TEST_CASE("full jitter draws from the whole range, ends included", "[backoff]") {
  const BackoffPolicy policy;
  FakeRandomSource random;
  random.draw = FakeRandomSource::Draw::smallest;
  CHECK(backoff_delay_ms(policy, 3, random) == 0);
  random.draw = FakeRandomSource::Draw::largest;
  CHECK(backoff_delay_ms(policy, 3, random) == 8'000);
  CHECK(random.bounds_asked.back() == 8'001);
  random.draw = FakeRandomSource::Draw::half;
  CHECK(backoff_delay_ms(policy, 20, random) == 300'000);
}

TEST_CASE("the real random source stays within the bounds and spreads", "[backoff]") {
  const BackoffPolicy policy;
  CryptoRandomSource random;
  for (int failures = 1; failures <= 12; ++failures) {
    std::set<std::int64_t> seen;
    std::int64_t low = INT64_MAX, high = 0;
    for (int draw = 0; draw < 200; ++draw) {
      const std::int64_t wait = backoff_delay_ms(policy, failures, random);
      REQUIRE(wait >= 0);
      REQUIRE(wait <= backoff_ceiling_ms(policy, failures));
      seen.insert(wait);
      low = std::min(low, wait);
      high = std::max(high, wait);
    }
    // 200 uniform draws over ≥ 2,001 values: all equal is a broken source;
    // all in one half of the range happens with probability 2^-199.
    CHECK(seen.size() > 100);
    CHECK(low < backoff_ceiling_ms(policy, failures) / 2);
    CHECK(high > backoff_ceiling_ms(policy, failures) / 2);
  }
}

TEST_CASE("Retry-After in seconds or as an HTTP date", "[backoff]") {
  // 1994-11-06T08:49:37Z = 784111777 s after the epoch.
  const std::int64_t now = 784'111'777'000;
  CHECK(parse_retry_after_ms("120", now) == 120'000);
  CHECK(parse_retry_after_ms(" 0 ", now) == 0);
  CHECK(parse_retry_after_ms("Sun, 06 Nov 1994 08:49:37 GMT", now) == 0);
  CHECK(parse_retry_after_ms("Sun, 06 Nov 1994 08:51:07 GMT", now) == 90'000);
  CHECK(parse_retry_after_ms("Sun, 06 Nov 1994 08:48:37 GMT", now) == 0);  // past
  CHECK(parse_retry_after_ms("Thu, 01 Jan 1970 00:00:10 GMT", 0) == 10'000);
  CHECK(parse_retry_after_ms("Wed, 29 Feb 2024 00:00:00 GMT", 1'709'164'800'000 - 1000) == 1000);
  for (const char* bad : {"", "-5", "1.5", "soon", "120s", "Sun, 06 Nov 1994 08:49:37 UTC",
                          "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 32 Nov 1994 08:49:37 GMT",
                          "Sun, 06 Nov 1994 25:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT"}) {
    INFO(bad);
    CHECK_FALSE(parse_retry_after_ms(bad, now).has_value());
  }
}
