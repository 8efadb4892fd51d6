// Each orientation is one walk over the stored pixels: the upright pixel (x, y)
// is the stored pixel at origin + x * step_x + y * step_y (in pixels), a table
// derived from where stored row 0 and column 0 appear (exif_orientation.h).
#include "media/image_orientation.h"

#include <cstddef>
#include <cstring>
#include <utility>

namespace tokhai::media {
namespace {

struct Walk {
  std::ptrdiff_t origin;
  std::ptrdiff_t step_x;
  std::ptrdiff_t step_y;
};

Walk walk_for(Orientation orientation, std::ptrdiff_t width, std::ptrdiff_t height) {
  const std::ptrdiff_t last_column = width - 1;
  const std::ptrdiff_t last_row_start = (height - 1) * width;
  switch (orientation) {
    case Orientation::upright:
      return {0, 1, width};
    case Orientation::mirrored:
      return {last_column, -1, width};
    case Orientation::rotated_180:
      return {last_row_start + last_column, -1, -width};
    case Orientation::flipped:
      return {last_row_start, 1, -width};
    case Orientation::transposed:
      return {0, width, 1};
    case Orientation::rotated_90_cw:
      return {last_row_start, -width, 1};
    case Orientation::transversed:
      return {last_row_start + last_column, -width, -1};
    case Orientation::rotated_90_ccw:
      return {last_column, width, -1};
  }
  return {0, 1, width};
}

}  // namespace

RgbImage turn_upright(RgbImage image, Orientation orientation) {
  if (orientation == Orientation::upright || image.pixels.empty()) return image;
  const bool swap = swaps_width_and_height(orientation);
  RgbImage upright =
      RgbImage::of_size(swap ? image.height : image.width, swap ? image.width : image.height);
  const Walk walk = walk_for(orientation, image.width, image.height);
  constexpr std::size_t kChannels = RgbImage::kRgbChannels;
  unsigned char* to = upright.pixels.data();
  for (int y = 0; y < upright.height; ++y) {
    std::ptrdiff_t from = walk.origin + y * walk.step_y;
    for (int x = 0; x < upright.width; ++x, from += walk.step_x, to += kChannels) {
      std::memcpy(to, image.pixels.data() + static_cast<std::size_t>(from) * kChannels, kChannels);
    }
  }
  return upright;
}

}  // namespace tokhai::media
