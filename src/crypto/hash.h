// Hashes: BLAKE2b (plain, keyed) for our own identifiers and blind indexes,
// SHA-256 where a format or an agency expects it, and subkeys derived from one
// master key (crypto_kdf, BLAKE2b) so that one key is never used by two
// algorithms.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "crypto/bytes.h"
#include "crypto/secret_bytes.h"

namespace tokhai::crypto {

constexpr std::size_t kSha256Bytes = 32;
using Sha256Digest = std::array<unsigned char, kSha256Bytes>;

Sha256Digest sha256(ByteView data);

// SHA-256 of bytes that arrive in pieces (a sealed attachment written chunk by
// chunk): update() any number of times, then finish() once. The same digest as
// sha256() of all the pieces joined.
class Sha256Stream {
 public:
  Sha256Stream();
  Sha256Stream(Sha256Stream&&) noexcept;
  Sha256Stream& operator=(Sha256Stream&&) noexcept;
  ~Sha256Stream();

  void update(ByteView data);
  // The digest; the stream must not be used after it.
  Sha256Digest finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// BLAKE2b of `data` with an output of `digest_bytes` (16..64; 32 by default).
Bytes blake2b(ByteView data, std::size_t digest_bytes = 32);

// Keyed BLAKE2b (a MAC / PRF): the same `data` gives the same digest only under
// the same `key` (16..64 bytes). Used for blind indexes that must not reveal
// what they index.
Bytes blake2b_keyed(const SecretBytes& key, ByteView data, std::size_t digest_bytes = 32);

// Subkey number `subkey_id` of `master_key` (32 bytes) in `context` (exactly 8
// characters, e.g. "tkrecord"): crypto_kdf_derive_from_key. `size_bytes`
// 16..64.
SecretBytes derive_subkey(const SecretBytes& master_key, std::uint64_t subkey_id,
                          std::string_view context, std::size_t size_bytes = 32);

}  // namespace tokhai::crypto
