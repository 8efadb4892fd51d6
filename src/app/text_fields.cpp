// Text boxes outside forms (see text_fields.h).
#include "app/text_fields.h"

#include <imgui.h>

#include "core/text/unicode.h"

namespace tokhai::app {

void TextFields::wipe(std::string& text) {
  volatile char* bytes = text.data();
  for (size_t i = 0; i < text.size(); ++i) bytes[i] = 0;
  text.clear();
}

void TextFields::draw(const UiFrame& ui, const std::string& id, const Box& box) {
  const Palette& c = ui.theme.colours();
  wrapped_text(box.label, c.text);
  const std::string& value = text(id);
  std::string dots;  // a masked box shows one dot per character typed
  if (masked(box.keyboard)) {
    for (size_t i = 0; i < core::decode_utf8(value).size(); ++i)
      dots += "\xE2\x80\xA2";  // U+2022, in the font subset
  }
  TextBoxLook look;
  look.text = masked(box.keyboard) ? std::string_view(dots) : std::string_view(value);
  look.prompt = box.prompt;
  look.focused = editing_ == id;
  look.caret = look.focused ? static_cast<int>(look.text.size()) : -1;
  look.error = !box.error.empty();
  const bool tapped = text_box(ui.theme, ui.record, id, box.label, look);
  const ScreenRect rect = last_item_rect(ui.theme);
  const bool open_next = !next_after_.empty() && next_after_ == previous_drawn_;
  if (tapped || open_next) {
    if (open_next) next_after_.clear();
    tapped_ = tapped_ || tapped;
    editing_ = id;
    placed_ = rect;
    platform::TextFieldRequest request = text_request(id, value, rect, std::string(box.label));
    request.keyboard = box.keyboard;
    request.last_on_page = box.last;
    request.error = std::string(box.error);
    platform::begin_text_input(request);
  } else if (editing_ == id) {
    keep_text_input_over(rect, placed_);
  }
  if (!box.error.empty()) wrapped_text(box.error, c.error);
  gap(ui.theme, 6);
  previous_drawn_ = id;
  if (box.last) last_id_ = id;
}

void TextFields::handle(std::span<const platform::TextEvent> events) {
  for (const platform::TextEvent& event : events) {
    auto it = texts_.find(event.key);
    if (event.key != editing_ && it == texts_.end()) continue;
    if (event.kind == platform::TextEventKind::changed) {
      std::string& stored = texts_[event.key];
      wipe(stored);
      stored = event.composing ? event.value : core::to_nfc(event.value);
    } else if (event.kind == platform::TextEventKind::enter) {
      std::string& stored = texts_[event.key];
      wipe(stored);
      stored = core::to_nfc(event.value);
      next_after_ = event.key;
      if (event.key == last_id_) entered_ = true;
    } else if (event.key == editing_) {
      editing_.clear();
    }
  }
}

void TextFields::end_frame(const UiFrame& ui) {
  // Enter on the last box (nothing drawn after it opened): typing ends.
  if (!next_after_.empty() && next_after_ == previous_drawn_) {
    next_after_.clear();
    stop_editing();
  }
  if (ui.tapped && !editing_.empty() && !tapped_) stop_editing();
  tapped_ = false;
  previous_drawn_.clear();
}

void TextFields::stop_editing() {
  if (editing_.empty()) return;
  editing_.clear();
  platform::end_text_input();
}

const std::string& TextFields::text(const std::string& id) const {
  const auto it = texts_.find(id);
  return it == texts_.end() ? empty_ : it->second;
}

void TextFields::set_text(const std::string& id, std::string text) {
  std::string& stored = texts_[id];
  wipe(stored);
  stored = std::move(text);
}

void TextFields::clear() {
  stop_editing();
  for (auto& [id, text] : texts_) wipe(text);
  texts_.clear();
  next_after_.clear();
  entered_ = false;
}

bool TextFields::take_entered() {
  const bool entered = entered_;
  entered_ = false;
  return entered;
}

}  // namespace tokhai::app
