// Loading and checking form definitions (see form_definition.h).
#include "core/form/form_definition.h"

#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>

#include "core/form_summary_json.h"

namespace tokhai::core {
namespace {

using nlohmann::json;

struct TypeName {
  FieldType type;
  std::string_view name;
};

constexpr TypeName kTypeNames[] = {
    {FieldType::text, "text"},
    {FieldType::multiline, "multiline"},
    {FieldType::integer, "integer"},
    {FieldType::decimal, "decimal"},
    {FieldType::date, "date"},
    {FieldType::time, "time"},
    {FieldType::yes_no, "yes_no"},
    {FieldType::single_choice, "single_choice"},
    {FieldType::multiple_choice, "multiple_choice"},
    {FieldType::personal_id, "personal_id"},
    {FieldType::phone, "phone"},
    {FieldType::email, "email"},
    {FieldType::admin_unit, "admin_unit"},
    {FieldType::ethnicity, "ethnicity"},
    {FieldType::nationality, "nationality"},
    {FieldType::health_insurance, "health_insurance"},
    {FieldType::repeat, "repeat"},
    {FieldType::attachment, "attachment"},
    {FieldType::declaration, "declaration"},
    {FieldType::note, "note"},
};

// Reads members of one JSON object, naming `where` ("file: field x") in errors.
class Reader {
 public:
  Reader(std::string source) : source_(std::move(source)) {}

  Error error(std::string code, const std::string& where, std::string vi, std::string en) const {
    return Error{std::move(code), LocalizedText{std::move(vi), std::move(en)},
                 source_ + (where.empty() ? "" : ": " + where)};
  }

  Error missing(const std::string& where, std::string_view member) const {
    return error("form.missing", where, "Thiếu mục \"" + std::string(member) + "\".",
                 "\"" + std::string(member) + "\" is missing.");
  }

  Error wrong_type(const std::string& where, std::string_view member, std::string_view vi,
                   std::string_view en) const {
    return error("form.type", where,
                 "Mục \"" + std::string(member) + "\" phải là " + std::string(vi) + ".",
                 "\"" + std::string(member) + "\" must be " + std::string(en) + ".");
  }

  Result<LocalizedText> text(const json& object, const std::string& where, std::string_view member,
                             bool required) const {
    auto it = object.find(member);
    if (it == object.end()) {
      if (required) return missing(where, member);
      return LocalizedText{};
    }
    auto vi = it->is_object() ? it->find("vi") : it->end();
    if (!it->is_object() || vi == it->end() || !vi->is_string() ||
        (it->contains("en") && !(*it)["en"].is_string())) {
      return wrong_type(where, member, "{\"vi\": \"...\", \"en\": \"...\"} (có tiếng Việt)",
                        "{\"vi\": \"...\", \"en\": \"...\"} with Vietnamese text");
    }
    return LocalizedText{vi->get<std::string>(), it->value("en", std::string())};
  }

  // Optional string member `member`: `fallback` when absent, form.type when
  // not a string (json::value() would throw).
  Result<std::string> optional_string(const json& object, const std::string& where,
                                      std::string_view member, std::string fallback) const {
    auto it = object.find(member);
    if (it == object.end()) return fallback;
    if (!it->is_string()) return wrong_type(where, member, "một chuỗi", "a string");
    return it->get<std::string>();
  }

  const std::string& source() const { return source_; }

