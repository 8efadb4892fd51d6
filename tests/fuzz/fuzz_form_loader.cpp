// fuzz_form_loader: the libFuzzer target of form definitions and sessions
// (core/form/form_definition.h, core/form/form_session.h).
//
// An input is a form file, optionally followed by a NUL byte and an answer
// script. The file goes through load_form_definition; when it loads, a
// FormSession is opened on it and the script is played: each step sets,
// clears or adds and removes table rows with values shaped for the field (its
// choice codes, dates typed both ways, ID, phone and e-mail shapes, numbers
// written as text, arbitrary bytes). Without a script the steps come from a
// generator seeded by the file's bytes, so every corpus form is exercised.
// Finally every issue is listed and the answers go through JSON into a second
// session. A crash, a leak, a sanitizer report or a slow input is a bug
// (tests/fuzz/README.md).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/form/form_definition.h"
#include "core/form/form_session.h"

namespace {

using tokhai::core::CalendarDate;
using tokhai::core::FieldDefinition;
using tokhai::core::FieldType;
using tokhai::core::FormDefinition;
using tokhai::core::FormSession;
using tokhai::core::load_form_definition;
using tokhai::core::Profile;
using tokhai::core::ReferenceData;
using tokhai::core::expr::Value;

constexpr CalendarDate kToday{2026, 11, 21};
constexpr int kGeneratedSteps = 48;
constexpr int kMaxSteps = 256;

// A few known codes, so that both the "known" and "unknown" paths of the
// reference lookups run.
class SmallReferenceData final : public ReferenceData {
 public:
  bool has_choice(std::string_view data_set, std::string_view code) const override {
    if (data_set == "ethnicities") return code == "01" || code == "kinh";
    if (data_set == "nationalities") return code == "VN";
    return false;
  }
  bool has_commune(std::string_view code) const override {
    return code == "00004" || code == "26734";
  }
};

// The answer script: the bytes after the NUL, or when there are none, a
// splitmix64 sequence seeded by an FNV-1a hash of the form file.
class Script {
 public:
  Script(std::string_view bytes, std::string_view form_text) : bytes_(bytes) {
    if (bytes_.empty()) {
      state_ = 0xcbf29ce484222325u;
      for (unsigned char c : form_text) state_ = (state_ ^ c) * 0x100000001b3u;
    }
  }
  bool done() const { return bytes_.empty() ? steps_ >= kGeneratedSteps : used_ >= bytes_.size(); }
  void step() { ++steps_; }
  bool exhausted() const { return steps_ >= kMaxSteps; }
  unsigned next() {
    if (!bytes_.empty()) {
      return used_ < bytes_.size() ? static_cast<unsigned char>(bytes_[used_++]) : 0u;
    }
    state_ += 0x9e3779b97f4a7c15u;
    std::uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return static_cast<unsigned>((z ^ (z >> 31)) & 0xFFu);
  }
  unsigned below(std::size_t n) { return n == 0 ? 0u : (next() << 8 | next()) % n; }

