// SecretBytes: move-only, wiped, compared in constant time.
#include "crypto/secret_bytes.h"

#include <catch2/catch.hpp>
#include <type_traits>
#include <utility>

#include "crypto/bytes.h"

using tokhai::crypto::as_bytes;
using tokhai::crypto::SecretBytes;

static_assert(!std::is_copy_constructible_v<SecretBytes>);
static_assert(!std::is_copy_assignable_v<SecretBytes>);
static_assert(std::is_nothrow_move_constructible_v<SecretBytes>);
static_assert(std::is_nothrow_move_assignable_v<SecretBytes>);

TEST_CASE("a secret starts zeroed and holds what is copied into it") {
  const SecretBytes zeros(8);
  REQUIRE(zeros.size() == 8);
  for (unsigned char byte : zeros.view()) CHECK(byte == 0);

  const SecretBytes pin = SecretBytes::copy_of(as_bytes("123456"));
  CHECK(pin.as_text() == "123456");
  CHECK(SecretBytes().empty());
  CHECK(SecretBytes::copy_of({}).empty());
}

TEST_CASE("moving a secret leaves the source empty") {
  SecretBytes key = SecretBytes::copy_of(as_bytes("khoá bí mật"));
  SecretBytes moved(std::move(key));
  CHECK(key.empty());  // NOLINT(bugprone-use-after-move): the contract under test
  CHECK(key.data() == nullptr);
  CHECK(moved.as_text() == "khoá bí mật");

  SecretBytes other = SecretBytes::copy_of(as_bytes("khác"));
  other = std::move(moved);
  CHECK(moved.empty());  // NOLINT(bugprone-use-after-move)
  CHECK(other.as_text() == "khoá bí mật");
}

TEST_CASE("wipe empties a secret") {
  SecretBytes key = SecretBytes::random(32);
  REQUIRE(key.size() == 32);
  key.wipe();
  CHECK(key.empty());
  CHECK(key.data() == nullptr);
  key.wipe();  // twice is harmless
  CHECK(key.empty());
}

TEST_CASE("secrets compare by contents and size") {
  const SecretBytes a = SecretBytes::copy_of(as_bytes("0123456789"));
  const SecretBytes b = SecretBytes::copy_of(as_bytes("0123456789"));
  const SecretBytes c = SecretBytes::copy_of(as_bytes("0123456780"));
  const SecretBytes shorter = SecretBytes::copy_of(as_bytes("012345678"));
  CHECK(a == b);
  CHECK_FALSE(a == c);
  CHECK_FALSE(a == shorter);
  CHECK(SecretBytes() == SecretBytes());
}

TEST_CASE("random secrets differ") {
  CHECK_FALSE(SecretBytes::random(32) == SecretBytes::random(32));
}
