// The vault's signing key: made with the vault, sealed in it, the same after
// every unlock and after a backup's trip to another phone; one per vault; a
// vault made before signing keys existed gets one at its next unlock.
#include "storage/signing_key.h"

#include <catch2/catch.hpp>

#include "crypto/encoding.h"
#include "vault_test_support.h"

using namespace tokhai::storage;
using namespace tokhai::storage::testing;
using tokhai::crypto::Bytes;
using tokhai::crypto::sign_detached;
using tokhai::crypto::verify_detached;

namespace {

Bytes message() { return tokhai::crypto::to_bytes("tokhai-envelope/1 applicant"); }

}  // namespace

TEST_CASE("a vault is made with a signing key that signs, and keeps it across unlocks") {
  VaultFixture f;
  UnlockedVault vault = f.create("Hoà", "123456");
  auto keys = load_signing_key(vault);
  REQUIRE(keys.ok());
  CHECK(keys.value().public_key.size() == tokhai::crypto::kSigningPublicKeyBytes);
  const Bytes signature = sign_detached(keys.value().secret_key, message());
  CHECK(verify_detached(keys.value().public_key, message(), signature));

  const std::string vault_id = vault.id();
  vault.lock();
  CHECK(load_signing_key(vault).error().code == "vault.locked");
  UnlockedVault again = f.store.unlock(vault_id, "123456").value();
  CHECK(load_signing_key(again).value().public_key == keys.value().public_key);
  CHECK(ensure_signing_key(again).value().public_key == keys.value().public_key);
  CHECK(again.list(kKeyKind).value().records.size() == 1);
}

TEST_CASE("each vault has its own key, and the seed is sealed in the file") {
  VaultFixture f;
  UnlockedVault hoa = f.create("Hoà", "123456");
  UnlockedVault binh = f.create("Bình", "654321");
  const auto hoa_keys = load_signing_key(hoa).value();
  const auto binh_keys = load_signing_key(binh).value();
  CHECK(hoa_keys.public_key != binh_keys.public_key);
  // Bình's key does not sign for Hoà.
  CHECK_FALSE(verify_detached(hoa_keys.public_key, message(),
                              sign_detached(binh_keys.secret_key, message())));

  const std::string file = f.temp.bytes();
  for (const auto* keys : {&hoa_keys, &binh_keys}) {
    const auto seed = keys->secret_key.view().first(tokhai::crypto::kSigningSeedBytes);
    CHECK(file.find(std::string(seed.begin(), seed.end())) == std::string::npos);
    const std::string seed_b64 = tokhai::crypto::to_base64(seed);
    CHECK(file.find(seed_b64) == std::string::npos);
  }
}

TEST_CASE("a vault made before signing keys existed gets one when it is next unlocked") {
  VaultFixture f;
  UnlockedVault vault = f.create("Hoà", "123456");
  REQUIRE(vault.remove(kKeyKind, kSigningKeyId).value());  // as an older build made it
  CHECK(load_signing_key(vault).error().code == "vault.record_not_found");
  const std::string vault_id = vault.id();
  vault.lock();

  UnlockedVault again = f.store.unlock(vault_id, "123456").value();
  auto made = load_signing_key(again);
  REQUIRE(made.ok());
  again.lock();
  UnlockedVault third = f.store.unlock(vault_id, "123456").value();
  CHECK(load_signing_key(third).value().public_key == made.value().public_key);
}

TEST_CASE("ensure_signing_key makes a key only when there is none") {
  VaultFixture f;
  UnlockedVault vault = f.create("Hoà", "123456");
  const Bytes original = load_signing_key(vault).value().public_key;
  CHECK(ensure_signing_key(vault).value().public_key == original);
  REQUIRE(vault.remove(kKeyKind, kSigningKeyId).value());
  const Bytes replacement = ensure_signing_key(vault).value().public_key;
  CHECK(replacement != original);
  CHECK(load_signing_key(vault).value().public_key == replacement);
}

TEST_CASE("a key record that is not a seed is refused, never used") {
  VaultFixture f;
  UnlockedVault vault = f.create("Hoà", "123456");
  REQUIRE(vault
              .put({std::string(kKeyKind), std::string(kSigningKeyId), "", ""},
                   tokhai::crypto::to_bytes("too short"))
              .ok());
  CHECK(load_signing_key(vault).error().code == "vault.signing_key_invalid");
  CHECK(ensure_signing_key(vault).error().code == "vault.signing_key_invalid");
}

TEST_CASE("a tampered key row is detected; the vault still opens") {
  VaultFixture f;
  UnlockedVault vault = f.create("Hoà", "123456");
  const std::string vault_id = vault.id();
  vault.lock();
  Database raw = f.raw();
  auto rows = raw_records(raw);
  REQUIRE(rows.size() == 1);  // the key is the new vault's only record
  rows[0].sealed_body.back() ^= 1;
  write_raw_record(raw, rows[0].rowid, rows[0]);

  auto again = f.store.unlock(vault_id, "123456");
  REQUIRE(again.ok());  // the drafts stay reachable
  CHECK(load_signing_key(again.value()).error().code == "vault.record_tampered");
  CHECK(ensure_signing_key(again.value()).error().code == "vault.record_tampered");
}

TEST_CASE("the key travels with a backup to another phone") {
  VaultFixture f;
  UnlockedVault vault = f.create("Hoà", "123456");
  const Bytes public_key = load_signing_key(vault).value().public_key;
  const Bytes file = vault.export_file().value().bytes;

  VaultFixture new_phone;
  UnlockedVault imported = new_phone.store.import_vault(file, "123456").value();
  CHECK(load_signing_key(imported).value().public_key == public_key);
}

TEST_CASE("a backup made before signing keys existed gets a key when brought back") {
  VaultFixture f;
  UnlockedVault vault = f.create("Hoà", "123456");
  REQUIRE(vault.remove(kKeyKind, kSigningKeyId).value());
  REQUIRE(vault.put({"draft", "d1", "", ""}, tokhai::crypto::to_bytes("{}")).ok());
  const Bytes file = vault.export_file().value().bytes;

  VaultFixture new_phone;
  UnlockedVault imported = new_phone.store.import_vault(file, "123456").value();
  CHECK(load_signing_key(imported).ok());
  CHECK(imported.get("draft", "d1").ok());
}
