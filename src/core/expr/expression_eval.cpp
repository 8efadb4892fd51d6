// Checking and evaluating expressions: the names and types a form allows, the
// functions of the language, and the run-time rules for unanswered values.
#include <algorithm>
#include <cmath>

#include "core/expr/expression_tree.h"
#include "core/text/vietnamese_words.h"
#include "core/validators/dates.h"

namespace tokhai::core::expr {
namespace {

enum class Fn {
  date_in_words,
  today,
  years_between,
  months_between,
  days_between,
  add_days,
  add_months,
  add_years,
  year,
  month,
  day,
  length,
  matches,
  contains,
  if_,
  coalesce,
  answered,
  selected,
  count_selected,
  count,
  every,
  any,
  periods_cover,
  concat,
  min,
  max,
  round
};

struct FunctionSpec {
  std::string_view name;
  Fn fn;
  int min_args;
  int max_args;  // -1: any number
};

// The functions of the language. Documented in forms/README.md.
constexpr FunctionSpec kFunctions[] = {
    {"today", Fn::today, 0, 0},
    {"years_between", Fn::years_between, 2, 2},
    {"months_between", Fn::months_between, 2, 2},
    {"days_between", Fn::days_between, 2, 2},
    {"add_days", Fn::add_days, 2, 2},
    {"add_months", Fn::add_months, 2, 2},
    {"add_years", Fn::add_years, 2, 2},
    {"year", Fn::year, 1, 1},
    {"month", Fn::month, 1, 1},
    {"day", Fn::day, 1, 1},
    {"length", Fn::length, 1, 1},
    {"matches", Fn::matches, 2, 2},
    {"contains", Fn::contains, 2, 2},
    {"if", Fn::if_, 3, 3},
    {"coalesce", Fn::coalesce, 2, -1},
    {"answered", Fn::answered, 1, 1},
    {"selected", Fn::selected, 2, 2},
    {"count_selected", Fn::count_selected, 1, 1},
    {"count", Fn::count, 1, 1},
    {"every", Fn::every, 2, 2},
    {"any", Fn::any, 2, 2},
    {"periods_cover", Fn::periods_cover, 5, 5},
    {"concat", Fn::concat, 1, -1},
    {"min", Fn::min, 2, -1},
    {"max", Fn::max, 2, -1},
    {"round", Fn::round, 1, 2},
    {"date_in_words", Fn::date_in_words, 1, 1},
};

Error type_error(const Node& node, const std::string& vi, const std::string& en) {
  return located_error("expr.type", node.column, vi, en);
}

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

class Checker {
 public:
  Checker(Expression::Tree& tree, const NameResolver& names, std::string_view scope, Type self_type)
      : tree_(tree), names_(names), scope_(scope), self_type_(self_type) {}

  Result<Type> check(int index, const std::string& row_scope) {
    Node& node = tree_.nodes[index];
    switch (node.kind) {
      case NodeKind::literal:
        node.type = node.literal.is_null()      ? Type::null
                    : node.literal.is_boolean() ? Type::boolean
                    : node.literal.is_number()  ? Type::number
                                                : Type::text;
        return node.type;
      case NodeKind::self:
        tree_.reads_self = true;
        node.type = self_type_;
        return node.type;
      case NodeKind::name:
        return check_name(node, row_scope);
      case NodeKind::unary:
        return check_unary(index, row_scope);
      case NodeKind::binary:
        return check_binary(index, row_scope);
      case NodeKind::call:
        return check_call(index, row_scope);
    }
    return Type::null;
  }

 private:
  Result<Type> check_name(Node& node, const std::string& row_scope) {
    const auto info = names_(node.name, row_scope);
    if (!info) {
      return located_error("expr.unknown_name", node.column,
                           "Không có trường nào tên " + quoted(node.name),
                           "No field is named " + quoted(node.name));
    }
    if (!info->group.empty() && info->group != row_scope && info->type != Type::rows) {
      return located_error("expr.row_field", node.column,
                           "Trường " + quoted(node.name) + " nằm trong bảng " +
                               quoted(info->group) + "; hãy dùng count, every hoặc any",
                           "Field " + quoted(node.name) + " is in table " + quoted(info->group) +
                               "; use count, every or any");
    }
    node.type = info->type;
    node.group = info->type == Type::rows ? std::string() : info->group;
    if (std::find(tree_.references.begin(), tree_.references.end(), node.name) ==
        tree_.references.end()) {
      tree_.references.push_back(node.name);
    }
    return node.type;
  }

