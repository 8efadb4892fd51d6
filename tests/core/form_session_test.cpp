// Scenario tests of the form engine, one per feature a form author uses:
// relevant, required, constraint, calculate, repeat, prefill, choices,
// validators by field type, incremental re-evaluation, and load errors.
#include "core/form/form_session.h"

#include <catch2/catch.hpp>

using tokhai::core::CalendarDate;
using tokhai::core::FormDefinition;
using tokhai::core::FormSession;
using tokhai::core::load_form_definition;
using tokhai::core::Profile;
using tokhai::core::Severity;
using tokhai::core::expr::Value;

namespace {

// A small birth-registration-like form exercising every feature.
const char* kForm = R"json({
  "format": "tokhai-form/1",
  "id": "test.khai-sinh",
  "version": "1",
  "title": {"vi": "Tờ khai thử", "en": "Test form"},
  "legal_basis": {"vi": "Thử nghiệm"},
  "effective_date": "2024-07-22",
  "agency": {"code": "ubnd-xa", "name": {"vi": "UBND xã"}},
  "pages": [
    {"id": "nguoi-yeu-cau", "title": {"vi": "Người yêu cầu"}, "fields": [
      {"id": "requester_name", "type": "text", "label": {"vi": "Họ, chữ đệm, tên"},
       "required": true, "validator": "person_name", "prefill": "full_name"},
      {"id": "requester_id", "type": "personal_id", "label": {"vi": "Số định danh cá nhân"},
       "prefill": "personal_id"},
      {"id": "requester_residence", "type": "admin_unit", "label": {"vi": "Nơi cư trú"},
       "required": "requester_id = null",
       "hint": {"vi": "Chỉ ghi khi không có số định danh cá nhân"}},
      {"id": "relationship", "type": "single_choice", "label": {"vi": "Quan hệ"}, "required": true,
       "choices": [{"code": "cha", "label": {"vi": "Cha"}}, {"code": "me", "label": {"vi": "Mẹ"}},
                   {"code": "ban-than", "label": {"vi": "Bản thân"}}],
       "choice_filter": ". != 'ban-than' or years_between(child_dob, today()) >= 18"}
    ]},
    {"id": "tre", "title": {"vi": "Người được khai sinh"}, "fields": [
      {"id": "child_name", "type": "text", "label": {"vi": "Họ tên trẻ"}, "required": true},
      {"id": "child_dob", "type": "date", "label": {"vi": "Ngày sinh"}, "required": true,
       "constraints": [
         {"expression": ". <= today()", "code": "date.future",
          "message": {"vi": "Ngày sinh không được sau hôm nay.", "en": "Not after today."}},
         {"expression": "days_between(., today()) <= 60", "code": "birth.late_registration",
          "severity": "warning",
          "message": {"vi": "Đã quá 60 ngày kể từ ngày sinh.", "en": "More than 60 days."}}]},
      {"id": "child_sex", "type": "single_choice", "label": {"vi": "Giới tính"},
       "choices": [{"code": "nam", "label": {"vi": "Nam"}}, {"code": "nu", "label": {"vi": "Nữ"}}]},
      {"id": "child_id", "type": "personal_id", "label": {"vi": "Số định danh của trẻ"},
       "checks": {"date_of_birth": "child_dob", "sex": "child_sex"}},
      {"id": "age_days", "type": "integer", "label": {"vi": "Số ngày tuổi"},
       "calculate": "days_between(child_dob, today())"},
      {"id": "wants_copies", "type": "yes_no", "label": {"vi": "Đề nghị cấp bản sao"}},
      {"id": "copies", "type": "integer", "label": {"vi": "Số bản sao"},
       "relevant": "wants_copies", "required": true,
       "constraints": [{"expression": ". >= 1 and . <= 10",
                        "message": {"vi": "Từ 1 đến 10 bản.", "en": "From 1 to 10 copies."}}]},
      {"id": "members", "type": "repeat", "label": {"vi": "Thành viên"}, "max_rows": 3,
       "relevant": "relationship = 'cha' or relationship = 'me'", "fields": [
        {"id": "member_name", "type": "text", "label": {"vi": "Họ tên"}, "required": true},
        {"id": "member_dob", "type": "date", "label": {"vi": "Ngày sinh"}},
        {"id": "member_adult", "type": "yes_no", "label": {"vi": "Đủ 18 tuổi"},
         "calculate": "years_between(member_dob, today()) >= 18"}]},
      {"id": "member_count", "type": "integer", "label": {"vi": "Số thành viên"},
       "calculate": "count(members)"},
      {"id": "agree", "type": "declaration", "label": {"vi": "Cam đoan"}, "required": true,
       "text": {"vi": "Tôi cam đoan những nội dung khai trên đây là đúng sự thật."}}
    ]}
  ]
})json";

