// Authenticated encryption with associated data: XChaCha20-Poly1305-IETF.
//
// A sealed message is nonce (24 random bytes) ‖ ciphertext ‖ tag (16 bytes).
// The 192-bit random nonce makes nonce reuse under one key negligible without
// keeping a counter. The associated data is authenticated, not encrypted: it
// binds a ciphertext to where it belongs (vault, record, form), so that moving
// it elsewhere makes aead_open fail.
#pragma once

#include <cstddef>

#include "crypto/bytes.h"
#include "crypto/crypto_error.h"
#include "crypto/secret_bytes.h"

namespace tokhai::crypto {

constexpr std::size_t kAeadKeyBytes = 32;
constexpr std::size_t kAeadNonceBytes = 24;
constexpr std::size_t kAeadTagBytes = 16;
// Bytes a sealed message adds to its plaintext.
constexpr std::size_t kAeadOverheadBytes = kAeadNonceBytes + kAeadTagBytes;

// Seals `plaintext` under `key` (kAeadKeyBytes) with a fresh random nonce.
Bytes aead_seal(const SecretBytes& key, ByteView plaintext, ByteView associated_data);

// Opens what aead_seal made with the same key and associated data. Errors:
// crypto.aead_short (shorter than nonce + tag), crypto.aead_forged (wrong key,
// other associated data, or any byte changed).
Result<SecretBytes> aead_open(const SecretBytes& key, ByteView sealed, ByteView associated_data);

}  // namespace tokhai::crypto
