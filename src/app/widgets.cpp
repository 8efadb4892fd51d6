// Touch-sized widgets (see widgets.h).
#include "app/widgets.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>
#include <cstring>

namespace tokhai::app {
namespace {

ImVec2 text_size(ImFont* font, float wrap, std::string_view text) {
  if (text.empty()) return ImVec2(0, font->FontSize);
  return font->CalcTextSizeA(font->FontSize, FLT_MAX, wrap, text.data(), text.data() + text.size());
}

void draw_text(ImDrawList* draw, ImFont* font, ImVec2 at, unsigned colour, std::string_view text,
               float wrap) {
  draw->AddText(font, font->FontSize, at, colour, text.data(), text.data() + text.size(), wrap);
}

// Where byte `caret` of `text` is drawn when wrapped at `wrap` (ImGui's own
// word wrapping, measured line by line).
ImVec2 caret_position(ImFont* font, float wrap, std::string_view text, int caret) {
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  const char* target = begin + std::clamp(caret, 0, static_cast<int>(text.size()));
  const char* line = begin;
  float y = 0;
  while (true) {
    const char* line_end = font->CalcWordWrapPositionA(1.0f, line, end, wrap);
    if (line_end == line && line < end) line_end = line + 1;  // a word wider than the box
    const char* next = line_end;
    const char* newline =
        static_cast<const char*>(std::memchr(line, '\n', static_cast<size_t>(line_end - line)));
    if (newline != nullptr) {
      line_end = newline;
      next = newline + 1;
    }
    if (target <= line_end || next >= end) {
      const float x =
          font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, line, std::min(target, line_end)).x;
      return ImVec2(x, y);
    }
    while (next < end && *next == ' ' && newline == nullptr) ++next;  // wrapped spaces
    line = next;
    y += font->FontSize;
  }
}

// The tappable rectangle every widget starts with: an ImGui item of `size` at
// the cursor, recorded for the test view under `id`.
struct TapArea {
  ImVec2 at, end;
  bool tapped, pressed;
  ImDrawList* draw;
};

TapArea tap_area(const Theme& theme, ScreenRecord& record, const std::string& id,
                 std::string_view label, ImVec2 size) {
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const bool tapped = ImGui::InvisibleButton(id.c_str(), size);
  record.record_last_item(theme, id, label);
  return TapArea{at, ImVec2(at.x + size.x, at.y + size.y), tapped, ImGui::IsItemActive(),
                 ImGui::GetWindowDrawList()};
}

}  // namespace

ScreenRect last_item_rect(const Theme& theme) {
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  const float r = theme.ratio();
  return ScreenRect{min.x / r, min.y / r, (max.x - min.x) / r, (max.y - min.y) / r};
}

void ScreenRecord::record_last_item(const Theme& theme, std::string id, std::string_view label) {
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  const ImGuiWindow* window = ImGui::GetCurrentWindow();
  const ImRect visible = window->InnerClipRect;
  if (max.y <= visible.Min.y || min.y >= visible.Max.y) return;  // scrolled out of sight
  controls_.push_back(VisibleControl{std::move(id), std::string(label), last_item_rect(theme)});
}