const CalendarDate kToday{2026, 11, 21};

FormDefinition load(const std::string& text = kForm) {
  auto form = load_form_definition(text, "test.json");
  if (!form) FAIL(form.error().where << ": " << form.error().message.en);
  return std::move(form).value();
}

std::vector<std::string> codes(const FormSession& session, const std::string& field, int row = -1) {
  std::vector<std::string> found;
  for (const auto& issue : session.state(field, row).issues) found.push_back(issue.code);
  return found;
}

std::string load_error(const std::string& from, const std::string& to) {
  std::string text = kForm;
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  auto form = load_form_definition(text, "test.json");
  return form ? "ok" : form.error().code + " @" + form.error().where;
}

}  // namespace

TEST_CASE("required: an unanswered required field is an error until answered") {
  const auto form = load();
  FormSession session(form, kToday);
  CHECK(codes(session, "child_name") == std::vector<std::string>{"required"});
  CHECK_FALSE(session.valid());
  REQUIRE(session.set_answer("child_name", -1, "Nguyễn Văn An"));
  CHECK(codes(session, "child_name").empty());
}

TEST_CASE("required can depend on other answers") {
  const auto form = load();
  FormSession session(form, kToday);
  CHECK(session.state("requester_residence").required);
  REQUIRE(session.set_answer("requester_id", -1, "025188001010"));
  CHECK_FALSE(session.state("requester_residence").required);
  CHECK(codes(session, "requester_residence").empty());
}

TEST_CASE("relevant: a hidden question asks nothing and its issues do not count") {
  const auto form = load();
  FormSession session(form, kToday);
  CHECK_FALSE(session.state("copies").relevant);
  CHECK(session.state("copies").issues.empty());
  REQUIRE(session.set_answer("wants_copies", -1, true));
  CHECK(session.state("copies").relevant);
  CHECK(codes(session, "copies") == std::vector<std::string>{"required"});
  REQUIRE(session.set_answer("copies", -1, "12"));
  CHECK(codes(session, "copies") == std::vector<std::string>{"constraint"});
  REQUIRE(session.set_answer("wants_copies", -1, false));
  CHECK_FALSE(session.state("copies").relevant);
  for (const auto& [path, issue] : session.issues()) CHECK(path != "copies");
}

TEST_CASE("constraints: errors block, warnings inform") {
  const auto form = load();
  FormSession session(form, kToday);
  REQUIRE(session.set_answer("child_dob", -1, "15/03/2027"));
  CHECK(codes(session, "child_dob") == std::vector<std::string>{"date.future"});
  REQUIRE(session.set_answer("child_dob", -1, "2026-03-15"));
  const auto& issues = session.state("child_dob").issues;
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].code == "birth.late_registration");
  CHECK(issues[0].severity == Severity::warning);
  REQUIRE(session.set_answer("child_dob", -1, "20/11/2026"));
  CHECK(session.state("child_dob").issues.empty());
}

TEST_CASE("a date typed wrongly is kept as typed and reported") {
  const auto form = load();
  FormSession session(form, kToday);
  REQUIRE(session.set_answer("child_dob", -1, "31/02/2026"));
  CHECK(session.answer("child_dob") == Value("31/02/2026"));
  CHECK(codes(session, "child_dob") == std::vector<std::string>{"date.format"});
}

