// Bundles of procedures (see bundle.h).
#include "core/form/bundle.h"

#include <nlohmann/json.hpp>
#include <set>

#include "core/form_summary_json.h"

namespace tokhai::core {
namespace {

Error bundle_error(std::string code, std::string where, std::string vi, std::string en) {
  return Error{std::move(code), LocalizedText{std::move(vi), std::move(en)}, std::move(where)};
}

}  // namespace

const SharedFact* BundleDefinition::shared_fact_of(std::string_view form_id,
                                                   std::string_view field) const {
  for (const SharedFact& fact : shared) {
    auto it = fact.fields.find(form_id);
    if (it != fact.fields.end() && it->second == field) return &fact;
  }
  return nullptr;
}

Result<BundleDefinition> load_bundle_definition(std::string_view json_text, std::string_view source,
                                                const FormLookup& forms) {
  const auto parsed = parse_definition_json(json_text, source);
  if (!parsed) return parsed.error();
  const nlohmann::json& doc = parsed.value();
  auto summary = read_summary_document(doc, source, kBundleFormat);
  if (!summary) return summary.error();
  BundleDefinition bundle;
  bundle.summary = std::move(summary).value();
  const std::string file(source);

  const auto procedures = doc.find("procedures");
  if (procedures == doc.end() || !procedures->is_array() || procedures->empty()) {
    return bundle_error("form.missing", file + ": procedures",
                        "Gói thủ tục cần danh sách \"procedures\".",
                        "A bundle needs a list of \"procedures\".");
  }
  for (const auto& entry : *procedures) {
    if (!entry.is_object() || !entry.value("form", nlohmann::json()).is_string() ||
        !entry.value("version", nlohmann::json()).is_string() ||
        !entry.value("optional", nlohmann::json(false)).is_boolean()) {
      return bundle_error("form.type", file + ": procedures",
                          "Mỗi thủ tục cần \"form\" và \"version\" (chuỗi), \"optional\" "
                          "nếu có là true/false.",
                          "Every procedure needs \"form\" and \"version\" (strings); "
                          "\"optional\", if present, is true or false.");
    }
    BundleProcedure procedure{entry["form"].get<std::string>(), entry["version"].get<std::string>(),
                              entry.value("optional", false)};
    const FormDefinition* form = forms(procedure.form_id, procedure.version);
    if (form == nullptr) {
      return bundle_error(
          "bundle.form", file + ": " + procedure.form_id,
          "Không có biểu mẫu " + procedure.form_id + " phiên bản " + procedure.version + ".",
          "There is no form " + procedure.form_id + " version " + procedure.version + ".");
    }
    if (!bundle.forms.emplace(procedure.form_id, form).second) {
      return bundle_error("bundle.duplicate", file + ": " + procedure.form_id,
                          "Thủ tục được nêu hai lần.", "The procedure is listed twice.");
    }
    bundle.procedures.push_back(std::move(procedure));
  }

  std::set<std::pair<std::string, std::string>> used;
  const auto shared = doc.find("shared");
  if (shared != doc.end() && !shared->is_array()) {
    return bundle_error("form.type", file + ": shared", "\"shared\" phải là một danh sách.",
                        "\"shared\" must be a list.");
  }
  for (const auto& entry : shared == doc.end() ? nlohmann::json::array() : *shared) {
    if (!entry.is_object() || !entry.value("id", nlohmann::json()).is_string() ||
        !entry.value("fields", nlohmann::json()).is_object()) {
      return bundle_error("form.type", file + ": shared",
                          "Mỗi thông tin dùng chung cần \"id\" và \"fields\".",
                          "Every shared fact needs an \"id\" and \"fields\".");
    }
    SharedFact fact{entry["id"].get<std::string>(), {}};
    std::optional<FieldType> type;
    for (const auto& [form_id, field_json] : entry["fields"].items()) {
      const std::string where = file + ": shared " + fact.id + ", " + form_id;
      auto form = bundle.forms.find(form_id);
      const FieldDefinition* field = form == bundle.forms.end() || !field_json.is_string()
                                         ? nullptr
                                         : form->second->field(field_json.get<std::string>());
      if (field == nullptr || !field->group.empty() || field->type == FieldType::repeat ||
          field->calculate) {
        return bundle_error("bundle.field", where,
                            "Trường dùng chung phải là một câu hỏi ở cấp trên cùng của biểu mẫu.",
                            "A shared field must be a top-level question of the form.");
      }
      if (type && *type != field->type) {
        return bundle_error("bundle.type", where,
                            "Các trường của cùng một thông tin phải cùng kiểu.",
                            "The fields of one shared fact must have the same type.");
      }
      if (!used.insert({form_id, field->id}).second) {
        return bundle_error("bundle.duplicate", where, "Một trường thuộc hai thông tin dùng chung.",
                            "A field belongs to two shared facts.");
      }
      type = field->type;
      fact.fields.emplace(form_id, field->id);
    }
    bundle.shared.push_back(std::move(fact));
  }
  return bundle;
}

BundleSession::BundleSession(const BundleDefinition& bundle, CalendarDate today,
                             const ReferenceData* data)
    : bundle_(bundle) {
  for (const BundleProcedure& procedure : bundle_.procedures) {
    sessions_.emplace(procedure.form_id, std::make_unique<FormSession>(
                                             *bundle_.forms.at(procedure.form_id), today, data));
    chosen_.emplace(procedure.form_id, true);
  }
}

Result<Done> BundleSession::choose(std::string_view form_id, bool filed) {
  for (const BundleProcedure& procedure : bundle_.procedures) {
    if (procedure.form_id != form_id) continue;
    if (!procedure.optional && !filed) {
      return bundle_error("bundle.required", std::string(form_id),
                          "Thủ tục này bắt buộc trong gói.",
                          "This procedure is required in the bundle.");
    }
    chosen_[procedure.form_id] = filed;
    return Done{};
  }
  return bundle_error("bundle.form", std::string(form_id), "Gói không có thủ tục này.",
                      "The bundle has no such procedure.");
}

bool BundleSession::chosen(std::string_view form_id) const {
  auto it = chosen_.find(form_id);
  return it != chosen_.end() && it->second;
}

Result<Done> BundleSession::set_shared(std::string_view fact_id, expr::Value value) {
  for (const SharedFact& fact : bundle_.shared) {
    if (fact.id != fact_id) continue;
    for (const auto& [form_id, field] : fact.fields) {
      if (auto ok = sessions_.at(form_id)->set_answer(field, -1, value); !ok) return ok;
    }
    return Done{};
  }
  return bundle_error("answer.unknown_field", std::string(fact_id),
                      "Gói không có thông tin dùng chung này.",
                      "The bundle has no such shared fact.");
}

Result<Done> BundleSession::set_answer(std::string_view form_id, std::string_view field, int row,
                                       expr::Value value) {
  FormSession* target = session(form_id);
  if (target == nullptr) {
    return bundle_error("bundle.form", std::string(form_id), "Gói không có thủ tục này.",
                        "The bundle has no such procedure.");
  }
  if (const SharedFact* fact = bundle_.shared_fact_of(form_id, field)) {
    return bundle_error("answer.shared", std::string(form_id) + "/" + std::string(field),
                        "Thông tin này được khai một lần cho cả gói (" + fact->id + ").",
                        "This fact is answered once for the whole bundle (" + fact->id + ").");
  }
  return target->set_answer(field, row, std::move(value));
}

FormSession* BundleSession::session(std::string_view form_id) {
  auto it = sessions_.find(form_id);
  return it == sessions_.end() ? nullptr : it->second.get();
}

const FormSession* BundleSession::session(std::string_view form_id) const {
  auto it = sessions_.find(form_id);
  return it == sessions_.end() ? nullptr : it->second.get();
}

bool BundleSession::valid() const {
  for (const auto& [form_id, form_session] : sessions_) {
    if (chosen(form_id) && !form_session->valid()) return false;
  }
  return true;
}

std::vector<std::pair<std::string, Issue>> BundleSession::issues() const {
  std::vector<std::pair<std::string, Issue>> all;
  for (const BundleProcedure& procedure : bundle_.procedures) {
    if (!chosen(procedure.form_id)) continue;
    for (auto& [path, issue] : sessions_.at(procedure.form_id)->issues()) {
      all.emplace_back(procedure.form_id + "/" + path, std::move(issue));
    }
  }
  return all;
}

}  // namespace tokhai::core
