// SecretBytes: allocation with sodium_malloc, wiping on every path (see
// secret_bytes.h).
#include "crypto/secret_bytes.h"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "crypto/crypto_init.h"

namespace tokhai::crypto {

SecretBytes::SecretBytes(std::size_t size_bytes) {
  if (size_bytes == 0) return;
  require_crypto();
  data_ = static_cast<unsigned char*>(sodium_malloc(size_bytes));
  if (data_ == nullptr) {
    std::fputs("tokhai: out of memory for a secret buffer\n", stderr);
    std::abort();
  }
  size_ = size_bytes;
  sodium_memzero(data_, size_);
}

SecretBytes SecretBytes::copy_of(ByteView bytes) {
  SecretBytes secret(bytes.size());
  if (!bytes.empty()) std::memcpy(secret.data_, bytes.data(), bytes.size());
  return secret;
}

SecretBytes SecretBytes::random(std::size_t size_bytes) {
  SecretBytes secret(size_bytes);
  if (size_bytes != 0) randombytes_buf(secret.data_, size_bytes);
  return secret;
}

SecretBytes::SecretBytes(SecretBytes&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
  if (this != &other) {
    wipe();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

SecretBytes::~SecretBytes() { wipe(); }

void SecretBytes::wipe() {
  if (data_ == nullptr) return;
  // sodium_free zeroes natively, but in wasm it is plain free(): wipe first.
  sodium_memzero(data_, size_);
  sodium_free(data_);
  data_ = nullptr;
  size_ = 0;
}

bool SecretBytes::operator==(const SecretBytes& other) const {
  if (size_ != other.size_) return false;
  if (size_ == 0) return true;
  return sodium_memcmp(data_, other.data_, size_) == 0;
}

}  // namespace tokhai::crypto
