// Result<T>: the value of an operation that can fail in an expected way.
//
// Expected failures (a bad file, a wrong answer, a refused request) are values,
// never exceptions: each carries a stable machine-readable code and a message
// for people in Vietnamese first and English. Bugs are asserts, not Results.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

#include "core/localized_text.h"

namespace tokhai::core {

// An expected failure: `code` is stable (tests and machines match on it),
// `message` is for people, `where` names the input that failed (a file, a
// field, a position) and may be empty.
struct Error {
  std::string code;
  LocalizedText message;
  std::string where = {};
};

// The success value of an operation that returns nothing else.
struct Done {};

// A value of type T, or an error of type E (Error unless a caller needs a
// narrower type, such as an enum of HTTP errors).
template <class T, class E = Error>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design
  Result(E error) : state_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // The value; calling it on a failed Result is a bug.
  const T& value() const& {
    assert(ok() && "Result::value() called on an error");
    return std::get<0>(state_);
  }
  T& value() & {
    assert(ok() && "Result::value() called on an error");
    return std::get<0>(state_);
  }
  T&& value() && {
    assert(ok() && "Result::value() called on an error");
    return std::get<0>(std::move(state_));
  }
  // The error; calling it on a successful Result is a bug.
  const E& error() const {
    assert(!ok() && "Result::error() called on a value");
    return std::get<1>(state_);
  }

 private:
  std::variant<T, E> state_;
};

}  // namespace tokhai::core
