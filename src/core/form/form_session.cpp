// Answers, states and incremental re-evaluation (see form_session.h).
#include "core/form/form_session.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <set>

#include "core/text/unicode.h"
#include "core/validators/answer_text.h"
#include "core/validators/dates.h"
#include "core/validators/email.h"
#include "core/validators/health_insurance.h"
#include "core/validators/person_name.h"
#include "core/validators/personal_id.h"
#include "core/validators/phone.h"

namespace tokhai::core {
namespace {

using expr::Value;

Error answer_error(std::string code, std::string where, std::string vi, std::string en) {
  return Error{std::move(code), LocalizedText{std::move(vi), std::move(en)}, std::move(where)};
}

Issue issue(std::string code, std::string vi, std::string en, Severity severity = Severity::error) {
  return Issue{std::move(code), LocalizedText{std::move(vi), std::move(en)}, severity};
}

std::string path_of(const FieldDefinition& field, int row) {
  if (row < 0) return field.id;
  return field.group + "[" + std::to_string(row) + "]." + field.id;
}

int default_max_length(FieldType type) {
  switch (type) {
    case FieldType::multiline:
      return 2000;
    case FieldType::email:
      return 254;
    default:
      return 200;
  }
}

bool is_time(const std::string& text) {
  if (text.size() != 5 || text[2] != ':') return false;
  for (size_t i : {0u, 1u, 3u, 4u}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  return hours < 24 && minutes < 60;
}

}  // namespace

bool FieldState::has_errors() const {
  return std::any_of(issues.begin(), issues.end(),
                     [](const Issue& i) { return i.severity == Severity::error; });
}

// What expressions read: answers of this session, as seen from one cell.
class FormSession::Context final : public expr::EvaluationContext {
 public:
  Context(const FormSession& session, int row, Value self)
      : session_(session), row_(row), self_(std::move(self)) {}

  Value field(std::string_view name, int row) const override {
    const int index = session_.form_.field_index.find(name)->second;
    const FieldDefinition& field = session_.form_.fields[index];
    if (field.group.empty()) return session_.top_[index].value;
    const int group = session_.form_.field_index.find(field.group)->second;
    const auto& rows = session_.rows_.at(group);
    if (row < 0 || row >= static_cast<int>(rows.size())) return Value();
    return rows[row][session_.row_position_[index]].value;
  }
  int row_count(std::string_view group) const override { return session_.row_count(group); }
  Value self() const override { return self_; }
  CalendarDate today() const override { return session_.today_; }
  int current_row() const override { return row_; }

