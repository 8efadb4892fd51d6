// The browser's main loop, canvas and pointer input (Emscripten html5.h).
//
// Implemented features:
//  [x] WebGL 2 context on #canvas, canvas pixel size = CSS size x devicePixelRatio
//  [x] Frames on demand through requestAnimationFrame: idle = no frames
//  [x] Touch (primary finger), mouse and wheel as one pointer, in physical pixels;
//      the browser's default handling (scrolling, emulated mouse events) is stopped
//  [x] Resize and orientation change
//  [x] Text events from the text agent (web_text_input.cpp, web/text-agent.js)
//  [x] Page hidden (visibilitychange) reported to the app at once
//  [x] Timers (request_wake_after) that wake the app even while hidden
//
// Emscripten's GLFW layer is not used: on phones it drops touch positions and
// ignores devicePixelRatio (see TOOLCHAIN notes).
#include <GLES3/gl3.h>
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

#include <cmath>
#include <string>
#include <vector>

#include "platform/frame_host.h"
#include "platform/web/web_loop_internal.h"

namespace tokhai::platform {
namespace {

constexpr const char* kCanvas = "#canvas";

struct LoopState {
  FrameClient* client = nullptr;
  bool frame_scheduled = false;
  std::vector<PointerEvent> events;
  std::vector<TextEvent> text_events;
  Viewport viewport;
  long active_touch = -1;  // identifier of the finger we follow, -1 for none
  bool mouse_down = false;
};

LoopState& loop() {
  static LoopState state;
  return state;
}

// Reads the canvas's CSS size and the device pixel ratio, and resizes the
// drawing buffer when they changed.
Viewport measure_viewport() {
  Viewport v;
  double css_width = 0, css_height = 0;
  emscripten_get_element_css_size(kCanvas, &css_width, &css_height);
  double ratio = emscripten_get_device_pixel_ratio();
  if (ratio <= 0) ratio = 1;
  v.css_width = static_cast<float>(css_width);
  v.css_height = static_cast<float>(css_height);
  v.device_pixel_ratio = static_cast<float>(ratio);
  v.pixel_width = static_cast<int>(std::lround(css_width * ratio));
  v.pixel_height = static_cast<int>(std::lround(css_height * ratio));
  int current_width = 0, current_height = 0;
  emscripten_get_canvas_element_size(kCanvas, &current_width, &current_height);
  if (current_width != v.pixel_width || current_height != v.pixel_height) {
    emscripten_set_canvas_element_size(kCanvas, v.pixel_width, v.pixel_height);
  }
  return v;
}

EM_BOOL on_animation_frame(double time_ms, void*) {
  LoopState& state = loop();
  state.frame_scheduled = false;
  state.viewport = measure_viewport();
  std::vector<PointerEvent> events;
  events.swap(state.events);
  std::vector<TextEvent> text_events;
  text_events.swap(state.text_events);
  const FrameInput input{events, text_events};
  if (state.client->draw_frame(state.viewport, input, time_ms / 1000.0)) request_frame();
  return EM_FALSE;
}

void push(PointerAction action, float css_x, float css_y, bool is_touch, float wheel_y = 0) {
  LoopState& state = loop();
  const float ratio = static_cast<float>(emscripten_get_device_pixel_ratio());
  state.events.push_back(PointerEvent{action, css_x * ratio, css_y * ratio, wheel_y, is_touch});
  request_frame();
}

EM_BOOL on_touch(int event_type, const EmscriptenTouchEvent* event, void*) {
  LoopState& state = loop();
  for (int i = 0; i < event->numTouches; ++i) {
    const EmscriptenTouchPoint& touch = event->touches[i];
    if (!touch.isChanged) continue;
    const auto x = static_cast<float>(touch.targetX);
    const auto y = static_cast<float>(touch.targetY);
    if (event_type == EMSCRIPTEN_EVENT_TOUCHSTART) {
      if (state.active_touch != -1) continue;  // a second finger: ignored
      state.active_touch = touch.identifier;
      push(PointerAction::move, x, y, true);
      push(PointerAction::down, x, y, true);
    } else if (touch.identifier == state.active_touch) {
      if (event_type == EMSCRIPTEN_EVENT_TOUCHMOVE) {
        push(PointerAction::move, x, y, true);
      } else {  // touchend, touchcancel
        state.active_touch = -1;
        push(PointerAction::up, x, y, true);
        push(PointerAction::leave, x, y, true);
      }
    }
  }
  return EM_TRUE;  // no page scrolling, no emulated mouse events
}

EM_BOOL on_mouse(int event_type, const EmscriptenMouseEvent* event, void*) {
  LoopState& state = loop();
  const auto x = static_cast<float>(event->targetX);
  const auto y = static_cast<float>(event->targetY);
  switch (event_type) {
    case EMSCRIPTEN_EVENT_MOUSEDOWN:
      if (event->button != 0) return EM_FALSE;
      state.mouse_down = true;
      push(PointerAction::down, x, y, false);
      return EM_TRUE;
    case EMSCRIPTEN_EVENT_MOUSEUP:
      if (event->button != 0 || !state.mouse_down) return EM_FALSE;
      state.mouse_down = false;
      push(PointerAction::up, x, y, false);
      return EM_TRUE;
    case EMSCRIPTEN_EVENT_MOUSEMOVE:
      push(PointerAction::move, x, y, false);
      return EM_TRUE;
    case EMSCRIPTEN_EVENT_MOUSELEAVE:
      if (!state.mouse_down) push(PointerAction::leave, x, y, false);
      return EM_TRUE;
    default:
      return EM_FALSE;
  }
}

EM_BOOL on_wheel(int, const EmscriptenWheelEvent* event, void*) {
  // deltaMode 0 is pixels, 1 lines, 2 pages; ImGui wants lines.
  constexpr double kPixelsPerLine = 40;
  double lines = event->deltaY;
  if (event->deltaMode == DOM_DELTA_PIXEL) lines /= kPixelsPerLine;
  if (event->deltaMode == DOM_DELTA_PAGE) lines *= 10;
  push(PointerAction::wheel, static_cast<float>(event->mouse.targetX),
       static_cast<float>(event->mouse.targetY), false, static_cast<float>(-lines));
  return EM_TRUE;
}

void on_timer(void*) {
  if (loop().client != nullptr) loop().client->wake();
  request_frame();
}

EM_BOOL on_resize(int, const EmscriptenUiEvent*, void*) {
  request_frame();
  return EM_FALSE;
}

EM_BOOL on_visibility(int, const EmscriptenVisibilityChangeEvent* event, void*) {
  if (event->hidden && loop().client != nullptr) loop().client->page_hidden();
  request_frame();
  return EM_FALSE;
}

// The body is JavaScript: clang-format must not touch it (it would split "===").
// clang-format off
EM_JS(void, js_show_fatal_error, (const char* vi, const char* en), {
  if (typeof tokhaiShowError === 'function') tokhaiShowError(UTF8ToString(vi), UTF8ToString(en));
});
// clang-format on

}  // namespace

bool create_graphics_context() {
  EmscriptenWebGLContextAttributes attributes;
  emscripten_webgl_init_context_attributes(&attributes);
  attributes.majorVersion = 2;
  attributes.minorVersion = 0;
  attributes.alpha = EM_FALSE;
  attributes.depth = EM_FALSE;
  attributes.stencil = EM_FALSE;
  attributes.antialias = EM_FALSE;
  const EMSCRIPTEN_WEBGL_CONTEXT_HANDLE context =
      emscripten_webgl_create_context(kCanvas, &attributes);
  if (context <= 0 || emscripten_webgl_make_context_current(context) != EMSCRIPTEN_RESULT_SUCCESS) {
    show_fatal_error("Trình duyệt này không hiển thị được ứng dụng (cần WebGL 2).",
                     "This browser cannot display the app (WebGL 2 is needed).");
    return false;
  }
  loop().viewport = measure_viewport();
  return true;
}

void run_main_loop(FrameClient& client) {
  loop().client = &client;
  emscripten_set_touchstart_callback(kCanvas, nullptr, EM_TRUE, on_touch);
  emscripten_set_touchmove_callback(kCanvas, nullptr, EM_TRUE, on_touch);
  emscripten_set_touchend_callback(kCanvas, nullptr, EM_TRUE, on_touch);
  emscripten_set_touchcancel_callback(kCanvas, nullptr, EM_TRUE, on_touch);
  emscripten_set_mousedown_callback(kCanvas, nullptr, EM_TRUE, on_mouse);
  emscripten_set_mouseup_callback(kCanvas, nullptr, EM_TRUE, on_mouse);
  emscripten_set_mousemove_callback(kCanvas, nullptr, EM_TRUE, on_mouse);
  emscripten_set_mouseleave_callback(kCanvas, nullptr, EM_TRUE, on_mouse);
  emscripten_set_wheel_callback(kCanvas, nullptr, EM_TRUE, on_wheel);
  emscripten_set_resize_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_resize);
  emscripten_set_visibilitychange_callback(nullptr, EM_FALSE, on_visibility);
  request_frame();
}

void request_frame() {
  LoopState& state = loop();
  if (state.frame_scheduled || state.client == nullptr) return;
  state.frame_scheduled = true;
  emscripten_request_animation_frame(on_animation_frame, nullptr);
}

void request_wake_after(double seconds) {
  emscripten_async_call(on_timer, nullptr, static_cast<int>(std::ceil(seconds * 1000)));
}

namespace web {

void queue_text_event(TextEvent event) {
  loop().text_events.push_back(std::move(event));
  request_frame();
}

}  // namespace web

void show_fatal_error(std::string_view message_vi, std::string_view message_en) {
  const std::string vi(message_vi), en(message_en);
  js_show_fatal_error(vi.c_str(), en.c_str());
}

}  // namespace tokhai::platform
