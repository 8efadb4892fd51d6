// SubmissionStore: where tokhai-server keeps what it accepted, behind an
// interface so that the embedded SQLite store (sqlite_submission_store.h) can
// be joined by a PostgreSQL one for several instances (issue 9).
//
// A submission is stored once under its id with the envelope's exact bytes,
// their SHA-256, the receiving agency's code, the form, a unique dossier code
// and the signed receipt; its status history starts with "submitted". Every
// store assigns a cursor: a number that grows with each stored submission,
// by which agencies page through what is new for them.
//
// Every write is durable when the call returns (committed and synced), and
// put() is idempotent under concurrent calls: of several puts of one id,
// exactly one is `created`; the others are `identical` (same bytes: the first
// one's receipt) or `conflict` (other bytes).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace tokhai::server {

struct NewSubmission {
  std::string id;             // 32 lower-case hex digits
  std::string envelope_text;  // the bytes received
  std::string envelope_sha256_hex;
  std::string agency_code;
  std::string form_id;
  std::string form_version;
  std::string dossier_code;  // fresh, for this attempt
  std::string received_at;   // "YYYY-MM-DDTHH:MM:SSZ"
  std::string receipt_text;  // signed, with dossier_code and received_at
};

enum class PutOutcome {
  created,             // stored now; receipt_text is the new receipt
  identical,           // stored before with the same bytes; the receipt made then
  conflict,            // stored before with other bytes; nothing changed
  dossier_code_taken,  // the dossier code belongs to another submission: retry with a new one
};

struct PutResult {
  PutOutcome outcome;
  std::string receipt_text;  // created and identical only
};

struct StoredSubmission {
  std::int64_t cursor = 0;
  std::string id;
  std::string dossier_code;
  std::string received_at;
  std::string envelope_text;
};

struct StatusEntry {
  std::string status;  // submitted, received, processing, needs_information, completed, rejected
  std::optional<std::string> message;
  std::string at;  // "YYYY-MM-DDTHH:MM:SSZ"
};

struct DossierStatus {
  std::string dossier_code;
  std::string submission_id;
  std::vector<StatusEntry> history;  // oldest first; never empty
};

class SubmissionStore {
 public:
  virtual ~SubmissionStore() = default;

  // Stores `submission` unless its id is stored already (see PutOutcome).
  // Errors: store.* and sqlite.* codes (nothing was stored).
  virtual core::Result<PutResult> put(const NewSubmission& submission) = 0;

  // The hash and receipt of the submission `submission_id`, or nullopt: a
  // resend of something stored is answered even if its form has since left
  // the catalogue.
  struct StoredReceipt {
    std::string envelope_sha256_hex;
    std::string receipt_text;
  };
  virtual core::Result<std::optional<StoredReceipt>> find_receipt(
      std::string_view submission_id) = 0;

  // The status history of the dossier `dossier_code`, or nullopt.
  virtual core::Result<std::optional<DossierStatus>> status(std::string_view dossier_code) = 0;

  // Up to `limit` submissions for `agency_code` with a cursor above
  // `after_cursor`, by cursor.
  virtual core::Result<std::vector<StoredSubmission>> list_for_agency(std::string_view agency_code,
                                                                      std::int64_t after_cursor,
                                                                      int limit) = 0;

  // The submission `submission_id` if it is for `agency_code`, or nullopt.
  virtual core::Result<std::optional<StoredSubmission>> find_for_agency(
      std::string_view agency_code, std::string_view submission_id) = 0;

  // Adds `entry` to the history of the dossier `dossier_code` if it is for
  // `agency_code`; false when there is no such dossier for that agency.
  virtual core::Result<bool> add_status(std::string_view agency_code, std::string_view dossier_code,
                                        const StatusEntry& entry) = 0;
};

}  // namespace tokhai::server
