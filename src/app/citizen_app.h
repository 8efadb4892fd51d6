// CitizenApp: the citizen's screens, drawn with Dear ImGui.
//
// Screens: the catalogue of procedures (bundles first, then search that
// ignores accents and case, grouped by topic; the person's drafts on top once
// their vault is open), a procedure's or bundle's details, the form itself
// (Filing: pages, review, ready to sign), "Ký và gửi" and the outbox
// (outbox_screens.h: signed filings waiting, sent with their receipts, the
// agency's status; sent by sync::Outbox when there is a network), the people
// on this phone (VaultScreens) and the settings (language, text size,
// contrast, storage).
// Drafts are saved into the person's vault a moment after each change and
// when the page is hidden; "Đã lưu" shows only once the browser has written
// them to IndexedDB. The vault locks itself after 5 minutes unused. The app draws only when the
// platform asks (input, resize, a glide still moving); it reports what it shows through
// state_json() for window.citizenApp.state().
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "app/catalogue_updates.h"
#include "app/filing.h"
#include "app/form_screen.h"
#include "app/outbox_screens.h"
#include "app/page_photos.h"
#include "app/pointer_input.h"
#include "app/theme.h"
#include "app/vault_screens.h"
#include "app/widgets.h"
#include "core/form/form_definition.h"
#include "core/form_catalogue.h"
#include "core/form_data_sets.h"
#include "platform/frame_host.h"
#include "storage/idle_lock.h"
#include "storage/profile.h"
#include "storage/vault_store.h"
#include "sync/clock.h"
#include "sync/outbox.h"
#include "sync/random_source.h"
#include "sync/status_lookup.h"
#include "sync/transport.h"

namespace tokhai::app {

struct Settings {
  core::Language language = core::Language::vi;
  int text_size = 0;  // index into Theme::kTextScales
  bool high_contrast = false;
  int lock_minutes = 5;  // an unlocked vault locks after this long unused
};

// The idle-lock choices offered in settings, in minutes.
inline constexpr int kLockMinutes[] = {2, 5, 15};

class CitizenApp final : public platform::FrameClient {
 public:
  enum class Screen {
    catalogue,
    intro,
    form,
    settings,
    vault,
    draft_readonly,
    details,
    send,
    outbox,
    outbox_item
  };

  // Needs a current graphics context; `theme` must have its font loaded.
  // `forms_dir` holds the definitions the catalogue lists, bundles/ and data/
  // beside them. `vault_dir` is the folder kept in the browser's storage.
  // `transport` (which must outlive the app) carries the outbox's uploads and
  // status lookups; `server_public_key` is the pinned Ed25519 key receipts
  // must be signed with (empty: this build cannot send).
  CitizenApp(core::FormCatalogue catalogue, std::string forms_dir, std::string vault_dir,
             Theme theme, sync::Transport& transport, crypto::Bytes server_public_key);
  ~CitizenApp() override;
  CitizenApp(const CitizenApp&) = delete;
  CitizenApp& operator=(const CitizenApp&) = delete;

  bool draw_frame(const platform::Viewport& viewport, const platform::FrameInput& input,
                  double time_s) override;
  void page_hidden() override;
  void wake() override;
  // The browser's `online` (true) or `offline` event.
  void network_changed(bool online);

  // What the user sees, as JSON (DESIGN.md §8).
  std::string state_json() const;

 private:
  enum class SaveStatus { idle, saving, saved, failed };

  void draw_screen(const UiFrame& ui);
  void draw_header();
  void draw_person_bar();
  void draw_catalogue();
  void draw_drafts();
  void draw_intro();
  void draw_settings();
  void draw_backup();
  // The person's own details (storage/profile.h), edited as a form
  // (forms/app/thong-tin-ca-nhan.json) and saved in their vault as they type.
  void open_details();
  void save_details();
  void close_details();
  void make_backup();
  void draw_save_status();
  void draw_draft_readonly();
  void open_intro(const core::FormSummary& summary, bool bundle);
  void start_filing();
  void handle_search_text(std::span<const platform::TextEvent> events);
  void save_settings() const;
  std::string_view text(const core::LocalizedText& localized) const {
    return localized.in(settings_.language);
  }
  const core::FormDataSets* data_sets();

