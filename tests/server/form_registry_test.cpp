// FormRegistry: which form files the server accepts submissions for, with
// the hash of their exact bytes, and why the others are left out.
#include "server/form_registry.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "api_test_support.h"
#include "core/text_file.h"
#include "crypto/encoding.h"
#include "sandbox_keys.h"
#include "temp_directory.h"
#include "wire/key_files.h"

using namespace tokhai;
using namespace tokhai::server;
using namespace tokhai::server::testing;

namespace {

void write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("forms are accepted only with their agency's registered key; the rest are reported") {
  TempDirectory folder("tokhai-forms-");
  const SandboxKeys keys(folder.path());
  const std::string ubnd_form = keys.form_text(kUbndForm);
  const std::string ubnd_key = crypto::to_base64(keys.ubnd().box.public_key);
  const std::string csgt_key = crypto::to_base64(keys.csgt().box.public_key);
  write(
      keys.forms_dir() / "wrong-key.json",
      replaced(replaced(ubnd_form, "\"test.khai-bao\"", "\"test.wrong-key\""), ubnd_key, csgt_key));
  write(keys.forms_dir() / "unknown-agency.json",
        replaced(replaced(ubnd_form, "\"test.khai-bao\"", "\"test.unknown\""), "\"ubnd-xa\"",
                 "\"bhxh\""));
  write(keys.forms_dir() / "copy.json", ubnd_form);  // the same id and version again
  write(keys.forms_dir() / "broken.json", "{");
  write(keys.forms_dir() / "notes.txt", "not a form");

  const auto public_keys = wire::parse_public_keys(*core::read_text_file(keys.keys_file()));
  REQUIRE(public_keys);
  auto registry = FormRegistry::load(keys.forms_dir(), public_keys.value());
  REQUIRE(registry);
  REQUIRE(registry.value().forms().size() == 2);
  const AcceptedForm* form = registry.value().find(kUbndForm, kTestFormVersion);
  REQUIRE(form != nullptr);
  CHECK(form->definition_sha256 == keys.form_sha256(kUbndForm));
  CHECK(form->definition_sha256_hex == crypto::to_hex(keys.form_sha256(kUbndForm)));
  CHECK(form->agency_code == "ubnd-xa");
  CHECK(form->agency_box_public_key == keys.ubnd().box.public_key);
  CHECK(registry.value().find(kUbndForm, "2025.1") == nullptr);

  std::multiset<std::string> reasons;
  for (const auto& skipped : registry.value().skipped()) {
    reasons.insert(skipped.code + "@" + skipped.where);
  }
  CHECK(reasons == std::multiset<std::string>{"form.agency_key_mismatch@wrong-key.json",
                                              "form.unknown_agency@unknown-agency.json",
                                              "form.duplicate@test.khai-bao.json",
                                              "form.no_agency_key@test.no-key.json",
                                              "form.not_json@broken.json"});
  const auto listed = nlohmann::json::parse(registry.value().catalogue_json());
  CHECK(listed["forms"].size() == 2);

  CHECK(FormRegistry::load(folder.path() / "none", public_keys.value()).error().code ==
        "config.forms_dir");
}
