// CatalogueUpdates: the forms the citizen is offered, kept up to date with the
// server's signed form catalogue (issue 8).
//
// sync::FormCatalogueUpdater does the fetching and the checking; this class
// wires it to the browser (the transport, the persistent folder, online
// events) and to the screens:
//   - definitions it stored (in <persistent folder>/form-updates, IndexedDB)
//     are copied into the forms folder in memory (/forms, beside the bundled
//     ones from app.data) under their own file name, so Filing, drafts and
//     envelope hashes treat them exactly like bundled ones;
//   - offered(): per procedure, the version new filings use
//     (sync::offered_versions: the newest whose effective date has come);
//     find() still gives every version, so a draft keeps the version it was
//     started with;
//   - the first check runs once the persistent folder is loaded and the
//     browser is online, later ones on the `online` event, at most every few
//     hours (the updater's rules). Nothing is shown to a citizen as an error:
//     failures go to state_json(), and a list that fails its signature also
//     to volunteer_note(), a note for the settings screen.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/form_catalogue.h"
#include "core/localized_text.h"
#include "crypto/bytes.h"
#include "sync/clock.h"
#include "sync/form_catalogue_updater.h"
#include "sync/transport.h"

namespace tokhai::app {

class CatalogueUpdates {
 public:
  // `bundled`: the forms in `forms_dir` (app.data). `persistent_dir`: the
  // folder the platform keeps in IndexedDB. `transport` must outlive this.
  // An empty `server_public_key` never accepts an update.
  CatalogueUpdates(const core::FormCatalogue& bundled, std::string forms_dir,
                   const std::string& persistent_dir, sync::Transport& transport,
                   crypto::Bytes server_public_key);

  // Once per frame, after the persistent folder was asked to open: reads the
  // stored updates once it is loaded, installs new ones, starts a check when
  // due and `online`. True when offered() changed.
  bool poll(bool online);

  // The browser's `online` / `offline` event.
  void network_changed(bool online);

  // The version of each procedure that new filings use (see above).
  const core::FormCatalogue& offered() const { return offered_; }

  // Any version the app has of `id` (bundled or downloaded), or nullptr.
  const core::FormSummary* find(std::string_view id, std::string_view version) const;

  // For the volunteer, when the server's list was refused for its signature.
  std::optional<core::LocalizedText> volunteer_note() const;

  // The updater's state_json() plus "installed" (downloaded versions now in
  // the forms folder) and "durable" (the last one stored is in IndexedDB).
  nlohmann::json state_json() const;

 private:
  void install_stored();
  void choose_offered();

  core::FormCatalogue bundled_;
  std::string forms_dir_;
  std::vector<core::FormSummary> downloaded_;
  core::FormCatalogue offered_;
  std::vector<core::Error> install_errors_;
  sync::SystemSyncClock clock_;
  sync::FormCatalogueUpdater updater_;
  bool opened_ = false;
  bool stored_changed_ = false;
  std::uint64_t save_ticket_ = 0;
};

}  // namespace tokhai::app