  Result<Type> check_unary(int index, const std::string& row_scope) {
    auto operand = check(tree_.nodes[index].args[0], row_scope);
    if (!operand) return operand;
    Node& node = tree_.nodes[index];
    const Type want = node.op == Op::kw_not ? Type::boolean : Type::number;
    if (operand.value() != want && operand.value() != Type::null) {
      return type_error(
          node,
          std::string(node.op == Op::kw_not ? "'not'" : "Dấu '-'") + " cần giá trị " +
              type_name(want),
          std::string(node.op == Op::kw_not ? "'not'" : "'-'") + " needs a " + type_name(want));
    }
    node.type = want;
    return want;
  }

  Result<Type> check_binary(int index, const std::string& row_scope) {
    auto left = check(tree_.nodes[index].args[0], row_scope);
    if (!left) return left;
    auto right = check(tree_.nodes[index].args[1], row_scope);
    if (!right) return right;
    Node& node = tree_.nodes[index];
    const Type a = left.value(), b = right.value();
    switch (node.op) {
      case Op::kw_and:
      case Op::kw_or:
        if ((a != Type::boolean && a != Type::null) || (b != Type::boolean && b != Type::null)) {
          return type_error(node, "'and'/'or' cần hai giá trị đúng/sai",
                            "'and'/'or' need two boolean values");
        }
        node.type = Type::boolean;
        return node.type;
      case Op::eq:
      case Op::ne:
      case Op::lt:
      case Op::le:
      case Op::gt:
      case Op::ge:
        if (a != b && a != Type::null && b != Type::null) {
          return type_error(
              node, std::string("Không so sánh được ") + type_name(a) + " với " + type_name(b),
              std::string("Cannot compare ") + type_name(a) + " with " + type_name(b));
        }
        if (a == Type::rows || b == Type::rows || a == Type::list || b == Type::list) {
          return type_error(node, "Không so sánh trực tiếp được bảng hoặc danh sách lựa chọn",
                            "Tables and multiple choices cannot be compared directly");
        }
        node.type = Type::boolean;
        return node.type;
      default:
        if ((a != Type::number && a != Type::null) || (b != Type::number && b != Type::null)) {
          return type_error(node, "Phép tính số học cần hai số", "Arithmetic needs two numbers");
        }
        node.type = Type::number;
        return node.type;
    }
  }

  Result<Type> expect(int arg, Type want, const std::string& row_scope, std::string_view fn) {
    auto type = check(arg, row_scope);
    if (!type) return type;
    if (type.value() != want && type.value() != Type::null) {
      const Node& node = tree_.nodes[arg];
      return type_error(node,
                        "Hàm " + std::string(fn) + " cần đối số kiểu " + type_name(want) +
                            ", không phải " + type_name(type.value()),
                        "Function " + std::string(fn) + " needs a " + type_name(want) +
                            " argument, not " + type_name(type.value()));
    }
    return type;
  }

  // The first argument of count/every/any/periods_cover: a repeat group.
  Result<std::string> expect_group(int arg, const std::string& row_scope, std::string_view fn) {
    const Node& node = tree_.nodes[arg];
    if (node.kind != NodeKind::name) {
      return type_error(
          node, "Hàm " + std::string(fn) + " cần tên một bảng (nhóm lặp)",
          "Function " + std::string(fn) + " needs the name of a table (repeat group)");
    }
    auto type = check(arg, row_scope);
    if (!type) return type.error();
    if (type.value() != Type::rows) {
      return type_error(node, quoted(node.name) + " không phải là bảng (nhóm lặp)",
                        quoted(node.name) + " is not a table (repeat group)");
    }
    return node.name;
  }

