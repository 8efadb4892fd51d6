// Compiling and matching patterns (see pattern.h): a recursive-descent parser
// builds a small tree, the tree is emitted as a Thompson automaton, and a
// match runs the automaton breadth-first over the text's code points (Pike's
// simulation, without captures: a whole-text match needs none).
#include "core/expr/pattern.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "core/text/unicode.h"

namespace tokhai::core::expr {

// A bracket class or a class escape: the code points in `ranges`, and with
// the flags those outside \d, \w or \s ([\D\S] inside brackets); `negated`
// turns the whole class around ([^…], \D, \W, \S).
struct Pattern::CharClass {
  std::vector<std::pair<char32_t, char32_t>> ranges;
  bool negated = false;
  bool not_digit = false;
  bool not_word = false;
  bool not_space = false;

  bool contains(char32_t cp) const;
};

struct Pattern::Instruction {
  enum class Op { code_point, char_class, any, split, jump, assert_start, assert_end, match };
  Op op = Op::match;
  char32_t code_point = 0;  // code_point
  int target = 0;           // char_class: index into classes_; jump, split: next step
  int alternative = 0;      // split: the other next step
};

namespace {

using Instruction = Pattern::Instruction;
using CharClass = Pattern::CharClass;
using Op = Instruction::Op;
using Ranges = std::vector<std::pair<char32_t, char32_t>>;

constexpr int kMaxGroupDepth = 32;
constexpr size_t kMaxProgramSize = 1000;
constexpr int kMaxRepeatCount = 1000;

const Ranges& digit_ranges() {
  static const Ranges kRanges = {{'0', '9'}};
  return kRanges;
}
const Ranges& word_ranges() {
  static const Ranges kRanges = {{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}};
  return kRanges;
}
// ECMAScript's WhiteSpace and LineTerminator code points.
const Ranges& space_ranges() {
  static const Ranges kRanges = {
      {0x09, 0x0D},     {0x20, 0x20},     {0xA0, 0xA0},     {0x1680, 0x1680}, {0x2000, 0x200A},
      {0x2028, 0x2029}, {0x202F, 0x202F}, {0x205F, 0x205F}, {0x3000, 0x3000}, {0xFEFF, 0xFEFF}};
  return kRanges;
}

bool in_ranges(const Ranges& ranges, char32_t cp) {
  return std::any_of(ranges.begin(), ranges.end(),
                     [cp](const auto& range) { return range.first <= cp && cp <= range.second; });
}

bool is_line_terminator(char32_t cp) {
  return cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029;
}

Error pattern_error(size_t position, std::string vi, std::string en) {
  const std::string at = std::to_string(position + 1);
  return Error{"expr.regex", LocalizedText{std::move(vi), std::move(en)}, "position " + at};
}

// The parsed pattern.
struct Node {
  enum class Kind { sequence, alternation, repeat, code_point, char_class, any, start, end };
  Kind kind = Kind::sequence;
  char32_t code_point = 0;
  int char_class = -1;
  int min = 0, max = 0;  // repeat; max -1: no upper bound
  std::vector<Node> children;
};

Node node_of(Node::Kind kind) {
  Node node;
  node.kind = kind;
  return node;
}

class Parser {
 public:
  Parser(std::u32string source, std::vector<CharClass>& classes)
      : source_(std::move(source)), classes_(classes) {}

  Result<Node> parse() {
    auto node = alternation(0);
    if (!node) return node;
    if (at_ < source_.size()) {
      return pattern_error(at_, "Dấu ')' không có '(' tương ứng", "')' without a matching '('");
    }
    return node;
  }

 private:
  bool next_is(char32_t c) const { return at_ < source_.size() && source_[at_] == c; }

  Result<Node> alternation(int depth) {
    Node node = node_of(Node::Kind::alternation);
    while (true) {
      auto branch = sequence(depth);
      if (!branch) return branch;
      node.children.push_back(std::move(branch).value());
      if (!next_is('|')) break;
      ++at_;
    }
    if (node.children.size() == 1) return std::move(node.children.front());
    return node;
  }

