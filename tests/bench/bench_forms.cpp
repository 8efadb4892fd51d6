// bench_forms: how fast the form engine is on generated forms of 100, 300 and
// 1,000 fields, natively and in wasm under node (shell/bench runs both and
// compares the figures with their targets).
//
//   bench_forms [--smoke] [--json]
//
// For each size it measures, each time over many repetitions, reported as
// median (p50) and 95th percentile (p95):
//   load     load_form_definition: parse, check every expression, build the
//            dependency graph;
//   update   one set_answer on a random field with a new value: coercion,
//            re-evaluation of what depends on it, validation — with the
//            number of field states re-evaluated (FormSession::evaluations);
//   session  opening a FormSession, which evaluates and validates every field;
//   issues   FormSession::issues(), every issue of a filled-in form.
//
// The generated forms look like real ones: a third of the fields are asked
// only when an earlier answer says so (`relevant`), a fifth are checked by a
// validator (personal ID, phone, e-mail) or a constraint, some are calculated,
// and one table has rows whose columns read each other. --smoke runs a few
// repetitions only (the ctest bench.smoke checks that the benchmark still
// works, not how fast, and skips the warm-up run that otherwise comes first);
// --json prints the figures as JSON instead of a table.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
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
using tokhai::core::expr::Value;
using Clock = std::chrono::steady_clock;

constexpr CalendarDate kToday{2026, 11, 21};
constexpr int kSizes[] = {100, 300, 1000};
constexpr int kFieldsPerPage = 25;

struct Repetitions {
  int load, updates, session, issues;
};
constexpr Repetitions kFull{40, 5000, 40, 200};
constexpr Repetitions kSmoke{2, 20, 2, 2};
// Run once, unreported, before the measurements: node first runs wasm through
// its baseline compiler and swaps in optimised code while it runs.
constexpr Repetitions kWarmUp{10, 2000, 10, 20};

// ---- Generated forms -----------------------------------------------------------------------

std::string label(int index) {
  return R"("label": {"vi": "Câu hỏi )" + std::to_string(index) + R"(", "en": "Question )" +
         std::to_string(index) + R"("})";
}

std::string field_id(int index) { return "f" + std::to_string(index); }

// The JSON of top-level field `index`. Ten kinds in turn; of each ten, two
// have a validator or a constraint (kinds 7 and 9), and every third field
// from the tenth on is relevant only when an earlier field is answered.
std::string field_json(int index, std::vector<FieldType>& types) {
  const std::string id = field_id(index);
  std::string json = R"({"id": ")" + id + R"(", )" + label(index);
  FieldType type = FieldType::text;
  switch (index % 10) {
    case 0:
      json += R"(, "type": "text", "validator": "person_name", "required": true)";
      break;
    case 1:
      type = FieldType::integer;
      json += R"(, "type": "integer")";
      if (index % 20 == 11) {
        json += R"(, "calculate": "coalesce()" + field_id(index - 5) + R"(, 0) * 2")";
      }
      break;
    case 2:
      type = FieldType::date;
      json += R"(, "type": "date")";
      break;
    case 3:
      type = FieldType::yes_no;
      json += R"(, "type": "yes_no")";
      break;
    case 4:
      type = FieldType::single_choice;
      json += R"(, "type": "single_choice", "choices": [)"
              R"({"code": "c0", "label": {"vi": "Một"}}, {"code": "c1", "label": {"vi": "Hai"}},)"
              R"({"code": "c2", "label": {"vi": "Ba"}}, {"code": "c3", "label": {"vi": "Bốn"}}])";
      break;
    case 6:
      type = FieldType::integer;
      json += R"(, "type": "integer")";
      break;
    case 7: {
      static constexpr FieldType kValidated[] = {FieldType::personal_id, FieldType::phone,
                                                 FieldType::email};
      type = kValidated[(index / 10) % 3];
      json += R"(, "type": ")" + std::string(tokhai::core::field_type_name(type)) + R"(")";
      if (type == FieldType::personal_id) {
        json += R"(, "checks": {"date_of_birth": ")" + field_id(index - 5) + R"("})";
      }
      break;
    }
    case 8:
      type = FieldType::decimal;
      json += R"(, "type": "decimal", "constraints": [{"expression": ". >= 0 and . <= 1000",)"
              R"( "message": {"vi": "Từ 0 đến 1000.", "en": "From 0 to 1000."}}])";
      break;
    case 9:
      json += R"json(, "type": "text", "constraints": [)json"
              R"json({"expression": "length(.) <= 50 and matches(., '[^0-9]*')",)json"
              R"json( "message": {"vi": "Tối đa 50 chữ, không có số.", "en": "No digits."}}])json";
      break;
    default:
      json += R"(, "type": "text")";
  }
  types.push_back(type);
  if (index >= 10 && index % 3 == 2) {
    const int earlier = index - 1 - (index * 7) % 9;
    const FieldType read = types[earlier];
    const std::string name = field_id(earlier);
    const std::string condition = read == FieldType::yes_no    ? name
                                  : read == FieldType::integer ? name + " >= 1"
                                                               : name + " != null";
    json += R"(, "relevant": ")" + condition + R"(")";
  }
  return json + "}";
}

