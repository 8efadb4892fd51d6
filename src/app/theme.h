// Theme: fonts and sizes of the app, scaled to the device pixel ratio.
//
// ImGui works in physical pixels here, so that text is crisp at DPR 2–3: font
// sizes and every style size are CSS pixels x the ratio, rebuilt when the ratio
// changes. One font (a Noto Sans subset for Vietnamese, made at build time from
// Debian's fonts-noto-core) at two sizes: body and heading.
#pragma once

#include <string>
#include <vector>

struct ImFont;

namespace tokhai::app {

class Theme {
 public:
  // Reads the font file; false when it is missing or empty.
  bool load_font(const std::string& path);

  // Rebuilds fonts and style for `device_pixel_ratio` if it changed; the
  // caller then re-uploads the font texture. Returns true when rebuilt.
  bool apply(float device_pixel_ratio);

  // CSS pixels to physical pixels.
  float px(float css_px) const { return css_px * ratio_; }
  float ratio() const { return ratio_; }
  ImFont* body() const { return body_; }
  ImFont* heading() const { return heading_; }

  static constexpr float kBodySizeCss = 17;
  static constexpr float kHeadingSizeCss = 24;
  static constexpr float kMinTapTargetCss = 48;  // ≥ 44 CSS px, the touch guideline

 private:
  std::vector<unsigned char> font_data_;
  float ratio_ = 0;
  ImFont* body_ = nullptr;
  ImFont* heading_ = nullptr;
};

// Colours as ImGui packs them (IM_COL32: 0xAABBGGRR) from web-style 0xRRGGBB.
constexpr unsigned rgb(unsigned hex) {
  return 0xFF000000u | ((hex & 0xFFu) << 16) | (hex & 0xFF00u) | ((hex >> 16) & 0xFFu);
}

namespace colour {
inline constexpr unsigned kBackground = rgb(0xF5F3EF);  // warm paper
inline constexpr unsigned kText = rgb(0x1F2328);
inline constexpr unsigned kMuted = rgb(0x5A6068);
inline constexpr unsigned kPrimary = rgb(0x0B5CAD);
inline constexpr unsigned kOnPrimary = rgb(0xFFFFFF);
inline constexpr unsigned kCard = rgb(0xFFFFFF);
inline constexpr unsigned kCardPressed = rgb(0xE3ECF6);
inline constexpr unsigned kBorder = rgb(0xD5D0C8);
inline constexpr unsigned kWarning = rgb(0x8A4B00);
inline constexpr unsigned kWarningBackground = rgb(0xFFF1DC);
}  // namespace colour

}  // namespace tokhai::app