  Result<Type> check_call(int index, const std::string& row_scope) {
    Node& call = tree_.nodes[index];
    const FunctionSpec* spec = nullptr;
    for (const auto& candidate : kFunctions) {
      if (candidate.name == call.name) spec = &candidate;
    }
    if (spec == nullptr) {
      return located_error("expr.unknown_function", call.column,
                           "Không có hàm nào tên " + quoted(call.name),
                           "No function is named " + quoted(call.name));
    }
    const int count = static_cast<int>(call.args.size());
    if (count < spec->min_args || (spec->max_args >= 0 && count > spec->max_args)) {
      return located_error("expr.arity", call.column,
                           "Số đối số của hàm " + quoted(call.name) + " không đúng",
                           "Wrong number of arguments for " + quoted(call.name));
    }
    call.function = static_cast<int>(spec - kFunctions);
    const std::vector<int> args = call.args;  // `call` may move as nodes are checked
    const std::string fn(spec->name);
    Type result = Type::null;
    auto need = [&](size_t i, Type t) { return expect(args[i], t, row_scope, fn); };

    switch (spec->fn) {
      case Fn::today:
        tree_.reads_today = true;
        result = Type::date;
        break;
      case Fn::years_between:
      case Fn::months_between:
      case Fn::days_between:
        for (size_t i : {0u, 1u}) {
          if (auto t = need(i, Type::date); !t) return t;
        }
        result = Type::number;
        break;
      case Fn::add_days:
      case Fn::add_months:
      case Fn::add_years:
        if (auto t = need(0, Type::date); !t) return t;
        if (auto t = need(1, Type::number); !t) return t;
        result = Type::date;
        break;
      case Fn::year:
      case Fn::month:
      case Fn::day:
        if (auto t = need(0, Type::date); !t) return t;
        result = Type::number;
        break;
      case Fn::date_in_words:
        if (auto t = need(0, Type::date); !t) return t;
        result = Type::text;
        break;
      case Fn::length:
        if (auto t = need(0, Type::text); !t) return t;
        result = Type::number;
        break;
      case Fn::contains:
        for (size_t i : {0u, 1u}) {
          if (auto t = need(i, Type::text); !t) return t;
        }
        result = Type::boolean;
        break;
      case Fn::matches: {
        if (auto t = need(0, Type::text); !t) return t;
        const Node& pattern = tree_.nodes[args[1]];
        if (pattern.kind != NodeKind::literal || !pattern.literal.is_text()) {
          return type_error(pattern, "Mẫu của matches phải là một chuỗi viết sẵn",
                            "The pattern of matches must be a string literal");
        }
        auto compiled = Pattern::compile(pattern.literal.text());
        if (!compiled) {
          const Error& why = compiled.error();
          return located_error(
              "expr.regex", pattern.column,
              "Mẫu biểu thức chính quy không hợp lệ: " + why.message.vi + ", " + why.where,
              "Invalid regular expression: " + why.message.en + ", " + why.where);
        }
        tree_.nodes[index].regex = std::make_shared<const Pattern>(std::move(compiled).value());
        result = Type::boolean;
        break;
      }
      case Fn::if_: {
        if (auto t = need(0, Type::boolean); !t) return t;
        auto a = check(args[1], row_scope);
        if (!a) return a;
        auto b = check(args[2], row_scope);
        if (!b) return b;
        auto unified = unify(a.value(), b.value());
        if (!unified) {
          return type_error(tree_.nodes[index], "Hai nhánh của if phải cùng kiểu",
                            "Both branches of if must have the same type");
        }
        result = *unified;
        break;
      }
      case Fn::coalesce: {
        Type common = Type::null;
        for (int arg : args) {
          auto t = check(arg, row_scope);
          if (!t) return t;
          auto unified = unify(common, t.value());
          if (!unified) {
            return type_error(tree_.nodes[arg], "Các đối số của coalesce phải cùng kiểu",
                              "The arguments of coalesce must have the same type");
          }
          common = *unified;
        }
        result = common;
        break;
      }
      case Fn::answered: {
        auto t = check(args[0], row_scope);
        if (!t) return t;
        result = Type::boolean;
        break;
      }
      case Fn::selected:
        if (auto t = need(0, Type::list); !t) return t;
        if (auto t = need(1, Type::text); !t) return t;
        result = Type::boolean;
        break;
      case Fn::count_selected:
        if (auto t = need(0, Type::list); !t) return t;
        result = Type::number;
        break;
      case Fn::count: {
        auto group = expect_group(args[0], row_scope, fn);
        if (!group) return group.error();
        result = Type::number;
        break;
      }
      case Fn::every:
      case Fn::any: {
        auto group = expect_group(args[0], row_scope, fn);
        if (!group) return group.error();
        if (auto t = expect(args[1], Type::boolean, group.value(), fn); !t) return t;
        result = Type::boolean;
        break;
      }
      case Fn::periods_cover: {
        auto group = expect_group(args[0], row_scope, fn);
        if (!group) return group.error();
        for (size_t i : {1u, 2u}) {
          if (auto t = expect(args[i], Type::date, group.value(), fn); !t) return t;
        }
        for (size_t i : {3u, 4u}) {
          if (auto t = need(i, Type::date); !t) return t;
        }
        result = Type::boolean;
        break;
      }
      case Fn::concat:
        for (int arg : args) {
          auto t = check(arg, row_scope);
          if (!t) return t;
          if (t.value() == Type::rows || t.value() == Type::list) {
            return type_error(tree_.nodes[arg], "concat không nối được bảng hay danh sách",
                              "concat cannot join a table or a list");
          }
        }
        result = Type::text;
        break;
      case Fn::min:
      case Fn::max:
        for (size_t i = 0; i < args.size(); ++i) {
          if (auto t = need(i, Type::number); !t) return t;
        }
        result = Type::number;
        break;
      case Fn::round:
        for (size_t i = 0; i < args.size(); ++i) {
          if (auto t = need(i, Type::number); !t) return t;
        }
        result = Type::number;
        break;
    }
    tree_.nodes[index].type = result;
    return result;
  }

