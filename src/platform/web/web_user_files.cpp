// The browser side of platform/user_files.h: a Blob and an <a download> for
// offering a file; a hidden <input type=file> and FileReader for choosing one.
// The chosen file waits in Module.tokhaiChosenFile until the app takes it.
#include <emscripten/emscripten.h>

#include <cstdlib>
#include <string>

#include "platform/frame_host.h"
#include "platform/user_files.h"

namespace tokhai::platform {
namespace {

// The bodies are JavaScript: clang-format must not touch them.
// clang-format off
EM_JS(void, js_offer_download, (const char* name, const char* type, const unsigned char* data,
                                double size), {
  const bytes = HEAPU8.slice(data, data + size);
  const url = URL.createObjectURL(new Blob([bytes], { type: UTF8ToString(type) }));
  const link = document.createElement("a");
  link.href = url;
  link.download = UTF8ToString(name);
  link.style.display = "none";
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
});

EM_JS(void, js_choose_file, (const char* accept, double max_bytes), {
  let input = document.getElementById("tokhai-file-chooser");
  if (!input) {
    input = document.createElement("input");
    input.type = "file";
    input.id = "tokhai-file-chooser";
    input.style.position = "fixed";
    input.style.left = "-1000px";
    input.setAttribute("aria-hidden", "true");
    input.tabIndex = -1;
    document.body.appendChild(input);
  }
  input.accept = UTF8ToString(accept);
  input.value = "";
  input.onchange = () => {
    const file = input.files && input.files[0];
    if (!file) return;
    const chosen = { name: file.name, size: file.size, tooLarge: file.size > max_bytes,
                     error: "", bytes: null };
    const done = () => { Module.tokhaiChosenFile = chosen; _tokhai_wake(); };
    if (chosen.tooLarge) { done(); return; }
    file.arrayBuffer().then((buffer) => { chosen.bytes = new Uint8Array(buffer); })
      .catch((error) => { chosen.error = String(error); })
      .then(done);
  };
  input.click();
});

EM_JS(int, js_chosen_file_waiting, (), {
  return Module.tokhaiChosenFile ? 1 : 0;
});

EM_JS(char*, js_chosen_file_text, (int which), {
  const chosen = Module.tokhaiChosenFile;
  const text = which === 0 ? chosen.name : chosen.error;
  const size = lengthBytesUTF8(text) + 1;
  const out = _malloc(size);
  stringToUTF8(text, out, size);
  return out;
});

EM_JS(double, js_chosen_file_number, (int which), {
  const chosen = Module.tokhaiChosenFile;
  if (which === 0) return chosen.size;
  if (which === 1) return chosen.tooLarge ? 1 : 0;
  return chosen.bytes ? chosen.bytes.length : 0;
});

EM_JS(void, js_chosen_file_take, (unsigned char* out), {
  const chosen = Module.tokhaiChosenFile;
  if (chosen.bytes && out) HEAPU8.set(chosen.bytes, out);
  Module.tokhaiChosenFile = null;
});
// clang-format on

std::string take_js_text(int which) {
  char* text = js_chosen_file_text(which);
  std::string value(text);
  std::free(text);
  return value;
}

}  // namespace

void offer_download(const std::string& file_name, const std::string& media_type,
                    std::span<const unsigned char> bytes) {
  js_offer_download(file_name.c_str(), media_type.c_str(), bytes.data(),
                    static_cast<double>(bytes.size()));
}

void choose_file(const std::string& accept, std::size_t max_bytes) {
  js_choose_file(accept.c_str(), static_cast<double>(max_bytes));
}

std::optional<ChosenFile> take_chosen_file() {
  if (js_chosen_file_waiting() == 0) return std::nullopt;
  ChosenFile file;
  file.name = take_js_text(0);
  file.error = take_js_text(1);
  file.size = static_cast<std::size_t>(js_chosen_file_number(0));
  file.too_large = js_chosen_file_number(1) != 0;
  file.bytes.resize(static_cast<std::size_t>(js_chosen_file_number(2)));
  js_chosen_file_take(file.bytes.data());
  return file;
}

}  // namespace tokhai::platform