 private:
  std::string source_;
};

// The most rows a table may start with ("min_rows").
constexpr int kMaxMinRows = 100;

bool is_field_id(std::string_view id) {
  if (id.empty() || id.size() > 64 || !(id[0] >= 'a' && id[0] <= 'z')) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// The properties a field may have; anything else is a typo worth reporting.
const std::set<std::string, std::less<>>& known_field_properties() {
  static const std::set<std::string, std::less<>> kKnown = {
      "id",         "type",         "label",         "hint",      "text",
      "required",   "relevant",     "readonly",      "calculate", "constraints",
      "choices",    "choices_from", "choice_filter", "prefill",   "default",
      "max_length", "fields",       "min_rows",      "max_rows",  "checks",
      "validator",  "max_pages"};
  return kKnown;
}

class Loader {
 public:
  Loader(FormDefinition& form, const Reader& reader) : form_(form), reader_(reader) {}

  Result<Done> load_pages(const json& doc) {
    auto pages = doc.find("pages");
    if (pages == doc.end()) return reader_.missing("", "pages");
    if (!pages->is_array() || pages->empty()) {
      return reader_.wrong_type("", "pages", "một danh sách trang không rỗng",
                                "a non-empty list of pages");
    }
    for (const json& page_json : *pages) {
      PageDefinition page;
      if (!page_json.is_object() || !page_json.contains("id") || !page_json["id"].is_string()) {
        return reader_.error("form.page", "pages", "Mỗi trang cần có \"id\".",
                             "Every page needs an \"id\".");
      }
      page.id = page_json["id"].get<std::string>();
      const std::string where = "page " + page.id;
      auto title = reader_.text(page_json, where, "title", true);
      if (!title) return title.error();
      page.title = std::move(title).value();
      auto fields = page_json.find("fields");
      if (fields == page_json.end() || !fields->is_array()) {
        return reader_.wrong_type(where, "fields", "một danh sách trường", "a list of fields");
      }
      const int page_index = static_cast<int>(form_.pages.size());
      for (const json& field_json : *fields) {
        auto index = load_field(field_json, "", page_index);
        if (!index) return index.error();
        page.fields.push_back(index.value());
      }
      form_.pages.push_back(std::move(page));
    }
    return Done{};
  }

  Result<Done> check_logic() {
    for (size_t i = 0; i < form_.fields.size(); ++i) {
      auto checked = check_field(static_cast<int>(i));
      if (!checked) return checked;
    }
    return order_calculations();
  }

 private:
  Result<int> load_field(const json& field_json, const std::string& group, int page) {
    if (!field_json.is_object()) {
      return reader_.wrong_type("page " + std::to_string(form_.pages.size() + 1), "fields[]",
                                "một đối tượng", "an object");
    }
    FieldDefinition field;
    auto id = field_json.find("id");
    if (id == field_json.end() || !id->is_string() || !is_field_id(id->get<std::string>())) {
      return reader_.error(
          "form.field_id", group.empty() ? "fields" : "field " + group,
          "Mỗi trường cần \"id\" gồm chữ thường không dấu, chữ số và '_', bắt đầu bằng chữ.",
          "Every field needs an \"id\" of lower-case ASCII letters, digits and "
          "'_', starting with a letter.");
    }
    field.id = id->get<std::string>();
    const std::string where = "field " + field.id;
    if (form_.field_index.count(field.id) != 0) {
      return reader_.error("form.duplicate_field", where,
                           "Hai trường trùng mã \"" + field.id + "\".",
                           "Two fields have the id \"" + field.id + "\".");
    }
    for (const auto& [key, value] : field_json.items()) {
      if (known_field_properties().count(key) == 0) {
        return reader_.error("form.unknown_property", where,
                             "Thuộc tính \"" + key + "\" không được hỗ trợ.",
                             "Property \"" + key + "\" is not supported.");
      }
    }
    auto type_it = field_json.find("type");
    if (type_it == field_json.end()) return reader_.missing(where, "type");
    const auto type =
        type_it->is_string() ? field_type_from_name(type_it->get<std::string>()) : std::nullopt;
    if (!type) {
      return reader_.error("form.field_type", where, "Kiểu trường không được hỗ trợ.",
                           "The field type is not supported.");
    }
    field.type = *type;
    field.group = group;
    field.page = page;

    const bool needs_label = field.type != FieldType::note;
    auto label = reader_.text(field_json, where, "label", needs_label);
    if (!label) return label.error();
    field.label = std::move(label).value();
    auto hint = reader_.text(field_json, where, "hint", false);
    if (!hint) return hint.error();
    field.hint = std::move(hint).value();
    const bool needs_text = field.type == FieldType::note || field.type == FieldType::declaration;
    auto text = reader_.text(field_json, where, "text", needs_text);
    if (!text) return text.error();
    field.text = std::move(text).value();

    if (auto ok = read_logic(field_json, where, field); !ok) return ok.error();
    if (auto ok = read_choices(field_json, where, field); !ok) return ok.error();
    if (auto ok = read_details(field_json, where, field); !ok) return ok.error();

    const int index = static_cast<int>(form_.fields.size());
    form_.field_index.emplace(field.id, index);
    form_.fields.push_back(std::move(field));

    if (form_.fields[index].type == FieldType::repeat) {
      if (!group.empty()) {
        return reader_.error("form.nested_repeat", where, "Không hỗ trợ bảng lồng trong bảng.",
                             "A table inside a table is not supported.");
      }
      auto rows = field_json.find("fields");
      if (rows == field_json.end() || !rows->is_array() || rows->empty()) {
        return reader_.wrong_type(where, "fields", "danh sách trường của một dòng",
                                  "the list of fields of a row");
      }
      std::vector<int> row_fields;
      const std::string table = form_.fields[index].id;  // a copy: form_.fields grows below
      for (const json& child : *rows) {
        auto child_index = load_field(child, table, page);
        if (!child_index) return child_index;
        row_fields.push_back(child_index.value());
      }
      form_.fields[index].row_fields = std::move(row_fields);
    }
    return index;
  }

  // Reads expression `member` of `object`; `label` names it in errors
  // (defaults to `member`).
  Result<Done> read_expression(const json& object, const std::string& where,
                               std::string_view member, std::optional<expr::Expression>& out,
                               std::string_view label = {}) {
    if (label.empty()) label = member;
    auto it = object.find(member);
    if (it == object.end()) return Done{};
    if (!it->is_string()) {
      return reader_.wrong_type(where, label, "một biểu thức (chuỗi)", "an expression (string)");
    }
    auto parsed = expr::Expression::parse(it->get<std::string>());
    if (!parsed) return located(parsed.error(), where, label);
    out = std::move(parsed).value();
    return Done{};
  }

  Error located(const Error& error, const std::string& where, std::string_view member) const {
    return Error{error.code, error.message,
                 reader_.source() + ": " + where + ", " + std::string(member) + ", " + error.where};
  }

  Result<Done> read_flag_or_expression(const json& object, const std::string& where,
                                       std::string_view member, bool& flag,
                                       std::optional<expr::Expression>& expression) {
    auto it = object.find(member);
    if (it == object.end()) return Done{};
    if (it->is_boolean()) {
      flag = it->get<bool>();
      return Done{};
    }
    return read_expression(object, where, member, expression);
  }

  Result<Done> read_logic(const json& field_json, const std::string& where,
                          FieldDefinition& field) {
    if (auto ok = read_flag_or_expression(field_json, where, "required", field.required,
                                          field.required_when);
        !ok) {
      return ok;
    }
    if (auto ok = read_flag_or_expression(field_json, where, "readonly", field.readonly,
                                          field.readonly_when);
        !ok) {
      return ok;
    }
    if (auto ok = read_expression(field_json, where, "relevant", field.relevant); !ok) return ok;
    if (auto ok = read_expression(field_json, where, "calculate", field.calculate); !ok) return ok;
    if (auto ok = read_expression(field_json, where, "choice_filter", field.choice_filter); !ok) {
      return ok;
    }
    auto constraints = field_json.find("constraints");
    if (constraints == field_json.end()) return Done{};
    if (!constraints->is_array()) {
      return reader_.wrong_type(where, "constraints", "một danh sách", "a list");
    }
    for (const json& rule : *constraints) {
      if (!rule.is_object() || !rule.contains("expression")) {
        return reader_.missing(where + ", constraints[]", "expression");
      }
      std::optional<expr::Expression> expression;
      if (auto ok = read_expression(rule, where, "expression", expression, "constraints"); !ok) {
        return ok;
      }
      auto message = reader_.text(rule, where + ", constraints[]", "message", true);
      if (!message) return message.error();
      auto code = reader_.optional_string(rule, where + ", constraints[]", "code", "constraint");
      if (!code) return code.error();
      Constraint constraint{std::move(*expression), std::move(message).value(),
                            std::move(code).value(), Severity::error};
      auto read_severity =
          reader_.optional_string(rule, where + ", constraints[]", "severity", "error");
      if (!read_severity) return read_severity.error();
      const std::string& severity = read_severity.value();
      if (severity != "error" && severity != "warning") {
        return reader_.wrong_type(where, "constraints[].severity", "\"error\" hoặc \"warning\"",
                                  "\"error\" or \"warning\"");
      }
      constraint.severity = severity == "warning" ? Severity::warning : Severity::error;
      field.constraints.push_back(std::move(constraint));
    }
    return Done{};
  }

  Result<Done> read_choices(const json& field_json, const std::string& where,
                            FieldDefinition& field) {
    const bool is_choice =
        field.type == FieldType::single_choice || field.type == FieldType::multiple_choice;
    auto choices = field_json.find("choices");
    auto from = field_json.find("choices_from");
    if (!is_choice) {
      if (choices != field_json.end() || from != field_json.end()) {
        return reader_.error("form.choices", where, "Chỉ trường lựa chọn mới có \"choices\".",
                             "Only choice fields have \"choices\".");
      }
      return Done{};
    }
    if (from != field_json.end()) {
      if (!from->is_string() || from->get<std::string>().empty()) {
        return reader_.wrong_type(where, "choices_from", "tên một bộ dữ liệu", "a data set name");
      }
      field.choices_from = from->get<std::string>();
    }
    if (choices == field_json.end()) {
      if (field.choices_from.empty()) return reader_.missing(where, "choices");
      return Done{};
    }
    if (!choices->is_array() || choices->empty()) {
      return reader_.wrong_type(where, "choices", "một danh sách lựa chọn không rỗng",
                                "a non-empty list of choices");
    }
    std::set<std::string> codes;
    for (const json& choice_json : *choices) {
      if (!choice_json.is_object() || !choice_json.contains("code") ||
          !choice_json["code"].is_string()) {
        return reader_.missing(where + ", choices[]", "code");
      }
      auto label = reader_.text(choice_json, where + ", choices[]", "label", true);
      if (!label) return label.error();
      Choice choice{choice_json["code"].get<std::string>(), std::move(label).value()};
      if (!codes.insert(choice.code).second) {
        return reader_.error("form.choices", where,
                             "Hai lựa chọn trùng mã \"" + choice.code + "\".",
                             "Two choices have the code \"" + choice.code + "\".");
      }
      field.choices.push_back(std::move(choice));
    }
    return Done{};
  }

  Result<Done> read_details(const json& field_json, const std::string& where,
                            FieldDefinition& field) {
    auto integer = [&](std::string_view member, int& out) -> Result<Done> {
      auto it = field_json.find(member);
      if (it == field_json.end()) return Done{};
      if (!it->is_number_integer() || it->get<int>() < 0) {
        return reader_.wrong_type(where, member, "một số nguyên không âm",
                                  "a non-negative integer");
      }
      out = it->get<int>();
      return Done{};
    };
    for (auto [member, out] : {std::pair<std::string_view, int*>{"max_length", &field.max_length},
                               {"min_rows", &field.min_rows},
                               {"max_rows", &field.max_rows},
                               {"max_pages", &field.max_pages}}) {
      if (auto ok = integer(member, *out); !ok) return ok;
    }
    if (field.max_pages > FieldDefinition::kMostMaxPages ||
        (field.max_pages > 0 && field.type != FieldType::attachment)) {
      return reader_.error("form.pages", where,
                           "\"max_pages\" chỉ dùng cho trường đính kèm, và không quá " +
                               std::to_string(FieldDefinition::kMostMaxPages) + ".",
                           "\"max_pages\" is for attachment fields only, and at most " +
                               std::to_string(FieldDefinition::kMostMaxPages) + ".");
    }
    // A session opens a table with min_rows empty rows: more than anyone
    // fills in is a mistake in the form, and a huge number exhausts memory.
    if (field.min_rows > kMaxMinRows || (field.max_rows > 0 && field.min_rows > field.max_rows)) {
      return reader_.error("form.rows", where,
                           "\"min_rows\" phải không quá " + std::to_string(kMaxMinRows) +
                               " và không quá \"max_rows\".",
                           "\"min_rows\" must be at most " + std::to_string(kMaxMinRows) +
                               " and at most \"max_rows\".");
    }
    for (auto [member, out] : {std::pair<std::string_view, std::string*>{"prefill", &field.prefill},
                               {"validator", &field.validator}}) {
      auto it = field_json.find(member);
      if (it == field_json.end()) continue;
      if (!it->is_string()) return reader_.wrong_type(where, member, "một chuỗi", "a string");
      *out = it->get<std::string>();
    }
    if (!field.validator.empty() && field.validator != "person_name") {
      return reader_.error("form.validator", where,
                           "Bộ kiểm tra \"" + field.validator + "\" không tồn tại.",
                           "There is no validator \"" + field.validator + "\".");
    }
    if (auto checks = field_json.find("checks"); checks != field_json.end()) {
      if (field.type != FieldType::personal_id || !checks->is_object()) {
        return reader_.error("form.checks", where,
                             "Chỉ trường số định danh mới có \"checks\" (date_of_birth, sex).",
                             "Only personal ID fields have \"checks\" (date_of_birth, sex).");
      }
      auto date_of_birth =
          reader_.optional_string(*checks, where + ", checks", "date_of_birth", "");
      if (!date_of_birth) return date_of_birth.error();
      field.date_of_birth_field = std::move(date_of_birth).value();
      auto sex = reader_.optional_string(*checks, where + ", checks", "sex", "");
      if (!sex) return sex.error();
      field.sex_field = std::move(sex).value();
    }
    if (auto value = field_json.find("default"); value != field_json.end()) {
      if (value->is_boolean()) {
        field.default_value = expr::Value(value->get<bool>());
      } else if (value->is_number()) {
        field.default_value = expr::Value(value->get<double>());
      } else if (value->is_string()) {
        field.default_value = expr::Value(value->get<std::string>());
      } else {
        return reader_.wrong_type(where, "default", "một giá trị đơn", "a single value");
      }
    }
    return Done{};
  }

  std::optional<expr::NameInfo> resolve(std::string_view name, std::string_view scope) const {
    auto it = form_.field_index.find(name);
    if (it == form_.field_index.end()) return std::nullopt;
    const FieldDefinition& field = form_.fields[it->second];
    if (field.type == FieldType::note) return std::nullopt;
    (void)scope;
    return expr::NameInfo{value_type(field.type), field.group};
  }

  Result<Done> check_expression(std::optional<expr::Expression>& expression, int field_index,
                                std::string_view member, expr::Type self_type,
                                std::optional<expr::Type> want) {
    if (!expression) return Done{};
    FieldDefinition& field = form_.fields[field_index];
    const std::string where = "field " + field.id;
    auto checked = expression->check(
        [this](std::string_view name, std::string_view scope) { return resolve(name, scope); },
        field.group, self_type);
    if (!checked) return located(checked.error(), where, member);
    const expr::Type type = expression->result_type();
    if (want && type != *want && type != expr::Type::null) {
      return reader_.error("expr.type", where + ", " + std::string(member),
                           "Biểu thức phải cho kết quả kiểu " +
                               std::string(expr::type_name(*want)) + ", không phải " +
                               expr::type_name(type) + ".",
                           "The expression must give a " + std::string(expr::type_name(*want)) +
                               ", not a " + expr::type_name(type) + ".");
    }
    for (const std::string& name : expression->references()) {
      add_dependent(form_.field_index.at(name), field_index);
    }
    return Done{};
  }

  void add_dependent(int source, int dependent) {
    auto& list = form_.dependents[source];
    if (std::find(list.begin(), list.end(), dependent) == list.end()) list.push_back(dependent);
  }

  Result<Done> check_field(int index) {
    const expr::Type own = value_type(form_.fields[index].type);
    constexpr auto kBoolean = expr::Type::boolean;
    FieldDefinition& field = form_.fields[index];
    if (auto ok = check_expression(field.relevant, index, "relevant", own, kBoolean); !ok)
      return ok;
    if (auto ok = check_expression(field.required_when, index, "required", own, kBoolean); !ok) {
      return ok;
    }
    if (auto ok = check_expression(field.readonly_when, index, "readonly", own, kBoolean); !ok) {
      return ok;
    }
    if (auto ok = check_expression(field.calculate, index, "calculate", own, own); !ok) return ok;
    if (auto ok = check_expression(field.choice_filter, index, "choice_filter", expr::Type::text,
                                   kBoolean);
        !ok) {
      return ok;
    }
    for (Constraint& constraint : form_.fields[index].constraints) {
      std::optional<expr::Expression> holder(std::move(constraint.expression));
      auto ok = check_expression(holder, index, "constraints", own, kBoolean);
      constraint.expression = std::move(*holder);
      if (!ok) return ok;
    }
    const FieldDefinition& checked = form_.fields[index];
    for (const std::string* other : {&checked.date_of_birth_field, &checked.sex_field}) {
      if (other->empty()) continue;
      const FieldDefinition* target = form_.field(*other);
      if (target == nullptr) {
        return reader_.error("form.checks", "field " + checked.id,
                             "Trường \"" + *other + "\" trong \"checks\" không tồn tại.",
                             "Field \"" + *other + "\" in \"checks\" does not exist.");
      }
      add_dependent(form_.field_index.at(*other), index);
    }
    // A row field's relevance includes its table's: it follows what the table reads.
    if (!checked.group.empty()) {
      const int group = form_.field_index.at(checked.group);
      add_dependent(group, index);
    }
    return Done{};
  }

  // Orders calculated fields so that each follows the calculated fields it
  // reads; a cycle is a load error naming the fields in it.
  Result<Done> order_calculations() {
    const int count = static_cast<int>(form_.fields.size());
    std::vector<int> state(count, 0);  // 0 new, 1 visiting, 2 done
    std::vector<int> path;
    std::function<Result<Done>(int)> visit = [&](int i) -> Result<Done> {
      if (state[i] == 2) return Done{};
      if (state[i] == 1) {
        std::string cycle;
        for (auto it = std::find(path.begin(), path.end(), i); it != path.end(); ++it) {
          cycle += form_.fields[*it].id + " → ";
        }
        cycle += form_.fields[i].id;
        return reader_.error("form.cycle", "field " + form_.fields[i].id,
                             "Các phép tính phụ thuộc vòng tròn: " + cycle + ".",
                             "Calculations depend on each other in a cycle: " + cycle + ".");
      }
      state[i] = 1;
      path.push_back(i);
      // A calculated value is null while the field (or its table) is not
      // relevant, so what decides relevance counts too: a calculation whose
      // relevance reads a calculation that reads it back never settles.
      const FieldDefinition& field = form_.fields[i];
      const FieldDefinition* table = field.group.empty() ? nullptr : form_.field(field.group);
      for (const std::optional<expr::Expression>* decides :
           {&field.calculate, &field.relevant, table ? &table->relevant : nullptr}) {
        if (decides == nullptr || !*decides) continue;
        for (const std::string& name : (*decides)->references()) {
          const int source = form_.field_index.at(name);
          if (form_.fields[source].calculate) {
            if (auto ok = visit(source); !ok) return ok;
          }
        }
      }
      path.pop_back();
      state[i] = 2;
      form_.calculation_order.push_back(i);
      return Done{};
    };
    for (int i = 0; i < count; ++i) {
      if (form_.fields[i].calculate) {
        if (auto ok = visit(i); !ok) return ok;
      }
    }
    return Done{};
  }

 public:
  void prepare_graph() { form_.dependents.assign(form_.fields.size(), {}); }

 private:
  FormDefinition& form_;
  const Reader& reader_;
};

}  // namespace

std::string_view field_type_name(FieldType type) {
  for (const auto& entry : kTypeNames) {
    if (entry.type == type) return entry.name;
  }
  return "?";
}

std::optional<FieldType> field_type_from_name(std::string_view name) {
  for (const auto& entry : kTypeNames) {
    if (entry.name == name) return entry.type;
  }
  return std::nullopt;
}

expr::Type value_type(FieldType type) {
  switch (type) {
    case FieldType::integer:
    case FieldType::decimal:
      return expr::Type::number;
    case FieldType::date:
      return expr::Type::date;
    case FieldType::yes_no:
    case FieldType::declaration:
      return expr::Type::boolean;
    case FieldType::multiple_choice:
    case FieldType::attachment:
      return expr::Type::list;
    case FieldType::repeat:
      return expr::Type::rows;
    case FieldType::note:
      return expr::Type::null;
    default:
      return expr::Type::text;
  }
}

const FieldDefinition* FormDefinition::field(std::string_view id) const {
  auto it = field_index.find(id);
  return it == field_index.end() ? nullptr : &fields[it->second];
}

Result<FormDefinition> load_form_definition(std::string_view json_text, std::string_view source) {
  const auto parsed = parse_definition_json(json_text, source);
  if (!parsed) return parsed.error();
  const json& doc = parsed.value();
  auto summary = read_summary_document(doc, source, kFormFormat);
  if (!summary) return summary.error();
  FormDefinition form;
  form.summary = std::move(summary).value();
  const Reader reader{std::string(source)};
  if (auto agency = doc.find("agency"); agency != doc.end()) {
    auto public_key = reader.optional_string(*agency, "agency", "public_key", "");
    if (!public_key) return public_key.error();
    form.agency_public_key = std::move(public_key).value();
  }
  if (auto fee = doc.find("fee"); fee != doc.end()) {
    if (!fee->is_string()) return reader.wrong_type("", "fee", "mã một mục phí", "a fee item code");
    form.fee_item = fee->get<std::string>();
  }
  Loader loader(form, reader);
  if (auto ok = loader.load_pages(doc); !ok) return ok.error();
  loader.prepare_graph();
  if (auto ok = loader.check_logic(); !ok) return ok.error();
  return form;
}

}  // namespace tokhai::core
