// Shared between the browser implementations of the platform interfaces.
#pragma once

#include "platform/frame_host.h"

namespace tokhai::platform::web {

// Queues a text event for the next frame and asks for that frame.
void queue_text_event(TextEvent event);

}  // namespace tokhai::platform::web
