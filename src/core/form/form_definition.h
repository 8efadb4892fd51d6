// FormDefinition: one official form as data (forms/<id>.json), loaded and
// checked once: fields, pages, choices, logic expressions and the dependency
// graph that lets a session re-evaluate only what an answer change affects.
//
// The format is documented in forms/README.md; every field type and property
// has an example in forms/FEATURES.md.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/expr/expression.h"
#include "core/form_catalogue.h"
#include "core/issue.h"
#include "core/localized_text.h"
#include "core/result.h"

namespace tokhai::core {

enum class FieldType {
  text,
  multiline,
  integer,
  decimal,
  date,
  time,
  yes_no,
  single_choice,
  multiple_choice,
  personal_id,
  phone,
  email,
  admin_unit,
  ethnicity,
  nationality,
  health_insurance,
  repeat,
  attachment,
  declaration,
  note
};

// "text", "multiline", ... as written in form files.
std::string_view field_type_name(FieldType type);
std::optional<FieldType> field_type_from_name(std::string_view name);
// The expression type of a field's value.
expr::Type value_type(FieldType type);

struct Choice {
  std::string code;
  LocalizedText label;
};

// A rule on a field's answer: when `expression` is false the answer gets an
// issue with `code` (default "constraint") and `message`.
struct Constraint {
  expr::Expression expression;
  LocalizedText message;
  std::string code;
  Severity severity = Severity::error;
};

struct FieldDefinition {
  std::string id;
  FieldType type = FieldType::text;
  LocalizedText label;
  LocalizedText hint;
  LocalizedText text;  // the full text of a note or declaration
  std::string group;   // the repeat group holding this field; empty at top level
  int page = 0;        // index of its page (of its group, for row fields)

  bool required = false;                          // "required": true
  std::optional<expr::Expression> required_when;  // "required": "expression"
  std::optional<expr::Expression> relevant;
  bool readonly = false;
  std::optional<expr::Expression> readonly_when;
  std::optional<expr::Expression> calculate;
  std::vector<Constraint> constraints;

  std::vector<Choice> choices;                    // inline choices
  std::string choices_from;                       // or a data set: "ethnicities", "nationalities"
  std::optional<expr::Expression> choice_filter;  // `.` is the candidate choice's code

  std::string prefill;  // a profile key: "full_name", "personal_id", ...
  std::optional<expr::Value> default_value;
  int max_length = 0;              // characters; 0 = the type's default
  int min_rows = 0, max_rows = 0;  // repeat groups
  // attachment: at most this many pages (photos); 0 = kDefaultMaxPages. The
  // answer is the list of the pages' photo ids on the phone, in order.
  int max_pages = 0;
  static constexpr int kDefaultMaxPages = 5;
  static constexpr int kMostMaxPages = 20;
  int page_limit() const { return max_pages > 0 ? max_pages : kDefaultMaxPages; }
  std::vector<int> row_fields;  // repeat groups: indexes of the fields of a row

  // personal_id: fields of the same person to cross-check against.
  std::string date_of_birth_field;
  std::string sex_field;  // a single choice whose codes are "nam" / "nu"
  std::string validator;  // extra validator: "person_name"
};

struct PageDefinition {
  std::string id;
  LocalizedText title;
  std::vector<int> fields;  // top-level fields of the page, in order
};

struct FormDefinition {
  FormSummary summary;
  std::string agency_public_key;  // X25519, base64; empty until the agency publishes one
  std::string fee_item;           // an item of forms/data/fees.json
  std::vector<PageDefinition> pages;
  std::vector<FieldDefinition> fields;  // every field, rows' fields included, in file order
  std::map<std::string, int, std::less<>> field_index;
  // dependents[i]: the fields whose state (relevance, requirement, value,
  // issues) must be re-evaluated when field i's answer changes.
  std::vector<std::vector<int>> dependents;
  // Fields with `calculate`, in an order where each comes after what it reads.
  std::vector<int> calculation_order;

  // The field named `id`, or nullptr.
  const FieldDefinition* field(std::string_view id) const;
};

// Loads and checks a form definition. Errors name the file (`source`), the
// field and, for expressions, the column: form.not_json, form.missing,
// form.type, form.field_type, form.duplicate_field, form.choices, form.cycle,
// form.page, and the expr.* codes of Expression::check.
Result<FormDefinition> load_form_definition(std::string_view json_text, std::string_view source);

}  // namespace tokhai::core
