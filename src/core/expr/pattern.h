// Pattern: the regular expressions of `matches(text, 'pattern')`, matched in
// time linear in the text whatever the pattern.
//
// A pattern is compiled once, when the form loads, into a small automaton
// (Thompson's construction) and matched against the whole text by following
// every possible state at once, one code point at a time (no backtracking):
// O(text length × pattern size) time, and a stack that grows with neither.
// std::regex backtracks, and an answer a citizen types could freeze or crash
// the app with patterns as ordinary as ([a-z]+ ?)+ — libstdc++ recursed once
// per character and took exponential time, libc++ threw error_complexity,
// which aborts the wasm build (tests/fuzz/README.md, "Findings").
//
// The syntax is the subset of ECMAScript forms need, over Unicode code points
// of UTF-8 text (so [À-ỹ] is a range of Vietnamese letters, not of bytes):
//
//   a  \.  \\  \t \n \r \f \v \0  \xHH  \uHHHH     a code point (escape any
//                                                  punctuation to mean itself)
//   .                                              any but a line terminator
//   [abc]  [^a-z]  [\d\s_-]  []  [^]               classes
//   \d \D \w \W \s \S                              digits, word, space (ASCII
//                                                  \d and \w; \s as ECMAScript)
//   (…)  (?:…)  a|b                                groups, alternation
//   * + ? {n} {n,} {n,m}, lazy *? +? ?? {…}?        repetition (lazy or not,
//                                                  the same for a whole match)
//   ^  $                                           start and end of the text
//
// Anything else is an error when the form loads: back-references, lookaround,
// \b, named groups, a quantifier with nothing to repeat, a lone `{`. Limits
// keep the automaton small: groups nest at most 32 deep and a pattern compiles
// to at most 1,000 steps (so x{1000} is refused, x{100} is not).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace tokhai::core::expr {

class Pattern {
 public:
  // Compiles `source`. Error expr.regex says what is wrong; `where` is the
  // 1-based code point position in the pattern.
  static Result<Pattern> compile(std::string_view source);

  // True when the whole of `text` (UTF-8; ill-formed bytes are U+FFFD) matches.
  bool matches(std::string_view text) const;

  struct Instruction;  // one step of the automaton (pattern.cpp)
  struct CharClass;    // a bracket class or a class escape (pattern.cpp)

  Pattern(Pattern&&) noexcept;
  Pattern& operator=(Pattern&&) noexcept;
  ~Pattern();

 private:
  Pattern();
  std::vector<Instruction> program_;
  std::vector<CharClass> classes_;
};

}  // namespace tokhai::core::expr
