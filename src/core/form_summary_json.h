// Reading a form or bundle summary from an already parsed JSON document, so
// that loaders which need the whole document parse the text only once.
// Internal to src/core (it exposes nlohmann::json); callers outside the engine
// use read_form_summary / read_summary (form_catalogue.h).
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "core/form_catalogue.h"

namespace tokhai::core {

// Parses `json_text` without exceptions; Error form.not_json when it is not
// JSON. A document that is not an object is reported by read_summary_document.
Result<nlohmann::json> parse_definition_json(std::string_view json_text, std::string_view source);

// The summary members of a parsed definition whose "format" must be
// `expected_format`. Error codes as read_form_summary.
Result<FormSummary> read_summary_document(const nlohmann::json& doc, std::string_view source,
                                          std::string_view expected_format);

}  // namespace tokhai::core
