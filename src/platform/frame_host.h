// The contract between the app and the platform's main loop.
//
// The platform owns the window (a canvas in the browser), its graphics context
// and the input events; the app owns what is drawn. Frames are drawn on
// demand: the platform asks for one when input, a resize or request_frame()
// happens, and keeps asking while the app says it needs more. An idle app
// draws no frames.
#pragma once

#include <span>
#include <string_view>

#include "platform/text_input.h"

namespace tokhai::platform {

// The drawing surface: CSS size (what the page lays out) and pixel size (CSS
// size x device pixel ratio, what the GPU draws).
struct Viewport {
  float css_width = 0;
  float css_height = 0;
  float device_pixel_ratio = 1;
  int pixel_width = 0;
  int pixel_height = 0;

  bool operator==(const Viewport&) const = default;
};

enum class PointerAction { down, move, up, leave, wheel };

// One pointer event in physical pixels. Touch and mouse both arrive as a
// single primary pointer; `wheel_y` is in lines (positive scrolls content up).
struct PointerEvent {
  PointerAction action = PointerAction::move;
  float x_px = 0;
  float y_px = 0;
  float wheel_y = 0;
  bool is_touch = false;
};

// The input since the previous frame, each kind in order.
struct FrameInput {
  std::span<const PointerEvent> pointer;
  std::span<const TextEvent> text;
};

class FrameClient {
 public:
  virtual ~FrameClient() = default;
  // Draws one frame into the current graphics context. Returns true when
  // another frame is needed soon (animation, events still to apply, layout to
  // settle).
  virtual bool draw_frame(const Viewport& viewport, const FrameInput& input, double time_s) = 0;
  // The page went to the background (tab switched, phone locked, app
  // switcher). Called at once, not in a frame: hidden pages get no frames, and
  // the page may be killed without another word. Save what must be saved.
  virtual void page_hidden() {}
  // A timer asked for with request_wake_after() is due. Called at once, not
  // in a frame.
  virtual void wake() {}
};

// Creates the graphics context (WebGL 2 in the browser) on the app's canvas
// and makes it current. Returns false, after telling the user why, when it
// cannot.
bool create_graphics_context();

// Starts delivering input and frames to `client`, which must outlive the
// program. Returns at once; frames come from the platform's event loop.
void run_main_loop(FrameClient& client);

// Asks for a frame soon; several requests before it is drawn make one frame.
void request_frame();
// In `seconds` (a debounced save, an idle lock), calls the client's wake()
// and asks for a frame: a timer, not a running loop. wake() runs even while
// the page is hidden (when browsers draw no frames, and throttle timers).
void request_wake_after(double seconds);

// Shows an error the app cannot recover from, outside the drawing surface,
// in Vietnamese and English.
void show_fatal_error(std::string_view message_vi, std::string_view message_en);

}  // namespace tokhai::platform
