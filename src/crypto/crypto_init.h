// Start-up of libsodium. Every function of src/crypto initialises it on first
// use, so calling initialize_crypto() is optional; the app calls it once at
// start to report a device without a random source as a message instead of
// stopping later.
#pragma once

#include "crypto/crypto_error.h"

namespace tokhai::crypto {

// Initialises libsodium (idempotent, thread-safe). Error: crypto.unavailable
// (no secure random source on this device).
Result<Done> initialize_crypto();

// Initialises libsodium or stops the program: for the functions of src/crypto,
// which cannot work without it (a device without randomness cannot keep a
// vault safely).
void require_crypto();

}  // namespace tokhai::crypto
