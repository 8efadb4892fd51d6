// What the vault tests share: a store on a temporary file with a hand-moved
// clock and fast Argon2 parameters, and raw access to the file's rows (as an
// attacker with the file would have).
#pragma once

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "crypto/password_hash.h"
#include "storage/signing_key.h"
#include "storage/sqlite_database.h"
#include "storage/vault_store.h"
#include "temp_database.h"

namespace tokhai::storage::testing {

// Argon2id at libsodium's minimum: these tests are about the vault, not the
// cost (password_hash_test covers calibration).
inline crypto::PasswordHashParams fast_params() { return crypto::fastest_password_hash_params(); }

inline VaultSecret pin(std::string_view digits) { return {SecretKind::pin, digits}; }
inline VaultSecret passphrase(std::string_view text) { return {SecretKind::passphrase, text}; }

struct VaultFixture {
  TempDatabase temp;
  ManualClock clock;
  VaultStore store = VaultStore::open(temp.path(), clock.function()).value();

  UnlockedVault create(std::string_view name, std::string_view digits) {
    return store.create_vault(name, pin(digits), fast_params()).value();
  }
  // A vault without the signing key it is made with (signing_key.h), for tests
  // that count and alter rows: every row is then one the test wrote.
  UnlockedVault create_bare(std::string_view name, std::string_view digits) {
    UnlockedVault vault = create(name, digits);
    REQUIRE(vault.remove(kKeyKind, kSigningKeyId).value());
    return vault;
  }
  // A second connection to the same file, for the test to read or tamper.
  Database raw() { return Database::open(temp.path(), OpenMode::read_write_create).value(); }
};

// One row of `records`, as stored.
struct RawRecord {
  std::int64_t rowid = 0;
  std::string vault_id;
  crypto::Bytes locator, kind_locator, sealed_meta, sealed_body;
};

inline std::vector<RawRecord> raw_records(Database& db) {
  auto select = db.prepare(
      "SELECT rowid, vault_id, locator, kind_locator, sealed_meta, sealed_body FROM records"
      " ORDER BY rowid");
  std::vector<RawRecord> rows;
  while (select.value().step().value()) {
    const Statement& row = select.value();
    rows.push_back({row.column_int64(0), row.column_text(1), row.column_blob(2), row.column_blob(3),
                    row.column_blob(4), row.column_blob(5)});
  }
  return rows;
}

// Overwrites the row `rowid` with `values` (its vault id, locators and seals).
inline void write_raw_record(Database& db, std::int64_t rowid, const RawRecord& values) {
  auto update = db.prepare(
      "UPDATE records SET vault_id = ?2, locator = ?3, kind_locator = ?4, sealed_meta = ?5,"
      " sealed_body = ?6 WHERE rowid = ?1");
  update.value()
      .bind_int64(1, rowid)
      .bind_text(2, values.vault_id)
      .bind_blob(3, values.locator)
      .bind_blob(4, values.kind_locator)
      .bind_blob(5, values.sealed_meta)
      .bind_blob(6, values.sealed_body);
  REQUIRE(update.value().run().ok());
}

// The vault rows as stored, every column (to show what a call changed).
struct RawVault {
  std::string display_name, secret_kind;
  std::int64_t algorithm = 0, ops = 0, mem = 0;
  crypto::Bytes salt, wrapped_key;
  std::int64_t failed_attempts = 0, next_attempt_at_ms = 0;
  bool operator==(const RawVault&) const = default;
};

inline RawVault raw_vault(Database& db, std::string_view vault_id) {
  auto select = db.prepare(
      "SELECT display_name, secret_kind, kdf_algorithm, kdf_ops_limit, kdf_mem_limit_bytes,"
      " kdf_salt, wrapped_data_key, failed_attempts, next_attempt_at_ms FROM vaults WHERE id = ?1");
  select.value().bind_text(1, vault_id);
  REQUIRE(select.value().step().value());
  const Statement& row = select.value();
  return {row.column_text(0),  row.column_text(1),  row.column_int64(2),
          row.column_int64(3), row.column_int64(4), row.column_blob(5),
          row.column_blob(6),  row.column_int64(7), row.column_int64(8)};
}

}  // namespace tokhai::storage::testing
