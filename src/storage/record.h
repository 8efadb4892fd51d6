// What a vault stores: records, each a sealed byte string with a label.
//
// A record is named by its kind ("draft", "profile", "receipt", "outbox",
// "key", "setting", …) and an id unique within the kind, and may belong to a
// form (id and version). Labels follow these rules (vault.bad_record_label):
//   kind          1–64 characters of a–z 0–9 _ . -
//   id            1–128 characters of A–Z a–z 0–9 _ . : -
//   form id       0–128 characters of A–Z a–z 0–9 _ . : / -
//   form version  0–64 characters, same set
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "crypto/secret_bytes.h"
#include "storage/storage_error.h"

namespace tokhai::storage {

// Where a record goes. An empty `id` in UnlockedVault::put means "a new
// random id".
struct RecordLabel {
  std::string kind;
  std::string id;
  std::string form_id;
  std::string form_version;
  bool operator==(const RecordLabel&) const = default;
};

// A record's label and when it was last written (Unix ms, the vault's clock).
struct RecordMeta {
  RecordLabel label;
  std::int64_t updated_at_ms = 0;
  bool operator==(const RecordMeta&) const = default;
};

struct Record {
  RecordMeta meta;
  crypto::SecretBytes content;
};

// A stored row that failed to open: moved, swapped or altered outside the app.
// `locator` (hex) names the row; `error` is vault.record_tampered.
struct DamagedRecord {
  std::string locator;
  Error error;
};

// The records of a listing, newest first, and the rows that could not be
// trusted (never silently dropped, never used).
struct RecordList {
  std::vector<RecordMeta> records;
  std::vector<DamagedRecord> damaged;
};

// Whether `label` follows the rules above (an empty id allowed when
// `allow_empty_id`). Error: vault.bad_record_label.
Result<Done> check_record_label(const RecordLabel& label, bool allow_empty_id = false);

}  // namespace tokhai::storage
