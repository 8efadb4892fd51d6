// CatalogueUpdates (see catalogue_updates.h): installing downloaded
// definitions beside the bundled ones and choosing the version offered.
#include "app/catalogue_updates.h"

#include <algorithm>
#include <ctime>
#include <filesystem>

#include "core/text_file.h"
#include "platform/frame_host.h"
#include "platform/persistent_files.h"

namespace tokhai::app {
namespace {

// The folder inside the persistent one (sync/form_catalogue_updater.h).
constexpr std::string_view kUpdatesFolder = "/form-updates";

const core::LocalizedText kBadSignatureNote{
    "Bản cập nhật biểu mẫu từ máy chủ không có chữ ký hợp lệ nên không được dùng; ứng dụng vẫn "
    "dùng các biểu mẫu hiện có. Hãy báo cho cán bộ phụ trách.",
    "A form update from the server did not carry a valid signature, so it was not used; the app "
    "keeps using its current forms. Please tell the staff in charge."};

// Today on the phone, "YYYY-MM-DD" (effective dates are calendar dates).
std::string today_iso() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &local);
  return text;
}

}  // namespace

CatalogueUpdates::CatalogueUpdates(const core::FormCatalogue& bundled, std::string forms_dir,
                                   const std::string& persistent_dir, sync::Transport& transport,
                                   crypto::Bytes server_public_key)
    : bundled_(bundled),
      forms_dir_(std::move(forms_dir)),
      offered_(bundled),
      updater_(transport, clock_, persistent_dir + std::string(kUpdatesFolder),
               std::move(server_public_key), [this](std::string_view id, std::string_view version) {
                 return std::any_of(bundled_.forms.begin(), bundled_.forms.end(),
                                    [&](const core::FormSummary& form) {
                                      return form.id == id && form.version == version;
                                    });
               }) {
  updater_.set_listener([this] {
    stored_changed_ = true;
    platform::request_frame();
  });
  choose_offered();
}

bool CatalogueUpdates::poll(bool online) {
  bool changed = false;
  if (!opened_) {
    if (platform::persistent_folder_state() != platform::FolderState::ready) return false;
    opened_ = true;
    updater_.open();
    stored_changed_ = true;
  }
  if (stored_changed_) {
    stored_changed_ = false;
    const std::size_t before = downloaded_.size();
    install_stored();
    if (downloaded_.size() != before) {
      changed = true;
      save_ticket_ = platform::save_persistent_folder();
    }
  }
  if (online) updater_.check_if_due();
  return changed;
}

void CatalogueUpdates::network_changed(bool online) {
  if (online && opened_) updater_.check_if_due(/*network_came_back=*/true);
}

const core::FormSummary* CatalogueUpdates::find(std::string_view id,
                                                std::string_view version) const {
  for (const auto* list : {&bundled_.forms, &downloaded_}) {
    for (const core::FormSummary& form : *list) {
      if (form.id == id && form.version == version) return &form;
    }
  }
  return nullptr;
}

std::optional<core::LocalizedText> CatalogueUpdates::volunteer_note() const {
  const auto& error = updater_.last_error();
  if (error && error->code == "form_catalogue.bad_signature") return kBadSignatureNote;
  return std::nullopt;
}

nlohmann::json CatalogueUpdates::state_json() const {
  nlohmann::json state = updater_.state_json();
  state["installed"] = nlohmann::json::array();
  for (const core::FormSummary& form : downloaded_) {
    state["installed"].push_back({{"id", form.id}, {"version", form.version}});
  }
  for (const core::Error& error : install_errors_) {
    state["form_errors"].push_back({{"code", error.code}, {"where", error.where}});
  }
  state["durable"] = platform::durable_save_ticket() >= save_ticket_;
  return state;
}

void CatalogueUpdates::install_stored() {
  for (const sync::StoredForm& stored : updater_.stored_forms()) {
    if (find(stored.id, stored.version) != nullptr) continue;
    const std::string file = std::filesystem::path(stored.path).filename().string();
    const auto text = core::read_text_file(stored.path);
    auto summary = text ? core::read_form_summary(*text, file)
                        : core::Result<core::FormSummary>(core::Error{"form.unreadable", {}, file});
    if (!summary) {
      install_errors_.push_back(summary.error());
      continue;
    }
    // The in-memory forms folder (app.data's /forms), where Filing reads.
    if (!core::write_file_atomically(forms_dir_ + "/" + file, *text)) {
      install_errors_.push_back(core::Error{"form.unreadable", {}, file});
      continue;
    }
    downloaded_.push_back(std::move(summary).value());
  }
  choose_offered();
}

void CatalogueUpdates::choose_offered() {
  std::vector<core::FormSummary> every = bundled_.forms;
  every.insert(every.end(), downloaded_.begin(), downloaded_.end());
  offered_.forms = sync::offered_versions(every, today_iso());
  offered_.errors = bundled_.errors;
}

}  // namespace tokhai::app
