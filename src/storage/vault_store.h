// VaultStore: the vaults of one database file — the directory shown before any
// secret is given, creating a vault, unlocking it, changing its secret.
//
// A vault is one person. Its data key (32 random bytes) seals every record;
// the data key itself is stored only wrapped (AEAD) by a key-encryption key
// that Argon2id derives from the person's PIN or passphrase and a random salt,
// with the cost parameters stored beside it. Changing the secret re-wraps that
// one key; records are not touched.
//
// A wrong secret changes nothing but the vault's failed-attempt counter, which
// sets the wait before the next attempt (unlock_delay.h). The attempt is
// counted before the slow hashing starts, so closing the app mid-attempt does
// not escape the count; a correct secret resets it.
//
// A vault can also arrive as an export file from another phone (import_vault,
// vault_export.h); it is added whole or not at all, and never over a vault
// already here.
//
// The store is single-threaded (like the app); copies of it are not possible,
// moves are.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/bytes.h"
#include "crypto/password_hash.h"
#include "storage/sqlite_database.h"
#include "storage/unlock_delay.h"
#include "storage/unlocked_vault.h"
#include "storage/vault_clock.h"
#include "storage/vault_secret.h"

namespace tokhai::storage {

constexpr std::size_t kMaxDisplayNameChars = 80;

// Argon2id on a phone, measured when a vault is created
// (crypto::calibrate_password_hash): about a second, with memory capped at
// libsodium's INTERACTIVE 64 MiB (wasm memory never shrinks, and cheap phones
// have little); slower phones get more passes, never fewer than INTERACTIVE.
constexpr std::chrono::milliseconds kKeyDerivationTarget{1000};
constexpr std::size_t kMaxKeyDerivationMemory = std::size_t{64} << 20;

// What the vault directory shows of a vault without its secret.
struct VaultSummary {
  std::string id;                            // 32 hex digits
  std::string display_name;                  // as the owner chose it (NFC)
  SecretKind secret_kind = SecretKind::pin;  // which keyboard to open
  bool operator==(const VaultSummary&) const = default;
};

class VaultStore {
 public:
  // Opens (creating and migrating if needed) the vault database at `path`
  // (open_vault_database). `clock` gives the time for attempt delays and
  // record stamps.
  static Result<VaultStore> open(const std::filesystem::path& path,
                                 UnixMillisClock clock = system_unix_ms);

  // The vaults, in the order they were created.
  Result<std::vector<VaultSummary>> list_vaults();

  // Creates a vault for `display_name` (trimmed, NFC, 1–80 characters)
  // protected by `secret`, with Argon2id cost `params` (calibrate_password_hash
  // in the app; fastest_password_hash_params in tests), with its signing key
  // (signing_key.h) in the same transaction, and returns it unlocked. Errors: vault.display_name,
  // the vault.secret_* / vault.pin_* codes of check_new_secret, crypto.pwhash_*, storage.*.
  Result<UnlockedVault> create_vault(std::string_view display_name, const VaultSecret& secret,
                                     const crypto::PasswordHashParams& params);

  // Unlocks vault `vault_id` with `secret` (and gives a vault made before
  // signing keys existed its key, signing_key.h). Errors: vault.not_found,
  // vault.try_later (an earlier failure's wait is not over; nothing is hashed
  // and nothing counted), vault.wrong_secret, vault.bad_params (stored cost out
  // of bounds), crypto.pwhash_failed, storage.*.
  Result<UnlockedVault> unlock(std::string_view vault_id, std::string_view secret);

  // The failed-attempt counter and the wait before the next attempt, for the
  // unlock screen. Error: vault.not_found, storage.*.
  Result<UnlockAttempts> attempts(std::string_view vault_id);

  // Replaces the secret of `vault_id` after checking `current_secret` exactly
  // as unlock() does (counted, delayed): the data key is re-wrapped under a key
  // derived from `new_secret` with a new salt and `params`; records stay as
  // they are. `new_secret` is checked first, so a bad new PIN costs no
  // attempt. Errors: those of check_new_secret and unlock().
  Result<Done> change_secret(std::string_view vault_id, std::string_view current_secret,
                             const VaultSecret& new_secret,
                             const crypto::PasswordHashParams& params);

  // Adds the vault of export file `file` (UnlockedVault::export_file, on this
  // or another phone) and returns it unlocked. In order: the file's format and
  // bounds; a vault with its id already here is refused before any hashing
  // (never overwritten); `secret` — the vault's secret when the file was made —
  // unwraps the data key; the file's seal and every record are checked; then
  // the vault row and all its records are written in one transaction. Any
  // failure leaves the database as it was. No attempt is counted: whoever has
  // the file can try secrets without the app. Errors: vault.export_too_large,
  // vault.export_format, vault.export_damaged, vault.already_here,
  // vault.wrong_secret, crypto.pwhash_failed, storage.*.
  Result<UnlockedVault> import_vault(crypto::ByteView file, std::string_view secret);

 private:
  VaultStore(std::shared_ptr<Database> database, UnixMillisClock clock)
      : database_(std::move(database)), clock_(std::move(clock)) {}

  struct Unwrapped;
  // Checks `secret` against vault `vault_id` with the attempt counting above.
  Result<Unwrapped> unwrap_data_key(std::string_view vault_id, std::string_view secret);

  std::shared_ptr<Database> database_;
  UnixMillisClock clock_;
};

}  // namespace tokhai::storage
