// The expression language as form authors use it: parsing with positions,
// load-time checks, and evaluation with unanswered values.
#include "core/expr/expression.h"

#include <catch2/catch.hpp>
#include <map>

using tokhai::core::CalendarDate;
using tokhai::core::expr::EvaluationContext;
using tokhai::core::expr::Expression;
using tokhai::core::expr::NameInfo;
using tokhai::core::expr::Type;
using tokhai::core::expr::Value;

namespace {

// A small form: top-level fields and a "residence" table with two columns.
std::optional<NameInfo> resolve(std::string_view name, std::string_view scope) {
  static const std::map<std::string, NameInfo, std::less<>> kFields = {
      {"child_name", {Type::text, ""}},       {"child_dob", {Type::date, ""}},
      {"copies", {Type::number, ""}},         {"wants_copies", {Type::boolean, ""}},
      {"relationship", {Type::text, ""}},     {"benefits", {Type::list, ""}},
      {"residence", {Type::rows, ""}},        {"from_date", {Type::date, "residence"}},
      {"to_date", {Type::date, "residence"}}, {"address", {Type::text, "residence"}},
  };
  (void)scope;
  auto it = kFields.find(name);
  if (it == kFields.end()) return std::nullopt;
  return it->second;
}

struct Answers final : EvaluationContext {
  std::map<std::string, Value, std::less<>> top;
  std::vector<std::map<std::string, Value, std::less<>>> rows;
  Value self_value;
  CalendarDate today_date{2026, 11, 21};
  int row = -1;

  Value field(std::string_view name, int r) const override {
    if (r >= 0) {
      auto it = rows.at(static_cast<size_t>(r)).find(name);
      return it == rows.at(static_cast<size_t>(r)).end() ? Value() : it->second;
    }
    auto it = top.find(name);
    return it == top.end() ? Value() : it->second;
  }
  int row_count(std::string_view) const override { return static_cast<int>(rows.size()); }
  Value self() const override { return self_value; }
  CalendarDate today() const override { return today_date; }
  int current_row() const override { return row; }
};

Expression checked(std::string_view source, std::string_view scope = "",
                   Type self_type = Type::text) {
  auto parsed = Expression::parse(source);
  INFO(source);
  if (!parsed) FAIL(parsed.error().message.en);
  auto expression = std::move(parsed).value();
  auto check = expression.check(resolve, scope, self_type);
  if (!check) FAIL(check.error().message.en);
  return expression;
}

std::string load_error(std::string_view source, std::string_view scope = "") {
  auto parsed = Expression::parse(source);
  if (!parsed) return parsed.error().code + " @" + parsed.error().where;
  auto expression = std::move(parsed).value();
  auto check = expression.check(resolve, scope, Type::text);
  return check ? "ok" : check.error().code + " @" + check.error().where;
}

}  // namespace

TEST_CASE("relevance reads other answers") {
  auto expression = checked("relationship = 'cha' or relationship = 'me'");
  CHECK(expression.result_type() == Type::boolean);
  CHECK(expression.references() == std::vector<std::string>{"relationship"});
  Answers answers;
  CHECK(expression.evaluate(answers) == Value(false));
  answers.top["relationship"] = "me";
  CHECK(expression.evaluate(answers) == Value(true));
}

TEST_CASE("precedence: and binds tighter than or, arithmetic tighter than comparison") {
  Answers answers;
  CHECK(checked("1 + 2 * 3 = 7").evaluate(answers) == Value(true));
  CHECK(checked("(1 + 2) * 3 = 9").evaluate(answers) == Value(true));
  CHECK(checked("true or false and false").evaluate(answers) == Value(true));
  CHECK(checked("not 1 = 2").evaluate(answers) == Value(true));
  CHECK(checked("-2 * 3 = -6").evaluate(answers) == Value(true));
  CHECK(checked("7 / 2 = 3.5").evaluate(answers) == Value(true));
}

