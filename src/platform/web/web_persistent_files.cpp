// The browser side of platform/persistent_files.h: Emscripten's IDBFS under
// one folder, with saves queued so that FS.syncfs calls never overlap (they
// must not: TOOLCHAIN.md), and navigator.storage for persistence and quota.
//
// The JavaScript keeps its bookkeeping in Module.tokhaiFolder and
// Module.tokhaiStorage; every finished load or save calls tokhai_wake(), which
// asks the app for a frame so that it shows the new state.
#include <emscripten/emscripten.h>

#include <cstdlib>
#include <string>

#include "platform/frame_host.h"
#include "platform/persistent_files.h"

extern "C" EMSCRIPTEN_KEEPALIVE void tokhai_wake() { tokhai::platform::request_frame(); }

namespace tokhai::platform {
namespace {

// The bodies are JavaScript: clang-format must not touch them.
// clang-format off
EM_JS(void, js_open_folder, (const char* folder), {
  const path = UTF8ToString(folder);
  const files = Module.tokhaiFolder = { state: 0, requested: 0, durable: 0, running: false, error: "" };
  const fail = (error) => { files.state = 2; files.error = String(error); _tokhai_wake(); };
  try {
    try { FS.mkdir(path); } catch (e) { /* already there */ }
    FS.mount(IDBFS, {}, path);
  } catch (e) { fail(e); return; }
  FS.syncfs(true, (error) => {
    if (error) { fail(error); return; }
    files.state = 1;
    _tokhai_wake();
  });
});

EM_JS(int, js_folder_state, (), {
  return Module.tokhaiFolder ? Module.tokhaiFolder.state : 0;
});

EM_JS(double, js_save_folder, (), {
  const files = Module.tokhaiFolder;
  if (!files || files.state !== 1) return 0;
  files.requested += 1;
  const ticket = files.requested;
  const run = () => {
    files.running = true;
    const covers = files.requested;
    FS.syncfs(false, (error) => {
      files.running = false;
      if (error) {
        files.error = String(error);
      } else {
        files.error = "";
        files.durable = Math.max(files.durable, covers);
      }
      if (files.requested > covers) run();
      _tokhai_wake();
    });
  };
  if (!files.running) run();
  return ticket;
});

EM_JS(double, js_durable_ticket, (), {
  return Module.tokhaiFolder ? Module.tokhaiFolder.durable : 0;
});

EM_JS(int, js_folder_failed, (), {
  return Module.tokhaiFolder && Module.tokhaiFolder.error ? 1 : 0;
});

EM_JS(char*, js_folder_error, (), {
  const text = Module.tokhaiFolder ? Module.tokhaiFolder.error : "";
  const size = lengthBytesUTF8(text) + 1;
  const out = _malloc(size);
  stringToUTF8(text, out, size);
  return out;
});

EM_JS(void, js_request_persistent_storage, (), {
  const estimate = Module.tokhaiStorage =
      Module.tokhaiStorage || { known: false, persisted: false, usage: 0, quota: 0 };
  const storage = navigator.storage;
  if (!storage) { estimate.known = true; _tokhai_wake(); return; }
  const persist = storage.persist ? storage.persist() : Promise.resolve(false);
  persist.catch(() => false)
    .then((persisted) => {
      estimate.persisted = Boolean(persisted);
      return storage.estimate ? storage.estimate() : null;
    })
    .then((answer) => {
      if (answer) { estimate.usage = answer.usage || 0; estimate.quota = answer.quota || 0; }
    })
    .catch(() => {})
    .then(() => { estimate.known = true; _tokhai_wake(); });
});

EM_JS(double, js_storage_value, (int which), {
  const estimate = Module.tokhaiStorage;
  if (!estimate) return 0;
  return [estimate.known ? 1 : 0, estimate.persisted ? 1 : 0, estimate.usage, estimate.quota][which];
});
// clang-format on

}  // namespace

void open_persistent_folder(const std::string& folder) { js_open_folder(folder.c_str()); }

FolderState persistent_folder_state() {
  switch (js_folder_state()) {
    case 1:
      return FolderState::ready;
    case 2:
      return FolderState::failed;
    default:
      return FolderState::opening;
  }
}

std::uint64_t save_persistent_folder() { return static_cast<std::uint64_t>(js_save_folder()); }

std::uint64_t durable_save_ticket() { return static_cast<std::uint64_t>(js_durable_ticket()); }

std::string persistent_folder_error() {
  char* text = js_folder_error();
  std::string error(text);
  std::free(text);
  return error;
}

bool persistent_folder_failed() { return js_folder_failed() != 0; }

void request_persistent_storage() { js_request_persistent_storage(); }

StorageEstimate storage_estimate() {
  StorageEstimate estimate;
  estimate.known = js_storage_value(0) != 0;
  estimate.persisted = js_storage_value(1) != 0;
  estimate.usage_bytes = js_storage_value(2);
  estimate.quota_bytes = js_storage_value(3);
  return estimate;
}

}  // namespace tokhai::platform
