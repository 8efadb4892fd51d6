// Touch-sized widgets over Dear ImGui, and the record of what is on screen.
//
// Every tappable widget is at least Theme::kMinTapTargetCss tall, needs no
// hover, and records itself in the frame's ScreenRecord, which
// window.citizenApp.state() reports (with rectangles in CSS pixels) so that
// tests can find and tap it as a person would.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/theme.h"

namespace tokhai::app {

struct ScreenRect {
  float x = 0, y = 0, width = 0, height = 0;  // CSS pixels
};

struct VisibleControl {
  std::string id;     // stable, e.g. "form:ho-tich.khai-sinh", "back", "language"
  std::string label;  // the text the user reads on it
  ScreenRect rect;
};

// What the current frame shows that a user can act on.
class ScreenRecord {
 public:
  void clear() { controls_.clear(); }
  // Records the last ImGui item under `id` with `label`.
  void record_last_item(const Theme& theme, std::string id, std::string_view label);
  const std::vector<VisibleControl>& controls() const { return controls_; }

 private:
  std::vector<VisibleControl> controls_;
};

// A full-width card with a title and a muted subtitle, both wrapped. Returns
// true when tapped.
bool card_button(const Theme& theme, ScreenRecord& record, const std::string& id,
                 std::string_view title, std::string_view subtitle);

// A compact button with a text label (e.g. "‹ Quay lại"). Returns true when
// tapped.
bool text_button(const Theme& theme, ScreenRecord& record, const std::string& id,
                 std::string_view label);

// A label (muted) above a wrapped value.
void labelled_text(const Theme& theme, std::string_view label, std::string_view value);

// Wrapped text in the given font and colour.
void wrapped_text(std::string_view text, unsigned colour);

}  // namespace tokhai::app