 private:
  const FormSession& session_;
  int row_;
  Value self_;
};

bool FormSession::choice_allowed(std::string_view field, int row, std::string_view code) const {
  const FieldDefinition* definition = form_.field(field);
  if (definition == nullptr) return false;
  if (!definition->choice_filter) return true;
  const Context context(*this, row, Value(std::string(code)));
  return definition->choice_filter->evaluate(context).truthy();
}

FormSession::FormSession(const FormDefinition& form, CalendarDate today, const ReferenceData* data)
    : form_(form),
      today_(today),
      data_(data),
      top_(form.fields.size()),
      row_position_(form.fields.size(), -1) {
  for (size_t i = 0; i < form_.fields.size(); ++i) {
    const FieldDefinition& field = form_.fields[i];
    if (field.type == FieldType::repeat) {
      rows_[static_cast<int>(i)] = {};
      for (size_t p = 0; p < field.row_fields.size(); ++p) {
        row_position_[field.row_fields[p]] = static_cast<int>(p);
      }
    } else if (field.group.empty() && field.default_value) {
      top_[i].value = *field.default_value;
    }
  }
  for (const auto& [group, rows] : rows_) {
    for (int r = 0; r < form_.fields[group].min_rows; ++r) {
      rows_[group].emplace_back(form_.fields[group].row_fields.size());
    }
  }
  evaluate_all();
}

int FormSession::group_of(int field) const {
  const std::string& group = form_.fields[field].group;
  return group.empty() ? -1 : form_.field_index.find(group)->second;
}

FormSession::Cell& FormSession::cell(int field, int row) {
  const int group = group_of(field);
  if (group < 0) return top_[field];
  return rows_.at(group).at(row).at(row_position_[field]);
}

const FormSession::Cell& FormSession::cell(int field, int row) const {
  return const_cast<FormSession*>(this)->cell(field, row);
}

int FormSession::row_count(std::string_view group) const {
  auto it = form_.field_index.find(group);
  if (it == form_.field_index.end()) return 0;
  auto rows = rows_.find(it->second);
  return rows == rows_.end() ? 0 : static_cast<int>(rows->second.size());
}

Value FormSession::coerce(const FieldDefinition& field, Value value) const {
  if (!value.is_text()) return value;
  std::string text = to_nfc(value.text());
  switch (field.type) {
    case FieldType::date: {
      if (auto iso = parse_iso_date(text)) return *iso;
      if (auto display = parse_display_date(text)) return *display;
      return text;
    }
    case FieldType::integer:
    case FieldType::decimal: {
      std::string trimmed(trim_ascii_space(text));
      std::replace(trimmed.begin(), trimmed.end(), ',', '.');  // 2,5 is how people write 2.5
      char* end = nullptr;
      const double number = std::strtod(trimmed.c_str(), &end);
      if (!trimmed.empty() && end == trimmed.c_str() + trimmed.size() && std::isfinite(number)) {
        return number;
      }
      return text;
    }
    default:
      return text;
  }
}

Result<Done> FormSession::set_answer(std::string_view field_id, int row, Value value) {
  auto it = form_.field_index.find(field_id);
  if (it == form_.field_index.end()) {
    return answer_error("answer.unknown_field", std::string(field_id),
                        "Biểu mẫu không có trường này.", "The form has no such field.");
  }
  const int index = it->second;
  const FieldDefinition& field = form_.fields[index];
  const int group = group_of(index);
  if (field.type == FieldType::repeat || field.type == FieldType::note) {
    return answer_error("answer.type", field.id, "Trường này không nhận câu trả lời.",
                        "This field takes no answer.");
  }
  if ((group < 0) != (row < 0) || (group >= 0 && row >= static_cast<int>(rows_.at(group).size()))) {
    return answer_error("answer.row", field.id, "Dòng của bảng không tồn tại.",
                        "That row of the table does not exist.");
  }
  if (field.calculate) {
    return answer_error("answer.readonly", field.id, "Trường này được tính tự động.",
                        "This field is calculated automatically.");
  }
  value = coerce(field, std::move(value));
  const expr::Type want = value_type(field.type);
  const bool shape_ok = value.is_null() || value.is_text() ||
                        (want == expr::Type::number && value.is_number()) ||
                        (want == expr::Type::date && value.is_date()) ||
                        (want == expr::Type::boolean && value.is_boolean()) ||
                        (want == expr::Type::list && value.is_list());
  if (!shape_ok || (value.is_text() && want == expr::Type::boolean) ||
      (value.is_text() && want == expr::Type::list)) {
    return answer_error("answer.type", field.id,
                        std::string("Câu trả lời phải có kiểu ") + expr::type_name(want) + ".",
                        std::string("The answer must be a ") + expr::type_name(want) + ".");
  }
  Cell& target = cell(index, row);
  if (target.value == value) return Done{};
  target.value = std::move(value);
  propagate(index, row);
  return Done{};
}

Result<Done> FormSession::clear_answer(std::string_view field, int row) {
  return set_answer(field, row, Value());
}

Result<int> FormSession::add_row(std::string_view group_id) {
  auto it = form_.field_index.find(group_id);
  if (it == form_.field_index.end() || form_.fields[it->second].type != FieldType::repeat) {
    return answer_error("answer.unknown_field", std::string(group_id),
                        "Biểu mẫu không có bảng này.", "The form has no such table.");
  }
  const FieldDefinition& group = form_.fields[it->second];
  auto& rows = rows_.at(it->second);
  if (group.max_rows > 0 && static_cast<int>(rows.size()) >= group.max_rows) {
    return answer_error("answer.rows", group.id,
                        "Bảng đã đủ " + std::to_string(group.max_rows) + " dòng.",
                        "The table already has " + std::to_string(group.max_rows) + " rows.");
  }
  rows.emplace_back(group.row_fields.size());
  const int row = static_cast<int>(rows.size()) - 1;
  for (int child : group.row_fields) {
    if (form_.fields[child].default_value)
      cell(child, row).value = *form_.fields[child].default_value;
  }
  for (int child : group.row_fields) evaluate(child, row);
  propagate(it->second, -1);
  return row;
}

Result<Done> FormSession::remove_row(std::string_view group_id, int row) {
  auto it = form_.field_index.find(group_id);
  if (it == form_.field_index.end() || form_.fields[it->second].type != FieldType::repeat) {
    return answer_error("answer.unknown_field", std::string(group_id),
                        "Biểu mẫu không có bảng này.", "The form has no such table.");
  }
  auto& rows = rows_.at(it->second);
  if (row < 0 || row >= static_cast<int>(rows.size())) {
    return answer_error("answer.row", std::string(group_id), "Dòng của bảng không tồn tại.",
                        "That row of the table does not exist.");
  }
  rows.erase(rows.begin() + row);
  // Row fields of later rows may read their row number (through aggregates):
  // re-evaluate the table's dependents and every remaining row.
  propagate(it->second, -1);
  return Done{};
}

Value FormSession::answer(std::string_view field, int row) const {
  auto it = form_.field_index.find(field);
  if (it == form_.field_index.end()) return Value();
  const int group = group_of(it->second);
  if (group >= 0 && (row < 0 || row >= static_cast<int>(rows_.at(group).size()))) return Value();
  return cell(it->second, group >= 0 ? row : -1).value;
}

const FieldState& FormSession::state(std::string_view field, int row) const {
  static const FieldState kUnknown{false, false, false, {}};
  auto it = form_.field_index.find(field);
  if (it == form_.field_index.end()) return kUnknown;
  const int group = group_of(it->second);
  if (group >= 0 && (row < 0 || row >= static_cast<int>(rows_.at(group).size()))) return kUnknown;
  return cell(it->second, group >= 0 ? row : -1).state;
}

void FormSession::prefill(const Profile& profile) {
  for (size_t i = 0; i < form_.fields.size(); ++i) {
    const FieldDefinition& field = form_.fields[i];
    if (field.prefill.empty() || !field.group.empty() || top_[i].value.is_answered()) continue;
    auto it = profile.find(field.prefill);
    if (it == profile.end()) continue;
    (void)set_answer(field.id, -1, it->second);  // a profile value of the wrong shape is skipped
  }
}

bool FormSession::evaluate(int index, int row) {
  ++evaluations_;
  const FieldDefinition& field = form_.fields[index];
  Cell& target = cell(index, row);
  const Context context(*this, row, target.value);
  FieldState state;
  state.relevant = !field.relevant || field.relevant->evaluate(context).truthy();
  if (const int group = group_of(index); group >= 0) {
    state.relevant = state.relevant && top_[group].state.relevant;
  }
  state.required =
      field.required || (field.required_when && field.required_when->evaluate(context).truthy());
  state.readonly = field.readonly || field.calculate.has_value() ||
                   (field.readonly_when && field.readonly_when->evaluate(context).truthy());
  bool changed = false;
  if (field.calculate) {
    Value value = state.relevant ? field.calculate->evaluate(context) : Value();
    if (!(value == target.value)) {
      target.value = std::move(value);
      changed = true;
    }
  }
  if (state.relevant) state.issues = validate(field, row, target);
  target.state = std::move(state);
  return changed;
}

void FormSession::propagate(int field, int row) {
  // Work list of cells to re-evaluate; row -1 for top-level cells, and
  // kAllRows for every row of a row field.
  constexpr int kAllRows = -2;
  std::deque<std::pair<int, int>> pending;
  std::set<std::pair<int, int>> queued;
  auto push = [&](int index, int at_row) {
    if (queued.insert({index, at_row}).second) pending.emplace_back(index, at_row);
  };
  auto push_dependents = [&](int source, int source_row) {
    for (int dependent : form_.dependents[source]) {
      const int dependent_group = group_of(dependent);
      if (dependent_group < 0) {
        push(dependent, -1);
      } else if (source_row >= 0 && dependent_group == group_of(source)) {
        push(dependent, source_row);  // a field of the same row
      } else {
        push(dependent, kAllRows);
      }
    }
  };
  evaluate(field, row < 0 && group_of(field) >= 0 ? 0 : row);
  push_dependents(field, row);
  while (!pending.empty()) {
    auto [index, at_row] = pending.front();
    pending.pop_front();
    queued.erase({index, at_row});
    if (at_row == kAllRows) {
      const int rows = static_cast<int>(rows_.at(group_of(index)).size());
      bool any_changed = false;
      for (int r = 0; r < rows; ++r) any_changed = evaluate(index, r) || any_changed;
      if (any_changed) push_dependents(index, -1);
      continue;
    }
    if (evaluate(index, at_row)) push_dependents(index, at_row);
    // A table's relevance decides its rows' relevance.
    if (form_.fields[index].type == FieldType::repeat) {
      for (int child : form_.fields[index].row_fields) push(child, kAllRows);
    }
  }
}

void FormSession::evaluate_all() {
  // Calculations first, in dependency order, then every state.
  for (int index : form_.calculation_order) {
    const int group = group_of(index);
    if (group < 0) {
      evaluate(index, -1);
    } else {
      for (int r = 0; r < static_cast<int>(rows_.at(group).size()); ++r) evaluate(index, r);
    }
  }
  for (size_t i = 0; i < form_.fields.size(); ++i) {
    const int index = static_cast<int>(i);
    const int group = group_of(index);
    if (group < 0) {
      evaluate(index, -1);
    }
  }
  for (size_t i = 0; i < form_.fields.size(); ++i) {
    const int index = static_cast<int>(i);
    const int group = group_of(index);
    if (group >= 0) {
      for (int r = 0; r < static_cast<int>(rows_.at(group).size()); ++r) evaluate(index, r);
    }
  }
}

Issues FormSession::validate(const FieldDefinition& field, int row, const Cell& target) const {
  Issues issues;
  const Value& value = target.value;
  const FieldState& state = target.state;
  (void)state;
  if (field.type == FieldType::note) return issues;
  const Context context(*this, row, value);
  auto check_constraints = [&] {
    for (const Constraint& constraint : field.constraints) {
      const Value holds = constraint.expression.evaluate(context);
      if (holds.is_boolean() && !holds.boolean()) {
        issues.push_back(Issue{constraint.code, constraint.message, constraint.severity});
      }
    }
  };
  if (field.type == FieldType::repeat) {
    const int rows = row_count(field.id);
    if (rows < field.min_rows) {
      issues.push_back(issue("rows.too_few",
                             "Cần ít nhất " + std::to_string(field.min_rows) + " dòng.",
                             "At least " + std::to_string(field.min_rows) + " rows are needed."));
    }
    check_constraints();  // rules about the table as a whole (e.g. periods_cover)
    return issues;
  }
  const bool required =
      field.required || (field.required_when && field.required_when->evaluate(context).truthy());
  if (!value.is_answered()) {
    if (required) {
      issues.push_back(issue("required", "Cần trả lời câu này.", "This question needs an answer."));
    }
    return issues;
  }
  auto append = [&](Issues more) {
    issues.insert(issues.end(), std::make_move_iterator(more.begin()),
                  std::make_move_iterator(more.end()));
  };
  const std::string text = value.is_text() ? value.text() : std::string();
  switch (field.type) {
    case FieldType::text:
    case FieldType::multiline: {
      const int limit = field.max_length > 0 ? field.max_length : default_max_length(field.type);
      if (static_cast<int>(decode_utf8(text).size()) > limit) {
        issues.push_back(issue("text.too_long", "Dài quá " + std::to_string(limit) + " ký tự.",
                               "Longer than " + std::to_string(limit) + " characters."));
      }
      if (field.validator == "person_name") append(validate_person_name(text));
      break;
    }
    case FieldType::integer:
    case FieldType::decimal:
      if (!value.is_number()) {
        issues.push_back(issue("number.format", "Hãy nhập một số.", "Enter a number."));
        return issues;  // rules about the number cannot judge text
      } else if (field.type == FieldType::integer && std::floor(value.number()) != value.number()) {
        issues.push_back(
            issue("number.integer", "Hãy nhập một số nguyên.", "Enter a whole number."));
      }
      break;
    case FieldType::date:
      if (!value.is_date()) {
        issues.push_back(issue("date.format", "Ngày phải có dạng ngày/tháng/năm, ví dụ 15/03/2026.",
                               "Dates are day/month/year, for example 15/03/2026."));
        return issues;  // rules about the date cannot judge text
      }
      break;
    case FieldType::time:
      if (!is_time(text)) {
        issues.push_back(issue("time.format", "Giờ phải có dạng giờ:phút, ví dụ 07:30.",
                               "Times are hours:minutes, for example 07:30."));
      }
      break;
    case FieldType::single_choice:
    case FieldType::multiple_choice: {
      const std::vector<std::string> codes =
          value.is_list() ? value.list() : std::vector<std::string>{text};
      for (const std::string& code : codes) {
        const bool inline_choice =
            std::any_of(field.choices.begin(), field.choices.end(),
                        [&](const Choice& choice) { return choice.code == code; });
        const bool known =
            inline_choice || (!field.choices_from.empty() &&
                              (data_ == nullptr || data_->has_choice(field.choices_from, code)));
        if (!known) {
          issues.push_back(issue("choice.unknown",
                                 "Lựa chọn \"" + code + "\" không có trong danh sách.",
                                 "Choice \"" + code + "\" is not in the list."));
          continue;
        }
        if (field.choice_filter) {
          const Context choice_context(*this, row, Value(code));
          if (!field.choice_filter->evaluate(choice_context).truthy()) {
            issues.push_back(issue("choice.not_allowed",
                                   "Lựa chọn \"" + code + "\" không áp dụng cho trường hợp này.",
                                   "Choice \"" + code + "\" does not apply here."));
          }
        }
      }
      break;
    }
    case FieldType::attachment:
      if (value.is_list() && static_cast<int>(value.list().size()) > field.page_limit()) {
        const std::string limit = std::to_string(field.page_limit());
        issues.push_back(issue("attachment.too_many", "Chỉ đính kèm tối đa " + limit + " trang.",
                               "At most " + limit + " pages may be attached."));
      }
      break;
    case FieldType::personal_id: {
      std::optional<CalendarDate> date_of_birth;
      std::optional<bool> male;
      if (!field.date_of_birth_field.empty()) {
        const Value dob = context.field(field.date_of_birth_field, row);
        if (dob.is_date()) date_of_birth = dob.date();
      }
      if (!field.sex_field.empty()) {
        const Value sex = context.field(field.sex_field, row);
        if (sex.is_text() && (sex.text() == "nam" || sex.text() == "nu"))
          male = sex.text() == "nam";
      }
      append(validate_personal_id(text, date_of_birth, male));
      break;
    }
    case FieldType::phone:
      append(validate_phone(text));
      break;
    case FieldType::email:
      append(validate_email(text));
      break;
    case FieldType::health_insurance:
      append(validate_health_insurance_number(text));
      break;
    case FieldType::admin_unit:
      if (text.size() != 5 || !is_ascii_digits(text) ||
          (data_ != nullptr && !data_->has_commune(text))) {
        issues.push_back(issue("admin_unit.unknown",
                               "Không có xã, phường hay đặc khu nào mang mã \"" + text + "\".",
                               "No commune-level unit has the code \"" + text + "\"."));
      }
      break;
    case FieldType::ethnicity:
    case FieldType::nationality: {
      const char* data_set = field.type == FieldType::ethnicity ? "ethnicities" : "nationalities";
      if (data_ != nullptr && !data_->has_choice(data_set, text)) {
        issues.push_back(issue("choice.unknown", "Mã \"" + text + "\" không có trong danh sách.",
                               "Code \"" + text + "\" is not in the list."));
      }
      break;
    }
    case FieldType::declaration:
      if (!value.is_boolean() || !value.boolean()) {
        issues.push_back(issue("declaration.unchecked", "Cần đánh dấu xác nhận lời cam đoan.",
                               "The declaration must be ticked."));
      }
      break;
    default:
      break;
  }
  if (field.type == FieldType::declaration && value.is_boolean() && !value.boolean() && !required) {
    issues.clear();
  }
  check_constraints();
  return issues;
}

bool FormSession::valid() const {
  for (const auto& [path, found] : issues()) {
    if (found.severity == Severity::error) return false;
  }
  return true;
}

std::vector<std::pair<std::string, Issue>> FormSession::issues() const {
  std::vector<std::pair<std::string, Issue>> all;
  for (size_t i = 0; i < form_.fields.size(); ++i) {
    const FieldDefinition& field = form_.fields[i];
    const int group = group_of(static_cast<int>(i));
    const int rows = group < 0 ? 1 : static_cast<int>(rows_.at(group).size());
    for (int r = 0; r < rows; ++r) {
      const Cell& c = cell(static_cast<int>(i), group < 0 ? -1 : r);
      if (!c.state.relevant) continue;
      for (const Issue& found : c.state.issues) {
        all.emplace_back(path_of(field, group < 0 ? -1 : r), found);
      }
    }
  }
  return all;
}

namespace {

nlohmann::json value_json(const Value& value) {
  if (value.is_boolean()) return value.boolean();
  if (value.is_number()) return value.number();
  if (value.is_text()) return value.text();
  if (value.is_date()) return format_iso_date(value.date());
  if (value.is_list()) return value.list();
  return nullptr;
}

}  // namespace

nlohmann::json FormSession::answers_json() const {
  nlohmann::json answers = nlohmann::json::object();
  for (size_t i = 0; i < form_.fields.size(); ++i) {
    const FieldDefinition& field = form_.fields[i];
    if (!field.group.empty() || field.type == FieldType::note) continue;
    if (field.type == FieldType::repeat) {
      nlohmann::json rows = nlohmann::json::array();
      for (const auto& row : rows_.at(static_cast<int>(i))) {
        nlohmann::json row_json = nlohmann::json::object();
        for (size_t p = 0; p < field.row_fields.size(); ++p) {
          if (row[p].value.is_answered() && !form_.fields[field.row_fields[p]].calculate) {
            row_json[form_.fields[field.row_fields[p]].id] = value_json(row[p].value);
          }
        }
        rows.push_back(std::move(row_json));
      }
      answers[field.id] = std::move(rows);
    } else if (top_[i].value.is_answered() && !field.calculate) {
      answers[field.id] = value_json(top_[i].value);
    }
  }
  return answers;
}

Result<Done> FormSession::load_answers(const nlohmann::json& answers) {
  if (!answers.is_object()) {
    return answer_error("answer.type", "", "Câu trả lời phải là một đối tượng JSON.",
                        "Answers must be a JSON object.");
  }
  auto to_value = [](const nlohmann::json& json_value, const std::string& where) -> Result<Value> {
    if (json_value.is_null()) return Value();
    if (json_value.is_boolean()) return Value(json_value.get<bool>());
    if (json_value.is_number()) return Value(json_value.get<double>());
    if (json_value.is_string()) return Value(json_value.get<std::string>());
    if (json_value.is_array() && std::all_of(json_value.begin(), json_value.end(),
                                             [](const auto& v) { return v.is_string(); })) {
      return Value(json_value.get<std::vector<std::string>>());
    }
    return answer_error("answer.type", where, "Câu trả lời không đúng dạng.",
                        "The answer has the wrong shape.");
  };
  for (const auto& [id, json_value] : answers.items()) {
    const FieldDefinition* field = form_.field(id);
    if (field == nullptr || !field->group.empty()) {
      return answer_error("answer.unknown_field", id, "Biểu mẫu không có trường này.",
                          "The form has no such field.");
    }
    if (field->type == FieldType::repeat) {
      if (!json_value.is_array()) {
        return answer_error("answer.type", id, "Bảng phải là một danh sách dòng.",
                            "A table must be a list of rows.");
      }
      while (row_count(id) > 0) (void)remove_row(id, 0);
      for (const auto& row_json : json_value) {
        auto row = add_row(id);
        if (!row) return row.error();
        if (!row_json.is_object()) {
          return answer_error("answer.type", id, "Mỗi dòng phải là một đối tượng.",
                              "Each row must be an object.");
        }
        for (const auto& [child, child_value] : row_json.items()) {
          const FieldDefinition* child_field = form_.field(child);
          const std::string where = id + "[" + std::to_string(row.value()) + "]." + child;
          if (child_field == nullptr || child_field->group != id) {
            return answer_error("answer.unknown_field", where, "Bảng không có cột này.",
                                "The table has no such column.");
          }
          auto value = to_value(child_value, where);
          if (!value) return value.error();
          if (auto ok = set_answer(child, row.value(), std::move(value).value()); !ok) {
            return answer_error(ok.error().code, where, ok.error().message.vi,
                                ok.error().message.en);
          }
        }
      }
      continue;
    }
    auto value = to_value(json_value, id);
    if (!value) return value.error();
    if (auto ok = set_answer(id, -1, std::move(value).value()); !ok) return ok;
  }
  return Done{};
}

}  // namespace tokhai::core