TEST_CASE("unanswered values: arithmetic is null, comparisons are false, = null asks") {
  Answers answers;
  CHECK(checked("copies + 1").evaluate(answers).is_null());
  CHECK(checked("copies > 0").evaluate(answers) == Value(false));
  CHECK(checked("copies <= 0").evaluate(answers) == Value(false));
  CHECK(checked("copies = null").evaluate(answers) == Value(true));
  CHECK(checked("child_name != null").evaluate(answers) == Value(false));
  answers.top["child_name"] = "";
  CHECK(checked("child_name = null").evaluate(answers) == Value(true));
  answers.top["copies"] = 2;
  CHECK(checked("copies = null").evaluate(answers) == Value(false));
  CHECK(checked("copies * 5000").evaluate(answers) == Value(10000));
  CHECK(checked("copies / 0").evaluate(answers).is_null());
}

TEST_CASE("dates: ages in days, months and years, and date arithmetic") {
  Answers answers;
  answers.top["child_dob"] = CalendarDate{2020, 3, 15};
  answers.today_date = CalendarDate{2026, 3, 14};
  CHECK(checked("months_between(child_dob, today())").evaluate(answers) == Value(71));
  CHECK(checked("years_between(child_dob, today())").evaluate(answers) == Value(5));
  CHECK(checked("months_between(child_dob, today()) < 72").evaluate(answers) == Value(true));
  answers.today_date = CalendarDate{2026, 3, 15};
  CHECK(checked("years_between(child_dob, today())").evaluate(answers) == Value(6));
  CHECK(checked("days_between(child_dob, add_days(child_dob, 60))").evaluate(answers) == Value(60));
  CHECK(checked("add_years(child_dob, 14)").evaluate(answers) == Value(CalendarDate{2034, 3, 15}));
  CHECK(checked("child_dob <= today()").evaluate(answers) == Value(true));
  CHECK(checked("year(child_dob) = 2020 and month(child_dob) = 3 and day(child_dob) = 15")
            .evaluate(answers) == Value(true));
  CHECK(checked("today()").reads_today());
}

TEST_CASE("text functions count characters, not bytes, and match patterns") {
  Answers answers;
  answers.self_value = "Nguyễn Thị Hoà";
  CHECK(checked("length(.)").evaluate(answers) == Value(14));
  CHECK(checked("length(.) <= 100").reads_self());
  CHECK(checked("matches(., '[^0-9]+')").evaluate(answers) == Value(true));
  answers.self_value = "Lê Văn 3";
  CHECK(checked("matches(., '[^0-9]+')").evaluate(answers) == Value(false));
  CHECK(checked("contains(., 'Văn')").evaluate(answers) == Value(true));
  CHECK(checked("concat('Số bản: ', 3)").evaluate(answers) == Value("Số bản: 3"));
}

TEST_CASE("if, coalesce, min, max and round") {
  Answers answers;
  CHECK(checked("if(wants_copies, copies, 0)").evaluate(answers) == Value(0));
  answers.top["wants_copies"] = true;
  answers.top["copies"] = 3;
  CHECK(checked("if(wants_copies, copies, 0)").evaluate(answers) == Value(3));
  CHECK(checked("coalesce(child_name, 'chưa đặt tên')").evaluate(answers) == Value("chưa đặt tên"));
  CHECK(checked("max(copies - 2, 0) * 5000").evaluate(answers) == Value(5000));
  CHECK(checked("min(copies, 2)").evaluate(answers) == Value(2));
  CHECK(checked("round(2.345, 2)").evaluate(answers) == Value(2.35));
}

TEST_CASE("multiple choices are asked with selected and count_selected") {
  Answers answers;
  answers.top["benefits"] = std::vector<std::string>{"mai-tang-phi", "tro-cap"};
  CHECK(checked("selected(benefits, 'tro-cap')").evaluate(answers) == Value(true));
  CHECK(checked("selected(benefits, 'khac')").evaluate(answers) == Value(false));
  CHECK(checked("count_selected(benefits)").evaluate(answers) == Value(2));
}

TEST_CASE("tables: count, every and any read each row") {
  Answers answers;
  CHECK(checked("count(residence)").evaluate(answers) == Value(0));
  CHECK(checked("every(residence, answered(address))").evaluate(answers) == Value(true));
  CHECK(checked("any(residence, answered(address))").evaluate(answers) == Value(false));
  answers.rows = {{{"address", "Vĩnh Tường"}}, {{"address", ""}}};
  CHECK(checked("count(residence) >= 2").evaluate(answers) == Value(true));
  CHECK(checked("every(residence, answered(address))").evaluate(answers) == Value(false));
  CHECK(checked("any(residence, answered(address))").evaluate(answers) == Value(true));
}