// A form of `field_count` fields in all: plain fields, then a table of three
// columns (name, date of birth, calculated age) and a calculated row count.
std::string generate_form(int field_count) {
  const int plain = field_count - 5;
  std::vector<FieldType> types;
  std::string json = R"({"format": "tokhai-form/1", "id": "bench.fields-)" +
                     std::to_string(field_count) +
                     R"(", "version": "1",
  "title": {"vi": "Biểu mẫu đo tốc độ", "en": "Benchmark form"},
  "legal_basis": {"vi": "Không có"}, "effective_date": "2025-07-01",
  "agency": {"code": "ubnd-xa", "name": {"vi": "UBND xã"}},
  "pages": [)";
  for (int index = 0; index < plain; ++index) {
    if (index % kFieldsPerPage == 0) {
      if (index > 0) json += "]},\n";
      json += R"({"id": "p)" + std::to_string(index / kFieldsPerPage) +
              R"(", "title": {"vi": "Trang"}, "fields": [)";
    } else {
      json += ",\n";
    }
    json += field_json(index, types);
  }
  json += R"json(]},
  {"id": "members", "title": {"vi": "Thành viên"}, "fields": [
    {"id": "members", "type": "repeat", "label": {"vi": "Thành viên"}, "min_rows": 2,
     "max_rows": 10, "relevant": "f3", "fields": [
      {"id": "member_name", "type": "text", "label": {"vi": "Họ tên"}, "required": true,
       "validator": "person_name"},
      {"id": "member_dob", "type": "date", "label": {"vi": "Ngày sinh"},
       "constraints": [{"expression": ". <= today()",
                        "message": {"vi": "Không sau hôm nay.", "en": "Not after today."}}]},
      {"id": "member_age", "type": "integer", "label": {"vi": "Tuổi"},
       "calculate": "years_between(member_dob, today())"}]},
    {"id": "member_count", "type": "integer", "label": {"vi": "Số thành viên"},
     "calculate": "count(members)"}]}]})json";
  return json;
}

// A value for `field` that differs from the one `round` - 1 gave.
Value answer_for(const FieldDefinition& field, int round) {
  const std::string n = std::to_string(round % 90 + 10);
  switch (field.type) {
    case FieldType::integer:
      return round % 50;
    case FieldType::decimal:
      return (round % 400) * 2.5;
    case FieldType::date:
      return CalendarDate{1990 + round % 30, 1 + round % 12, 1 + round % 28};
    case FieldType::yes_no:
      return round % 2 == 0;
    case FieldType::single_choice:
      return "c" + std::to_string(round % 4);
    case FieldType::personal_id:
      return "0012030123" + n;
    case FieldType::phone:
      return "09123456" + n;
    case FieldType::email:
      return "an" + n + "@example.vn";
    default:
      return "Nguyễn Văn An " + std::string(1, static_cast<char>('a' + round % 26));
  }
}

// ---- Timing --------------------------------------------------------------------------------

struct Summary {
  double p50 = 0, p95 = 0, max = 0;
  int runs = 0;
};

Summary summarize(std::vector<double> samples) {
  Summary summary;
  summary.runs = static_cast<int>(samples.size());
  if (samples.empty()) return summary;
  std::sort(samples.begin(), samples.end());
  auto at = [&](double q) { return samples[static_cast<size_t>(q * (samples.size() - 1) + 0.5)]; };
  summary.p50 = at(0.5);
  summary.p95 = at(0.95);
  summary.max = samples.back();
  return summary;
}

// Times `work` `runs` times; samples in `unit` (1e3: ms, 1e6: µs).
template <class Work>
Summary time_runs(int runs, double unit, Work&& work) {
  std::vector<double> samples;
  samples.reserve(runs);
  for (int i = 0; i < runs; ++i) {
    const auto start = Clock::now();
    work();
    samples.push_back(std::chrono::duration<double>(Clock::now() - start).count() * unit);
  }
  return summarize(std::move(samples));
}

struct SizeResult {
  int fields = 0;
  size_t form_bytes = 0;
  long session_evaluations = 0;  // field states evaluated when a session opens
  Summary load_ms, update_us, evaluations_per_update, session_ms, issues_ms;
};

// Keeps results alive so that no measured call is optimised away.
size_t g_sink = 0;

