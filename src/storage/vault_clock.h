// The time the vault works with: milliseconds since the Unix epoch, from a
// function that tests replace, so that no test sleeps.
#pragma once

#include <cstdint>
#include <functional>

namespace tokhai::storage {

using UnixMillisClock = std::function<std::int64_t()>;

// The device's wall clock (std::chrono::system_clock).
std::int64_t system_unix_ms();

}  // namespace tokhai::storage
