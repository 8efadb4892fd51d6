// Pointer events to ImGui state, drags to scrolling (see pointer_input.h).
#include "app/pointer_input.h"

#include <imgui.h>

#include <cfloat>
#include <cmath>

namespace tokhai::app {
namespace {

constexpr float kFriction = 4.0f;    // the glide loses 1 - e^-4 (98%) of its speed per second
constexpr float kStopSpeed = 30.0f;  // px/s below which the glide stops
constexpr float kVelocitySmoothing = 0.3f;
// A finger held still this long before it lifts means "stop here": no glide.
// Shorter than the 0.1 s a frame's time step is capped at (draw_frame), and
// measured from frame times, since no frame is drawn while the finger rests.
constexpr float kRestSeconds = 0.08f;

}  // namespace

void PointerInput::enqueue(std::span<const platform::PointerEvent> events) {
  pending_.insert(pending_.end(), events.begin(), events.end());
}

bool PointerInput::apply_to(ImGuiIO& io, float dt) {
  using platform::PointerAction;
  scroll_delta_ = 0;
  tapped_ = false;
  const bool had_events = !pending_.empty();
  if (dragging_) still_s_ += dt;
  float dragged = 0;
  while (!pending_.empty()) {
    const platform::PointerEvent event = pending_.front();
    pending_.pop_front();
    switch (event.action) {
      case PointerAction::move:
        if (pressed_ && !dragging_ &&
            std::hypot(event.x_px - press_x_, event.y_px - press_y_) > drag_threshold_) {
          dragging_ = true;
          velocity_ = 0;
          // ImGui sees the pointer leave: the control under it is not tapped.
          io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        }
        if (dragging_) {
          dragged += last_y_ - event.y_px;
          last_y_ = event.y_px;
          still_s_ = 0;
        } else {
          io.MousePos = ImVec2(event.x_px, event.y_px);
          last_y_ = event.y_px;
        }
        break;
      case PointerAction::leave:
        io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        break;
      case PointerAction::wheel:
        io.MouseWheel += event.wheel_y;
        break;
      case PointerAction::down:
        pressed_ = true;
        dragging_ = false;
        still_s_ = 0;
        velocity_ = 0;  // a finger on gliding content stops it
        press_x_ = event.x_px;
        press_y_ = event.y_px;
        last_y_ = event.y_px;
        io.MousePos = ImVec2(event.x_px, event.y_px);
        io.MouseDown[0] = true;
        scroll_delta_ += dragged;
        return !pending_.empty();
      case PointerAction::up:
        pressed_ = false;
        io.MouseDown[0] = false;
        if (dragging_) {
          dragging_ = false;
          if (still_s_ >= kRestSeconds) velocity_ = 0;  // the finger rested: no glide
          io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        } else {
          tapped_ = true;
          io.MousePos = ImVec2(event.x_px, event.y_px);
        }
        scroll_delta_ += dragged;
        return !pending_.empty() || std::fabs(velocity_) > kStopSpeed;
    }
  }
  if (dragging_) {
    if (dt > 0 && had_events) {
      const float instant = dragged / dt;
      velocity_ = velocity_ == 0 ? instant : velocity_ + kVelocitySmoothing * (instant - velocity_);
    }
    scroll_delta_ += dragged;
    return false;
  }
  if (std::fabs(velocity_) > kStopSpeed && dt > 0) {
    scroll_delta_ += velocity_ * dt;
    velocity_ *= std::exp(-kFriction * dt);
    return std::fabs(velocity_) > kStopSpeed;
  }
  velocity_ = 0;
  return false;
}

}  // namespace tokhai::app