TEST_CASE("calculate: values follow what they read and cannot be typed over") {
  const auto form = load();
  FormSession session(form, kToday);
  CHECK(session.answer("age_days").is_null());
  REQUIRE(session.set_answer("child_dob", -1, "2026-11-01"));
  CHECK(session.answer("age_days") == Value(20));
  CHECK(session.state("age_days").readonly);
  auto typed = session.set_answer("age_days", -1, 3);
  REQUIRE_FALSE(typed);
  CHECK(typed.error().code == "answer.readonly");
}

TEST_CASE("repeat: rows are added and removed, row fields read their own row") {
  const auto form = load();
  FormSession session(form, kToday);
  REQUIRE(session.set_answer("relationship", -1, "me"));
  CHECK(session.answer("member_count") == Value(0));
  auto first = session.add_row("members");
  REQUIRE(first);
  auto second = session.add_row("members");
  REQUIRE(second);
  CHECK(session.answer("member_count") == Value(2));
  CHECK(codes(session, "member_name", 1) == std::vector<std::string>{"required"});
  REQUIRE(session.set_answer("member_dob", 0, "2000-01-01"));
  REQUIRE(session.set_answer("member_dob", 1, "2015-01-01"));
  CHECK(session.answer("member_adult", 0) == Value(true));
  CHECK(session.answer("member_adult", 1) == Value(false));
  REQUIRE(session.remove_row("members", 0));
  CHECK(session.answer("member_count") == Value(1));
  CHECK(session.answer("member_adult", 0) == Value(false));
  REQUIRE(session.add_row("members"));
  REQUIRE(session.add_row("members"));
  auto full = session.add_row("members");
  REQUIRE_FALSE(full);
  CHECK(full.error().code == "answer.rows");
}

TEST_CASE("a table's relevance hides its rows") {
  const auto form = load();
  FormSession session(form, kToday);
  REQUIRE(session.set_answer("relationship", -1, "me"));
  REQUIRE(session.add_row("members"));
  CHECK(session.state("member_name", 0).relevant);
  REQUIRE(session.set_answer("relationship", -1, "ban-than"));
  CHECK_FALSE(session.state("member_name", 0).relevant);
}

TEST_CASE("choice filters: a choice that does not apply is refused") {
  const auto form = load();
  FormSession session(form, kToday);
  REQUIRE(session.set_answer("child_dob", -1, "2026-11-01"));
  REQUIRE(session.set_answer("relationship", -1, "ban-than"));
  CHECK(codes(session, "relationship") == std::vector<std::string>{"choice.not_allowed"});
  REQUIRE(session.set_answer("relationship", -1, "con"));
  CHECK(codes(session, "relationship") == std::vector<std::string>{"choice.unknown"});
  REQUIRE(session.set_answer("child_dob", -1, "2000-01-01"));
  REQUIRE(session.set_answer("relationship", -1, "ban-than"));
  CHECK(codes(session, "relationship").empty());
}

TEST_CASE("the screens can ask which choices apply before one is picked") {
  const auto form = load();
  FormSession session(form, kToday);
  REQUIRE(session.set_answer("child_dob", -1, "2026-11-01"));
  CHECK(session.choice_allowed("relationship", -1, "me"));
  CHECK_FALSE(session.choice_allowed("relationship", -1, "ban-than"));
  REQUIRE(session.set_answer("child_dob", -1, "2000-01-01"));
  CHECK(session.choice_allowed("relationship", -1, "ban-than"));
  CHECK_FALSE(session.choice_allowed("no_such_field", -1, "me"));
}

TEST_CASE("personal ID: checked against the same person's date of birth and sex") {
  const auto form = load();
  FormSession session(form, kToday);
  REQUIRE(session.set_answer("child_id", -1, "001226012345"));  // Hà Nội, male, 2026
  CHECK(codes(session, "child_id").empty());
  REQUIRE(session.set_answer("child_dob", -1, "2025-12-30"));
  CHECK(codes(session, "child_id") == std::vector<std::string>{"cccd.birth_year"});
  REQUIRE(session.set_answer("child_dob", -1, "2026-11-01"));
  REQUIRE(session.set_answer("child_sex", -1, "nu"));
  CHECK(codes(session, "child_id") == std::vector<std::string>{"cccd.sex"});
  REQUIRE(session.set_answer("child_sex", -1, "nam"));
  CHECK(codes(session, "child_id").empty());
  REQUIRE(session.set_answer("child_id", -1, "12345"));
  CHECK(codes(session, "child_id") == std::vector<std::string>{"cccd.format"});
}

