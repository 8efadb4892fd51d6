// The citizen's screens (see citizen_app.h).
#include "app/citizen_app.h"

#include <GLES3/gl3.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>
#include <string_view>
#include <vector>

#include "app/ui_text.h"
#include "core/dates.h"
#include "core/json_text.h"
#include "core/text/unicode.h"
#include "core/text_file.h"
#include "crypto/bytes.h"
#include "crypto/encoding.h"
#include "platform/network.h"
#include "platform/persistent_files.h"
#include "platform/preferences.h"
#include "platform/text_input.h"
#include "platform/user_files.h"
#include "storage/profile.h"
#include "storage/signing_key.h"
#include "sync/photo_sealing.h"
#include "wire/envelope.h"
#include "wire/filing_payload.h"

namespace tokhai::app {
namespace {

// ImGui needs a few frames after a change for layout to settle (sizes measured
// in one frame are used in the next).
constexpr int kSettleFrames = 3;
constexpr float kMaxContentWidthCss = 640;
constexpr const char* kSearchKey = "catalogue:search";
// A draft is saved this long after the last change (and at once when the page
// is hidden).
constexpr double kSaveDelaySeconds = 0.6;
// ... but typing without such a pause is saved at least this often.
constexpr double kSaveMaxWaitSeconds = 2.0;
// Storage is "nearly full" below this much room, or above this share of the quota.
constexpr double kLowStorageBytes = 50.0 * 1024 * 1024;
constexpr double kLowStorageShare = 0.9;
constexpr const char* kVaultFile = "tokhai.sqlite";
constexpr std::string_view kDraftKind = "draft";
// What was filed from a draft: the draft's JSON and the submission ids, kept
// when the draft leaves the list (tokhai-filed/1), so that the answers stay
// on the phone after they were sealed for the agency.
constexpr std::string_view kFiledKind = "filed";

// The phone's clock as envelope v1 writes it: "YYYY-MM-DDTHH:MM:SSZ".
nlohmann::json rect_json(const ScreenRect& rect) {
  return {{"x", rect.x}, {"y", rect.y}, {"width", rect.width}, {"height", rect.height}};
}

struct Topic {
  std::vector<std::string_view> prefixes;  // of form ids; none: every other form
  core::LocalizedText name;
};

// Procedures are grouped by the first part of their id, in this order.
const Topic kTopics[] = {
    {{"ho-tich"}, {"Hộ tịch", "Civil status"}},
    {{"cu-tru"}, {"Cư trú", "Residence"}},
    {{"bhyt", "bhxh"}, {"Bảo hiểm", "Insurance"}},
    {{"ly-lich-tu-phap"}, {"Tư pháp", "Judicial records"}},
    {{"gplx"}, {"Giao thông", "Driving"}},
    {{}, {"Thủ tục khác", "Other procedures"}},
};

const Topic& topic_of(const core::FormSummary& form) {
  for (const Topic& topic : kTopics) {
    for (std::string_view prefix : topic.prefixes) {
      if (form.id.starts_with(prefix)) return topic;
    }
  }
  return kTopics[std::size(kTopics) - 1];
}

core::CalendarDate device_today() {
  const auto now = std::chrono::system_clock::now();
  const auto days = std::chrono::floor<std::chrono::days>(now);
  const std::chrono::year_month_day ymd{days};
  return core::CalendarDate{static_cast<int>(ymd.year()), static_cast<int>(unsigned(ymd.month())),
                            static_cast<int>(unsigned(ymd.day()))};
}

// The profile's answers under the engine's prefill keys (FormSession::prefill
// turns the texts into dates and codes as it would typed answers).
core::Profile prefill_of(const storage::PersonProfile& person) {
  core::Profile profile;
  const std::pair<const char*, const std::string*> keys[] = {
      {"full_name", &person.full_name},
      {"personal_id", &person.personal_id},
      {"date_of_birth", &person.date_of_birth},
      {"sex", &person.sex},
      {"phone", &person.phone},
      {"email", &person.email},
      {"commune", &person.commune}};
  for (const auto& [key, value] : keys) {
    if (!value->empty()) profile.emplace(key, core::expr::Value(*value));
  }
  return profile;
}

}  // namespace

CitizenApp::CitizenApp(core::FormCatalogue catalogue, std::string forms_dir, std::string vault_dir,
                       Theme theme, sync::Transport& transport, crypto::Bytes server_public_key)
    : catalogue_(std::move(catalogue)),
      bundles_(core::load_form_catalogue(forms_dir + "/bundles", core::kBundleFormat)),
      forms_dir_(std::move(forms_dir)),
      vault_dir_(std::move(vault_dir)),
      theme_(std::move(theme)),
      transport_(transport),
      server_public_key_(std::move(server_public_key)),
      catalogue_updates_(catalogue_, forms_dir_, vault_dir_, transport_, server_public_key_),
      online_(platform::network_online()) {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // drafts and settings live elsewhere, not in imgui.ini
  io.ConfigFlags |= ImGuiConfigFlags_IsTouchScreen;
  ImGui_ImplOpenGL3_Init("#version 300 es");
  settle_frames_ = kSettleFrames;

  // Settings from earlier visits; anything unreadable keeps the default.
  if (platform::load_preference("language") == "en") settings_.language = core::Language::en;
  const std::string size = platform::load_preference("text_size");
  if (size == "1" || size == "2") settings_.text_size = size[0] - '0';
  settings_.high_contrast = platform::load_preference("high_contrast") == "1";
  const std::string lock = platform::load_preference("lock_minutes");
  for (const int minutes : kLockMinutes) {
    if (lock == std::to_string(minutes)) settings_.lock_minutes = minutes;
  }
}

CitizenApp::~CitizenApp() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui::DestroyContext();
}

void CitizenApp::save_settings() const {
  platform::save_preference("language", core::language_code(settings_.language));
  platform::save_preference("text_size", std::to_string(settings_.text_size));
  platform::save_preference("high_contrast", settings_.high_contrast ? "1" : "0");
  platform::save_preference("lock_minutes", std::to_string(settings_.lock_minutes));
}

std::int64_t CitizenApp::now_ms() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void CitizenApp::wake_at(std::int64_t at_ms) {
  if (wake_pending_ && wake_at_ms_ <= at_ms) return;
  wake_pending_ = true;
  wake_at_ms_ = at_ms;
  platform::request_wake_after(static_cast<double>(std::max<std::int64_t>(0, at_ms - now_ms())) /
                               1000.0);
}

