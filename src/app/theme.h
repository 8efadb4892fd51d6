// Theme: fonts, sizes and colours of the app, scaled to the device pixel ratio
// and the user's text size, in a normal or a high-contrast palette.
//
// ImGui works in physical pixels here, so that text is crisp at DPR 2–3: font
// sizes and every style size are CSS pixels x the ratio x the text scale,
// rebuilt when either changes. One font (a Noto Sans subset for Vietnamese,
// made at build time from Debian's fonts-noto-core) at two sizes: body and
// heading.
#pragma once

#include <string>
#include <vector>

struct ImFont;

namespace tokhai::app {

// Colours as ImGui packs them (IM_COL32: 0xAABBGGRR) from web-style 0xRRGGBB.
constexpr unsigned rgb(unsigned hex) {
  return 0xFF000000u | ((hex & 0xFFu) << 16) | (hex & 0xFF00u) | ((hex >> 16) & 0xFFu);
}

struct Palette {
  unsigned background, text, muted, primary, on_primary, card, card_pressed, border, warning,
      warning_background, error, error_background, success, field, field_focused;
};

// Warm paper, dark text, one blue; every text colour meets WCAG AA (4.5:1) on
// the background and on cards.
inline constexpr Palette kNormalPalette{rgb(0xF5F3EF), rgb(0x1F2328), rgb(0x545A62), rgb(0x0B5CAD),
                                        rgb(0xFFFFFF), rgb(0xFFFFFF), rgb(0xE3ECF6), rgb(0xC9C3B8),
                                        rgb(0x8A4B00), rgb(0xFFF1DC), rgb(0xB3261E), rgb(0xFCE8E6),
                                        rgb(0x1E6B35), rgb(0xFFFFFF), rgb(0xFFFFFF)};

// Black on white, thick dark borders, saturated accents (7:1 and more).
inline constexpr Palette kHighContrastPalette{
    rgb(0xFFFFFF), rgb(0x000000), rgb(0x1F1F1F), rgb(0x00307A), rgb(0xFFFFFF),
    rgb(0xFFFFFF), rgb(0xCFE0FF), rgb(0x000000), rgb(0x5C3000), rgb(0xFFF1DC),
    rgb(0x8C0000), rgb(0xFFE5E5), rgb(0x0B4A1F), rgb(0xFFFFFF), rgb(0xFFFFFF)};

class Theme {
 public:
  // Text size steps the user can choose (settings), as a scale of the body size.
  static constexpr float kTextScales[] = {1.0f, 1.2f, 1.4f};
  static constexpr int kTextScaleCount = 3;

  // Reads the font file; false when it is missing or empty.
  bool load_font(const std::string& path);

  // Rebuilds fonts and style for `device_pixel_ratio`, text size step
  // `text_size` (0..kTextScaleCount-1) and contrast if any changed; the
  // caller then re-uploads the font texture. Returns true when the fonts were
  // rebuilt.
  bool apply(float device_pixel_ratio, int text_size, bool high_contrast);

  // CSS pixels to physical pixels (layout sizes; not scaled with text).
  float px(float css_px) const { return css_px * ratio_; }
  // CSS pixels scaled with the text size (gaps around text).
  float text_px(float css_px) const { return css_px * ratio_ * scale_; }
  float ratio() const { return ratio_; }
  ImFont* body() const { return body_; }
  ImFont* heading() const { return heading_; }
  const Palette& colours() const { return *palette_; }
  bool high_contrast() const { return palette_ == &kHighContrastPalette; }

  static constexpr float kBodySizeCss = 17;
  static constexpr float kHeadingSizeCss = 23;
  static constexpr float kMinTapTargetCss = 48;  // ≥ 44 CSS px, the touch guideline

 private:
  std::vector<unsigned char> font_data_;
  float ratio_ = 0;
  float scale_ = 0;
  const Palette* palette_ = &kNormalPalette;
  ImFont* body_ = nullptr;
  ImFont* heading_ = nullptr;
};

}  // namespace tokhai::app
