// Linting forms and checking answers (see forms_check.h).
#include "tools/forms/forms_check.h"

#include "core/form/form_session.h"
#include "core/text_file.h"

namespace tokhai::tools {
namespace {

using core::Error;
using core::LocalizedText;

nlohmann::json value_json(const core::expr::Value& value) {
  if (value.is_boolean()) return value.boolean();
  if (value.is_number()) return value.number();
  if (value.is_text()) return value.text();
  if (value.is_date()) return core::format_iso_date(value.date());
  if (value.is_list()) return value.list();
  return nullptr;
}

nlohmann::json issue_json(const core::Issue& issue) {
  return {{"code", issue.code}, {"message", {{"vi", issue.message.vi}, {"en", issue.message.en}}}};
}

nlohmann::json field_json(const core::FormSession& session, const core::FieldDefinition& field,
                          int row) {
  const core::FieldState& state = session.state(field.id, row);
  nlohmann::json errors = nlohmann::json::array();
  nlohmann::json warnings = nlohmann::json::array();
  if (state.relevant) {
    for (const core::Issue& issue : state.issues) {
      (issue.severity == core::Severity::error ? errors : warnings).push_back(issue_json(issue));
    }
  }
  const bool is_table = field.type == core::FieldType::repeat;
  return {{"relevant", state.relevant},
          {"required", state.required},
          {"value", is_table ? nlohmann::json(session.row_count(field.id))
                             : value_json(session.answer(field.id, row))},
          {"errors", std::move(errors)},
          {"warnings", std::move(warnings)}};
}

}  // namespace

std::vector<Error> lint_form(const std::filesystem::path& path, const core::FormDataSets* data) {
  const auto text = core::read_text_file(path);
  if (!text) {
    return {Error{"form.unreadable",
                  LocalizedText{"Không đọc được tệp biểu mẫu.", "The form file cannot be read."},
                  path.string()}};
  }
  auto form = core::load_form_definition(*text, path.filename().string());
  if (!form) return {form.error()};
  std::vector<Error> problems;
  if (data == nullptr) return problems;
  const std::string& fee = form.value().fee_item;
  if (!fee.empty() && data->fees().find(fee) == nullptr) {
    problems.push_back(Error{"form.fee",
                             LocalizedText{"Không có mục lệ phí \"" + fee + "\" trong fees.json.",
                                           "There is no fee item \"" + fee + "\" in fees.json."},
                             path.filename().string() + ": fee"});
  }
  for (const core::FieldDefinition& field : form.value().fields) {
    if (field.choices_from.empty() || data->list(field.choices_from) != nullptr) continue;
    problems.push_back(
        Error{"form.data_set",
              LocalizedText{"Không có bộ dữ liệu \"" + field.choices_from + "\" trong forms/data.",
                            "There is no data set \"" + field.choices_from + "\" in forms/data."},
              path.filename().string() + ": field " + field.id});
  }
  return problems;
}

std::vector<Error> lint_bundle(const std::filesystem::path& path,
                               const std::filesystem::path& forms_dir) {
  std::vector<Error> problems;
  std::vector<core::FormDefinition> forms;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(forms_dir, ec)) {
    if (entry.path().extension() != ".json") continue;
    const auto text = core::read_text_file(entry.path());
    if (!text) continue;  // lint of the forms themselves reports them
    auto form = core::load_form_definition(*text, entry.path().filename().string());
    if (form) forms.push_back(std::move(form).value());
  }
  const auto text = core::read_text_file(path);
  if (!text) {
    return {
        Error{"form.unreadable",
              LocalizedText{"Không đọc được tệp gói thủ tục.", "The bundle file cannot be read."},
              path.string()}};
  }
  auto bundle = core::load_bundle_definition(
      *text, path.filename().string(),
      [&](std::string_view id, std::string_view version) -> const core::FormDefinition* {
        for (const auto& form : forms) {
          if (form.summary.id == id && form.summary.version == version) return &form;
        }
        return nullptr;
      });
  if (!bundle) problems.push_back(bundle.error());
  return problems;
}

core::Result<CheckReport> check_answers(const core::FormDefinition& form,
                                        const nlohmann::json& answers, core::CalendarDate today,
                                        const core::ReferenceData* data) {
  core::FormSession session(form, today, data);
  if (auto loaded = session.load_answers(answers); !loaded) return loaded.error();
  nlohmann::json fields = nlohmann::json::object();
  for (const core::FieldDefinition& field : form.fields) {
    if (field.type == core::FieldType::note) continue;
    if (field.group.empty()) {
      fields[field.id] = field_json(session, field, -1);
      continue;
    }
    for (int row = 0; row < session.row_count(field.group); ++row) {
      fields[field.group + "[" + std::to_string(row) + "]." + field.id] =
          field_json(session, field, row);
    }
  }
  CheckReport report;
  report.valid = session.valid();
  report.json = {{"form", form.summary.id},
                 {"version", form.summary.version},
                 {"valid", report.valid},
                 {"fields", std::move(fields)}};
  return report;
}

std::string describe(const Error& error) {
  return error.where + ": " + error.message.vi + " / " + error.message.en;
}

}  // namespace tokhai::tools
