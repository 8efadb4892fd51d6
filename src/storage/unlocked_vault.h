// UnlockedVault: one person's vault while its secret has been given — the
// records API, and lock().
//
// It holds the record keys (derived from the data key, which it does not
// keep) in SecretBytes; lock() wipes them and every later call returns
// vault.locked. Destroying it locks it. It shares the database connection of
// the VaultStore that made it, so it may outlive that object.
//
// Every read checks the seals of what it reads (record_seal.h): list() the
// labels, get() and audit() the content too. A record that was moved, swapped
// or altered outside the app is vault.record_tampered, or a DamagedRecord in a
// listing — never returned as content.
//
// export_file() writes the whole vault as a file for another phone
// (vault_export.h); VaultStore::import_vault reads it.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "crypto/bytes.h"
#include "storage/record.h"
#include "storage/record_seal.h"
#include "storage/sqlite_database.h"
#include "storage/vault_clock.h"
#include "storage/vault_export.h"

namespace tokhai::storage {

class UnlockedVault {
 public:
  UnlockedVault(UnlockedVault&&) noexcept = default;
  UnlockedVault& operator=(UnlockedVault&&) noexcept = default;
  UnlockedVault(const UnlockedVault&) = delete;
  UnlockedVault& operator=(const UnlockedVault&) = delete;
  ~UnlockedVault() = default;  // the SecretBytes wipe themselves

  const std::string& id() const { return vault_id_; }
  const std::string& display_name() const { return display_name_; }
  bool locked() const { return keys_.sealing_key.empty(); }

  // Wipes the keys; the vault must be unlocked again with its secret.
  void lock();

  // Writes record `label` (creating or replacing it) with `content`, stamped
  // with the clock's time, in one statement (atomic). An empty label.id gets a
  // random one (32 hex digits). Returns what was stored. Errors: vault.locked,
  // vault.bad_record_label, storage.*.
  Result<RecordMeta> put(RecordLabel label, crypto::ByteView content);

  // The record (kind, id). Errors: vault.locked, vault.record_not_found,
  // vault.record_tampered, storage.*.
  Result<Record> get(std::string_view kind, std::string_view id);

  // The records of `kind`, newest first, with the rows of that kind that
  // failed their seal. Errors: vault.locked, storage.*.
  Result<RecordList> list(std::string_view kind);

  // Every row of this vault, of every kind: what list() gives, plus rows
  // moved here from elsewhere (which no kind's listing can see).
  Result<RecordList> audit();

  // Deletes (kind, id); true when it existed. Errors: vault.locked, storage.*.
  Result<bool> remove(std::string_view kind, std::string_view id);

  // The vault as an export file ("tokhai-vault-export/1", vault_export.h): its
  // row and every record row as stored, read in one transaction, sealed under
  // the export subkey. Rows that fail their seal are left out and listed.
  // Errors: vault.locked, vault.not_found (the row was deleted meanwhile),
  // vault.export_too_large, storage.*.
  Result<VaultExportFile> export_file();

 private:
  friend class VaultStore;
  UnlockedVault(std::shared_ptr<Database> database, std::string vault_id, std::string display_name,
                RecordKeys keys, UnixMillisClock clock)
      : database_(std::move(database)),
        vault_id_(std::move(vault_id)),
        display_name_(std::move(display_name)),
        keys_(std::move(keys)),
        clock_(std::move(clock)) {}

  Result<Done> require_unlocked() const;
  // The rows selected by `sql` (vault id as ?1, optional blob as ?2), opened.
  Result<RecordList> list_rows(std::string_view sql, const crypto::Bytes* kind_filter);

  std::shared_ptr<Database> database_;
  std::string vault_id_;
  std::string display_name_;
  RecordKeys keys_;
  UnixMillisClock clock_;
};

}  // namespace tokhai::storage