void wrapped_text(std::string_view text, unsigned colour) {
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

void gap(const Theme& theme, float css_px) { ImGui::Dummy(ImVec2(0, theme.text_px(css_px))); }

bool card_button(const Theme& theme, ScreenRecord& record, const std::string& id,
                 std::string_view title, std::string_view subtitle) {
  const Palette& c = theme.colours();
  const float padding = theme.px(14);
  const float width = ImGui::GetContentRegionAvail().x;
  const float wrap = width - 2 * padding;
  ImFont* font = theme.body();
  const ImVec2 title_size = text_size(font, wrap, title);
  const ImVec2 subtitle_size = subtitle.empty() ? ImVec2(0, 0) : text_size(font, wrap, subtitle);
  const float spacing = subtitle.empty() ? 0 : theme.px(4);
  const float height = std::max(theme.px(Theme::kMinTapTargetCss),
                                title_size.y + spacing + subtitle_size.y + 2 * padding);

  const TapArea area = tap_area(theme, record, id, title, ImVec2(width, height));
  const ImVec2 at = area.at, end = area.end;
  ImDrawList* draw = area.draw;
  const bool tapped = area.tapped;
  const float rounding = theme.px(10);
  draw->AddRectFilled(at, end, area.pressed ? c.card_pressed : c.card, rounding);
  draw->AddRect(at, end, c.border, rounding, 0, theme.px(theme.high_contrast() ? 2 : 1));
  draw->AddRectFilled(at, ImVec2(at.x + theme.px(4), end.y), c.primary, rounding,
                      ImDrawFlags_RoundCornersLeft);
  const ImVec2 title_at(at.x + padding, at.y + padding);
  draw_text(draw, font, title_at, c.text, title, wrap);
  if (!subtitle.empty()) {
    draw_text(draw, font, ImVec2(title_at.x, title_at.y + title_size.y + spacing), c.muted,
              subtitle, wrap);
  }
  return tapped;
}

bool text_button(const Theme& theme, ScreenRecord& record, const std::string& id,
                 std::string_view label) {
  const Palette& c = theme.colours();
  ImFont* font = theme.body();
  const float padding_x = theme.px(12);
  const ImVec2 label_size = text_size(font, 0, label);
  const ImVec2 size(std::max(label_size.x + 2 * padding_x, theme.px(Theme::kMinTapTargetCss)),
                    std::max(theme.px(Theme::kMinTapTargetCss), label_size.y + theme.px(12)));
  const TapArea area = tap_area(theme, record, id, label, size);
  const ImVec2 at = area.at;
  ImDrawList* draw = area.draw;
  const bool tapped = area.tapped;
  if (area.pressed) {
    draw->AddRectFilled(at, ImVec2(at.x + size.x, at.y + size.y), c.card_pressed, theme.px(8));
  }
  draw_text(draw, font,
            ImVec2(at.x + (size.x - label_size.x) / 2, at.y + (size.y - label_size.y) / 2),
            c.primary, label, 0);
  return tapped;
}

bool action_button(const Theme& theme, ScreenRecord& record, const std::string& id,
                   std::string_view label, bool primary, float width) {
  const Palette& c = theme.colours();
  ImFont* font = theme.body();
  if (width <= 0) width = ImGui::GetContentRegionAvail().x;
  const float padding = theme.px(12);
  const ImVec2 label_size = text_size(font, width - 2 * padding, label);
  const float height = std::max(theme.px(Theme::kMinTapTargetCss), label_size.y + 2 * padding);
  const TapArea area = tap_area(theme, record, id, label, ImVec2(width, height));
  const ImVec2 at = area.at, end = area.end;
  ImDrawList* draw = area.draw;
  const bool tapped = area.tapped;
  const float rounding = theme.px(10);
  const bool pressed = area.pressed;
  if (primary) {
    draw->AddRectFilled(at, end, pressed ? c.text : c.primary, rounding);
  } else {
    draw->AddRectFilled(at, end, pressed ? c.card_pressed : c.card, rounding);
    draw->AddRect(at, end, c.primary, rounding, 0, theme.px(theme.high_contrast() ? 3 : 2));
  }
  draw_text(draw, font,
            ImVec2(at.x + std::max(padding, (width - label_size.x) / 2),
                   at.y + (height - label_size.y) / 2),
            primary ? c.on_primary : c.primary, label, width - 2 * padding);
  return tapped;
}

bool text_box(const Theme& theme, ScreenRecord& record, const std::string& id,
              std::string_view label, const TextBoxLook& look) {
  const Palette& c = theme.colours();
  ImFont* font = theme.body();
  const float width = look.width > 0 ? look.width : ImGui::GetContentRegionAvail().x;
  const float padding = theme.px(12);
  const float trailing_width =
      look.trailing.empty() ? 0 : text_size(font, 0, look.trailing).x + padding;
  const float wrap = width - 2 * padding - trailing_width;
  const bool empty = look.text.empty();
  const std::string_view shown = empty ? look.prompt : look.text;
  const ImVec2 shown_size = text_size(font, wrap, shown);
  const float min_lines = look.multiline ? 3.0f : 1.0f;
  const float height = std::max({theme.px(Theme::kMinTapTargetCss), shown_size.y + 2 * padding,
                                 font->FontSize * min_lines + 2 * padding});

  const TapArea area = tap_area(theme, record, id, label, ImVec2(width, height));
  const ImVec2 at = area.at, end = area.end;
  ImDrawList* draw = area.draw;
  const bool tapped = area.tapped;
  const float rounding = theme.px(8);
  draw->AddRectFilled(at, end, look.readonly ? c.background : c.field, rounding);
  const unsigned border = look.error ? c.error : look.focused ? c.primary : c.border;
  const float thickness =
      theme.px(look.focused || look.error ? 2.5f : (theme.high_contrast() ? 2 : 1));
  draw->AddRect(at, end, border, rounding, 0, thickness);
  const ImVec2 text_at(at.x + padding, at.y + padding);
  draw_text(draw, font, text_at, empty ? c.muted : c.text, shown, wrap);
  if (look.composing && !empty) {
    // The IME's text is not final yet: underline it, as native fields do.
    draw->AddLine(ImVec2(text_at.x, text_at.y + shown_size.y),
                  ImVec2(text_at.x + std::min(shown_size.x, wrap), text_at.y + shown_size.y),
                  c.text, theme.px(1.5f));
  }
  if (look.focused && look.caret >= 0) {
    const ImVec2 caret = empty ? ImVec2(0, 0) : caret_position(font, wrap, look.text, look.caret);
    const float x = text_at.x + caret.x + theme.px(1);
    draw->AddLine(ImVec2(x, text_at.y + caret.y), ImVec2(x, text_at.y + caret.y + font->FontSize),
                  c.primary, theme.px(2));
  }
  if (!look.trailing.empty()) {
    const ImVec2 size = text_size(font, 0, look.trailing);
    draw_text(draw, font, ImVec2(end.x - padding - size.x, at.y + (height - size.y) / 2), c.primary,
              look.trailing, 0);
  }
  return tapped;
}

platform::TextFieldRequest text_request(std::string key, std::string value, const ScreenRect& rect,
                                        std::string label) {
  platform::TextFieldRequest request;
  request.key = std::move(key);
  request.value = std::move(value);
  request.css_x = rect.x;
  request.css_y = rect.y;
  request.css_width = rect.width;
  request.css_height = rect.height;
  request.label = std::move(label);
  return request;
}

void keep_text_input_over(const ScreenRect& rect, ScreenRect& placed) {
  if (rect == placed) return;
  placed = rect;
  platform::move_text_input(rect.x, rect.y, rect.width, rect.height);
}

bool search_box(const Theme& theme, ScreenRecord& record, const std::string& key,
                std::string_view prompt, const std::string& query, bool editing,
                ScreenRect& placed) {
  TextBoxLook look;
  look.text = query;
  look.prompt = prompt;
  look.focused = editing;
  look.caret = editing ? static_cast<int>(query.size()) : -1;
  const bool tapped = text_box(theme, record, key, prompt, look);
  const ScreenRect rect = last_item_rect(theme);
  if (tapped) {
    placed = rect;
    platform::TextFieldRequest request = text_request(key, query, rect, std::string(prompt));
    request.last_on_page = true;
    platform::begin_text_input(request);
  } else if (editing) {
    keep_text_input_over(rect, placed);
  }
  return tapped;
}

bool choice_row(const Theme& theme, ScreenRecord& record, const std::string& id,
                std::string_view label, bool selected, bool checkbox) {
  const Palette& c = theme.colours();
  ImFont* font = theme.body();
  const float width = ImGui::GetContentRegionAvail().x;
  const float padding = theme.px(12);
  const float mark = theme.text_px(22);
  const float wrap = width - 3 * padding - mark;
  const ImVec2 label_size = text_size(font, wrap, label);
  const float height = std::max(theme.px(Theme::kMinTapTargetCss), label_size.y + 2 * padding);
  const TapArea area = tap_area(theme, record, id, label, ImVec2(width, height));
  const ImVec2 at = area.at, end = area.end;
  ImDrawList* draw = area.draw;
  const bool tapped = area.tapped;
  const float rounding = theme.px(8);
  draw->AddRectFilled(at, end,
                      area.pressed ? c.card_pressed
                      : selected   ? c.card_pressed
                                   : c.card,
                      rounding);
  draw->AddRect(at, end, selected ? c.primary : c.border, rounding, 0,
                theme.px(selected ? 2.0f : (theme.high_contrast() ? 2.0f : 1.0f)));
  const ImVec2 centre(at.x + padding + mark / 2, at.y + height / 2);
  if (checkbox) {
    const ImVec2 box_min(centre.x - mark / 2, centre.y - mark / 2);
    const ImVec2 box_max(centre.x + mark / 2, centre.y + mark / 2);
    if (selected) {
      draw->AddRectFilled(box_min, box_max, c.primary, theme.px(4));
      const float s = mark / 22;
      const ImVec2 points[] = {ImVec2(box_min.x + 5 * s, centre.y),
                               ImVec2(box_min.x + 9 * s, box_max.y - 6 * s),
                               ImVec2(box_max.x - 4 * s, box_min.y + 5 * s)};
      draw->AddPolyline(points, 3, c.on_primary, 0, theme.px(2.5f));
    } else {
      draw->AddRect(box_min, box_max, c.muted, theme.px(4), 0, theme.px(2));
    }
  } else {
    draw->AddCircle(centre, mark / 2, selected ? c.primary : c.muted, 24, theme.px(2));
    if (selected) draw->AddCircleFilled(centre, mark / 4, c.primary, 24);
  }
  draw_text(draw, font, ImVec2(at.x + 2 * padding + mark, at.y + (height - label_size.y) / 2),
            c.text, label, wrap);
  return tapped;
}

void progress_bar(const Theme& theme, float fraction) {
  const Palette& c = theme.colours();
  const float width = ImGui::GetContentRegionAvail().x;
  const float height = theme.px(6);
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(width, height));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(at, ImVec2(at.x + width, at.y + height), c.border, height / 2);
  draw->AddRectFilled(at, ImVec2(at.x + width * std::clamp(fraction, 0.0f, 1.0f), at.y + height),
                      c.primary, height / 2);
}

void labelled_text(const Theme& theme, std::string_view label, std::string_view value) {
  ImGui::Dummy(ImVec2(0, theme.px(2)));
  wrapped_text(label, theme.colours().muted);
  wrapped_text(value, theme.colours().text);
}

void notice_box(const Theme& theme, std::string_view text, unsigned colour, unsigned background) {
  ImFont* font = theme.body();
  const float width = ImGui::GetContentRegionAvail().x;
  const float padding = theme.px(12);
  const ImVec2 size = text_size(font, width - 2 * padding, text);
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(width, size.y + 2 * padding));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(at, ImVec2(at.x + width, at.y + size.y + 2 * padding), background,
                      theme.px(8));
  draw_text(draw, font, ImVec2(at.x + padding, at.y + padding), colour, text, width - 2 * padding);
}

}  // namespace tokhai::app
