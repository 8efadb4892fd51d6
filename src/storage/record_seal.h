// How records are sealed: keys, blind indexes and associated data.
//
// From the vault's data key (32 random bytes) three subkeys are derived
// (crypto_kdf, context "tkvault_"): 1 seals records, 2 indexes them, 3 seals
// exports of the whole vault (vault_export.h). A row holds
//   locator       BLAKE2b-keyed(index key, enc("tokhai.record.locator/1", kind, id))
//   kind_locator  BLAKE2b-keyed(index key, enc("tokhai.record.kind/1", kind))
//   sealed_meta   AEAD(enc(kind, id, form id, form version, updated ms),
//                      AD = enc("tokhai.record.meta/1", vault id, locator, kind_locator))
//   sealed_body   AEAD(content,
//                      AD = enc("tokhai.record.body/1", vault id, kind, id, form id,
//                               form version, nonce of sealed_meta))
// where enc() is the unambiguous concatenation of 4-byte big-endian lengths and
// bytes. So a meta moved to another row or vault, or relabelled, fails; a body
// moved to another record, vault or form, or paired with any other write of
// its own record, fails. (A whole row replaced by an older copy of itself
// opens as that older version: rollback is not detected.)
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/bytes.h"
#include "crypto/secret_bytes.h"
#include "storage/record.h"

namespace tokhai::storage {

// The data key is 32 random bytes; locators are 32-byte keyed hashes.
constexpr std::size_t kDataKeyBytes = 32;
constexpr std::size_t kLocatorBytes = 32;

struct RecordKeys {
  crypto::SecretBytes sealing_key;
  crypto::SecretBytes index_key;
  crypto::SecretBytes export_key;
};

struct SealedRecord {
  crypto::Bytes locator;
  crypto::Bytes kind_locator;
  crypto::Bytes sealed_meta;
  crypto::Bytes sealed_body;
};

// enc(): each field as its 4-byte big-endian length then its bytes.
crypto::Bytes encode_fields(std::initializer_list<std::string_view> fields);
// The fields of encode_fields' output; nullopt when malformed.
std::optional<std::vector<std::string>> decode_fields(crypto::ByteView bytes);

RecordKeys derive_record_keys(const crypto::SecretBytes& data_key);

crypto::Bytes record_locator(const RecordKeys& keys, std::string_view kind, std::string_view id);
crypto::Bytes kind_locator(const RecordKeys& keys, std::string_view kind);

SealedRecord seal_record(const RecordKeys& keys, std::string_view vault_id, const RecordMeta& meta,
                         crypto::ByteView content);

// The meta of a stored row, checked against the row's own locators. Error:
// vault.record_tampered.
Result<RecordMeta> open_record_meta(const RecordKeys& keys, std::string_view vault_id,
                                    crypto::ByteView locator, crypto::ByteView kind_locator,
                                    crypto::ByteView sealed_meta);

// The content of a row whose meta opened as `meta`. Error: vault.record_tampered.
Result<crypto::SecretBytes> open_record_body(const RecordKeys& keys, std::string_view vault_id,
                                             const RecordMeta& meta, crypto::ByteView sealed_meta,
                                             crypto::ByteView sealed_body);

// The meta of a whole row whose meta and body both open (the body is checked,
// then wiped). Error: vault.record_tampered.
Result<RecordMeta> open_sealed_record(const RecordKeys& keys, std::string_view vault_id,
                                      const SealedRecord& row);

// The error for a row that cannot be trusted; `where` names it.
Error record_tampered(std::string where);

}  // namespace tokhai::storage
