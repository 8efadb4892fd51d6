// The form catalogue: which procedures this build can file, read from the form
// definitions in forms/ (one JSON file per procedure and version).
//
// Only the summary a citizen sees before opening a form is read here: id,
// version, title, legal basis, effective date and receiving agency. The full
// definition (pages, fields, logic) is the form engine's business.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/localized_text.h"
#include "core/result.h"

namespace tokhai::core {

// The format tag every form definition carries in its "format" member.
inline constexpr std::string_view kFormFormat = "tokhai-form/1";

struct FormSummary {
  std::string id;              // stable procedure id, e.g. "ho-tich.khai-sinh"
  std::string version;         // version of this definition, e.g. "2024.1"
  LocalizedText title;         // "Tờ khai đăng ký khai sinh"
  LocalizedText legal_basis;   // the legal text the form follows
  std::string effective_date;  // ISO yyyy-mm-dd from which the form applies
  std::string agency_code;     // receiving agency's code
  LocalizedText agency_name;   // "Ủy ban nhân dân cấp xã"
  std::string source;          // the file it was read from (for error messages)
};

// Reads the summary of one form definition from its JSON text. `source` names
// the file in error messages. Error codes: form.not_json, form.format,
// form.missing, form.type, form.id, form.date.
Result<FormSummary> read_form_summary(std::string_view json_text, std::string_view source);

// The same summary members from a file of another kind (a bundle), whose
// "format" must be `expected_format`.
Result<FormSummary> read_summary(std::string_view json_text, std::string_view source,
                                 std::string_view expected_format);

struct FormCatalogue {
  std::vector<FormSummary> forms;  // sorted by id, then version
  std::vector<Error> errors;       // one per file that could not be used
};

// Reads every *.json file directly inside `directory`. A broken file is
// reported in `errors` and the others still load, so one bad definition never
// empties a citizen's catalogue. Two files with the same id and version are an
// error (form.duplicate) naming both. A missing directory is an error
// (catalogue.unreadable). `format` is the format tag every file must carry:
// kFormFormat for forms/, kBundleFormat (core/form/bundle.h) for forms/bundles/.
FormCatalogue load_form_catalogue(const std::filesystem::path& directory,
                                  std::string_view format = kFormFormat);

}  // namespace tokhai::core
