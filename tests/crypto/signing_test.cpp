// Ed25519 signatures and X25519 sealed boxes.
#include "crypto/signing.h"

#include <catch2/catch.hpp>

#include "crypto/encoding.h"
#include "crypto/sealed_box.h"

using namespace tokhai::crypto;

TEST_CASE("Ed25519 gives the RFC 8032 test vector 2") {
  const SecretBytes seed = SecretBytes::copy_of(
      from_hex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb").value());
  auto pair = signing_key_pair_from_seed(seed);
  REQUIRE(pair.ok());
  CHECK(to_hex(pair.value().public_key) ==
        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
  const Bytes message = {0x72};
  const Bytes signature = sign_detached(pair.value().secret_key, message);
  CHECK(to_hex(signature) ==
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
        "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
  CHECK(verify_detached(pair.value().public_key, message, signature));
}

TEST_CASE("a signature verifies only for its key and message") {
  const SigningKeyPair alice = generate_signing_key_pair();
  const SigningKeyPair bob = generate_signing_key_pair();
  CHECK(alice.public_key.size() == kSigningPublicKeyBytes);
  CHECK(alice.secret_key.size() == kSigningSecretKeyBytes);
  const Bytes signature = sign_detached(alice.secret_key, as_bytes("hồ sơ khai sinh"));
  CHECK(verify_detached(alice.public_key, as_bytes("hồ sơ khai sinh"), signature));
  CHECK_FALSE(verify_detached(bob.public_key, as_bytes("hồ sơ khai sinh"), signature));
  CHECK_FALSE(verify_detached(alice.public_key, as_bytes("hồ sơ khai tử"), signature));
  Bytes altered = signature;
  altered[10] ^= 0x40;
  CHECK_FALSE(verify_detached(alice.public_key, as_bytes("hồ sơ khai sinh"), altered));
  CHECK_FALSE(verify_detached(Bytes(31), as_bytes("hồ sơ khai sinh"), signature));
  CHECK_FALSE(verify_detached(alice.public_key, as_bytes("hồ sơ khai sinh"), Bytes(63)));
  CHECK_FALSE(signing_key_pair_from_seed(SecretBytes(31)).ok());
}

TEST_CASE("a sealed box opens only with the recipient's secret key") {
  const BoxKeyPair agency = generate_box_key_pair();
  const BoxKeyPair other = generate_box_key_pair();
  auto sealed = seal_to(agency.public_key, as_bytes("{\"ho_ten\":\"Trần Thị Bình\"}"));
  REQUIRE(sealed.ok());
  CHECK(sealed.value().size() ==
        std::string_view("{\"ho_ten\":\"Trần Thị Bình\"}").size() + kSealedBoxOverheadBytes);
  auto opened = open_sealed(agency, sealed.value());
  REQUIRE(opened.ok());
  CHECK(opened.value().as_text() == "{\"ho_ten\":\"Trần Thị Bình\"}");

  auto wrong = open_sealed(other, sealed.value());
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.error().code == "crypto.box_forged");
  Bytes altered = sealed.value();
  altered.back() ^= 1;
  CHECK_FALSE(open_sealed(agency, altered).ok());
  CHECK_FALSE(open_sealed(agency, Bytes(kSealedBoxOverheadBytes - 1)).ok());
}

TEST_CASE("sealing to a malformed agency key is an error, not a crash") {
  auto short_key = seal_to(Bytes(31), as_bytes("x"));
  REQUIRE_FALSE(short_key.ok());
  CHECK(short_key.error().code == "crypto.bad_key");
  auto zero_key = seal_to(Bytes(kBoxPublicKeyBytes), as_bytes("x"));  // a low-order point
  REQUIRE_FALSE(zero_key.ok());
  CHECK(zero_key.error().code == "crypto.bad_key");
}

TEST_CASE("a box key pair from a seed is the same every time and opens what is sealed to it") {
  const SecretBytes seed = SecretBytes::copy_of(Bytes(kBoxSeedBytes, 0x42));
  auto first = box_key_pair_from_seed(seed);
  auto second = box_key_pair_from_seed(seed);
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  CHECK(first.value().public_key == second.value().public_key);
  CHECK(first.value().secret_key == second.value().secret_key);
  CHECK(first.value().public_key !=
        box_key_pair_from_seed(SecretBytes(kBoxSeedBytes)).value().public_key);
  auto sealed = seal_to(first.value().public_key, as_bytes("tờ khai"));
  REQUIRE(sealed.ok());
  auto opened = open_sealed(second.value(), sealed.value());
  REQUIRE(opened.ok());
  CHECK(opened.value().as_text() == "tờ khai");
  auto short_seed = box_key_pair_from_seed(SecretBytes(kBoxSeedBytes - 1));
  REQUIRE_FALSE(short_seed.ok());
  CHECK(short_seed.error().code == "crypto.bad_key");
}
