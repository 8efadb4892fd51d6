// E-mail addresses (see email.h).
#include "core/validators/email.h"

#include <string>

#include "core/validators/answer_text.h"

namespace tokhai::core {
namespace {

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

bool is_local_part(std::string_view local) {
  constexpr std::string_view kSymbols = "!#$%&'*+/=?^_`{|}~.-";
  if (local.empty() || local.size() > 64) return false;
  if (local.front() == '.' || local.back() == '.' || local.find("..") != local.npos) {
    return false;
  }
  for (char c : local) {
    if (!is_ascii_letter(c) && !is_ascii_digit(c) && kSymbols.find(c) == kSymbols.npos) {
      return false;
    }
  }
  return true;
}

bool is_domain_label(std::string_view label) {
  if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
    return false;
  }
  for (char c : label) {
    if (!is_ascii_letter(c) && !is_ascii_digit(c) && c != '-') return false;
  }
  return true;
}

bool is_domain(std::string_view domain) {
  const std::size_t last_dot = domain.rfind('.');
  if (last_dot == domain.npos) return false;
  std::size_t start = 0;
  while (start <= domain.size()) {
    std::size_t end = domain.find('.', start);
    if (end == domain.npos) end = domain.size();
    if (!is_domain_label(domain.substr(start, end - start))) return false;
    start = end + 1;
  }
  const std::string_view top = domain.substr(last_dot + 1);
  if (top.size() < 2) return false;
  for (char c : top) {
    if (!is_ascii_letter(c)) return false;
  }
  return true;
}

bool has_non_ascii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

Issue format_issue(std::string_view reason_vi, std::string_view reason_en) {
  return {"email.format",
          {"Địa chỉ email không hợp lệ: " + std::string(reason_vi) +
               " Ví dụ đúng: nguyenvana@gmail.com.",
           "This is not a valid e-mail address: " + std::string(reason_en) +
               " Example: nguyenvana@gmail.com."}};
}

}  // namespace

Issues validate_email(std::string_view address) {
  address = trim_ascii_space(address);
  if (address.find_first_of(" \t\n\v\f\r") != address.npos) {
    return {format_issue("có dấu cách ở giữa.", "it contains a space.")};
  }
  if (has_non_ascii(address)) {
    return {format_issue("chỉ dùng chữ không dấu, chữ số và ký hiệu, không dùng chữ có dấu.",
                         "only unaccented letters, digits and symbols may be used.")};
  }
  const std::size_t at = address.find('@');
  if (at == address.npos || address.find('@', at + 1) != address.npos) {
    return {format_issue("phải có đúng một ký tự @.", "it must contain exactly one @.")};
  }
  if (address.size() > 254) {
    return {format_issue("dài quá 254 ký tự.", "it is longer than 254 characters.")};
  }
  if (!is_local_part(address.substr(0, at))) {
    return {format_issue("phần trước @ trống, quá dài hoặc có ký tự không được phép.",
                         "the part before @ is empty, too long or has a character not allowed.")};
  }
  if (!is_domain(address.substr(at + 1))) {
    return {format_issue("phần sau @ phải là tên miền như gmail.com hoặc mail.gov.vn.",
                         "the part after @ must be a domain name such as gmail.com.")};
  }
  return {};
}

}  // namespace tokhai::core
