// Hashes and subkeys: known answers, and keys that separate.
#include "crypto/hash.h"

#include <catch2/catch.hpp>

#include "crypto/encoding.h"

using namespace tokhai::crypto;

TEST_CASE("SHA-256 gives the FIPS 180-2 answers") {
  CHECK(to_hex(sha256(as_bytes("abc"))) ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(to_hex(sha256(as_bytes(""))) ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("BLAKE2b gives the RFC 7693 answer") {
  CHECK(to_hex(blake2b(as_bytes("abc"), 64)) ==
        "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
        "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
  CHECK(blake2b(as_bytes("abc")).size() == 32);
}

TEST_CASE("keyed BLAKE2b depends on the key") {
  const SecretBytes key_a = SecretBytes::random(32);
  const SecretBytes key_b = SecretBytes::random(32);
  const Bytes a1 = blake2b_keyed(key_a, as_bytes("draft"));
  CHECK(a1 == blake2b_keyed(key_a, as_bytes("draft")));
  CHECK(a1 != blake2b_keyed(key_b, as_bytes("draft")));
  CHECK(a1 != blake2b_keyed(key_a, as_bytes("receipt")));
  CHECK(a1 != blake2b(as_bytes("draft")));
}

TEST_CASE("subkeys differ by number and context and are reproducible") {
  const SecretBytes master = SecretBytes::random(32);
  const SecretBytes one = derive_subkey(master, 1, "tkrecord");
  CHECK(one.size() == 32);
  CHECK(one == derive_subkey(master, 1, "tkrecord"));
  CHECK_FALSE(one == derive_subkey(master, 2, "tkrecord"));
  CHECK_FALSE(one == derive_subkey(master, 1, "tkindex_"));
  CHECK_FALSE(one == master);
}
