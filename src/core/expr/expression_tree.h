// The parsed form of an Expression, shared by the parser (expression.cpp) and
// the checker and evaluator (expression_eval.cpp). Internal to core/expr.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/expr/expression.h"
#include "core/expr/pattern.h"

namespace tokhai::core::expr {

// An error located at a 1-based column of the expression.
inline Error located_error(std::string code, int column, std::string vi, std::string en) {
  return Error{std::move(code),
               LocalizedText{std::move(vi) + " (cột " + std::to_string(column) + ")",
                             std::move(en) + " (column " + std::to_string(column) + ")"},
               "column " + std::to_string(column)};
}

enum class NodeKind { literal, name, self, unary, binary, call };
enum class Op { none, kw_or, kw_and, kw_not, eq, ne, lt, le, gt, ge, add, sub, mul, div, neg };

struct Node {
  NodeKind kind = NodeKind::literal;
  Op op = Op::none;
  Value literal;
  std::string name;  // field or function name
  std::vector<int> args;
  int column = 1;
  // Set by the checker.
  Type type = Type::null;
  std::string group;                     // names: the repeat group of the field
  int function = -1;                     // calls: index into kFunctions
  std::shared_ptr<const Pattern> regex;  // matches(): the compiled pattern
};

struct Expression::Tree {
  std::string source;
  std::vector<Node> nodes;
  int root = -1;
  Type type = Type::null;
  std::vector<std::string> references;
  bool reads_self = false;
  bool reads_today = false;
};

}  // namespace tokhai::core::expr
