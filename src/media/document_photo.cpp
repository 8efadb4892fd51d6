// prepare_document_photo: the steps of document_photo.h over stb's decoders,
// resizer and encoder (compiled in stb_codecs.cpp).
#include "media/document_photo.h"

#include <algorithm>
#include <cassert>
#include <climits>
#include <cmath>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "media/image_orientation.h"
#include "media/jpeg_guard.h"
#include "media/rgb_image.h"
#include "media/stb_config.h"

#include <stb/stb_image.h>
#include <stb/stb_image_resize.h>
#include <stb/stb_image_write.h>

namespace tokhai::media {
namespace {

constexpr int kQualityStep = 10;
constexpr double kShrinkFactor = 0.8;
constexpr unsigned char kPaperWhite = 255;

// "25 MB", "300 KB", "512 byte".
std::string size_text(std::size_t size_bytes) {
  if (size_bytes >= 1024 * 1024) return std::to_string(size_bytes / (1024 * 1024)) + " MB";
  if (size_bytes >= 1024) return std::to_string(size_bytes / 1024) + " KB";
  return std::to_string(size_bytes) + " byte";
}

Error too_large(std::size_t max_input_bytes) {
  const std::string limit = size_text(max_input_bytes);
  return media_error(
      "media.too_large", "Ảnh quá lớn (hơn " + limit + "). Hãy chọn ảnh khác hoặc chụp lại.",
      "The photo is too large (over " + limit + "). Choose another photo or take it again.");
}

Error not_image() {
  return media_error("media.not_image",
                     "Tệp này không phải ảnh JPEG hoặc PNG. Hãy chọn ảnh chụp giấy tờ.",
                     "This file is not a JPEG or PNG picture. Choose a photo of the paper.");
}

Error too_many_pixels(std::uint64_t max_input_pixels) {
  const bool millions = max_input_pixels >= 1'000'000;
  const std::string count =
      std::to_string(millions ? max_input_pixels / 1'000'000 : max_input_pixels);
  return media_error("media.too_many_pixels",
                     "Ảnh có quá nhiều điểm ảnh (hơn " + count + (millions ? " triệu" : "") +
                         ") để xử lý trên điện thoại này. Hãy chụp lại với độ phân giải thấp hơn.",
                     "The photo has too many pixels (over " + count + (millions ? " million" : "") +
                         ") to process on this phone. Take it again at a lower resolution.");
}

Error damaged() {
  return media_error("media.damaged",
                     "Ảnh bị hỏng, không đọc được. Hãy chụp lại hoặc chọn ảnh khác.",
                     "The photo is damaged and cannot be read. Take it again or choose another.");
}

Error cannot_fit(std::size_t max_output_bytes) {
  const std::string limit = size_text(max_output_bytes);
  return media_error("media.cannot_fit",
                     "Không thu nhỏ được ảnh xuống " + limit +
                         " mà vẫn đọc rõ chữ. Hãy chụp riêng từng trang, đủ sáng, giữ máy yên.",
                     "The photo cannot be made " + limit +
                         " or smaller and keep its text readable. Take each page on its own, in "
                         "good light, holding the phone still.");
}

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

// `pixels` (RGB, `from`) resampled to `to` in linear light; nullopt when stb
// cannot get its working memory.
std::optional<RgbImage> resized(const unsigned char* pixels, Size from, Size to) {
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

// Collects stb's JPEG output, and stops keeping it once it exceeds the limit
// (stb cannot be stopped, but the buffer never grows past the limit).
struct JpegSink {
  std::vector<unsigned char> bytes;
  std::size_t max_bytes;
  bool too_big = false;
};

void append_to_sink(void* context, void* data, int size) {
  auto& sink = *static_cast<JpegSink*>(context);
  const auto count = static_cast<std::size_t>(size);
  if (sink.too_big || count > sink.max_bytes - sink.bytes.size()) {
    sink.too_big = true;
    return;
  }
  const auto* bytes = static_cast<const unsigned char*>(data);
  sink.bytes.insert(sink.bytes.end(), bytes, bytes + count);
}

// The image as a JPEG at `quality`, or nullopt when it exceeds `max_bytes`.
std::optional<std::vector<unsigned char>> encoded_jpeg(const RgbImage& image, int quality,
                                                       std::size_t max_bytes) {
  JpegSink sink{{}, max_bytes};
  sink.bytes.reserve(std::min(max_bytes, image.pixels.size()));
  if (stbi_write_jpg_to_func(append_to_sink, &sink, image.width, image.height,
                             RgbImage::kRgbChannels, image.pixels.data(), quality) == 0 ||
      sink.too_big) {
    return std::nullopt;
  }
  return std::move(sink.bytes);
}

[[maybe_unused]] bool limits_make_sense(const PhotoLimits& limits) {
  return limits.max_input_pixels > 0 && limits.long_edge_px > 0 && limits.min_long_edge_px > 0 &&
         limits.min_jpeg_quality >= 1 && limits.min_jpeg_quality <= limits.jpeg_quality &&
         limits.jpeg_quality <= 100;
}

}  // namespace

Result<DocumentPhoto> prepare_document_photo(std::span<const unsigned char> file,
                                             const PhotoLimits& limits) {
  assert(limits_make_sense(limits) && "PhotoLimits: qualities 1..100, sizes above 0");
  if (file.size() > limits.max_input_bytes) return too_large(limits.max_input_bytes);
  if (file.size() > static_cast<std::size_t>(INT_MAX)) return too_large(INT_MAX);
  const int file_bytes = static_cast<int>(file.size());
  if (!jpeg_huffman_tables_fit(file)) return damaged();  // before stb reads any of it

  int width = 0;
  int height = 0;
  int channels_in_file = 0;
  if (stbi_info_from_memory(file.data(), file_bytes, &width, &height, &channels_in_file) == 0 ||
      width <= 0 || height <= 0) {
    // stb refuses a PNG header whose pixels need 2^30 bytes or more as "unknown".
    const std::optional<std::uint64_t> png_pixels = png_pixel_count(file);
    return png_pixels && *png_pixels > limits.max_input_pixels
               ? too_many_pixels(limits.max_input_pixels)
               : not_image();
  }
  const std::uint64_t pixel_count =
      static_cast<std::uint64_t>(width) * static_cast<std::uint64_t>(height);
  if (pixel_count > limits.max_input_pixels) return too_many_pixels(limits.max_input_pixels);

  const Orientation orientation = read_exif_orientation(file);
  const int channels = has_alpha(channels_in_file) ? 4 : RgbImage::kRgbChannels;
  int decoded_width = 0;
  int decoded_height = 0;
  StbPixels decoded(stbi_load_from_memory(file.data(), file_bytes, &decoded_width, &decoded_height,
                                          &channels_in_file, channels));
  if (!decoded) {
    return failed_because("outofmem") ? too_many_pixels(limits.max_input_pixels) : damaged();
  }
  if (decoded_width != width || decoded_height != height) return damaged();
  if (channels == 4) flatten_onto_paper(decoded.get(), pixel_count);

  const Size source{width, height};
  std::optional<RgbImage> small =
      resized(decoded.get(), source, fitted_size(width, height, limits.long_edge_px));
  decoded.reset();
  if (!small) return too_many_pixels(limits.max_input_pixels);
  RgbImage page = turn_upright(std::move(*small), orientation);

  while (true) {
    for (int quality = limits.jpeg_quality;; quality -= kQualityStep) {
      quality = std::max(quality, limits.min_jpeg_quality);
      if (auto jpeg = encoded_jpeg(page, quality, limits.max_output_bytes)) {
        return DocumentPhoto{std::move(*jpeg), page.width,  page.height, width,
                             height,           orientation, quality};
      }
      if (quality == limits.min_jpeg_quality) break;
    }
    const int long_edge = std::max(page.width, page.height);
    const int floor = std::min(limits.min_long_edge_px, limits.long_edge_px);
    if (long_edge <= floor) return cannot_fit(limits.max_output_bytes);
    const int smaller_edge = std::max(floor, static_cast<int>(long_edge * kShrinkFactor));
    const Size now{page.width, page.height};
    std::optional<RgbImage> smaller =
        resized(page.pixels.data(), now, fitted_size(now.width, now.height, smaller_edge));
    if (!smaller) return too_many_pixels(limits.max_input_pixels);
    page = std::move(*smaller);
  }
}

}  // namespace tokhai::media
