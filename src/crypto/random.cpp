// Random values (see random.h).
#include "crypto/random.h"

#include <sodium.h>

#include "crypto/crypto_init.h"
#include "crypto/encoding.h"

namespace tokhai::crypto {

Bytes random_bytes(std::size_t size_bytes) {
  require_crypto();
  Bytes bytes(size_bytes);
  if (size_bytes != 0) randombytes_buf(bytes.data(), size_bytes);
  return bytes;
}

std::string random_hex_id(std::size_t size_bytes) { return to_hex(random_bytes(size_bytes)); }

std::uint32_t random_below(std::uint32_t upper_bound) {
  require_crypto();
  return randombytes_uniform(upper_bound);
}

}  // namespace tokhai::crypto
