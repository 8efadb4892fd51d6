// The browser side of platform/photos.h: one dedicated Web Worker
// (web/photo-worker.js, running the photo module of src/photo) that the jobs
// are posted to, and the answers it posts back, queued in
// Module.tokhaiPhotos until the app takes them.
//
// Implemented features:
//  [x] The worker starts with the first job, given the hashed names of
//      photo.js and photo.wasm from index.html's <meta name="tokhai-assets">
//      (web/build_shell.py); the service worker has them precached, offline too
//  [x] The file's bytes are copied out of the wasm heap once and transferred
//  [x] Each answer wakes the app (tokhai_wake: a frame, where it is taken)
//  [x] A worker that fails to load (its files missing), reports its module
//      broken (out of memory, an abort) or errors is terminated; every job it
//      held is answered photo.unavailable, and the next job starts a fresh one
//  [x] A worker idle for a minute is terminated: wasm memory never shrinks,
//      and a 12-megapixel photo grows the module's to about 60 MB, which a
//      cheap phone needs back; the next job starts a fresh one
#include <emscripten/emscripten.h>

#include <cstddef>
#include <cstdlib>
#include <string>
#include <utility>

#include "platform/frame_host.h"
#include "platform/photos.h"

namespace tokhai::platform {
namespace {

constexpr const char* kUnavailable = "photo.unavailable";

// The bodies are JavaScript: clang-format must not touch them.
// clang-format off
EM_JS(void, js_photo_post_job, (double ticket, int prepare, const unsigned char* data, double size), {
  if (!Module.tokhaiPhotos) {
    const idleMs = 60000;
    const photos = Module.tokhaiPhotos = {
      worker: null,
      sent: [],     // tickets posted to `worker`, not answered yet
      answers: [],  // for the app, in the order they came
      idleTimer: 0,
      answer(answer) { photos.answers.push(answer); _tokhai_wake(); },
      unavailable(ticket, why) {
        photos.answer({ ticket, ok: false, jpeg: null, width: 0, height: 0, thumb: null,
                        error: { code: "photo.unavailable", vi: "", en: "", detail: why } });
      },
      stop(worker, why) {
        if (photos.worker !== worker) return;
        worker.terminate();
        photos.worker = null;
        if (why) console.warn("photo worker stopped:", why);
        for (const held of photos.sent.splice(0)) photos.unavailable(held, why);
      },
      start() {
        const meta = document.querySelector('meta[name="tokhai-assets"]');
        const assets = meta ? JSON.parse(meta.content) : {};
        const worker = new Worker("photo-worker.js");
        worker.onmessage = (event) => {
          if (photos.worker !== worker) return;
          const answer = event.data;
          if (answer.broken) { photos.stop(worker, answer.broken); return; }
          const at = photos.sent.indexOf(answer.ticket);
          if (at >= 0) photos.sent.splice(at, 1);
          photos.answer(answer);
          if (photos.sent.length === 0) {
            clearTimeout(photos.idleTimer);
            photos.idleTimer = setTimeout(() => {
              if (photos.worker === worker && photos.sent.length === 0) photos.stop(worker, "");
            }, idleMs);
          }
        };
        worker.onerror = (event) => {
          event.preventDefault();
          photos.stop(worker, event.message || "photo-worker.js did not load");
        };
        worker.onmessageerror = () => photos.stop(worker, "an answer could not be read");
        worker.postMessage({ init: { script: assets["photo.js"] || "photo.js",
                                     wasm: assets["photo.wasm"] || "photo.wasm" } });
        photos.worker = worker;
      },
    };
  }
  const photos = Module.tokhaiPhotos;
  clearTimeout(photos.idleTimer);
  if (!photos.worker) {
    try {
      photos.start();
    } catch (error) {
      photos.unavailable(ticket, "no worker: " + error);
      return;
    }
  }
  const bytes = HEAPU8.slice(data, data + size);
  photos.sent.push(ticket);
  photos.worker.postMessage({ ticket, job: prepare ? "prepare" : "thumbnail", bytes: bytes.buffer },
                            [bytes.buffer]);
});

EM_JS(int, js_photo_answer_waiting, (), {
  return Module.tokhaiPhotos && Module.tokhaiPhotos.answers.length > 0 ? 1 : 0;
});

EM_JS(double, js_photo_answer_number, (int which), {
  const answer = Module.tokhaiPhotos.answers[0];
  const thumb = answer.thumb || { width: 0, height: 0, rgb: null };
  switch (which) {
    case 0: return answer.ticket;
    case 1: return answer.ok ? 1 : 0;
    case 2: return answer.width;
    case 3: return answer.height;
    case 4: return answer.jpeg ? answer.jpeg.length : 0;
    case 5: return thumb.width;
    case 6: return thumb.height;
    default: return thumb.rgb ? thumb.rgb.length : 0;
  }
});

EM_JS(char*, js_photo_answer_text, (int which), {
  const error = Module.tokhaiPhotos.answers[0].error || {};
  const text = String((which === 0 ? error.code : which === 1 ? error.vi : error.en) || "");
  const size = lengthBytesUTF8(text) + 1;
  const out = _malloc(size);
  stringToUTF8(text, out, size);
  return out;
});

EM_JS(void, js_photo_answer_take, (unsigned char* jpeg, unsigned char* rgb), {
  const answer = Module.tokhaiPhotos.answers.shift();
  if (jpeg && answer.jpeg) HEAPU8.set(answer.jpeg, jpeg);
  if (rgb && answer.thumb && answer.thumb.rgb) HEAPU8.set(answer.thumb.rgb, rgb);
});
// clang-format on

enum AnswerNumber {
  kTicket = 0,
  kOk,
  kWidth,
  kHeight,
  kJpegBytes,
  kThumbnailWidth,
  kThumbnailHeight,
  kThumbnailBytes
};

std::size_t answer_size(AnswerNumber which) {
  return static_cast<std::size_t>(js_photo_answer_number(which));
}

int answer_int(AnswerNumber which) { return static_cast<int>(js_photo_answer_number(which)); }

std::string answer_text(int which) {
  char* text = js_photo_answer_text(which);
  std::string value(text);
  std::free(text);
  return value;
}

// The platform's message for photo.unavailable (the worker sends the code only).
PhotoResult unavailable(std::uint32_t ticket) {
  PhotoResult result;
  result.ticket = ticket;
  result.error = core::Error{
      kUnavailable,
      {"Không xử lý được ảnh trên máy này lúc này. Hãy thử lại; nếu vẫn không được, hãy tải "
       "lại ứng dụng khi có mạng.",
       "This phone could not process the photo just now. Try again; if it still fails, reload "
       "the app while online."}};
  return result;
}

}  // namespace

void prepare_photo(std::uint32_t ticket, std::vector<unsigned char> file) {
  js_photo_post_job(ticket, 1, file.data(), static_cast<double>(file.size()));
}

void make_photo_thumbnail(std::uint32_t ticket, std::vector<unsigned char> jpeg) {
  js_photo_post_job(ticket, 0, jpeg.data(), static_cast<double>(jpeg.size()));
}

std::optional<PhotoResult> take_photo_result() {
  if (js_photo_answer_waiting() == 0) return std::nullopt;
  const auto ticket = static_cast<std::uint32_t>(js_photo_answer_number(kTicket));
  if (js_photo_answer_number(kOk) == 0) {
    std::string code = answer_text(0);
    PhotoResult refused = unavailable(ticket);
    if (code != kUnavailable && !code.empty()) {
      refused.error = core::Error{std::move(code), {answer_text(1), answer_text(2)}};
    }
    js_photo_answer_take(nullptr, nullptr);
    return refused;
  }
  PhotoResult result;
  result.ticket = ticket;
  result.width = answer_int(kWidth);
  result.height = answer_int(kHeight);
  result.jpeg.resize(answer_size(kJpegBytes));
  result.thumbnail.width = answer_int(kThumbnailWidth);
  result.thumbnail.height = answer_int(kThumbnailHeight);
  result.thumbnail.rgb.resize(answer_size(kThumbnailBytes));
  js_photo_answer_take(result.jpeg.data(), result.thumbnail.rgb.data());
  const std::size_t expected_rgb = static_cast<std::size_t>(result.thumbnail.width) *
                                   static_cast<std::size_t>(result.thumbnail.height) * 3;
  if (result.thumbnail.rgb.empty() || result.thumbnail.rgb.size() != expected_rgb) {
    return unavailable(ticket);  // not what photo-worker.js sends: a bug, shown as a failure
  }
  return result;
}

}  // namespace tokhai::platform
