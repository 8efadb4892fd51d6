// The people on this phone: list, create, unlock (see vault_screens.h).
#include "app/vault_screens.h"

#include <imgui.h>

#include <chrono>
#include <cstdio>

#include "app/ui_text.h"
#include "core/text/unicode.h"
#include "crypto/password_hash.h"
#include "platform/frame_host.h"
#include "platform/user_files.h"

namespace tokhai::app {
namespace {

using core::Language;

constexpr const char* kNameBox = "vault:name";
constexpr const char* kPinBox = "vault:pin";
constexpr const char* kPinAgainBox = "vault:pin-again";
constexpr const char* kUnlockBox = "vault:unlock-pin";
constexpr const char* kImportBox = "vault:import-pin";
constexpr const char* kCurrentBox = "vault:current-pin";
// What the chooser offers, and the largest backup read (import_vault's limit).
constexpr const char* kBackupTypes = ".tokhai,application/json,application/octet-stream";
constexpr std::size_t kMaxBackupBytes = std::size_t{32} << 20;

std::string_view tr(const core::LocalizedText& text, Language language) {
  return text.in(language);
}

// The top of every page: "‹ back" and the page's title. True when back was
// tapped (the page is then not drawn further).
bool page_top(const UiFrame& ui, std::string_view title) {
  if (text_button(ui.theme, ui.record, "back", tr(ui_text::kBack, ui.language))) return true;
  ImGui::PushFont(ui.theme.heading());
  wrapped_text(title, ui.theme.colours().text);
  ImGui::PopFont();
  return false;
}

}  // namespace

void VaultScreens::reset(storage::VaultStore* store) {
  store_ = store;
  show(Page::people);
}

void VaultScreens::show(Page page, std::string vault_id) {
  fields_.clear();
  error_.reset();
  field_errors_.clear();
  understood_ = false;
  new_kind_ = storage::SecretKind::pin;
  pending_ = Pending::none;
  page_ = page;
  vault_id_ = std::move(vault_id);
  if (page != Page::unlock) notice_.reset();
  if (page != Page::people) people_notice_.reset();
  if (page != Page::import) {
    import_name_.clear();
    import_bytes_.clear();
  }
  refresh();
}

void VaultScreens::refresh() {
  vaults_.clear();
  list_error_.reset();
  if (store_ == nullptr) return;
  auto vaults = store_->list_vaults();
  if (vaults) {
    vaults_ = std::move(vaults).value();
  } else {
    list_error_ = vaults.error();
  }
}

std::optional<storage::UnlockedVault> VaultScreens::draw(const UiFrame& ui, bool& back) {
  back = false;
  // A slow step runs in the frame after the one that said "please wait".
  if (pending_ != Pending::none && pending_shown_) {
    const Pending pending = pending_;
    pending_ = Pending::none;
    if (pending == Pending::change) {
      change();
    } else {
      auto vault = pending == Pending::create   ? create()
                   : pending == Pending::unlock ? unlock()
                                                : import();
      if (vault) return vault;
    }
  }
  take_chosen_file();
  switch (page_) {
    case Page::people:
      draw_people(ui, back);
      break;
    case Page::create:
      draw_create(ui);
      break;
    case Page::unlock:
      draw_unlock(ui);
      break;
    case Page::import:
      draw_import(ui);
      break;
    case Page::change:
      draw_change(ui, back);
      if (changed_secret_) back = true;
      break;
  }
  fields_.end_frame(ui);
  if (pending_ != Pending::none) pending_shown_ = true;
  return std::nullopt;
}

void VaultScreens::draw_people(const UiFrame& ui, bool& back) {
  const Palette& c = ui.theme.colours();
  if (page_top(ui, tr(ui_text::kWhosePapers, ui.language))) {
    back = true;
    return;
  }
  wrapped_text(tr(ui_text::kPeopleHint, ui.language), c.muted);
  gap(ui.theme, 8);
  if (list_error_) {
    notice_box(ui.theme,
               std::string(tr(ui_text::kStorageUnreadable, ui.language)) + " " +
                   std::string(tr(list_error_->message, ui.language)),
               c.error, c.error_background);
  }
  for (const storage::VaultSummary& vault : vaults_) {
    if (card_button(ui.theme, ui.record, "vault:" + vault.id, vault.display_name,
                    tr(ui_text::kOpenWithPin, ui.language))) {
      show(Page::unlock, vault.id);
      return;
    }
  }
  if (vaults_.empty() && !list_error_) wrapped_text(tr(ui_text::kNoPeople, ui.language), c.muted);
  if (people_notice_)
    notice_box(ui.theme, tr(*people_notice_, ui.language), c.text, c.card_pressed);
  if (error_) notice_box(ui.theme, tr(error_->message, ui.language), c.error, c.error_background);
  gap(ui.theme, 8);
  if (action_button(ui.theme, ui.record, "vault:new", tr(ui_text::kAddPerson, ui.language),
                    vaults_.empty())) {
    show(Page::create);
  }
  gap(ui.theme, 8);
  // The chooser opens while the tap is handled: browsers allow it only then.
  if (action_button(ui.theme, ui.record, "vault:import", tr(ui_text::kImportBackup, ui.language),
                    false)) {
    error_.reset();
    platform::choose_file(kBackupTypes, kMaxBackupBytes);
  }
  wrapped_text(tr(ui_text::kImportBackupHint, ui.language), c.muted);
  gap(ui.theme, 24);
}

void VaultScreens::draw_create(const UiFrame& ui) {
  const Palette& c = ui.theme.colours();
  if (page_top(ui, tr(ui_text::kAddPerson, ui.language))) {
    show(Page::people);
    return;
  }
  gap(ui.theme, 6);
  auto error_of = [&](const char* box) -> std::string_view {
    const auto it = field_errors_.find(box);
    return it == field_errors_.end() ? std::string_view() : tr(it->second, ui.language);
  };
  fields_.draw(ui, kNameBox,
               {tr(ui_text::kPersonName, ui.language), tr(ui_text::kPersonNamePrompt, ui.language),
                platform::Keyboard::text, error_of(kNameBox), false});
  wrapped_text(tr(ui_text::kPersonNameHint, ui.language), c.muted);
  gap(ui.theme, 6);
  draw_new_secret(ui);
  notice_box(ui.theme, tr(ui_text::kForgottenPinWarning, ui.language), c.warning,
             c.warning_background);
  gap(ui.theme, 4);
  if (choice_row(ui.theme, ui.record, "vault:understood", tr(ui_text::kUnderstood, ui.language),
                 understood_, true)) {
    understood_ = !understood_;
    field_errors_.erase("vault:understood");
  }
  if (const auto it = field_errors_.find("vault:understood"); it != field_errors_.end()) {
    wrapped_text(tr(it->second, ui.language), c.error);
  }
  if (error_) {
    notice_box(ui.theme, tr(error_->message, ui.language), c.error, c.error_background);
  }
  if (action_row(ui, Pending::create, "vault:create", ui_text::kCreateVault,
                 ui_text::kCreatingVault)) {
    // Checked here, before the slow part: each box says what is wrong with it.
    field_errors_.clear();
    error_.reset();
    if (core::collapse_whitespace(fields_.text(kNameBox)).empty()) {
      field_errors_[kNameBox] = ui_text::kPersonNameMissing;
    }
    check_new_secret();
    if (!understood_) field_errors_["vault:understood"] = ui_text::kPleaseConfirm;
    if (field_errors_.empty()) start(Pending::create);
  }
  gap(ui.theme, 24);
}

void VaultScreens::draw_unlock(const UiFrame& ui) {
  const Palette& c = ui.theme.colours();
  std::string name;
  for (const auto& vault : vaults_) {
    if (vault.id == vault_id_) name = vault.display_name;
  }
  if (page_top(ui, name)) {
    show(Page::people);
    return;
  }
  if (notice_) notice_box(ui.theme, tr(*notice_, ui.language), c.text, c.card_pressed);
  gap(ui.theme, 6);
  draw_current_secret(ui, kUnlockBox, ui_text::kEnterPin, ui_text::kEnterPassphrase, true);
  if (error_) {
    std::string message(tr(error_->message, ui.language));
    if (std::chrono::steady_clock::now() < retry_at_) {
      message += " ";
      message +=
          ui_text::fill(tr(ui_text::kTryAgainIn, ui.language), {std::to_string(retry_seconds_)});
    }
    notice_box(ui.theme, message, c.error, c.error_background);
  }
  if (action_row(ui, Pending::unlock, "vault:unlock", ui_text::kUnlock, ui_text::kUnlocking)) {
    start(Pending::unlock);
  }
  gap(ui.theme, 12);
  wrapped_text(tr(ui_text::kForgottenPinAfter, ui.language), c.muted);
  gap(ui.theme, 24);
}

bool VaultScreens::action_row(const UiFrame& ui, Pending step, const char* id,
                              const core::LocalizedText& label,
                              const core::LocalizedText& waiting) {
  gap(ui.theme, 8);
  if (pending_ == step) {
    const Palette& c = ui.theme.colours();
    notice_box(ui.theme, tr(waiting, ui.language), c.text, c.card_pressed);
    return false;
  }
  return action_button(ui.theme, ui.record, id, tr(label, ui.language), true) ||
         fields_.take_entered();
}

void VaultScreens::start(Pending step) {
  fields_.stop_editing();
  pending_ = step;
  pending_shown_ = false;
}

void VaultScreens::take_chosen_file() {
  auto file = platform::take_chosen_file();
  if (!file) return;
  if (file->too_large) {
    show(Page::people);
    error_ = core::Error{
        "vault.export_too_large",
        {std::string(ui_text::kBackupTooLarge.vi), std::string(ui_text::kBackupTooLarge.en)},
        file->name};
    return;
  }
  if (!file->error.empty()) {
    show(Page::people);
    error_ = core::Error{
        "vault.backup_unreadable",
        {std::string(ui_text::kBackupUnreadable.vi), std::string(ui_text::kBackupUnreadable.en)},
        file->error};
    return;
  }
  show(Page::import);
  import_name_ = std::move(file->name);
  import_bytes_ = std::move(file->bytes);
}

void VaultScreens::draw_import(const UiFrame& ui) {
  const Palette& c = ui.theme.colours();
  if (page_top(ui, tr(ui_text::kImportBackup, ui.language))) {
    show(Page::people);
    return;
  }
  const std::string chosen = ui_text::fill(tr(ui_text::kBackupChosen, ui.language),
                                           {import_name_, std::to_string(import_bytes_.size())});
  wrapped_text(chosen, c.muted);
  gap(ui.theme, 6);
  fields_.draw(ui, kImportBox,
               {tr(ui_text::kBackupPin, ui.language),
                tr(ui_text::kPinPrompt, ui.language),
                platform::Keyboard::pin,
                {},
                true});
  wrapped_text(tr(ui_text::kBackupPinHint, ui.language), c.muted);
  if (error_) notice_box(ui.theme, tr(error_->message, ui.language), c.error, c.error_background);
  if (action_row(ui, Pending::import, "vault:import-open", ui_text::kImportOpen,
                 ui_text::kImporting)) {
    error_.reset();
    start(Pending::import);
  }
  gap(ui.theme, 24);
}

storage::SecretKind VaultScreens::current_kind() const {
  for (const auto& vault : vaults_) {
    if (vault.id == vault_id_) return vault.secret_kind;
  }
  return storage::SecretKind::pin;
}

void VaultScreens::draw_current_secret(const UiFrame& ui, const char* box,
                                       const core::LocalizedText& pin_label,
                                       const core::LocalizedText& passphrase_label,
                                       bool last_on_page) {
  const bool passphrase = current_kind() == storage::SecretKind::passphrase;
  fields_.draw(ui, box,
               {tr(passphrase ? passphrase_label : pin_label, ui.language),
                tr(passphrase ? ui_text::kPassphrasePrompt : ui_text::kPinPrompt, ui.language),
                passphrase ? platform::Keyboard::secret : platform::Keyboard::pin,
                {},
                last_on_page});
}

void VaultScreens::draw_new_secret(const UiFrame& ui) {
  const Palette& c = ui.theme.colours();
  const bool passphrase = new_kind_ == storage::SecretKind::passphrase;
  auto error_of = [&](const char* box) -> std::string_view {
    const auto it = field_errors_.find(box);
    return it == field_errors_.end() ? std::string_view() : tr(it->second, ui.language);
  };
  const platform::Keyboard keyboard =
      passphrase ? platform::Keyboard::secret : platform::Keyboard::pin;
  const std::string_view prompt =
      tr(passphrase ? ui_text::kPassphrasePrompt : ui_text::kPinPrompt, ui.language);
  fields_.draw(ui, kPinBox,
               {tr(passphrase ? ui_text::kNewPassphrase : ui_text::kNewPin, ui.language), prompt,
                keyboard, error_of(kPinBox), false});
  fields_.draw(ui, kPinAgainBox,
               {tr(passphrase ? ui_text::kNewPassphraseAgain : ui_text::kNewPinAgain, ui.language),
                prompt, keyboard, error_of(kPinAgainBox), true});
  // Words are easier for some than digits; the choice empties both boxes.
  if (choice_row(ui.theme, ui.record, "vault:use-passphrase",
                 tr(ui_text::kUsePassphrase, ui.language), passphrase, true)) {
    new_kind_ = passphrase ? storage::SecretKind::pin : storage::SecretKind::passphrase;
    fields_.stop_editing();
    fields_.set_text(kPinBox, {});
    fields_.set_text(kPinAgainBox, {});
    field_errors_.erase(kPinBox);
    field_errors_.erase(kPinAgainBox);
  }
  wrapped_text(tr(ui_text::kUsePassphraseHint, ui.language), c.muted);
}

bool VaultScreens::check_new_secret() {
  const std::string& secret = fields_.text(kPinBox);
  auto secret_ok = storage::check_new_secret({new_kind_, secret});
  if (!secret_ok) {
    field_errors_[kPinBox] = secret_ok.error().message;
    return false;
  }
  if (fields_.text(kPinAgainBox) != secret) {
    field_errors_[kPinAgainBox] =
        new_kind_ == storage::SecretKind::pin ? ui_text::kPinsDiffer : ui_text::kPassphrasesDiffer;
    return false;
  }
  return true;
}

void VaultScreens::draw_change(const UiFrame& ui, bool& back) {
  const Palette& c = ui.theme.colours();
  if (page_top(ui, tr(ui_text::kChangeSecret, ui.language))) {
    fields_.stop_editing();
    fields_.clear();
    back = true;
    return;
  }
  wrapped_text(tr(ui_text::kChangeSecretHint, ui.language), c.muted);
  gap(ui.theme, 6);
  draw_current_secret(ui, kCurrentBox, ui_text::kCurrentPin, ui_text::kCurrentPassphrase, false);
  gap(ui.theme, 6);
  draw_new_secret(ui);
  if (error_) notice_box(ui.theme, tr(error_->message, ui.language), c.error, c.error_background);
  if (action_row(ui, Pending::change, "vault:change", ui_text::kChangeSecretDo,
                 ui_text::kCreatingVault)) {
    field_errors_.clear();
    error_.reset();
    if (check_new_secret()) start(Pending::change);
  }
  gap(ui.theme, 24);
}

void VaultScreens::change() {
  if (store_ == nullptr) return;
  store_written_ = true;
  if (!params_) {
    auto measured = crypto::calibrate_password_hash(storage::kKeyDerivationTarget,
                                                    storage::kMaxKeyDerivationMemory);
    if (!measured) {
      error_ = measured.error();
      return;
    }
    params_ = measured.value();
  }
  auto changed = store_->change_secret(vault_id_, fields_.text(kCurrentBox),
                                       {new_kind_, fields_.text(kPinBox)}, *params_);
  fields_.set_text(kCurrentBox, {});
  if (!changed) {
    error_ = changed.error();
    return;
  }
  fields_.clear();
  refresh();
  changed_secret_ = true;
}

std::optional<storage::UnlockedVault> VaultScreens::import() {
  if (store_ == nullptr) return std::nullopt;
  store_written_ = true;
  auto vault = store_->import_vault(crypto::ByteView(import_bytes_.data(), import_bytes_.size()),
                                    fields_.text(kImportBox));
  fields_.set_text(kImportBox, {});
  if (!vault) {
    error_ = vault.error();
    return std::nullopt;
  }
  error_.reset();
  fields_.clear();
  import_name_.clear();
  import_bytes_.clear();
  refresh();
  return std::move(vault).value();
}

std::optional<storage::UnlockedVault> VaultScreens::create() {
  if (store_ == nullptr) return std::nullopt;
  store_written_ = true;
  if (!params_) {
    auto measured = crypto::calibrate_password_hash(storage::kKeyDerivationTarget,
                                                    storage::kMaxKeyDerivationMemory);
    if (!measured) {
      error_ = measured.error();
      return std::nullopt;
    }
    params_ = measured.value();
  }
  auto vault =
      store_->create_vault(fields_.text(kNameBox), {new_kind_, fields_.text(kPinBox)}, *params_);
  if (!vault) {
    error_ = vault.error();
    return std::nullopt;
  }
  fields_.clear();
  refresh();
  return std::move(vault).value();
}

std::optional<storage::UnlockedVault> VaultScreens::unlock() {
  if (store_ == nullptr) return std::nullopt;
  store_written_ = true;
  auto vault = store_->unlock(vault_id_, fields_.text(kUnlockBox));
  fields_.set_text(kUnlockBox, {});
  if (!vault) {
    error_ = vault.error();
    // The wait before the next try, read once; one wake-up redraws the
    // message when it is over, so that it does not go stale.
    auto attempts = store_->attempts(vault_id_);
    if (attempts && attempts.value().retry_after.count() > 0) {
      retry_seconds_ = attempts.value().retry_after_seconds();
      retry_at_ = std::chrono::steady_clock::now() + attempts.value().retry_after;
      platform::request_wake_after(
          static_cast<double>(attempts.value().retry_after.count()) / 1000.0 + 0.05);
    }
    return std::nullopt;
  }
  error_.reset();
  notice_.reset();
  fields_.clear();
  return std::move(vault).value();
}

nlohmann::json VaultScreens::state_json() const {
  nlohmann::json state;
  const char* pages[] = {"people", "create", "unlock", "import", "change"};
  state["page"] = pages[static_cast<int>(page_)];
  state["people"] = nlohmann::json::array();
  for (const auto& vault : vaults_) {
    state["people"].push_back({{"id", vault.id}, {"name", vault.display_name}});
  }
  state["vault_id"] = vault_id_;
  state["new_kind"] = std::string(storage::secret_kind_name(new_kind_));
  if (page_ == Page::import) {
    state["import"] = {{"file", import_name_}, {"bytes", import_bytes_.size()}};
  }
  state["error"] = error_ ? nlohmann::json(error_->code) : nlohmann::json(nullptr);
  state["field_errors"] = nlohmann::json::object();
  for (const auto& [box, message] : field_errors_) state["field_errors"][box] = message.vi;
  state["busy"] = pending_ != Pending::none;
  state["editing"] = fields_.editing();
  return state;
}

}  // namespace tokhai::app
