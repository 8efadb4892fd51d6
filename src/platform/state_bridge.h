// The test bridge: window.citizenApp.state() in the browser returns the JSON
// that the registered provider makes (DESIGN.md §8). It is a read-only view of
// what the user sees; tests drive the app through real input events only.
#pragma once

#include <functional>
#include <string>

namespace tokhai::platform {

// Registers the function that describes the app's visible state as JSON.
void set_state_provider(std::function<std::string()> provider);

}  // namespace tokhai::platform