bool CitizenApp::draw_frame(const platform::Viewport& viewport, const platform::FrameInput& input,
                            double time_s) {
  const auto started = std::chrono::steady_clock::now();
  if (!storage_requested_) {
    storage_requested_ = true;
    platform::open_persistent_folder(vault_dir_);
    platform::request_persistent_storage();
  }
  if (!store_ && !store_error_) open_storage();
  if (catalogue_updates_.poll(online_)) catalogue_ = catalogue_updates_.offered();
  if (photos_.poll()) changed_ = true;
  // The idle lock first: a tap after a long absence (a hidden page's timers
  // are throttled) must find the vault locked, not count as use.
  const bool was_unlocked = vault_.has_value();
  wake();
  // That tap is not meant for the unlock page that replaces the screen.
  const bool locked_now = was_unlocked && !vault_;
  if (vault_ && idle_ && (!input.pointer.empty() || !input.text.empty())) idle_->touch(now_ms());

  ImGuiIO& io = ImGui::GetIO();
  if (theme_.apply(viewport.device_pixel_ratio, settings_.text_size, settings_.high_contrast)) {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
  pointer_.set_drag_threshold(theme_.px(10));
  io.DisplaySize =
      ImVec2(static_cast<float>(viewport.pixel_width), static_cast<float>(viewport.pixel_height));
  const float dt = last_time_s_ > 0
                       ? static_cast<float>(std::clamp(time_s - last_time_s_, 1e-4, 0.1))
                       : 1.0f / 60;
  io.DeltaTime = dt;
  last_time_s_ = time_s;

  if (!locked_now) pointer_.enqueue(input.pointer);
  const bool input_waiting = pointer_.apply_to(io, dt);
  handle_search_text(input.text);
  if (filing_ && screen_ == Screen::form) filing_->screen().handle_text(input.text);
  if (details_ && screen_ == Screen::details) details_->handle_text(input.text);
  if (screen_ == Screen::vault) vault_screens_.handle_text(input.text);

  ImGui_ImplOpenGL3_NewFrame();
  ImGui::NewFrame();
  record_.clear();
  changed_ = false;
  const bool viewport_changed = !(viewport == viewport_);
  const UiFrame ui{theme_, record_, settings_.language, pointer_.tapped(), viewport_changed};
  draw_screen(ui);
  ImGui::Render();

  // The GL state the renderer finds here is told to it, not queried (a WebGL
  // round trip per query): change it only together with imgui_gl_baseline.h.
  glViewport(0, 0, viewport.pixel_width, viewport.pixel_height);
  const ImVec4 background = ImGui::ColorConvertU32ToFloat4(theme_.colours().background);
  glClearColor(background.x, background.y, background.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  ++frames_drawn_;

  autosave(time_s);
  pump_outbox();

  const bool busy = (filing_ && screen_ == Screen::form && filing_->screen().wants_frame()) ||
                    (details_ && screen_ == Screen::details && details_->wants_frame()) ||
                    (screen_ == Screen::vault && vault_screens_.wants_frame());
  if (!input.pointer.empty() || !input.text.empty() || input_waiting || changed_ ||
      viewport_changed || busy) {
    settle_frames_ = kSettleFrames;
  } else if (settle_frames_ > 0) {
    --settle_frames_;
  }
  viewport_ = viewport;
  last_frame_ms_ =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return input_waiting || settle_frames_ > 0;
}

void CitizenApp::page_hidden() {
  // The page may be killed without another word: what was typed is saved now.
  save_draft();
  if (store_) save_ticket_ = std::max(save_ticket_, platform::save_persistent_folder());
}

void CitizenApp::wake() {
  const std::int64_t now = now_ms();
  if (wake_pending_ && now >= wake_at_ms_) wake_pending_ = false;
  pump_outbox();
  if (vault_ && idle_) {
    if (idle_->should_lock(now)) {
      lock_vault(true);
    } else {
      wake_at(now + idle_->remaining(now).count() + 10);
    }
  }
}

// ---------------------------------------------------------------------------
// Storage, the vault and drafts
// ---------------------------------------------------------------------------

void CitizenApp::open_storage() {
  switch (platform::persistent_folder_state()) {
    case platform::FolderState::opening:
      return;
    case platform::FolderState::failed:
      store_error_ = core::Error{
          "storage.unavailable",
          {std::string(ui_text::kStorageFailed.vi), std::string(ui_text::kStorageFailed.en)},
          platform::persistent_folder_error()};
      changed_ = true;
      return;
    case platform::FolderState::ready:
      break;
  }
  auto store = storage::VaultStore::open(vault_dir_ + "/" + kVaultFile);
  if (!store) {
    store_error_ = store.error();
  } else {
    store_.emplace(std::move(store).value());
    vault_screens_.reset(&*store_);
  }
  changed_ = true;
}

void CitizenApp::vault_unlocked(storage::UnlockedVault vault) {
  vault_.emplace(std::move(vault));
  photos_.set_vault(&*vault_);
  start_idle_lock();
  refresh_drafts();
  sweep_photos();
  open_outbox();
  screen_ = Screen::catalogue;
  if (!resume_draft_id_.empty()) {
    const std::string resume = std::exchange(resume_draft_id_, {});
    for (const auto& meta : drafts_) {
      if (meta.label.id == resume) open_draft(meta);
    }
  } else if (start_after_unlock_ && filing_) {
    start_filing();
  }
  start_after_unlock_ = false;
}

void CitizenApp::start_idle_lock() {
  idle_.emplace(std::chrono::minutes(settings_.lock_minutes), now_ms());
  wake_at(now_ms() + idle_->timeout().count() + 10);
}

void CitizenApp::lock_vault(bool idle) {
  if (!vault_) return;
  save_draft();
  if (details_) {
    save_details();
    details_->stop_editing();
    details_.reset();
  }
  details_error_.reset();
  const std::string vault_id = vault_->id();
  resume_draft_id_ = (filing_ && filing_->started()) ? draft_id_ : std::string();
  filing_.reset();
  draft_id_.clear();
  close_outbox();  // before the vault it refers to
  photos_.set_vault(nullptr);
  vault_.reset();  // wipes the keys
  idle_.reset();
  drafts_.clear();
  damaged_drafts_.clear();
  readonly_meta_.reset();
  readonly_text_.clear();
  backup_notice_.reset();
  backup_error_.reset();
  last_backup_ = nullptr;
  secret_changed_ = false;
  if (search_editing_) {
    search_editing_ = false;
    platform::end_text_input();
  }
  vault_screens_.show(VaultScreens::Page::unlock, vault_id);
  if (idle) vault_screens_.set_notice(ui_text::kLockedIdle);
  vault_return_ = Screen::catalogue;
  screen_ = Screen::vault;
  changed_ = true;
  platform::request_frame();
}

void CitizenApp::refresh_drafts() {
  drafts_.clear();
  damaged_drafts_.clear();
  if (!vault_) return;
  auto list = vault_->list(kDraftKind);
  if (list) {
    drafts_ = std::move(list.value().records);
    damaged_drafts_ = std::move(list.value().damaged);
  }
}

namespace {

void collect_photo_ids(const nlohmann::json& value, std::set<std::string>& ids) {
  if (value.is_string()) {
    if (PagePhotos::is_photo_id(value.get_ref<const std::string&>())) {
      ids.insert(value.get<std::string>());
    }
  } else if (value.is_structured()) {
    for (const nlohmann::json& item : value) collect_photo_ids(item, ids);
  }
}

}  // namespace

void CitizenApp::sweep_photos() {
  if (!vault_) return;
  std::set<std::string> referenced;
  for (const std::string_view kind : {kDraftKind, kFiledKind}) {
    auto list = vault_->list(kind);
    if (!list || !list.value().damaged.empty()) return;
    for (const storage::RecordMeta& meta : list.value().records) {
      auto record = vault_->get(kind, meta.label.id);
      if (!record) return;
      const crypto::SecretBytes& content = record.value().content;
      const nlohmann::json json = core::parse_json_text(
          std::string_view(reinterpret_cast<const char*>(content.data()), content.size()));
      if (json.is_discarded()) return;
      collect_photo_ids(json, referenced);
    }
  }
  (void)photos_.sweep(referenced);
}

void CitizenApp::open_draft(const storage::RecordMeta& meta) {
  if (!vault_) return;
  form_error_.reset();
  form_notice_.reset();
  auto record = vault_->get(kDraftKind, meta.label.id);
  if (!record) {
    form_error_ = record.error();
    return;
  }
  const crypto::SecretBytes& content = record.value().content;
  const std::string text(reinterpret_cast<const char*>(content.data()), content.size());
  const nlohmann::json draft = core::parse_json_text(text);
  const auto* kind = core::json_member(draft, "kind");
  const bool bundle = kind != nullptr && kind->is_string() && kind->get<std::string>() == "bundle";
  // The current version of the procedure (the newest the app has).
  const core::FormCatalogue& list = bundle ? bundles_ : catalogue_;
  const core::FormSummary* current = nullptr;
  for (const core::FormSummary& summary : list.forms) {
    if (summary.id == meta.label.form_id) current = &summary;
  }
  if (const auto* kept =
          bundle ? nullptr : catalogue_updates_.find(meta.label.form_id, meta.label.form_version))
    current = kept;
  auto show_readonly = [&](std::optional<core::Error> why) {
    readonly_meta_ = meta;
    readonly_text_ = draft.is_discarded() ? text : draft.dump(2);
    form_error_ = std::move(why);
    screen_ = Screen::draft_readonly;
  };
  if (current == nullptr) {
    show_readonly(
        core::Error{"draft.form",
                    {"Ứng dụng không còn thủ tục này.", "The app no longer has this procedure."},
                    meta.label.form_id});
    return;
  }
  auto filing =
      bundle ? Filing::open_bundle(*current, catalogue_, forms_dir_, data_sets(), device_today())
             : Filing::open_form(*current, forms_dir_, data_sets(), device_today());
  if (!filing) {
    show_readonly(filing.error());
    return;
  }
  auto loaded = filing.value()->load_draft(draft);
  if (!loaded) {
    show_readonly(loaded.error());
    return;
  }
  if (meta.label.form_version != current->version) form_notice_ = ui_text::kDraftMigrated;
  filing_ = std::move(filing).value();
  filing_->set_photos(&photos_);
  draft_id_ = meta.label.id;
  seen_revision_ = saved_revision_ = filing_->revision();
  if (meta.label.form_version != current->version) saved_revision_ = seen_revision_ + 1;
  last_saved_ms_ = meta.updated_at_ms;
  save_error_.reset();
  screen_ = Screen::form;
}

void CitizenApp::save_draft() {
  if (!vault_ || !filing_ || !filing_->started()) return;
  if (filing_->revision() == saved_revision_ && !draft_id_.empty()) return;
  const std::string text = filing_->draft_json().dump();
  const storage::RecordLabel label{std::string(kDraftKind), draft_id_, filing_->summary().id,
                                   filing_->summary().version};
  auto put = vault_->put(
      label, crypto::ByteView(reinterpret_cast<const unsigned char*>(text.data()), text.size()));
  if (!put) {
    save_error_ = put.error();
    return;
  }
  save_error_.reset();
  draft_id_ = put.value().label.id;
  saved_revision_ = filing_->revision();
  unsaved_since_s_ = -1;
  last_saved_ms_ = put.value().updated_at_ms;
  save_ticket_ = platform::save_persistent_folder();
  ++saves_;
}

void CitizenApp::autosave(double time_s) {
  if (details_ && vault_ && details_->revision() != details_saved_revision_) {
    // Details are short: each change is saved in the frame it is made.
    save_details();
  }
  if (!filing_ || !filing_->started() || !vault_) return;
  const std::uint64_t revision = filing_->revision();
  if (revision != seen_revision_) {
    seen_revision_ = revision;
    last_change_s_ = time_s;
    if (unsaved_since_s_ < 0) unsaved_since_s_ = time_s;
    platform::request_wake_after(kSaveDelaySeconds + 0.02);
  }
  // After a pause in typing; or, while the typing goes on, every few seconds.
  if ((revision != saved_revision_ || draft_id_.empty()) &&
      (time_s - last_change_s_ >= kSaveDelaySeconds ||
       (unsaved_since_s_ >= 0 && time_s - unsaved_since_s_ >= kSaveMaxWaitSeconds))) {
    unsaved_since_s_ = -1;
    save_draft();
    changed_ = true;
  }
  // A save that failed to reach IndexedDB is tried again a little later.
  if (save_ticket_ > platform::durable_save_ticket() && platform::persistent_folder_failed()) {
    save_ticket_ = platform::save_persistent_folder();
  }
}

CitizenApp::SaveStatus CitizenApp::save_status() const {
  if (!filing_ || !vault_) return SaveStatus::idle;
  if (save_error_ ||
      (platform::persistent_folder_failed() && save_ticket_ > platform::durable_save_ticket())) {
    return SaveStatus::failed;
  }
  if (filing_->revision() != saved_revision_ || draft_id_.empty() ||
      save_ticket_ > platform::durable_save_ticket()) {
    return SaveStatus::saving;
  }
  return SaveStatus::saved;
}

const core::FormDataSets* CitizenApp::data_sets() {
  if (!data_ && !data_error_) {
    auto data = core::FormDataSets::load(forms_dir_ + "/data");
    if (data) {
      data_.emplace(std::move(data).value());
    } else {
      data_error_ = data.error();
    }
  }
  return data_ ? &*data_ : nullptr;
}

// ---------------------------------------------------------------------------
// Screens
// ---------------------------------------------------------------------------

void CitizenApp::draw_screen(const UiFrame& ui) {
  const ImGuiIO& io = ImGui::GetIO();
  const float margin =
      std::max(theme_.px(16), (io.DisplaySize.x - theme_.px(kMaxContentWidthCss)) / 2);
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(margin, theme_.px(16)));
  ImGui::Begin("tokhai", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::PopStyleVar();
  if (pointer_.scroll_delta() != 0) {
    ImGui::SetScrollY(
        std::clamp(ImGui::GetScrollY() + pointer_.scroll_delta(), 0.0f, ImGui::GetScrollMaxY()));
  }
  const Screen before = screen_;
  switch (screen_) {
    case Screen::catalogue:
      draw_header();
      draw_catalogue();
      break;
    case Screen::intro:
      draw_header();
      draw_intro();
      break;
    case Screen::settings:
      draw_header();
      draw_settings();
      break;
    case Screen::details:
      if (details_error_) {
        notice_box(theme_, text(details_error_->message), theme_.colours().error,
                   theme_.colours().error_background);
      }
      if (details_ && details_->draw(ui) == FormScreen::Outcome::leave) close_details();
      break;
    case Screen::vault: {
      draw_header();
      bool back = false;
      auto vault = vault_screens_.draw(ui, back);
      // A vault created or brought back, and every unlock attempt (counted
      // for the growing wait), must outlive a reload: written out at once.
      if (vault_screens_.take_store_written() && store_) {
        save_ticket_ = std::max(save_ticket_, platform::save_persistent_folder());
      }
      if (vault) {
        vault_unlocked(std::move(*vault));
      } else if (back) {
        secret_changed_ = vault_screens_.take_changed();
        vault_screens_.stop_editing();
        start_after_unlock_ = false;
        screen_ = vault_return_;
      }
      break;
    }
    case Screen::draft_readonly:
      draw_header();
      draw_draft_readonly();
      break;
    case Screen::form: {
      draw_save_status();
      const FormScreen::Outcome outcome = filing_ ? filing_->draw(ui) : FormScreen::Outcome::stay;
      if (outcome == FormScreen::Outcome::leave) {
        save_draft();
        screen_ = Screen::catalogue;
        filing_.reset();
        draft_id_.clear();
        form_notice_.reset();
        refresh_drafts();
      } else if (outcome == FormScreen::Outcome::sign && filing_) {
        save_draft();
        send_page_.open(*filing_);
        screen_ = Screen::send;
      }
      break;
    }
    case Screen::send: {
      draw_save_status();
      if (!filing_ || !vault_) {
        screen_ = Screen::catalogue;
        break;
      }
      const bool can_send = !server_public_key_.empty() && outbox_ != nullptr;
      switch (send_page_.draw(ui, vault_->display_name(), can_send, online_)) {
        case SendPage::Action::back:
          screen_ = Screen::form;
          break;
        case SendPage::Action::sign:
          sign_and_send();
          break;
        case SendPage::Action::none:
          break;
      }
      break;
    }
    case Screen::outbox: {
      draw_header();
      std::string item_id;
      switch (draw_outbox_list(ui, outbox_view(), item_id)) {
        case OutboxAction::back:
          screen_ = outbox_return_;
          break;
        case OutboxAction::open_item:
          outbox_item_id_ = item_id;
          screen_ = Screen::outbox_item;
          if (const sync::OutboxItem* item = outbox_ ? outbox_->find(item_id) : nullptr) {
            if (statuses_ && online_) statuses_->refresh(*item);
          }
          break;
        default:
          break;
      }
      break;
    }
    case Screen::outbox_item: {
      draw_header();
      const OutboxAction action = draw_outbox_item(ui, outbox_view(), outbox_item_id_);
      const sync::OutboxItem* item = outbox_ ? outbox_->find(outbox_item_id_) : nullptr;
      if (action == OutboxAction::back) {
        outbox_return_ = Screen::catalogue;
        screen_ = Screen::outbox;
      } else if (action == OutboxAction::resend && outbox_) {
        (void)outbox_->retry_now(outbox_item_id_);  // refused only for items not retryable
      } else if (action == OutboxAction::refresh_status && item != nullptr && statuses_) {
        statuses_->refresh(*item);
      }
      break;
    }
  }
  if (screen_ != before) {
    changed_ = true;
    pointer_.stop();
    ImGui::SetScrollY(0);
  }
  // A tap outside the catalogue's search box closes its keyboard.
  if (ui.tapped && search_editing_ && !search_tapped_) {
    search_editing_ = false;
    platform::end_text_input();
  }
  search_tapped_ = false;
  scroll_css_ = {ImGui::GetScrollY() / theme_.px(1), ImGui::GetScrollMaxY() / theme_.px(1)};
  ImGui::End();
}

void CitizenApp::draw_header() {
  ImGui::PushFont(theme_.heading());
  ImGui::PushStyleColor(ImGuiCol_Text, theme_.colours().primary);
  const float title_height = ImGui::GetTextLineHeight();
  const float button_height = theme_.px(Theme::kMinTapTargetCss);
  const float top = ImGui::GetCursorPosY();
  ImGui::SetCursorPosY(top + std::max(0.0f, (button_height - title_height) / 2));
  ImGui::TextUnformatted(text(ui_text::kAppName).data());
  ImGui::PopStyleColor();
  ImGui::PopFont();

  // Right-aligned: the settings, then the language switch.
  const std::string language_label(text(ui_text::kOtherLanguage));
  const std::string settings_label(text(ui_text::kSettings));
  const float pad = 2 * theme_.px(12);
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float language_width =
      std::max(ImGui::CalcTextSize(language_label.c_str()).x + pad, button_height);
  const float settings_width =
      std::max(ImGui::CalcTextSize(settings_label.c_str()).x + pad, button_height);
  ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - language_width - settings_width - spacing);
  ImGui::SetCursorPosY(top);
  if (screen_ != Screen::settings && text_button(theme_, record_, "settings", settings_label)) {
    settings_return_ = screen_;
    screen_ = Screen::settings;
  }
  ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - language_width);
  ImGui::SetCursorPosY(top);
  if (text_button(theme_, record_, "language", language_label)) {
    settings_.language =
        settings_.language == core::Language::vi ? core::Language::en : core::Language::vi;
    save_settings();
    changed_ = true;
  }
  wrapped_text(text(ui_text::kTagline), theme_.colours().muted);
  if (screen_ == Screen::catalogue) draw_person_bar();
  gap(theme_, 4);
}