  Result<Node> sequence(int depth) {
    Node node = node_of(Node::Kind::sequence);
    while (at_ < source_.size() && source_[at_] != '|' && source_[at_] != ')') {
      auto item = atom(depth);
      if (!item) return item;
      auto repeated = quantified(std::move(item).value());
      if (!repeated) return repeated;
      node.children.push_back(std::move(repeated).value());
    }
    return node;
  }

  Result<Node> atom(int depth) {
    const size_t start = at_;
    switch (source_[at_]) {
      case '(': {
        if (depth >= kMaxGroupDepth) {
          return pattern_error(start, "Các nhóm lồng nhau quá sâu", "Groups are nested too deeply");
        }
        ++at_;
        if (next_is('?')) {
          if (at_ + 1 < source_.size() && source_[at_ + 1] == ':') {
            at_ += 2;
          } else {
            return pattern_error(start, "Không hỗ trợ nhìn trước, nhìn sau hay nhóm có tên",
                                 "Lookaround and named groups are not supported");
          }
        }
        auto inner = alternation(depth + 1);
        if (!inner) return inner;
        if (!next_is(')')) return pattern_error(start, "Thiếu dấu ')'", "Missing ')'");
        ++at_;
        return inner;
      }
      case '[':
        return bracket_class();
      case '.':
        ++at_;
        return node_of(Node::Kind::any);
      case '^':
        ++at_;
        return node_of(Node::Kind::start);
      case '$':
        ++at_;
        return node_of(Node::Kind::end);
      case '\\':
        return escape();
      case '*':
      case '+':
      case '?':
        return pattern_error(start, "Không có gì để lặp lại", "Nothing to repeat");
      case '{':
        return pattern_error(start, "Dấu '{' phải viết là \\{", "Write '{' as \\{");
      default: {
        Node node = node_of(Node::Kind::code_point);
        node.code_point = source_[at_++];
        return node;
      }
    }
  }

  // `item` followed by an optional quantifier.
  Result<Node> quantified(Node item) {
    if (at_ >= source_.size()) return item;
    const size_t start = at_;
    int min = 0, max = -1;
    switch (source_[at_]) {
      case '*':
        ++at_;
        break;
      case '+':
        min = 1;
        ++at_;
        break;
      case '?':
        max = 1;
        ++at_;
        break;
      case '{': {
        ++at_;
        auto low = count();
        if (!low) return low.error();
        min = max = low.value();
        if (next_is(',')) {
          ++at_;
          max = -1;
          if (!next_is('}')) {
            auto high = count();
            if (!high) return high.error();
            max = high.value();
          }
        }
        if (!next_is('}')) return pattern_error(start, "Thiếu dấu '}'", "Missing '}'");
        ++at_;
        if (max >= 0 && max < min) {
          return pattern_error(start, "Số lần lặp ngược thứ tự", "Repeat counts out of order");
        }
        break;
      }
      default:
        return item;
    }
    if (item.kind == Node::Kind::start || item.kind == Node::Kind::end) {
      return pattern_error(start, "Không lặp lại được '^' hay '$'", "'^' and '$' cannot repeat");
    }
    if (next_is('?')) ++at_;  // lazy: the same set of whole matches
    Node node = node_of(Node::Kind::repeat);
    node.min = min;
    node.max = max;
    node.children.push_back(std::move(item));
    return node;
  }

  Result<int> count() {
    const size_t start = at_;
    int value = 0;
    while (at_ < source_.size() && source_[at_] >= '0' && source_[at_] <= '9') {
      value = value * 10 + static_cast<int>(source_[at_++] - '0');
      if (value > kMaxRepeatCount) {
        return pattern_error(start, "Số lần lặp quá lớn", "The repeat count is too large");
      }
    }
    if (at_ == start) return pattern_error(start, "Cần một số lần lặp", "A repeat count is needed");
    return value;
  }

  Node class_node(CharClass char_class) {
    classes_.push_back(std::move(char_class));
    Node node = node_of(Node::Kind::char_class);
    node.char_class = static_cast<int>(classes_.size() - 1);
    return node;
  }

