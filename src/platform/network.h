// The network as the browser gives it: an HTTP transport for src/sync (the
// outbox and the status lookup) and the browser's online/offline events.
//
// The transport interface is sync::Transport (sync/transport.h: std only; it
// lives in src/sync because sync may not depend on platform). Requests go to
// the page's own origin: the server that served the app receives its filings.
#pragma once

#include <functional>
#include <memory>

#include "sync/transport.h"

namespace tokhai::platform {

// A transport over the browser's XMLHttpRequest (see web_network.cpp for why
// not fetch: upload progress). Completions and progress arrive on the main
// thread, from the browser's event loop, never from inside send(); none
// arrives after the transport is destroyed.
std::unique_ptr<sync::Transport> make_browser_transport();

// What the browser believes (navigator.onLine): false means surely offline,
// true only that a network interface is up.
bool network_online();

// Calls `listener` (on the main thread) with true on the browser's `online`
// event and false on `offline`, and asks for a frame. One listener; a new one
// replaces the last.
void set_network_listener(std::function<void(bool online)> listener);

}  // namespace tokhai::platform
