// The signed form catalogue and the definition downloads (issue 8): the real
// server answers GET /api/v1/forms/catalogue with a tokhai-form-catalogue/1
// list that verifies with its receipt key and names each accepted file's size
// and hash, GET /api/v1/forms/{id}/{version} with those exact bytes, and 404
// for a form it does not accept; the serial comes from FORMS_DIR/catalogue-serial.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/text_file.h"
#include "crypto/bytes.h"
#include "server/form_registry.h"
#include "server/route_label.h"
#include "server_sandbox.h"
#include "temp_directory.h"
#include "wire/form_catalogue_document.h"
#include "wire/key_files.h"

using namespace tokhai;
using namespace tokhai::server;
using namespace tokhai::server::testing;

namespace {

void write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

core::Result<FormRegistry> load_registry(const SandboxKeys& keys) {
  const auto public_keys = wire::parse_public_keys(*core::read_text_file(keys.keys_file()));
  REQUIRE(public_keys);
  return FormRegistry::load(keys.forms_dir(), public_keys.value());
}

}  // namespace

TEST_CASE("the form catalogue is signed by the server key and the definitions are its bytes") {
  ServerSandbox sandbox;
  write(sandbox.keys().forms_dir() / "catalogue-serial", "12\n");
  RunningServer server(sandbox);
  auto client = server.client();

  auto answer = client->Get("/api/v1/forms/catalogue");
  REQUIRE(answer);
  CHECK(answer->status == 200);
  CHECK(answer->get_header_value("Content-Type") == "application/json");
  CHECK(answer->get_header_value("Cache-Control") == "no-store");
  auto document = wire::parse_form_catalogue(crypto::as_bytes(answer->body));
  REQUIRE(document);
  CHECK(wire::verify_form_catalogue(document.value(), sandbox.keys().server().public_key));
  CHECK(document.value().serial == 12);
  // test.no-key.json is left out by the registry, so it is not offered either.
  REQUIRE(document.value().forms.size() == 2);
  for (const wire::CatalogueForm& form : document.value().forms) {
    CAPTURE(form.id);
    const std::string text = sandbox.keys().form_text(form.id);
    CHECK(form.version == kTestFormVersion);
    CHECK(form.size_bytes == text.size());
    CHECK(form.definition_sha256 == sandbox.keys().form_sha256(form.id));
    CHECK(form.effective_date.size() == 10);

    auto definition = client->Get("/api/v1/forms/" + form.id + "/" + form.version);
    REQUIRE(definition);
    CHECK(definition->status == 200);
    CHECK(definition->body == text);
  }

  for (const char* path : {"/api/v1/forms/test.khai-bao/1999.1", "/api/v1/forms/test.no-key/2026.1",
                           "/api/v1/forms/nothing/here"}) {
    CAPTURE(path);
    auto missing = client->Get(path);
    REQUIRE(missing);
    CHECK(missing->status == 404);
    CHECK(nlohmann::json::parse(missing->body)["error"]["code"] == "form.unknown");
  }
}

TEST_CASE("the catalogue serial is read from catalogue-serial, 1 without it") {
  TempDirectory folder("tokhai-forms-");
  const SandboxKeys keys(folder.path());
  auto registry = load_registry(keys);
  REQUIRE(registry);
  CHECK(registry.value().catalogue_serial() == 1);
  const auto document = registry.value().catalogue_document("2026-12-03T08:00:00Z");
  CHECK(document.serial == 1);
  CHECK(document.forms.size() == registry.value().forms().size());

  write(keys.forms_dir() / "catalogue-serial", " 9007199254740991\n");
  registry = load_registry(keys);
  REQUIRE(registry);
  CHECK(registry.value().catalogue_serial() == 9007199254740991u);

  for (const char* bad : {"", "seven", "-1", "12 13", "9007199254740992"}) {
    CAPTURE(bad);
    write(keys.forms_dir() / "catalogue-serial", bad);
    registry = load_registry(keys);
    REQUIRE_FALSE(registry);
    CHECK(registry.error().code == "config.catalogue_serial");
  }
}

TEST_CASE("the catalogue routes have their own metrics labels") {
  CHECK(route_label("/api/v1/forms/catalogue") == "/api/v1/forms/catalogue");
  CHECK(route_label("/api/v1/forms/ho-tich.khai-sinh/2024.1") == "/api/v1/forms/{id}/{version}");
  CHECK(route_label("/api/v1/forms/a/b/c") == "/api/other");
  CHECK(route_label("/api/v1/forms/a") == "/api/other");
}
