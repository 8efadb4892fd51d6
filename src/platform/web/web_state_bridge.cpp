// The C side of window.citizenApp.state() (web/citizen-app.js calls the
// exported tokhai_state_json and parses what it returns).
#include <emscripten/emscripten.h>

#include <string>
#include <utility>

#include "platform/state_bridge.h"

namespace tokhai::platform {
namespace {

std::function<std::string()>& provider() {
  static std::function<std::string()> state_provider;
  return state_provider;
}

}  // namespace

void set_state_provider(std::function<std::string()> state_provider) {
  provider() = std::move(state_provider);
}

}  // namespace tokhai::platform

// The state as UTF-8 JSON; the pointer stays valid until the next call.
extern "C" EMSCRIPTEN_KEEPALIVE const char* tokhai_state_json() {
  static std::string json;
  auto& state_provider = tokhai::platform::provider();
  json = state_provider ? state_provider() : std::string("null");
  return json.c_str();
}
