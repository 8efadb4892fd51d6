// The shipped bundles (forms/bundles/) fit the shipped forms, and a shared
// fact typed once reaches every procedure of the interconnected filing.
#include <catch2/catch.hpp>
#include <filesystem>

#include "core/form/bundle.h"
#include "core/text_file.h"
#include "tools/forms/forms_check.h"

using tokhai::core::CalendarDate;
using tokhai::core::FormDefinition;
using tokhai::core::expr::Value;

namespace {

std::vector<std::filesystem::path> bundle_files() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator("forms/bundles")) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  return files;
}

FormDefinition load_form(const std::string& id) {
  const auto text = tokhai::core::read_text_file("forms/" + id + ".json");
  REQUIRE(text.has_value());
  auto form = tokhai::core::load_form_definition(*text, id + ".json");
  REQUIRE(form.ok());
  return std::move(form).value();
}

}  // namespace

TEST_CASE("every shipped bundle fits the shipped forms") {
  const auto files = bundle_files();
  REQUIRE(files.size() >= 2);
  for (const auto& file : files) {
    INFO(file.string());
    const auto problems = tokhai::tools::lint_bundle(file, "forms");
    for (const auto& problem : problems) UNSCOPED_INFO(tokhai::tools::describe(problem));
    CHECK(problems.empty());
  }
}

TEST_CASE("the birth bundle asks the child's name and date of birth once") {
  const FormDefinition birth = load_form("ho-tich.khai-sinh");
  const FormDefinition residence = load_form("cu-tru.ct01");
  const FormDefinition insurance = load_form("bhyt.tre-em-duoi-6");
  const auto text = tokhai::core::read_text_file("forms/bundles/lien-thong.khai-sinh.json");
  REQUIRE(text.has_value());
  auto bundle = tokhai::core::load_bundle_definition(
      *text, "lien-thong.khai-sinh.json",
      [&](std::string_view id, std::string_view) -> const FormDefinition* {
        for (const FormDefinition* form : {&birth, &residence, &insurance}) {
          if (form->summary.id == id) return form;
        }
        return nullptr;
      });
  REQUIRE(bundle.ok());
  tokhai::core::BundleSession session(bundle.value(), CalendarDate{2026, 11, 21});
  REQUIRE(session.set_shared("child_name", "Nguyễn Minh Khôi"));
  REQUIRE(session.set_shared("child_dob", "2026-11-01"));
  CHECK(session.session("ho-tich.khai-sinh")->answer("child_name") == Value("Nguyễn Minh Khôi"));
  CHECK(session.session("cu-tru.ct01")->answer("requester_name") == Value("Nguyễn Minh Khôi"));
  CHECK(session.session("bhyt.tre-em-duoi-6")->answer("child_dob") ==
        Value(CalendarDate{2026, 11, 1}));
  // Every procedure is filed in the birth bundle.
  CHECK_FALSE(session.choose("bhyt.tre-em-duoi-6", false));
}