  // \d \D \w \W \s \S: the class, or nothing for another letter.
  static std::optional<CharClass> class_escape(char32_t letter) {
    CharClass found;
    switch (letter) {
      case 'D':
        found.negated = true;
        [[fallthrough]];
      case 'd':
        found.ranges = digit_ranges();
        return found;
      case 'W':
        found.negated = true;
        [[fallthrough]];
      case 'w':
        found.ranges = word_ranges();
        return found;
      case 'S':
        found.negated = true;
        [[fallthrough]];
      case 's':
        found.ranges = space_ranges();
        return found;
      default:
        return std::nullopt;
    }
  }

  // The code point an escape stands for; `at_` is past the letter after '\'.
  Result<char32_t> escaped_code_point(char32_t letter, size_t start, bool in_class) {
    auto hex = [&](int digits) -> Result<char32_t> {
      char32_t value = 0;
      for (int i = 0; i < digits; ++i, ++at_) {
        const char32_t c = at_ < source_.size() ? source_[at_] : 0;
        const int digit = c >= '0' && c <= '9'   ? static_cast<int>(c - '0')
                          : c >= 'a' && c <= 'f' ? static_cast<int>(c - 'a' + 10)
                          : c >= 'A' && c <= 'F' ? static_cast<int>(c - 'A' + 10)
                                                 : -1;
        if (digit < 0) {
          return pattern_error(start, "Mã thoát \\x hoặc \\u cần đủ chữ số thập lục phân",
                               "\\x and \\u need their hexadecimal digits");
        }
        value = value * 16 + static_cast<char32_t>(digit);
      }
      return value;
    };
    switch (letter) {
      case 't':
        return char32_t{'\t'};
      case 'n':
        return char32_t{'\n'};
      case 'r':
        return char32_t{'\r'};
      case 'f':
        return char32_t{'\f'};
      case 'v':
        return char32_t{'\v'};
      case 'x':
        return hex(2);
      case 'u':
        return hex(4);
      case '0':
        if (next_is('0') || (at_ < source_.size() && source_[at_] >= '1' && source_[at_] <= '9')) {
          break;
        }
        return char32_t{0};
      case 'b':
        if (in_class) return char32_t{'\b'};
        break;
      default:
        if (letter >= 0x80 ||
            !((letter >= 'a' && letter <= 'z') || (letter >= 'A' && letter <= 'Z') ||
              (letter >= '0' && letter <= '9'))) {
          return letter;  // punctuation and non-ASCII letters stand for themselves
        }
    }
    if (letter >= '1' && letter <= '9') {
      return pattern_error(start, "Không hỗ trợ tham chiếu ngược (\\1…)",
                           "Back-references (\\1…) are not supported");
    }
    return pattern_error(start, "Mã thoát không được hỗ trợ", "Unsupported escape");
  }

  Result<Node> escape() {
    const size_t start = at_++;
    if (at_ >= source_.size()) {
      return pattern_error(start, "Mẫu kết thúc bằng '\\'", "The pattern ends with '\\'");
    }
    const char32_t letter = source_[at_++];
    if (auto found = class_escape(letter)) return class_node(std::move(*found));
    auto code_point = escaped_code_point(letter, start, false);
    if (!code_point) return code_point.error();
    Node node = node_of(Node::Kind::code_point);
    node.code_point = code_point.value();
    return node;
  }

  // One member of a bracket class: a code point, or a class escape added to
  // `into` (nullopt).
  Result<std::optional<char32_t>> class_member(CharClass& into) {
    const size_t start = at_;
    if (source_[at_] != '\\') return std::optional<char32_t>(source_[at_++]);
    ++at_;
    if (at_ >= source_.size()) {
      return pattern_error(start, "Mẫu kết thúc bằng '\\'", "The pattern ends with '\\'");
    }
    const char32_t letter = source_[at_++];
    if (auto found = class_escape(letter)) {
      if (found->negated) {
        (letter == 'D' ? into.not_digit : letter == 'W' ? into.not_word : into.not_space) = true;
      } else {
        into.ranges.insert(into.ranges.end(), found->ranges.begin(), found->ranges.end());
      }
      return std::optional<char32_t>();
    }
    auto code_point = escaped_code_point(letter, start, true);
    if (!code_point) return code_point.error();
    return std::optional<char32_t>(code_point.value());
  }

