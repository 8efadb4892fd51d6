// A strict reader of the EXIF Orientation tag: every read goes through
// read_u16/read_u32, which are only called after a bounds check against the
// span they read.
#include "media/exif_orientation.h"

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "media/jpeg_markers.h"

namespace tokhai::media {
namespace {

using namespace jpeg;

constexpr unsigned char kExifHeader[] = {'E', 'x', 'i', 'f', 0, 0};
constexpr std::uint16_t kTiffMagic = 42;
constexpr std::uint16_t kOrientationTag = 0x0112;
constexpr std::uint16_t kTypeShort = 3;
constexpr std::size_t kTiffHeaderBytes = 8;
constexpr std::size_t kIfdEntryBytes = 12;

// The caller has checked that `at + 2 <= bytes.size()`.
std::uint16_t read_u16(std::span<const unsigned char> bytes, std::size_t at, bool big_endian) {
  const unsigned first = bytes[at];
  const unsigned second = bytes[at + 1];
  return static_cast<std::uint16_t>(big_endian ? (first << 8) | second : (second << 8) | first);
}

// The caller has checked that `at + 4 <= bytes.size()`.
std::uint32_t read_u32(std::span<const unsigned char> bytes, std::size_t at, bool big_endian) {
  const std::uint32_t high = read_u16(bytes, big_endian ? at : at + 2, big_endian);
  const std::uint32_t low = read_u16(bytes, big_endian ? at + 2 : at, big_endian);
  return (high << 16) | low;
}

Orientation orientation_in_tiff(std::span<const unsigned char> tiff) {
  if (tiff.size() < kTiffHeaderBytes) return Orientation::upright;
  bool big_endian;
  if (tiff[0] == 'I' && tiff[1] == 'I') {
    big_endian = false;
  } else if (tiff[0] == 'M' && tiff[1] == 'M') {
    big_endian = true;
  } else {
    return Orientation::upright;
  }
  if (read_u16(tiff, 2, big_endian) != kTiffMagic) return Orientation::upright;
  const std::uint32_t ifd0 = read_u32(tiff, 4, big_endian);
  if (ifd0 < kTiffHeaderBytes || ifd0 > tiff.size() - 2) return Orientation::upright;
  const std::size_t entry_count = read_u16(tiff, ifd0, big_endian);
  const std::size_t entries = ifd0 + 2;
  if (entry_count > (tiff.size() - entries) / kIfdEntryBytes) return Orientation::upright;
  for (std::size_t i = 0; i < entry_count; ++i) {
    const std::size_t entry = entries + i * kIfdEntryBytes;
    if (read_u16(tiff, entry, big_endian) != kOrientationTag) continue;
    // A SHORT of count 1 sits in the first two bytes of the value field.
    if (read_u16(tiff, entry + 2, big_endian) != kTypeShort ||
        read_u32(tiff, entry + 4, big_endian) != 1) {
      return Orientation::upright;
    }
    const std::uint16_t value = read_u16(tiff, entry + 8, big_endian);
    return value >= 1 && value <= 8 ? static_cast<Orientation>(value) : Orientation::upright;
  }
  return Orientation::upright;
}

}  // namespace

Orientation read_exif_orientation(std::span<const unsigned char> jpeg) {
  if (jpeg.size() < 4 || jpeg[0] != kMarkerPrefix || jpeg[1] != kStartOfImage) {
    return Orientation::upright;
  }
  std::size_t at = 2;
  while (at + 2 <= jpeg.size()) {
    if (jpeg[at] != kMarkerPrefix) return Orientation::upright;
    const unsigned char marker = jpeg[at + 1];
    if (marker == kMarkerPrefix) {  // a fill byte before the marker code
      ++at;
      continue;
    }
    if (marker == kStartOfScan || marker == kEndOfImage) return Orientation::upright;
    if (is_standalone_marker(marker)) {
      at += 2;
      continue;
    }
    if (at + 4 > jpeg.size()) return Orientation::upright;
    const std::size_t length = read_u16(jpeg, at + 2, true);  // counts itself, not the marker
    if (length < 2 || length > jpeg.size() - (at + 2)) return Orientation::upright;
    const std::span<const unsigned char> segment = jpeg.subspan(at + 4, length - 2);
    if (marker == kApp1 && segment.size() >= sizeof kExifHeader &&
        std::memcmp(segment.data(), kExifHeader, sizeof kExifHeader) == 0) {
      return orientation_in_tiff(segment.subspan(sizeof kExifHeader));
    }
    at += 2 + length;
  }
  return Orientation::upright;
}

}  // namespace tokhai::media
