// Argon2id key derivation and its calibration (see password_hash.h).
#include "crypto/password_hash.h"

#include <sodium.h>

#include <algorithm>
#include <string>

#include "crypto/crypto_init.h"
#include "crypto/random.h"

namespace tokhai::crypto {

static_assert(kArgon2id13 == crypto_pwhash_ALG_ARGON2ID13);
static_assert(kPasswordSaltBytes == crypto_pwhash_SALTBYTES);

PasswordHashParams interactive_password_hash_params() {
  return {crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE, crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE,
          kArgon2id13};
}

PasswordHashParams fastest_password_hash_params() {
  return {crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN, kArgon2id13};
}

Result<Done> check_password_hash_params(const PasswordHashParams& params) {
  const PasswordHashParams floor = fastest_password_hash_params();
  if (params.algorithm != kArgon2id13 || params.ops_limit < floor.ops_limit ||
      params.ops_limit > kMaxPasswordHashOps || params.mem_limit_bytes < floor.mem_limit_bytes ||
      params.mem_limit_bytes > kMaxPasswordHashMemBytes) {
    const std::string detail = "algorithm " + std::to_string(params.algorithm) + ", ops " +
                               std::to_string(params.ops_limit) + ", memory " +
                               std::to_string(params.mem_limit_bytes) + " bytes";
    return crypto_error("crypto.pwhash_params",
                        "Tham số băm mật khẩu không hợp lệ (" + detail + ").",
                        "Invalid password hashing parameters (" + detail + ").");
  }
  return Done{};
}

Result<SecretBytes> derive_key_from_password(std::string_view password, ByteView salt,
                                             const PasswordHashParams& params,
                                             std::size_t key_bytes) {
  require_crypto();
  auto checked = check_password_hash_params(params);
  if (!checked) return checked.error();
  if (salt.size() != kPasswordSaltBytes) {
    return crypto_error("crypto.pwhash_salt", "Muối băm mật khẩu phải dài 16 byte.",
                        "The password hashing salt must be 16 bytes long.");
  }
  SecretBytes key(key_bytes);
  if (crypto_pwhash(key.data(), key.size(), password.data(), password.size(), salt.data(),
                    params.ops_limit, params.mem_limit_bytes, params.algorithm) != 0) {
    return crypto_error("crypto.pwhash_failed",
                        "Không đủ bộ nhớ để kiểm tra mã PIN hoặc mật khẩu trên thiết bị này.",
                        "Not enough memory on this device to check the PIN or passphrase.");
  }
  return key;
}

PasswordHashParams choose_password_hash_params(std::chrono::milliseconds target,
                                               std::chrono::microseconds measured_at_interactive,
                                               std::size_t max_mem_limit_bytes) {
  const PasswordHashParams floor = interactive_password_hash_params();
  const double measured_us = std::max(1.0, static_cast<double>(measured_at_interactive.count()));
  const double factor = static_cast<double>(target.count()) * 1000.0 / measured_us;
  if (factor <= 1.0) return floor;

  const double wanted_mem = static_cast<double>(floor.mem_limit_bytes) * factor;
  const double cap = static_cast<double>(std::min(max_mem_limit_bytes, kMaxPasswordHashMemBytes));
  const auto mem_mib =
      static_cast<std::size_t>(std::min(wanted_mem, cap) / static_cast<double>(kMebibyte));
  const std::size_t mem = std::max(floor.mem_limit_bytes, mem_mib * kMebibyte);

  // What is left of the time budget once memory has grown goes to passes.
  const double ops_factor =
      factor * static_cast<double>(floor.mem_limit_bytes) / static_cast<double>(mem);
  const auto wanted_ops =
      static_cast<std::uint64_t>(static_cast<double>(floor.ops_limit) * ops_factor);
  const std::uint64_t ops = std::clamp(wanted_ops, floor.ops_limit, kMaxPasswordHashOps);
  return {ops, mem, kArgon2id13};
}

Result<PasswordHashParams> calibrate_password_hash(std::chrono::milliseconds target,
                                                   std::size_t max_mem_limit_bytes) {
  const Bytes salt = random_bytes(kPasswordSaltBytes);
  const Bytes password = random_bytes(8);
  // Two runs, the faster counts: the first pays for growing memory (in wasm,
  // growing the heap) and a cold cache, which made it up to twice as slow and
  // the chosen cost half of what the device can afford (shell/bench).
  auto fastest = std::chrono::steady_clock::duration::max();
  for (int run = 0; run < 2; ++run) {
    const auto started = std::chrono::steady_clock::now();
    auto key =
        derive_key_from_password(to_string(password), salt, interactive_password_hash_params());
    const auto elapsed = std::chrono::steady_clock::now() - started;
    if (!key) return key.error();
    fastest = std::min(fastest, elapsed);
  }
  return choose_password_hash_params(
      target, std::chrono::duration_cast<std::chrono::microseconds>(fastest), max_mem_limit_bytes);
}

}  // namespace tokhai::crypto
