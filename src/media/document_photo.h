// Document photos: the camera's file of a paper document (a birth notice, an ID
// card) made into a small, readable JPEG before anything stores or sends it.
//
// prepare_document_photo, in order:
//   1. refuses a file over max_input_bytes (media.too_large);
//   2. refuses a JPEG whose Huffman tables would overflow stb's
//      (jpeg_guard.h: media.damaged);
//   3. reads the JPEG or PNG header only (stbi_info) and refuses anything else
//      (media.not_image) and more than max_input_pixels (media.too_many_pixels),
//      so a small file claiming 30000×30000 pixels never allocates its pixels;
//   4. reads the EXIF orientation of a JPEG (exif_orientation.h; a PNG is
//      upright);
//   5. decodes to 8-bit RGB; transparent pixels are laid on white paper; a file
//      whose data does not decode is media.damaged;
//   6. downscales so that the long edge is at most long_edge_px (never
//      upscales), in linear light (stb_image_resize's sRGB mode), and frees the
//      camera's pixels at once;
//   7. turns the small image upright (image_orientation.h): cheaper than
//      turning 12 million pixels, and the same result;
//   8. encodes a baseline JPEG (stb_image_write; 4:2:0 chroma below quality
//      91), starting at jpeg_quality and, while it exceeds max_output_bytes,
//      stepping the quality down by 10 to min_jpeg_quality, then making the
//      image 20 % smaller (never below min_long_edge_px) and trying the
//      qualities again; media.cannot_fit when nothing fits;
//   9. when asked, makes the thumbnail from the page it encoded, by area
//      averaging (area_downscale.h): the page's pixels are at hand, so it
//      costs no decoding. In wasm under node, for a 1600 × 1200 page to
//      192 × 144: 3 ms, where stb's Mitchell filter took 46 ms and decoding
//      the output JPEG again (as make_thumbnail of thumbnail.h does for a
//      stored one) 38 ms.
// Steps 1–7 are photo_decoding.h's decode_upright, which make_thumbnail
// (thumbnail.h) shares.
// The output carries no metadata: no EXIF, so neither the camera's location
// nor its orientation (already applied) travels with the filing.
//
// Memory, for a 4000×3000 camera JPEG (12 MP, baseline, 4:2:0 as phones write
// them) with the default limits, counted by codec_memory.h (every stb
// allocation) plus our own buffers:
//   decoding      36.0 MB of RGB out + 18.0 MB of stb's component planes
//                 (Y at full size, Cb and Cr at a quarter) = 54 MB, the peak
//                 (media_bench measures 54.1 MB);
//   downscaling   36.0 MB in + 5.8 MB out (1600×1200) + stb's 0.5 MB of filter
//                 buffers = 42 MB, then the 36 MB are freed;
//   turning       5.8 MB + 5.8 MB (orientations 2..8 only);
//   encoding      5.8 MB + the JPEG (at most max_output_bytes); stb_image_write
//                 allocates nothing itself.
// A progressive JPEG adds stb's coefficient planes (2 bytes per sample, 36 MB
// more for this size) while it decodes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "media/exif_orientation.h"
#include "media/media_error.h"
#include "media/rgb_image.h"

namespace tokhai::media {

// What a form allows for one page photographed. The defaults suit an A4 page:
// 1600 pixels on the long edge is about 140 dpi, where printed 10-point text
// stays readable, and quality 80 keeps letter edges clean at about 150–250 KB.
struct PhotoLimits {
  std::size_t max_input_bytes = 25u * 1024 * 1024;
  std::uint64_t max_input_pixels = 50'000'000;
  int long_edge_px = 1600;
  int jpeg_quality = 80;  // 1..100, where the quality steps start
  std::size_t max_output_bytes = 300u * 1024;
  int min_jpeg_quality = 50;    // the lowest quality tried before making the image smaller
  int min_long_edge_px = 1000;  // the smallest long edge tried before giving up
};

// A page photo ready to store and send.
struct DocumentPhoto {
  std::vector<unsigned char> jpeg;  // a baseline JFIF file without metadata
  int width = 0;                    // of the upright output
  int height = 0;
  int source_width = 0;  // of the camera's file, as stored (before orientation)
  int source_height = 0;
  Orientation orientation = Orientation::upright;  // what was applied
  int jpeg_quality = 0;                            // the quality that fitted
  // Upright, long edge at most the thumbnail_long_edge_px asked for; empty
  // (0 × 0) when none was.
  RgbImage thumbnail;
};

// The camera's file (JPEG or PNG) made into a page photo within `limits`, and
// its thumbnail when `thumbnail_long_edge_px` is above 0.
// Errors: media.too_large, media.not_image, media.too_many_pixels (also when
// the phone runs out of memory for it), media.damaged, media.cannot_fit.
Result<DocumentPhoto> prepare_document_photo(std::span<const unsigned char> file,
                                             const PhotoLimits& limits = {},
                                             int thumbnail_long_edge_px = 0);

}  // namespace tokhai::media
