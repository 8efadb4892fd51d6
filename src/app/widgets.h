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
#include "platform/text_input.h"

namespace tokhai::app {

struct ScreenRect {
  float x = 0, y = 0, width = 0, height = 0;  // CSS pixels

  bool operator==(const ScreenRect&) const = default;
};

struct VisibleControl {
  std::string id;     // stable, e.g. "form:ho-tich.khai-sinh", "back", "field:child_name"
  std::string label;  // the text the user reads on it
  ScreenRect rect;
};

// What the current frame shows that a user can act on.
class ScreenRecord {
 public:
  void clear() { controls_.clear(); }
  // Records the last ImGui item under `id` with `label`, if any of it is on
  // screen (inside the window's visible area).
  void record_last_item(const Theme& theme, std::string id, std::string_view label);
  const std::vector<VisibleControl>& controls() const { return controls_; }

 private:
  std::vector<VisibleControl> controls_;
};

// The last ImGui item's rectangle in CSS pixels.
ScreenRect last_item_rect(const Theme& theme);

// A full-width card with a title and a muted subtitle, both wrapped. Returns
// true when tapped.
bool card_button(const Theme& theme, ScreenRecord& record, const std::string& id,
                 std::string_view title, std::string_view subtitle);

// A compact button with a text label (e.g. "‹ Quay lại"). Returns true when
// tapped.
bool text_button(const Theme& theme, ScreenRecord& record, const std::string& id,
                 std::string_view label);

// A wide filled button for the main action of a screen (or outlined when not
// `primary`); `width` 0 takes the whole line.
bool action_button(const Theme& theme, ScreenRecord& record, const std::string& id,
                   std::string_view label, bool primary, float width = 0);

// What a text box shows.
struct TextBoxLook {
  std::string_view text;    // the answer, or what is being typed
  std::string_view prompt;  // what to type, shown muted while `text` is empty
  bool focused = false;     // being edited: highlighted, with a caret
  int caret = -1;           // caret position in bytes of `text`; -1 for none
  bool composing = false;   // underline the text being composed by the IME
  bool error = false;       // red border
  bool multiline = false;
  bool readonly = false;
  std::string_view trailing;  // a small label drawn at the right end (e.g. "›")
  float width = 0;            // physical pixels; 0 takes the whole line
};

// A full-width text box that wraps its text. Returns true when tapped.
bool text_box(const Theme& theme, ScreenRecord& record, const std::string& id,
              std::string_view label, const TextBoxLook& look);

// Typing into a text box goes through the platform's text agent
// (platform/text_input.h): a request to edit the box at `rect`, and keeping
// the agent over the box as it moves (`placed`: where it was put last).
platform::TextFieldRequest text_request(std::string key, std::string value, const ScreenRect& rect,
                                        std::string label);
void keep_text_input_over(const ScreenRect& rect, ScreenRect& placed);

// A one-line search box showing `query`. A tap opens the keyboard on it (the
// caller then treats `key`'s text events as the query); returns true then.
bool search_box(const Theme& theme, ScreenRecord& record, const std::string& key,
                std::string_view prompt, const std::string& query, bool editing,
                ScreenRect& placed);

// A radio (single choice) or checkbox row with a wrapped label. Returns true
// when tapped.
bool choice_row(const Theme& theme, ScreenRecord& record, const std::string& id,
                std::string_view label, bool selected, bool checkbox);

// A horizontal progress bar, `fraction` 0..1.
void progress_bar(const Theme& theme, float fraction);

// A label (muted) above a wrapped value.
void labelled_text(const Theme& theme, std::string_view label, std::string_view value);

// Wrapped text in the given colour.
void wrapped_text(std::string_view text, unsigned colour);

// Wrapped text on a tinted box (notes, warnings, errors).
void notice_box(const Theme& theme, std::string_view text, unsigned colour, unsigned background);

// Vertical space in CSS pixels scaled with text.
void gap(const Theme& theme, float css_px);

}  // namespace tokhai::app
