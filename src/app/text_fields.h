// TextFields: the text boxes of a screen that is not a form (creating and
// unlocking a vault, the profile): which one is being typed into, its text,
// and the text agent kept over it.
//
// The texts live here, keyed by the box's id; a masked box (PIN, passphrase)
// is wiped from memory when cleared or when the screen goes away.
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>

#include "app/form_screen.h"
#include "platform/text_input.h"

namespace tokhai::app {

class TextFields {
 public:
  TextFields() = default;
  TextFields(const TextFields&) = delete;
  TextFields& operator=(const TextFields&) = delete;
  ~TextFields() { clear(); }

  struct Box {
    std::string_view label;
    std::string_view prompt;
    platform::Keyboard keyboard = platform::Keyboard::text;
    std::string_view error;  // shown under the box; empty for none
    bool last = false;       // Enter says "done" (and is reported by entered())
  };

  // Draws the box `id` with its label; a tap opens the keyboard on it.
  void draw(const UiFrame& ui, const std::string& id, const Box& box);
  // Applies the text agent's events for these boxes; Enter on a box moves to
  // the next box drawn after it, or ends typing on the last one.
  void handle(std::span<const platform::TextEvent> events);
  // Ends typing (the keyboard closes) when a tap fell outside every box.
  void end_frame(const UiFrame& ui);
  void stop_editing();

  const std::string& text(const std::string& id) const;
  void set_text(const std::string& id, std::string text);
  // Wipes every text (PINs included) and stops typing.
  void clear();
  // True once, after Enter on a box drawn with `last`.
  bool take_entered();
  bool editing() const { return !editing_.empty(); }

 private:
  static bool masked(platform::Keyboard keyboard) {
    return keyboard == platform::Keyboard::pin || keyboard == platform::Keyboard::secret;
  }
  static void wipe(std::string& text);

  std::map<std::string, std::string, std::less<>> texts_;
  std::string editing_;
  ScreenRect placed_;
  bool tapped_ = false;     // a box was tapped this frame
  bool entered_ = false;    // Enter on the last box
  std::string next_after_;  // Enter on this box: open the next one drawn
  std::string previous_drawn_;
  std::string last_id_;  // the box drawn with `last`
  std::string empty_;
};

}  // namespace tokhai::app
