// tokhai-agency's key files and the development keys shipped in config/dev:
// keygen writes a secret only its owner can read and never overwrites one;
// the public entry it prints is the secret's; every shipped form is sealed to
// the box key the public-keys file lists for its agency, and every secret in
// config/dev/secrets belongs to that file.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/json_text.h"
#include "core/text_file.h"
#include "crypto/encoding.h"
#include "tools/agency/agency_commands.h"
#include "wire/key_files.h"

using namespace tokhai;
namespace fs = std::filesystem;

namespace {

struct TempFolder {
  fs::path path = fs::temp_directory_path() / ("tokhai-keys-" + std::to_string(::getpid()));
  TempFolder() { fs::create_directories(path); }
  ~TempFolder() { fs::remove_all(path); }
};

unsigned mode_of(const fs::path& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return info.st_mode & 0777;
}

}  // namespace

TEST_CASE("keygen writes an owner-only secret, prints its public half, never overwrites") {
  TempFolder folder;
  const fs::path secret_path = folder.path / "ubnd-xa.agency-secret.json";
  auto entry = tools::keygen("ubnd-xa", "Ủy ban nhân dân xã", secret_path);
  REQUIRE(entry);
  CHECK(mode_of(secret_path) == 0600);
  auto secret = wire::parse_agency_secret(core::read_text_file(secret_path).value());
  REQUIRE(secret);
  const nlohmann::json printed = core::parse_json_text(entry.value());
  CHECK(printed["code"] == "ubnd-xa");
  CHECK(printed["box_public_key"] == crypto::to_base64(secret.value().box.public_key));
  CHECK(printed["signing_public_key"] == crypto::to_base64(secret.value().signing.public_key));

  const std::string before = core::read_text_file(secret_path).value();
  auto again = tools::keygen("ubnd-xa", "x", secret_path);
  REQUIRE_FALSE(again);
  CHECK(again.error().code == "agency_tool.exists");
  CHECK(core::read_text_file(secret_path).value() == before);
  CHECK(tools::keygen("UBND", "x", folder.path / "b.json").error().code == "agency_tool.bad_code");

  const fs::path server_path = folder.path / "server.secret.json";
  auto server_entry = tools::server_keygen(server_path);
  REQUIRE(server_entry);
  CHECK(mode_of(server_path) == 0600);
  auto server = wire::parse_server_secret(core::read_text_file(server_path).value());
  REQUIRE(server);
  CHECK(core::parse_json_text(server_entry.value())["signing_public_key"] ==
        crypto::to_base64(server.value().public_key));
  CHECK_FALSE(tools::server_keygen(server_path));
}

TEST_CASE("the shipped forms are sealed to the development keys of their agency") {
  auto keys = wire::parse_public_keys(core::read_text_file("config/dev/public-keys.json").value());
  REQUIRE(keys);
  auto server = wire::parse_server_secret(
      core::read_text_file("config/dev/secrets/server.secret.json").value());
  REQUIRE(server);
  CHECK(server.value().public_key == keys.value().server_signing_public_key);
  for (const auto& agency : keys.value().agencies) {
    INFO(agency.code);
    auto secret = wire::parse_agency_secret(
        core::read_text_file("config/dev/secrets/" + agency.code + ".agency-secret.json").value());
    REQUIRE(secret);
    CHECK(secret.value().box.public_key == agency.box_public_key);
    CHECK(secret.value().signing.public_key == agency.signing_public_key);
  }
  int forms = 0;
  for (const auto& file : fs::directory_iterator("forms")) {
    if (file.path().extension() != ".json") continue;
    INFO(file.path());
    const nlohmann::json form = core::parse_json_text(core::read_text_file(file.path()).value());
    const auto* agency = keys.value().agency(form["agency"]["code"].get<std::string>());
    REQUIRE(agency != nullptr);
    CHECK(form["agency"]["public_key"] == crypto::to_base64(agency->box_public_key));
    ++forms;
  }
  CHECK(forms >= 7);
}
