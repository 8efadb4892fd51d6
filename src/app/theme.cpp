// Fonts and style (see theme.h).
#include "app/theme.h"

#include <imgui.h>

#include "core/text_file.h"

namespace tokhai::app {
namespace {

// Pairs of inclusive code point ranges, generated from web/fonts/unicode-ranges.txt
// so that ImGui asks for exactly the glyphs the font subset has.
constexpr ImWchar kGlyphRanges[] = {
#include "app/font_ranges.inc"
    0};

ImVec4 rgba(unsigned packed) { return ImGui::ColorConvertU32ToFloat4(packed); }

void set_style(float ratio, float scale, const Palette& palette, bool high_contrast) {
  ImGuiStyle style;
  ImGui::StyleColorsLight(&style);
  style.WindowPadding = ImVec2(16, 16);
  style.FramePadding = ImVec2(12, 10 * scale);
  style.ItemSpacing = ImVec2(10, 10 * scale);
  style.ItemInnerSpacing = ImVec2(8, 6);
  style.ScrollbarSize = 6;
  style.FrameRounding = 8;
  style.WindowRounding = 0;
  style.WindowBorderSize = 0;
  style.FrameBorderSize = high_contrast ? 2 : 1;
  style.TouchExtraPadding = ImVec2(0, 0);
  style.Colors[ImGuiCol_WindowBg] = rgba(palette.background);
  style.Colors[ImGuiCol_ChildBg] = rgba(palette.background);
  style.Colors[ImGuiCol_PopupBg] = rgba(palette.card);
  style.Colors[ImGuiCol_Text] = rgba(palette.text);
  style.Colors[ImGuiCol_TextDisabled] = rgba(palette.muted);
  style.Colors[ImGuiCol_Border] = rgba(palette.border);
  style.Colors[ImGuiCol_Button] = rgba(palette.card);
  style.Colors[ImGuiCol_ButtonHovered] = rgba(palette.card);
  style.Colors[ImGuiCol_ButtonActive] = rgba(palette.card_pressed);
  style.Colors[ImGuiCol_ScrollbarBg] = rgba(palette.background);
  style.Colors[ImGuiCol_ScrollbarGrab] = rgba(palette.border);
  style.ScaleAllSizes(ratio);
  ImGui::GetStyle() = style;
}

}  // namespace

bool Theme::load_font(const std::string& path) {
  const auto bytes = core::read_text_file(path);
  if (!bytes) return false;
  font_data_.assign(bytes->begin(), bytes->end());
  return !font_data_.empty();
}

bool Theme::apply(float device_pixel_ratio, int text_size, bool high_contrast) {
  const int step = text_size < 0                  ? 0
                   : text_size >= kTextScaleCount ? kTextScaleCount - 1
                                                  : text_size;
  const float scale = kTextScales[step];
  const Palette* palette = high_contrast ? &kHighContrastPalette : &kNormalPalette;
  const bool fonts_change = device_pixel_ratio != ratio_ || scale != scale_;
  if (!fonts_change && palette == palette_) return false;
  ratio_ = device_pixel_ratio;
  scale_ = scale;
  palette_ = palette;
  set_style(ratio_, scale_, *palette_, high_contrast);
  ImGui::GetIO().MouseDragThreshold = px(10);  // fingers wobble: a tap is not a drag
  if (!fonts_change) return false;
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;       // font_data_ outlives the atlas
  config.OversampleH = ratio_ >= 2 ? 1 : 2;  // at high DPR, oversampling only doubles the atlas
  config.OversampleV = 1;
  config.PixelSnapH = true;
  auto* data = font_data_.data();
  const int size = static_cast<int>(font_data_.size());
  body_ =
      io.Fonts->AddFontFromMemoryTTF(data, size, px(kBodySizeCss) * scale_, &config, kGlyphRanges);
  heading_ = io.Fonts->AddFontFromMemoryTTF(data, size, px(kHeadingSizeCss) * scale_, &config,
                                            kGlyphRanges);
  io.FontDefault = body_;
  return true;
}

}  // namespace tokhai::app
