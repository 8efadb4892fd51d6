// Retry timing for the outbox: exponential backoff with full jitter, and the
// server's Retry-After.
//
// After the n-th failure in a row an item waits a uniformly random time in
// [0, min(cap, base · 2^(n−1))] ("full jitter": phones that lost the network
// together spread out when it comes back instead of arriving in waves). With
// the defaults: at most 2 s, 4 s, 8 s, … 512 s, then 10 min for every later
// failure. A Retry-After from the server is a lower bound on the wait (capped
// at max_retry_after_ms so that a wrong header cannot park an item for days).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "sync/random_source.h"

namespace tokhai::sync {

struct BackoffPolicy {
  std::int64_t base_ms = 2'000;
  std::int64_t cap_ms = 600'000;
  std::int64_t max_retry_after_ms = 3'600'000;
};

// The longest wait after `failures_in_row` (≥ 1) failures: min(cap, base·2^(n−1)).
std::int64_t backoff_ceiling_ms(const BackoffPolicy& policy, int failures_in_row);

// A wait drawn uniformly from [0, backoff_ceiling_ms] (both ends included).
std::int64_t backoff_delay_ms(const BackoffPolicy& policy, int failures_in_row,
                              RandomSource& random);

// The wait a Retry-After header value asks for, in ms from `now_utc_ms`:
// delta-seconds ("120") or an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT");
// a date in the past is 0. nullopt for anything else (the header is ignored).
std::optional<std::int64_t> parse_retry_after_ms(std::string_view value, std::int64_t now_utc_ms);

}  // namespace tokhai::sync
