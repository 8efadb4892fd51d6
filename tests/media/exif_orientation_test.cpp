// The EXIF orientation reader: every value in both byte orders, and every way a
// file can be short, lie about a length or hold the wrong type (upright then).
#include "media/exif_orientation.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "sample_photos.h"

using namespace tokhai::media;
using tokhai::media::test::exif_tiff;

namespace {

using Bytes = std::vector<unsigned char>;

Bytes segment(unsigned char marker, const Bytes& payload) {
  const std::size_t length = payload.size() + 2;
  Bytes out = {0xFF, marker, static_cast<unsigned char>(length >> 8),
               static_cast<unsigned char>(length & 0xFF)};
  out.insert(out.end(), payload.begin(), payload.end());
  return out;
}

Bytes exif_payload(const Bytes& tiff) {
  Bytes payload = {'E', 'x', 'i', 'f', 0, 0};
  payload.insert(payload.end(), tiff.begin(), tiff.end());
  return payload;
}

// SOI, the given segments, then SOS and a little scan data.
Bytes jpeg_with(const std::vector<Bytes>& segments) {
  Bytes out = {0xFF, 0xD8};
  for (const Bytes& s : segments) out.insert(out.end(), s.begin(), s.end());
  const Bytes scan = segment(0xDA, {1, 2, 3});
  out.insert(out.end(), scan.begin(), scan.end());
  out.insert(out.end(), {0x12, 0x34, 0xFF, 0xD9});
  return out;
}

Orientation read_tiff(const Bytes& tiff) {
  return read_exif_orientation(jpeg_with({segment(0xE1, exif_payload(tiff))}));
}

const Bytes kJfif = segment(0xE0, {'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0});

}  // namespace

TEST_CASE("every orientation value is read in both byte orders") {
  for (const bool big_endian : {false, true}) {
    for (int value = 1; value <= 8; ++value) {
      INFO("value " << value << (big_endian ? " MM" : " II"));
      CHECK(read_tiff(exif_tiff(value, big_endian)) == static_cast<Orientation>(value));
    }
  }
}

TEST_CASE("the Exif segment is found after other segments and fill bytes") {
  const Bytes exif = segment(0xE1, exif_payload(exif_tiff(6, true)));
  const Bytes xmp = segment(0xE1, {'h', 't', 't', 'p', ':', '/', '/', 'n', 's', 0});
  CHECK(read_exif_orientation(jpeg_with({kJfif, xmp, exif})) == Orientation::rotated_90_cw);
  Bytes filled = jpeg_with({kJfif, exif});
  filled.insert(filled.begin() + 2, {0xFF, 0xFF});  // fill bytes before a marker
  CHECK(read_exif_orientation(filled) == Orientation::rotated_90_cw);
  // The first Exif segment is the one read.
  const Bytes second = segment(0xE1, exif_payload(exif_tiff(3, false)));
  CHECK(read_exif_orientation(jpeg_with({exif, second})) == Orientation::rotated_90_cw);
}

TEST_CASE("no Exif means upright") {
  CHECK(read_exif_orientation(jpeg_with({kJfif})) == Orientation::upright);
  CHECK(read_exif_orientation(Bytes{}) == Orientation::upright);
  CHECK(read_exif_orientation(Bytes{0x89, 'P', 'N', 'G', 13, 10, 26, 10}) == Orientation::upright);
  // An Exif segment after the start of scan belongs to the image data.
  Bytes late = jpeg_with({kJfif});
  const Bytes exif = segment(0xE1, exif_payload(exif_tiff(8, false)));
  late.insert(late.end() - 2, exif.begin(), exif.end());
  CHECK(read_exif_orientation(late) == Orientation::upright);
  // "Exif" without its two NULs is another kind of APP1.
  Bytes payload = exif_payload(exif_tiff(8, false));
  payload[5] = 'x';
  CHECK(read_exif_orientation(jpeg_with({segment(0xE1, payload)})) == Orientation::upright);
}

TEST_CASE("out-of-range values and wrong types mean upright") {
  for (const bool big_endian : {false, true}) {
    CHECK(read_tiff(exif_tiff(0, big_endian)) == Orientation::upright);
    CHECK(read_tiff(exif_tiff(9, big_endian)) == Orientation::upright);
    CHECK(read_tiff(exif_tiff(0x0106, big_endian)) == Orientation::upright);
  }
  Bytes tiff = exif_tiff(6, false);
  const std::size_t orientation_entry = 8 + 2 + 12;
  tiff[orientation_entry + 2] = 4;  // LONG instead of SHORT
  CHECK(read_tiff(tiff) == Orientation::upright);
  tiff = exif_tiff(6, false);
  tiff[orientation_entry + 4] = 2;  // count 2
  CHECK(read_tiff(tiff) == Orientation::upright);
  tiff = exif_tiff(6, false);
  tiff[2] = 43;  // not TIFF's 42
  CHECK(read_tiff(tiff) == Orientation::upright);
  tiff = exif_tiff(6, false);
  tiff[0] = 'M';  // mixed byte-order mark
  CHECK(read_tiff(tiff) == Orientation::upright);
}

TEST_CASE("offsets and lengths past the end mean upright") {
  const Bytes good = exif_tiff(6, false);
  SECTION("IFD0 past the end") {
    Bytes tiff = good;
    tiff[4] = static_cast<unsigned char>(tiff.size() - 1);
    CHECK(read_tiff(tiff) == Orientation::upright);
    tiff[4] = 0xFF;
    tiff[7] = 0xFF;
    CHECK(read_tiff(tiff) == Orientation::upright);
    tiff[4] = 4;  // inside the header
    tiff[7] = 0;
    CHECK(read_tiff(tiff) == Orientation::upright);
  }
  SECTION("more entries than the segment holds") {
    Bytes tiff = good;
    tiff[8] = 0xFF;
    tiff[9] = 0xFF;
    CHECK(read_tiff(tiff) == Orientation::upright);
    tiff[8] = 4;  // the fourth entry would run past the end
    tiff[9] = 0;
    tiff.resize(8 + 2 + 3 * 12);
    CHECK(read_tiff(tiff) == Orientation::upright);
  }
  SECTION("the TIFF cut short at every length") {
    for (std::size_t size = 0; size < 8 + 2 + 2 * 12; ++size) {
      INFO("size " << size);
      CHECK(read_tiff(Bytes(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(size))) ==
            Orientation::upright);
    }
    // Cut after the Orientation entry, it is still whole.
    CHECK(read_tiff(Bytes(good.begin(), good.begin() + 8 + 2 + 2 * 12)) ==
          Orientation::rotated_90_cw);
  }
  SECTION("a segment length past the end of the file") {
    const Bytes file = jpeg_with({segment(0xE1, exif_payload(good))});
    for (std::size_t size = 0; size < 2 + 4 + 6 + 8 + 2 + 2 * 12; ++size) {
      INFO("size " << size);
      CHECK(read_exif_orientation(
                Bytes(file.begin(), file.begin() + static_cast<std::ptrdiff_t>(size))) ==
            Orientation::upright);
    }
    Bytes lying = file;
    lying[4] = 0xFF;  // APP1 claims 65,000 bytes
    CHECK(read_exif_orientation(lying) == Orientation::upright);
    lying[4] = 0;
    lying[5] = 1;  // a length below its own two bytes
    CHECK(read_exif_orientation(lying) == Orientation::upright);
  }
  SECTION("garbage where a marker should be") {
    Bytes file = jpeg_with({kJfif, segment(0xE1, exif_payload(good))});
    file[2 + kJfif.size()] = 0x00;
    CHECK(read_exif_orientation(file) == Orientation::upright);
  }
}
