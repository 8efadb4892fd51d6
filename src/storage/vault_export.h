// The vault export: one vault as a file the owner can keep or carry to a new
// phone ("tokhai-vault-export/1"), and the checks that reading one makes.
//
// The file is JSON (UTF-8), written canonically: keys sorted, no whitespace,
// records in increasing locator order (the reader accepts any whitespace, not
// any order):
//   {"format": "tokhai-vault-export/1",
//    "records": [{"kind_locator": b64, "locator": b64, "sealed_body": b64,
//                 "sealed_meta": b64}, …],
//    "seal": b64,
//    "vault": {"display_name": "…", "id": "<32 hex>", "kdf_algorithm": 2,
//              "kdf_mem_limit_bytes": n, "kdf_ops_limit": n, "kdf_salt": b64,
//              "secret_kind": "pin" | "passphrase", "wrapped_data_key": b64}}
// (b64: standard Base64 with padding). It is the vault row and the record rows
// exactly as stored (vault_database.cpp), without the device's failed-attempt
// counter: records stay sealed and the data key stays wrapped under the
// owner's secret, so the only readable personal data is the display name the
// owner chose. Whoever holds the file can try secrets offline, as fast as
// Argon2id at the vault's cost allows: the file is as strong as the secret.
//
// The seal is AEAD (aead.h) over nothing, under subkey 3 of the data key
// (record_seal.h), with associated data
//   enc("tokhai-vault-export/1", vault id, display name, secret kind,
//       kdf algorithm, ops, mem (decimal), salt, wrapped data key,
//       record count (decimal), BLAKE2b-256(enc(locator, kind_locator,
//       sealed_meta, sealed_body)) of each record in order)
// so that a record dropped, added (from any vault or an older export),
// replaced, reordered or altered, or any header field changed, fails the seal.
// Only the owner's secret gives the key that checks it: a reader first
// unwraps the data key (VaultStore::import_vault).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/bytes.h"
#include "crypto/password_hash.h"
#include "crypto/secret_bytes.h"
#include "storage/record.h"
#include "storage/record_seal.h"
#include "storage/storage_error.h"
#include "storage/vault_secret.h"

namespace tokhai::storage {

constexpr std::string_view kVaultExportFormat = "tokhai-vault-export/1";
// Bounds that a file is checked against before anything is decoded or hashed,
// so that a crafted file cannot make a phone allocate without limit. A person's
// drafts, receipts and profile are a few hundred KB; the bounds are far above.
constexpr std::size_t kMaxVaultExportBytes = std::size_t{32} << 20;
constexpr std::size_t kMaxVaultExportRecords = 10'000;

// What a vault export holds.
struct VaultExport {
  std::string vault_id;
  std::string display_name;
  SecretKind secret_kind = SecretKind::pin;
  crypto::PasswordHashParams kdf_params;
  crypto::Bytes kdf_salt;
  crypto::Bytes wrapped_data_key;
  std::vector<SealedRecord> records;  // in strictly increasing locator order
  crypto::Bytes seal;
};

// An export as UnlockedVault::export_file() makes it.
struct VaultExportFile {
  crypto::Bytes bytes;           // the file
  std::size_t record_count = 0;  // records in it
  // Rows that failed their seal (moved, swapped or altered outside the app):
  // left out of the file, which would otherwise be refused whole on import.
  std::vector<DamagedRecord> left_out;
};

// The seal of `contents` under `export_key` (RecordKeys::export_key).
crypto::Bytes vault_export_seal(const crypto::SecretBytes& export_key, const VaultExport& contents);
// Whether `contents.seal` is the seal of `contents` under `export_key`. Error:
// vault.export_damaged.
Result<Done> check_vault_export_seal(const crypto::SecretBytes& export_key,
                                     const VaultExport& contents);

// The canonical file of `contents`. Error: vault.export_too_large (more than
// the bounds above, which a reader would refuse).
Result<crypto::Bytes> vault_export_file(const VaultExport& contents);

// Reads a file: its size, format, every member's type and size (exactly the
// members above), the Argon2id cost bounds (check_password_hash_params) and the
// records' order. Nothing is unsealed. Errors: vault.export_too_large,
// vault.export_format (not an export, or a newer format), vault.export_damaged
// (an export that is incomplete or out of bounds; `where` names the member).
Result<VaultExport> parse_vault_export(crypto::ByteView file);

// The error of an export that cannot be used whole; `where` names what failed.
Error vault_export_damaged(std::string where);

}  // namespace tokhai::storage
