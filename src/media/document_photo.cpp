// prepare_document_photo: the steps of document_photo.h, the first seven in
// photo_decoding.h's decode_upright, the encoding here over stb's JPEG writer
// (compiled in stb_codecs.cpp).
#include "media/document_photo.h"

#include <algorithm>
#include <cassert>
#include <optional>
#include <utility>

#include "media/photo_decoding.h"
#include "media/rgb_image.h"
#include "media/stb_config.h"

#include <stb/stb_image_write.h>

namespace tokhai::media {
namespace {

constexpr int kQualityStep = 10;
constexpr double kShrinkFactor = 0.8;

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
                                             const PhotoLimits& limits,
                                             int thumbnail_long_edge_px) {
  assert(limits_make_sense(limits) && "PhotoLimits: qualities 1..100, sizes above 0");
  assert(thumbnail_long_edge_px >= 0 && "prepare_document_photo: a thumbnail edge of 0 or more");
  auto decoded = decode_upright(file, limits, limits.long_edge_px, Resampling::fine);
  if (!decoded.ok()) return decoded.error();
  UprightPhoto& upright = decoded.value();
  RgbImage page = std::move(upright.image);

  while (true) {
    for (int quality = limits.jpeg_quality;; quality -= kQualityStep) {
      quality = std::max(quality, limits.min_jpeg_quality);
      if (auto jpeg = encoded_jpeg(page, quality, limits.max_output_bytes)) {
        DocumentPhoto photo;
        photo.jpeg = std::move(*jpeg);
        photo.width = page.width;
        photo.height = page.height;
        photo.source_width = upright.source_width;
        photo.source_height = upright.source_height;
        photo.orientation = upright.orientation;
        photo.jpeg_quality = quality;
        if (thumbnail_long_edge_px > 0) {
          std::optional<RgbImage> thumbnail =
              downscaled(page, thumbnail_long_edge_px, Resampling::area);
          if (!thumbnail) return too_many_pixels_error(limits.max_input_pixels);
          photo.thumbnail = std::move(*thumbnail);
        }
        return photo;
      }
      if (quality == limits.min_jpeg_quality) break;
    }
    const int long_edge = std::max(page.width, page.height);
    const int floor = std::min(limits.min_long_edge_px, limits.long_edge_px);
    if (long_edge <= floor) return cannot_fit_error(limits.max_output_bytes);
    const int smaller_edge = std::max(floor, static_cast<int>(long_edge * kShrinkFactor));
    std::optional<RgbImage> smaller = downscaled(page, smaller_edge, Resampling::fine);
    if (!smaller) return too_many_pixels_error(limits.max_input_pixels);
    page = std::move(*smaller);
  }
}

}  // namespace tokhai::media
