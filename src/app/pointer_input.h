// PointerInput: feeds the platform's pointer events to Dear ImGui 1.86 and
// turns a finger's drag into scrolling, with inertia.
//
// ImGui 1.86 reads the pointer as per-frame state (io.MousePos, MouseDown[0]),
// not as an event queue, so a quick tap whose press and release arrive between
// two frames would be lost. Events are therefore applied in order, at most one
// press or release per frame; the rest wait for the next frame.
//
// ImGui does not scroll by dragging. Once a pressed pointer has moved more than
// a few pixels it becomes a drag: ImGui sees the pointer leave (so the control
// under the finger is not activated when it lifts) and the movement becomes
// scroll_delta(); after release the content glides on and slows down.
#pragma once

#include <deque>
#include <span>

#include "platform/frame_host.h"

struct ImGuiIO;

namespace tokhai::app {

class PointerInput {
 public:
  // Distance (physical pixels) after which a press becomes a drag.
  void set_drag_threshold(float px) { drag_threshold_ = px; }

  // Queues the events of one platform frame.
  void enqueue(std::span<const platform::PointerEvent> events);

  // Applies queued events to `io` up to and including the first press or
  // release, and advances inertia by `dt` seconds. Returns true when events
  // remain or the content is still gliding (more frames are needed).
  bool apply_to(ImGuiIO& io, float dt);

  // Pixels to scroll the content by this frame (positive: content moves up).
  float scroll_delta() const { return scroll_delta_; }
  // True in the frame where a press ended as a tap (not a drag).
  bool tapped() const { return tapped_; }
  bool dragging() const { return dragging_; }
  // Stops any glide (e.g. the screen changed).
  void stop() { velocity_ = 0; }

 private:
  std::deque<platform::PointerEvent> pending_;
  float drag_threshold_ = 20;
  bool pressed_ = false;
  bool dragging_ = false;
  bool tapped_ = false;
  float press_x_ = 0, press_y_ = 0, last_y_ = 0;
  float scroll_delta_ = 0;
  float velocity_ = 0;  // px per second, while gliding or dragging
  float still_s_ = 0;   // seconds the dragging finger has not moved
};

}  // namespace tokhai::app
