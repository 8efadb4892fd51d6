// The citizen's screens (see citizen_app.h).
#include "app/citizen_app.h"

#include <GLES3/gl3.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "app/ui_text.h"
#include "core/dates.h"

namespace tokhai::app {
namespace {

// ImGui needs a few frames after a change for layout to settle (sizes measured
// in one frame are used in the next).
constexpr int kSettleFrames = 3;
constexpr float kMaxContentWidthCss = 640;

nlohmann::json rect_json(const ScreenRect& rect) {
  return {{"x", rect.x}, {"y", rect.y}, {"width", rect.width}, {"height", rect.height}};
}

}  // namespace

CitizenApp::CitizenApp(core::FormCatalogue catalogue, Theme theme)
    : catalogue_(std::move(catalogue)), theme_(std::move(theme)) {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // drafts and settings live in the vault, not in imgui.ini
  io.ConfigFlags |= ImGuiConfigFlags_IsTouchScreen;
  ImGui_ImplOpenGL3_Init("#version 300 es");
  settle_frames_ = kSettleFrames;
}

CitizenApp::~CitizenApp() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui::DestroyContext();
}

bool CitizenApp::draw_frame(const platform::Viewport& viewport,
                            std::span<const platform::PointerEvent> events, double time_s) {
  ImGuiIO& io = ImGui::GetIO();
  if (theme_.apply(viewport.device_pixel_ratio)) {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
  io.DisplaySize =
      ImVec2(static_cast<float>(viewport.pixel_width), static_cast<float>(viewport.pixel_height));
  io.DeltaTime =
      last_time_s_ > 0 ? static_cast<float>(std::max(time_s - last_time_s_, 1e-4)) : 1.0f / 60;
  last_time_s_ = time_s;

  pointer_.enqueue(events);
  const bool input_waiting = pointer_.apply_to(io);

  ImGui_ImplOpenGL3_NewFrame();
  ImGui::NewFrame();
  record_.clear();
  changed_ = false;
  draw_screen();
  ImGui::Render();

  glViewport(0, 0, viewport.pixel_width, viewport.pixel_height);
  const ImVec4 background = ImGui::ColorConvertU32ToFloat4(colour::kBackground);
  glClearColor(background.x, background.y, background.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  ++frames_drawn_;

  if (!events.empty() || input_waiting || changed_ || !(viewport == viewport_)) {
    settle_frames_ = kSettleFrames;
  } else if (settle_frames_ > 0) {
    --settle_frames_;
  }
  viewport_ = viewport;
  return input_waiting || settle_frames_ > 0;
}

void CitizenApp::draw_screen() {
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
  draw_header();
  if (screen_ == Screen::form_intro && open_form_) {
    draw_form_intro(catalogue_.forms[*open_form_]);
  } else {
    draw_catalogue();
  }
  ImGui::End();
}

void CitizenApp::draw_header() {
  ImGui::PushFont(theme_.heading());
  ImGui::PushStyleColor(ImGuiCol_Text, colour::kPrimary);
  const float title_height = ImGui::GetTextLineHeight();
  const float button_height = theme_.px(Theme::kMinTapTargetCss);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + std::max(0.0f, (button_height - title_height) / 2));
  ImGui::TextUnformatted(text(ui_text::kAppName).data());
  ImGui::PopStyleColor();
  ImGui::PopFont();

  const std::string language_label(text(ui_text::kOtherLanguage));
  const float button_width = ImGui::CalcTextSize(language_label.c_str()).x + 2 * theme_.px(12);
  ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - button_width);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - std::max(0.0f, (button_height - title_height) / 2));
  if (text_button(theme_, record_, "language", language_label)) {
    language_ = language_ == core::Language::vi ? core::Language::en : core::Language::vi;
    changed_ = true;
  }
  wrapped_text(text(ui_text::kTagline), colour::kMuted);
  ImGui::Dummy(ImVec2(0, theme_.px(4)));
}

void CitizenApp::draw_catalogue() {
  ImGui::PushFont(theme_.heading());
  wrapped_text(text(ui_text::kChooseProcedure), colour::kText);
  ImGui::PopFont();

  if (catalogue_.forms.empty()) wrapped_text(text(ui_text::kNoForms), colour::kMuted);
  for (size_t i = 0; i < catalogue_.forms.size(); ++i) {
    const core::FormSummary& form = catalogue_.forms[i];
    if (card_button(theme_, record_, "form:" + form.id, text(form.title), text(form.agency_name))) {
      open_form_ = i;
      screen_ = Screen::form_intro;
      changed_ = true;
    }
  }

  if (!catalogue_.errors.empty()) {
    ImGui::Dummy(ImVec2(0, theme_.px(8)));
    wrapped_text(text(ui_text::kCatalogueErrors), colour::kWarning);
    for (const core::Error& error : catalogue_.errors) {
      wrapped_text("• " + error.where + ": " + std::string(text(error.message)), colour::kWarning);
    }
  }
}

void CitizenApp::draw_form_intro(const core::FormSummary& form) {
  if (text_button(theme_, record_, "back", text(ui_text::kBack))) {
    screen_ = Screen::catalogue;
    open_form_.reset();
    changed_ = true;
    return;
  }
  ImGui::PushFont(theme_.heading());
  wrapped_text(text(form.title), colour::kText);
  ImGui::PopFont();
  labelled_text(theme_, text(ui_text::kAgency), text(form.agency_name));
  labelled_text(theme_, text(ui_text::kLegalBasis), text(form.legal_basis));
  labelled_text(theme_, text(ui_text::kEffectiveFrom),
                core::format_display_date(form.effective_date));
  labelled_text(theme_, text(ui_text::kFormVersion), form.version);
}

std::string CitizenApp::state_json() const {
  nlohmann::json state;
  state["screen"] = screen_ == Screen::catalogue ? "catalogue" : "form_intro";
  state["language"] = core::language_code(language_);
  state["forms"] = nlohmann::json::array();
  for (const core::FormSummary& form : catalogue_.forms) {
    state["forms"].push_back(
        {{"id", form.id}, {"version", form.version}, {"title", text(form.title)}});
  }
  state["form"] = nullptr;
  if (screen_ == Screen::form_intro && open_form_) {
    const core::FormSummary& form = catalogue_.forms[*open_form_];
    state["form"] = {{"id", form.id}, {"version", form.version}, {"title", text(form.title)}};
  }
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
  return state.dump();
}

}  // namespace tokhai::app