TEST_CASE("a row's own fields are read in that row") {
  auto expression = checked("to_date = null or from_date <= to_date", "residence", Type::date);
  Answers answers;
  answers.rows = {{{"from_date", CalendarDate{2010, 1, 1}}, {"to_date", CalendarDate{2009, 1, 1}}},
                  {{"from_date", CalendarDate{2010, 1, 1}}}};
  answers.row = 0;
  CHECK(expression.evaluate(answers) == Value(false));
  answers.row = 1;
  CHECK(expression.evaluate(answers) == Value(true));
}

TEST_CASE("residence history must cover every day from age 14 to today") {
  auto expression =
      checked("periods_cover(residence, from_date, to_date, add_years(child_dob, 14), today())");
  Answers answers;
  answers.top["child_dob"] = CalendarDate{1990, 5, 10};
  answers.today_date = CalendarDate{2026, 11, 21};
  answers.rows = {
      {{"from_date", CalendarDate{2004, 5, 10}}, {"to_date", CalendarDate{2015, 12, 31}}},
      {{"from_date", CalendarDate{2016, 1, 1}}}};
  CHECK(expression.evaluate(answers) == Value(true));
  answers.rows[1]["from_date"] = CalendarDate{2016, 2, 1};  // January 2016 missing
  CHECK(expression.evaluate(answers) == Value(false));
  answers.rows[1]["from_date"] = CalendarDate{2016, 1, 1};
  answers.rows[0]["from_date"] = CalendarDate{2005, 1, 1};  // starts after age 14
  CHECK(expression.evaluate(answers) == Value(false));
  answers.rows = {};
  CHECK(expression.evaluate(answers) == Value(false));
}

TEST_CASE("load errors name the problem and the column") {
  CHECK(load_error("child_name = 'x") == "expr.syntax @column 14");
  CHECK(load_error("1 +") == "expr.syntax @column 4");
  CHECK(load_error("(1 + 2") == "expr.syntax @column 1");
  CHECK(load_error("1 < 2 < 3") == "expr.syntax @column 7");
  CHECK(load_error("a ? b") == "expr.syntax @column 3");
  CHECK(load_error("chlid_name = 'x'") == "expr.unknown_name @column 1");
  CHECK(load_error("lenght(child_name)") == "expr.unknown_function @column 1");
  CHECK(load_error("length(child_name, 2)") == "expr.arity @column 1");
  CHECK(load_error("copies + child_name") == "expr.type @column 8");
  CHECK(load_error("child_dob = 'x'") == "expr.type @column 11");
  CHECK(load_error("length(copies)") == "expr.type @column 8");
  CHECK(load_error("matches(child_name, '[')") == "expr.regex @column 21");
  CHECK(load_error("matches(child_name, relationship)") == "expr.type @column 21");
  CHECK(load_error("address = 'x'") == "expr.row_field @column 1");
  CHECK(load_error("address = 'x'", "residence") == "ok");
  CHECK(load_error("count(child_name)") == "expr.type @column 7");
  CHECK(load_error("if(true, 1, 'a')") == "expr.type @column 1");
  CHECK(load_error("'Hà Nội' = 1") == "expr.type @column 10");  // columns count characters
}

TEST_CASE("pathological input is refused, not recursed into") {
  std::string deep(500, '(');
  deep += "1";
  deep += std::string(500, ')');
  CHECK(load_error(deep) == "expr.syntax @column 66");
  CHECK(load_error(std::string(5000, '1')) == "expr.syntax @column 1");
}

TEST_CASE("a date is read in Vietnamese words for the birth certificate") {
  Answers answers;
  answers.top["child_dob"] = CalendarDate{2026, 3, 15};
  CHECK(checked("date_in_words(child_dob)").evaluate(answers) ==
        Value("ngày mười lăm tháng ba năm hai nghìn hai mươi sáu"));
}