  Result<Node> bracket_class() {
    const size_t start = at_++;
    CharClass char_class;
    if (next_is('^')) {
      char_class.negated = true;
      ++at_;
    }
    while (true) {
      if (at_ >= source_.size()) return pattern_error(start, "Thiếu dấu ']'", "Missing ']'");
      if (source_[at_] == ']') {
        ++at_;
        break;
      }
      auto first = class_member(char_class);
      if (!first) return first.error();
      if (!first.value()) continue;
      const char32_t low = *first.value();
      if (next_is('-') && at_ + 1 < source_.size() && source_[at_ + 1] != ']') {
        const size_t dash = at_++;
        auto last = class_member(char_class);
        if (!last) return last.error();
        if (!last.value()) {
          return pattern_error(dash, "Khoảng ký tự không kết thúc bằng \\d, \\w hay \\s được",
                               "A range cannot end with \\d, \\w or \\s");
        }
        if (*last.value() < low) {
          return pattern_error(dash, "Khoảng ký tự ngược thứ tự", "Character range out of order");
        }
        char_class.ranges.emplace_back(low, *last.value());
      } else {
        char_class.ranges.emplace_back(low, low);
      }
    }
    return class_node(std::move(char_class));
  }

  std::u32string source_;
  size_t at_ = 0;
  std::vector<CharClass>& classes_;
};

// Emits the automaton of a tree; false when it grows past kMaxProgramSize.
class Emitter {
 public:
  explicit Emitter(std::vector<Instruction>& program) : program_(program) {}

  bool emit(const Node& node) {
    switch (node.kind) {
      case Node::Kind::sequence:
        for (const Node& child : node.children) {
          if (!emit(child)) return false;
        }
        return true;
      case Node::Kind::alternation:
        return emit_alternation(node);
      case Node::Kind::repeat:
        return emit_repeat(node);
      case Node::Kind::code_point:
        return add({Op::code_point, node.code_point, 0, 0}) >= 0;
      case Node::Kind::char_class:
        return add({Op::char_class, 0, node.char_class, 0}) >= 0;
      case Node::Kind::any:
        return add({Op::any, 0, 0, 0}) >= 0;
      case Node::Kind::start:
        return add({Op::assert_start, 0, 0, 0}) >= 0;
      case Node::Kind::end:
        return add({Op::assert_end, 0, 0, 0}) >= 0;
    }
    return false;
  }

  // Appends `instruction`; its index, or -1 when the program is full.
  int add(Instruction instruction) {
    if (program_.size() >= kMaxProgramSize) return -1;
    program_.push_back(instruction);
    return static_cast<int>(program_.size() - 1);
  }

 private:
  int here() const { return static_cast<int>(program_.size()); }

  // split(b0, rest); b0; jump end; rest: split(b1, rest'); b1; jump end; …; bn; end:
  bool emit_alternation(const Node& node) {
    std::vector<int> jumps;
    for (size_t i = 0; i + 1 < node.children.size(); ++i) {
      const int split = add({Op::split, 0, 0, 0});
      if (split < 0) return false;
      program_[split].target = here();
      if (!emit(node.children[i])) return false;
      const int jump = add({Op::jump, 0, 0, 0});
      if (jump < 0) return false;
      jumps.push_back(jump);
      program_[split].alternative = here();
    }
    if (!emit(node.children.back())) return false;
    for (int jump : jumps) program_[jump].target = here();
    return true;
  }

