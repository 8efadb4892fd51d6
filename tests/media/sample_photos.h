// Sample photos for the media tests and the benchmark, made here rather than
// kept as files: a page of a paper document (paper, two corner marks, lines of
// text drawn with stb_easy_font) "photographed" — turned slightly, lit unevenly,
// with sensor noise — and encoded as the camera would, JPEG with an EXIF
// orientation or PNG.
#pragma once

#include <span>
#include <vector>

#include "media/exif_orientation.h"
#include "media/rgb_image.h"

namespace tokhai::media::test {

// Where the marks of a page of `width` × `height` are, and their tones: a black
// square in the top-left corner and a grey one in the top-right corner of the
// upright page; the bottom corners are paper.
struct PageMarks {
  int size;    // the side of each square
  int margin;  // from the page's edges
};
PageMarks marks_of(int width, int height);
constexpr int kInkTone = 20;
constexpr int kGreyTone = 125;
constexpr int kPaperTone = 245;

// An upright page photographed: its content turned by `degrees` about the
// centre, lit from the top-left (the far corner gets 82 % of the light), with
// ±6 of noise (the same for the same `seed`).
RgbImage photographed_page(int width, int height, double degrees = 1.5, unsigned seed = 1);

// The tones of the page's corners in a processed photo: the squares are
// measured over their middle half, so that the slight turn does not matter.
struct Corners {
  double top_left, top_right, bottom_left, bottom_right;
};
Corners corners_of(const RgbImage& image);

// Pixels of uniform random noise: the worst case for a JPEG's size.
RgbImage noise_image(int width, int height, unsigned seed = 7);

// The pixels a camera stores for `upright` when it records `orientation`: the
// inverse of what showing it does, made by turning and mirroring.
RgbImage stored_for(const RgbImage& upright, Orientation orientation);

std::vector<unsigned char> jpeg_of(const RgbImage& image, int quality = 92);

// `channels` 3 (RGB) or 4 (RGBA) bytes per pixel.
std::vector<unsigned char> png_of(int width, int height, int channels,
                                  std::span<const unsigned char> pixels);

// An APP1 "Exif" segment with IFD0 holding Make ("tokhai") and Orientation,
// inserted right after the SOI of `jpeg`, in the byte order asked.
std::vector<unsigned char> with_exif_orientation(std::vector<unsigned char> jpeg, int orientation,
                                                 bool big_endian);

// The TIFF part of such a segment, for the reader's own tests.
std::vector<unsigned char> exif_tiff(int orientation, bool big_endian);

// A JPEG's decoded pixels (RGB).
RgbImage decoded(std::span<const unsigned char> file);

// The mean of (R + G + B) / 3 over the rectangle [x0, x1) × [y0, y1).
double mean_tone(const RgbImage& image, int x0, int y0, int x1, int y1);

}  // namespace tokhai::media::test
