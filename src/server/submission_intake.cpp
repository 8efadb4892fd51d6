// SubmissionIntake (see submission_intake.h).
#include "server/submission_intake.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "crypto/encoding.h"
#include "crypto/hash.h"
#include "server/api_error.h"
#include "server/attachment_request.h"
#include "server/utc_time.h"
#include "wire/envelope.h"
#include "wire/receipt.h"

namespace tokhai::server {
namespace {

// Fresh dossier codes tried before giving up (a clash is ~1 in 10^12 per code).
constexpr int kDossierCodeAttempts = 5;

IntakeReply rejection(int http_status, std::string code, std::string vi, std::string en,
                      std::string_view where = {}) {
  IntakeReply reply;
  reply.http_status = http_status;
  reply.body = api_error_body(code, core::LocalizedText{std::move(vi), std::move(en)}, where);
  reply.reason = std::move(code);
  return reply;
}

IntakeReply rejection(int http_status, const core::Error& error) {
  IntakeReply reply;
  reply.http_status = http_status;
  reply.body = api_error_body(error.code, error.message, error.where);
  reply.reason = error.code;
  return reply;
}

IntakeReply stored_reply(int http_status, std::string receipt_text, std::string agency_code) {
  IntakeReply reply;
  reply.http_status = http_status;
  reply.body = std::move(receipt_text);
  reply.agency_code = std::move(agency_code);
  return reply;
}

// A 500; `cause` (an error code such as sqlite.step) goes to the log only.
IntakeReply internal_error(const core::Error& cause) {
  const auto message = api_error_message(ApiErrorCode::internal);
  IntakeReply reply = rejection(500, "internal", message.vi, message.en);
  reply.internal_cause = cause.code;
  return reply;
}

IntakeReply conflict() {
  return rejection(409, "submission.conflict",
                   "Mã hồ sơ gửi này đã được dùng cho một nội dung khác. Hồ sơ chưa được nhận.",
                   "This submission id is already used for other content. The submission was "
                   "not accepted.");
}

std::string sha256_hex(std::string_view text) {
  const crypto::Sha256Digest digest = crypto::sha256(crypto::as_bytes(text));
  return crypto::to_hex(crypto::ByteView(digest.data(), digest.size()));
}

}  // namespace

bool is_submission_id(std::string_view id) {
  return id.size() == 2 * wire::kSubmissionIdBytes && std::all_of(id.begin(), id.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

IntakeReply SubmissionIntake::put(std::string_view url_id, std::string_view body) {
  if (!is_submission_id(url_id)) {
    return rejection(400, "submission.bad_id",
                     "Mã hồ sơ gửi trong địa chỉ không hợp lệ (cần 32 chữ số hex thường).",
                     "The submission id in the address is invalid (32 lower-case hex digits).");
  }
  if (body.size() > wire::kMaxEnvelopeBytes) {
    return rejection(413, "envelope.too_large", "Hồ sơ gửi lớn hơn 1 MiB.",
                     "The envelope is larger than 1 MiB.");
  }
  auto envelope = wire::parse_envelope(crypto::as_bytes(body));
  if (!envelope) return rejection(400, envelope.error());
  if (envelope.value().id != url_id) {
    return rejection(400, "submission.id_mismatch",
                     "Mã hồ sơ gửi trong địa chỉ khác mã trong hồ sơ.",
                     "The submission id in the address differs from the envelope's.", "id");
  }
  const std::string envelope_sha256 = sha256_hex(body);
  const wire::FormReference& reference = envelope.value().form;
  const AcceptedForm* form = forms_.find(reference.id, reference.version);
  if (form == nullptr || form->definition_sha256 != reference.definition_sha256) {
    // A resend of something already stored is answered whatever the catalogue says now.
    auto stored = store_.find_receipt(url_id);
    if (!stored) return internal_error(stored.error());
    if (stored.value()) {
      if (stored.value()->envelope_sha256_hex != envelope_sha256) return conflict();
      return stored_reply(200, std::move(stored.value()->receipt_text), {});
    }
    auto pending = attachments_.find_pending(url_id);
    if (!pending) return internal_error(pending.error());
    if (pending.value()) {
      if (pending.value()->envelope_sha256_hex != envelope_sha256) return conflict();
      return pending_reply(url_id, pending.value()->agency_code);
    }
    if (form == nullptr) {
      return rejection(422, "submission.unknown_form",
                       "Máy chủ không nhận hồ sơ theo biểu mẫu và phiên bản này.",
                       "The server does not accept submissions of this form and version.", "form");
    }
    return rejection(422, "submission.form_hash_mismatch",
                     "Biểu mẫu trong hồ sơ khác biểu mẫu máy chủ đang dùng. Hãy cập nhật ứng dụng.",
                     "The envelope's form definition differs from the server's. Update the app.",
                     "form.definition_sha256");
  }
  if (envelope.value().sealed_to != form->agency_box_public_key) {
    return rejection(422, "submission.wrong_agency_key",
                     "Hồ sơ không được mã hóa cho cơ quan tiếp nhận của biểu mẫu này.",
                     "The envelope is not sealed to this form's receiving agency.",
                     "payload.sealed_to");
  }
  auto verified = wire::verify_envelope(envelope.value());
  if (!verified) return rejection(422, verified.error());

  const wire::Envelope& verified_envelope = envelope.value();
  if (!verified_envelope.attachments.empty()) {
    PendingSubmission pending;
    pending.id = std::string(url_id);
    pending.envelope_text = std::string(body);
    pending.envelope_sha256_hex = envelope_sha256;
    pending.agency_code = form->agency_code;
    pending.form_id = form->id;
    pending.form_version = form->version;
    std::uint64_t total_bytes = 0;
    for (const wire::AttachmentEntry& entry : verified_envelope.attachments) {
      pending.attachments.push_back(AttachmentSlot{entry.size_bytes, crypto::to_hex(entry.sha256)});
      total_bytes += entry.size_bytes;
    }
    return put_pending(std::move(pending), total_bytes);
  }
  // The id of a pending submission, which has attachments: other content.
  auto pending = attachments_.find_pending(url_id);
  if (!pending) return internal_error(pending.error());
  if (pending.value()) return conflict();

  NewSubmission submission;
  submission.id = std::string(url_id);
  submission.envelope_text = std::string(body);
  submission.envelope_sha256_hex = envelope_sha256;
  submission.agency_code = form->agency_code;
  submission.form_id = form->id;
  submission.form_version = form->version;
  return store_with_receipt(std::move(submission));
}

IntakeReply SubmissionIntake::store_with_receipt(NewSubmission submission) {
  const crypto::Bytes envelope_sha256_bytes =
      crypto::from_hex(submission.envelope_sha256_hex).value();
  for (int attempt = 0; attempt < kDossierCodeAttempts; ++attempt) {
    submission.received_at = utc_now_seconds();
    submission.dossier_code = wire::new_dossier_code(submission.received_at);
    wire::Receipt receipt;
    receipt.submission_id = submission.id;
    receipt.dossier_code = submission.dossier_code;
    receipt.received_at = submission.received_at;
    receipt.envelope_sha256 = envelope_sha256_bytes;
    auto signed_receipt = wire::sign_receipt(std::move(receipt), server_keys_);
    if (!signed_receipt) return internal_error(signed_receipt.error());
    submission.receipt_text = wire::receipt_text(signed_receipt.value());
    auto stored = store_.put(submission);
    if (!stored) return internal_error(stored.error());
    switch (stored.value().outcome) {
      case PutOutcome::created:
        return stored_reply(201, std::move(stored.value().receipt_text), submission.agency_code);
      case PutOutcome::identical:
        return stored_reply(200, std::move(stored.value().receipt_text), submission.agency_code);
      case PutOutcome::conflict:
        return conflict();
      case PutOutcome::dossier_code_taken:
        break;
    }
  }
  return internal_error(core::Error{"store.dossier_code", {}});
}

IntakeReply SubmissionIntake::put_pending(PendingSubmission pending, std::uint64_t total_bytes) {
  if (total_bytes > kMaxSubmissionAttachmentBytes) {
    return rejection(413, "submission.attachments_too_large",
                     "Tổng dung lượng tệp đính kèm vượt quá 128 MiB.",
                     "The attachments add up to more than 128 MiB.", "attachments");
  }
  auto stored = store_.find_receipt(pending.id);
  if (!stored) return internal_error(stored.error());
  if (stored.value()) {
    if (stored.value()->envelope_sha256_hex != pending.envelope_sha256_hex) return conflict();
    return stored_reply(200, std::move(stored.value()->receipt_text), pending.agency_code);
  }
  auto recorded = attachments_.put_pending(pending);
  if (!recorded) return internal_error(recorded.error());
  if (recorded.value() == PendingOutcome::conflict) return conflict();
  // After a stop between the last chunk and its receipt, the receipt is made now.
  if (auto completed = complete_if_ready(pending.id)) return std::move(*completed);
  return pending_reply(pending.id, pending.agency_code);
}

IntakeReply SubmissionIntake::pending_reply(std::string_view id, const std::string& agency_code) {
  auto progress = attachments_.progress(id);
  if (!progress) return internal_error(progress.error());
  nlohmann::ordered_json attachments = nlohmann::ordered_json::array();
  for (std::size_t index = 0; index < progress.value().size(); ++index) {
    const AttachmentProgress& one = progress.value()[index];
    attachments.push_back({{"index", index},
                           {"size_bytes", one.size_bytes},
                           {"received_bytes", one.received_bytes},
                           {"complete", one.complete()}});
  }
  const nlohmann::ordered_json body = {
      {"submission_id", id}, {"complete", false}, {"attachments", std::move(attachments)}};
  return stored_reply(202, body.dump(), agency_code);
}

std::optional<IntakeReply> SubmissionIntake::complete_if_ready(std::string_view id) {
  auto stored = store_.find_receipt(id);
  if (!stored) return internal_error(stored.error());
  if (stored.value()) return stored_reply(200, std::move(stored.value()->receipt_text), {});
  auto progress = attachments_.progress(id);
  if (!progress) return internal_error(progress.error());
  if (progress.value().empty()) return std::nullopt;
  for (const AttachmentProgress& one : progress.value()) {
    if (!one.complete()) return std::nullopt;
  }
  auto pending = attachments_.find_pending(id);
  if (!pending) return internal_error(pending.error());
  if (!pending.value()) {
    // Completed meanwhile by another request.
    auto again = store_.find_receipt(id);
    if (!again) return internal_error(again.error());
    if (!again.value()) return std::nullopt;
    return stored_reply(200, std::move(again.value()->receipt_text), {});
  }
  NewSubmission submission;
  submission.id = std::string(id);
  submission.envelope_text = std::move(pending.value()->envelope_text);
  submission.envelope_sha256_hex = std::move(pending.value()->envelope_sha256_hex);
  submission.agency_code = std::move(pending.value()->agency_code);
  submission.form_id = std::move(pending.value()->form_id);
  submission.form_version = std::move(pending.value()->form_version);
  IntakeReply reply = store_with_receipt(std::move(submission));
  if (reply.http_status == 200 || reply.http_status == 201) {
    // Failing here leaves a pending row that the stored submission overrides.
    (void)attachments_.forget_pending(id);
  }
  return reply;
}

}  // namespace tokhai::server
