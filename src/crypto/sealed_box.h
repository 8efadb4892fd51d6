// X25519 sealed boxes (crypto_box_seal): anyone holding an agency's public key
// can encrypt a filing to it; only the agency's secret key opens it, and the
// sender stays anonymous to the box itself (the signature is what names them).
#pragma once

#include <cstddef>

#include "crypto/bytes.h"
#include "crypto/crypto_error.h"
#include "crypto/secret_bytes.h"

namespace tokhai::crypto {

constexpr std::size_t kBoxPublicKeyBytes = 32;
constexpr std::size_t kBoxSecretKeyBytes = 32;
constexpr std::size_t kBoxSeedBytes = 32;
// Bytes a sealed box adds to its plaintext (ephemeral public key + tag).
constexpr std::size_t kSealedBoxOverheadBytes = 48;

struct BoxKeyPair {
  Bytes public_key;        // kBoxPublicKeyBytes
  SecretBytes secret_key;  // kBoxSecretKeyBytes
};

BoxKeyPair generate_box_key_pair();
// The key pair of a 32-byte seed (crypto_box_seed_keypair): for known-answer
// tests and keys kept as seeds. Error: crypto.bad_key (the seed is not 32
// bytes).
Result<BoxKeyPair> box_key_pair_from_seed(const SecretBytes& seed);

// `plaintext` sealed to `recipient_public_key`. Error: crypto.bad_key (wrong
// size, or a key libsodium refuses such as a low-order point).
Result<Bytes> seal_to(ByteView recipient_public_key, ByteView plaintext);

// Opens a box sealed to `recipient`. Errors: crypto.bad_key (key sizes),
// crypto.box_forged (not sealed to this key, truncated or altered).
Result<SecretBytes> open_sealed(const BoxKeyPair& recipient, ByteView sealed);

}  // namespace tokhai::crypto
