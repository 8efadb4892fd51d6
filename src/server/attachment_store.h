// AttachmentStore: where tokhai-server keeps the attachments of submissions
// (photos of papers, sealed on the phone: opaque bytes here) while they are
// uploaded in chunks, and afterwards for the agencies (issue 7).
//
// A submission whose envelope lists attachments is first *pending*: its
// verified envelope and its list (size and SHA-256 of each attachment, from
// the signed envelope) are recorded, but it is not in the SubmissionStore and
// has no receipt. Each attachment then grows by chunks appended at its
// confirmed offset. The confirmed offset only ever counts bytes that are on
// disk (or in the database) and synced: a chunk is durable before the call
// that appended it returns, and bytes written by an append that did not
// finish (a crash) are dropped, never confirmed. When the last byte of an
// attachment arrives its SHA-256 is checked against the list: a mismatch
// discards the attachment (confirmed offset 0). Once every attachment is
// complete, the submission intake stores the submission with its receipt
// (SubmissionStore::put) and calls forget_pending(); the attachments stay.
//
// Implementations: files under DATA_DIR with their offsets in SQLite
// (sqlite_attachment_store.h), and chunk rows in PostgreSQL
// (postgres_attachment_store.h); both apply chunks with apply_chunk
// (attachment_chunk.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace tokhai::server {

// One attachment as the signed envelope announces it.
struct AttachmentSlot {
  std::uint64_t size_bytes = 0;
  std::string sha256_hex;  // 64 lower-case hex digits
};

// A verified envelope waiting for its attachments.
struct PendingSubmission {
  std::string id;
  std::string envelope_text;
  std::string envelope_sha256_hex;
  std::string agency_code;
  std::string form_id;
  std::string form_version;
  std::vector<AttachmentSlot> attachments;  // in the envelope's order
};

enum class PendingOutcome {
  created,    // recorded now
  identical,  // pending already with the same envelope bytes
  conflict,   // pending already with other bytes; nothing changed
};

struct AttachmentProgress {
  std::uint64_t size_bytes = 0;
  std::uint64_t received_bytes = 0;  // the confirmed offset
  bool complete() const { return received_bytes == size_bytes; }
};

enum class ChunkOutcome {
  appended,         // new bytes stored; received_bytes is the new confirmed offset
  already_stored,   // every byte of the chunk was stored before, identical: nothing written
  offset_mismatch,  // offset above the confirmed one, or bytes below it that differ
  beyond_size,      // offset + chunk size is over the attachment's size
  hash_mismatch,    // the last byte arrived but the SHA-256 differs: discarded, now 0
  unknown,          // no such submission or attachment index
};

struct ChunkResult {
  ChunkOutcome outcome = ChunkOutcome::unknown;
  AttachmentProgress progress;      // after the call (not for unknown)
  std::uint64_t bytes_written = 0;  // new bytes stored by the call (appended only)
};

class AttachmentStore {
 public:
  virtual ~AttachmentStore() = default;

  // Records `submission` as pending unless its id is pending already (see
  // PendingOutcome). Attachments already recorded under the id keep their
  // offsets. Errors: sqlite.* codes (nothing recorded).
  virtual core::Result<PendingOutcome> put_pending(const PendingSubmission& submission) = 0;

  // The pending submission `submission_id` (its attachments' sizes and
  // hashes included), or nullopt when it is unknown or no longer pending.
  virtual core::Result<std::optional<PendingSubmission>> find_pending(
      std::string_view submission_id) = 0;

  // The progress of each attachment of `submission_id`, in order; empty
  // when none were ever recorded for it. Thread-safe.
  virtual core::Result<std::vector<AttachmentProgress>> progress(
      std::string_view submission_id) = 0;

  // Stores `bytes` as the part of attachment `index` that starts at
  // `offset` (see ChunkOutcome): accepted when offset is the confirmed
  // offset, or below it when the bytes up to it equal what is stored (only
  // the bytes past it are written). Concurrent calls for one attachment run
  // one after the other. Errors: attachment.io (a file operation failed;
  // nothing confirmed), sqlite.*.
  virtual core::Result<ChunkResult> write_chunk(std::string_view submission_id, std::size_t index,
                                                std::uint64_t offset, std::string_view bytes) = 0;

  // The bytes of attachment `index` of `submission_id` when it is complete,
  // else nullopt. Errors: attachment.io, sqlite.*.
  virtual core::Result<std::optional<std::string>> read_complete(std::string_view submission_id,
                                                                 std::size_t index) = 0;

  // Drops the pending record of `submission_id` once the SubmissionStore
  // holds it (the attachments and their progress stay).
  virtual core::Result<core::Done> forget_pending(std::string_view submission_id) = 0;
};

}  // namespace tokhai::server
