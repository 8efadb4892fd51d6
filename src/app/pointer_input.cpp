// Pointer events to ImGui state (see pointer_input.h).
#include "app/pointer_input.h"

#include <imgui.h>

#include <cfloat>

namespace tokhai::app {

void PointerInput::enqueue(std::span<const platform::PointerEvent> events) {
  pending_.insert(pending_.end(), events.begin(), events.end());
}

bool PointerInput::apply_to(ImGuiIO& io) {
  using platform::PointerAction;
  while (!pending_.empty()) {
    const platform::PointerEvent event = pending_.front();
    pending_.pop_front();
    last_was_touch_ = event.is_touch;
    switch (event.action) {
      case PointerAction::move:
        io.MousePos = ImVec2(event.x_px, event.y_px);
        break;
      case PointerAction::leave:
        io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        break;
      case PointerAction::wheel:
        io.MouseWheel += event.wheel_y;
        break;
      case PointerAction::down:
      case PointerAction::up:
        io.MousePos = ImVec2(event.x_px, event.y_px);
        io.MouseDown[0] = event.action == PointerAction::down;
        return !pending_.empty();
    }
  }
  return false;
}

}  // namespace tokhai::app
