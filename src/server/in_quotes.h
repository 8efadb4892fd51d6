// in_quotes(): how a value from the operator (a flag, a path) is shown inside an
// error message: in double quotes, so that empty or space-padded values are
// visible.
#pragma once

#include <string>
#include <string_view>

namespace tokhai::server {

// `text` in double quotes: in_quotes("abc") == "\"abc\"". Built by appending,
// which also avoids a g++ 12 -Wrestrict false positive on "\"" + std::string.
inline std::string in_quotes(std::string_view text) {
  std::string result;
  result.reserve(text.size() + 2);
  result.append(1, '"').append(text).append(1, '"');
  return result;
}

}  // namespace tokhai::server
