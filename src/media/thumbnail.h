// Thumbnails: the small upright picture a screen shows of a photo, e.g. of a
// page photo kept in a draft (a JPEG prepare_document_photo made) when the
// draft is opened again after a reload.
#pragma once

#include <span>

#include "media/document_photo.h"
#include "media/media_error.h"
#include "media/rgb_image.h"

namespace tokhai::media {

// `file` (a JPEG or PNG) decoded through the same guards as
// prepare_document_photo (photo_decoding.h: the size and pixel limits of
// `limits`, the JPEG check, its EXIF orientation applied) and downscaled so
// that its long edge is at most `long_edge_px` (never upscaled).
// Errors: media.too_large, media.not_image, media.too_many_pixels,
// media.damaged.
// Memory: a decode, as document_photo.h counts it (about 9 MB for a
// 1600 × 1200 page photo), then the thumbnail.
Result<RgbImage> make_thumbnail(std::span<const unsigned char> file, int long_edge_px,
                                const PhotoLimits& limits = {});

}  // namespace tokhai::media
