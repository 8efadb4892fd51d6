// Password hashing: Argon2id (crypto_pwhash) turns a PIN or passphrase and a
// random salt into a key-encryption key, and a calibration that picks the cost
// for this device.
//
// The cost parameters are stored beside each vault so that unlocking replays
// exactly what creation chose, even after the device gets faster; they are
// checked against fixed bounds before use, so that a damaged or crafted
// database cannot make the app allocate gigabytes or spin for minutes.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "crypto/bytes.h"
#include "crypto/crypto_error.h"
#include "crypto/secret_bytes.h"

namespace tokhai::crypto {

constexpr int kArgon2id13 = 2;  // crypto_pwhash_ALG_ARGON2ID13, the only algorithm accepted
constexpr std::size_t kPasswordSaltBytes = 16;
constexpr std::size_t kMebibyte = std::size_t{1} << 20;
// Upper bounds for stored and calibrated parameters: a cheap phone's browser
// can still allocate 256 MiB, and 12 passes over it stay within seconds.
constexpr std::size_t kMaxPasswordHashMemBytes = 256 * kMebibyte;
constexpr std::uint64_t kMaxPasswordHashOps = 12;

struct PasswordHashParams {
  std::uint64_t ops_limit = 0;      // Argon2 passes over memory
  std::size_t mem_limit_bytes = 0;  // memory used, in bytes
  int algorithm = kArgon2id13;
  bool operator==(const PasswordHashParams&) const = default;
};

// libsodium's INTERACTIVE Argon2id cost (2 passes, 64 MiB): the floor of every
// real vault and of calibration.
PasswordHashParams interactive_password_hash_params();
// libsodium's minimum Argon2id cost (1 pass, 8 KiB): for tests only, where
// the cost is not what is being tested.
PasswordHashParams fastest_password_hash_params();

// Whether `params` is Argon2id within [minimum, kMax…]. Error:
// crypto.pwhash_params.
Result<Done> check_password_hash_params(const PasswordHashParams& params);

// Argon2id(password, salt) → `key_bytes` bytes. `salt` must be
// kPasswordSaltBytes long. Errors: crypto.pwhash_params, crypto.pwhash_salt,
// crypto.pwhash_failed (the memory could not be allocated).
Result<SecretBytes> derive_key_from_password(std::string_view password, ByteView salt,
                                             const PasswordHashParams& params,
                                             std::size_t key_bytes = 32);

// The parameters that take about `target` on a device where the INTERACTIVE
// parameters took `measured_at_interactive`, assuming time grows linearly
// with passes × memory: memory grows first (up to `max_mem_limit_bytes`, in
// whole MiB), then passes (up to kMaxPasswordHashOps). Never below INTERACTIVE,
// whatever the target or the cap.
PasswordHashParams choose_password_hash_params(
    std::chrono::milliseconds target, std::chrono::microseconds measured_at_interactive,
    std::size_t max_mem_limit_bytes = kMaxPasswordHashMemBytes);

// Measures an INTERACTIVE derivation on this device (the faster of two runs:
// about 0.1 s natively, 0.35 s in wasm under node) and returns
// choose_password_hash_params for `target`. Error: crypto.pwhash_failed.
Result<PasswordHashParams> calibrate_password_hash(
    std::chrono::milliseconds target = std::chrono::milliseconds(1000),
    std::size_t max_mem_limit_bytes = kMaxPasswordHashMemBytes);

}  // namespace tokhai::crypto
