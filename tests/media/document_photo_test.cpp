// prepare_document_photo on sample photos the tests make (sample_photos.h):
// orientation, downscaling, the limits, and that the text stays black on white.
#include "media/document_photo.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "media/codec_memory.h"
#include "sample_photos.h"

using namespace tokhai::media;
using namespace tokhai::media::test;

namespace {

using Bytes = std::vector<unsigned char>;

constexpr double kDarkAtMost = 80;
constexpr double kPaperAtLeast = 170;

void check_error(const Result<DocumentPhoto>& result, const std::string& code) {
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().code == code);
  CHECK_FALSE(result.error().message.vi.empty());
  CHECK_FALSE(result.error().message.en.empty());
}

// A PNG that says it holds `side` × `side` RGB pixels but has no pixel data:
// the signature, an IHDR chunk (stb does not check its CRC) and IEND.
Bytes png_bomb(unsigned side) {
  const auto high = static_cast<unsigned char>(side >> 8);
  const auto low = static_cast<unsigned char>(side & 0xFF);
  return {0x89, 'P', 'N',  'G', 13, 10, 26,   10,  0,   0,   0,    13,   'I',  'H', 'D', 'R',
          0,    0,   high, low, 0,  0,  high, low, 8,   2,   0,    0,    0,    0,   0,   0,
          0,    0,   0,    0,   0,  0,  'I',  'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82};
}

// A baseline JPEG header (SOI, SOF0) claiming `side` × `side` pixels in 3
// components, then EOI.
Bytes jpeg_bomb(unsigned side) {
  const auto high = static_cast<unsigned char>(side >> 8);
  const auto low = static_cast<unsigned char>(side & 0xFF);
  return {0xFF, 0xD8, 0xFF, 0xC0, 0,    17, 8, high, low, high, low, 3,
          1,    0x22, 0,    2,    0x11, 1,  3, 0x11, 1,   0xFF, 0xD9};
}

}  // namespace

TEST_CASE("a photo in each EXIF orientation comes out upright") {
  // A portrait page: the marks tell all 8 orientations apart (top-left black,
  // top-right grey, bottom paper), and so does the shape.
  const RgbImage page = photographed_page(360, 480);
  for (const bool big_endian : {false, true}) {
    for (int value = 1; value <= 8; ++value) {
      const auto orientation = static_cast<Orientation>(value);
      INFO("orientation " << value << (big_endian ? " MM" : " II"));
      const Bytes file =
          with_exif_orientation(jpeg_of(stored_for(page, orientation)), value, big_endian);
      const auto result = prepare_document_photo(file);
      REQUIRE(result.ok());
      const DocumentPhoto& photo = result.value();
      CHECK(photo.orientation == orientation);
      CHECK(photo.width == 360);
      CHECK(photo.height == 480);
      CHECK(photo.source_width == (value >= 5 ? 480 : 360));
      const RgbImage out = decoded(photo.jpeg);
      REQUIRE(out.width == 360);
      REQUIRE(out.height == 480);
      const Corners corners = corners_of(out);
      CHECK(corners.top_left < kDarkAtMost);
      CHECK(corners.top_right > 90);
      CHECK(corners.top_right < 150);
      CHECK(corners.bottom_left > kPaperAtLeast);
      CHECK(corners.bottom_right > kPaperAtLeast);
    }
  }
}

TEST_CASE("a 12-megapixel photo becomes 1600 x 1200 within the size and memory budget") {
  const Bytes file = jpeg_of(photographed_page(4000, 3000), 90);
  reset_codec_peak_bytes();
  const std::size_t held_before = codec_bytes_in_use();
  const auto result = prepare_document_photo(file);
  REQUIRE(result.ok());
  const DocumentPhoto& photo = result.value();
  CHECK(photo.width == 1600);
  CHECK(photo.height == 1200);
  CHECK(photo.source_width == 4000);
  CHECK(photo.source_height == 3000);
  CHECK(photo.jpeg.size() <= PhotoLimits{}.max_output_bytes);
  CHECK(photo.jpeg_quality == PhotoLimits{}.jpeg_quality);
  // Decoded once (36 MB of RGB) plus the decoder's planes (4:2:0: half as
  // much again), never twice.
  const std::size_t rgb_bytes = 4000u * 3000u * 3u;
  CHECK(codec_peak_bytes() - held_before < rgb_bytes * 16 / 10);
  CHECK(codec_bytes_in_use() == held_before);  // stb gave everything back

  SECTION("and stays legible: black marks, white paper, dark text") {
    const RgbImage out = decoded(photo.jpeg);
    const Corners corners = corners_of(out);
    CHECK(corners.top_left < kDarkAtMost);
    CHECK(corners.bottom_left > kPaperAtLeast);
    CHECK(corners.bottom_right > kPaperAtLeast);
    // The first text line (a large title): its darkest pixels are ink.
    int dark = 0;
    const int y0 = out.height * 30 / 100;
    const int y1 = out.height * 37 / 100;
    for (int y = y0; y < y1; ++y) {
      for (int x = out.width / 10; x < out.width * 9 / 10; ++x) {
        if (mean_tone(out, x, y, x + 1, y + 1) < kDarkAtMost) ++dark;
      }
    }
    CHECK(dark > (y1 - y0) * out.width / 50);
  }
}

TEST_CASE("a small photo is not upscaled") {
  const Bytes file = jpeg_of(photographed_page(640, 480));
  const auto result = prepare_document_photo(file);
  REQUIRE(result.ok());
  CHECK(result.value().width == 640);
  CHECK(result.value().height == 480);
  CHECK(result.value().orientation == Orientation::upright);
}

