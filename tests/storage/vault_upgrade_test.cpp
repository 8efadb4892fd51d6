// A vault file written by an earlier build opens in this one: an update of the
// app never strands a draft or an unsent filing (issue 8).
//
// tests/storage/fixtures/vault-schema-<N>.sqlite is a vault file exactly as a
// build with vault schema N wrote it, and vault-schema-<N>.json what it holds.
// This build must open each fixture (running its own migrations on it), unlock
// it with the PIN and read every record back byte for byte, the signing key
// that signs a queued filing included. The test runs natively and in wasm (the
// phone's SQLite build).
//
// When a build adds a vault schema version, it keeps the older fixtures and
// adds its own, written by the hidden test below:
//   TOKHAI_VAULT_FIXTURE_DIR=tests/storage/fixtures build/native/bin/storage_tests
//   "[.write-fixture]"
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "core/text_file.h"
#include "crypto/encoding.h"
#include "storage/schema_migrations.h"
#include "storage/signing_key.h"
#include "storage/vault_database.h"
#include "storage/vault_store.h"
#include "vault_test_support.h"

using namespace tokhai::storage;
using namespace tokhai::storage::testing;
using tokhai::crypto::ByteView;

namespace {

constexpr const char* kFixtureDir = "tests/storage/fixtures";
constexpr std::string_view kPin = "246802";

// What a person had in the vault when the build was replaced: a draft being
// filled in, a filing signed and queued while offline, and their details.
struct Content {
  std::string kind, id, form_id, form_version, text;
};

std::vector<Content> fixture_contents() {
  return {
      {"draft", "3f1c0e9a2b7d4c51", "ho-tich.khai-sinh", "2025.1",
       R"({"addressee_commune":"08707","child_name":"Lê Minh An","requester_name":"Lê Văn Tuấn"})"},
      {"outbox", "b8d2a6f04c1e9357", "ho-tich.khai-sinh", "2025.1",
       R"({"state":"queued","envelope":"eyJmb3JtYXQiOiJ0b2toYWktZW52ZWxvcGUvMSJ9","attempts":1})"},
      {"profile", "self", "", "", R"({"full_name":"Lê Văn Tuấn","personal_id":"001203004567"})"},
  };
}

ByteView bytes_of(const std::string& text) {
  return {reinterpret_cast<const unsigned char*>(text.data()), text.size()};
}

}  // namespace

TEST_CASE("vault files written by earlier builds open, unlock and read in this build",
          "[upgrade]") {
  std::vector<std::filesystem::path> fixtures;
  for (const auto& entry : std::filesystem::directory_iterator(kFixtureDir)) {
    if (entry.path().extension() == ".sqlite") fixtures.push_back(entry.path());
  }
  // Schema 1 is the first released vault schema; every later one adds a file.
  REQUIRE(fixtures.size() >= 1);
  REQUIRE(fixtures.size() == static_cast<std::size_t>(vault_schema_version()));

  for (const auto& fixture : fixtures) {
    INFO("fixture " << fixture.string());
    auto expected_text =
        tokhai::core::read_text_file(std::filesystem::path(fixture).replace_extension(".json"));
    REQUIRE(expected_text.has_value());
    const auto expected = nlohmann::json::parse(*expected_text);

    // A copy, as the new build finds it in the phone's storage.
    TempDatabase temp;
    std::filesystem::copy_file(fixture, temp.path());
    ManualClock clock;
    auto store = VaultStore::open(temp.path(), clock.function());
    REQUIRE(store.ok());
    // The migrations of this build ran on it.
    {
      auto db = Database::open(temp.path(), OpenMode::read_only);
      REQUIRE(db.ok());
      CHECK(schema_version(db.value()).value() == vault_schema_version());
    }

    const auto vaults = store.value().list_vaults();
    REQUIRE(vaults.ok());
    REQUIRE(vaults.value().size() == 1);
    CHECK(vaults.value()[0].display_name == expected["display_name"].get<std::string>());
    CHECK(vaults.value()[0].id == expected["vault_id"].get<std::string>());

    // A wrong PIN is still refused; the right one opens it.
    CHECK_FALSE(store.value().unlock(vaults.value()[0].id, "000000").ok());
    clock.advance_seconds(3600);
    auto vault = store.value().unlock(vaults.value()[0].id, kPin);
    REQUIRE(vault.ok());

    for (const auto& record : expected["records"]) {
      const auto kind = record["kind"].get<std::string>();
      const auto id = record["id"].get<std::string>();
      INFO(kind << "/" << id);
      auto got = vault.value().get(kind, id);
      REQUIRE(got.ok());
      CHECK(got.value().meta.label.form_id == record["form_id"].get<std::string>());
      CHECK(got.value().meta.label.form_version == record["form_version"].get<std::string>());
      const auto view = got.value().content.view();
      CHECK(std::string(reinterpret_cast<const char*>(view.data()), view.size()) ==
            record["text"].get<std::string>());
    }
    // The key that signs the queued filing is the same key.
    auto key = load_signing_key(vault.value());
    REQUIRE(key.ok());
    CHECK(tokhai::crypto::to_base64(key.value().public_key) ==
          expected["signing_public_key"].get<std::string>());
    // And the vault goes on working: the draft is saved again.
    const auto draft = fixture_contents()[0];
    REQUIRE(vault.value()
                .put({draft.kind, draft.id, draft.form_id, draft.form_version},
                     bytes_of(std::string(R"({"child_name":"Lê Minh Anh"})")))
                .ok());
    CHECK(vault.value().list("draft").value().records.size() == 1);
  }
}

// Writes this build's fixture (see the top of the file). Hidden: run by hand
// when the vault schema version changes.
TEST_CASE("write the vault fixture of this build's schema", "[.write-fixture]") {
  const char* dir = std::getenv("TOKHAI_VAULT_FIXTURE_DIR");
  REQUIRE(dir != nullptr);
  const std::filesystem::path base =
      std::filesystem::path(dir) / ("vault-schema-" + std::to_string(vault_schema_version()));
  std::filesystem::remove(base.string() + ".sqlite");

  ManualClock clock;
  auto store = VaultStore::open(base.string() + ".sqlite", clock.function());
  REQUIRE(store.ok());
  auto vault = store.value().create_vault("Bà Tư", pin(kPin), fast_params());
  REQUIRE(vault.ok());
  nlohmann::json records = nlohmann::json::array();
  for (const auto& content : fixture_contents()) {
    clock.advance_seconds(60);
    REQUIRE(vault.value()
                .put({content.kind, content.id, content.form_id, content.form_version},
                     bytes_of(content.text))
                .ok());
    records.push_back({{"kind", content.kind},
                       {"id", content.id},
                       {"form_id", content.form_id},
                       {"form_version", content.form_version},
                       {"text", content.text}});
  }
  auto key = load_signing_key(vault.value());
  REQUIRE(key.ok());
  const nlohmann::json expected = {
      {"schema_version", vault_schema_version()},
      {"display_name", "Bà Tư"},
      {"vault_id", vault.value().id()},
      {"pin", std::string(kPin)},
      {"signing_public_key", tokhai::crypto::to_base64(key.value().public_key)},
      {"records", records}};
  std::ofstream(base.string() + ".json") << expected.dump(2) << "\n";
}