  static std::optional<Type> unify(Type a, Type b) {
    if (a == Type::null) return b;
    if (b == Type::null || a == b) return a;
    return std::nullopt;
  }

  Expression::Tree& tree_;
  const NameResolver& names_;
  std::string scope_;
  Type self_type_;
};

// ---- Evaluation -------------------------------------------------------------

// The largest amount add_days/add_months/add_years take: more than any move
// between years 1000 and 9999, small enough that no int overflows.
constexpr double kMaxDateShift = 4'000'000;

int utf8_length(const std::string& text) {
  int count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80 ? 1 : 0;
  return count;
}

std::string as_text(const Value& value) {
  if (value.is_text()) return value.text();
  if (value.is_boolean()) return value.boolean() ? "true" : "false";
  if (value.is_date()) return format_iso_date(value.date());
  if (value.is_number()) {
    const double n = value.number();
    if (std::floor(n) == n && std::fabs(n) < 1e15) return std::to_string(static_cast<long long>(n));
    std::string text = std::to_string(n);
    while (!text.empty() && text.back() == '0') text.pop_back();
    if (!text.empty() && text.back() == '.') text.pop_back();
    return text;
  }
  return {};
}

class Evaluator {
 public:
  Evaluator(const Expression::Tree& tree, const EvaluationContext& context)
      : tree_(tree), context_(context) {}

  Value eval(int index, int row) const {
    const Node& node = tree_.nodes[index];
    switch (node.kind) {
      case NodeKind::literal:
        return node.literal;
      case NodeKind::self:
        return context_.self();
      case NodeKind::name:
        return context_.field(node.name, node.group.empty() ? -1 : row);
      case NodeKind::unary: {
        const Value operand = eval(node.args[0], row);
        if (node.op == Op::kw_not) return !operand.truthy();
        if (!operand.is_number()) return Value();
        return -operand.number();
      }
      case NodeKind::binary:
        return eval_binary(node, row);
      case NodeKind::call:
        return eval_call(node, row);
    }
    return Value();
  }

