// XChaCha20-Poly1305-IETF: a known answer, and every kind of change refused.
#include "crypto/aead.h"

#include <catch2/catch.hpp>

#include "crypto/encoding.h"

using namespace tokhai::crypto;

namespace {

Bytes hex(std::string_view text) { return from_hex(text).value(); }

}  // namespace

TEST_CASE("aead_open decrypts libsodium's XChaCha20-Poly1305 test vector") {
  // test/default/aead_xchacha20poly1305.c of libsodium 1.0.18.
  const SecretBytes key =
      SecretBytes::copy_of(hex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"));
  const Bytes nonce = hex("07000000404142434445464748494a4b4c4d4e4f50515253");
  const Bytes associated = hex("50515253c0c1c2c3c4c5c6c7");
  Bytes sealed = nonce;
  const Bytes ciphertext = hex(
      "f8ebea4875044066fc162a0604e171feecfb3d20425248563bcfd5a155dcc47bbda70b86e5ab9b55002bd1274c"
      "02db35321acd7af8b2e2d25015e136b7679458e9f43243bf719d639badb5feac03f80a19a96ef10cb1d15333a8"
      "37b90946ba3854ee74da3f2585efc7e1e170e17e15e563e77601f4f85cafa8e5877614e143e68420");
  sealed.insert(sealed.end(), ciphertext.begin(), ciphertext.end());
  auto opened = aead_open(key, sealed, associated);
  REQUIRE(opened.ok());
  CHECK(opened.value().as_text() ==
        "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the "
        "future, sunscreen would be it.");
}

TEST_CASE("sealed data opens only with the same key and associated data") {
  const SecretBytes key = SecretBytes::random(kAeadKeyBytes);
  const Bytes sealed = aead_seal(key, as_bytes("Nguyễn Văn An"), as_bytes("vault-1/record-7"));
  CHECK(sealed.size() == std::string_view("Nguyễn Văn An").size() + kAeadOverheadBytes);

  auto opened = aead_open(key, sealed, as_bytes("vault-1/record-7"));
  REQUIRE(opened.ok());
  CHECK(opened.value().as_text() == "Nguyễn Văn An");

  auto other_ad = aead_open(key, sealed, as_bytes("vault-1/record-8"));
  REQUIRE_FALSE(other_ad.ok());
  CHECK(other_ad.error().code == "crypto.aead_forged");
  CHECK_FALSE(
      aead_open(SecretBytes::random(kAeadKeyBytes), sealed, as_bytes("vault-1/record-7")).ok());
}

TEST_CASE("every flipped bit of nonce, ciphertext or tag is detected") {
  const SecretBytes key = SecretBytes::random(kAeadKeyBytes);
  const Bytes sealed = aead_seal(key, as_bytes("bản nháp"), as_bytes("ad"));
  for (std::size_t at = 0; at < sealed.size(); ++at) {
    Bytes altered = sealed;
    altered[at] ^= 0x01;
    INFO("byte " << at);
    CHECK_FALSE(aead_open(key, altered, as_bytes("ad")).ok());
  }
  Bytes truncated(sealed.begin(), sealed.end() - 1);
  CHECK_FALSE(aead_open(key, truncated, as_bytes("ad")).ok());
  auto tiny = aead_open(key, Bytes(kAeadOverheadBytes - 1), as_bytes("ad"));
  REQUIRE_FALSE(tiny.ok());
  CHECK(tiny.error().code == "crypto.aead_short");
}

TEST_CASE("an empty plaintext seals and opens; two seals never repeat") {
  const SecretBytes key = SecretBytes::random(kAeadKeyBytes);
  const Bytes sealed = aead_seal(key, {}, {});
  CHECK(sealed.size() == kAeadOverheadBytes);
  auto opened = aead_open(key, sealed, {});
  REQUIRE(opened.ok());
  CHECK(opened.value().empty());
  CHECK(aead_seal(key, as_bytes("x"), {}) != aead_seal(key, as_bytes("x"), {}));
}