// Whose papers are open, with the lock; or the way to open someone's.
void CitizenApp::draw_person_bar() {
  const Palette& c = theme_.colours();
  if (store_error_) {
    notice_box(theme_, text(ui_text::kStorageFailed), c.warning, c.warning_background);
    return;
  }
  if (!store_) {
    wrapped_text(text(ui_text::kOpeningStorage), c.muted);
    return;
  }
  if (vault_) {
    const std::string lock_label(text(ui_text::kLock));
    const float lock_width = std::max(ImGui::CalcTextSize(lock_label.c_str()).x + 2 * theme_.px(12),
                                      theme_.px(Theme::kMinTapTargetCss));
    const float top = ImGui::GetCursorPosY();
    ImGui::SetCursorPosY(top +
                         (theme_.px(Theme::kMinTapTargetCss) - ImGui::GetTextLineHeight()) / 2);
    ImGui::PushTextWrapPos(ImGui::GetWindowContentRegionMax().x - lock_width - theme_.px(8));
    ImGui::PushStyleColor(ImGuiCol_Text, c.text);
    ImGui::TextWrapped("%s: %s", std::string(text(ui_text::kPeople)).c_str(),
                       vault_->display_name().c_str());
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - lock_width);
    ImGui::SetCursorPosY(top);
    if (text_button(theme_, record_, "vault:lock", lock_label)) {
      lock_vault(false);
      return;
    }
    if (text_button(theme_, record_, "vault:details", text(ui_text::kMyDetails))) open_details();
  } else if (card_button(theme_, record_, "people", text(ui_text::kWhosePapers),
                         text(ui_text::kPeopleHint))) {
    vault_screens_.show(VaultScreens::Page::people);
    vault_return_ = screen_;
    screen_ = Screen::vault;
  }
  const platform::StorageEstimate storage = platform::storage_estimate();
  if (storage.known && storage.quota_bytes > 0 &&
      (storage.quota_bytes - storage.usage_bytes < kLowStorageBytes ||
       storage.usage_bytes > kLowStorageShare * storage.quota_bytes)) {
    notice_box(theme_, text(ui_text::kStorageLow), c.warning, c.warning_background);
  }
}

