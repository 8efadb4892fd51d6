// Thumbnails (thumbnail.h, and the one prepare_document_photo makes when
// asked) of sample photos the tests make (sample_photos.h): their size, that
// they are upright, and that they refuse what prepare_document_photo refuses.
#include "media/thumbnail.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "media/codec_memory.h"
#include "media/document_photo.h"
#include "sample_photos.h"

using namespace tokhai::media;
using namespace tokhai::media::test;

namespace {

using Bytes = std::vector<unsigned char>;

constexpr int kLongEdge = 192;
constexpr double kDarkAtMost = 80;
constexpr double kPaperAtLeast = 170;

void check_error(const Result<RgbImage>& result, const std::string& code) {
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().code == code);
  CHECK_FALSE(result.error().message.vi.empty());
  CHECK_FALSE(result.error().message.en.empty());
}

void check_upright(const RgbImage& thumbnail) {
  REQUIRE(thumbnail.pixels.size() ==
          static_cast<std::size_t>(thumbnail.width) * thumbnail.height * RgbImage::kRgbChannels);
  const Corners corners = corners_of(thumbnail);
  CHECK(corners.top_left < kDarkAtMost);
  CHECK(corners.top_right > 90);
  CHECK(corners.top_right < 150);
  CHECK(corners.bottom_left > kPaperAtLeast);
  CHECK(corners.bottom_right > kPaperAtLeast);
}

}  // namespace

TEST_CASE("a thumbnail fits the long edge, keeps the shape and is never upscaled") {
  const auto landscape = make_thumbnail(jpeg_of(photographed_page(1600, 1200)), kLongEdge);
  REQUIRE(landscape.ok());
  CHECK(landscape.value().width == 192);
  CHECK(landscape.value().height == 144);
  check_upright(landscape.value());

  const auto portrait = make_thumbnail(jpeg_of(photographed_page(900, 1600)), kLongEdge);
  REQUIRE(portrait.ok());
  CHECK(portrait.value().width == 108);
  CHECK(portrait.value().height == 192);

  const auto small = make_thumbnail(jpeg_of(photographed_page(160, 120)), kLongEdge);
  REQUIRE(small.ok());
  CHECK(small.value().width == 160);
  CHECK(small.value().height == 120);
}

TEST_CASE("a camera's photo in each EXIF orientation gives an upright thumbnail") {
  const RgbImage page = photographed_page(480, 640);
  for (int value = 1; value <= 8; ++value) {
    const auto orientation = static_cast<Orientation>(value);
    INFO("orientation " << value);
    const Bytes file =
        with_exif_orientation(jpeg_of(stored_for(page, orientation)), value, value % 2 == 0);
    const auto thumbnail = make_thumbnail(file, kLongEdge);
    REQUIRE(thumbnail.ok());
    CHECK(thumbnail.value().width == 144);
    CHECK(thumbnail.value().height == 192);
    check_upright(thumbnail.value());
  }
}

TEST_CASE("a PNG's thumbnail is laid on white paper like its page photo") {
  const int width = 400;
  const int height = 200;
  Bytes rgba(static_cast<std::size_t>(width) * height * 4, 0);  // transparent black
  for (int y = 20; y < 120; ++y) {
    for (int x = 20; x < 120; ++x) rgba[(static_cast<std::size_t>(y) * width + x) * 4 + 3] = 255;
  }
  const auto thumbnail = make_thumbnail(png_of(width, height, 4, rgba), kLongEdge);
  REQUIRE(thumbnail.ok());
  CHECK(thumbnail.value().width == 192);
  CHECK(thumbnail.value().height == 96);
  CHECK(mean_tone(thumbnail.value(), 15, 15, 50, 50) < 30);
  CHECK(mean_tone(thumbnail.value(), 100, 10, 180, 80) > 240);
}

TEST_CASE("a thumbnail refuses what a page photo refuses") {
  check_error(make_thumbnail(Bytes{'%', 'P', 'D', 'F', '-', '1', '.', '7'}, kLongEdge),
              "media.not_image");
  check_error(make_thumbnail(Bytes{}, kLongEdge), "media.not_image");

  const Bytes jpeg = jpeg_of(photographed_page(320, 240));
  std::size_t sos = 2;
  while (!(jpeg[sos] == 0xFF && jpeg[sos + 1] == 0xDA)) ++sos;
  check_error(make_thumbnail(Bytes(jpeg.begin(), jpeg.begin() + static_cast<std::ptrdiff_t>(sos)),
                             kLongEdge),
              "media.damaged");

  PhotoLimits limits;
  limits.max_input_bytes = jpeg.size() - 1;
  check_error(make_thumbnail(jpeg, kLongEdge, limits), "media.too_large");
  limits = {};
  limits.max_input_pixels = 320 * 240 - 1;
  check_error(make_thumbnail(jpeg, kLongEdge, limits), "media.too_many_pixels");
}

TEST_CASE("prepare_document_photo makes the thumbnail of the page it encoded when asked") {
  // Stored turned (EXIF 6), as a phone held upright stores it.
  const RgbImage page = photographed_page(1500, 2000);
  const Bytes file =
      with_exif_orientation(jpeg_of(stored_for(page, Orientation::rotated_90_cw)), 6, false);

  const auto without = prepare_document_photo(file);
  REQUIRE(without.ok());
  CHECK(without.value().thumbnail.width == 0);
  CHECK(without.value().thumbnail.pixels.empty());

  reset_codec_peak_bytes();
  const std::size_t held_before = codec_bytes_in_use();
  const auto result = prepare_document_photo(file, {}, kLongEdge);
  REQUIRE(result.ok());
  const DocumentPhoto& photo = result.value();
  CHECK(photo.width == 1200);
  CHECK(photo.height == 1600);
  CHECK(photo.jpeg == without.value().jpeg);
  CHECK(photo.thumbnail.width == 144);
  CHECK(photo.thumbnail.height == 192);
  check_upright(photo.thumbnail);
  CHECK(codec_bytes_in_use() == held_before);

  // The same picture as the thumbnail made later from the stored JPEG, but for
  // the JPEG's own loss.
  const auto later = make_thumbnail(photo.jpeg, kLongEdge);
  REQUIRE(later.ok());
  REQUIRE(later.value().width == photo.thumbnail.width);
  REQUIRE(later.value().height == photo.thumbnail.height);
  double difference = 0;
  for (std::size_t i = 0; i < later.value().pixels.size(); ++i) {
    difference += std::abs(later.value().pixels[i] - photo.thumbnail.pixels[i]);
  }
  CHECK(difference / static_cast<double>(later.value().pixels.size()) < 3);
}
