// area_downscaled (area_downscale.h). Output column ox covers the source
// columns x with floor(x × to_width / width) = ox, and likewise for rows, so
// every source pixel counts once. Sums are 64-bit: a 50-megapixel photo
// squeezed into a few pixels adds millions of 16-bit values per pixel.
#include "media/area_downscale.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace tokhai::media {
namespace {

constexpr int kLinearBits = 16;  // linear light as 0..65535
constexpr int kSrgbTableBits = 12;

double srgb_to_linear(double s) {
  return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
}

double linear_to_srgb(double l) {
  return l <= 0.0031308 ? l * 12.92 : 1.055 * std::pow(l, 1 / 2.4) - 0.055;
}

const std::array<std::uint16_t, 256>& linear_of_srgb() {
  static const std::array<std::uint16_t, 256> table = [] {
    std::array<std::uint16_t, 256> values{};
    for (int i = 0; i < 256; ++i) {
      values[i] = static_cast<std::uint16_t>(
          std::lround(srgb_to_linear(i / 255.0) * ((1 << kLinearBits) - 1)));
    }
    return values;
  }();
  return table;
}

// Indexed by linear light's top kSrgbTableBits bits, each entry the sRGB
// value of its interval's middle.
const std::array<std::uint8_t, 1 << kSrgbTableBits>& srgb_of_linear() {
  static const std::array<std::uint8_t, 1 << kSrgbTableBits> table = [] {
    std::array<std::uint8_t, 1 << kSrgbTableBits> values{};
    for (std::size_t i = 0; i < values.size(); ++i) {
      const double linear = (static_cast<double>(i) + 0.5) / static_cast<double>(values.size());
      values[i] = static_cast<std::uint8_t>(std::lround(linear_to_srgb(linear) * 255));
    }
    return values;
  }();
  return table;
}

// The first source index that output index `out` covers: ceil(out × from / to).
int first_covered(int out, int from, int to) {
  return static_cast<int>((static_cast<std::int64_t>(out) * from + to - 1) / to);
}

}  // namespace

RgbImage area_downscaled(const unsigned char* pixels, int width, int height, int to_width,
                         int to_height) {
  assert(to_width >= 1 && to_width <= width && to_height >= 1 && to_height <= height &&
         "area_downscaled: reduces only");
  const auto& to_linear = linear_of_srgb();
  const auto& to_srgb = srgb_of_linear();
  constexpr int kChannels = RgbImage::kRgbChannels;
  RgbImage out = RgbImage::of_size(to_width, to_height);
  std::vector<int> column_start(static_cast<std::size_t>(to_width) + 1);
  for (int ox = 0; ox <= to_width; ++ox) column_start[ox] = first_covered(ox, width, to_width);
  std::vector<std::uint64_t> sums(static_cast<std::size_t>(to_width) * kChannels);
  for (int oy = 0; oy < to_height; ++oy) {
    const int y0 = first_covered(oy, height, to_height);
    const int y1 = first_covered(oy + 1, height, to_height);
    std::fill(sums.begin(), sums.end(), 0);
    for (int y = y0; y < y1; ++y) {
      const unsigned char* from = pixels + static_cast<std::size_t>(y) * width * kChannels;
      std::uint64_t* sum = sums.data();
      for (int ox = 0; ox < to_width; ++ox, sum += kChannels) {
        for (int x = column_start[ox]; x < column_start[ox + 1]; ++x, from += kChannels) {
          sum[0] += to_linear[from[0]];
          sum[1] += to_linear[from[1]];
          sum[2] += to_linear[from[2]];
        }
      }
    }
    unsigned char* row = out.pixels.data() + static_cast<std::size_t>(oy) * to_width * kChannels;
    for (int ox = 0; ox < to_width; ++ox) {
      const auto count = static_cast<std::uint64_t>(column_start[ox + 1] - column_start[ox]) *
                         static_cast<std::uint64_t>(y1 - y0);
      for (int c = 0; c < kChannels; ++c) {
        const std::uint64_t mean = sums[static_cast<std::size_t>(ox) * kChannels + c] / count;
        row[ox * kChannels + c] = to_srgb[mean >> (kLinearBits - kSrgbTableBits)];
      }
    }
  }
  return out;
}

}  // namespace tokhai::media
