// Value: what an answer or an expression holds at run time.
//
// An unanswered field is null. Numbers are doubles (integers are exact up to
// 2^53, far beyond any count or amount a form asks for); dates are calendar
// days; a multiple choice is the list of chosen codes.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "core/dates.h"

namespace tokhai::core::expr {

// The static type of a field or an expression, checked when a form loads.
enum class Type { null, boolean, number, text, date, list, rows };

// "boolean", "number", ... for messages.
const char* type_name(Type type);

class Value {
 public:
  using Storage = std::variant<std::monostate, bool, double, std::string, CalendarDate,
                               std::vector<std::string>>;

  Value() = default;
  Value(bool b) : storage_(b) {}    // NOLINT: implicit by design, values are literals
  Value(double n) : storage_(n) {}  // NOLINT
  Value(int n) : storage_(static_cast<double>(n)) {}                   // NOLINT
  Value(std::string s) : storage_(std::move(s)) {}                     // NOLINT
  Value(const char* s) : storage_(std::string(s)) {}                   // NOLINT
  Value(CalendarDate d) : storage_(d) {}                               // NOLINT
  Value(std::vector<std::string> list) : storage_(std::move(list)) {}  // NOLINT

  bool is_null() const { return storage_.index() == 0; }
  bool is_boolean() const { return storage_.index() == 1; }
  bool is_number() const { return storage_.index() == 2; }
  bool is_text() const { return storage_.index() == 3; }
  bool is_date() const { return storage_.index() == 4; }
  bool is_list() const { return storage_.index() == 5; }

  // Accessors; the caller checks the kind first (a mismatch is a bug).
  bool boolean() const { return std::get<bool>(storage_); }
  double number() const { return std::get<double>(storage_); }
  const std::string& text() const { return std::get<std::string>(storage_); }
  CalendarDate date() const { return std::get<CalendarDate>(storage_); }
  const std::vector<std::string>& list() const {
    return std::get<std::vector<std::string>>(storage_);
  }

  // True for answered values; an empty text or list counts as unanswered.
  bool is_answered() const;
  // The value in a yes/no context: null, false, 0 and empty are false.
  bool truthy() const;

  bool operator==(const Value& other) const = default;
  const Storage& storage() const { return storage_; }

 private:
  Storage storage_;
};

}  // namespace tokhai::core::expr
