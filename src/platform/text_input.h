// Text input through the platform's own text field (the "text agent").
//
// The app draws its fields on a canvas, but typing goes through a real,
// invisible DOM <input> or <textarea> that the platform places over the field
// being edited: that is what opens the phone's keyboard, runs the IME (Telex,
// VNI and the like compose "vieetj" into "việt" there), offers the right
// keyboard (numeric for an ID, email, decimal) and pastes. While a field is
// being edited the platform's element holds the text; the app shows it and
// hears every change as a TextEvent in its next frame.
#pragma once

#include <string>
#include <string_view>

namespace tokhai::platform {

// Which keyboard the phone should show.
// `pin` is the numeric keyboard over a masked field (never remembered,
// never suggested); `secret` the text keyboard over a masked field.
enum class Keyboard { text, numeric, decimal, telephone, email, multiline, pin, secret };

// A field the user is about to edit.
struct TextFieldRequest {
  std::string key;    // the app's name for the field; echoed in TextEvents
  std::string value;  // its current text (UTF-8)
  Keyboard keyboard = Keyboard::text;
  bool last_on_page = false;  // the Enter key says "done" rather than "next"
  bool capitalise_words = false;
  int max_length = 0;  // characters; 0 for no limit
  // Where the field is drawn, in CSS pixels (the IME's popups go there).
  float css_x = 0, css_y = 0, css_width = 0, css_height = 0;
  // For screen readers: the field's label, hint and current error.
  std::string label, hint, error;
};

enum class TextEventKind {
  changed,  // the text or the caret changed (also while composing)
  enter,    // Enter / "next" / "done" on the keyboard
  left,     // the platform's element lost focus (keyboard closed, tab hidden)
};

struct TextEvent {
  TextEventKind kind = TextEventKind::changed;
  std::string key;         // the field it belongs to
  std::string value;       // the whole text, UTF-8, as the element holds it
  int caret = 0;           // caret position in bytes of `value`
  bool composing = false;  // an IME composition is in progress: not final yet
};

// Starts editing a field: places the platform's element over it, fills it
// with the field's text and focuses it (the keyboard opens).
void begin_text_input(const TextFieldRequest& request);
// The field moved (scrolling, layout): keep the element over it.
void move_text_input(float css_x, float css_y, float css_width, float css_height);
// Replaces the text being edited (e.g. "15032026" shown as "15/03/2026"),
// with the caret at byte `caret`.
void set_text_input_value(std::string_view value, int caret);
// Updates what a screen reader announces for the field being edited.
void describe_text_input(std::string_view label, std::string_view hint, std::string_view error);
// Stops editing: the element loses focus and the keyboard closes.
void end_text_input();

}  // namespace tokhai::platform
