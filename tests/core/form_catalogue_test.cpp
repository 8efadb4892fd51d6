// Scenario tests: which forms a citizen sees in the catalogue, and what a form
// author is told when a definition is broken.
#include "core/form_catalogue.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>

using tokhai::core::Language;
using tokhai::core::load_form_catalogue;
using tokhai::core::read_form_summary;

namespace {

const char* kValidForm = R"({
  "format": "tokhai-form/1",
  "id": "ho-tich.khai-tu",
  "version": "2024.1",
  "title": {"vi": "Tờ khai đăng ký khai tử", "en": "Death registration declaration"},
  "legal_basis": {"vi": "Thông tư 04/2024/TT-BTP"},
  "effective_date": "2024-07-22",
  "agency": {"code": "ubnd-xa", "name": {"vi": "Ủy ban nhân dân xã"}}
})";

// A fresh folder under the system temp dir, removed at the end of the test.
class TempFolder {
 public:
  TempFolder() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            ("tokhai-catalogue-" + std::to_string(random()) + std::to_string(random()));
    std::filesystem::create_directories(path_);
  }
  ~TempFolder() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name, std::ios::binary) << text;
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("a valid definition gives the summary the catalogue shows") {
  auto summary = read_form_summary(kValidForm, "khai-tu.json");
  REQUIRE(summary.ok());
  CHECK(summary.value().id == "ho-tich.khai-tu");
  CHECK(summary.value().version == "2024.1");
  CHECK(summary.value().title.in(Language::vi) == "Tờ khai đăng ký khai tử");
  CHECK(summary.value().title.in(Language::en) == "Death registration declaration");
  CHECK(summary.value().agency_code == "ubnd-xa");
  CHECK(summary.value().effective_date == "2024-07-22");
}

TEST_CASE("English falls back to Vietnamese where a form has no English text") {
  auto summary = read_form_summary(kValidForm, "khai-tu.json");
  REQUIRE(summary.ok());
  CHECK(summary.value().legal_basis.in(Language::en) == "Thông tư 04/2024/TT-BTP");
  CHECK(summary.value().agency_name.in(Language::en) == "Ủy ban nhân dân xã");
}

TEST_CASE("a broken definition is an error that names the file and the member") {
  struct Case {
    std::string json;
    std::string code;
    std::string where;
  };
  const std::vector<Case> cases = {
      {"{\"format\": ", "form.not_json", "f.json"},
      {"[1, 2]", "form.type", "f.json"},
      {replaced(kValidForm, "tokhai-form/1", "tokhai-form/9"), "form.format", "f.json: format"},
      {replaced(kValidForm, "\"id\": \"ho-tich.khai-tu\",", ""), "form.missing", "f.json: id"},
      {replaced(kValidForm, "ho-tich.khai-tu", "Hộ tịch"), "form.id", "f.json: id"},
      {replaced(kValidForm, "\"2024.1\"", "20241"), "form.type", "f.json: version"},
      {replaced(kValidForm, "{\"vi\": \"Tờ khai đăng ký khai tử\", ", "{"), "form.missing",
       "f.json: title.vi"},
      {replaced(kValidForm, "\"en\": \"Death registration declaration\"", "\"en\": 3"), "form.type",
       "f.json: title.en"},
      {replaced(kValidForm, "2024-07-22", "2023-02-29"), "form.date", "f.json: effective_date"},
      {replaced(kValidForm, "2024-07-22", "22/07/2024"), "form.date", "f.json: effective_date"},
      {replaced(kValidForm, "\"code\": \"ubnd-xa\", ", ""), "form.missing", "f.json: agency.code"},
      {replaced(kValidForm, "\"name\": {\"vi\": \"Ủy ban nhân dân xã\"}", "\"name\": \"x\""),
       "form.type", "f.json: agency.name"},
  };
  for (const auto& c : cases) {
    INFO(c.json);
    auto summary = read_form_summary(c.json, "f.json");
    REQUIRE_FALSE(summary.ok());
    CHECK(summary.error().code == c.code);
    CHECK(summary.error().where == c.where);
    CHECK_FALSE(summary.error().message.vi.empty());
    CHECK_FALSE(summary.error().message.en.empty());
  }
}

TEST_CASE("a leap day is a valid effective date") {
  auto summary = read_form_summary(replaced(kValidForm, "2024-07-22", "2024-02-29"), "f.json");
  CHECK(summary.ok());
}

TEST_CASE("one broken file does not hide the other forms") {
  TempFolder folder;
  folder.write("b-khai-tu.json", kValidForm);
  folder.write("a-broken.json", "{ not json");
  folder.write("c-khai-sinh.json",
               replaced(replaced(kValidForm, "ho-tich.khai-tu", "ho-tich.khai-sinh"),
                        "Tờ khai đăng ký khai tử", "Tờ khai đăng ký khai sinh"));
  folder.write("notes.txt", "not a form");

  auto catalogue = load_form_catalogue(folder.path());
  REQUIRE(catalogue.forms.size() == 2);
  CHECK(catalogue.forms[0].id == "ho-tich.khai-sinh");
  CHECK(catalogue.forms[1].id == "ho-tich.khai-tu");
  REQUIRE(catalogue.errors.size() == 1);
  CHECK(catalogue.errors[0].code == "form.not_json");
  CHECK(catalogue.errors[0].where == "a-broken.json");
}

TEST_CASE("two files declaring the same form and version are reported, the first kept") {
  TempFolder folder;
  folder.write("a.json", kValidForm);
  folder.write("b.json", kValidForm);
  folder.write("c.json", replaced(kValidForm, "\"2024.1\"", "\"2025.1\""));

  auto catalogue = load_form_catalogue(folder.path());
  REQUIRE(catalogue.forms.size() == 2);
  CHECK(catalogue.forms[0].source == "a.json");
  CHECK(catalogue.forms[1].version == "2025.1");
  REQUIRE(catalogue.errors.size() == 1);
  CHECK(catalogue.errors[0].code == "form.duplicate");
  CHECK(catalogue.errors[0].where == "a.json, b.json");
}

TEST_CASE("a missing forms folder is one clear error") {
  auto catalogue = load_form_catalogue("/nonexistent/tokhai/forms");
  CHECK(catalogue.forms.empty());
  REQUIRE(catalogue.errors.size() == 1);
  CHECK(catalogue.errors[0].code == "catalogue.unreadable");
}

TEST_CASE("every form shipped in forms/ loads without error") {
  auto catalogue = load_form_catalogue("forms");
  for (const auto& error : catalogue.errors) {
    UNSCOPED_INFO(error.where << ": " << error.message.en);
  }
  CHECK(catalogue.errors.empty());
  CHECK_FALSE(catalogue.forms.empty());
}

TEST_CASE("the bundles folder is a catalogue of bundle summaries; a form file there is refused") {
  auto bundles = load_form_catalogue("forms/bundles", "tokhai-bundle/1");
  for (const auto& error : bundles.errors) {
    UNSCOPED_INFO(error.where << ": " << error.message.en);
  }
  CHECK(bundles.errors.empty());
  REQUIRE(bundles.forms.size() >= 2);
  CHECK(bundles.forms[0].id == "lien-thong.khai-sinh");
  CHECK(bundles.forms[0].source == "lien-thong.khai-sinh.json");

  TempFolder folder;
  folder.write("form.json", kValidForm);
  auto mixed = load_form_catalogue(folder.path(), "tokhai-bundle/1");
  CHECK(mixed.forms.empty());
  REQUIRE(mixed.errors.size() == 1);
  CHECK(mixed.errors[0].code == "form.format");
}
