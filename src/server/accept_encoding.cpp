// accepts_encoding (see accept_encoding.h).
#include "server/accept_encoding.h"

#include <algorithm>
#include <optional>

namespace tokhai::server {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           const auto lower = [](char c) {
             return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
           };
           return lower(x) == lower(y);
         });
}

// Whether the parameters after a coding (";q=0", "; q=0.000") give it weight 0.
bool has_zero_weight(std::string_view parameters) {
  while (!parameters.empty()) {
    const auto semicolon = parameters.find(';');
    const auto parameter = trim(parameters.substr(0, semicolon));
    parameters =
        semicolon == std::string_view::npos ? std::string_view{} : parameters.substr(semicolon + 1);
    if (parameter.size() < 2 || (parameter[0] != 'q' && parameter[0] != 'Q') ||
        parameter[1] != '=') {
      continue;
    }
    const auto value = trim(parameter.substr(2));
    if (value.empty() || value[0] != '0') return false;
    if (value.size() == 1) return true;
    if (value[1] != '.') return false;
    return value.find_first_not_of('0', 2) == std::string_view::npos;
  }
  return false;
}

}  // namespace

bool accepts_encoding(std::string_view header, std::string_view coding) {
  std::optional<bool> named;
  std::optional<bool> any;
  while (!header.empty()) {
    const auto comma = header.find(',');
    const auto entry = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    const auto semicolon = entry.find(';');
    const auto name = trim(entry.substr(0, semicolon));
    const bool accepted =
        semicolon == std::string_view::npos || !has_zero_weight(entry.substr(semicolon + 1));
    if (equals_ignoring_case(name, coding)) {
      named = named.value_or(false) || accepted;
    } else if (name == "*") {
      any = any.value_or(false) || accepted;
    }
  }
  if (named) return *named;
  return any.value_or(false);
}

}  // namespace tokhai::server
