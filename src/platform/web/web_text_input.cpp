// The browser side of platform/text_input.h and platform/preferences.h: calls
// into web/text-agent.js (window.tokhaiTextAgent) and window.localStorage, and
// the exported function through which the agent reports what was typed.
#include <emscripten/emscripten.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "platform/preferences.h"
#include "platform/text_input.h"
#include "platform/web/web_loop_internal.h"

namespace tokhai::platform {
namespace {

const char* keyboard_name(Keyboard keyboard) {
  switch (keyboard) {
    case Keyboard::numeric:
      return "numeric";
    case Keyboard::decimal:
      return "decimal";
    case Keyboard::telephone:
      return "tel";
    case Keyboard::email:
      return "email";
    case Keyboard::multiline:
      return "multiline";
    case Keyboard::pin:
      return "pin";
    case Keyboard::secret:
      return "secret";
    case Keyboard::text:
      break;
  }
  return "text";
}

// The bodies are JavaScript: clang-format must not touch them.
// clang-format off
EM_JS(void, js_text_agent_call, (const char* method, const char* json_args), {
  const agent = window.tokhaiTextAgent;
  if (agent) agent[UTF8ToString(method)](JSON.parse(UTF8ToString(json_args)));
});

EM_JS(char*, js_load_preference, (const char* key), {
  let value = null;
  try { value = window.localStorage.getItem("tokhai." + UTF8ToString(key)); } catch (e) {}
  const text = value === null ? "" : value;
  const size = lengthBytesUTF8(text) + 1;
  const out = _malloc(size);
  stringToUTF8(text, out, size);
  return out;
});

EM_JS(void, js_save_preference, (const char* key, const char* value), {
  const name = UTF8ToString(key);
  const text = UTF8ToString(value);
  try { window.localStorage.setItem("tokhai." + name, text); } catch (e) {}
  window.dispatchEvent(new CustomEvent("tokhai-preference", {detail: {key: name, value: text}}));
});
// clang-format on

void call_agent(const char* method, const nlohmann::json& args) {
  const std::string text = args.dump();
  js_text_agent_call(method, text.c_str());
}

}  // namespace

void begin_text_input(const TextFieldRequest& request) {
  call_agent("begin", {{"key", request.key},
                       {"value", request.value},
                       {"keyboard", keyboard_name(request.keyboard)},
                       {"last", request.last_on_page},
                       {"words", request.capitalise_words},
                       {"maxLength", request.max_length},
                       {"x", request.css_x},
                       {"y", request.css_y},
                       {"width", request.css_width},
                       {"height", request.css_height},
                       {"label", request.label},
                       {"hint", request.hint},
                       {"error", request.error}});
}

void move_text_input(float css_x, float css_y, float css_width, float css_height) {
  call_agent("move", {{"x", css_x}, {"y", css_y}, {"width", css_width}, {"height", css_height}});
}

void set_text_input_value(std::string_view value, int caret) {
  call_agent("setValue", {{"value", std::string(value)}, {"caret", caret}});
}

void describe_text_input(std::string_view label, std::string_view hint, std::string_view error) {
  call_agent(
      "describe",
      {{"label", std::string(label)}, {"hint", std::string(hint)}, {"error", std::string(error)}});
}

void end_text_input() { call_agent("end", nlohmann::json::object()); }

std::string load_preference(std::string_view key) {
  const std::string name(key);
  char* value = js_load_preference(name.c_str());
  std::string result(value);
  std::free(value);
  return result;
}

void save_preference(std::string_view key, std::string_view value) {
  const std::string name(key), text(value);
  js_save_preference(name.c_str(), text.c_str());
}

}  // namespace tokhai::platform

// Called by web/text-agent.js for every input, composition, Enter and blur of
// the agent's element. `kind`: 0 changed, 1 enter, 2 left.
extern "C" EMSCRIPTEN_KEEPALIVE void tokhai_text_event(int kind, const char* key, const char* value,
                                                       int caret, int composing) {
  using tokhai::platform::TextEventKind;
  const TextEventKind event_kind = kind == 1   ? TextEventKind::enter
                                   : kind == 2 ? TextEventKind::left
                                               : TextEventKind::changed;
  tokhai::platform::web::queue_text_event(
      {event_kind, std::string(key), std::string(value), caret, composing != 0});
}
