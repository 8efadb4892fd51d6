// The citizen's screens (see citizen_app.h).
#include "app/citizen_app.h"

#include <GLES3/gl3.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <iterator>
#include <nlohmann/json.hpp>
#include <vector>

#include "app/ui_text.h"
#include "core/dates.h"
#include "core/text/unicode.h"
#include "core/text_file.h"
#include "platform/preferences.h"
#include "platform/text_input.h"

namespace tokhai::app {
namespace {

// ImGui needs a few frames after a change for layout to settle (sizes measured
// in one frame are used in the next).
constexpr int kSettleFrames = 3;
constexpr float kMaxContentWidthCss = 640;
constexpr const char* kSearchKey = "catalogue:search";

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

}  // namespace

CitizenApp::CitizenApp(core::FormCatalogue catalogue, std::string forms_dir, Theme theme)
    : catalogue_(std::move(catalogue)), forms_dir_(std::move(forms_dir)), theme_(std::move(theme)) {
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
}

CitizenApp::~CitizenApp() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui::DestroyContext();
}

void CitizenApp::save_settings() const {
  platform::save_preference("language", core::language_code(settings_.language));
  platform::save_preference("text_size", std::to_string(settings_.text_size));
  platform::save_preference("high_contrast", settings_.high_contrast ? "1" : "0");
}

