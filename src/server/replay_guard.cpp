// ReplayGuard (see replay_guard.h).
#include "server/replay_guard.h"

namespace tokhai::server {

bool ReplayGuard::first_use(crypto::ByteView signature, std::int64_t request_unix,
                            std::int64_t now_unix) {
  const std::lock_guard lock(mutex_);
  while (!signatures_by_expiry_.empty() && signatures_by_expiry_.begin()->first < now_unix) {
    expiry_by_signature_.erase(signatures_by_expiry_.begin()->second);
    signatures_by_expiry_.erase(signatures_by_expiry_.begin());
  }
  std::string key = crypto::to_string(signature);
  const std::int64_t expiry = request_unix + window_seconds_;
  if (!expiry_by_signature_.emplace(key, expiry).second) return false;
  signatures_by_expiry_.emplace(expiry, std::move(key));
  return true;
}

std::size_t ReplayGuard::remembered() const {
  const std::lock_guard lock(mutex_);
  return expiry_by_signature_.size();
}

}  // namespace tokhai::server
