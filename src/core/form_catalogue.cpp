// Reading form summaries and the catalogue (see form_catalogue.h).
#include "core/form_catalogue.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/dates.h"
#include "core/form_summary_json.h"
#include "core/json_text.h"
#include "core/text_file.h"

namespace tokhai::core {
namespace {

using nlohmann::json;

Error form_error(std::string code, std::string where, std::string vi, std::string en) {
  return Error{std::move(code), LocalizedText{std::move(vi), std::move(en)}, std::move(where)};
}

std::string located(std::string_view source, std::string_view member) {
  return std::string(source) + ": " + std::string(member);
}

Error missing(std::string_view source, std::string_view member) {
  return form_error("form.missing", located(source, member),
                    "Thiếu mục bắt buộc \"" + std::string(member) + "\".",
                    "Required member \"" + std::string(member) + "\" is missing.");
}

Error wrong_type(std::string_view source, std::string_view member, std::string_view expected) {
  return form_error(
      "form.type", located(source, member),
      "Mục \"" + std::string(member) + "\" phải là " + std::string(expected) + ".",
      "Member \"" + std::string(member) + "\" must be " + std::string(expected) + ".");
}

// A non-empty string member `key` of `object`; `path` names it in errors
// ("agency.code").
Result<std::string> read_string(const json& object, std::string_view source, std::string_view key,
                                std::string_view path) {
  auto it = object.find(key);
  if (it == object.end()) return missing(source, path);
  if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
    return wrong_type(source, path, "a non-empty string / một chuỗi không rỗng");
  }
  return it->get<std::string>();
}

// {"vi": "...", "en": "..."} with "vi" required and "en" optional.
Result<LocalizedText> read_text(const json& object, std::string_view source, std::string_view key,
                                std::string_view path) {
  auto it = object.find(key);
  if (it == object.end()) return missing(source, path);
  if (!it->is_object()) {
    return wrong_type(source, path, "an object {\"vi\", \"en\"} / một đối tượng {\"vi\", \"en\"}");
  }
  const std::string prefix(path);
  auto vi = read_string(*it, source, "vi", prefix + ".vi");
  if (!vi) return vi.error();
  LocalizedText text{std::move(vi).value(), {}};
  if (auto en_it = it->find("en"); en_it != it->end()) {
    if (!en_it->is_string()) return wrong_type(source, prefix + ".en", "a string / một chuỗi");
    text.en = en_it->get<std::string>();
  }
  return text;
}

bool is_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  auto lower_or_digit = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!lower_or_digit(id.front()) || !lower_or_digit(id.back())) return false;
  return std::all_of(id.begin(), id.end(),
                     [&](char c) { return lower_or_digit(c) || c == '-' || c == '.'; });
}

}  // namespace

Result<FormSummary> read_form_summary(std::string_view json_text, std::string_view source) {
  return read_summary(json_text, source, kFormFormat);
}

Result<FormSummary> read_summary(std::string_view json_text, std::string_view source,
                                 std::string_view expected_format) {
  auto doc = parse_definition_json(json_text, source);
  if (!doc) return doc.error();
  return read_summary_document(doc.value(), source, expected_format);
}

Result<json> parse_definition_json(std::string_view json_text, std::string_view source) {
  json doc = parse_json_text(json_text);
  if (doc.is_discarded()) {
    return form_error("form.not_json", std::string(source), "Tệp không phải JSON hợp lệ.",
                      "The file is not valid JSON.");
  }
  return doc;
}

