// Sample photos: see sample_photos.h. The page is drawn once as an ink mask at
// page resolution, then every photo pixel looks up the mask through the slight
// turn and adds light and noise, so that the photo is made in one pass.
#include "sample_photos.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>

#include <stb/stb_easy_font.h>
#include <stb/stb_image.h>
#include <stb/stb_image_write.h>

namespace tokhai::media::test {
namespace {

constexpr double kPi = 3.14159265358979323846;

// A small, fast, reproducible generator (the same sequence on every build).
struct Lcg {
  std::uint32_t state;
  int next_in(int span) {
    state = state * 1664525u + 1013904223u;
    return static_cast<int>((state >> 8) % static_cast<std::uint32_t>(span));
  }
};

// Tones of the upright page before light and noise, one byte per pixel.
std::vector<unsigned char> page_tones(int width, int height) {
  std::vector<unsigned char> tones(static_cast<std::size_t>(width) * height, kPaperTone);
  const auto fill = [&](int x0, int y0, int x1, int y1, unsigned char tone) {
    for (int y = std::max(0, y0); y < std::min(height, y1); ++y) {
      for (int x = std::max(0, x0); x < std::min(width, x1); ++x) {
        tones[static_cast<std::size_t>(y) * width + x] = tone;
      }
    }
  };
  const PageMarks marks = marks_of(width, height);
  fill(marks.margin, marks.margin, marks.margin + marks.size, marks.margin + marks.size, kInkTone);
  fill(width - marks.margin - marks.size, marks.margin, width - marks.margin,
       marks.margin + marks.size, kGreyTone);

  const char* const lines[] = {"GIAY CHUNG SINH", "Ho va ten me: NGUYEN THI HOA",
                               "Sinh ngay 03/12/2026 tai Tram y te xa",
                               "So: 123/2026  -  Quyen so: 02"};
  const int line_count = static_cast<int>(std::size(lines));
  const double top = height * 0.3;
  const double line_height = height * 0.4 / line_count;
  std::vector<char> vertices(64 * 1024);
  for (int i = 0; i < line_count; ++i) {
    std::string text = lines[i];
    const double scale = std::min(width * 0.8 / stb_easy_font_width(text.data()), line_height / 12);
    const int quads = stb_easy_font_print(0, 0, text.data(), nullptr, vertices.data(),
                                          static_cast<int>(vertices.size()));
    const double left = width * 0.1;
    const double baseline = top + i * line_height;
    for (int q = 0; q < quads; ++q) {
      float corners[4][2];
      for (int v = 0; v < 4; ++v) std::memcpy(corners[v], vertices.data() + (q * 4 + v) * 16, 8);
      const double x0 = static_cast<double>(
          std::min({corners[0][0], corners[1][0], corners[2][0], corners[3][0]}));
      const double x1 = static_cast<double>(
          std::max({corners[0][0], corners[1][0], corners[2][0], corners[3][0]}));
      const double y0 = static_cast<double>(
          std::min({corners[0][1], corners[1][1], corners[2][1], corners[3][1]}));
      const double y1 = static_cast<double>(
          std::max({corners[0][1], corners[1][1], corners[2][1], corners[3][1]}));
      fill(static_cast<int>(left + x0 * scale), static_cast<int>(baseline + y0 * scale),
           static_cast<int>(left + x1 * scale), static_cast<int>(baseline + y1 * scale), kInkTone);
    }
  }
  return tones;
}

// An image of `width` × `height` whose pixel (x, y) is the pixel of `image`
// at `from(x, y)`.
RgbImage remapped(const RgbImage& image, int width, int height,
                  const std::function<std::pair<int, int>(int, int)>& from) {
  RgbImage out = RgbImage::of_size(width, height);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      const auto [fx, fy] = from(x, y);
      std::memcpy(&out.pixels[(static_cast<std::size_t>(y) * width + x) * 3],
                  &image.pixels[(static_cast<std::size_t>(fy) * image.width + fx) * 3], 3);
    }
  }
  return out;
}

