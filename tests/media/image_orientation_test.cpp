// Turning pixels upright: known answers on a 3 × 2 image for all 8
// orientations, written out from the TIFF definitions (where stored row 0 and
// column 0 appear).
#include "media/image_orientation.h"

#include <catch2/catch.hpp>

#include <string>

using namespace tokhai::media;

namespace {

// Stored pixels, each named by a letter (its red byte):
//   a b c
//   d e f
RgbImage stored() {
  RgbImage image = RgbImage::of_size(3, 2);
  const std::string letters = "abcdef";
  for (std::size_t i = 0; i < letters.size(); ++i) {
    image.pixels[i * 3] = static_cast<unsigned char>(letters[i]);
    image.pixels[i * 3 + 1] = static_cast<unsigned char>(i);
    image.pixels[i * 3 + 2] = 200;
  }
  return image;
}

// The upright image's letters, row by row, rows separated by '/'.
std::string letters_of(const RgbImage& image) {
  std::string out;
  for (int y = 0; y < image.height; ++y) {
    if (y > 0) out += '/';
    for (int x = 0; x < image.width; ++x) {
      out += static_cast<char>(image.pixels[(static_cast<std::size_t>(y) * image.width + x) * 3]);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("each orientation puts stored row 0 and column 0 where EXIF says") {
  const struct {
    Orientation orientation;
    const char* upright;
  } cases[] = {
      {Orientation::upright, "abc/def"},          // row 0 top, column 0 left
      {Orientation::mirrored, "cba/fed"},         // row 0 top, column 0 right
      {Orientation::rotated_180, "fed/cba"},      // row 0 bottom, column 0 right
      {Orientation::flipped, "def/abc"},          // row 0 bottom, column 0 left
      {Orientation::transposed, "ad/be/cf"},      // row 0 left, column 0 top
      {Orientation::rotated_90_cw, "da/eb/fc"},   // row 0 right, column 0 top
      {Orientation::transversed, "fc/eb/da"},     // row 0 right, column 0 bottom
      {Orientation::rotated_90_ccw, "cf/be/ad"},  // row 0 left, column 0 bottom
  };
  for (const auto& c : cases) {
    INFO("orientation " << static_cast<int>(c.orientation));
    const RgbImage upright = turn_upright(stored(), c.orientation);
    CHECK(letters_of(upright) == c.upright);
    const bool swapped = swaps_width_and_height(c.orientation);
    CHECK(upright.width == (swapped ? 2 : 3));
    CHECK(upright.height == (swapped ? 3 : 2));
    // Whole pixels move: the other two bytes travel with the letter.
    for (std::size_t i = 0; i < 6; ++i) {
      CHECK(upright.pixels[i * 3 + 1] == upright.pixels[i * 3] - 'a');
      CHECK(upright.pixels[i * 3 + 2] == 200);
    }
  }
}
