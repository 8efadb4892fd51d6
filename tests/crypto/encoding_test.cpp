// Hex and Base64, and random identifiers.
#include "crypto/encoding.h"

#include <catch2/catch.hpp>
#include <set>

#include "crypto/random.h"

using namespace tokhai::crypto;

TEST_CASE("hex round-trips and refuses what is not hex") {
  const Bytes bytes = {0x00, 0x01, 0xab, 0xff};
  CHECK(to_hex(bytes) == "0001abff");
  auto back = from_hex("0001ABff");
  REQUIRE(back.ok());
  CHECK(back.value() == bytes);
  CHECK(from_hex("").value().empty());
  for (const char* bad : {"0", "0g", "00 ", " 00", "0x00"}) {
    INFO(bad);
    auto decoded = from_hex(bad);
    REQUIRE_FALSE(decoded.ok());
    CHECK(decoded.error().code == "crypto.bad_hex");
  }
}

TEST_CASE("Base64 follows RFC 4648 in both variants") {
  // RFC 4648 §10 test vectors.
  CHECK(to_base64(as_bytes("")) == "");
  CHECK(to_base64(as_bytes("f")) == "Zg==");
  CHECK(to_base64(as_bytes("fo")) == "Zm8=");
  CHECK(to_base64(as_bytes("foobar")) == "Zm9vYmFy");
  CHECK(to_base64(as_bytes("fo"), Base64Variant::url_safe_no_padding) == "Zm8");
  const Bytes awkward = {0xfb, 0xff, 0xfe};
  CHECK(to_base64(awkward) == "+//+");
  CHECK(to_base64(awkward, Base64Variant::url_safe_no_padding) == "-__-");

  auto decoded = from_base64("Zm9vYg==");
  REQUIRE(decoded.ok());
  CHECK(to_string(decoded.value()) == "foob");
  auto url = from_base64("-__-", Base64Variant::url_safe_no_padding);
  REQUIRE(url.ok());
  CHECK(url.value() == awkward);
}

TEST_CASE("Base64 refuses the other alphabet, bad padding and stray characters") {
  for (const char* bad : {"Zm9vYg=", "Zm9v\nYg==", "Zm9v!g==", "-__-"}) {
    INFO(bad);
    auto decoded = from_base64(bad);
    REQUIRE_FALSE(decoded.ok());
    CHECK(decoded.error().code == "crypto.bad_base64");
  }
  CHECK_FALSE(from_base64("Zm8=", Base64Variant::url_safe_no_padding).ok());
}

TEST_CASE("random identifiers are hex of the asked size and do not repeat") {
  std::set<std::string> ids;
  for (int i = 0; i < 100; ++i) {
    const std::string id = random_hex_id();
    CHECK(id.size() == 32);
    CHECK(from_hex(id).ok());
    ids.insert(id);
  }
  CHECK(ids.size() == 100);
  CHECK(random_hex_id(4).size() == 8);
  CHECK(random_bytes(0).empty());
  for (int i = 0; i < 100; ++i) CHECK(random_below(6) < 6);
  CHECK(random_below(0) == 0);
}
