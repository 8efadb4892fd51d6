// XChaCha20-Poly1305-IETF seal and open (see aead.h).
#include "crypto/aead.h"

#include <sodium.h>

#include <cassert>

#include "crypto/crypto_init.h"

namespace tokhai::crypto {

static_assert(kAeadKeyBytes == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
static_assert(kAeadNonceBytes == crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
static_assert(kAeadTagBytes == crypto_aead_xchacha20poly1305_ietf_ABYTES);

Bytes aead_seal(const SecretBytes& key, ByteView plaintext, ByteView associated_data) {
  require_crypto();
  assert(key.size() == kAeadKeyBytes && "aead_seal: the key must be 32 bytes");
  Bytes sealed(kAeadNonceBytes + plaintext.size() + kAeadTagBytes);
  unsigned char* nonce = sealed.data();
  randombytes_buf(nonce, kAeadNonceBytes);
  unsigned long long ciphertext_size = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      sealed.data() + kAeadNonceBytes, &ciphertext_size, plaintext.data(), plaintext.size(),
      associated_data.data(), associated_data.size(), nullptr, nonce, key.data());
  assert(ciphertext_size == plaintext.size() + kAeadTagBytes);
  return sealed;
}

Result<SecretBytes> aead_open(const SecretBytes& key, ByteView sealed, ByteView associated_data) {
  require_crypto();
  assert(key.size() == kAeadKeyBytes && "aead_open: the key must be 32 bytes");
  if (sealed.size() < kAeadOverheadBytes) {
    return crypto_error("crypto.aead_short", "Dữ liệu mã hoá bị cắt cụt.",
                        "The encrypted data is truncated.");
  }
  const ByteView ciphertext = sealed.subspan(kAeadNonceBytes);
  SecretBytes plaintext(ciphertext.size() - kAeadTagBytes);
  // A zero-length SecretBytes has no buffer; libsodium still needs somewhere
  // to write nothing.
  unsigned char nothing = 0;
  unsigned long long plaintext_size = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          plaintext.empty() ? &nothing : plaintext.data(), &plaintext_size, nullptr,
          ciphertext.data(), ciphertext.size(), associated_data.data(), associated_data.size(),
          sealed.data(), key.data()) != 0) {
    return crypto_error("crypto.aead_forged",
                        "Dữ liệu mã hoá không mở được: sai khoá hoặc đã bị thay đổi.",
                        "The encrypted data cannot be opened: wrong key, or it was altered.");
  }
  assert(plaintext_size == plaintext.size());
  return plaintext;
}

}  // namespace tokhai::crypto
