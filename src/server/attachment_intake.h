// AttachmentIntake: the attachment upload routes without the HTTP (the
// protocol is in ARCHITECTURE.md, "The server"; the address readers in
// attachment_request.h):
//
//   PUT /api/v1/submissions/{id}/attachments/{index}?offset=N, body = the
//   next bytes of attachment `index` of the pending submission `id`, checked
//   in this order (the first that fails answers):
//     400 submission.bad_id         the id is not 32 lower-case hex digits
//     400 attachment.bad_index      not "0" … "99"
//     400 attachment.bad_offset     offset missing, given with two values,
//                                   or not 0 … 32 MiB in plain decimal
//     413 attachment.chunk_too_large  the body is over 512 KiB
//     404 attachment.not_found      no such submission, or no such
//                                   attachment in its envelope
//     422 attachment.beyond_size    offset + body size is over size_bytes
//     409 attachment.offset         offset above the confirmed offset, or
//                                   bytes below it that differ from those
//                                   stored: resume at received_bytes
//     422 attachment.hash_mismatch  the last byte arrived and the SHA-256 is
//                                   not the envelope's: the attachment is
//                                   discarded (received_bytes 0)
//   then 200 {"index","size_bytes","received_bytes","complete"} (nothing is
//   written twice: a resend of stored bytes only confirms them), with
//   "receipt": the receipt's text when the submission is complete (made by
//   this chunk if it completed the last attachment; 409 submission.conflict
//   or 500 internal if storing it failed). The refusals from 422 on add
//   "index", "size_bytes" and "received_bytes" to the error body.
//
//   GET /api/v1/submissions/{id}/attachments/{index}: 200
//   {"index","size_bytes","received_bytes","complete"}, what a phone asks
//   after a restart; 400 and 404 as above.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "server/attachment_store.h"
#include "server/submission_intake.h"

namespace tokhai::server {

struct AttachmentReply {
  int http_status = 500;
  std::string body;                // JSON
  std::string reason;              // the error code; empty on success
  std::uint64_t bytes_stored = 0;  // new bytes this chunk added (metrics)
  std::string internal_cause;      // on a 500: the code of what failed, for the log
};

// The offset parameter as the request carries it.
struct ChunkOffsetParameter {
  std::optional<std::string_view> text;  // the first value, nullopt when absent
  std::size_t count = 0;                 // how many values it was given
};

class AttachmentIntake {
 public:
  // Both must outlive this.
  AttachmentIntake(SubmissionIntake& intake, AttachmentStore& attachments)
      : intake_(intake), attachments_(attachments) {}

  // One chunk. Thread-safe.
  AttachmentReply put_chunk(std::string_view id, std::string_view index_text,
                            const ChunkOffsetParameter& offset, std::string_view body);

  // The progress of one attachment. Thread-safe.
  AttachmentReply progress(std::string_view id, std::string_view index_text);

 private:
  SubmissionIntake& intake_;
  AttachmentStore& attachments_;
};

}  // namespace tokhai::server
