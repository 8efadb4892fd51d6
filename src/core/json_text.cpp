// See json_text.h.
#include "core/json_text.h"

namespace tokhai::core {

nlohmann::json parse_json_text(std::string_view text) {
  return nlohmann::json::parse(text.data(), text.data() + text.size(), nullptr,
                               /*allow_exceptions=*/false);
}

JsonShape json_shape(std::string_view text, std::size_t max_depth, std::size_t max_tokens) {
  std::size_t depth = 0;
  std::size_t tokens = 0;
  bool in_string = false;
  bool escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '{' || c == '[') {
      if (++depth > max_depth) return JsonShape::too_deep;
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
    if (c == '"' || c == '{' || c == '[' || c == ',') {
      in_string = c == '"';
      if (++tokens > max_tokens) return JsonShape::too_many_tokens;
    }
  }
  return JsonShape::within_bounds;
}

const nlohmann::json* json_member(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

}  // namespace tokhai::core
