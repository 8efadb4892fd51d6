// Expression: the small logic language of form definitions (forms/README.md,
// "Expressions"), used for relevant, required, constraint, calculate, readonly
// and choice filters.
//
// An expression is parsed once into a tree, checked against the form's fields
// when the form loads (unknown names, type errors and bad arguments are load
// errors with a position), and then evaluated as often as answers change. It
// is never `eval`ed: the only operations are the ones below.
//
//   literals     12  3.5  'text'  "text"  true  false  null
//   names        child_name   (a field; inside a repeat group, a field of the
//                same row first)   .  (the value of the field being checked)
//   operators    or  and  not   =  !=  <  <=  >  >=   +  -  *  /   ( )
//   functions    see kFunctions in expression.cpp and forms/README.md
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/expr/value.h"
#include "core/result.h"

namespace tokhai::core::expr {

// What a name in an expression may refer to, as the form describes it.
struct NameInfo {
  Type type = Type::null;
  std::string group;  // the repeat group holding the field; empty at top level
};

// Resolves the names of a form for the checker: `name` as seen from inside
// `scope_group` (empty at top level). Returns nullopt for unknown names.
using NameResolver =
    std::function<std::optional<NameInfo>(std::string_view name, std::string_view scope_group)>;

// What an evaluation reads. Row-scoped names are read in `row` of their group
// (the row of the field being evaluated, or the row an aggregate visits).
class EvaluationContext {
 public:
  virtual ~EvaluationContext() = default;
  // The answer of field `name`; `row` is the row index for fields of a repeat
  // group and ignored otherwise.
  virtual Value field(std::string_view name, int row) const = 0;
  // Number of rows of repeat group `group`.
  virtual int row_count(std::string_view group) const = 0;
  // The value of the field being checked (`.`).
  virtual Value self() const = 0;
  // The day the evaluation is about (today on the device).
  virtual CalendarDate today() const = 0;
  // The row of the field being evaluated (-1 at top level).
  virtual int current_row() const = 0;
};

class Expression {
 public:
  // Parses `source`. Errors (expr.syntax) name the 1-based column.
  static Result<Expression> parse(std::string_view source);

  // Resolves names and types as seen from `scope_group` with `self_type` as
  // the type of `.`; after success, result_type() and references() are set.
  // Errors: expr.unknown_name, expr.unknown_function, expr.arity, expr.type,
  // expr.regex, each naming the column.
  Result<Done> check(const NameResolver& names, std::string_view scope_group, Type self_type);

  // Evaluates a checked expression. Null propagates through arithmetic;
  // comparisons with null are false; `and`/`or` treat null as false.
  Value evaluate(const EvaluationContext& context) const;

  Type result_type() const;
  // The field names the expression reads (each once), for the dependency graph.
  const std::vector<std::string>& references() const;
  // True when the expression reads `.` or today().
  bool reads_self() const;
  bool reads_today() const;
  const std::string& source() const;

  Expression(Expression&&) noexcept;
  Expression& operator=(Expression&&) noexcept;
  ~Expression();

  struct Tree;  // the parsed tree (expression.cpp)

 private:
  explicit Expression(std::unique_ptr<Tree> tree);
  std::unique_ptr<Tree> tree_;
};

}  // namespace tokhai::core::expr
