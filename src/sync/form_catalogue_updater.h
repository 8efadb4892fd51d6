// FormCatalogueUpdater: new form versions from the server (issue 8), fetched
// when online and used only once the server's signature vouches for them.
//
// A check: GET /api/v1/forms/catalogue (wire/form_catalogue_document.h); the
// list must verify with the pinned server key and its serial must not be
// below the highest one accepted before (a replayed older list is refused:
// form_updates.rollback). Then, one at a time, GET /api/v1/forms/{id}/{version}
// for every listed form the app has neither bundled nor stored; each body must
// have the listed size and SHA-256, and load with the form engine as the form
// the list names. Only then is it written to the folder (and the listener
// told), so a definition in the folder has always passed all of that.
//
// The folder (inside the app's persistent folder, so IndexedDB keeps it):
//   state.json          {"checked_at_ms", "format": "tokhai-form-updates/1",
//                        "forms": [{"definition_sha256", "file", "id", "version"}],
//                        "serial"}: the accepted serial, the last good check,
//                        the stored definitions
//   <id>@<version>.json each stored definition, byte for byte as downloaded
// Stored files are checked against their hash again when the folder is opened.
//
// Checks run at most once per kCheckIntervalMs after a good one (kept across
// restarts by the wall clock), kRetryAfterFailureMs after a failed one, and at
// once when the network comes back after a check that found it offline. Any
// failure keeps what the app has and is reported by last_error() and
// state_json(); nothing here is ever shown to a citizen as an error.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/form_catalogue.h"
#include "core/result.h"
#include "crypto/bytes.h"
#include "sync/clock.h"
#include "sync/transport.h"
#include "wire/form_catalogue_document.h"

namespace tokhai::sync {

constexpr std::string_view kFormUpdatesFormat = "tokhai-form-updates/1";
constexpr std::int64_t kCheckIntervalMs = 6LL * 60 * 60 * 1000;
constexpr std::int64_t kRetryAfterFailureMs = 10LL * 60 * 1000;

// A definition downloaded, verified and stored.
struct StoredForm {
  std::string id;
  std::string version;
  std::string definition_sha256;  // lower-case hex
  std::string path;               // the file in the folder
  bool operator==(const StoredForm&) const = default;
};

// The version of each procedure new filings use, from every version the app
// has (`forms`, bundled and downloaded): the newest whose effective date has
// come by `today` ("YYYY-MM-DD") — later effective date first, then the
// higher version, dot-separated numbers compared as numbers ("2024.10" after
// "2024.9"); when none has come yet, the one that comes first. One per id,
// sorted by id.
std::vector<core::FormSummary> offered_versions(const std::vector<core::FormSummary>& forms,
                                                std::string_view today);

class FormCatalogueUpdater {
 public:
  // Whether the app already has (bundled) the definition `id` at `version`.
  using HasForm = std::function<bool(std::string_view id, std::string_view version)>;

  // `transport` and `clock` must outlive the updater. `folder` is created when
  // something is first stored. An empty `server_public_key` refuses every list.
  FormCatalogueUpdater(Transport& transport, const SyncClock& clock, std::string folder,
                       crypto::Bytes server_public_key, HasForm bundled);
  ~FormCatalogueUpdater();
  FormCatalogueUpdater(const FormCatalogueUpdater&) = delete;
  FormCatalogueUpdater& operator=(const FormCatalogueUpdater&) = delete;

  // Reads state.json and keeps the stored definitions whose bytes still match
  // (a damaged one is dropped and reported in state_json()). Call once, after
  // the persistent folder is loaded and before the first check.
  void open();

  // Starts a check when one is due (see above) and none is running; returns
  // whether it started. `network_came_back`: the browser's `online` event.
  bool check_if_due(bool network_came_back = false);

  bool busy() const { return phase_ != Phase::idle; }

  // The definitions in the folder, oldest first.
  const std::vector<StoredForm>& stored_forms() const { return stored_; }

  // The highest serial accepted (0: none yet).
  std::uint64_t accepted_serial() const { return serial_; }

  // Why the last check failed (its first problem), or nullopt after a good
  // one. Problems with single forms are in state_json() too.
  const std::optional<core::Error>& last_error() const { return last_error_; }

  // Called (on the transport's thread) after each definition is stored, and
  // when a check ends: the app makes the folder durable, shows new versions
  // and asks for a frame.
  void set_listener(std::function<void()> listener) { listener_ = std::move(listener); }

  // {"state": "idle"|"checking"|"downloading", "serial", "checked_at_ms",
  //  "last_error": {code, where, message} | null, "form_errors": [...],
  //  "stored": [{"id", "version"}]}, for window.citizenApp.state().
  nlohmann::json state_json() const;

 private:
  enum class Phase { idle, checking, downloading };

  void catalogue_answered(const HttpResponse& response);
  void download_next();
  void form_answered(const wire::CatalogueForm& form, const HttpResponse& response);
  bool has(std::string_view id, std::string_view version) const;
  core::Result<core::Done> store(const wire::CatalogueForm& form, const std::string& body);
  core::Result<core::Done> write_state() const;
  void finish(std::optional<core::Error> error, bool offline = false);
  void notify() const;

  Transport& transport_;
  const SyncClock& clock_;
  std::string folder_;
  crypto::Bytes server_public_key_;
  HasForm bundled_;
  std::function<void()> listener_;
  // Shared with the transport's callbacks, which do nothing once it is false.
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);

  Phase phase_ = Phase::idle;
  std::uint64_t serial_ = 0;
  std::int64_t checked_at_ms_ = 0;            // wall clock of the last good check
  std::int64_t next_check_monotonic_ms_ = 0;  // after a failure
  bool offline_ = false;                      // the last check found no network
  std::vector<StoredForm> stored_;
  std::vector<wire::CatalogueForm> queue_;  // to download, in list order
  std::optional<core::Error> last_error_;
  std::vector<core::Error> form_errors_;
};

}  // namespace tokhai::sync
