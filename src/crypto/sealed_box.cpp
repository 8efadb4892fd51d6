// X25519 sealed boxes (see sealed_box.h).
#include "crypto/sealed_box.h"

#include <sodium.h>

#include "crypto/crypto_init.h"

namespace tokhai::crypto {
namespace {

static_assert(kBoxPublicKeyBytes == crypto_box_PUBLICKEYBYTES);
static_assert(kBoxSecretKeyBytes == crypto_box_SECRETKEYBYTES);
static_assert(kBoxSeedBytes == crypto_box_SEEDBYTES);
static_assert(kSealedBoxOverheadBytes == crypto_box_SEALBYTES);

Error bad_key() {
  return crypto_error("crypto.bad_key", "Khoá công khai của cơ quan nhận không hợp lệ.",
                      "The receiving agency's public key is not valid.");
}

}  // namespace

BoxKeyPair generate_box_key_pair() {
  require_crypto();
  BoxKeyPair pair{Bytes(kBoxPublicKeyBytes), SecretBytes(kBoxSecretKeyBytes)};
  crypto_box_keypair(pair.public_key.data(), pair.secret_key.data());
  return pair;
}

Result<BoxKeyPair> box_key_pair_from_seed(const SecretBytes& seed) {
  require_crypto();
  if (seed.size() != kBoxSeedBytes) {
    return crypto_error("crypto.bad_key", "Khoá bí mật không đúng độ dài.",
                        "The secret key has the wrong length.");
  }
  BoxKeyPair pair{Bytes(kBoxPublicKeyBytes), SecretBytes(kBoxSecretKeyBytes)};
  crypto_box_seed_keypair(pair.public_key.data(), pair.secret_key.data(), seed.data());
  return pair;
}

Result<Bytes> seal_to(ByteView recipient_public_key, ByteView plaintext) {
  require_crypto();
  if (recipient_public_key.size() != kBoxPublicKeyBytes) return bad_key();
  Bytes sealed(plaintext.size() + kSealedBoxOverheadBytes);
  if (crypto_box_seal(sealed.data(), plaintext.data(), plaintext.size(),
                      recipient_public_key.data()) != 0) {
    return bad_key();
  }
  return sealed;
}

Result<SecretBytes> open_sealed(const BoxKeyPair& recipient, ByteView sealed) {
  require_crypto();
  if (recipient.public_key.size() != kBoxPublicKeyBytes ||
      recipient.secret_key.size() != kBoxSecretKeyBytes) {
    return bad_key();
  }
  const Error forged = crypto_error(
      "crypto.box_forged", "Hộp niêm phong không mở được: không gửi cho khoá này hoặc đã bị sửa.",
      "The sealed box cannot be opened: not sealed to this key, or altered.");
  if (sealed.size() < kSealedBoxOverheadBytes) return forged;
  SecretBytes plaintext(sealed.size() - kSealedBoxOverheadBytes);
  unsigned char nothing = 0;
  if (crypto_box_seal_open(plaintext.empty() ? &nothing : plaintext.data(), sealed.data(),
                           sealed.size(), recipient.public_key.data(),
                           recipient.secret_key.data()) != 0) {
    return forged;
  }
  return plaintext;
}

}  // namespace tokhai::crypto
