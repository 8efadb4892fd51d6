// SecretBytes: a buffer for keys and decrypted content that never leaves a
// copy of itself behind.
//
// The buffer comes from sodium_malloc (guard pages and mlock natively; plain
// malloc in wasm, where libsodium has no mmap) and is zeroed with
// sodium_memzero before it is freed, on destruction, on move-assignment over
// it and by wipe(). It can be moved, never copied; a moved-from SecretBytes is
// empty. Equality is constant-time in the contents (sodium_memcmp); only the
// sizes are compared in variable time.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

#include "crypto/bytes.h"

namespace tokhai::crypto {

class SecretBytes {
 public:
  // An empty buffer.
  SecretBytes() = default;
  // `size_bytes` zero bytes. Stops the program when memory is exhausted, as
  // operator new does in a build without exceptions.
  explicit SecretBytes(std::size_t size_bytes);

  // A secret holding a copy of `bytes` (which the caller wipes if they matter).
  static SecretBytes copy_of(ByteView bytes);
  // `size_bytes` random bytes (randombytes_buf), e.g. a fresh data key.
  static SecretBytes random(std::size_t size_bytes);

  SecretBytes(SecretBytes&& other) noexcept;
  SecretBytes& operator=(SecretBytes&& other) noexcept;
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;
  ~SecretBytes();

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  unsigned char* data() { return data_; }
  const unsigned char* data() const { return data_; }
  ByteView view() const { return {data_, size_}; }
  std::span<unsigned char> mutable_view() { return {data_, size_}; }
  // The contents as text (e.g. a decrypted JSON record), without copying.
  std::string_view as_text() const { return {reinterpret_cast<const char*>(data_), size_}; }

  // Zeroes and frees the buffer; the SecretBytes is then empty.
  void wipe();

  // Constant-time comparison of the contents (false when sizes differ).
  bool operator==(const SecretBytes& other) const;

 private:
  unsigned char* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace tokhai::crypto
