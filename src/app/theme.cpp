// Fonts and style (see theme.h).
#include "app/theme.h"

#include <imgui.h>

#include <fstream>
#include <iterator>

namespace tokhai::app {
namespace {

// Pairs of inclusive code point ranges, generated from web/fonts/unicode-ranges.txt
// so that ImGui asks for exactly the glyphs the font subset has.
constexpr ImWchar kGlyphRanges[] = {
#include "app/font_ranges.inc"
    0};

ImVec4 rgba(unsigned packed) { return ImGui::ColorConvertU32ToFloat4(packed); }

void set_style(float ratio) {
  ImGuiStyle style;
  ImGui::StyleColorsLight(&style);
  style.WindowPadding = ImVec2(16, 16);
  style.FramePadding = ImVec2(12, 10);
  style.ItemSpacing = ImVec2(10, 12);
  style.ItemInnerSpacing = ImVec2(8, 6);
  style.ScrollbarSize = 6;
  style.FrameRounding = 8;
  style.WindowRounding = 0;
  style.WindowBorderSize = 0;
  style.FrameBorderSize = 1;
  style.TouchExtraPadding = ImVec2(4, 4);
  style.Colors[ImGuiCol_WindowBg] = rgba(colour::kBackground);
  style.Colors[ImGuiCol_Text] = rgba(colour::kText);
  style.Colors[ImGuiCol_TextDisabled] = rgba(colour::kMuted);
  style.Colors[ImGuiCol_Border] = rgba(colour::kBorder);
  style.Colors[ImGuiCol_Button] = rgba(colour::kCard);
  style.Colors[ImGuiCol_ButtonHovered] = rgba(colour::kCard);
  style.Colors[ImGuiCol_ButtonActive] = rgba(colour::kCardPressed);
  style.ScaleAllSizes(ratio);
  ImGui::GetStyle() = style;
}

}  // namespace

bool Theme::load_font(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  font_data_.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !font_data_.empty();
}

bool Theme::apply(float device_pixel_ratio) {
  if (device_pixel_ratio == ratio_) return false;
  ratio_ = device_pixel_ratio;
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;       // font_data_ outlives the atlas
  config.OversampleH = ratio_ >= 2 ? 1 : 2;  // at high DPR, oversampling only doubles the atlas
  config.OversampleV = 1;
  config.PixelSnapH = true;
  auto* data = font_data_.data();
  const int size = static_cast<int>(font_data_.size());
  body_ = io.Fonts->AddFontFromMemoryTTF(data, size, px(kBodySizeCss), &config, kGlyphRanges);
  heading_ = io.Fonts->AddFontFromMemoryTTF(data, size, px(kHeadingSizeCss), &config, kGlyphRanges);
  io.FontDefault = body_;
  io.MouseDragThreshold = px(10);  // fingers wobble: a tap is not a drag
  set_style(ratio_);
  return true;
}

}  // namespace tokhai::app
