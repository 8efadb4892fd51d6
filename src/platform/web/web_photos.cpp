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
//  [x] choose_photo: a hidden <input type=file accept="image/*"> (with
//      capture="environment" for the camera) whose file goes from the browser
//      straight to the worker; a cancel answers photo.cancelled, a file over
//      25 MiB media.too_large unread (both without words: the app has them)
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
// media::PhotoLimits' max_input_bytes: a larger file is refused before it is
// read (the app words the refusal, media::too_large_error).
constexpr std::size_t kMaxPhotoFileBytes = 25u * 1024 * 1024;

// The bodies are JavaScript: clang-format must not touch them.
// clang-format off
// Module.tokhaiPhotos: the worker, the tickets it holds, the answers waiting,
// and post(ticket, job, buffer), which starts the worker when needed.
EM_JS(void, js_photo_setup, (), {
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
    photos.post = (ticket, job, buffer) => {
      clearTimeout(photos.idleTimer);
      if (!photos.worker) {
        try {
          photos.start();
        } catch (error) {
          photos.unavailable(ticket, "no worker: " + error);
          return;
        }
      }
      photos.sent.push(ticket);
      photos.worker.postMessage({ ticket, job, bytes: buffer }, [buffer]);
    };
  }
});

// Called after js_photo_setup() (from C++: EM_JS functions do not call each other).
EM_JS(void, js_photo_post_job, (double ticket, int prepare, const unsigned char* data, double size), {
  const bytes = HEAPU8.slice(data, data + size);
  Module.tokhaiPhotos.post(ticket, prepare ? "prepare" : "thumbnail", bytes.buffer);
});

// The camera or the gallery through a hidden <input type=file>; the chosen
// file goes from the browser to the worker without entering the wasm heap.
// Called after js_photo_setup().
EM_JS(void, js_choose_photo, (double ticket, int camera, double max_bytes), {
  const photos = Module.tokhaiPhotos;
  let input = document.getElementById("tokhai-photo-chooser");
  if (!input) {
    input = document.createElement("input");
    input.type = "file";
    input.id = "tokhai-photo-chooser";
    input.accept = "image/*";
    input.style.position = "fixed";
    input.style.left = "-1000px";
    input.setAttribute("aria-hidden", "true");
    input.tabIndex = -1;
    document.body.appendChild(input);
  }
  if (camera) input.setAttribute("capture", "environment"); else input.removeAttribute("capture");
  input.value = "";
  const refuse = (code, detail) => photos.answer({ ticket, ok: false, jpeg: null, width: 0,
    height: 0, thumb: null, error: { code, vi: "", en: "", detail } });
  input.oncancel = () => refuse("photo.cancelled", "");
  input.onchange = () => {
    const file = input.files && input.files[0];
    if (!file) { refuse("photo.cancelled", ""); return; }
    if (file.size > max_bytes) { refuse("media.too_large", String(file.size)); return; }
    file.arrayBuffer().then((buffer) => photos.post(ticket, "prepare", buffer))
      .catch((error) => refuse("photo.unavailable", "the file could not be read: " + error));
  };
  input.click();
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
  js_photo_setup();
  js_photo_post_job(ticket, 1, file.data(), static_cast<double>(file.size()));
}

void choose_photo(std::uint32_t ticket, bool camera) {
  js_photo_setup();
  js_choose_photo(ticket, camera ? 1 : 0, static_cast<double>(kMaxPhotoFileBytes));
}

void make_photo_thumbnail(std::uint32_t ticket, std::vector<unsigned char> jpeg) {
  js_photo_setup();
  js_photo_post_job(ticket, 0, jpeg.data(), static_cast<double>(jpeg.size()));
}

std::optional<PhotoResult> take_photo_result() {
  if (js_photo_answer_waiting() == 0) return std::nullopt;
  const auto ticket = static_cast<std::uint32_t>(js_photo_answer_number(kTicket));
  if (js_photo_answer_number(kOk) == 0) {
    std::string code = answer_text(0);
    PhotoResult refused = unavailable(ticket);
    if (code != kUnavailable && !code.empty()) {
      // photo.cancelled and a media.too_large found before reading come
      // without words; the app has them.
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
