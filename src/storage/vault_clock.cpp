// The device's wall clock in Unix milliseconds (see vault_clock.h).
#include "storage/vault_clock.h"

#include <chrono>

namespace tokhai::storage {

std::int64_t system_unix_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace tokhai::storage
