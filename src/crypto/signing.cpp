// Ed25519 key pairs, signing and verification (see signing.h).
#include "crypto/signing.h"

#include <sodium.h>

#include <cassert>

#include "crypto/crypto_init.h"

namespace tokhai::crypto {

static_assert(kSigningPublicKeyBytes == crypto_sign_PUBLICKEYBYTES);
static_assert(kSigningSecretKeyBytes == crypto_sign_SECRETKEYBYTES);
static_assert(kSigningSeedBytes == crypto_sign_SEEDBYTES);
static_assert(kSignatureBytes == crypto_sign_BYTES);

SigningKeyPair generate_signing_key_pair() {
  require_crypto();
  SigningKeyPair pair{Bytes(kSigningPublicKeyBytes), SecretBytes(kSigningSecretKeyBytes)};
  crypto_sign_keypair(pair.public_key.data(), pair.secret_key.data());
  return pair;
}

Result<SigningKeyPair> signing_key_pair_from_seed(const SecretBytes& seed) {
  require_crypto();
  if (seed.size() != kSigningSeedBytes) {
    return crypto_error("crypto.bad_key", "Khoá bí mật không đúng độ dài.",
                        "The secret key has the wrong length.");
  }
  SigningKeyPair pair{Bytes(kSigningPublicKeyBytes), SecretBytes(kSigningSecretKeyBytes)};
  crypto_sign_seed_keypair(pair.public_key.data(), pair.secret_key.data(), seed.data());
  return pair;
}

Bytes sign_detached(const SecretBytes& secret_key, ByteView message) {
  require_crypto();
  assert(secret_key.size() == kSigningSecretKeyBytes && "sign_detached: wrong secret key size");
  Bytes signature(kSignatureBytes);
  crypto_sign_detached(signature.data(), nullptr, message.data(), message.size(),
                       secret_key.data());
  return signature;
}

bool verify_detached(ByteView public_key, ByteView message, ByteView signature) {
  require_crypto();
  if (public_key.size() != kSigningPublicKeyBytes || signature.size() != kSignatureBytes) {
    return false;
  }
  return crypto_sign_verify_detached(signature.data(), message.data(), message.size(),
                                     public_key.data()) == 0;
}

}  // namespace tokhai::crypto
