// Key files: what keygen writes reads back with the same keys; secret files
// give working key pairs; files of the wrong format or shape are refused with
// the member named.
#include "wire/key_files.h"

#include <catch2/catch.hpp>
#include <string>

#include "crypto/sealed_box.h"
#include "crypto/signing.h"

using namespace tokhai;
using namespace tokhai::wire;
using crypto::Bytes;

TEST_CASE("public and secret key files read back what was written") {
  const AgencySecret agency = generate_agency_secret("ubnd-xa");
  const crypto::SigningKeyPair server = crypto::generate_signing_key_pair();

  const std::string agency_text = agency_secret_text(agency);
  auto agency_again = parse_agency_secret(agency_text);
  REQUIRE(agency_again);
  CHECK(agency_again.value().code == "ubnd-xa");
  CHECK(agency_again.value().signing.public_key == agency.signing.public_key);
  CHECK(agency_again.value().box.public_key == agency.box.public_key);
  // The box key pair read back opens what was sealed to the original.
  const Bytes sealed = crypto::seal_to(agency.box.public_key, crypto::as_bytes("hồ sơ")).value();
  CHECK(crypto::open_sealed(agency_again.value().box, sealed));

  auto server_again = parse_server_secret(server_secret_text(server));
  REQUIRE(server_again);
  CHECK(server_again.value().public_key == server.public_key);

  PublicKeys keys;
  keys.server_signing_public_key = server.public_key;
  keys.agencies.push_back(agency_public_keys(agency, "Ủy ban nhân dân cấp xã"));
  keys.agencies.push_back(agency_public_keys(generate_agency_secret("bhxh"), "Bảo hiểm xã hội"));
  auto keys_again = parse_public_keys(public_keys_text(keys));
  REQUIRE(keys_again);
  CHECK(keys_again.value() == keys);
  REQUIRE(keys_again.value().agency("bhxh") != nullptr);
  CHECK(keys_again.value().agency("bhxh")->name == "Bảo hiểm xã hội");
  CHECK(keys_again.value().agency("csgt") == nullptr);
}

TEST_CASE("key files of another format or shape are refused") {
  const auto where = [](const Result<PublicKeys>& result) {
    return result ? std::string("ok") : result.error().code + " " + result.error().where;
  };
  CHECK(where(parse_public_keys("")) == "keys.bad_file ");
  CHECK(where(parse_public_keys(R"({"format":"tokhai-server-secret/1"})")) ==
        "keys.bad_file format");
  const std::string key = R"("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")";
  const std::string agency = R"({"code":"bhxh","name":"B","box_public_key":)" + key +
                             R"(,"signing_public_key":)" + key + "}";
  const auto file = [&](const std::string& agencies) {
    return R"({"format":"tokhai-public-keys/1","server":{"signing_public_key":)" + key +
           R"(},"agencies":[)" + agencies + "]}";
  };
  CHECK(where(parse_public_keys(file(agency))) == "ok");
  CHECK(where(parse_public_keys(file(agency + "," + agency))) == "keys.bad_file agencies[1].code");
  CHECK(where(parse_public_keys(file(R"({"code":"bhxh"})"))) ==
        "keys.bad_file agencies[0].box_public_key");
  std::string short_key = file(agency);
  short_key.replace(short_key.find(key), key.size(), R"("AAAA")");
  CHECK(where(parse_public_keys(short_key)) == "keys.bad_file server.signing_public_key");
  CHECK_FALSE(parse_agency_secret(R"({"format":"tokhai-agency-secret/1","code":"x"})"));
  CHECK_FALSE(parse_server_secret(R"({"format":"tokhai-server-secret/1","signing_seed":"AAAA"})"));
}
