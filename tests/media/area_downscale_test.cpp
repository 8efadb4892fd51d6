// area_downscaled (area_downscale.h): each output pixel the mean of the
// pixels it covers, in linear light, every source pixel counted once.
#include "media/area_downscale.h"

#include <catch2/catch.hpp>

#include <cstddef>

#include "sample_photos.h"

using namespace tokhai::media;

namespace {

RgbImage filled(int width, int height, unsigned char tone) {
  RgbImage image = RgbImage::of_size(width, height);
  for (unsigned char& value : image.pixels) value = tone;
  return image;
}

}  // namespace

TEST_CASE("a flat tone stays that tone") {
  for (const unsigned char tone : {0, 20, 125, 245, 255}) {
    const RgbImage image = filled(37, 23, tone);
    const RgbImage small = area_downscaled(image.pixels.data(), 37, 23, 5, 3);
    REQUIRE(small.width == 5);
    REQUIRE(small.height == 3);
    for (const unsigned char value : small.pixels) CHECK(value == tone);
  }
}

TEST_CASE("black and white average to the grey of half the light, not sRGB's 128") {
  RgbImage board = RgbImage::of_size(64, 64);
  for (int y = 0; y < 64; ++y) {
    for (int x = 0; x < 64; ++x) {
      const unsigned char tone = (x + y) % 2 == 0 ? 0 : 255;
      for (int c = 0; c < 3; ++c)
        board.pixels[(static_cast<std::size_t>(y) * 64 + x) * 3 + c] = tone;
    }
  }
  const RgbImage small = area_downscaled(board.pixels.data(), 64, 64, 8, 8);
  for (const unsigned char value : small.pixels) {
    CHECK(value >= 187);  // linear 0.5 is sRGB 187.5
    CHECK(value <= 188);
  }
}

TEST_CASE("each output pixel covers its own source pixels, unevenly when the sizes do not divide") {
  // 5 columns into 2: columns 0..2 and 3..4 (floor(x × 2 / 5)); the left
  // three black, the right two white.
  RgbImage image = filled(5, 1, 255);
  for (int x = 0; x < 3; ++x) {
    for (int c = 0; c < 3; ++c) image.pixels[static_cast<std::size_t>(x) * 3 + c] = 0;
  }
  const RgbImage small = area_downscaled(image.pixels.data(), 5, 1, 2, 1);
  CHECK(small.pixels[0] == 0);
  CHECK(small.pixels[3] == 255);
}

TEST_CASE("a page keeps its marks where they were") {
  const RgbImage page = test::photographed_page(1200, 1600);
  const RgbImage small = area_downscaled(page.pixels.data(), 1200, 1600, 144, 192);
  const test::Corners corners = test::corners_of(small);
  CHECK(corners.top_left < 80);
  CHECK(corners.top_right > 90);
  CHECK(corners.top_right < 150);
  CHECK(corners.bottom_left > 170);
  CHECK(corners.bottom_right > 170);
}
