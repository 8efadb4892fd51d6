// Small settings kept on the device across visits (language, text size,
// contrast). Not personal data: those live in the vault.
#pragma once

#include <string>
#include <string_view>

namespace tokhai::platform {

// The stored value of `key`, or "" when there is none or storage is blocked.
std::string load_preference(std::string_view key);
// Stores `value` under `key`; silently does nothing when storage is blocked
// (the setting then lasts until the page closes).
void save_preference(std::string_view key, std::string_view value);

}  // namespace tokhai::platform