TEST_CASE("names: NFD input is stored as NFC, digits are refused") {
  const auto form = load();
  FormSession session(form, kToday);
  REQUIRE(
      session.set_answer("requester_name", -1, "Nguye\xCC\x82\xCC\x83n Thi\xCC\xA3 Hoa\xCC\x80"));
  CHECK(session.answer("requester_name") == Value("Nguyễn Thị Hoà"));
  CHECK(codes(session, "requester_name").empty());
  REQUIRE(session.set_answer("requester_name", -1, "Nguyễn Văn 3"));
  CHECK(codes(session, "requester_name") == std::vector<std::string>{"name.characters"});
}

TEST_CASE("prefill: data typed once fills unanswered fields, never overwrites") {
  const auto form = load();
  FormSession session(form, kToday);
  REQUIRE(session.set_answer("requester_id", -1, "001203012345"));
  session.prefill(
      Profile{{"full_name", Value("Trần Thị Mai")}, {"personal_id", Value("025188001010")}});
  CHECK(session.answer("requester_name") == Value("Trần Thị Mai"));
  CHECK(session.answer("requester_id") == Value("001203012345"));
}

TEST_CASE("a declaration must be ticked") {
  const auto form = load();
  FormSession session(form, kToday);
  CHECK(codes(session, "agree") == std::vector<std::string>{"required"});
  REQUIRE(session.set_answer("agree", -1, false));
  CHECK(codes(session, "agree") == std::vector<std::string>{"declaration.unchecked"});
  REQUIRE(session.set_answer("agree", -1, true));
  CHECK(codes(session, "agree").empty());
}

TEST_CASE("an answer change re-evaluates only what depends on it") {
  const auto form = load();
  FormSession session(form, kToday);
  const long before = session.evaluations();
  REQUIRE(session.set_answer("child_name", -1, "An"));
  CHECK(session.evaluations() - before == 1);  // nothing reads child_name
  const long before_copies = session.evaluations();
  REQUIRE(session.set_answer("wants_copies", -1, true));
  CHECK(session.evaluations() - before_copies == 2);  // itself and copies
}

TEST_CASE("answers round-trip through JSON") {
  const auto form = load();
  FormSession session(form, kToday);
  REQUIRE(session.set_answer("relationship", -1, "me"));
  REQUIRE(session.set_answer("child_dob", -1, "2026-11-01"));
  REQUIRE(session.add_row("members"));
  REQUIRE(session.set_answer("member_name", 0, "Lê Văn Ba"));
  const auto json = session.answers_json();
  CHECK(json["child_dob"] == "2026-11-01");
  CHECK(json["members"][0]["member_name"] == "Lê Văn Ba");
  CHECK_FALSE(json.contains("age_days"));  // calculated values are not answers

  FormSession again(form, kToday);
  REQUIRE(again.load_answers(json));
  CHECK(again.answers_json() == json);
  CHECK(again.answer("age_days") == Value(20));

  auto bad = again.load_answers(nlohmann::json{{"no_such_field", 1}});
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == "answer.unknown_field");
  CHECK(bad.error().where == "no_such_field");
}

TEST_CASE("load errors name the field and the position") {
  CHECK(load_error("\"calculate\": \"count(members)\"", "\"calculate\": \"count(member)\"") ==
        "expr.unknown_name @test.json: field member_count, calculate, column 7");
  CHECK(load_error("\"relevant\": \"wants_copies\"", "\"relevant\": \"wants_copies + 1\"") ==
        "expr.type @test.json: field copies, relevant, column 14");
  CHECK(load_error("\"type\": \"personal_id\", \"label\": {\"vi\": \"Số định danh cá nhân\"}",
                   "\"type\": \"cccd\", \"label\": {\"vi\": \"Số định danh cá nhân\"}") ==
        "form.field_type @test.json: field requester_id");
  CHECK(load_error("\"id\": \"child_name\"", "\"id\": \"child_dob\"") ==
        "form.duplicate_field @test.json: field child_dob");
  CHECK(load_error("\"max_rows\": 3", "\"max_row\": 3") ==
        "form.unknown_property @test.json: field members");
  CHECK(load_error("\"calculate\": \"days_between(child_dob, today())\"",
                   "\"calculate\": \"days_between(child_dob, today()) + member_count\"") == "ok");
}

