// The EXIF orientation of a JPEG: how the camera's stored pixels must be turned
// to show the scene upright. stb does not read EXIF, so this is a small,
// strict reader of exactly one thing: the Orientation tag (0x0112) of IFD0 in
// the first APP1 "Exif" segment before the image data.
#pragma once

#include <span>

namespace tokhai::media {

// EXIF orientation values (TIFF 6.0, tag 0x0112): where stored row 0 and
// column 0 appear on the upright picture.
enum class Orientation {
  upright = 1,        // row 0 top, column 0 left
  mirrored = 2,       // row 0 top, column 0 right
  rotated_180 = 3,    // row 0 bottom, column 0 right
  flipped = 4,        // row 0 bottom, column 0 left
  transposed = 5,     // row 0 left, column 0 top
  rotated_90_cw = 6,  // row 0 right, column 0 top: the stored image is turned 90° clockwise to show
  transversed = 7,    // row 0 right, column 0 bottom
  rotated_90_ccw = 8,  // row 0 left, column 0 bottom
};

// Whether showing an image in `orientation` swaps its width and height.
constexpr bool swaps_width_and_height(Orientation orientation) {
  return static_cast<int>(orientation) >= 5;
}

// The orientation recorded in a JPEG file. Reads the markers from SOI up to the
// first SOS, checking every length and offset against the file's end, and the
// first APP1 segment that starts with "Exif\0\0": its TIFF header (either byte
// order, "II" or "MM"), IFD0, and there the Orientation entry, which must be a
// SHORT of count 1 with a value 1..8. Anything else — not a JPEG, no EXIF, no
// such entry, a wrong type, an out-of-range value, an offset or length past
// the end — gives Orientation::upright.
Orientation read_exif_orientation(std::span<const unsigned char> jpeg);

}  // namespace tokhai::media