 private:
  Value eval_binary(const Node& node, int row) const {
    if (node.op == Op::kw_and) {
      return eval(node.args[0], row).truthy() && eval(node.args[1], row).truthy();
    }
    if (node.op == Op::kw_or) {
      return eval(node.args[0], row).truthy() || eval(node.args[1], row).truthy();
    }
    const Value a = eval(node.args[0], row);
    const Value b = eval(node.args[1], row);
    switch (node.op) {
      case Op::eq:
      case Op::ne: {
        // Against the literal null, = and != ask whether a value is answered.
        auto is_null_literal = [&](int i) {
          const Node& side = tree_.nodes[i];
          return side.kind == NodeKind::literal && side.literal.is_null();
        };
        const bool null_test = is_null_literal(node.args[0]) || is_null_literal(node.args[1]);
        if (null_test) {
          const bool unanswered = !a.is_answered() && !b.is_answered();
          return node.op == Op::eq ? unanswered : !unanswered;
        }
        if (!a.is_answered() || !b.is_answered()) return false;
        return node.op == Op::eq ? a == b : !(a == b);
      }
      case Op::lt:
      case Op::le:
      case Op::gt:
      case Op::ge: {
        if (!a.is_answered() || !b.is_answered() || a.storage().index() != b.storage().index()) {
          return false;
        }
        const auto order = compare(a, b);
        switch (node.op) {
          case Op::lt:
            return order < 0;
          case Op::le:
            return order <= 0;
          case Op::gt:
            return order > 0;
          default:
            return order >= 0;
        }
      }
      default: {
        if (!a.is_number() || !b.is_number()) return Value();
        switch (node.op) {
          case Op::add:
            return a.number() + b.number();
          case Op::sub:
            return a.number() - b.number();
          case Op::mul:
            return a.number() * b.number();
          default:
            return b.number() == 0 ? Value() : Value(a.number() / b.number());
        }
      }
    }
  }

  static int compare(const Value& a, const Value& b) {
    if (a.is_number()) return a.number() < b.number() ? -1 : a.number() > b.number() ? 1 : 0;
    if (a.is_date()) return a.date() < b.date() ? -1 : a.date() > b.date() ? 1 : 0;
    if (a.is_text()) return a.text().compare(b.text()) < 0 ? -1 : a.text() == b.text() ? 0 : 1;
    if (a.is_boolean()) return static_cast<int>(a.boolean()) - static_cast<int>(b.boolean());
    return 0;
  }

  Value eval_call(const Node& call, int row) const {
    const auto& args = call.args;
    auto arg = [&](size_t i) { return eval(args[i], row); };
    switch (kFunctions[call.function].fn) {
      case Fn::today:
        return context_.today();
      case Fn::years_between:
      case Fn::months_between:
      case Fn::days_between: {
        const Value from = arg(0), to = arg(1);
        if (!from.is_date() || !to.is_date()) return Value();
        switch (kFunctions[call.function].fn) {
          case Fn::years_between:
            return whole_years_between(from.date(), to.date());
          case Fn::months_between:
            return whole_months_between(from.date(), to.date());
          default:
            return to_day_number(to.date()) - to_day_number(from.date());
        }
      }
      case Fn::add_days:
      case Fn::add_months:
      case Fn::add_years: {
        // A move out of the years 1000–9999 (the dates an answer can hold)
        // gives no date, so huge or NaN amounts never overflow the arithmetic.
        const Value date = arg(0), amount = arg(1);
        if (!date.is_date() || !amount.is_number() ||
            !(std::fabs(amount.number()) <= kMaxDateShift)) {
          return Value();
        }
        const int n = static_cast<int>(amount.number());
        CalendarDate moved;
        switch (kFunctions[call.function].fn) {
          case Fn::add_days:
            moved = from_day_number(to_day_number(date.date()) + n);
            break;
          case Fn::add_months:
            moved = add_months(date.date(), n);
            break;
          default:
            moved = add_months(date.date(), 12 * n);
        }
        if (moved.year < 1000 || moved.year > 9999) return Value();
        return moved;
      }
      case Fn::year:
      case Fn::month:
      case Fn::day: {
        const Value date = arg(0);
        if (!date.is_date()) return Value();
        const CalendarDate d = date.date();
        const auto fn = kFunctions[call.function].fn;
        return fn == Fn::year ? d.year : fn == Fn::month ? d.month : d.day;
      }
      case Fn::date_in_words: {
        const Value date = arg(0);
        if (!date.is_date()) return Value();
        return tokhai::core::date_in_words(date.date());
      }
      case Fn::length: {
        const Value text = arg(0);
        return text.is_text() ? utf8_length(text.text()) : 0;
      }
      case Fn::contains: {
        const Value text = arg(0), part = arg(1);
        if (!text.is_text() || !part.is_text()) return false;
        return text.text().find(part.text()) != std::string::npos;
      }
      case Fn::matches: {
        const Value text = arg(0);
        if (!text.is_text()) return false;
        return call.regex->matches(text.text());
      }
      case Fn::if_:
        return arg(0).truthy() ? arg(1) : arg(2);
      case Fn::coalesce:
        for (size_t i = 0; i < args.size(); ++i) {
          Value value = arg(i);
          if (value.is_answered()) return value;
        }
        return Value();
      case Fn::answered:
        return arg(0).is_answered();
      case Fn::selected: {
        const Value list = arg(0), code = arg(1);
        if (!list.is_list() || !code.is_text()) return false;
        return std::find(list.list().begin(), list.list().end(), code.text()) != list.list().end();
      }
      case Fn::count_selected: {
        const Value list = arg(0);
        return list.is_list() ? static_cast<int>(list.list().size()) : 0;
      }
      case Fn::count:
        return context_.row_count(tree_.nodes[args[0]].name);
      case Fn::every:
      case Fn::any: {
        const std::string& group = tree_.nodes[args[0]].name;
        const bool want_all = kFunctions[call.function].fn == Fn::every;
        const int rows = context_.row_count(group);
        for (int r = 0; r < rows; ++r) {
          const bool holds = eval(args[1], r).truthy();
          if (want_all && !holds) return false;
          if (!want_all && holds) return true;
        }
        return want_all;
      }
      case Fn::periods_cover:
        return periods_cover(call, row);
      case Fn::concat: {
        std::string text;
        for (size_t i = 0; i < args.size(); ++i) text += as_text(arg(i));
        return text;
      }
      case Fn::min:
      case Fn::max: {
        const bool want_min = kFunctions[call.function].fn == Fn::min;
        Value best;
        for (size_t i = 0; i < args.size(); ++i) {
          const Value value = arg(i);
          if (!value.is_number()) return Value();
          if (best.is_null() ||
              (want_min ? value.number() < best.number() : value.number() > best.number())) {
            best = value;
          }
        }
        return best;
      }
      case Fn::round: {
        const Value value = arg(0);
        if (!value.is_number()) return Value();
        const Value wanted = args.size() > 1 ? arg(1) : Value(0);
        // Clamped before the conversion to int (a NaN counts as 0).
        const double places = wanted.is_number() ? wanted.number() : 0;
        const int digits = places >= 9 ? 9 : places >= 1 ? static_cast<int>(places) : 0;
        const double scale = std::pow(10.0, digits);
        return std::round(value.number() * scale) / scale;
      }
    }
    return Value();
  }