bool CitizenApp::draw_frame(const platform::Viewport& viewport, const platform::FrameInput& input,
                            double time_s) {
  const auto started = std::chrono::steady_clock::now();
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

  pointer_.enqueue(input.pointer);
  const bool input_waiting = pointer_.apply_to(io, dt);
  handle_search_text(input.text);
  if (form_screen_ && screen_ == Screen::form) form_screen_->handle_text(input.text);

  ImGui_ImplOpenGL3_NewFrame();
  ImGui::NewFrame();
  record_.clear();
  changed_ = false;
  const bool viewport_changed = !(viewport == viewport_);
  const UiFrame ui{theme_, record_, settings_.language, pointer_.tapped(), viewport_changed};
  draw_screen(ui);
  ImGui::Render();

  glViewport(0, 0, viewport.pixel_width, viewport.pixel_height);
  const ImVec4 background = ImGui::ColorConvertU32ToFloat4(theme_.colours().background);
  glClearColor(background.x, background.y, background.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  ++frames_drawn_;

  const bool busy = form_screen_ && screen_ == Screen::form && form_screen_->wants_frame();
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
    case Screen::form_intro:
      draw_header();
      if (open_form_) draw_form_intro(catalogue_.forms[*open_form_]);
      break;
    case Screen::settings:
      draw_header();
      draw_settings();
      break;
    case Screen::form:
      if (form_screen_ && form_screen_->draw(ui) == FormScreen::Outcome::leave) {
        screen_ = Screen::catalogue;
        form_screen_.reset();
        definition_.reset();
        open_form_.reset();
      }
      break;
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
  gap(theme_, 4);
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

void CitizenApp::draw_catalogue() {
  const Palette& c = theme_.colours();
  ImGui::PushFont(theme_.heading());
  wrapped_text(text(ui_text::kChooseProcedure), c.text);
  ImGui::PopFont();

  if (search_box(theme_, record_, kSearchKey, text(ui_text::kSearchProcedures), search_,
                 search_editing_, search_rect_)) {
    search_tapped_ = true;
    search_editing_ = true;
  }

  if (catalogue_.forms.empty()) wrapped_text(text(ui_text::kNoForms), c.muted);
  size_t shown = 0;
  for (const Topic& topic : kTopics) {
    bool heading_drawn = false;
    for (size_t i = 0; i < catalogue_.forms.size(); ++i) {
      const core::FormSummary& form = catalogue_.forms[i];
      if (&topic_of(form) != &topic) continue;
      if (!search_.empty() && !core::search_matches(search_, form.title.vi) &&
          !core::search_matches(search_, form.title.en)) {
        continue;
      }
      if (!heading_drawn) {
        gap(theme_, 6);
        wrapped_text(text(topic.name), c.primary);
        heading_drawn = true;
      }
      ++shown;
      if (card_button(theme_, record_, "form:" + form.id, text(form.title),
                      text(form.agency_name))) {
        open_form_ = i;
        screen_ = Screen::form_intro;
        form_error_.reset();
        if (search_editing_) {
          search_editing_ = false;
          platform::end_text_input();
        }
      }
    }
  }
  if (shown == 0 && !catalogue_.forms.empty()) wrapped_text(text(ui_text::kNoMatch), c.muted);

  if (!catalogue_.errors.empty()) {
    gap(theme_, 8);
    wrapped_text(text(ui_text::kCatalogueErrors), c.warning);
    for (const core::Error& error : catalogue_.errors) {
      wrapped_text("• " + error.where + ": " + std::string(text(error.message)), c.warning);
    }
  }
  gap(theme_, 24);
}

void CitizenApp::draw_form_intro(const core::FormSummary& form) {
  const Palette& c = theme_.colours();
  if (text_button(theme_, record_, "back", text(ui_text::kBack))) {
    screen_ = Screen::catalogue;
    open_form_.reset();
    return;
  }
  ImGui::PushFont(theme_.heading());
  wrapped_text(text(form.title), c.text);
  ImGui::PopFont();
  labelled_text(theme_, text(ui_text::kAgency), text(form.agency_name));
  labelled_text(theme_, text(ui_text::kLegalBasis), text(form.legal_basis));
  labelled_text(theme_, text(ui_text::kEffectiveFrom),
                core::format_display_date(form.effective_date));
  labelled_text(theme_, text(ui_text::kFormVersion), form.version);
  gap(theme_, 12);
  if (form_error_) {
    notice_box(
        theme_,
        std::string(text(ui_text::kFormUnreadable)) + " " + std::string(text(form_error_->message)),
        c.error, c.error_background);
    gap(theme_, 8);
  }
  if (action_button(theme_, record_, "start", text(ui_text::kStartForm), true)) open_form(form);
  gap(theme_, 24);
}

void CitizenApp::open_form(const core::FormSummary& summary) {
  if (!data_ && !data_error_) {
    auto data = core::FormDataSets::load(forms_dir_ + "/data");
    if (data) {
      data_.emplace(std::move(data).value());
    } else {
      data_error_ = data.error();
    }
  }
  const auto text_of_file = core::read_text_file(forms_dir_ + "/" + summary.source);
  if (!text_of_file) {
    form_error_ = core::Error{"form.unreadable",
                              {"Không đọc được tệp biểu mẫu.", "The form file cannot be read."},
                              summary.source};
    return;
  }
  auto definition = core::load_form_definition(*text_of_file, summary.source);
  if (!definition) {
    form_error_ = definition.error();
    return;
  }
  definition_ = std::make_unique<core::FormDefinition>(std::move(definition).value());
  form_screen_ =
      std::make_unique<FormScreen>(*definition_, data_ ? &*data_ : nullptr, device_today());
  screen_ = Screen::form;
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
  gap(theme_, 24);
}

std::string CitizenApp::state_json() const {
  nlohmann::json state;
  const char* screens[] = {"catalogue", "form_intro", "form", "settings"};
  state["screen"] = screens[static_cast<int>(screen_)];
  state["language"] = core::language_code(settings_.language);
  state["settings"] = {{"language", core::language_code(settings_.language)},
                       {"text_size", settings_.text_size},
                       {"high_contrast", settings_.high_contrast}};
  state["search"] = search_;
  state["forms"] = nlohmann::json::array();
  for (const core::FormSummary& form : catalogue_.forms) {
    state["forms"].push_back(
        {{"id", form.id}, {"version", form.version}, {"title", text(form.title)}});
  }
  state["form"] = nullptr;
  if (screen_ == Screen::form && form_screen_) {
    state["form"] = form_screen_->state_json();
  } else if (open_form_) {
    const core::FormSummary& form = catalogue_.forms[*open_form_];
    state["form"] = {{"id", form.id}, {"version", form.version}, {"title", text(form.title)}};
  }
  state["form_error"] =
      form_error_ ? nlohmann::json{{"code", form_error_->code}, {"where", form_error_->where}}
                  : nlohmann::json(nullptr);
  state["controls"] = nlohmann::json::array();
  for (const VisibleControl& control : record_.controls()) {
    state["controls"].push_back(
        {{"id", control.id}, {"label", control.label}, {"rect", rect_json(control.rect)}});
  }
  state["catalogue_errors"] = nlohmann::json::array();
  for (const core::Error& error : catalogue_.errors) {
    state["catalogue_errors"].push_back(
        {{"code", error.code},
         {"where", error.where},
         {"message", {{"vi", error.message.vi}, {"en", error.message.en}}}});
  }
  state["viewport"] = {{"css_width", viewport_.css_width},
                       {"css_height", viewport_.css_height},
                       {"device_pixel_ratio", viewport_.device_pixel_ratio}};
  state["frames_drawn"] = frames_drawn_;
  state["last_frame_ms"] = last_frame_ms_;
  return state.dump();
}

}  // namespace tokhai::app