SizeResult measure(int field_count, const Repetitions& reps) {
  SizeResult result;
  result.fields = field_count;
  const std::string text = generate_form(field_count);
  result.form_bytes = text.size();

  result.load_ms = time_runs(reps.load, 1e3, [&] {
    auto form = load_form_definition(text, "bench.json");
    g_sink += form ? form.value().fields.size() : 0;
  });
  auto loaded = load_form_definition(text, "bench.json");
  if (!loaded) {
    std::fprintf(stderr, "bench_forms: generated form does not load: %s: %s\n",
                 loaded.error().where.c_str(), loaded.error().message.en.c_str());
    std::exit(1);
  }
  const FormDefinition& form = loaded.value();
  if (static_cast<int>(form.fields.size()) != field_count) {
    std::fprintf(stderr, "bench_forms: generated %zu fields, not %d\n", form.fields.size(),
                 field_count);
    std::exit(1);
  }

  result.session_ms = time_runs(reps.session, 1e3, [&] {
    FormSession session(form, kToday);
    g_sink += static_cast<size_t>(session.evaluations());
  });
  FormSession session(form, kToday);
  result.session_evaluations = session.evaluations();

  // The fields a person types into: top level, not calculated.
  std::vector<const FieldDefinition*> typed;
  for (const FieldDefinition& field : form.fields) {
    if (field.group.empty() && !field.calculate && field.type != FieldType::repeat) {
      typed.push_back(&field);
    }
  }
  std::mt19937 random(20261121);
  std::vector<int> rounds(form.fields.size(), 0);
  std::vector<double> update_samples, evaluation_samples;
  update_samples.reserve(reps.updates);
  evaluation_samples.reserve(reps.updates);
  for (int i = 0; i < reps.updates; ++i) {
    const size_t pick = random() % typed.size();
    const FieldDefinition& field = *typed[pick];
    Value value = answer_for(field, ++rounds[pick]);
    const long evaluations_before = session.evaluations();
    const auto start = Clock::now();
    const auto done = session.set_answer(field.id, -1, std::move(value));
    update_samples.push_back(std::chrono::duration<double>(Clock::now() - start).count() * 1e6);
    evaluation_samples.push_back(static_cast<double>(session.evaluations() - evaluations_before));
    g_sink += done ? 1 : 0;
  }
  for (int row = 0; row < session.row_count("members"); ++row) {
    (void)session.set_answer("member_name", row, "Lò Thị Mai");
    (void)session.set_answer("member_dob", row, "15/03/2003");
  }
  result.update_us = summarize(std::move(update_samples));
  result.evaluations_per_update = summarize(std::move(evaluation_samples));

  result.issues_ms = time_runs(reps.issues, 1e3, [&] { g_sink += session.issues().size(); });
  return result;
}

// ---- Output --------------------------------------------------------------------------------

std::string summary_json(const Summary& s) {
  char text[160];
  std::snprintf(text, sizeof text, R"({"p50": %.4f, "p95": %.4f, "max": %.4f, "runs": %d})", s.p50,
                s.p95, s.max, s.runs);
  return text;
}

void print_json(const std::vector<SizeResult>& results, bool smoke) {
  std::printf("{\"build\": \"%s\", \"smoke\": %s, \"sizes\": [\n", TOKHAI_BENCH_BUILD,
              smoke ? "true" : "false");
  for (size_t i = 0; i < results.size(); ++i) {
    const SizeResult& r = results[i];
    std::printf(
        "  {\"fields\": %d, \"form_bytes\": %zu, \"session_evaluations\": %ld,\n"
        "   \"load_ms\": %s,\n   \"update_us\": %s,\n   \"evaluations_per_update\": %s,\n"
        "   \"session_ms\": %s,\n   \"issues_ms\": %s}%s\n",
        r.fields, r.form_bytes, r.session_evaluations, summary_json(r.load_ms).c_str(),
        summary_json(r.update_us).c_str(), summary_json(r.evaluations_per_update).c_str(),
        summary_json(r.session_ms).c_str(), summary_json(r.issues_ms).c_str(),
        i + 1 < results.size() ? "," : "");
  }
  std::printf("]}\n");
}

void print_table(const std::vector<SizeResult>& results) {
  std::printf("bench_forms (%s): p50 / p95\n", TOKHAI_BENCH_BUILD);
  std::printf("%7s %11s %17s %17s %13s %15s %15s\n", "fields", "form bytes", "load ms", "update us",
              "evals/update", "session ms", "issues ms");
  for (const SizeResult& r : results) {
    std::printf("%7d %11zu %8.3f /%7.3f %8.2f /%7.2f %6.0f /%5.0f %7.3f /%6.3f %7.3f /%6.3f\n",
                r.fields, r.form_bytes, r.load_ms.p50, r.load_ms.p95, r.update_us.p50,
                r.update_us.p95, r.evaluations_per_update.p50, r.evaluations_per_update.p95,
                r.session_ms.p50, r.session_ms.p95, r.issues_ms.p50, r.issues_ms.p95);
  }
}

}  // namespace

int main(int argc, char** argv) {
  bool smoke = false, json = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--smoke") {
      smoke = true;
    } else if (arg == "--json") {
      json = true;
    } else {
      std::fprintf(stderr, "usage: bench_forms [--smoke] [--json]\n");
      return 2;
    }
  }
  if (!smoke) (void)measure(kSizes[0], kWarmUp);
  std::vector<SizeResult> results;
  for (int size : kSizes) results.push_back(measure(size, smoke ? kSmoke : kFull));
  if (json) {
    print_json(results, smoke);
  } else {
    print_table(results);
  }
  return g_sink == 0 ? 1 : 0;
}
