// Ed25519 signatures (detached): the applicant's key signs each finished
// filing, the server's key signs receipts.
#pragma once

#include <cstddef>

#include "crypto/bytes.h"
#include "crypto/crypto_error.h"
#include "crypto/secret_bytes.h"

namespace tokhai::crypto {

constexpr std::size_t kSigningPublicKeyBytes = 32;
constexpr std::size_t kSigningSecretKeyBytes = 64;  // seed ‖ public key, libsodium's layout
constexpr std::size_t kSigningSeedBytes = 32;
constexpr std::size_t kSignatureBytes = 64;

struct SigningKeyPair {
  Bytes public_key;        // kSigningPublicKeyBytes
  SecretBytes secret_key;  // kSigningSecretKeyBytes
};

// A new random key pair.
SigningKeyPair generate_signing_key_pair();
// The key pair of a 32-byte seed (RFC 8032 test vectors; keys kept as seeds).
// Error: crypto.bad_key (the seed is not 32 bytes).
Result<SigningKeyPair> signing_key_pair_from_seed(const SecretBytes& seed);

// The detached signature of `message`. `secret_key` must be
// kSigningSecretKeyBytes long (a bug otherwise).
Bytes sign_detached(const SecretBytes& secret_key, ByteView message);

// True when `signature` is `public_key`'s signature of `message`; false for
// any other input, including keys and signatures of the wrong size.
bool verify_detached(ByteView public_key, ByteView message, ByteView signature);

}  // namespace tokhai::crypto
