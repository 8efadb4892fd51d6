// SubmissionIntake: PUT /api/v1/submissions/{id} without the HTTP: checks an
// envelope against the form catalogue and its signatures, stores it durably
// and answers with the server's signed receipt. The checks, in order (the
// first that fails answers):
//   400 submission.bad_id             the id in the URL is not 32 lower-case hex digits
//   413 envelope.too_large            the body is over wire::kMaxEnvelopeBytes
//   400 envelope.*                    parse_envelope refuses the body
//   400 submission.id_mismatch        the envelope's id is not the URL's
//   422 submission.unknown_form       no accepted form with this id and version
//   422 submission.form_hash_mismatch the definition_sha256 is not that form's file's
//   422 submission.wrong_agency_key   payload.sealed_to is not that form's agency key
//   422 envelope.bad_signature        a signature does not hold
// then the store: 201 (new, a new receipt), 200 (the same bytes were stored
// before: the receipt made then, byte for byte), 409 submission.conflict
// (the id is stored with other bytes: another applicant's envelope under an
// existing id, or a changed resend). A resend of a stored envelope whose form
// has since left the catalogue still gets its 200.
//
// An envelope that lists attachments (attachment_store.h) passes the same
// checks, then:
//   413 submission.attachments_too_large the sizes add up to more than
//                                       kMaxSubmissionAttachmentBytes
//   202 (stored, pending) {"submission_id","complete":false,"attachments":
//       [{"index","size_bytes","received_bytes","complete"}…]}: no receipt
//       until every attachment has arrived and matched its hash;
//   201/200 and the receipt once they have (made by the chunk that completed
//       it, or now if the server stopped in between); 409 as above.
// An envelope without attachments under the id of a pending one is a 409.
#pragma once

#include <string>
#include <string_view>

#include <optional>

#include "crypto/signing.h"
#include "server/attachment_store.h"
#include "server/form_registry.h"
#include "server/submission_store.h"

namespace tokhai::server {

struct IntakeReply {
  int http_status = 500;
  std::string body;            // the receipt text, or an api_error body
  std::string reason;          // the error code; empty on 200/201
  std::string agency_code;     // of an accepted submission, for the log
  std::string internal_cause;  // on a 500: the code of what failed, for the log
};

class SubmissionIntake {
 public:
  // All must outlive the intake.
  SubmissionIntake(const FormRegistry& forms, SubmissionStore& store, AttachmentStore& attachments,
                   const crypto::SigningKeyPair& server_keys)
      : forms_(forms), store_(store), attachments_(attachments), server_keys_(server_keys) {}

  // Handles one PUT of `body` to the id `url_id`. Thread-safe.
  IntakeReply put(std::string_view url_id, std::string_view body);

  // For the attachment routes: the receipt of submission `id` when it is
  // complete: stored before (200), or stored now with a new receipt because
  // its last attachment has just arrived (201); 409 submission.conflict, 500
  // internal. nullopt while it is pending or unknown. Thread-safe.
  std::optional<IntakeReply> complete_if_ready(std::string_view id);

 private:
  // Stores `submission` with a new receipt: 201, 200, 409 or 500.
  IntakeReply store_with_receipt(NewSubmission submission);
  // PUT of a verified envelope that lists attachments.
  IntakeReply put_pending(PendingSubmission pending, std::uint64_t total_bytes);
  // 202 with the progress of pending submission `id`.
  IntakeReply pending_reply(std::string_view id, const std::string& agency_code);

  const FormRegistry& forms_;
  SubmissionStore& store_;
  AttachmentStore& attachments_;
  const crypto::SigningKeyPair& server_keys_;
};

// True for a submission id: 32 lower-case hex digits.
bool is_submission_id(std::string_view id);

}  // namespace tokhai::server
