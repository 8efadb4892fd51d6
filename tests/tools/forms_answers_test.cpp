// Data tests of the shipped forms: every forms/*.json lints clean against forms/data; every
// answer file tests/forms/<form-id>/*.answers.json gives at least the issues its
// .expect.json lists (and a valid one gives no error at all); every form has a valid answer
// file and at least three invalid ones; every form's fee item is in forms/data/fees.json.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "core/dates.h"
#include "core/form_data_sets.h"
#include "core/text_file.h"
#include "tools/forms/forms_check.h"

namespace fs = std::filesystem;
using nlohmann::json;
using tokhai::core::CalendarDate;
using tokhai::core::FormDataSets;

namespace {

// Every expect file is written for this day (the check command's --today 2026-11-21).
const CalendarDate kToday{2026, 11, 21};
constexpr const char* kAnswersSuffix = ".answers.json";
constexpr const char* kExpectSuffix = ".expect.json";

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Regular files of `directory` whose names end with `suffix`, sorted.
std::vector<fs::path> files_in(const fs::path& directory, const std::string& suffix) {
  std::vector<fs::path> found;
  for (const auto& entry : fs::directory_iterator(directory)) {
    if (entry.is_regular_file() && ends_with(entry.path().filename().string(), suffix)) {
      found.push_back(entry.path());
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

std::vector<fs::path> subfolders(const fs::path& directory) {
  std::vector<fs::path> found;
  for (const auto& entry : fs::directory_iterator(directory)) {
    if (entry.is_directory()) found.push_back(entry.path());
  }
  std::sort(found.begin(), found.end());
  return found;
}

json read_json(const fs::path& path) {
  INFO("reading " << path.string());
  const auto text = tokhai::core::read_text_file(path);
  REQUIRE(text.has_value());
  json parsed = json::parse(*text, nullptr, /*allow_exceptions=*/false);
  REQUIRE_FALSE(parsed.is_discarded());
  return parsed;
}

FormDataSets load_data() {
  auto data = FormDataSets::load("forms/data");
  if (!data) FAIL(tokhai::tools::describe(data.error()));
  return std::move(data).value();
}

tokhai::core::FormDefinition load_form(const fs::path& path) {
  INFO("loading " << path.string());
  const auto text = tokhai::core::read_text_file(path);
  REQUIRE(text.has_value());
  auto form = tokhai::core::load_form_definition(*text, path.filename().string());
  if (!form) FAIL(tokhai::tools::describe(form.error()));
  return std::move(form).value();
}

// The issue codes of kind "errors" or "warnings" at `path` of a check report.
std::vector<std::string> codes_at(const json& report, const std::string& path, const char* kind) {
  std::vector<std::string> codes;
  const auto field = report["fields"].find(path);
  if (field == report["fields"].end()) return codes;
  for (const auto& issue : (*field)[kind]) codes.push_back(issue["code"].get<std::string>());
  return codes;
}

// Every error of a report, as "path: code".
std::vector<std::string> all_errors(const json& report) {
  std::vector<std::string> errors;
  for (const auto& [path, field] : report["fields"].items()) {
    for (const auto& issue : field["errors"]) {
      errors.push_back(path + ": " + issue["code"].get<std::string>());
    }
  }
  return errors;
}

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return "[" + text + "]";
}

}  // namespace

TEST_CASE("every shipped form lints clean against forms/data") {
  const FormDataSets data = load_data();
  const auto forms = files_in("forms", ".json");
  REQUIRE_FALSE(forms.empty());
  for (const fs::path& form : forms) {
    INFO(form.string());
    std::vector<std::string> problems;
    for (const auto& error : tokhai::tools::lint_form(form, &data)) {
      problems.push_back(tokhai::tools::describe(error));
    }
    INFO(joined(problems));
    CHECK(problems.empty());
  }
}

TEST_CASE("every answer file gives the issues its expect file lists") {
  const FormDataSets data = load_data();
  const auto folders = subfolders("tests/forms");
  REQUIRE_FALSE(folders.empty());
  for (const fs::path& folder : folders) {
    const fs::path form_path = fs::path("forms") / (folder.filename().string() + ".json");
    INFO("folder " << folder.string() << " checks form " << form_path.string());
    REQUIRE(fs::exists(form_path));
    const auto form = load_form(form_path);
    for (const fs::path& answers_path : files_in(folder, kAnswersSuffix)) {
      const std::string name = answers_path.filename().string();
      const fs::path expect_path =
          folder /
          (name.substr(0, name.size() - std::string(kAnswersSuffix).size()) + kExpectSuffix);
      INFO("answers " << answers_path.string() << ", expected " << expect_path.string());
      REQUIRE(fs::exists(expect_path));
      const json expect = read_json(expect_path);
      REQUIRE(expect.contains("valid"));
      REQUIRE(expect["valid"].is_boolean());
      const bool expect_valid = expect["valid"].get<bool>();

      auto checked = tokhai::tools::check_answers(form, read_json(answers_path), kToday, &data);
      if (!checked) FAIL(tokhai::tools::describe(checked.error()));
      const json& report = checked.value().json;
      const auto errors = all_errors(report);
      INFO("errors found: " << joined(errors));

      CHECK(checked.value().valid == expect_valid);
      CHECK(report["valid"].get<bool>() == expect_valid);
      if (expect_valid) {
        CHECK(expect.value("errors", json::object()).empty());
        CHECK(errors.empty());
      } else {
        CHECK_FALSE(expect.value("errors", json::object()).empty());
      }
      for (const char* kind : {"errors", "warnings"}) {
        const json expected = expect.value(kind, json::object());
        for (const auto& [path, codes] : expected.items()) {
          const auto found = codes_at(report, path, kind);
          for (const auto& code : codes) {
            INFO(kind << " at " << path << ": want " << code.get<std::string>() << ", found "
                      << joined(found));
            const bool present =
                std::find(found.begin(), found.end(), code.get<std::string>()) != found.end();
            CHECK(present);
          }
        }
      }
    }
  }
}

TEST_CASE("every form has a valid answer file and at least three invalid ones") {
  for (const fs::path& form : files_in("forms", ".json")) {
    const fs::path folder = fs::path("tests/forms") / form.stem();
    INFO(folder.string());
    REQUIRE(fs::is_directory(folder));
    CHECK(fs::exists(folder / "valid.answers.json"));
    int invalid = 0;
    for (const fs::path& answers : files_in(folder, kAnswersSuffix)) {
      if (answers.filename().string().rfind("invalid-", 0) == 0) ++invalid;
    }
    CHECK(invalid >= 3);
  }
}

TEST_CASE("fees.json is well formed and holds every form's fee item") {
  const json fees = read_json("forms/data/fees.json");
  CHECK(fees.value("format", "") == "tokhai-fees/1");
  CHECK(tokhai::core::parse_iso_date(fees.value("as_of", "")).has_value());
  REQUIRE(fees.contains("items"));
  REQUIRE(fees["items"].is_array());
  std::set<std::string> codes;
  for (const json& item : fees["items"]) {
    INFO(item.dump());
    REQUIRE(item.contains("code"));
    REQUIRE(item["code"].is_string());
    CHECK(codes.insert(item["code"].get<std::string>()).second);
    CHECK(item.contains("name"));
    CHECK(item.value("name", json::object()).value("vi", json()).is_string());
    REQUIRE(item.contains("amount_vnd"));
    REQUIRE(item["amount_vnd"].is_number_integer());
    CHECK(item["amount_vnd"].get<long>() >= 0);
    if (item.contains("online_amount_vnd")) {
      REQUIRE(item["online_amount_vnd"].is_number_integer());
      CHECK(item["online_amount_vnd"].get<long>() >= 0);
      CHECK(item["online_amount_vnd"].get<long>() <= item["amount_vnd"].get<long>());
    }
    CHECK_FALSE(item.value("legal_basis", "").empty());
    if (item.contains("note")) CHECK(item["note"].value("vi", json()).is_string());
  }
  for (const fs::path& form : files_in("forms", ".json")) {
    const json definition = read_json(form);
    INFO(form.string());
    REQUIRE(definition.contains("fee"));
    CHECK(codes.count(definition["fee"].get<std::string>()) == 1);
  }
}
