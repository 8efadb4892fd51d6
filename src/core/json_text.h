// The one place where src/core turns JSON text into nlohmann::json: always
// without exceptions (the wasm build has none), with one instantiation of the
// parser for every caller.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

namespace tokhai::core {

// Parses `text` without exceptions; the result is_discarded() when `text` is
// not one valid JSON value.
nlohmann::json parse_json_text(std::string_view text);

// The member `key` of `object`, or nullptr when `object` is not an object or
// has no such member.
const nlohmann::json* json_member(const nlohmann::json& object, std::string_view key);

}  // namespace tokhai::core