RgbImage mirrored(const RgbImage& in) {
  return remapped(in, in.width, in.height, [&](int x, int y) {
    return std::pair{in.width - 1 - x, y};
  });
}
RgbImage flipped(const RgbImage& in) {
  return remapped(in, in.width, in.height, [&](int x, int y) {
    return std::pair{x, in.height - 1 - y};
  });
}
RgbImage transposed(const RgbImage& in) {
  return remapped(in, in.height, in.width, [](int x, int y) { return std::pair{y, x}; });
}
// Turned a quarter clockwise: the top-left corner goes to the top-right.
RgbImage turned_clockwise(const RgbImage& in) {
  return remapped(in, in.height, in.width, [&](int x, int y) {
    return std::pair{y, in.height - 1 - x};
  });
}
// Turned a quarter anticlockwise: the top-left corner goes to the bottom-left.
RgbImage turned_anticlockwise(const RgbImage& in) {
  return remapped(in, in.height, in.width, [&](int x, int y) {
    return std::pair{in.width - 1 - y, x};
  });
}

void append_to_vector(void* context, void* data, int size) {
  auto& bytes = *static_cast<std::vector<unsigned char>*>(context);
  const auto* from = static_cast<const unsigned char*>(data);
  bytes.insert(bytes.end(), from, from + size);
}

void put_u16(std::vector<unsigned char>& out, unsigned value, bool big_endian) {
  const auto high = static_cast<unsigned char>(value >> 8);
  const auto low = static_cast<unsigned char>(value & 0xFF);
  out.push_back(big_endian ? high : low);
  out.push_back(big_endian ? low : high);
}

void put_u32(std::vector<unsigned char>& out, std::uint32_t value, bool big_endian) {
  put_u16(out, big_endian ? value >> 16 : value & 0xFFFF, big_endian);
  put_u16(out, big_endian ? value & 0xFFFF : value >> 16, big_endian);
}

}  // namespace

PageMarks marks_of(int width, int height) {
  const int shorter = std::min(width, height);
  return {shorter / 8, shorter / 16};
}

Corners corners_of(const RgbImage& image) {
  const PageMarks marks = marks_of(image.width, image.height);
  const int inset = marks.margin + marks.size / 4;
  const int side = marks.size / 2;
  const int right = image.width - inset - side;
  const int bottom = image.height - inset - side;
  return {mean_tone(image, inset, inset, inset + side, inset + side),
          mean_tone(image, right, inset, right + side, inset + side),
          mean_tone(image, inset, bottom, inset + side, bottom + side),
          mean_tone(image, right, bottom, right + side, bottom + side)};
}

RgbImage photographed_page(int width, int height, double degrees, unsigned seed) {
  const std::vector<unsigned char> tones = page_tones(width, height);
  RgbImage photo = RgbImage::of_size(width, height);
  const double angle = degrees * kPi / 180;
  const double cos_a = std::cos(angle);
  const double sin_a = std::sin(angle);
  const double cx = width / 2.0;
  const double cy = height / 2.0;
  Lcg noise{seed};
  unsigned char* out = photo.pixels.data();
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x, out += 3) {
      // The page point this photo pixel sees (the page turned by `angle`).
      const double dx = x - cx;
      const double dy = y - cy;
      const int px = static_cast<int>(std::lround(cx + dx * cos_a + dy * sin_a));
      const int py = static_cast<int>(std::lround(cy - dx * sin_a + dy * cos_a));
      const int tone = px >= 0 && px < width && py >= 0 && py < height
                           ? tones[static_cast<std::size_t>(py) * width + px]
                           : kPaperTone;
      const double light =
          1.0 - 0.18 * (static_cast<double>(x) / width + static_cast<double>(y) / height) / 2;
      const int value = static_cast<int>(tone * light) + noise.next_in(13) - 6;
      const auto byte = static_cast<unsigned char>(std::clamp(value, 0, 255));
      out[0] = byte;
      out[1] = byte;
      out[2] = static_cast<unsigned char>(std::clamp(value - 4, 0, 255));  // warm paper
    }
  }
  return photo;
}

RgbImage noise_image(int width, int height, unsigned seed) {
  RgbImage image = RgbImage::of_size(width, height);
  Lcg noise{seed};
  for (unsigned char& byte : image.pixels) byte = static_cast<unsigned char>(noise.next_in(256));
  return image;
}

