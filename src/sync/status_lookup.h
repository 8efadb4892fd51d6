// StatusLookup: what the agency has posted about a sent dossier, fetched
// with GET /api/v1/status/{dossier} and kept in the vault so that the
// citizen sees the last known status offline.
//
// The request carries the header X-Tokhai-Submission: <submission id>. The
// id is the capability: the server answers 404 unless it matches the
// dossier, so a guessed dossier code reveals nothing. A 200 body:
//   {"dossier_code", "status", "message"?, "updated_at",
//    "history":[{"status", "message"?, "at"}]}
// with status one of submitted, received, processing, needs_information,
// completed, rejected. Each good answer replaces the cached one (vault record
// kind "dossier_status", id = the submission id); a failed lookup keeps the
// cache and reports why.
//
// How the app calls it: StatusLookup::open after unlock (it reads the
// cache), refresh(item) for a sent outbox item when its page opens, when the
// network comes back, or by hand; status(id) when drawing. The change
// listener runs when a lookup finishes. Destroy it before locking the vault.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/unlocked_vault.h"
#include "sync/clock.h"
#include "sync/outbox.h"
#include "sync/sync_error.h"
#include "sync/transport.h"

namespace tokhai::sync {

constexpr std::string_view kDossierStatusRecordKind = "dossier_status";
constexpr std::size_t kMaxStatusBodyBytes = 256 * 1024;
constexpr std::size_t kMaxStatusMessageBytes = 2000;

struct DossierStatusEvent {
  std::string status;
  std::string message;  // empty when the agency gave none
  std::string at;       // "YYYY-MM-DDTHH:MM:SSZ"
  bool operator==(const DossierStatusEvent&) const = default;
};

struct DossierStatus {
  std::string dossier_code;
  std::string status;  // submitted, received, processing, needs_information, completed, rejected
  std::string message;
  std::string updated_at;
  std::vector<DossierStatusEvent> history;  // oldest first, as the server lists it
  std::int64_t fetched_utc_ms = 0;          // when this phone got it
  bool operator==(const DossierStatus&) const = default;
};

// Reads a status answer's body. Errors: sync.bad_status_answer (where names
// the member).
Result<DossierStatus> parse_dossier_status(std::string_view body);

// One dossier as the app shows it.
struct DossierStatusView {
  std::optional<DossierStatus> cached;  // the last good answer, from the vault or the network
  bool refreshing = false;
  std::optional<Error> last_error;  // why the last refresh failed; cleared by a good one
};

class StatusLookup {
 public:
  StatusLookup(const StatusLookup&) = delete;
  StatusLookup& operator=(const StatusLookup&) = delete;
  ~StatusLookup();

  // Reads the cached statuses of `vault`. The references must outlive the
  // StatusLookup. Errors: vault.locked, storage.*.
  static Result<std::unique_ptr<StatusLookup>> open(storage::UnlockedVault& vault,
                                                    Transport& transport, const SyncClock& clock);

  // Starts a lookup for a sent item (nothing when it is not sent, or one is
  // already running for it). Errors of the answer land in status().last_error:
  // network.*, sync.status_not_found (404), http.<status>,
  // sync.bad_status_answer, and storage.* when the cache cannot be written.
  void refresh(const OutboxItem& item);

  // What is known of `submission_id`'s dossier; nullptr when nothing is
  // (never looked up, nothing cached).
  const DossierStatusView* status(std::string_view submission_id) const;

  void set_change_listener(std::function<void()> listener) { listener_ = std::move(listener); }

 private:
  StatusLookup(storage::UnlockedVault& vault, Transport& transport, const SyncClock& clock);
  void finish(const std::string& submission_id, const std::string& dossier_code,
              HttpResponse response);

  storage::UnlockedVault& vault_;
  Transport& transport_;
  const SyncClock& clock_;
  std::map<std::string, DossierStatusView, std::less<>> views_;
  std::function<void()> listener_;
  std::shared_ptr<StatusLookup*> self_;
};

}  // namespace tokhai::sync
