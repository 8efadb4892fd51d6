// The work of `tokhai-forms`: linting form definitions and checking a file of
// answers against a form, as library functions so that tests call them
// directly and the command line stays thin.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/dates.h"
#include "core/form/bundle.h"
#include "core/form/form_definition.h"
#include "core/form_data_sets.h"
#include "core/result.h"

namespace tokhai::tools {

// Every problem of the form file at `path`: it does not load (schema,
// expressions, names, types, cycles), or it names a data set (form.data_set)
// or a fee item (form.fee) that `data` lacks. Empty when the form is sound.
std::vector<core::Error> lint_form(const std::filesystem::path& path,
                                   const core::FormDataSets* data);

// Every problem of the bundle file at `path` (forms/bundles/x.json): it does
// not load, or its procedures and shared facts do not fit the forms of
// `forms_dir`, each of which must itself load.
std::vector<core::Error> lint_bundle(const std::filesystem::path& path,
                                     const std::filesystem::path& forms_dir);

struct CheckReport {
  nlohmann::json json;  // {form, version, valid, fields: {path: {...}}}
  bool valid = false;
};

// Checks `answers` (an object keyed by field id, as forms/README.md describes)
// against `form` on `today`. Errors (answer.*) when the answers do not fit the
// form at all: an unknown field, a table that is not a list, ...
core::Result<CheckReport> check_answers(const core::FormDefinition& form,
                                        const nlohmann::json& answers, core::CalendarDate today,
                                        const core::ReferenceData* data);

// One line for people: "where: message (vi) / message (en)".
std::string describe(const core::Error& error);

}  // namespace tokhai::tools