Result<FormSummary> read_summary_document(const json& doc, std::string_view source,
                                          std::string_view expected_format) {
  if (!doc.is_object()) {
    return form_error("form.type", std::string(source),
                      "Định nghĩa biểu mẫu phải là một đối tượng JSON.",
                      "A form definition must be a JSON object.");
  }
  auto format = read_string(doc, source, "format", "format");
  if (!format) return format.error();
  if (format.value() != expected_format) {
    return form_error("form.format", located(source, "format"),
                      "Định dạng \"" + format.value() + "\" không được hỗ trợ (cần \"" +
                          std::string(expected_format) + "\").",
                      "Format \"" + format.value() + "\" is not supported (expected \"" +
                          std::string(expected_format) + "\").");
  }

  FormSummary summary;
  summary.source = std::string(source);
  auto id = read_string(doc, source, "id", "id");
  if (!id) return id.error();
  if (!is_id(id.value())) {
    return form_error("form.id", located(source, "id"),
                      "Mã biểu mẫu chỉ gồm chữ thường không dấu, chữ số, '.' và '-'.",
                      "A form id has only lower-case ASCII letters, digits, '.' and '-'.");
  }
  summary.id = std::move(id).value();

  auto version = read_string(doc, source, "version", "version");
  if (!version) return version.error();
  summary.version = std::move(version).value();

  auto title = read_text(doc, source, "title", "title");
  if (!title) return title.error();
  summary.title = std::move(title).value();

  auto legal_basis = read_text(doc, source, "legal_basis", "legal_basis");
  if (!legal_basis) return legal_basis.error();
  summary.legal_basis = std::move(legal_basis).value();

  auto effective = read_string(doc, source, "effective_date", "effective_date");
  if (!effective) return effective.error();
  if (!parse_iso_date(effective.value())) {
    return form_error("form.date", located(source, "effective_date"),
                      "Ngày hiệu lực phải có dạng yyyy-mm-dd và là ngày có thật.",
                      "The effective date must be yyyy-mm-dd and a real calendar day.");
  }
  summary.effective_date = std::move(effective).value();

  auto agency_it = doc.find("agency");
  if (agency_it == doc.end()) return missing(source, "agency");
  if (!agency_it->is_object()) return wrong_type(source, "agency", "an object / một đối tượng");
  auto agency_code = read_string(*agency_it, source, "code", "agency.code");
  if (!agency_code) return agency_code.error();
  summary.agency_code = std::move(agency_code).value();
  auto agency_name = read_text(*agency_it, source, "name", "agency.name");
  if (!agency_name) return agency_name.error();
  summary.agency_name = std::move(agency_name).value();
  return summary;
}

FormCatalogue load_form_catalogue(const std::filesystem::path& directory, std::string_view format) {
  namespace fs = std::filesystem;
  FormCatalogue catalogue;
  std::error_code ec;
  fs::directory_iterator it(directory, ec);
  if (ec) {
    catalogue.errors.push_back(form_error("catalogue.unreadable", directory.string(),
                                          "Không đọc được thư mục biểu mẫu.",
                                          "The forms folder cannot be read."));
    return catalogue;
  }
  std::vector<fs::path> files;
  for (const auto& entry : it) {
    if (entry.is_regular_file(ec) && entry.path().extension() == ".json") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());

  for (const auto& file : files) {
    const auto text = read_text_file(file);
    if (!text) {
      catalogue.errors.push_back(form_error("catalogue.unreadable", file.string(),
                                            "Không đọc được tệp biểu mẫu.",
                                            "The form file cannot be read."));
      continue;
    }
    auto summary = read_summary(*text, file.filename().string(), format);
    if (!summary) {
      catalogue.errors.push_back(summary.error());
      continue;
    }
    catalogue.forms.push_back(std::move(summary).value());
  }

  std::stable_sort(catalogue.forms.begin(), catalogue.forms.end(),
                   [](const FormSummary& a, const FormSummary& b) {
                     return std::tie(a.id, a.version) < std::tie(b.id, b.version);
                   });
  // Keep the first of each id+version, report the others.
  std::vector<FormSummary> unique;
  for (auto& form : catalogue.forms) {
    if (!unique.empty() && unique.back().id == form.id && unique.back().version == form.version) {
      catalogue.errors.push_back(form_error(
          "form.duplicate", unique.back().source + ", " + form.source,
          "Hai tệp cùng khai báo biểu mẫu " + form.id + " phiên bản " + form.version + ".",
          "Two files declare form " + form.id + " version " + form.version + "."));
      continue;
    }
    unique.push_back(std::move(form));
  }
  catalogue.forms = std::move(unique);
  return catalogue;
}

}  // namespace tokhai::core
