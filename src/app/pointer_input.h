// PointerInput: feeds the platform's pointer events to Dear ImGui 1.86.
//
// ImGui 1.86 reads the pointer as per-frame state (io.MousePos, MouseDown[0]),
// not as an event queue, so a quick tap whose press and release arrive between
// two frames would be lost. Events are therefore applied in order, at most one
// press or release per frame; the rest wait for the next frame.
#pragma once

#include <deque>
#include <span>

#include "platform/frame_host.h"

struct ImGuiIO;

namespace tokhai::app {

class PointerInput {
 public:
  // Queues the events of one platform frame.
  void enqueue(std::span<const platform::PointerEvent> events);

  // Applies queued events to `io` up to and including the first press or
  // release. Returns true when events remain for later frames.
  bool apply_to(ImGuiIO& io);

  // True when the last applied event came from a finger (touch screen).
  bool last_was_touch() const { return last_was_touch_; }

 private:
  std::deque<platform::PointerEvent> pending_;
  bool last_was_touch_ = false;
};

}  // namespace tokhai::app
