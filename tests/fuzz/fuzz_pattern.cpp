// fuzz_pattern: the libFuzzer target of the patterns of `matches(text,
// 'pattern')` (core/expr/pattern.h), differential against std::regex.
//
// An input is a pattern, a NUL byte and a text (no NUL: the input is the
// pattern and the text is empty). Every pattern is compiled and every
// compiled pattern matched against the text, of any length: a crash, a
// sanitizer report or a slow input is a bug, since matching must stay linear
// in the text whatever the pattern. When both are short printable ASCII and
// std::regex (ECMAScript) also accepts the pattern, the two must agree on
// whether the whole text matches; sizes and choices are kept small because
// std::regex backtracks (which is why the engine does not use it).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <regex>
#include <string>
#include <string_view>

#include "core/expr/pattern.h"

namespace {

constexpr std::size_t kMaxComparedPattern = 16;
constexpr std::size_t kMaxComparedText = 12;

bool printable_ascii(std::string_view text) {
  for (char c : text) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

// std::regex backtracks, exponentially in the number of choices a pattern
// makes: only patterns with at most four of | * + ? {…}, and counts below 4
// in braces, are compared, so that it answers quickly.
bool few_choices(std::string_view pattern) {
  int choices = 0;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c != '|' && c != '*' && c != '+' && c != '?' && c != '{') continue;
    ++choices;
    for (std::size_t j = i + 1; c == '{' && j < pattern.size() && pattern[j] != '}'; ++j) {
      if (pattern[j] >= '4' && pattern[j] <= '9') return false;
      if (pattern[j] >= '0' && pattern[j] <= '3' && j + 1 < pattern.size() &&
          pattern[j + 1] >= '0' && pattern[j + 1] <= '9') {
        return false;
      }
    }
  }
  return choices <= 4;
}

// Patterns where libstdc++'s std::regex departs from ECMAScript, so that a
// disagreement is no finding: `[]` and `[^]` (libstdc++ reads a `]` right
// after `[` as a member, as POSIX does).
bool std_regex_departs(std::string_view pattern) {
  return pattern.find("[]") != std::string_view::npos ||
         pattern.find("[^]") != std::string_view::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t nul = input.find('\0');
  const std::string_view pattern = input.substr(0, nul);
  const std::string_view text =
      nul == std::string_view::npos ? std::string_view() : input.substr(nul + 1);

  auto compiled = tokhai::core::expr::Pattern::compile(pattern);
  if (!compiled) return 0;
  const bool matched = compiled.value().matches(text);

  if (pattern.size() > kMaxComparedPattern || text.size() > kMaxComparedText ||
      !printable_ascii(pattern) || !printable_ascii(text) || !few_choices(pattern) ||
      std_regex_departs(pattern)) {
    return 0;
  }
  try {
    const std::regex reference(std::string(pattern), std::regex::ECMAScript);
    if (std::regex_match(std::string(text), reference) != matched) std::abort();
  } catch (const std::regex_error&) {
    // A pattern std::regex refuses (or finds too complex) has nothing to compare.
  }
  return 0;
}
