// fuzz_expression: the libFuzzer target of the expression language
// (core/expr/expression.h). Each input is the source text of one expression. It
// is parsed; checked against a small fixed form (one field of every type and a
// table of three columns) both at top level and inside the table's rows, with
// `.` of a type picked from the input's length; and every check that succeeds
// is followed by evaluations with every field unanswered and with every field
// answered. A crash, a leak, a sanitizer report, a slow input, or a value whose
// kind differs from the type the checker inferred is a bug (tests/fuzz/README.md).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/expr/expression.h"

namespace {

using tokhai::core::CalendarDate;
using tokhai::core::expr::EvaluationContext;
using tokhai::core::expr::Expression;
using tokhai::core::expr::NameInfo;
using tokhai::core::expr::Type;
using tokhai::core::expr::Value;

constexpr std::string_view kTable = "residence";
constexpr int kTableRows = 3;

struct FieldSpec {
  std::string_view name;
  Type type;
  std::string_view group;
};

// The names the corpus's expressions use (tests/core/expression_test.cpp has
// the same small form).
constexpr FieldSpec kFields[] = {
    {"child_name", Type::text, ""},   {"child_dob", Type::date, ""},
    {"copies", Type::number, ""},     {"wants_copies", Type::boolean, ""},
    {"relationship", Type::text, ""}, {"benefits", Type::list, ""},
    {"residence", Type::rows, ""},    {"from_date", Type::date, kTable},
    {"to_date", Type::date, kTable},  {"address", Type::text, kTable},
};

std::optional<NameInfo> resolve(std::string_view name, std::string_view /*scope*/) {
  for (const FieldSpec& field : kFields) {
    if (field.name == name) return NameInfo{field.type, std::string(field.group)};
  }
  return std::nullopt;
}

// The answered value of `name` in `row` of the table: the second row has no
// end date (a period still running), the third row is empty.
Value answered_value(std::string_view name, int row) {
  if (name == "child_name") return "Nguyễn Văn An";
  if (name == "child_dob") return CalendarDate{2012, 2, 29};
  if (name == "copies") return 3;
  if (name == "wants_copies") return true;
  if (name == "relationship") return "me";
  if (name == "benefits") return std::vector<std::string>{"tro-cap", "mien-phi"};
  if (row == 0 && name == "from_date") return CalendarDate{2026, 2, 28};
  if (row == 0 && name == "to_date") return CalendarDate{2015, 6, 30};
  if (row == 0 && name == "address") return "Xã Tả Van, Lào Cai";
  if (row == 1 && name == "from_date") return CalendarDate{2015, 7, 1};
  if (row == 1 && name == "address") return "H'Mông";
  return Value();
}

Value self_value(Type type) {
  switch (type) {
    case Type::boolean:
      return false;
    case Type::number:
      return -2.5;
    case Type::text:
      return "0912 345 678";
    case Type::date:
      return CalendarDate{2026, 11, 21};
    case Type::list:
      return std::vector<std::string>{"khac"};
    default:
      return Value();
  }
}

class Answers final : public EvaluationContext {
 public:
  Answers(bool answered, int row, Value self)
      : answered_(answered), row_(row), self_(std::move(self)) {}

  Value field(std::string_view name, int row) const override {
    if (!answered_) return Value();
    return answered_value(name, row);
  }
  int row_count(std::string_view group) const override {
    return answered_ && group == kTable ? kTableRows : 0;
  }
  Value self() const override { return self_; }
  CalendarDate today() const override { return CalendarDate{2026, 11, 21}; }
  int current_row() const override { return row_; }

 private:
  bool answered_;
  int row_;
  Value self_;
};

// The checker's promise: a value that is not null has the inferred type.
bool has_type(const Value& value, Type type) {
  if (value.is_null()) return true;
  switch (type) {
    case Type::boolean:
      return value.is_boolean();
    case Type::number:
      return value.is_number();
    case Type::text:
      return value.is_text();
    case Type::date:
      return value.is_date();
    case Type::list:
      return value.is_list();
    default:
      return false;  // null and rows never have a value
  }
}

void evaluate_everywhere(const Expression& expression, bool in_table, Type self_type) {
  for (const bool answered : {false, true}) {
    for (int row = in_table ? 0 : -1; row < (in_table ? kTableRows : 0); ++row) {
      const Answers context(answered, row, answered ? self_value(self_type) : Value());
      const Value value = expression.evaluate(context);
      if (!has_type(value, expression.result_type())) std::abort();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view source(reinterpret_cast<const char*>(data), size);
  auto parsed = Expression::parse(source);
  if (!parsed) return 0;
  Expression expression = std::move(parsed).value();
  static constexpr Type kSelfTypes[] = {Type::text,    Type::number, Type::date,
                                        Type::boolean, Type::list,   Type::null};
  const Type self_type = kSelfTypes[size % std::size(kSelfTypes)];
  for (const bool in_table : {false, true}) {
    if (!expression.check(resolve, in_table ? kTable : std::string_view(), self_type)) continue;
    evaluate_everywhere(expression, in_table, self_type);
  }
  return 0;
}