void CitizenApp::handle_search_text(std::span<const platform::TextEvent> events) {
  for (const platform::TextEvent& event : events) {
    if (event.key != kSearchKey) continue;
    if (event.kind == platform::TextEventKind::changed) {
      search_ = event.value;
    } else {
      search_editing_ = false;
      if (event.kind == platform::TextEventKind::enter) platform::end_text_input();
    }
    changed_ = true;
  }
}

void CitizenApp::draw_drafts() {
  if (!vault_ || (drafts_.empty() && damaged_drafts_.empty())) return;
  const Palette& c = theme_.colours();
  gap(theme_, 6);
  wrapped_text(text(ui_text::kDrafts), c.primary);
  for (const storage::RecordMeta& meta : drafts_) {
    std::string title = meta.label.form_id;
    for (const core::FormCatalogue* list : {&bundles_, &catalogue_}) {
      for (const core::FormSummary& summary : list->forms) {
        if (summary.id == meta.label.form_id) title = std::string(text(summary.title));
      }
    }
    const std::time_t seconds = static_cast<std::time_t>(meta.updated_at_ms / 1000);
    std::tm local{};
    localtime_r(&seconds, &local);
    char when[64];
    std::strftime(when, sizeof when, "%H:%M %d/%m/%Y", &local);
    if (card_button(theme_, record_, "draft:" + meta.label.id, title,
                    std::string(text(ui_text::kSavedAt)) + " " + when)) {
      open_draft(meta);
      return;
    }
  }
  for (const storage::DamagedRecord& damaged : damaged_drafts_) {
    notice_box(theme_, text(damaged.error.message), c.error, c.error_background);
  }
}