  // x{min}, then x* (loop: split(x, end); x; jump loop) or (max - min) × x?.
  bool emit_repeat(const Node& node) {
    const Node& child = node.children.front();
    for (int i = 0; i < node.min; ++i) {
      if (!emit(child)) return false;
    }
    if (node.max < 0) {
      const int loop = add({Op::split, 0, 0, 0});
      if (loop < 0) return false;
      program_[loop].target = here();
      if (!emit(child)) return false;
      if (add({Op::jump, 0, loop, 0}) < 0) return false;
      program_[loop].alternative = here();
      return true;
    }
    for (int i = node.min; i < node.max; ++i) {
      const int split = add({Op::split, 0, 0, 0});
      if (split < 0) return false;
      program_[split].target = here();
      if (!emit(child)) return false;
      program_[split].alternative = here();
    }
    return true;
  }

  std::vector<Instruction>& program_;
};

}  // namespace

bool Pattern::CharClass::contains(char32_t cp) const {
  const bool found = in_ranges(ranges, cp) || (not_digit && !in_ranges(digit_ranges(), cp)) ||
                     (not_word && !in_ranges(word_ranges(), cp)) ||
                     (not_space && !in_ranges(space_ranges(), cp));
  return found != negated;
}

Pattern::Pattern() = default;
Pattern::Pattern(Pattern&&) noexcept = default;
Pattern& Pattern::operator=(Pattern&&) noexcept = default;
Pattern::~Pattern() = default;

Result<Pattern> Pattern::compile(std::string_view source) {
  Pattern pattern;
  Parser parser(decode_utf8(source), pattern.classes_);
  auto tree = parser.parse();
  if (!tree) return tree.error();
  Emitter emitter(pattern.program_);
  if (!emitter.emit(tree.value()) || emitter.add({Op::match, 0, 0, 0}) < 0) {
    return pattern_error(0, "Mẫu quá phức tạp (quá nhiều bước)",
                         "The pattern is too complex (too many steps)");
  }
  return pattern;
}

bool Pattern::matches(std::string_view text) const {
  const std::u32string input = decode_utf8(text);
  // The states reached after each code point, in two lists of at most one
  // entry per step, and a stack of steps to follow (each step pushes at most
  // two): one buffer, sized once. `added[pc]` is the last position step `pc`
  // was reached at, so each step is followed once per position and empty
  // loops such as (a*)* end.
  const size_t steps = program_.size();
  std::vector<int> buffer(4 * steps + 2);
  int* current = buffer.data();
  int* next = current + steps;
  int* const pending = next + steps;
  size_t current_count = 0, next_count = 0;
  std::vector<size_t> added(steps, static_cast<size_t>(-1));
  auto follow = [&](int* into, size_t& count, int start, size_t position) {
    size_t depth = 0;
    pending[depth++] = start;
    while (depth > 0) {
      const int pc = pending[--depth];
      if (added[pc] == position) continue;
      added[pc] = position;
      const Instruction& step = program_[pc];
      switch (step.op) {
        case Op::jump:
          pending[depth++] = step.target;
          break;
        case Op::split:
          pending[depth++] = step.alternative;
          pending[depth++] = step.target;
          break;
        case Op::assert_start:
          if (position == 0) pending[depth++] = pc + 1;
          break;
        case Op::assert_end:
          if (position == input.size()) pending[depth++] = pc + 1;
          break;
        default:
          into[count++] = pc;
      }
    }
  };
  follow(current, current_count, 0, 0);
  for (size_t i = 0; i < input.size(); ++i) {
    const char32_t cp = input[i];
    next_count = 0;
    for (size_t k = 0; k < current_count; ++k) {
      const int pc = current[k];
      const Instruction& step = program_[pc];
      const bool accepts = (step.op == Op::code_point && step.code_point == cp) ||
                           (step.op == Op::char_class && classes_[step.target].contains(cp)) ||
                           (step.op == Op::any && !is_line_terminator(cp));
      if (accepts) follow(next, next_count, pc + 1, i + 1);
    }
    std::swap(current, next);
    current_count = next_count;
    if (current_count == 0) return false;
  }
  return std::any_of(current, current + current_count,
                     [&](int pc) { return program_[pc].op == Op::match; });
}

}  // namespace tokhai::core::expr
