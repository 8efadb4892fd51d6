// fuzz_media: the libFuzzer target of prepare_document_photo and
// make_thumbnail (src/media): the camera's file, read by stb's JPEG and PNG
// decoders and our EXIF reader.
//
// An input is a file. Limits are small (1 megapixel in, 256 pixels on the long
// edge, 16 KB out) so that a run decodes many inputs a second and a header
// claiming more is refused by the pixel limit, as a bomb should be. Whatever
// the file holds, processing must not crash or trip a sanitizer; an error
// must be a media.* code with both messages; a result must be a JPEG that
// decodes to its stated size, within the limits, with an orientation 1..8 that
// the reader agrees with, and a thumbnail of at most 64 pixels on its long
// edge; make_thumbnail of the same file gives the same answer (the same
// error, or a thumbnail that fits, with width × height × 3 bytes).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string_view>

#include "media/document_photo.h"
#include "media/exif_orientation.h"
#include "media/thumbnail.h"

#include <stb/stb_image.h>

using namespace tokhai::media;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const unsigned char> file(data, size);
  PhotoLimits limits;
  limits.max_input_bytes = 1024 * 1024;
  limits.max_input_pixels = 1024 * 1024;
  limits.long_edge_px = 256;
  limits.min_long_edge_px = 128;
  limits.max_output_bytes = 16 * 1024;

  const Orientation orientation = read_exif_orientation(file);
  const int value = static_cast<int>(orientation);
  if (value < 1 || value > 8) std::abort();

  constexpr int kThumbnailEdge = 64;
  const auto thumbnail = make_thumbnail(file, kThumbnailEdge, limits);
  if (thumbnail.ok()) {
    const RgbImage& small = thumbnail.value();
    if (small.width < 1 || small.height < 1 || small.width > kThumbnailEdge ||
        small.height > kThumbnailEdge ||
        small.pixels.size() != static_cast<std::size_t>(small.width) * small.height * 3) {
      std::abort();
    }
  }

  const auto result = prepare_document_photo(file, limits, kThumbnailEdge);
  if (!result.ok()) {
    const auto& error = result.error();
    if (!std::string_view(error.code).starts_with("media.")) std::abort();
    if (error.message.vi.empty() || error.message.en.empty()) std::abort();
    // The same guards: refused for the same reason, unless only the output
    // could not fit.
    if (error.code != "media.cannot_fit" &&
        (thumbnail.ok() || thumbnail.error().code != error.code)) {
      std::abort();
    }
    return 0;
  }
  if (!thumbnail.ok()) std::abort();
  const DocumentPhoto& photo = result.value();
  if (photo.jpeg.empty() || photo.jpeg.size() > limits.max_output_bytes) std::abort();
  if (photo.width < 1 || photo.height < 1) std::abort();
  if (photo.width > limits.long_edge_px || photo.height > limits.long_edge_px) std::abort();
  if (photo.orientation != orientation && photo.orientation != Orientation::upright) std::abort();
  if (photo.thumbnail.width < 1 || photo.thumbnail.width > kThumbnailEdge ||
      photo.thumbnail.height < 1 || photo.thumbnail.height > kThumbnailEdge) {
    std::abort();
  }
  int width = 0;
  int height = 0;
  int channels = 0;
  if (stbi_info_from_memory(photo.jpeg.data(), static_cast<int>(photo.jpeg.size()), &width, &height,
                            &channels) == 0 ||
      width != photo.width || height != photo.height) {
    std::abort();
  }
  return 0;
}
