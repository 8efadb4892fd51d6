// decode_upright and downscaled (photo_decoding.h) over stb's decoders and
// resizer (compiled in stb_codecs.cpp).
#include "media/photo_decoding.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <utility>

#include "media/area_downscale.h"
#include "media/image_orientation.h"
#include "media/jpeg_guard.h"
#include "media/stb_config.h"

#include <stb/stb_image.h>
#include <stb/stb_image_resize.h>

namespace tokhai::media {
namespace {

constexpr unsigned char kPaperWhite = 255;

// Whether stb's last failure was `reason` (its short failure strings).
bool failed_because(const char* reason) {
  const char* failure = stbi_failure_reason();
  return failure != nullptr && std::strcmp(failure, reason) == 0;
}

// The pixel count in a PNG's IHDR chunk (width and height, big-endian, at
// bytes 16..23), or nullopt when the file does not start like a PNG.
std::optional<std::uint64_t> png_pixel_count(std::span<const unsigned char> file) {
  constexpr unsigned char kStart[] = {0x89, 'P', 'N', 'G', 13,  10,  26,  10,
                                      0,    0,   0,   13,  'I', 'H', 'D', 'R'};
  if (file.size() < sizeof kStart + 8 || std::memcmp(file.data(), kStart, sizeof kStart) != 0) {
    return std::nullopt;
  }
  const auto u32_at = [&](std::size_t at) {
    return std::uint64_t{file[at]} << 24 | std::uint64_t{file[at + 1]} << 16 |
           std::uint64_t{file[at + 2]} << 8 | std::uint64_t{file[at + 3]};
  };
  return u32_at(16) * u32_at(20);
}

struct StbFree {
  void operator()(unsigned char* pixels) const { stbi_image_free(pixels); }
};
using StbPixels = std::unique_ptr<unsigned char, StbFree>;

bool has_alpha(int channels_in_file) { return channels_in_file == 2 || channels_in_file == 4; }

// Lays RGBA pixels on white paper, in place: the RGB result fills the first
// three quarters of the buffer (each write lands at or before its read).
void flatten_onto_paper(unsigned char* pixels, std::size_t pixel_count) {
  for (std::size_t i = 0; i < pixel_count; ++i) {
    const unsigned char* from = pixels + i * 4;
    const unsigned alpha = from[3];
    unsigned char* to = pixels + i * RgbImage::kRgbChannels;
    for (int c = 0; c < RgbImage::kRgbChannels; ++c) {
      to[c] =
          static_cast<unsigned char>((from[c] * alpha + kPaperWhite * (255 - alpha) + 127) / 255);
    }
  }
}

struct Size {
  int width;
  int height;
};

// `width` × `height` scaled down so that the long edge is at most `long_edge_px`.
Size fitted_size(int width, int height, int long_edge_px) {
  const int longest = std::max(width, height);
  if (longest <= long_edge_px) return {width, height};
  const double scale = static_cast<double>(long_edge_px) / longest;
  return {std::max(1, static_cast<int>(std::lround(width * scale))),
          std::max(1, static_cast<int>(std::lround(height * scale)))};
}

// `pixels` (RGB, `from`) resampled to `to` (no larger); nullopt when stb
// cannot get its working memory.
std::optional<RgbImage> resized(const unsigned char* pixels, Size from, Size to,
                                Resampling resampling) {
  if (resampling == Resampling::area && (from.width != to.width || from.height != to.height)) {
    return area_downscaled(pixels, from.width, from.height, to.width, to.height);
  }
  RgbImage image = RgbImage::of_size(to.width, to.height);
  if (from.width == to.width && from.height == to.height) {
    std::memcpy(image.pixels.data(), pixels, image.pixels.size());
    return image;
  }
  if (stbir_resize_uint8_srgb(pixels, from.width, from.height, 0, image.pixels.data(), to.width,
                              to.height, 0, RgbImage::kRgbChannels, STBIR_ALPHA_CHANNEL_NONE,
                              0) == 0) {
    return std::nullopt;
  }
  return image;
}

}  // namespace

Result<UprightPhoto> decode_upright(std::span<const unsigned char> file, const PhotoLimits& limits,
                                    int long_edge_px, Resampling resampling) {
  if (file.size() > limits.max_input_bytes) return too_large_error(limits.max_input_bytes);
  if (file.size() > static_cast<std::size_t>(INT_MAX)) return too_large_error(INT_MAX);
  const int file_bytes = static_cast<int>(file.size());
  if (!jpeg_huffman_tables_fit(file)) return damaged_error();  // before stb reads any of it

  int width = 0;
  int height = 0;
  int channels_in_file = 0;
  if (stbi_info_from_memory(file.data(), file_bytes, &width, &height, &channels_in_file) == 0 ||
      width <= 0 || height <= 0) {
    // stb refuses a PNG header whose pixels need 2^30 bytes or more as "unknown".
    const std::optional<std::uint64_t> png_pixels = png_pixel_count(file);
    return png_pixels && *png_pixels > limits.max_input_pixels
               ? too_many_pixels_error(limits.max_input_pixels)
               : not_image_error();
  }
  const std::uint64_t pixel_count =
      static_cast<std::uint64_t>(width) * static_cast<std::uint64_t>(height);
  if (pixel_count > limits.max_input_pixels) return too_many_pixels_error(limits.max_input_pixels);

  const Orientation orientation = read_exif_orientation(file);
  const int channels = has_alpha(channels_in_file) ? 4 : RgbImage::kRgbChannels;
  int decoded_width = 0;
  int decoded_height = 0;
  StbPixels decoded(stbi_load_from_memory(file.data(), file_bytes, &decoded_width, &decoded_height,
                                          &channels_in_file, channels));
  if (!decoded) {
    return failed_because("outofmem") ? too_many_pixels_error(limits.max_input_pixels)
                                      : damaged_error();
  }
  if (decoded_width != width || decoded_height != height) return damaged_error();
  if (channels == 4) flatten_onto_paper(decoded.get(), pixel_count);

  std::optional<RgbImage> small =
      resized(decoded.get(), {width, height}, fitted_size(width, height, long_edge_px), resampling);
  decoded.reset();  // the camera's pixels go before anything else is allocated
  if (!small) return too_many_pixels_error(limits.max_input_pixels);
  return UprightPhoto{turn_upright(std::move(*small), orientation), width, height, orientation};
}

std::optional<RgbImage> downscaled(const RgbImage& image, int long_edge_px, Resampling resampling) {
  return resized(image.pixels.data(), {image.width, image.height},
                 fitted_size(image.width, image.height, long_edge_px), resampling);
}

}  // namespace tokhai::media
