// tokhai-photo: the wasm program the photo worker runs (web/photo-worker.js),
// apart from app.wasm so that stb and its memory stay off the page's thread.
// It is media's two operations behind a small C interface:
//
//   tokhai_photo_prepare(file, size)     prepare_document_photo with the default
//                                        PhotoLimits and a thumbnail
//   tokhai_photo_thumbnail(file, size)   make_thumbnail of a stored page photo
//
// Each returns 1 when the job succeeded, 0 when it was refused; the answer is
// then read with the tokhai_photo_answer_* functions and stays until
// tokhai_photo_release() or the next job. The caller owns `file` (its malloc).
// Thumbnails are platform::kPhotoThumbnailLongEdge pixels on the long edge
// (platform/photos.h, the app's side of the contract).
//
// Exported by name (src/photo/CMakeLists.txt, -sEXPORTED_FUNCTIONS): no
// Emscripten header is needed here (only src/platform includes them).
#include <cstddef>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "media/document_photo.h"
#include "media/thumbnail.h"
#include "platform/photos.h"

namespace {

using namespace tokhai;

struct Answer {
  std::vector<unsigned char> jpeg;
  int width = 0;
  int height = 0;
  media::RgbImage thumbnail;
  std::string code;  // empty when the job succeeded
  std::string message_vi;
  std::string message_en;
};

Answer& answer() {
  static Answer last;
  return last;
}

int refused(const core::Error& error) {
  Answer& out = answer();
  out.code = error.code;
  out.message_vi = error.message.vi;
  out.message_en = error.message.en;
  return 0;
}

std::span<const unsigned char> file_of(const unsigned char* file, std::size_t size) {
  return size == 0 ? std::span<const unsigned char>() : std::span(file, size);
}

}  // namespace

extern "C" {

void tokhai_photo_release() { answer() = Answer{}; }

int tokhai_photo_prepare(const unsigned char* file, std::size_t size) {
  tokhai_photo_release();
  auto prepared = media::prepare_document_photo(file_of(file, size), media::PhotoLimits{},
                                                platform::kPhotoThumbnailLongEdge);
  if (!prepared.ok()) return refused(prepared.error());
  media::DocumentPhoto& photo = prepared.value();
  Answer& out = answer();
  out.jpeg = std::move(photo.jpeg);
  out.width = photo.width;
  out.height = photo.height;
  out.thumbnail = std::move(photo.thumbnail);
  return 1;
}

int tokhai_photo_thumbnail(const unsigned char* jpeg, std::size_t size) {
  tokhai_photo_release();
  auto thumbnail = media::make_thumbnail(file_of(jpeg, size), platform::kPhotoThumbnailLongEdge);
  if (!thumbnail.ok()) return refused(thumbnail.error());
  answer().thumbnail = std::move(thumbnail.value());
  return 1;
}

// The page photo of a prepare job: its JPEG (bytes, size) and pixel size.
const unsigned char* tokhai_photo_answer_jpeg() { return answer().jpeg.data(); }
std::size_t tokhai_photo_answer_jpeg_size() { return answer().jpeg.size(); }
int tokhai_photo_answer_width() { return answer().width; }
int tokhai_photo_answer_height() { return answer().height; }

// The thumbnail of either job: RGB rows, width × height × 3 bytes.
const unsigned char* tokhai_photo_answer_thumbnail_rgb() {
  return answer().thumbnail.pixels.data();
}
int tokhai_photo_answer_thumbnail_width() { return answer().thumbnail.width; }
int tokhai_photo_answer_thumbnail_height() { return answer().thumbnail.height; }

// A refused job's error, as NUL-terminated UTF-8: 0 the code ("media.…"),
// 1 the message in Vietnamese, 2 in English; "" after a success.
const char* tokhai_photo_answer_error(int part) {
  const Answer& out = answer();
  return (part == 0 ? out.code : part == 1 ? out.message_vi : out.message_en).c_str();
}

}  // extern "C"
