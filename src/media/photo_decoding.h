// The guarded way into a photo's pixels, shared by prepare_document_photo
// (document_photo.h) and make_thumbnail (thumbnail.h): every file a person
// chose, or the app stored, is read through decode_upright, so both refuse the
// same files for the same reasons and take no more memory than
// document_photo.h promises.
#pragma once

#include <optional>
#include <span>

#include "media/document_photo.h"
#include "media/exif_orientation.h"
#include "media/media_error.h"
#include "media/rgb_image.h"

namespace tokhai::media {

// How a photo is made smaller.
enum class Resampling {
  fine,  // stb_image_resize's Mitchell filter in linear light: letters stay sharp (page photos)
  area,  // the mean of the pixels covered, in linear light (area_downscale.h): quick (thumbnails)
};

struct UprightPhoto {
  RgbImage image;        // upright, long edge at most the long_edge_px asked for
  int source_width = 0;  // of the file, as stored (before orientation)
  int source_height = 0;
  Orientation orientation = Orientation::upright;  // what was applied
};

// Steps 1–7 of document_photo.h: refuses a file over limits.max_input_bytes
// (media.too_large), a JPEG stb would misread (jpeg_guard.h: media.damaged),
// anything but a JPEG or PNG (media.not_image) and more than
// limits.max_input_pixels (media.too_many_pixels, also when stb runs out of
// memory), before decoding; then decodes to RGB (transparency laid on white
// paper), downscales by `resampling` so that the long edge is at most
// `long_edge_px` (never upscales) and turns the small image upright by the
// JPEG's EXIF orientation. Only limits.max_input_bytes and max_input_pixels
// are read.
Result<UprightPhoto> decode_upright(std::span<const unsigned char> file, const PhotoLimits& limits,
                                    int long_edge_px, Resampling resampling);

// `image` resampled so that its long edge is at most `long_edge_px` (a copy
// when it already is); nullopt when stb cannot get its working memory.
std::optional<RgbImage> downscaled(const RgbImage& image, int long_edge_px, Resampling resampling);

}  // namespace tokhai::media
