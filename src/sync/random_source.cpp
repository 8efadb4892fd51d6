// CryptoRandomSource: jitter from libsodium's generator.
#include "sync/random_source.h"

#include "crypto/random.h"

namespace tokhai::sync {

std::uint32_t CryptoRandomSource::below(std::uint32_t upper_bound) {
  return crypto::random_below(upper_bound);
}

}  // namespace tokhai::sync
