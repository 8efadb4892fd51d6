// tokhai-forms: the form checker on the command line.
//
//   tokhai-forms lint FORM.json...
//       Checks each definition (format, expressions, names, types, cycles,
//       data sets, fees); files in forms/bundles/ are checked as bundles
//       against the forms beside them. Prints one line per problem; exit 1 on
//       any problem.
//   tokhai-forms check FORM.json ANSWERS.json [--today YYYY-MM-DD] [--data DIR]
//       Prints JSON {form, version, valid, fields: {id: {relevant, required,
//       value, errors, warnings}}}; exit 0 valid, 1 invalid, 2 unreadable input.
//
// --data defaults to the "data" folder beside the form file (forms/data).
#include <chrono>
#include <ctime>
#include <iostream>
#include <string>
#include <vector>

#include "core/text_file.h"
#include "tools/forms/forms_check.h"

namespace {

using tokhai::core::CalendarDate;

constexpr int kExitValid = 0;
constexpr int kExitInvalid = 1;
constexpr int kExitUnreadable = 2;

int usage() {
  std::cerr << "usage: tokhai-forms lint FORM.json...\n"
               "       tokhai-forms check FORM.json ANSWERS.json [--today YYYY-MM-DD] "
               "[--data DIR]\n";
  return kExitUnreadable;
}

int unreadable(const std::string& what_vi, const std::string& what_en) {
  std::cerr << "tokhai-forms: " << what_vi << " / " << what_en << "\n";
  return kExitUnreadable;
}

CalendarDate local_today() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return CalendarDate{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

std::optional<tokhai::core::FormDataSets> load_data(const std::filesystem::path& directory) {
  if (!std::filesystem::exists(directory)) return std::nullopt;
  auto data = tokhai::core::FormDataSets::load(directory);
  if (!data) {
    std::cerr << "tokhai-forms: " << tokhai::tools::describe(data.error()) << "\n";
    return std::nullopt;
  }
  return std::move(data).value();
}

int lint(const std::vector<std::string>& files) {
  if (files.empty()) return usage();
  int problems = 0;
  for (const std::string& file : files) {
    const std::filesystem::path path(file);
    const bool is_bundle = path.parent_path().filename() == "bundles";
    const auto forms_dir = is_bundle ? path.parent_path().parent_path() : path.parent_path();
    const auto data = is_bundle ? std::nullopt : load_data(forms_dir / "data");
    const auto found = is_bundle ? tokhai::tools::lint_bundle(path, forms_dir)
                                 : tokhai::tools::lint_form(path, data ? &*data : nullptr);
    for (const auto& error : found) std::cout << tokhai::tools::describe(error) << "\n";
    if (found.empty()) std::cout << file << ": OK\n";
    problems += static_cast<int>(found.size());
  }
  return problems == 0 ? kExitValid : kExitInvalid;
}

int check(const std::vector<std::string>& args) {
  std::vector<std::string> files;
  std::optional<CalendarDate> today;
  std::optional<std::filesystem::path> data_dir;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--today" && i + 1 < args.size()) {
      today = tokhai::core::parse_iso_date(args[++i]);
      if (!today) return unreadable("--today phải là yyyy-mm-dd", "--today must be yyyy-mm-dd");
    } else if (args[i] == "--data" && i + 1 < args.size()) {
      data_dir = args[++i];
    } else if (args[i].rfind("--", 0) == 0) {
      return usage();
    } else {
      files.push_back(args[i]);
    }
  }
  if (files.size() != 2) return usage();
  const std::filesystem::path form_path(files[0]);
  const auto form_text = tokhai::core::read_text_file(form_path);
  if (!form_text) return unreadable("không đọc được " + files[0], "cannot read " + files[0]);
  auto form = tokhai::core::load_form_definition(*form_text, form_path.filename().string());
  if (!form) {
    std::cerr << "tokhai-forms: " << tokhai::tools::describe(form.error()) << "\n";
    return kExitUnreadable;
  }
  const auto answers_text = tokhai::core::read_text_file(files[1]);
  if (!answers_text) return unreadable("không đọc được " + files[1], "cannot read " + files[1]);
  const auto answers = nlohmann::json::parse(*answers_text, nullptr, /*allow_exceptions=*/false);
  if (answers.is_discarded()) {
    return unreadable(files[1] + " không phải JSON hợp lệ", files[1] + " is not valid JSON");
  }
  const auto data = load_data(data_dir.value_or(form_path.parent_path() / "data"));
  auto report = tokhai::tools::check_answers(form.value(), answers, today.value_or(local_today()),
                                             data ? &*data : nullptr);
  if (!report) {
    std::cerr << "tokhai-forms: " << files[1] << ": " << tokhai::tools::describe(report.error())
              << "\n";
    return kExitUnreadable;
  }
  std::cout << report.value().json.dump(2) << "\n";
  return report.value().valid ? kExitValid : kExitInvalid;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  const std::string command = argv[1];
  const std::vector<std::string> args(argv + 2, argv + argc);
  if (command == "lint") return lint(args);
  if (command == "check") return check(args);
  return usage();
}
