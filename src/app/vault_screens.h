// VaultScreens: choosing whose papers these are — the list of people (vaults)
// on this phone, creating one, and unlocking one with its PIN.
//
// The list shows only the display names the owners chose. Creating a vault
// asks for a name and a PIN twice, and says plainly that a forgotten PIN
// cannot be recovered by anyone. A wrong PIN is a message and a growing wait;
// nothing else changes. Deriving the key takes about a second (Argon2id), so
// the screen first shows "Đang mở…" and does the work in the next frame.
//
// A vault can also be brought back from a backup file (made in settings,
// UnlockedVault::export_file): the person chooses the file and types the PIN
// the vault had when the file was made; it is added whole, and opened.
// A PIN (digits) or, for those who prefer, a passphrase; either can be
// changed later (the page `change`, from settings), which re-wraps one key.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "app/form_screen.h"
#include "app/text_fields.h"
#include "storage/vault_store.h"

namespace tokhai::app {

class VaultScreens {
 public:
  enum class Page { people, create, unlock, import, change };

  // Shows the list of people. `store` must outlive this object.
  void reset(storage::VaultStore* store);
  void show(Page page, std::string vault_id = {});
  Page page() const { return page_; }
  // The notice shown on the unlock page (e.g. "locked after 5 minutes").
  void set_notice(core::LocalizedText notice) { notice_ = std::move(notice); }

  // Draws the current page. Returns a vault once one was created or unlocked;
  // `back` is set when the person leaves these screens.
  std::optional<storage::UnlockedVault> draw(const UiFrame& ui, bool& back);
  void handle_text(std::span<const platform::TextEvent> events) { fields_.handle(events); }
  void stop_editing() { fields_.stop_editing(); }
  // True while a slow step waits for its "please wait" frame to be shown.
  bool wants_frame() const { return pending_ != Pending::none; }
  // True once after the secret was changed (the caller shows where it was).
  bool take_changed() { return std::exchange(changed_secret_, false); }
  // True once after a step that wrote to the store (a vault created or
  // brought back, an unlock attempt counted): the caller makes it durable.
  bool take_store_written() { return std::exchange(store_written_, false); }
  // A notice for the list of people (e.g. "the backup was brought back").
  void set_people_notice(core::LocalizedText notice) { people_notice_ = std::move(notice); }

  nlohmann::json state_json() const;

 private:
  enum class Pending { none, create, unlock, import, change };

  void draw_people(const UiFrame& ui, bool& back);
  void draw_create(const UiFrame& ui);
  void draw_unlock(const UiFrame& ui);
  void draw_import(const UiFrame& ui);
  void draw_change(const UiFrame& ui, bool& back);
  // The new secret's boxes (PIN or passphrase, twice) with the choice
  // between them; checks them into field_errors_ when `check` is set.
  void draw_new_secret(const UiFrame& ui);
  // A box for the secret vault `vault_id_` has now: PIN or passphrase
  // label, prompt and keyboard.
  void draw_current_secret(const UiFrame& ui, const char* box, const core::LocalizedText& pin_label,
                           const core::LocalizedText& passphrase_label, bool last_on_page);
  bool check_new_secret();
  // The kind of secret vault `vault_id_` has (which keyboard opens).
  storage::SecretKind current_kind() const;
  // The page's button (or Enter in its last box), or "please wait" while
  // `step` waits for its frame. True when pressed.
  bool action_row(const UiFrame& ui, Pending step, const char* id, const core::LocalizedText& label,
                  const core::LocalizedText& waiting);
  // Runs `step` (slow: Argon2id) after one frame has said "please wait".
  void start(Pending step);
  // Takes a file chosen in the phone's chooser, if one has arrived.
  void take_chosen_file();
  std::optional<storage::UnlockedVault> create();
  std::optional<storage::UnlockedVault> unlock();
  std::optional<storage::UnlockedVault> import();
  void change();
  void refresh();

  storage::VaultStore* store_ = nullptr;
  Page page_ = Page::people;
  std::vector<storage::VaultSummary> vaults_;
  std::optional<core::Error> list_error_;
  std::string vault_id_;  // the vault being unlocked
  TextFields fields_;
  bool understood_ = false;  // "a forgotten PIN cannot be recovered"
  storage::SecretKind new_kind_ = storage::SecretKind::pin;  // on the create and change pages
  std::optional<core::Error> error_;
  std::optional<core::LocalizedText> notice_;
  std::optional<core::LocalizedText> people_notice_;
  bool store_written_ = false;
  // After a wrong secret: the wait before the next try, and when it ends.
  std::int64_t retry_seconds_ = 0;
  std::chrono::steady_clock::time_point retry_at_{};
  bool changed_secret_ = false;
  std::string import_name_;                                  // the backup file chosen
  std::vector<unsigned char> import_bytes_;                  // its content
  std::map<std::string, core::LocalizedText> field_errors_;  // box id → what is wrong with it
  Pending pending_ = Pending::none;
  bool pending_shown_ = false;                        // the "please wait" frame has been drawn
  std::optional<crypto::PasswordHashParams> params_;  // measured once per app run
};

}  // namespace tokhai::app
