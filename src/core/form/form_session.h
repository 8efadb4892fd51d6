// FormSession: one person filling in one form — the API the screens, the
// server and the tools use, and nothing else of the engine.
//
// It holds the answers, and for every field (and every row of a table) its
// state: relevant, required, read-only, and the issues of its answer. An
// answer change re-evaluates only the fields that depend on it (the form's
// dependency graph), so a change costs the same in a 30-field form and a
// 1,000-field one.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/expr/value.h"
#include "core/form/form_definition.h"
#include "core/issue.h"
#include "core/result.h"

namespace tokhai::core {

// Reference data the validators look answers up in (administrative units,
// ethnicities, nationalities). Implemented over forms/data/ by the app and the
// tools; absent, those answers are only checked for shape.
class ReferenceData {
 public:
  virtual ~ReferenceData() = default;
  // True when `code` is in data set `data_set` ("ethnicities", "nationalities").
  virtual bool has_choice(std::string_view data_set, std::string_view code) const = 0;
  // True when `code` is a commune-level unit (5 digits) after the 2025 reform.
  virtual bool has_commune(std::string_view code) const = 0;
};

// What the person has typed once and may reuse across forms: keys
// "full_name", "personal_id", "date_of_birth", "sex", "phone", "email",
// "commune" (field property "prefill").
using Profile = std::map<std::string, expr::Value, std::less<>>;

struct FieldState {
  bool relevant = true;
  bool required = false;
  bool readonly = false;
  Issues issues;  // errors and warnings of the current answer

  bool has_errors() const;
};

class FormSession {
 public:
  // `form` and `data` must outlive the session; `today` is the device's date.
  FormSession(const FormDefinition& form, CalendarDate today, const ReferenceData* data = nullptr);

  // Sets the answer of `field` (in `row` of its table; -1 at top level). Text
  // is normalised to NFC; for dates, ISO or dd/mm/yyyy text becomes a date;
  // for numbers, numeric text becomes a number. Text that cannot be converted
  // is kept as typed and reported by the field's issues. Errors:
  // answer.unknown_field, answer.row, answer.readonly, answer.type.
  Result<Done> set_answer(std::string_view field, int row, expr::Value value);
  // Clears an answer (the same as setting null).
  Result<Done> clear_answer(std::string_view field, int row = -1);

  // Adds an empty row to table `group`; returns its index. Error answer.rows
  // when the table is full.
  Result<int> add_row(std::string_view group);
  // Removes a row; the rows after it move up.
  Result<Done> remove_row(std::string_view group, int row);
  int row_count(std::string_view group) const;

  expr::Value answer(std::string_view field, int row = -1) const;
  const FieldState& state(std::string_view field, int row = -1) const;

  // True when `code` may be chosen for `field` in `row` now: its
  // choice_filter (if any) accepts it given the current answers. The screens
  // list only allowed choices.
  bool choice_allowed(std::string_view field, int row, std::string_view code) const;

  // Fills unanswered fields that have a "prefill" key from `profile`.
  void prefill(const Profile& profile);

  // True when no relevant field has an error (warnings allowed).
  bool valid() const;
  // Every issue of a relevant field, as "field" or "group[row].field" paths.
  std::vector<std::pair<std::string, Issue>> issues() const;

  // Answers as JSON: an object keyed by field id; tables as arrays of row
  // objects; dates ISO; choices by code. Unanswered fields are left out.
  nlohmann::json answers_json() const;
  // Replaces all answers with those in `answers` (the format above). Unknown
  // fields and wrong shapes are errors (answer.*) naming the field.
  Result<Done> load_answers(const nlohmann::json& answers);

  const FormDefinition& form() const { return form_; }
  CalendarDate today() const { return today_; }
  // How many field states have been evaluated since the session started: a
  // measure of incremental work (tests and benchmarks).
  long evaluations() const { return evaluations_; }

 private:
  class Context;
  struct Cell {
    expr::Value value;
    FieldState state;
  };

  Cell& cell(int field, int row);
  const Cell& cell(int field, int row) const;
  int group_of(int field) const;
  expr::Value coerce(const FieldDefinition& field, expr::Value value) const;
  // Re-evaluates field `field` in `row` and everything that depends on it.
  void propagate(int field, int row);
  // Re-evaluates one cell; returns true when a calculated value changed.
  bool evaluate(int field, int row);
  Issues validate(const FieldDefinition& field, int row, const Cell& cell) const;
  void evaluate_all();

  const FormDefinition& form_;
  CalendarDate today_;
  const ReferenceData* data_;
  std::vector<Cell> top_;                               // by field index (row fields unused here)
  std::vector<int> row_position_;                       // row fields: their position within a row
  std::map<int, std::vector<std::vector<Cell>>> rows_;  // group index → rows → cells
  long evaluations_ = 0;
};

}  // namespace tokhai::core
