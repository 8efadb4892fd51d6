// Personal names (see person_name.h).
#include "core/validators/person_name.h"

#include "core/text/unicode.h"

namespace tokhai::core {
namespace {

constexpr std::size_t kMaxNameCharacters = 100;
constexpr std::size_t kMaxGivenNameCharacters = 30;

// Letters of ASCII, Latin-1, Latin Extended-A/B and Latin Extended Additional (every
// Vietnamese letter), and the combining diacritics NFC leaves on some of them.
bool is_name_letter(char32_t cp) {
  return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
         (cp >= 0x00C0 && cp <= 0x024F && cp != 0x00D7 && cp != 0x00F7) ||
         (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x0300 && cp <= 0x036F);
}

}  // namespace

std::string normalize_person_name(std::string_view name) {
  return collapse_whitespace(to_nfc(name));
}

Issues validate_person_name(std::string_view name) {
  const std::u32string code_points = decode_utf8(normalize_person_name(name));
  Issues issues;
  for (char32_t cp : code_points) {
    if (is_name_letter(cp) || cp == ' ' || cp == '-' || is_apostrophe(cp)) continue;
    const std::string shown = encode_utf8(std::u32string(1, cp));
    if (cp >= '0' && cp <= '9') {
      issues.push_back({"name.characters",
                        {"Họ tên không được có chữ số (“" + shown + "”).",
                         "A name must not contain digits (“" + shown + "”)."}});
    } else {
      issues.push_back({"name.characters",
                        {"Họ tên chỉ gồm chữ cái, dấu cách, dấu nháy (') và dấu gạch nối (-); "
                         "không dùng “" +
                             shown + "”.",
                         "A name has only letters, spaces, apostrophes (') and hyphens (-); “" +
                             shown + "” is not allowed."}});
    }
    break;
  }
  if (code_points.size() > kMaxNameCharacters) {
    const std::string count = std::to_string(code_points.size());
    issues.push_back({"name.too_long",
                      {"Họ tên dài " + count + " ký tự, quá giới hạn 100 ký tự.",
                       "The name is " + count + " characters long, over the limit of 100."}});
  }
  const std::size_t last_space = code_points.rfind(U' ');
  const std::size_t given_length =
      code_points.size() - (last_space == std::u32string::npos ? 0 : last_space + 1);
  if (given_length > kMaxGivenNameCharacters) {
    const std::string count = std::to_string(given_length);
    issues.push_back({"name.given_too_long",
                      {"Tên (chữ cuối của họ tên) dài " + count +
                           " ký tự; tên quá dài có thể khó dùng trên giấy tờ. Hãy kiểm tra lại.",
                       "The given name (the last word) is " + count +
                           " characters long; a very long name may be hard to use on papers. "
                           "Please check it."},
                      Severity::warning});
  }
  return issues;
}

}  // namespace tokhai::core
