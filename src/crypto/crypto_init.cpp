// Start-up of libsodium (see crypto_init.h).
#include "crypto/crypto_init.h"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>

namespace tokhai::crypto {

Result<Done> initialize_crypto() {
  if (sodium_init() < 0) {
    return crypto_error("crypto.unavailable",
                        "Thiết bị này không cung cấp nguồn số ngẫu nhiên an toàn cho mã hoá.",
                        "This device has no secure random source for encryption.");
  }
  return Done{};
}

void require_crypto() {
  if (sodium_init() < 0) {
    std::fputs("tokhai: libsodium could not be initialised (no secure random source)\n", stderr);
    std::abort();
  }
}

}  // namespace tokhai::crypto
