// The vault's signing key: one Ed25519 key pair per vault (per person), which
// signs every filing that person sends (wire/envelope.h, "applicant").
//
// It is made with the vault (VaultStore::create_vault, in the same
// transaction) and kept in it as a sealed record of kind "key", id
// "signing.ed25519", whose content is the 32-byte seed and nothing else (the
// public key follows from it; no copy of the seed is left in JSON strings).
// A vault made before signing keys existed gets one the first time it is
// unlocked or brought back from a backup; the key then travels with the
// vault's backups like every other record.
#pragma once

#include <string_view>

#include "crypto/signing.h"
#include "storage/storage_error.h"
#include "storage/unlocked_vault.h"

namespace tokhai::storage {

constexpr std::string_view kKeyKind = "key";
constexpr std::string_view kSigningKeyId = "signing.ed25519";

// The vault's key pair. Errors: vault.record_not_found (the vault has none
// yet), vault.signing_key_invalid (the record is not a 32-byte seed),
// vault.locked, vault.record_tampered, storage.*.
Result<crypto::SigningKeyPair> load_signing_key(UnlockedVault& vault);

// The vault's key pair, made and stored first when it has none. Errors: those
// of load_signing_key but vault.record_not_found, and those of
// UnlockedVault::put.
Result<crypto::SigningKeyPair> ensure_signing_key(UnlockedVault& vault);

}  // namespace tokhai::storage
