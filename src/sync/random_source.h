// RandomSource: where the outbox's retry jitter comes from. Injected so that
// tests choose the draws (tests/sync/fake_random_source.h); the app uses
// CryptoRandomSource. Jitter needs no secrecy, only that phones that lost the
// network together do not all come back at the same instant.
#pragma once

#include <cstdint>

namespace tokhai::sync {

class RandomSource {
 public:
  virtual ~RandomSource() = default;
  // A number in [0, upper_bound) (0 when upper_bound < 2), uniformly.
  virtual std::uint32_t below(std::uint32_t upper_bound) = 0;
};

// libsodium's generator (crypto::random_below).
class CryptoRandomSource final : public RandomSource {
 public:
  std::uint32_t below(std::uint32_t upper_bound) override;
};

}  // namespace tokhai::sync