void CitizenApp::draw_catalogue() {
  const Palette& c = theme_.colours();
  if (form_error_) {
    notice_box(theme_, text(form_error_->message), c.error, c.error_background);
  }
  draw_outbox_card();
  draw_drafts();
  gap(theme_, 6);
  ImGui::PushFont(theme_.heading());
  wrapped_text(text(ui_text::kChooseProcedure), c.text);
  ImGui::PopFont();

  if (search_box(theme_, record_, kSearchKey, text(ui_text::kSearchProcedures), search_,
                 search_editing_, search_rect_)) {
    search_tapped_ = true;
    search_editing_ = true;
  }
  auto matches = [&](const core::FormSummary& form) {
    return search_.empty() || core::search_matches(search_, form.title.vi) ||
           core::search_matches(search_, form.title.en);
  };
  auto open = [&](const core::FormSummary& form, bool bundle) {
    if (search_editing_) {
      search_editing_ = false;
      platform::end_text_input();
    }
    open_intro(form, bundle);
  };

  if (catalogue_.forms.empty()) wrapped_text(text(ui_text::kNoForms), c.muted);
  size_t shown = 0;
  // Bundles first: one filing for a life event (a birth, a death).
  bool bundles_heading = false;
  for (const core::FormSummary& bundle : bundles_.forms) {
    if (!matches(bundle)) continue;
    if (!bundles_heading) {
      gap(theme_, 6);
      wrapped_text(text(ui_text::kBundles), c.primary);
      wrapped_text(text(ui_text::kBundleHint), c.muted);
      bundles_heading = true;
    }
    ++shown;
    if (card_button(theme_, record_, "bundle:" + bundle.id, text(bundle.title),
                    text(bundle.agency_name))) {
      open(bundle, true);
      return;
    }
  }
  for (const Topic& topic : kTopics) {
    bool heading_drawn = false;
    for (const core::FormSummary& form : catalogue_.forms) {
      if (&topic_of(form) != &topic || !matches(form)) continue;
      if (!heading_drawn) {
        gap(theme_, 6);
        wrapped_text(text(topic.name), c.primary);
        heading_drawn = true;
      }
      ++shown;
      if (card_button(theme_, record_, "form:" + form.id, text(form.title),
                      text(form.agency_name))) {
        open(form, false);
        return;
      }
    }
  }
  if (shown == 0 && !catalogue_.forms.empty()) wrapped_text(text(ui_text::kNoMatch), c.muted);

  for (const core::FormCatalogue* list : {&bundles_, &catalogue_}) {
    if (list->errors.empty()) continue;
    gap(theme_, 8);
    wrapped_text(text(ui_text::kCatalogueErrors), c.warning);
    for (const core::Error& error : list->errors) {
      wrapped_text("• " + error.where + ": " + std::string(text(error.message)), c.warning);
    }
  }
  gap(theme_, 24);
}

void CitizenApp::open_intro(const core::FormSummary& summary, bool bundle) {
  form_error_.reset();
  form_notice_.reset();
  auto filing =
      bundle ? Filing::open_bundle(summary, catalogue_, forms_dir_, data_sets(), device_today())
             : Filing::open_form(summary, forms_dir_, data_sets(), device_today());
  if (!filing) {
    form_error_ = filing.error();
    return;
  }
  filing_ = std::move(filing).value();
  draft_id_.clear();
  screen_ = Screen::intro;
}

void CitizenApp::draw_intro() {
  const Palette& c = theme_.colours();
  if (!filing_) {
    screen_ = Screen::catalogue;
    return;
  }
  if (text_button(theme_, record_, "back", text(ui_text::kBack))) {
    screen_ = Screen::catalogue;
    filing_.reset();
    return;
  }
  const core::FormSummary& form = filing_->summary();
  ImGui::PushFont(theme_.heading());
  wrapped_text(text(form.title), c.text);
  ImGui::PopFont();
  labelled_text(theme_, text(ui_text::kAgency), text(form.agency_name));
  labelled_text(theme_, text(ui_text::kLegalBasis), text(form.legal_basis));
  labelled_text(theme_, text(ui_text::kEffectiveFrom),
                core::format_display_date(form.effective_date));
  labelled_text(theme_, text(ui_text::kFormVersion), form.version);
  if (filing_->is_bundle()) {
    gap(theme_, 8);
    wrapped_text(text(ui_text::kBundleProcedures), c.primary);
    for (const Filing::Procedure& procedure : filing_->procedures()) {
      std::string label(text(procedure.title));
      if (procedure.optional) label += " " + std::string(text(ui_text::kOptional));
      // Required procedures show as ticked and cannot be unticked.
      if (choice_row(theme_, record_, "procedure:" + procedure.form_id, label, procedure.chosen,
                     true) &&
          procedure.optional) {
        filing_->choose(procedure.form_id, !procedure.chosen);
        changed_ = true;
      }
    }
  }
  gap(theme_, 12);
  if (action_button(theme_, record_, "start", text(ui_text::kStartForm), true)) start_filing();
  gap(theme_, 24);
}

void CitizenApp::start_filing() {
  if (!filing_) return;
  if (!vault_) {
    // Drafts belong to a person: choose (or create) whose papers these are.
    if (!store_) return;  // storage still opening, or unavailable (shown in the header)
    start_after_unlock_ = true;
    vault_screens_.show(VaultScreens::Page::people);
    vault_return_ = Screen::intro;
    screen_ = Screen::vault;
    return;
  }
  filing_->set_photos(&photos_);
  filing_->start();
  auto profile = storage::load_profile(*vault_);
  if (profile && profile.value()) filing_->prefill(prefill_of(*profile.value()));
  draft_id_.clear();
  seen_revision_ = saved_revision_ = filing_->revision();
  save_error_.reset();
  save_draft();  // the draft exists from the first moment, in the person's list
  screen_ = Screen::form;
}

void CitizenApp::draw_save_status() {
  if (!vault_ || !filing_) return;
  const Palette& c = theme_.colours();
  std::string line = vault_->display_name() + " · ";
  unsigned colour = c.muted;
  switch (save_status()) {
    case SaveStatus::saving:
      line += text(ui_text::kSaving);
      break;
    case SaveStatus::saved:
      line += text(ui_text::kSaved);
      colour = c.success;
      break;
    case SaveStatus::failed:
      line += std::string(text(ui_text::kSaveFailed)) + " " +
              (save_error_ ? std::string(text(save_error_->message))
                           : platform::persistent_folder_error());
      colour = c.error;
      break;
    case SaveStatus::idle:
      break;
  }
  wrapped_text(line, colour);
  if (form_notice_) notice_box(theme_, text(*form_notice_), c.text, c.card_pressed);
}

void CitizenApp::draw_draft_readonly() {
  const Palette& c = theme_.colours();
  if (text_button(theme_, record_, "back", text(ui_text::kBack))) {
    screen_ = Screen::catalogue;
    readonly_meta_.reset();
    readonly_text_.clear();
    form_error_.reset();
    return;
  }
  if (!readonly_meta_) return;
  std::string current_version = "—";
  for (const core::FormCatalogue* list : {&bundles_, &catalogue_}) {
    for (const core::FormSummary& summary : list->forms) {
      if (summary.id == readonly_meta_->label.form_id) current_version = summary.version;
    }
  }
  const std::string explanation = ui_text::fill(
      text(ui_text::kDraftOtherVersion), {readonly_meta_->label.form_version, current_version});
  notice_box(theme_, explanation, c.warning, c.warning_background);
  if (form_error_) wrapped_text(text(form_error_->message), c.muted);
  gap(theme_, 8);
  ImGui::PushStyleColor(ImGuiCol_Text, c.text);
  ImGui::TextWrapped("%s", readonly_text_.c_str());
  ImGui::PopStyleColor();
  gap(theme_, 24);
}

