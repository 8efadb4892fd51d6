// CitizenApp: the citizen's screens, drawn with Dear ImGui.
//
// Screens so far: the catalogue of procedures, and a procedure's details
// (legal basis, receiving agency, dates). The app draws only when the
// platform asks (input, resize); it reports what it shows through
// state_json() for window.citizenApp.state().
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "app/pointer_input.h"
#include "app/theme.h"
#include "app/widgets.h"
#include "core/form_catalogue.h"
#include "platform/frame_host.h"

namespace tokhai::app {

class CitizenApp final : public platform::FrameClient {
 public:
  enum class Screen { catalogue, form_intro };

  // Needs a current graphics context; `theme` must have its font loaded.
  CitizenApp(core::FormCatalogue catalogue, Theme theme);
  ~CitizenApp() override;
  CitizenApp(const CitizenApp&) = delete;
  CitizenApp& operator=(const CitizenApp&) = delete;

  bool draw_frame(const platform::Viewport& viewport,
                  std::span<const platform::PointerEvent> events, double time_s) override;

  // What the user sees, as JSON (DESIGN.md §8).
  std::string state_json() const;

 private:
  void draw_screen();
  void draw_header();
  void draw_catalogue();
  void draw_form_intro(const core::FormSummary& form);
  std::string_view text(const core::LocalizedText& localized) const {
    return localized.in(language_);
  }

  core::FormCatalogue catalogue_;
  Theme theme_;
  PointerInput pointer_;
  ScreenRecord record_;
  platform::Viewport viewport_;
  core::Language language_ = core::Language::vi;
  Screen screen_ = Screen::catalogue;
  std::optional<size_t> open_form_;  // index into catalogue_.forms
  bool changed_ = false;             // the screen or language changed this frame
  int settle_frames_ = 0;
  double last_time_s_ = 0;
  std::uint64_t frames_drawn_ = 0;
};

}  // namespace tokhai::app
