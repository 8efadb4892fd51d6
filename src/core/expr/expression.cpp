// The expression language: lexer, parser (precedence climbing), checker and
// evaluator (see expression.h for the grammar).
#include "core/expr/expression.h"

#include <cstdlib>

#include "core/expr/expression_tree.h"

namespace tokhai::core::expr {
namespace {

constexpr size_t kMaxSourceBytes = 4096;
constexpr int kMaxDepth = 64;

// ---- Tokens -----------------------------------------------------------------

enum class Tok {
  end,
  number,
  string,
  name,
  self,
  lparen,
  rparen,
  comma,
  eq,
  ne,
  lt,
  le,
  gt,
  ge,
  plus,
  minus,
  star,
  slash,
  kw_and,
  kw_or,
  kw_not,
  kw_true,
  kw_false,
  kw_null
};

struct Token {
  Tok kind = Tok::end;
  std::string text;  // name or decoded string literal
  double number = 0;
  int column = 1;  // 1-based, in characters
};

// The 1-based character column of byte `offset` in UTF-8 `source`.
int column_of(std::string_view source, size_t offset) {
  int column = 1;
  for (size_t i = 0; i < offset && i < source.size(); ++i) {
    if ((static_cast<unsigned char>(source[i]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

Error syntax_error(int column, std::string vi, std::string en) {
  return located_error("expr.syntax", column, std::move(vi), std::move(en));
}

bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

Result<std::vector<Token>> tokenize(std::string_view source) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (true) {
    while (i < source.size() &&
           (source[i] == ' ' || source[i] == '\t' || source[i] == '\n' || source[i] == '\r')) {
      ++i;
    }
    Token token;
    token.column = column_of(source, i);
    if (i >= source.size()) {
      tokens.push_back(token);
      return tokens;
    }
    const char c = source[i];
    if (is_digit(c)) {
      size_t end = i;
      while (end < source.size() && is_digit(source[end])) ++end;
      if (end + 1 < source.size() && source[end] == '.' && is_digit(source[end + 1])) {
        ++end;
        while (end < source.size() && is_digit(source[end])) ++end;
      }
      token.kind = Tok::number;
      token.number = std::strtod(std::string(source.substr(i, end - i)).c_str(), nullptr);
      i = end;
    } else if (c == '\'' || c == '"') {
      size_t end = i + 1;
      while (end < source.size() && source[end] != c) ++end;
      if (end >= source.size()) {
        return syntax_error(token.column, "Chuỗi chưa được đóng bằng dấu nháy",
                            "Unterminated string literal");
      }
      token.kind = Tok::string;
      token.text = std::string(source.substr(i + 1, end - i - 1));
      i = end + 1;
    } else if (is_name_start(c)) {
      size_t end = i;
      while (end < source.size() && (is_name_start(source[end]) || is_digit(source[end]))) ++end;
      token.text = std::string(source.substr(i, end - i));
      static const std::pair<std::string_view, Tok> kKeywords[] = {
          {"and", Tok::kw_and},   {"or", Tok::kw_or},       {"not", Tok::kw_not},
          {"true", Tok::kw_true}, {"false", Tok::kw_false}, {"null", Tok::kw_null}};
      token.kind = Tok::name;
      for (const auto& [word, kind] : kKeywords) {
        if (token.text == word) token.kind = kind;
      }
      i = end;
    } else {
      auto two = source.substr(i, 2);
      if (two == "!=" || two == "<=" || two == ">=") {
        token.kind = two == "!=" ? Tok::ne : two == "<=" ? Tok::le : Tok::ge;
        i += 2;
      } else {
        switch (c) {
          case '(':
            token.kind = Tok::lparen;
            break;
          case ')':
            token.kind = Tok::rparen;
            break;
          case ',':
            token.kind = Tok::comma;
            break;
          case '.':
            token.kind = Tok::self;
            break;
          case '=':
            token.kind = Tok::eq;
            break;
          case '<':
            token.kind = Tok::lt;
            break;
          case '>':
            token.kind = Tok::gt;
            break;
          case '+':
            token.kind = Tok::plus;
            break;
          case '-':
            token.kind = Tok::minus;
            break;
          case '*':
            token.kind = Tok::star;
            break;
          case '/':
            token.kind = Tok::slash;
            break;
          default:
            return syntax_error(token.column, "Ký tự không hợp lệ trong biểu thức",
                                "Unexpected character in expression");
        }
        ++i;
      }
    }
    tokens.push_back(std::move(token));
  }
}

}  // namespace

namespace {

// ---- Parser -----------------------------------------------------------------

class Parser {
 public:
  Parser(std::vector<Token> tokens, Expression::Tree& tree)
      : tokens_(std::move(tokens)), tree_(tree) {}

  Result<int> parse_all() {
    auto root = parse_expression(0, 0);
    if (!root) return root;
    if (peek().kind != Tok::end) {
      return syntax_error(peek().column, "Thừa phần sau biểu thức",
                          "Unexpected text after the expression");
    }
    return root;
  }

 private:
  const Token& peek() const { return tokens_[position_]; }
  const Token& next() { return tokens_[position_++]; }

  int add(Node node) {
    tree_.nodes.push_back(std::move(node));
    return static_cast<int>(tree_.nodes.size() - 1);
  }

  static int precedence(Tok kind) {
    switch (kind) {
      case Tok::kw_or:
        return 1;
      case Tok::kw_and:
        return 2;
      case Tok::eq:
      case Tok::ne:
      case Tok::lt:
      case Tok::le:
      case Tok::gt:
      case Tok::ge:
        return 4;
      case Tok::plus:
      case Tok::minus:
        return 5;
      case Tok::star:
      case Tok::slash:
        return 6;
      default:
        return 0;
    }
  }

  static Op binary_op(Tok kind) {
    switch (kind) {
      case Tok::kw_or:
        return Op::kw_or;
      case Tok::kw_and:
        return Op::kw_and;
      case Tok::eq:
        return Op::eq;
      case Tok::ne:
        return Op::ne;
      case Tok::lt:
        return Op::lt;
      case Tok::le:
        return Op::le;
      case Tok::gt:
        return Op::gt;
      case Tok::ge:
        return Op::ge;
      case Tok::plus:
        return Op::add;
      case Tok::minus:
        return Op::sub;
      case Tok::star:
        return Op::mul;
      case Tok::slash:
        return Op::div;
      default:
        return Op::none;
    }
  }

  Result<int> parse_expression(int min_precedence, int depth) {
    if (depth > kMaxDepth) {
      return syntax_error(peek().column, "Biểu thức lồng nhau quá sâu",
                          "Expression nested too deeply");
    }
    auto left = parse_unary(depth);
    if (!left) return left;
    int lhs = left.value();
    while (true) {
      const Token& op = peek();
      const int p = precedence(op.kind);
      if (p == 0 || p <= min_precedence) break;
      next();
      // Comparisons do not chain: a < b < c is an error, not (a < b) < c.
      auto right = parse_expression(p, depth + 1);
      if (!right) return right;
      if (p == 4 && precedence(peek().kind) == 4) {
        return syntax_error(peek().column, "Không được nối hai phép so sánh liền nhau",
                            "Comparisons cannot be chained");
      }
      Node node;
      node.kind = NodeKind::binary;
      node.op = binary_op(op.kind);
      node.column = op.column;
      node.args = {lhs, right.value()};
      lhs = add(std::move(node));
    }
    return lhs;
  }

  Result<int> parse_unary(int depth) {
    const Token& token = peek();
    if (token.kind == Tok::kw_not || token.kind == Tok::minus) {
      next();
      // `not` binds looser than comparisons (not a = b), minus binds tightest.
      auto operand =
          token.kind == Tok::kw_not ? parse_expression(3, depth + 1) : parse_unary(depth + 1);
      if (!operand) return operand;
      Node node;
      node.kind = NodeKind::unary;
      node.op = token.kind == Tok::kw_not ? Op::kw_not : Op::neg;
      node.column = token.column;
      node.args = {operand.value()};
      return add(std::move(node));
    }
    return parse_primary(depth);
  }

  Result<int> parse_primary(int depth) {
    if (depth > kMaxDepth) {
      return syntax_error(peek().column, "Biểu thức lồng nhau quá sâu",
                          "Expression nested too deeply");
    }
    const Token token = next();
    Node node;
    node.column = token.column;
    switch (token.kind) {
      case Tok::number:
        node.literal = token.number;
        return add(std::move(node));
      case Tok::string:
        node.literal = token.text;
        return add(std::move(node));
      case Tok::kw_true:
        node.literal = true;
        return add(std::move(node));
      case Tok::kw_false:
        node.literal = false;
        return add(std::move(node));
      case Tok::kw_null:
        return add(std::move(node));
      case Tok::self:
        node.kind = NodeKind::self;
        return add(std::move(node));
      case Tok::lparen: {
        auto inner = parse_expression(0, depth + 1);
        if (!inner) return inner;
        if (next().kind != Tok::rparen) {
          return syntax_error(token.column, "Thiếu dấu ')' cho dấu '(' này",
                              "Missing ')' for this '('");
        }
        return inner;
      }
      case Tok::name: {
        node.name = token.text;
        if (peek().kind != Tok::lparen) {
          node.kind = NodeKind::name;
          return add(std::move(node));
        }
        next();
        node.kind = NodeKind::call;
        if (peek().kind != Tok::rparen) {
          while (true) {
            auto arg = parse_expression(0, depth + 1);
            if (!arg) return arg;
            node.args.push_back(arg.value());
            if (peek().kind == Tok::comma) {
              next();
              continue;
            }
            break;
          }
        }
        if (next().kind != Tok::rparen) {
          return syntax_error(token.column, "Thiếu dấu ')' sau các đối số của hàm",
                              "Missing ')' after the function's arguments");
        }
        return add(std::move(node));
      }
      case Tok::end:
        return syntax_error(token.column, "Biểu thức kết thúc quá sớm",
                            "The expression ends too early");
      default:
        return syntax_error(token.column, "Không mong đợi ký hiệu này ở đây",
                            "Unexpected symbol here");
    }
  }

  std::vector<Token> tokens_;
  size_t position_ = 0;
  Expression::Tree& tree_;
};

}  // namespace

Result<Expression> Expression::parse(std::string_view source) {
  if (source.size() > kMaxSourceBytes) {
    return syntax_error(1, "Biểu thức quá dài", "The expression is too long");
  }
  auto tokens = tokenize(source);
  if (!tokens) return tokens.error();
  auto tree = std::make_unique<Tree>();
  tree->source = std::string(source);
  Parser parser(std::move(tokens).value(), *tree);
  auto root = parser.parse_all();
  if (!root) return root.error();
  tree->root = root.value();
  return Expression(std::move(tree));
}

Expression::Expression(std::unique_ptr<Tree> tree) : tree_(std::move(tree)) {}
Expression::Expression(Expression&&) noexcept = default;
Expression& Expression::operator=(Expression&&) noexcept = default;
Expression::~Expression() = default;

Type Expression::result_type() const { return tree_->type; }
const std::vector<std::string>& Expression::references() const { return tree_->references; }
bool Expression::reads_self() const { return tree_->reads_self; }
bool Expression::reads_today() const { return tree_->reads_today; }
const std::string& Expression::source() const { return tree_->source; }

}  // namespace tokhai::core::expr
