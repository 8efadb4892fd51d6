// ReplayGuard: remembers the signatures of accepted agency requests for as
// long as their time is within the allowed skew, so that a captured request
// cannot be sent again (wire/agency_request.h). In memory: one server; with
// several instances the guard moves to the shared database (issue 9).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "crypto/bytes.h"

namespace tokhai::server {

class ReplayGuard {
 public:
  // Signatures are forgotten `window_seconds` after the time they carry.
  explicit ReplayGuard(std::int64_t window_seconds) : window_seconds_(window_seconds) {}

  // True the first time `signature` (of a request made at `request_unix`) is
  // seen; false for a replay. Forgets expired signatures as `now_unix` moves.
  bool first_use(crypto::ByteView signature, std::int64_t request_unix, std::int64_t now_unix);

  std::size_t remembered() const;

 private:
  std::int64_t window_seconds_;
  mutable std::mutex mutex_;
  std::map<std::string, std::int64_t> expiry_by_signature_;
  std::multimap<std::int64_t, std::string> signatures_by_expiry_;
};

}  // namespace tokhai::server
