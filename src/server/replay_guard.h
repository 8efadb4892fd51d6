// ReplayGuard: remembers the signatures of accepted agency requests for as
// long as their time is within the allowed skew, so that a captured request
// cannot be sent again (wire/agency_request.h). ReplayLedger is where the
// signatures are remembered: ReplayGuard keeps them in this process (one
// server, SQLite); with several instances on PostgreSQL they are kept in the
// shared database (postgres_storage.h), so a request replayed to another
// instance is refused too.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "core/result.h"
#include "crypto/bytes.h"

namespace tokhai::server {

class ReplayLedger {
 public:
  virtual ~ReplayLedger() = default;

  // True the first time `signature` (of a request made at `request_unix`) is
  // recorded; false for a replay. Errors: the storage's (nothing recorded).
  virtual core::Result<bool> record_first_use(crypto::ByteView signature, std::int64_t request_unix,
                                              std::int64_t now_unix) = 0;
};

class ReplayGuard final : public ReplayLedger {
 public:
  // Signatures are forgotten `window_seconds` after the time they carry.
  explicit ReplayGuard(std::int64_t window_seconds) : window_seconds_(window_seconds) {}

  // True the first time `signature` (of a request made at `request_unix`) is
  // seen; false for a replay. Forgets expired signatures as `now_unix` moves.
  bool first_use(crypto::ByteView signature, std::int64_t request_unix, std::int64_t now_unix);

  std::size_t remembered() const;

  core::Result<bool> record_first_use(crypto::ByteView signature, std::int64_t request_unix,
                                      std::int64_t now_unix) override {
    return first_use(signature, request_unix, now_unix);
  }

 private:
  std::int64_t window_seconds_;
  mutable std::mutex mutex_;
  std::map<std::string, std::int64_t> expiry_by_signature_;
  std::multimap<std::int64_t, std::string> signatures_by_expiry_;
};

}  // namespace tokhai::server
