// Reason codes from server error bodies (server_answer.h).
#include "sync/server_answer.h"

#include <nlohmann/json.hpp>

#include "core/json_text.h"

namespace tokhai::sync {

std::optional<std::string> server_error_code(std::string_view body) {
  constexpr std::size_t kMaxErrorBodyBytes = 64 * 1024;
  if (body.size() > kMaxErrorBodyBytes) return std::nullopt;
  const nlohmann::json json = core::parse_json_text(body);
  if (json.is_discarded()) return std::nullopt;
  const nlohmann::json* error = core::json_member(json, "error");
  const nlohmann::json* code = error != nullptr ? core::json_member(*error, "code") : nullptr;
  if (code == nullptr || !code->is_string()) return std::nullopt;
  const auto& text = code->get_ref<const std::string&>();
  if (text.empty() || text.size() > 64) return std::nullopt;
  for (char c : text) {
    const bool allowed =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    if (!allowed) return std::nullopt;
  }
  return text;
}

}  // namespace tokhai::sync
