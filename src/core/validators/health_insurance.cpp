// Health insurance (BHYT) card numbers (see health_insurance.h).
#include "core/validators/health_insurance.h"

#include "core/validators/answer_text.h"

namespace tokhai::core {
namespace {

bool is_card_code(std::string_view code) {
  return code.size() == 15 && code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' &&
         code[1] <= 'Z' && code[2] >= '1' && code[2] <= '5' && is_ascii_digits(code.substr(3));
}

}  // namespace

std::optional<std::string> normalize_health_insurance_number(std::string_view text) {
  std::string code;
  for (char c : trim_ascii_space(text)) {
    if (c == ' ') continue;
    code += c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
  }
  const bool digits_form = (code.size() == 10 || code.size() == 12) && is_ascii_digits(code);
  if (!digits_form && !is_card_code(code)) return std::nullopt;
  return code;
}

Issues validate_health_insurance_number(std::string_view text) {
  if (normalize_health_insurance_number(text)) return {};
  return {{"bhyt.format",
           {"Mã thẻ BHYT gồm 15 ký tự: 2 chữ cái, 1 chữ số mức hưởng từ 1 đến 5 và 12 chữ số "
            "(ví dụ TE1790123456789). Cũng có thể nhập mã số BHXH 10 chữ số hoặc số định danh "
            "cá nhân 12 chữ số.",
            "A health insurance card code has 15 characters: 2 letters, a benefit level from 1 "
            "to 5 and 12 digits (e.g. TE1790123456789). The 10-digit social insurance number "
            "or the 12-digit personal ID number may be entered instead."}}};
}

std::optional<std::string> health_insurance_group(std::string_view text) {
  const std::optional<std::string> code = normalize_health_insurance_number(text);
  if (!code || code->size() != 15) return std::nullopt;
  return code->substr(0, 2);
}

}  // namespace tokhai::core
