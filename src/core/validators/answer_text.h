// Helpers the validators share for reading a typed answer: spaces around an answer
// are never an error, and numbers are checked digit by digit (ASCII only, since a
// form field's digits are what the phone keyboard types).
#pragma once

#include <string_view>

namespace tokhai::core {

// `text` without the ASCII spaces, tabs and line breaks around it.
constexpr std::string_view trim_ascii_space(std::string_view text) {
  constexpr std::string_view kSpace = " \t\n\v\f\r";
  const std::size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

// True when `text` is one or more ASCII digits.
constexpr bool is_ascii_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace tokhai::core
