// Touch-sized widgets (see widgets.h).
#include "app/widgets.h"

#include <imgui.h>

#include <algorithm>

namespace tokhai::app {

void ScreenRecord::record_last_item(const Theme& theme, std::string id, std::string_view label) {
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  const float r = theme.ratio();
  controls_.push_back(
      VisibleControl{std::move(id), std::string(label),
                     ScreenRect{min.x / r, min.y / r, (max.x - min.x) / r, (max.y - min.y) / r}});
}

void wrapped_text(std::string_view text, unsigned colour) {
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

bool card_button(const Theme& theme, ScreenRecord& record, const std::string& id,
                 std::string_view title, std::string_view subtitle) {
  const float padding = theme.px(14);
  const float width = ImGui::GetContentRegionAvail().x;
  const float wrap = width - 2 * padding;
  ImFont* font = theme.body();
  const ImVec2 title_size =
      font->CalcTextSizeA(font->FontSize, FLT_MAX, wrap, title.data(), title.data() + title.size());
  const ImVec2 subtitle_size = font->CalcTextSizeA(font->FontSize, FLT_MAX, wrap, subtitle.data(),
                                                   subtitle.data() + subtitle.size());
  const float gap = theme.px(4);
  const float height = std::max(theme.px(Theme::kMinTapTargetCss),
                                title_size.y + gap + subtitle_size.y + 2 * padding);

  const ImVec2 at = ImGui::GetCursorScreenPos();
  const bool tapped = ImGui::InvisibleButton(id.c_str(), ImVec2(width, height));
  record.record_last_item(theme, id, title);

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 end(at.x + width, at.y + height);
  const float rounding = theme.px(10);
  draw->AddRectFilled(at, end, ImGui::IsItemActive() ? colour::kCardPressed : colour::kCard,
                      rounding);
  draw->AddRect(at, end, colour::kBorder, rounding, 0, theme.px(1));
  draw->AddRectFilled(at, ImVec2(at.x + theme.px(4), end.y), colour::kPrimary, rounding,
                      ImDrawFlags_RoundCornersLeft);
  const ImVec2 title_at(at.x + padding, at.y + padding);
  draw->AddText(font, font->FontSize, title_at, colour::kText, title.data(),
                title.data() + title.size(), wrap);
  draw->AddText(font, font->FontSize, ImVec2(title_at.x, title_at.y + title_size.y + gap),
                colour::kMuted, subtitle.data(), subtitle.data() + subtitle.size(), wrap);
  return tapped;
}

bool text_button(const Theme& theme, ScreenRecord& record, const std::string& id,
                 std::string_view label) {
  const std::string text(label);
  ImGui::PushID(id.c_str());
  ImGui::PushStyleColor(ImGuiCol_Text, colour::kPrimary);
  const ImVec2 label_size = ImGui::CalcTextSize(text.c_str());
  const float padding_x = theme.px(12);
  const ImVec2 size(label_size.x + 2 * padding_x, theme.px(Theme::kMinTapTargetCss));
  const bool tapped = ImGui::Button(text.c_str(), size);
  ImGui::PopStyleColor();
  ImGui::PopID();
  record.record_last_item(theme, id, label);
  return tapped;
}

void labelled_text(const Theme& theme, std::string_view label, std::string_view value) {
  ImGui::Dummy(ImVec2(0, theme.px(2)));
  wrapped_text(label, colour::kMuted);
  wrapped_text(value, colour::kText);
}

}  // namespace tokhai::app
