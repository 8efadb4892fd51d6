// RgbImage: 8-bit sRGB pixels, 3 bytes each (R, G, B), rows top to bottom with
// no padding. The working form of a photo inside src/media.
#pragma once

#include <cstddef>
#include <vector>

namespace tokhai::media {

struct RgbImage {
  int width = 0;
  int height = 0;
  std::vector<unsigned char> pixels;  // width * height * kRgbChannels bytes

  static constexpr int kRgbChannels = 3;

  // An image of the given size, every byte 0.
  static RgbImage of_size(int width, int height) {
    return RgbImage{width, height,
                    std::vector<unsigned char>(static_cast<std::size_t>(width) *
                                               static_cast<std::size_t>(height) * kRgbChannels)};
  }
};

}  // namespace tokhai::media