void CitizenApp::draw_settings() {
  const Palette& c = theme_.colours();
  if (text_button(theme_, record_, "back", text(ui_text::kBack))) {
    screen_ = settings_return_;
    return;
  }
  ImGui::PushFont(theme_.heading());
  wrapped_text(text(ui_text::kSettings), c.text);
  ImGui::PopFont();

  gap(theme_, 6);
  wrapped_text(text(ui_text::kLanguage), c.text);
  if (choice_row(theme_, record_, "settings:language:vi", "Tiếng Việt",
                 settings_.language == core::Language::vi, false)) {
    settings_.language = core::Language::vi;
    save_settings();
    changed_ = true;
  }
  if (choice_row(theme_, record_, "settings:language:en", "English",
                 settings_.language == core::Language::en, false)) {
    settings_.language = core::Language::en;
    save_settings();
    changed_ = true;
  }
  gap(theme_, 6);
  wrapped_text(text(ui_text::kTextSize), c.text);
  for (int step = 0; step < Theme::kTextScaleCount; ++step) {
    if (choice_row(theme_, record_, "settings:text-size:" + std::to_string(step),
                   text(ui_text::kTextSizes[step]), settings_.text_size == step, false)) {
      settings_.text_size = step;
      save_settings();
      changed_ = true;
    }
  }
  gap(theme_, 6);
  if (choice_row(theme_, record_, "settings:contrast", text(ui_text::kContrast),
                 settings_.high_contrast, true)) {
    settings_.high_contrast = !settings_.high_contrast;
    save_settings();
    changed_ = true;
  }
  wrapped_text(text(ui_text::kContrastHint), c.muted);

  gap(theme_, 6);
  wrapped_text(text(ui_text::kLockAfter), c.text);
  for (const int minutes : kLockMinutes) {
    const std::string label = ui_text::fill(text(ui_text::kLockMinutes), {std::to_string(minutes)});
    if (choice_row(theme_, record_, "settings:lock:" + std::to_string(minutes), label,
                   settings_.lock_minutes == minutes, false)) {
      settings_.lock_minutes = minutes;
      save_settings();
      if (vault_) start_idle_lock();  // the new time counts from now
      changed_ = true;
    }
  }
  wrapped_text(text(ui_text::kLockHint), c.muted);

  gap(theme_, 12);
  wrapped_text(text(ui_text::kStorageTitle), c.text);
  const platform::StorageEstimate storage = platform::storage_estimate();
  if (store_error_) {
    wrapped_text(text(ui_text::kStorageFailed), c.warning);
  } else if (storage.known) {
    wrapped_text(text(storage.persisted ? ui_text::kStoragePersisted : ui_text::kStorageBestEffort),
                 storage.persisted ? c.muted : c.warning);
    if (storage.quota_bytes > 0) {
      char used[32], quota[32];
      std::snprintf(used, sizeof used, "%.1f", storage.usage_bytes / 1e6);
      std::snprintf(quota, sizeof quota, "%.0f", storage.quota_bytes / 1e6);
      const std::string usage = ui_text::fill(text(ui_text::kStorageUsage), {used, quota});
      wrapped_text(usage, c.muted);
    }
  }
  if (const auto note = catalogue_updates_.volunteer_note()) wrapped_text(text(*note), c.warning);
  draw_backup();
  gap(theme_, 24);
}

void CitizenApp::open_details() {
  if (!vault_) return;
  details_error_.reset();
  if (!details_form_) {
    const std::string source = "app/thong-tin-ca-nhan.json";
    const auto text_file = core::read_text_file(forms_dir_ + "/" + source);
    if (!text_file) {
      form_error_ = core::Error{"form.unreadable",
                                {std::string(ui_text::kFormUnreadable.vi) + " " + source,
                                 std::string(ui_text::kFormUnreadable.en) + " " + source}};
      return;
    }
    auto form = core::load_form_definition(*text_file, source);
    if (!form) {
      form_error_ = form.error();
      return;
    }
    details_form_ = std::make_unique<core::FormDefinition>(std::move(form).value());
  }
  auto profile = storage::load_profile(*vault_);
  if (!profile) {
    form_error_ = profile.error();
    return;
  }
  details_profile_ = profile.value().value_or(storage::PersonProfile{});
  details_ = std::make_unique<FormScreen>(*details_form_, data_sets(), device_today());
  details_->set_purpose(FormScreen::Purpose::details);
  details_->session().prefill(prefill_of(details_profile_));
  if (!details_profile_.address.empty()) {
    (void)details_->session().set_answer("address", -1,
                                         core::expr::Value(details_profile_.address));
  }
  details_saved_revision_ = details_->revision();
  form_error_.reset();
  screen_ = Screen::details;
}

void CitizenApp::save_details() {
  if (!details_ || !vault_) return;
  storage::PersonProfile person = details_profile_;  // keeps what this build does not show
  const nlohmann::json answers = details_->session().answers_json();
  const std::pair<const char*, std::string*> keys[] = {{"full_name", &person.full_name},
                                                       {"personal_id", &person.personal_id},
                                                       {"date_of_birth", &person.date_of_birth},
                                                       {"sex", &person.sex},
                                                       {"phone", &person.phone},
                                                       {"email", &person.email},
                                                       {"commune", &person.commune},
                                                       {"address", &person.address}};
  for (const auto& [key, value] : keys) {
    const auto it = answers.find(key);
    *value = (it != answers.end() && it->is_string()) ? it->get<std::string>() : std::string();
  }
  details_saved_revision_ = details_->revision();
  if (person == details_profile_) return;
  auto saved = storage::save_profile(*vault_, person);
  if (!saved) {
    details_error_ = saved.error();
    return;
  }
  details_error_.reset();
  details_profile_ = std::move(person);
  save_ticket_ = std::max(save_ticket_, platform::save_persistent_folder());
}

void CitizenApp::close_details() {
  save_details();
  if (details_) details_->stop_editing();
  details_.reset();
  screen_ = Screen::catalogue;
}

// A backup of the open person's papers: one encrypted file to keep or to
// bring to a new phone (VaultScreens' "bring back a backup").
void CitizenApp::draw_backup() {
  const Palette& c = theme_.colours();
  gap(theme_, 12);
  wrapped_text(text(ui_text::kBackupTitle), c.text);
  if (!vault_) {
    wrapped_text(text(ui_text::kBackupNeedsPerson), c.muted);
    return;
  }
  wrapped_text(ui_text::fill(text(ui_text::kBackupExplain), {vault_->display_name()}), c.muted);
  if (backup_notice_) notice_box(theme_, *backup_notice_, c.text, c.card_pressed);
  if (backup_error_) {
    notice_box(theme_, text(backup_error_->message), c.error, c.error_background);
  }
  gap(theme_, 4);
  if (action_button(theme_, record_, "settings:backup", text(ui_text::kBackupMake), false)) {
    make_backup();
  }
  gap(theme_, 12);
  wrapped_text(text(ui_text::kChangeSecret), c.text);
  wrapped_text(text(ui_text::kChangeSecretHint), c.muted);
  if (secret_changed_) {
    notice_box(theme_, text(ui_text::kSecretChanged), c.success, c.card_pressed);
  }
  if (action_button(theme_, record_, "settings:change-secret", text(ui_text::kChangeSecret),
                    false)) {
    secret_changed_ = false;
    vault_screens_.show(VaultScreens::Page::change, vault_->id());
    vault_return_ = Screen::settings;
    screen_ = Screen::vault;
  }
}

