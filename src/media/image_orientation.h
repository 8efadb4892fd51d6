// Turning stored pixels upright according to their EXIF orientation.
#pragma once

#include "media/exif_orientation.h"
#include "media/rgb_image.h"

namespace tokhai::media {

// The image as it is meant to be seen: `image` as stored, turned and mirrored as
// `orientation` says (width and height swap for orientations 5..8). Orientation
// 1 returns `image` itself; any other makes one new image of the same size, so
// src/media calls it on the downscaled photo, not on the camera's pixels.
RgbImage turn_upright(RgbImage image, Orientation orientation);

}  // namespace tokhai::media
