// The DHT check that keeps stb_image 2.27 from overflowing its Huffman tables:
// real JPEGs pass; a table of 257 symbols is refused wherever stb would read it.
#include "media/jpeg_guard.h"

#include <catch2/catch.hpp>

#include <vector>

#include "media/document_photo.h"
#include "sample_photos.h"

using namespace tokhai::media;
using namespace tokhai::media::test;

namespace {

using Bytes = std::vector<unsigned char>;

// A DHT segment with one AC table whose counts add up to `symbols` (at most 16
// × 255), followed by that many symbol bytes.
Bytes dht_segment(std::size_t symbols) {
  Bytes counts(16, 0);
  std::size_t left = symbols;
  for (std::size_t i = 15; left > 0; --i) {
    counts[i] = static_cast<unsigned char>(left > 255 ? 255 : left);
    left -= counts[i];
  }
  const std::size_t length = 2 + 1 + 16 + symbols;
  Bytes out = {0xFF, 0xC4, static_cast<unsigned char>(length >> 8),
               static_cast<unsigned char>(length & 0xFF), 0x10};
  out.insert(out.end(), counts.begin(), counts.end());
  out.insert(out.end(), symbols, 0x01);
  return out;
}

// Where the first start of scan (FF DA) of `jpeg` is.
std::size_t start_of_scan(const Bytes& jpeg) {
  std::size_t at = 2;
  while (!(jpeg[at] == 0xFF && jpeg[at + 1] == 0xDA)) ++at;
  return at;
}

}  // namespace

TEST_CASE("real JPEGs and other files pass the Huffman table check") {
  CHECK(jpeg_huffman_tables_fit(jpeg_of(photographed_page(64, 48))));
  CHECK(jpeg_huffman_tables_fit(
      with_exif_orientation(jpeg_of(photographed_page(64, 48), 95), 6, true)));
  CHECK(jpeg_huffman_tables_fit(Bytes{}));
  CHECK(jpeg_huffman_tables_fit(Bytes{0x89, 'P', 'N', 'G'}));
  CHECK(jpeg_huffman_tables_fit(Bytes{0xFF, 0xD8, 0xFF}));
}

TEST_CASE("a Huffman table of more than 256 symbols is refused") {
  const Bytes jpeg = jpeg_of(photographed_page(64, 48));
  const std::size_t sos = start_of_scan(jpeg);
  SECTION("before the frame, where stbi_info reads it") {
    Bytes file = jpeg;
    const Bytes fits = dht_segment(256);
    file.insert(file.begin() + 2, fits.begin(), fits.end());
    CHECK(jpeg_huffman_tables_fit(file));
    const Bytes overflows = dht_segment(257);
    file.insert(file.begin() + 2, overflows.begin(), overflows.end());
    CHECK_FALSE(jpeg_huffman_tables_fit(file));
    const auto result = prepare_document_photo(file);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == "media.damaged");
  }
  SECTION("after junk and fill bytes, which stb skips") {
    Bytes file = jpeg;
    const Bytes overflows = dht_segment(300);
    file.insert(file.begin() + static_cast<std::ptrdiff_t>(sos), overflows.begin(),
                overflows.end());
    file.insert(file.begin() + static_cast<std::ptrdiff_t>(sos), {0x00, 0x17, 0xFF, 0xFF});
    CHECK_FALSE(jpeg_huffman_tables_fit(file));
  }
  SECTION("after the entropy-coded data of a scan") {
    Bytes file = jpeg;
    const Bytes overflows = dht_segment(4000);
    file.insert(file.end() - 2, overflows.begin(), overflows.end());  // before EOI
    CHECK_FALSE(jpeg_huffman_tables_fit(file));
  }
  SECTION("cut short: the missing counts read as 0, as stb reads them") {
    Bytes file(jpeg.begin(), jpeg.begin() + static_cast<std::ptrdiff_t>(sos));
    const Bytes overflows = dht_segment(600);
    file.insert(file.end(), overflows.begin(), overflows.begin() + 5 + 16);
    CHECK_FALSE(jpeg_huffman_tables_fit(file));
    file.resize(file.size() - 14);  // only counts 1 and 2 (both 0) are left
    CHECK(jpeg_huffman_tables_fit(file));
  }
  SECTION("but not inside a segment stb skips") {
    Bytes file = jpeg;
    Bytes comment = {0xFF, 0xFE, 0, 0};
    const Bytes inside = dht_segment(300);
    comment.insert(comment.end(), inside.begin(), inside.end());
    comment[2] = static_cast<unsigned char>((comment.size() - 2) >> 8);
    comment[3] = static_cast<unsigned char>((comment.size() - 2) & 0xFF);
    file.insert(file.begin() + 2, comment.begin(), comment.end());
    CHECK(jpeg_huffman_tables_fit(file));
    CHECK(prepare_document_photo(file).ok());
  }
}
