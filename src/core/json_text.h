// The one place where src/core turns JSON text into nlohmann::json: always
// without exceptions (the wasm build has none), with one instantiation of the
// parser for every caller.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string_view>

namespace tokhai::core {

// Parses `text` without exceptions; the result is_discarded() when `text` is
// not one valid JSON value.
nlohmann::json parse_json_text(std::string_view text);

// How a text's shape compares with bounds, found in one pass over it before
// any tree is built: a JSON tree costs tens of bytes per value however few
// bytes the value takes in the text, so readers of files from elsewhere bound
// the nesting depth and the number of tokens that can each start a value or a
// member ('"', '{', '[', ',', counted outside strings) first.
enum class JsonShape { within_bounds, too_deep, too_many_tokens };
JsonShape json_shape(std::string_view text, std::size_t max_depth, std::size_t max_tokens);

// The member `key` of `object`, or nullptr when `object` is not an object or
// has no such member.
const nlohmann::json* json_member(const nlohmann::json& object, std::string_view key);

}  // namespace tokhai::core