 private:
  std::string_view bytes_;
  std::size_t used_ = 0;
  std::uint64_t state_ = 0;
  int steps_ = 0;
};

// A valid calendar day (callers pass dates the engine made or parsed).
CalendarDate some_date(Script& script) {
  static constexpr CalendarDate kDates[] = {{2026, 11, 21}, {2026, 11, 22}, {2012, 2, 29},
                                            {1000, 1, 1},   {9999, 12, 31}, {2006, 3, 15},
                                            {2025, 7, 1},   {1970, 1, 1}};
  return kDates[script.below(std::size(kDates))];
}

// Text shaped like the answers the field's validators look at.
std::string shaped_text(Script& script, const FieldDefinition& field, std::string_view input) {
  static constexpr std::string_view kShapes[] = {
      "Nguyễn Văn An",
      "Hoa\xcc\x80",
      "H'Mông",
      "001203012345",
      "079306001234",
      "0912345678",
      "+84 912 345 678",
      "024 3825 1234",
      "an@example.vn",
      "a@b",
      "15/03/2026",
      "2026-03-15",
      "31/02/2026",
      "07:30",
      "24:00",
      "12",
      "2,5",
      " 3 ",
      "1e400",
      "-0",
      "00004",
      "kinh",
      "VN",
      "HS4010123456789",
      "",
  };
  switch (script.below(4)) {
    case 0:
      if (!field.choices.empty()) return field.choices[script.below(field.choices.size())].code;
      [[fallthrough]];
    case 1:
      return std::string(kShapes[script.below(std::size(kShapes))]);
    case 2: {
      // Arbitrary bytes of the input, ill-formed UTF-8 included.
      const std::size_t from = script.below(input.size() + 1);
      return std::string(input.substr(from, script.below(300)));
    }
    default:
      return std::string(script.below(3000), static_cast<char>('0' + script.below(75)));
  }
}

Value some_value(Script& script, const FieldDefinition& field, std::string_view input) {
  switch (script.below(8)) {
    case 0:
      return Value();
    case 1:
      return script.next() % 2 == 0;
    case 2: {
      static constexpr double kNumbers[] = {0, 1, -1, 2.5, 10, 1e9, -1e300, 1e308, 4e6, 9e15};
      return kNumbers[script.below(std::size(kNumbers))];
    }
    case 3:
      return some_date(script);
    case 4: {
      std::vector<std::string> codes;
      for (unsigned n = script.below(4); n > 0; --n)
        codes.push_back(shaped_text(script, field, input));
      return codes;
    }
    default:
      return shaped_text(script, field, input);
  }
}

// Plays one step of the script on `session`; failures are expected results.
void play_step(Script& script, FormSession& session, const FormDefinition& form,
               const std::vector<int>& tables, std::string_view input) {
  const unsigned op = script.below(10);
  if (op >= 7 && !tables.empty()) {
    const std::string& table = form.fields[tables[script.below(tables.size())]].id;
    if (op == 7 || op == 8) {
      (void)session.add_row(table);
    } else {
      (void)session.remove_row(table, static_cast<int>(script.below(4)) - 1);
    }
    return;
  }
  const FieldDefinition& field = form.fields[script.below(form.fields.size())];
  int row = -1;
  if (!field.group.empty()) {
    const int rows = session.row_count(field.group);
    row = static_cast<int>(script.below(static_cast<std::size_t>(rows) + 1));
    if (row == rows && script.next() % 2 == 0) row = -1;  // also ask for rows that do not exist
  }
  if (op == 6) {
    (void)session.clear_answer(field.id, row);
  } else {
    (void)session.set_answer(field.id, row, some_value(script, field, input));
  }
  (void)session.state(field.id, row);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t nul = input.find('\0');
  const std::string_view form_text = input.substr(0, nul);
  const std::string_view script_bytes =
      nul == std::string_view::npos ? std::string_view() : input.substr(nul + 1);

  auto loaded = load_form_definition(form_text, "fuzz.json");
  if (!loaded) return 0;
  const FormDefinition& form = loaded.value();
  if (form.fields.empty()) return 0;

  static const SmallReferenceData kReferenceData;
  Script script(script_bytes, form_text);
  const ReferenceData* reference = script.next() % 4 == 0 ? nullptr : &kReferenceData;
  FormSession session(form, kToday, reference);

  if (script.next() % 2 == 0) {
    const Profile profile = {{"full_name", Value("Lò Thị Mai")},
                             {"personal_id", Value("011303000123")},
                             {"date_of_birth", Value(CalendarDate{2003, 5, 1})},
                             {"sex", Value("nu")},
                             {"phone", Value("0912345678")},
                             {"email", Value("mai@example.vn")},
                             {"commune", Value("26734")}};
    session.prefill(profile);
  }

  std::vector<int> tables;
  for (std::size_t i = 0; i < form.fields.size(); ++i) {
    if (form.fields[i].type == FieldType::repeat) tables.push_back(static_cast<int>(i));
  }
  for (; !script.done() && !script.exhausted(); script.step()) {
    play_step(script, session, form, tables, input);
  }

  (void)session.issues();
  (void)session.valid();
  const nlohmann::json answers = session.answers_json();
  FormSession reloaded(form, kToday, reference);
  (void)reloaded.load_answers(answers);
  (void)reloaded.valid();
  return 0;
}
