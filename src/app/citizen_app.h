// CitizenApp: the citizen's screens, drawn with Dear ImGui.
//
// Screens: the catalogue of procedures (search that ignores accents and case,
// grouped by topic), a procedure's details, the form itself (FormScreen:
// pages, review, ready to sign) and the settings (language, text size,
// contrast; kept on the device). The app draws only when the platform asks
// (input, resize, a glide still moving); it reports what it shows through
// state_json() for window.citizenApp.state().
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "app/form_screen.h"
#include "app/pointer_input.h"
#include "app/theme.h"
#include "app/widgets.h"
#include "core/form/form_definition.h"
#include "core/form_catalogue.h"
#include "core/form_data_sets.h"
#include "platform/frame_host.h"

namespace tokhai::app {

struct Settings {
  core::Language language = core::Language::vi;
  int text_size = 0;  // index into Theme::kTextScales
  bool high_contrast = false;
};

class CitizenApp final : public platform::FrameClient {
 public:
  enum class Screen { catalogue, form_intro, form, settings };

  // Needs a current graphics context; `theme` must have its font loaded.
  // `forms_dir` holds the definitions the catalogue lists and data/ beside them.
  CitizenApp(core::FormCatalogue catalogue, std::string forms_dir, Theme theme);
  ~CitizenApp() override;
  CitizenApp(const CitizenApp&) = delete;
  CitizenApp& operator=(const CitizenApp&) = delete;

  bool draw_frame(const platform::Viewport& viewport, const platform::FrameInput& input,
                  double time_s) override;

  // What the user sees, as JSON (DESIGN.md §8).
  std::string state_json() const;

 private:
  void draw_screen(const UiFrame& ui);
  void draw_header();
  void draw_catalogue();
  void draw_form_intro(const core::FormSummary& form);
  void draw_settings();
  void open_form(const core::FormSummary& summary);
  void handle_search_text(std::span<const platform::TextEvent> events);
  void save_settings() const;
  std::string_view text(const core::LocalizedText& localized) const {
    return localized.in(settings_.language);
  }

  core::FormCatalogue catalogue_;
  std::string forms_dir_;
  Theme theme_;
  Settings settings_;
  PointerInput pointer_;
  ScreenRecord record_;
  platform::Viewport viewport_;
  Screen screen_ = Screen::catalogue;
  Screen settings_return_ = Screen::catalogue;
  std::optional<size_t> open_form_;  // index into catalogue_.forms

  // The form being filled in, its definition and the data sets (loaded once).
  std::optional<core::FormDataSets> data_;
  std::optional<core::Error> data_error_;
  std::unique_ptr<core::FormDefinition> definition_;
  std::unique_ptr<FormScreen> form_screen_;
  std::optional<core::Error> form_error_;

  std::string search_;
  bool search_editing_ = false;
  bool search_tapped_ = false;
  ScreenRect search_rect_;

  bool changed_ = false;  // the screen, language or settings changed this frame
  int settle_frames_ = 0;
  double last_time_s_ = 0;
  std::uint64_t frames_drawn_ = 0;
  double last_frame_ms_ = 0;  // CPU time of the last frame's drawing
};

}  // namespace tokhai::app