void CitizenApp::make_backup() {
  backup_notice_.reset();
  backup_error_.reset();
  save_draft();  // what is on screen goes in too
  auto file = vault_->export_file();
  if (!file) {
    backup_error_ = file.error();
    return;
  }
  // The name tells people apart on a helper's phone; it holds only the name
  // the owner chose to show in the list, folded to plain letters.
  std::string slug;
  for (const char ch : core::search_key(vault_->display_name())) {
    const bool keep = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
    if (keep) {
      slug += ch;
    } else if (!slug.empty() && slug.back() != '-') {
      slug += '-';
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  const std::time_t seconds = static_cast<std::time_t>(now_ms() / 1000);
  std::tm local{};
  localtime_r(&seconds, &local);
  char date[16];
  std::strftime(date, sizeof date, "%Y-%m-%d", &local);
  const std::string name =
      "to-khai-" + (slug.empty() ? std::string() : slug + "-") + date + ".tokhai";
  platform::offer_download(name, "application/octet-stream", file.value().bytes);
  std::string notice = ui_text::fill(
      text(ui_text::kBackupMade),
      {name, std::to_string(file.value().record_count), std::to_string(file.value().bytes.size())});
  if (!file.value().left_out.empty()) {
    notice += " ";
    notice += ui_text::fill(text(ui_text::kBackupLeftOut),
                            {std::to_string(file.value().left_out.size())});
  }
  backup_notice_ = std::move(notice);
  last_backup_ = {{"file", name},
                  {"records", file.value().record_count},
                  {"bytes", file.value().bytes.size()},
                  {"left_out", file.value().left_out.size()}};
  changed_ = true;
}

// ---------------------------------------------------------------------------
// Sending: the outbox, "Ký và gửi"
// ---------------------------------------------------------------------------

void CitizenApp::open_outbox() {
  close_outbox();
  outbox_error_.reset();
  if (!vault_) return;
  if (server_public_key_.empty()) return;  // this build cannot send (the send page says so)
  sync::OutboxOptions options;
  options.server_public_key = server_public_key_;
  auto outbox = sync::Outbox::open(*vault_, transport_, sync_clock_, sync_random_, options);
  if (!outbox) {
    outbox_error_ = outbox.error();
    return;
  }
  outbox_ = std::move(outbox).value();
  // Every change (a state, a receipt, progress) is drawn, and what the vault
  // holds is written out: a receipt is durable as soon as it arrived.
  const auto changed = [this] {
    changed_ = true;
    if (store_) save_ticket_ = std::max(save_ticket_, platform::save_persistent_folder());
    platform::request_frame();
  };
  outbox_->set_change_listener(changed);
  auto statuses = sync::StatusLookup::open(*vault_, transport_, sync_clock_);
  if (statuses) {
    statuses_ = std::move(statuses).value();
    statuses_->set_change_listener(changed);
  } else {
    outbox_error_ = statuses.error();
  }
  pump_outbox();  // the unlock trigger: what waited is sent now
}

void CitizenApp::close_outbox() {
  statuses_.reset();
  outbox_.reset();
}

void CitizenApp::pump_outbox() {
  if (!outbox_) return;
  outbox_->pump();
  if (const auto next = outbox_->next_wake_monotonic_ms()) {
    // Never a busy loop: what is due now was just started by pump().
    const std::int64_t delay_ms = std::max<std::int64_t>(100, *next - sync_clock_.monotonic_ms());
    wake_at(now_ms() + delay_ms);
  }
}

void CitizenApp::network_changed(bool online) {
  online_ = online;
  changed_ = true;
  catalogue_updates_.network_changed(online);
  if (!online || !outbox_) return;
  outbox_->network_online();
  // The status of the dossier on screen is asked again too.
  if (screen_ == Screen::outbox_item && statuses_) {
    if (const sync::OutboxItem* item = outbox_->find(outbox_item_id_)) statuses_->refresh(*item);
  }
  pump_outbox();
}

void CitizenApp::sign_and_send() {
  if (!vault_ || !filing_ || !outbox_) return;
  send_page_.set_error(std::nullopt);
  auto keys = storage::ensure_signing_key(*vault_);
  if (!keys) {
    send_page_.set_error(keys.error());
    return;
  }
  save_draft();
  // Every envelope is built before any is queued: a part that cannot be
  // signed sends nothing.
  struct Built {
    std::string id, text;
    std::vector<std::string> attachment_ids;  // the sealed photos in the vault
  };
  std::vector<Built> envelopes;
  for (const Filing::SendPart& part : filing_->send_parts()) {
    const core::FormSummary& form = part.definition->summary;
    auto agency_key = crypto::from_base64(part.definition->agency_public_key);
    if (!agency_key) {
      send_page_.set_error(agency_key.error());
      return;
    }
    wire::EnvelopeContent content;
    content.id = wire::new_submission_id();
    content.form = {form.id, form.version,
                    crypto::Bytes(part.definition_sha256.begin(), part.definition_sha256.end())};
    content.created_at = core::format_utc_timestamp(std::time(nullptr));
    content.agency_public_key = std::move(agency_key).value();
    // Each page photo is sealed to this part's agency for its place in the
    // envelope; the answer names the places ("giay_chung_sinh": [0, 1]), the
    // envelope lists the sealed files.
    nlohmann::json answers = part.answers;
    Built built{content.id, {}, {}};
    for (const core::FieldDefinition& field : part.definition->fields) {
      if (field.type != core::FieldType::attachment || !field.group.empty()) continue;
      const nlohmann::json* pages = core::json_member(answers, field.id);
      if (pages == nullptr || !pages->is_array()) continue;
      nlohmann::json places = nlohmann::json::array();
      for (const nlohmann::json& page : *pages) {
        if (!page.is_string()) continue;
        const auto index = static_cast<std::uint32_t>(content.attachments.size());
        auto sealed =
            sync::seal_stored_photo(*vault_, page.get<std::string>(), content.agency_public_key,
                                    content.id, index, content.id + "-" + std::to_string(index));
        if (!sealed) {
          send_page_.set_error(sealed.error());
          return;
        }
        content.attachments.push_back(sealed.value().entry);
        built.attachment_ids.push_back(sealed.value().stored.id);
        places.push_back(index);
      }
      answers[field.id] = std::move(places);
    }
    auto payload = wire::encode_filing_payload(answers);
    if (!payload) {
      send_page_.set_error(payload.error());
      return;
    }
    auto envelope = wire::build_envelope(content, payload.value(), keys.value());
    if (!envelope) {
      send_page_.set_error(envelope.error());
      return;
    }
    built.text = wire::envelope_text(envelope.value());
    envelopes.push_back(std::move(built));
  }
  nlohmann::json filed{{"format", "tokhai-filed/1"},
                       {"draft", filing_->draft_json()},
                       {"submissions", nlohmann::json::array()}};
  for (const Built& built : envelopes) {
    auto added = outbox_->add(built.text, built.attachment_ids);
    if (!added) {
      send_page_.set_error(added.error());
      return;
    }
    filed["submissions"].push_back(built.id);
  }
  // The draft leaves the list of forms in progress; its answers stay, sealed
  // in the vault, beside the envelopes that carry them to the agency.
  if (!draft_id_.empty()) {
    const std::string text = filed.dump();
    auto kept = vault_->put(
        {std::string(kFiledKind), draft_id_, filing_->summary().id, filing_->summary().version},
        crypto::as_bytes(text));
    if (kept) (void)vault_->remove(kDraftKind, draft_id_);
  }
  save_ticket_ = std::max(save_ticket_, platform::save_persistent_folder());
  outbox_item_id_ = envelopes.front().id;
  filing_.reset();
  draft_id_.clear();
  form_notice_.reset();
  refresh_drafts();
  outbox_return_ = Screen::catalogue;
  screen_ = Screen::outbox_item;
  pump_outbox();
}

// On the catalogue, once something was signed: the way to the outbox.
void CitizenApp::draw_outbox_card() {
  if (!vault_ || ((!outbox_ || outbox_->items().empty()) && !outbox_error_)) return;
  std::size_t waiting = 0;
  if (outbox_) {
    for (const sync::OutboxItem& item : outbox_->items()) {
      if (item.state == sync::OutboxState::queued || item.state == sync::OutboxState::sending) {
        ++waiting;
      }
    }
  }
  const std::size_t count = outbox_ ? outbox_->items().size() : 0;
  gap(theme_, 6);
  if (card_button(theme_, record_, "outbox", text(ui_text::kOutboxTitle),
                  ui_text::fill(text(ui_text::kOutboxSummary),
                                {std::to_string(count), std::to_string(waiting)}))) {
    outbox_return_ = Screen::catalogue;
    screen_ = Screen::outbox;
  }
}

OutboxView CitizenApp::outbox_view() const {
  OutboxView view;
  view.outbox = outbox_.get();
  view.statuses = statuses_.get();
  view.problem = &outbox_error_;
  view.online = online_;
  view.title_of = [this](std::string_view form_id) -> core::LocalizedText {
    for (const core::FormCatalogue* list : {&catalogue_, &bundles_}) {
      for (const core::FormSummary& summary : list->forms) {
        if (summary.id == form_id) return summary.title;
      }
    }
    return {std::string(form_id), std::string(form_id)};
  };
  return view;
}

std::string CitizenApp::state_json() const {
  nlohmann::json state;
  const char* screens[] = {"catalogue",      "intro",   "form", "settings", "vault",
                           "draft_readonly", "details", "send", "outbox",   "outbox_item"};
  state["screen"] = screens[static_cast<int>(screen_)];
  state["language"] = core::language_code(settings_.language);
  state["settings"] = {{"language", core::language_code(settings_.language)},
                       {"text_size", settings_.text_size},
                       {"high_contrast", settings_.high_contrast},
                       {"lock_minutes", settings_.lock_minutes}};
  state["search"] = search_;
  state["forms"] = nlohmann::json::array();
  for (const core::FormSummary& form : catalogue_.forms) {
    state["forms"].push_back(
        {{"id", form.id}, {"version", form.version}, {"title", text(form.title)}});
  }
  state["bundles"] = nlohmann::json::array();
  for (const core::FormSummary& bundle : bundles_.forms) {
    state["bundles"].push_back(
        {{"id", bundle.id}, {"version", bundle.version}, {"title", text(bundle.title)}});
  }
  state["photos"] = photos_.state_json();
  state["form"] = nullptr;
  if (screen_ == Screen::details && details_) {
    state["form"] = details_->state_json();
  } else if (screen_ == Screen::form && filing_) {
    state["form"] = filing_->state_json();
  } else if (filing_) {
    state["form"] = {{"id", filing_->summary().id},
                     {"version", filing_->summary().version},
                     {"title", text(filing_->summary().title)},
                     {"bundle", filing_->is_bundle()}};
  }
  state["form_error"] =
      form_error_ ? nlohmann::json{{"code", form_error_->code}, {"where", form_error_->where}}
                  : nlohmann::json(nullptr);

  // The vault: never a secret, never a key; what the screen says.
  nlohmann::json vault;
  const platform::FolderState folder = platform::persistent_folder_state();
  vault["storage"] = store_error_                              ? "failed"
                     : store_                                  ? "ready"
                     : folder == platform::FolderState::failed ? "failed"
                                                               : "opening";
  vault["unlocked"] = vault_.has_value();
  vault["id"] = vault_ ? nlohmann::json(vault_->id()) : nlohmann::json(nullptr);
  vault["name"] = vault_ ? nlohmann::json(vault_->display_name()) : nlohmann::json(nullptr);
  vault["screens"] = vault_screens_.state_json();
  vault["drafts"] = nlohmann::json::array();
  for (const auto& meta : drafts_) {
    vault["drafts"].push_back({{"id", meta.label.id},
                               {"form", meta.label.form_id},
                               {"version", meta.label.form_version},
                               {"updated_at_ms", meta.updated_at_ms}});
  }
  vault["damaged_drafts"] = damaged_drafts_.size();
  vault["backup"] = last_backup_;
  vault["secret_changed"] = secret_changed_;
  const char* statuses[] = {"idle", "saving", "saved", "failed"};
  vault["save"] = {{"status", statuses[static_cast<int>(save_status())]},
                   {"draft", draft_id_},
                   {"ticket", save_ticket_},
                   {"durable", platform::durable_save_ticket()},
                   {"saves", saves_},
                   {"saved_at_ms", last_saved_ms_}};
  const platform::StorageEstimate estimate = platform::storage_estimate();
  vault["estimate"] = {{"known", estimate.known},
                       {"persisted", estimate.persisted},
                       {"usage_bytes", estimate.usage_bytes},
                       {"quota_bytes", estimate.quota_bytes}};
  state["vault"] = std::move(vault);
  state["outbox"] = outbox_state_json(outbox_view());
  state["outbox"]["item"] =
      screen_ == Screen::outbox_item ? nlohmann::json(outbox_item_id_) : nlohmann::json(nullptr);
  state["send"] = screen_ == Screen::send ? send_page_.state_json() : nlohmann::json(nullptr);

  state["controls"] = nlohmann::json::array();
  for (const VisibleControl& control : record_.controls()) {
    state["controls"].push_back(
        {{"id", control.id}, {"label", control.label}, {"rect", rect_json(control.rect)}});
  }
  state["catalogue_errors"] = nlohmann::json::array();
  for (const core::FormCatalogue* list : {&catalogue_, &bundles_}) {
    for (const core::Error& error : list->errors) {
      state["catalogue_errors"].push_back(
          {{"code", error.code},
           {"where", error.where},
           {"message", {{"vi", error.message.vi}, {"en", error.message.en}}}});
    }
  }
  state["form_updates"] = catalogue_updates_.state_json();
  state["viewport"] = {{"css_width", viewport_.css_width},
                       {"css_height", viewport_.css_height},
                       {"device_pixel_ratio", viewport_.device_pixel_ratio}};
  // How far the screen is scrolled, and how far it can be (CSS px): tests
  // know the end of a page that has no controls near it.
  state["scroll"] = {{"y", scroll_css_[0]}, {"max", scroll_css_[1]}};
  state["frames_drawn"] = frames_drawn_;
  // More frames are coming (layout settling, input waiting): what `controls`
  // lists may be the last frame's, not the screen's final layout.
  state["settling"] = settle_frames_ > 0;
  state["last_frame_ms"] = last_frame_ms_;
  return state.dump();
}

}  // namespace tokhai::app