TEST_CASE("calculations that read each other in a circle are a load error") {
  CHECK(load_error("\"calculate\": \"count(members)\"", "\"calculate\": \"age_days\"")
            .rfind("ok", 0) == 0);
  std::string cyclic = load_error("\"calculate\": \"days_between(child_dob, today())\"",
                                  "\"calculate\": \"member_count + 1\"");
  CHECK(cyclic == "ok");  // age_days → member_count only: no cycle yet
  std::string text = kForm;
  text.replace(text.find("\"calculate\": \"days_between(child_dob, today())\""),
               std::string("\"calculate\": \"days_between(child_dob, today())\"").size(),
               "\"calculate\": \"member_count + 1\"");
  text.replace(text.find("\"calculate\": \"count(members)\""),
               std::string("\"calculate\": \"count(members)\"").size(),
               "\"calculate\": \"age_days + 1\"");
  auto form = load_form_definition(text, "test.json");
  REQUIRE_FALSE(form);
  CHECK(form.error().code == "form.cycle");
  CHECK(form.error().message.en.find("age_days") != std::string::npos);
  CHECK(form.error().message.en.find("member_count") != std::string::npos);
}

TEST_CASE("attachments: the answer is the pages' photo ids, at most max_pages of them") {
  const std::string text = R"json({
    "format": "tokhai-form/1", "id": "test.photos", "version": "1",
    "title": {"vi": "Ảnh"}, "legal_basis": {"vi": "Thử"}, "effective_date": "2024-07-22",
    "agency": {"code": "ubnd-xa", "name": {"vi": "UBND xã"}},
    "pages": [{"id": "p", "title": {"vi": "Giấy tờ"}, "fields": [
      {"id": "notice", "type": "attachment", "label": {"vi": "Giấy chứng sinh"},
       "required": true, "max_pages": 2},
      {"id": "other", "type": "attachment", "label": {"vi": "Giấy tờ khác"}},
      {"id": "has_notice", "type": "yes_no", "label": {"vi": "Có giấy"},
       "relevant": "count_selected(notice) >= 1"}
    ]}]})json";
  const auto form = load(text);
  CHECK(form.field("notice")->page_limit() == 2);
  CHECK(form.field("other")->page_limit() == tokhai::core::FieldDefinition::kDefaultMaxPages);
  FormSession session(form, kToday);
  CHECK(codes(session, "notice") == std::vector<std::string>{"required"});
  REQUIRE(session.set_answer("notice", -1, Value(std::vector<std::string>{"p1", "p2"})));
  CHECK(codes(session, "notice").empty());
  CHECK(session.state("has_notice").relevant);
  REQUIRE(session.set_answer("notice", -1, Value(std::vector<std::string>{"p1", "p2", "p3"})));
  CHECK(codes(session, "notice") == std::vector<std::string>{"attachment.too_many"});
  // A draft keeps the ids as a list.
  REQUIRE(session.set_answer("notice", -1, Value(std::vector<std::string>{"p1"})));
  CHECK(session.answers_json()["notice"] == nlohmann::json::array({"p1"}));
  FormSession again(form, kToday);
  REQUIRE(again.load_answers(session.answers_json()));
  CHECK(again.answer("notice") == Value(std::vector<std::string>{"p1"}));

  // max_pages belongs to attachments, and has a ceiling.
  std::string wrong = text;
  wrong.replace(wrong.find("\"relevant\""), 0, "\"max_pages\": 2, ");
  CHECK(load_form_definition(wrong, "test.json").error().code == "form.pages");
  std::string huge = text;
  huge.replace(huge.find("\"max_pages\": 2"), 14, "\"max_pages\": 21");
  CHECK(load_form_definition(huge, "test.json").error().code == "form.pages");
}
