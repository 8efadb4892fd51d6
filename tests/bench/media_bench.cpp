// media_bench: how long prepare_document_photo takes on a 12-megapixel phone
// photo of a page, and what comes out, natively and in wasm under node.
//
//   media_bench [--smoke] [--repetitions N] [--jpeg OUT.jpg]
//
// The photo is made here (tests/media/sample_photos.h): an A4-like page with
// text, turned 1.5°, lit unevenly, with noise, as a phone held upright stores
// it — 4000 × 3000 pixels with EXIF orientation 6 — encoded at quality 90. It
// is processed N times (default 10; --smoke: once, on a 1-megapixel photo) with
// the default PhotoLimits and a thumbnail, as the photo worker asks
// (platform/photos.h). Prints one JSON object: the input, the time per photo
// (p50, p95), the output's size, dimensions and quality, the most memory stb
// held at once (codec_memory.h), and the time make_thumbnail takes on the
// output (p50, p95: the worker's thumbnail job, for a draft opened again).
// --jpeg writes the last output, to look at.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "media/codec_memory.h"
#include "media/document_photo.h"
#include "media/thumbnail.h"
#include "platform/photos.h"
#include "sample_photos.h"

namespace {

using namespace tokhai::media;
using Clock = std::chrono::steady_clock;

double percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  const auto at = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[at];
}

}  // namespace

int main(int argc, char** argv) {
  bool smoke = false;
  int repetitions = 10;
  std::string jpeg_path;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--smoke") {
      smoke = true;
    } else if (arg == "--repetitions" && i + 1 < argc) {
      repetitions = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--jpeg" && i + 1 < argc) {
      jpeg_path = argv[++i];
    } else {
      std::fprintf(stderr, "usage: media_bench [--smoke] [--repetitions N] [--jpeg OUT.jpg]\n");
      return 2;
    }
  }
  if (smoke) repetitions = 1;
  const int long_side = smoke ? 1200 : 4000;
  const int short_side = smoke ? 900 : 3000;
  const auto orientation = Orientation::rotated_90_cw;
  const RgbImage page = test::photographed_page(short_side, long_side);
  const std::vector<unsigned char> file = test::with_exif_orientation(
      test::jpeg_of(test::stored_for(page, orientation), 90), static_cast<int>(orientation), true);

  std::vector<double> ms;
  DocumentPhoto last;
  std::size_t peak_bytes = 0;
  for (int i = 0; i < repetitions; ++i) {
    reset_codec_peak_bytes();
    const auto start = Clock::now();
    auto result = prepare_document_photo(file, {}, tokhai::platform::kPhotoThumbnailLongEdge);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    if (!result.ok()) {
      std::fprintf(stderr, "media_bench: %s\n", result.error().code.c_str());
      return 1;
    }
    peak_bytes = std::max(peak_bytes, codec_peak_bytes());
    last = std::move(result).value();
  }
  std::vector<double> thumbnail_ms;
  for (int i = 0; i < repetitions; ++i) {
    const auto start = Clock::now();
    const auto thumbnail = make_thumbnail(last.jpeg, tokhai::platform::kPhotoThumbnailLongEdge);
    thumbnail_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    if (!thumbnail.ok()) {
      std::fprintf(stderr, "media_bench: thumbnail: %s\n", thumbnail.error().code.c_str());
      return 1;
    }
  }
  if (!jpeg_path.empty()) {
    std::FILE* out = std::fopen(jpeg_path.c_str(), "wb");
    if (out == nullptr ||
        std::fwrite(last.jpeg.data(), 1, last.jpeg.size(), out) != last.jpeg.size()) {
      std::fprintf(stderr, "media_bench: cannot write %s\n", jpeg_path.c_str());
      return 1;
    }
    std::fclose(out);
  }
  std::printf(
      "{\"build\": \"%s\", \"input\": {\"width\": %d, \"height\": %d, \"orientation\": %d, "
      "\"bytes\": %zu}, \"repetitions\": %d, \"ms\": {\"p50\": %.1f, \"p95\": %.1f}, "
      "\"output_bytes\": %zu, \"width\": %d, \"height\": %d, \"quality\": %d, "
      "\"peak_codec_bytes\": %zu, \"thumbnail\": {\"width\": %d, \"height\": %d}, "
      "\"thumbnail_ms\": {\"p50\": %.1f, \"p95\": %.1f}}\n",
      TOKHAI_BENCH_BUILD, last.source_width, last.source_height, static_cast<int>(orientation),
      file.size(), repetitions, percentile(ms, 0.5), percentile(ms, 0.95), last.jpeg.size(),
      last.width, last.height, last.jpeg_quality, peak_bytes, last.thumbnail.width,
      last.thumbnail.height, percentile(thumbnail_ms, 0.5), percentile(thumbnail_ms, 0.95));
  return 0;
}
