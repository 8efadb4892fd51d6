// Argon2id: a known answer, bounds on stored parameters, and calibration.
#include "crypto/password_hash.h"

#include <catch2/catch.hpp>

#include "crypto/encoding.h"
#include "crypto/random.h"

using namespace tokhai::crypto;
using std::chrono::microseconds;
using std::chrono::milliseconds;

TEST_CASE("Argon2id gives libsodium's known answer") {
  // The first vector of test/default/pwhash_argon2id.c (libsodium 1.0.18).
  const Bytes password = from_hex(
                             "a347ae92bce9f80f6f595a4480fc9c2fe7e7d7148d371e9487d75f5c23008ffae0"
                             "65577a928febd9b1973a5a95073acdbeb6a030cfc0d79caa2dc5cd011cef02c08d"
                             "a232d76d52dfbca38ca8dcbd665b17d1665f7cf5fe59772ec909733b24de97d6f5"
                             "8d220b20c60d7c07ec1fd93c52c31020300c6c1facd77937a597c7a6")
                             .value();
  const Bytes salt = from_hex("5541fbc995d5c197ba290346d2c559de").value();
  auto key = derive_key_from_password(to_string(password), salt, {5, 7256678, kArgon2id13}, 155);
  REQUIRE(key.ok());
  CHECK(to_hex(key.value().view()) ==
        "18acec5d6507739f203d1f5d9f1d862f7c2cdac4f19d2bdff64487e60d969e3ced615337b9eec6ac4461c6ca"
        "07f0939741e57c24d0005c7ea171a0ee1e7348249d135b38f222e4dad7b9a033ed83f5ca27277393e3165820"
        "33c74affe2566a2bea47f91f0fd9fe49ece7e1f79f3ad6e9b23e0277c8ecc4b313225748dd2a80f5679534a0"
        "700e246a79a49b3f74eb89ec6205fe1eeb941c73b1fcf1");
}

TEST_CASE("the same secret and salt give the same key; anything else another") {
  const Bytes salt = random_bytes(kPasswordSaltBytes);
  const PasswordHashParams fast = fastest_password_hash_params();
  const auto key = derive_key_from_password("123456", salt, fast);
  REQUIRE(key.ok());
  CHECK(key.value().size() == 32);
  CHECK(key.value() == derive_key_from_password("123456", salt, fast).value());
  CHECK_FALSE(key.value() == derive_key_from_password("123457", salt, fast).value());
  CHECK_FALSE(key.value() ==
              derive_key_from_password("123456", random_bytes(kPasswordSaltBytes), fast).value());
  PasswordHashParams more_passes = fast;
  more_passes.ops_limit += 1;
  CHECK_FALSE(key.value() == derive_key_from_password("123456", salt, more_passes).value());
}

TEST_CASE("parameters out of bounds and short salts are refused before hashing") {
  const Bytes salt = random_bytes(kPasswordSaltBytes);
  const PasswordHashParams fast = fastest_password_hash_params();
  for (const PasswordHashParams& bad :
       {PasswordHashParams{0, fast.mem_limit_bytes, kArgon2id13},
        PasswordHashParams{fast.ops_limit, 1024, kArgon2id13},
        PasswordHashParams{fast.ops_limit, kMaxPasswordHashMemBytes + kMebibyte, kArgon2id13},
        PasswordHashParams{kMaxPasswordHashOps + 1, fast.mem_limit_bytes, kArgon2id13},
        PasswordHashParams{fast.ops_limit, fast.mem_limit_bytes, 1 /* Argon2i */}}) {
    auto key = derive_key_from_password("123456", salt, bad);
    REQUIRE_FALSE(key.ok());
    CHECK(key.error().code == "crypto.pwhash_params");
  }
  auto short_salt = derive_key_from_password("123456", random_bytes(8), fast);
  REQUIRE_FALSE(short_salt.ok());
  CHECK(short_salt.error().code == "crypto.pwhash_salt");
  CHECK(check_password_hash_params(interactive_password_hash_params()).ok());
}

TEST_CASE("calibration grows memory first, then passes, within floors and caps") {
  const PasswordHashParams floor = interactive_password_hash_params();
  CHECK(floor.ops_limit == 2);
  CHECK(floor.mem_limit_bytes == 64 * kMebibyte);

  // A slow phone: the floor already takes longer than the target.
  CHECK(choose_password_hash_params(milliseconds(1000), microseconds(1'500'000)) == floor);
  CHECK(choose_password_hash_params(milliseconds(1000), microseconds(1'000'000)) == floor);
  // Twice as fast as the target: twice the memory, same passes.
  CHECK(choose_password_hash_params(milliseconds(1000), microseconds(500'000)) ==
        PasswordHashParams{2, 128 * kMebibyte, kArgon2id13});
  // Eight times: memory stops at 256 MiB, the rest goes to passes (2 × 2).
  CHECK(choose_password_hash_params(milliseconds(1000), microseconds(125'000)) ==
        PasswordHashParams{4, 256 * kMebibyte, kArgon2id13});
  // A very fast machine: passes stop at the cap.
  CHECK(choose_password_hash_params(milliseconds(1000), microseconds(1)) ==
        PasswordHashParams{kMaxPasswordHashOps, kMaxPasswordHashMemBytes, kArgon2id13});
  // A caller's lower memory cap is obeyed, but never below the floor.
  CHECK(choose_password_hash_params(milliseconds(1000), microseconds(250'000), 96 * kMebibyte) ==
        PasswordHashParams{5, 96 * kMebibyte, kArgon2id13});
  // (the time a lower cap leaves unused goes to passes)
  CHECK(choose_password_hash_params(milliseconds(1000), microseconds(500'000), kMebibyte) ==
        PasswordHashParams{4, 64 * kMebibyte, kArgon2id13});
  // Memory is a whole number of MiB.
  CHECK(choose_password_hash_params(milliseconds(1000), microseconds(700'000)).mem_limit_bytes %
            kMebibyte ==
        0);
}

TEST_CASE("calibration on this device gives usable parameters at or above the floors") {
  auto params = calibrate_password_hash(milliseconds(200));
  REQUIRE(params.ok());
  const PasswordHashParams floor = interactive_password_hash_params();
  CHECK(params.value().ops_limit >= floor.ops_limit);
  CHECK(params.value().mem_limit_bytes >= floor.mem_limit_bytes);
  CHECK(params.value().mem_limit_bytes <= kMaxPasswordHashMemBytes);
  CHECK(params.value().ops_limit <= kMaxPasswordHashOps);
  CHECK(check_password_hash_params(params.value()).ok());
  CHECK(derive_key_from_password("123456", random_bytes(kPasswordSaltBytes), params.value()).ok());
}
