// Random values from libsodium's CSPRNG (getrandom natively,
// crypto.getRandomValues in the browser).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "crypto/bytes.h"

namespace tokhai::crypto {

// `size_bytes` random bytes that are not secret (nonces, salts, ids).
Bytes random_bytes(std::size_t size_bytes);

// A random identifier: `size_bytes` random bytes as lower-case hex (16 bytes →
// 32 hex digits, 128 bits: unique without coordination).
std::string random_hex_id(std::size_t size_bytes = 16);

// A uniformly distributed number in [0, upper_bound) (0 when upper_bound < 2),
// e.g. retry jitter.
std::uint32_t random_below(std::uint32_t upper_bound);

}  // namespace tokhai::crypto
