// See json_text.h.
#include "core/json_text.h"

namespace tokhai::core {

nlohmann::json parse_json_text(std::string_view text) {
  return nlohmann::json::parse(text.data(), text.data() + text.size(), nullptr,
                               /*allow_exceptions=*/false);
}

const nlohmann::json* json_member(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

}  // namespace tokhai::core
