// Known-answer checks of SQLite and libsodium as this build links them. In the
// wasm preset they are compiled by our CMake from Debian source packages, so a
// wrong define or a missing source file shows up here, not in a citizen's vault.
#include <sodium.h>
#include <sqlite3.h>

#include <array>
#include <catch2/catch.hpp>
#include <string>

namespace {

std::string to_hex(const unsigned char* bytes, size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, size);
  hex.pop_back();
  return hex;
}

}  // namespace

TEST_CASE("libsodium signs the RFC 8032 Ed25519 test vector 1") {
  REQUIRE(sodium_init() >= 0);
  std::array<unsigned char, crypto_sign_SEEDBYTES> seed{};
  const char* seed_hex = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
  REQUIRE(sodium_hex2bin(seed.data(), seed.size(), seed_hex, 64, nullptr, nullptr, nullptr) == 0);
  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> public_key{};
  std::array<unsigned char, crypto_sign_SECRETKEYBYTES> secret_key{};
  REQUIRE(crypto_sign_seed_keypair(public_key.data(), secret_key.data(), seed.data()) == 0);
  CHECK(to_hex(public_key.data(), public_key.size()) ==
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");

  std::array<unsigned char, crypto_sign_BYTES> signature{};
  REQUIRE(crypto_sign_detached(signature.data(), nullptr, nullptr, 0, secret_key.data()) == 0);
  CHECK(to_hex(signature.data(), signature.size()) ==
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39"
        "701cf9b46bd25bf5f0595bbe24655141438e7a100b");
  CHECK(crypto_sign_verify_detached(signature.data(), nullptr, 0, public_key.data()) == 0);
  signature[0] ^= 1;
  CHECK(crypto_sign_verify_detached(signature.data(), nullptr, 0, public_key.data()) != 0);
}

TEST_CASE("libsodium's random bytes are not constant") {
  REQUIRE(sodium_init() >= 0);
  std::array<unsigned char, 32> a{}, b{};
  randombytes_buf(a.data(), a.size());
  randombytes_buf(b.data(), b.size());
  CHECK(a != b);
}

TEST_CASE("SQLite stores and reads back Vietnamese text in a transaction") {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
  char* message = nullptr;
  const int rc = sqlite3_exec(db,
                              "BEGIN; CREATE TABLE t(name TEXT NOT NULL);"
                              "INSERT INTO t VALUES ('Nguyễn Thị Hoà'); COMMIT;",
                              nullptr, nullptr, &message);
  INFO((message ? message : ""));
  sqlite3_free(message);
  REQUIRE(rc == SQLITE_OK);

  sqlite3_stmt* statement = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "SELECT name, length(name) FROM t", -1, &statement, nullptr) ==
          SQLITE_OK);
  REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
  CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0))) ==
        "Nguyễn Thị Hoà");
  CHECK(sqlite3_column_int(statement, 1) == 14);  // characters, not bytes
  sqlite3_finalize(statement);
  sqlite3_close(db);
}
