// Photos of papers (issue 7), made ready away from the person's screen.
//
// The browser runs media::prepare_document_photo (media/document_photo.h) in a
// dedicated Web Worker with its own wasm module (photo.<hash>.js/.wasm, built
// from src/media): stb and the second or more a 12-megapixel photo takes stay
// out of app.wasm and off the thread that draws the screen. The worker starts
// the first time a photo is asked for, and serves the jobs one at a time, in
// the order they were asked. It stops after a minute without jobs (a wasm
// module's memory never shrinks, and a 12-megapixel photo grows it to about
// 60 MB) and when it fails; the next job starts a fresh one.
//
// Every job is answered exactly once, through take_photo_result(); the app is
// woken (frame_host.h) when an answer waits. Tickets are the app's own
// numbers, handed back unchanged.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace tokhai::platform {

// Thumbnails are at most this many pixels on their long edge.
constexpr int kPhotoThumbnailLongEdge = 192;

// 8-bit RGB rows, top to bottom, 3 bytes a pixel, no padding.
struct PhotoThumbnail {
  int width = 0;
  int height = 0;
  std::vector<unsigned char> rgb;
};

// Starts making `file` (the camera's or the gallery's JPEG or PNG, as chosen)
// into a page photo with media::PhotoLimits' defaults, and its thumbnail.
void prepare_photo(std::uint32_t ticket, std::vector<unsigned char> file);

// Opens the camera (`camera`: <input type=file accept="image/*"
// capture="environment">) or the gallery (no capture) and, once the person has
// chosen, prepares the photo as prepare_photo does. The chosen file goes from
// the browser straight to the worker: the camera's megabytes never enter the
// app's memory. Must be called while handling a tap (browsers open choosers
// only then). When the person closes the chooser without choosing, the answer
// is photo.cancelled (browsers without the input's cancel event answer
// nothing); a file over
// media::PhotoLimits' max_input_bytes is answered media.too_large unread.
void choose_photo(std::uint32_t ticket, bool camera);

// Starts making the thumbnail of a page photo prepared before (a JPEG the app
// stored), e.g. for a draft opened again after a reload.
void make_photo_thumbnail(std::uint32_t ticket, std::vector<unsigned char> jpeg);

struct PhotoResult {
  std::uint32_t ticket = 0;
  // Unset when the job succeeded; else media/media_error.h's error as the
  // worker made it (code and the citizen's message in Vietnamese and
  // English: media.too_large, media.not_image, media.too_many_pixels,
  // media.damaged, media.cannot_fit), or photo.unavailable when the worker
  // could not start or stopped (out of memory, its files missing from the
  // offline cache), with a message of the platform's.
  std::optional<core::Error> error;
  // prepare_photo only: the page photo (a JPEG without metadata) and its size.
  std::vector<unsigned char> jpeg;
  int width = 0;
  int height = 0;
  PhotoThumbnail thumbnail;  // both jobs, when they succeeded
};

// The next answer, once; nullopt while none waits.
std::optional<PhotoResult> take_photo_result();

}  // namespace tokhai::platform