  // The vault: the folder in browser storage, the store, the unlocked vault.
  void open_storage();
  void vault_unlocked(storage::UnlockedVault vault);
  void start_idle_lock();
  void lock_vault(bool idle);
  void refresh_drafts();
  // PagePhotos::sweep with every photo id the drafts and filed records name;
  // nothing when any of them cannot be read (its photos might be among them).
  void sweep_photos();
  void open_draft(const storage::RecordMeta& meta);
  // Saves the draft now if it changed (then asks for it to be made durable).
  void save_draft();
  void autosave(double time_s);
  SaveStatus save_status() const;
  std::int64_t now_ms() const;
  void wake_at(std::int64_t at_ms);

  // Sending: the outbox of the open vault, "Ký và gửi", the outbox pages.
  void open_outbox();
  void close_outbox();
  void pump_outbox();
  void sign_and_send();
  void draw_outbox_card();
  OutboxView outbox_view() const;
  core::FormCatalogue catalogue_;
  core::FormCatalogue bundles_;
  std::string forms_dir_;
  std::string vault_dir_;
  Theme theme_;
  Settings settings_;
  PointerInput pointer_;
  ScreenRecord record_;
  platform::Viewport viewport_;
  Screen screen_ = Screen::catalogue;
  Screen settings_return_ = Screen::catalogue;

  // The data sets (loaded once, on the first form opened).
  std::optional<core::FormDataSets> data_;
  std::optional<core::Error> data_error_;
  // The procedure or bundle shown on the intro screen, then filled in.
  std::unique_ptr<Filing> filing_;
  std::unique_ptr<core::FormDefinition> details_form_;  // loaded once
  std::unique_ptr<FormScreen> details_;                 // while the details are open
  storage::PersonProfile details_profile_;              // as last loaded or saved
  std::uint64_t details_saved_revision_ = 0;
  std::optional<core::Error> details_error_;
  std::optional<core::Error> form_error_;
  std::optional<core::LocalizedText> form_notice_;  // e.g. a draft moved to a new version

  std::string search_;
  bool search_editing_ = false;
  bool search_tapped_ = false;
  ScreenRect search_rect_;

  // Storage and the vault.
  bool storage_requested_ = false;
  std::optional<storage::VaultStore> store_;
  std::optional<core::Error> store_error_;
  VaultScreens vault_screens_;
  Screen vault_return_ = Screen::catalogue;
  std::optional<storage::UnlockedVault> vault_;
  // The photos of the open vault's filings: after vault_, so destroyed before it.
  PagePhotos photos_;
  // The open vault's outbox and status lookup: declared after vault_, so
  // destroyed before it (they hold references to it).
  sync::Transport& transport_;
  crypto::Bytes server_public_key_;
  CatalogueUpdates catalogue_updates_;  // new form versions from the server
  sync::SystemSyncClock sync_clock_;
  sync::CryptoRandomSource sync_random_;
  std::unique_ptr<sync::Outbox> outbox_;
  std::unique_ptr<sync::StatusLookup> statuses_;
  std::optional<core::Error> outbox_error_;
  bool online_ = true;
  SendPage send_page_;
  std::string outbox_item_id_;  // the item shown on Screen::outbox_item
  Screen outbox_return_ = Screen::catalogue;
  std::optional<storage::IdleLock> idle_;
  bool start_after_unlock_ = false;
  std::string resume_draft_id_;  // reopened after an idle lock
  std::vector<storage::RecordMeta> drafts_;
  std::vector<storage::DamagedRecord> damaged_drafts_;
  std::optional<storage::RecordMeta> readonly_meta_;
  std::string readonly_text_;

  // The draft being filled in and its saving.
  std::string draft_id_;
  std::uint64_t seen_revision_ = 0;
  std::uint64_t saved_revision_ = 0;
  double last_change_s_ = 0;
  double unsaved_since_s_ = -1;  // the first change not saved yet (-1: none)
  std::uint64_t save_ticket_ = 0;
  std::optional<core::Error> save_error_;
  std::optional<std::string> backup_notice_;  // the last backup made of the open vault
  std::optional<core::Error> backup_error_;
  nlohmann::json last_backup_;
  bool secret_changed_ = false;  // "changed": shown in settings until left  // its file name and
                                 // sizes, for state_json()
  std::int64_t last_saved_ms_ = 0;
  std::uint64_t saves_ = 0;
  bool wake_pending_ = false;
  std::int64_t wake_at_ms_ = 0;

  bool changed_ = false;  // the screen, language or settings changed this frame
  int settle_frames_ = 0;
  double last_time_s_ = 0;
  std::uint64_t frames_drawn_ = 0;
  double last_frame_ms_ = 0;           // CPU time of the last frame's drawing
  std::array<float, 2> scroll_css_{};  // the window's scroll and its maximum, CSS px
};

}  // namespace tokhai::app