  // True when the rows' [from, to] periods (to unanswered = still ongoing, up
  // to `end`) cover every day from `start` to `end` without a gap.
  Value periods_cover(const Node& call, int row) const {
    const Value start = eval(call.args[3], row), end = eval(call.args[4], row);
    if (!start.is_date() || !end.is_date()) return Value();
    const std::string& group = tree_.nodes[call.args[0]].name;
    std::vector<std::pair<int, int>> periods;
    const int rows = context_.row_count(group);
    for (int r = 0; r < rows; ++r) {
      const Value from = eval(call.args[1], r), to = eval(call.args[2], r);
      if (!from.is_date()) continue;
      const int last = to.is_date() ? to_day_number(to.date()) : to_day_number(end.date());
      periods.emplace_back(to_day_number(from.date()), last);
    }
    std::sort(periods.begin(), periods.end());
    int covered_until = to_day_number(start.date()) - 1;
    const int goal = to_day_number(end.date());
    for (const auto& [from, to] : periods) {
      if (from > covered_until + 1) break;
      covered_until = std::max(covered_until, to);
      if (covered_until >= goal) return true;
    }
    return covered_until >= goal;
  }

  const Expression::Tree& tree_;
  const EvaluationContext& context_;
};

}  // namespace

Result<Done> Expression::check(const NameResolver& names, std::string_view scope_group,
                               Type self_type) {
  tree_->references.clear();
  tree_->reads_self = false;
  tree_->reads_today = false;
  Checker checker(*tree_, names, scope_group, self_type);
  auto type = checker.check(tree_->root, std::string(scope_group));
  if (!type) return type.error();
  tree_->type = type.value();
  return Done{};
}

Value Expression::evaluate(const EvaluationContext& context) const {
  return Evaluator(*tree_, context).eval(tree_->root, context.current_row());
}

}  // namespace tokhai::core::expr