RgbImage stored_for(const RgbImage& upright, Orientation orientation) {
  switch (orientation) {
    case Orientation::upright:
      return upright;
    case Orientation::mirrored:
      return mirrored(upright);
    case Orientation::rotated_180:
      return mirrored(flipped(upright));
    case Orientation::flipped:
      return flipped(upright);
    case Orientation::transposed:
      return transposed(upright);
    case Orientation::rotated_90_cw:  // shown turned clockwise, so stored anticlockwise
      return turned_anticlockwise(upright);
    case Orientation::transversed:
      return mirrored(flipped(transposed(upright)));
    case Orientation::rotated_90_ccw:
      return turned_clockwise(upright);
  }
  return upright;
}

std::vector<unsigned char> jpeg_of(const RgbImage& image, int quality) {
  std::vector<unsigned char> bytes;
  const int ok = stbi_write_jpg_to_func(append_to_vector, &bytes, image.width, image.height, 3,
                                        image.pixels.data(), quality);
  assert(ok != 0);
  (void)ok;
  return bytes;
}

std::vector<unsigned char> png_of(int width, int height, int channels,
                                  std::span<const unsigned char> pixels) {
  std::vector<unsigned char> bytes;
  const int ok = stbi_write_png_to_func(append_to_vector, &bytes, width, height, channels,
                                        pixels.data(), width * channels);
  assert(ok != 0);
  (void)ok;
  return bytes;
}

std::vector<unsigned char> exif_tiff(int orientation, bool big_endian) {
  std::vector<unsigned char> tiff;
  tiff.push_back(big_endian ? 'M' : 'I');
  tiff.push_back(big_endian ? 'M' : 'I');
  put_u16(tiff, 42, big_endian);
  put_u32(tiff, 8, big_endian);  // IFD0 right after the header
  put_u16(tiff, 2, big_endian);  // two entries, in tag order
  const std::uint32_t make_offset = 8 + 2 + 2 * 12 + 4;
  put_u16(tiff, 0x010F, big_endian);  // Make: ASCII, 7 bytes, after the IFD
  put_u16(tiff, 2, big_endian);
  put_u32(tiff, 7, big_endian);
  put_u32(tiff, make_offset, big_endian);
  put_u16(tiff, 0x0112, big_endian);  // Orientation: SHORT, 1, in the value field
  put_u16(tiff, 3, big_endian);
  put_u32(tiff, 1, big_endian);
  put_u16(tiff, static_cast<unsigned>(orientation), big_endian);
  put_u16(tiff, 0, big_endian);
  put_u32(tiff, 0, big_endian);  // no IFD1
  for (const char c : std::string("tokhai")) tiff.push_back(static_cast<unsigned char>(c));
  tiff.push_back(0);
  return tiff;
}

std::vector<unsigned char> with_exif_orientation(std::vector<unsigned char> jpeg, int orientation,
                                                 bool big_endian) {
  const std::vector<unsigned char> tiff = exif_tiff(orientation, big_endian);
  std::vector<unsigned char> segment = {0xFF, 0xE1};
  put_u16(segment, static_cast<unsigned>(2 + 6 + tiff.size()), true);
  for (const char c : {'E', 'x', 'i', 'f', '\0', '\0'})
    segment.push_back(static_cast<unsigned char>(c));
  segment.insert(segment.end(), tiff.begin(), tiff.end());
  jpeg.insert(jpeg.begin() + 2, segment.begin(), segment.end());
  return jpeg;
}

RgbImage decoded(std::span<const unsigned char> file) {
  int width = 0;
  int height = 0;
  int channels = 0;
  unsigned char* pixels = stbi_load_from_memory(file.data(), static_cast<int>(file.size()), &width,
                                                &height, &channels, 3);
  if (pixels == nullptr) return {};
  RgbImage image = RgbImage::of_size(width, height);
  std::memcpy(image.pixels.data(), pixels, image.pixels.size());
  stbi_image_free(pixels);
  return image;
}

double mean_tone(const RgbImage& image, int x0, int y0, int x1, int y1) {
  double sum = 0;
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) {
      const unsigned char* p = &image.pixels[(static_cast<std::size_t>(y) * image.width + x) * 3];
      sum += (p[0] + p[1] + p[2]) / 3.0;
    }
  }
  return sum / (static_cast<double>(x1 - x0) * (y1 - y0));
}

}  // namespace tokhai::media::test