TEST_CASE("a PNG with transparency is laid on white paper") {
  const int width = 200;
  const int height = 100;
  Bytes rgba(static_cast<std::size_t>(width) * height * 4, 0);  // transparent black
  for (int y = 10; y < 60; ++y) {
    for (int x = 10; x < 60; ++x) rgba[(static_cast<std::size_t>(y) * width + x) * 4 + 3] = 255;
  }
  const auto result = prepare_document_photo(png_of(width, height, 4, rgba));
  REQUIRE(result.ok());
  const RgbImage out = decoded(result.value().jpeg);
  CHECK(mean_tone(out, 20, 20, 50, 50) < 30);
  CHECK(mean_tone(out, 100, 20, 190, 90) > 240);
  CHECK(result.value().orientation == Orientation::upright);
}

TEST_CASE("files over the size limit are refused before reading") {
  const Bytes file = jpeg_of(photographed_page(320, 240));
  PhotoLimits limits;
  limits.max_input_bytes = file.size() - 1;
  check_error(prepare_document_photo(file, limits), "media.too_large");
  limits.max_input_bytes = file.size();
  CHECK(prepare_document_photo(file, limits).ok());
}

TEST_CASE("a pixel bomb is refused from its header, without allocating its pixels") {
  // 30000 × 30000 is past what stb itself reads (2^30 bytes for a PNG); 10000 ×
  // 10000 (300 MB of RGB) only past the limit of 50 megapixels.
  for (const Bytes& bomb : {png_bomb(30000), jpeg_bomb(30000), png_bomb(10000), jpeg_bomb(10000)}) {
    reset_codec_peak_bytes();
    const std::size_t held_before = codec_bytes_in_use();
    check_error(prepare_document_photo(bomb), "media.too_many_pixels");
    CHECK(codec_peak_bytes() - held_before < 64 * 1024);  // stb's JPEG header reader: 18 KB
  }
  PhotoLimits limits;
  limits.max_input_pixels = 320 * 240 - 1;
  check_error(prepare_document_photo(jpeg_of(photographed_page(320, 240)), limits),
              "media.too_many_pixels");
}

TEST_CASE("garbage and damaged files are refused") {
  check_error(prepare_document_photo(Bytes{}), "media.not_image");
  check_error(prepare_document_photo(Bytes{'%', 'P', 'D', 'F', '-', '1', '.', '7'}),
              "media.not_image");
  check_error(prepare_document_photo(Bytes(5000, 0xFF)), "media.not_image");

  const Bytes jpeg = jpeg_of(photographed_page(320, 240));
  SECTION("a JPEG cut before its image data") {
    // Up to the start of scan (FF DA): the header reads, the data is missing.
    std::size_t sos = 2;
    while (!(jpeg[sos] == 0xFF && jpeg[sos + 1] == 0xDA)) ++sos;
    check_error(prepare_document_photo(
                    Bytes(jpeg.begin(), jpeg.begin() + static_cast<std::ptrdiff_t>(sos))),
                "media.damaged");
    check_error(prepare_document_photo(Bytes(jpeg.begin(), jpeg.begin() + 20)), "media.not_image");
  }
  SECTION("a PNG cut in its pixel data") {
    const RgbImage page = photographed_page(320, 240);
    const Bytes png = png_of(320, 240, 3, page.pixels);
    check_error(prepare_document_photo(
                    Bytes(png.begin(), png.begin() + static_cast<std::ptrdiff_t>(png.size() / 2))),
                "media.damaged");
  }
}

TEST_CASE("the output fits the byte budget: lower quality first, then fewer pixels") {
  const Bytes file = jpeg_of(noise_image(600, 450), 95);
  PhotoLimits limits;
  limits.max_output_bytes = 1024 * 1024;
  const auto roomy = prepare_document_photo(file, limits);
  REQUIRE(roomy.ok());
  CHECK(roomy.value().jpeg.size() <= limits.max_output_bytes);

  limits.max_output_bytes = roomy.value().jpeg.size() * 9 / 10;
  const auto lower = prepare_document_photo(file, limits);
  REQUIRE(lower.ok());
  CHECK(lower.value().jpeg.size() <= limits.max_output_bytes);
  CHECK(lower.value().jpeg_quality < roomy.value().jpeg_quality);
  CHECK(lower.value().width == 600);

  limits.min_long_edge_px = 300;
  limits.max_output_bytes = 38 * 1024;
  const auto smaller = prepare_document_photo(file, limits);
  REQUIRE(smaller.ok());
  CHECK(smaller.value().jpeg.size() <= limits.max_output_bytes);
  CHECK(smaller.value().width < 600);
  CHECK(smaller.value().width >= 300);
  CHECK(smaller.value().height * 4 == smaller.value().width * 3);

  limits.max_output_bytes = 2 * 1024;
  check_error(prepare_document_photo(file, limits), "media.cannot_fit");
}

TEST_CASE("error messages name the limit in both languages") {
  PhotoLimits limits;
  limits.max_input_bytes = 25u * 1024 * 1024;
  const Bytes big(limits.max_input_bytes + 1, 0);
  const auto result = prepare_document_photo(big, limits);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().message.vi == "Ảnh quá lớn (hơn 25 MB). Hãy chọn ảnh khác hoặc chụp lại.");
  CHECK(result.error().message.en ==
        "The photo is too large (over 25 MB). Choose another photo or take it again.");
}
