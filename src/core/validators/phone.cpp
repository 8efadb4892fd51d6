// Vietnamese mobile and landline numbers (see phone.h).
#include "core/validators/phone.h"

#include <algorithm>
#include <iterator>

#include "core/validators/answer_text.h"

namespace tokhai::core {
namespace {

// The national number ("0…") of `text`: separators removed, +84 or 84 turned into 0;
// nullopt when anything but digits remains.
std::optional<std::string> national_number(std::string_view text) {
  text = trim_ascii_space(text);
  std::string digits;
  for (const char c : text) {
    if (c == '+' && digits.empty()) {
      digits += c;
    } else if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c != ' ' && c != '.' && c != '-' && c != '(' && c != ')') {
      return std::nullopt;
    }
  }
  if (digits.rfind("+84", 0) == 0) {
    digits.replace(0, 3, "0");
  } else if (digits.rfind("84", 0) == 0 && digits.size() >= 11) {
    digits.replace(0, 2, "0");
  }
  if (!is_ascii_digits(digits)) return std::nullopt;
  return digits;
}

// The two digits after the 0 of a mobile number in use (DOMAIN.md §2.2 regex
// 3[2-9]|5[25689]|7[06-9]|8[1-9]|9[0-46-9]).
bool is_mobile_prefix(char first, char second) {
  switch (first) {
    case '3':
      return second >= '2';
    case '5':
      return second == '2' || second == '5' || second == '6' || second == '8' || second == '9';
    case '7':
      return second == '0' || second >= '6';
    case '8':
      return second >= '1';
    case '9':
      return second != '5';
    default:
      return false;
  }
}

struct PrefixChange {
  std::string_view old_prefix;  // after the 0 of an 11-digit number
  std::string_view new_prefix;  // after the 0 of the 10-digit number
};

// The 11-to-10-digit conversion of 2018–2019 (DOMAIN.md §2.2). Sorted by old prefix.
constexpr PrefixChange kPrefixChanges[] = {
    {"120", "70"}, {"121", "79"}, {"122", "77"}, {"123", "83"}, {"124", "84"}, {"125", "85"},
    {"126", "76"}, {"127", "81"}, {"128", "78"}, {"129", "82"}, {"162", "32"}, {"163", "33"},
    {"164", "34"}, {"165", "35"}, {"166", "36"}, {"167", "37"}, {"168", "38"}, {"169", "39"},
    {"186", "56"}, {"188", "58"}, {"199", "59"},
};

// The 10-digit number an old 11-digit mobile number became, or nullopt.
std::optional<std::string> converted_old_mobile(std::string_view digits) {
  if (digits.size() != 11 || digits[0] != '0') return std::nullopt;
  const std::string_view old_prefix = digits.substr(1, 3);
  const auto* it =
      std::find_if(std::begin(kPrefixChanges), std::end(kPrefixChanges),
                   [&](const PrefixChange& change) { return change.old_prefix == old_prefix; });
  if (it == std::end(kPrefixChanges)) return std::nullopt;
  return "0" + std::string(it->new_prefix) + std::string(digits.substr(4));
}

enum class PhoneKind { mobile, landline, either };

Issue format_issue(PhoneKind kind) {
  switch (kind) {
    case PhoneKind::mobile:
      return {"phone.format",
              {"Số điện thoại di động phải gồm 10 chữ số, bắt đầu bằng 0 (hoặc +84).",
               "A mobile number has 10 digits and starts with 0 (or +84)."}};
    case PhoneKind::landline:
      return {"phone.landline_format",
              {"Số điện thoại cố định phải gồm 11 chữ số, bắt đầu bằng mã vùng 02 (ví dụ "
               "024 3825 1234).",
               "A landline number has 11 digits and starts with its 02 area code (e.g. 024 "
               "3825 1234)."}};
    case PhoneKind::either:
      break;
  }
  return {"phone.format",
          {"Số điện thoại phải là số di động 10 chữ số (bắt đầu bằng 0 hoặc +84) hoặc số cố "
           "định 11 chữ số (bắt đầu bằng 02).",
           "A phone number is a 10-digit mobile number (starting 0 or +84) or an 11-digit "
           "landline number (starting 02)."}};
}

Issues check_mobile(std::string_view text, PhoneKind kind) {
  const std::optional<std::string> digits = national_number(text);
  if (!digits) return {format_issue(kind)};
  if (const auto converted = converted_old_mobile(*digits)) {
    return {{"phone.old_prefix",
             {"Số " + *digits +
                  " là số di động 11 chữ số cũ; từ năm 2018–2019 số này đã chuyển thành " +
                  *converted + ".",
              *digits + " is an old 11-digit mobile number; since 2018–2019 it has been " +
                  *converted + "."}}};
  }
  if (digits->size() != 10 || (*digits)[0] != '0') return {format_issue(kind)};
  if (!is_mobile_prefix((*digits)[1], (*digits)[2])) {
    const std::string prefix = digits->substr(0, 3);
    return {{"phone.prefix",
             {"Đầu số “" + prefix + "” không phải đầu số di động đang dùng ở Việt Nam.",
              "“" + prefix + "” is not a mobile prefix in use in Vietnam."}}};
  }
  return {};
}

}  // namespace

std::optional<std::string> normalize_mobile(std::string_view text) {
  if (!validate_mobile(text).empty()) return std::nullopt;
  return national_number(text);
}

Issues validate_mobile(std::string_view text) { return check_mobile(text, PhoneKind::mobile); }

Issues validate_landline(std::string_view text) {
  const std::optional<std::string> digits = national_number(text);
  if (digits && digits->size() == 11 && digits->rfind("02", 0) == 0) return {};
  return {format_issue(PhoneKind::landline)};
}

Issues validate_phone(std::string_view text) {
  const std::optional<std::string> digits = national_number(text);
  if (digits && digits->rfind("02", 0) == 0) return validate_landline(text);
  return check_mobile(text, PhoneKind::either);
}

}  // namespace tokhai::core
