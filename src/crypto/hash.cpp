// Hashes and subkeys (see hash.h). Sizes outside the documented ranges are
// bugs of the caller and stop in an assert.
#include "crypto/hash.h"

#include <sodium.h>

#include <cassert>

#include "crypto/crypto_init.h"

namespace tokhai::crypto {

Sha256Digest sha256(ByteView data) {
  require_crypto();
  Sha256Digest digest{};
  crypto_hash_sha256(digest.data(), data.data(), data.size());
  return digest;
}

struct Sha256Stream::State {
  crypto_hash_sha256_state sodium;
  bool finished = false;
};

Sha256Stream::Sha256Stream() : state_(std::make_unique<State>()) {
  require_crypto();
  crypto_hash_sha256_init(&state_->sodium);
}

Sha256Stream::Sha256Stream(Sha256Stream&&) noexcept = default;
Sha256Stream& Sha256Stream::operator=(Sha256Stream&&) noexcept = default;
Sha256Stream::~Sha256Stream() = default;

void Sha256Stream::update(ByteView data) {
  assert(state_ && !state_->finished && "Sha256Stream: update after finish");
  crypto_hash_sha256_update(&state_->sodium, data.data(), data.size());
}

Sha256Digest Sha256Stream::finish() {
  assert(state_ && !state_->finished && "Sha256Stream: finished twice");
  Sha256Digest digest{};
  crypto_hash_sha256_final(&state_->sodium, digest.data());
  state_->finished = true;
  return digest;
}

Bytes blake2b(ByteView data, std::size_t digest_bytes) {
  require_crypto();
  assert(digest_bytes >= crypto_generichash_BYTES_MIN &&
         digest_bytes <= crypto_generichash_BYTES_MAX && "blake2b: digest size out of range");
  Bytes digest(digest_bytes);
  crypto_generichash(digest.data(), digest.size(), data.data(), data.size(), nullptr, 0);
  return digest;
}

Bytes blake2b_keyed(const SecretBytes& key, ByteView data, std::size_t digest_bytes) {
  require_crypto();
  assert(key.size() >= crypto_generichash_KEYBYTES_MIN &&
         key.size() <= crypto_generichash_KEYBYTES_MAX && "blake2b_keyed: key size out of range");
  assert(digest_bytes >= crypto_generichash_BYTES_MIN &&
         digest_bytes <= crypto_generichash_BYTES_MAX && "blake2b: digest size out of range");
  Bytes digest(digest_bytes);
  crypto_generichash(digest.data(), digest.size(), data.data(), data.size(), key.data(),
                     key.size());
  return digest;
}

SecretBytes derive_subkey(const SecretBytes& master_key, std::uint64_t subkey_id,
                          std::string_view context, std::size_t size_bytes) {
  require_crypto();
  assert(master_key.size() == crypto_kdf_KEYBYTES && "derive_subkey: master key must be 32 bytes");
  assert(context.size() == crypto_kdf_CONTEXTBYTES && "derive_subkey: context must be 8 chars");
  assert(size_bytes >= crypto_kdf_BYTES_MIN && size_bytes <= crypto_kdf_BYTES_MAX &&
         "derive_subkey: size out of range");
  SecretBytes subkey(size_bytes);
  const int derived = crypto_kdf_derive_from_key(subkey.data(), subkey.size(), subkey_id,
                                                 context.data(), master_key.data());
  assert(derived == 0 && "crypto_kdf_derive_from_key failed on checked sizes");
  (void)derived;
  return subkey;
}

}  // namespace tokhai::crypto
