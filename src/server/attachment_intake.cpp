// AttachmentIntake (see attachment_intake.h).
#include "server/attachment_intake.h"

#include <nlohmann/json.hpp>

#include "server/api_error.h"
#include "server/attachment_request.h"

namespace tokhai::server {
namespace {

using nlohmann::ordered_json;

AttachmentReply refusal(int http_status, std::string code, std::string vi, std::string en,
                        std::string_view where = {}) {
  AttachmentReply reply;
  reply.http_status = http_status;
  reply.body = api_error_body(code, core::LocalizedText{std::move(vi), std::move(en)}, where);
  reply.reason = std::move(code);
  return reply;
}

// A refusal whose body also says where the attachment stands, so that the
// client resumes from there.
AttachmentReply refusal_with_progress(int http_status, std::string code, std::string vi,
                                      std::string en, std::size_t index,
                                      const AttachmentProgress& progress) {
  AttachmentReply reply = refusal(http_status, std::move(code), std::move(vi), std::move(en));
  ordered_json body = ordered_json::parse(reply.body);
  body["index"] = index;
  body["size_bytes"] = progress.size_bytes;
  body["received_bytes"] = progress.received_bytes;
  reply.body = body.dump();
  return reply;
}

AttachmentReply internal_error(const core::Error& cause) {
  const auto message = api_error_message(ApiErrorCode::internal);
  AttachmentReply reply = refusal(500, "internal", message.vi, message.en);
  reply.internal_cause = cause.code;
  return reply;
}

AttachmentReply not_found() {
  return refusal(404, "attachment.not_found",
                 "Không có hồ sơ gửi hoặc tệp đính kèm này trên máy chủ.",
                 "The server has no such submission or attachment.");
}

ordered_json progress_json(std::size_t index, const AttachmentProgress& progress) {
  return {{"index", index},
          {"size_bytes", progress.size_bytes},
          {"received_bytes", progress.received_bytes},
          {"complete", progress.complete()}};
}

// The checks every attachment route makes first: the id and the index.
std::optional<AttachmentReply> refuse_address(std::string_view id,
                                              std::optional<std::size_t> index) {
  if (!is_submission_id(id)) {
    return refusal(400, "submission.bad_id",
                   "Mã hồ sơ gửi trong địa chỉ không hợp lệ (cần 32 chữ số hex thường).",
                   "The submission id in the address is invalid (32 lower-case hex digits).");
  }
  if (!index) {
    return refusal(400, "attachment.bad_index",
                   "Số thứ tự tệp đính kèm trong địa chỉ không hợp lệ (0 đến 99).",
                   "The attachment index in the address is invalid (0 to 99).");
  }
  return std::nullopt;
}

}  // namespace

AttachmentReply AttachmentIntake::put_chunk(std::string_view id, std::string_view index_text,
                                            const ChunkOffsetParameter& offset_parameter,
                                            std::string_view body) {
  const std::optional<std::size_t> index = parse_attachment_index(index_text);
  if (auto refused = refuse_address(id, index)) return std::move(*refused);
  const std::optional<std::uint64_t> offset = offset_parameter.count == 1 && offset_parameter.text
                                                  ? parse_chunk_offset(*offset_parameter.text)
                                                  : std::nullopt;
  if (!offset) {
    return refusal(400, "attachment.bad_offset",
                   "Tham số offset thiếu hoặc không hợp lệ (một số từ 0 đến 33554432).",
                   "The offset parameter is missing or invalid (one number from 0 to 33554432).",
                   "offset");
  }
  if (body.size() > kMaxAttachmentChunkBytes) {
    return refusal(413, "attachment.chunk_too_large", "Mỗi phần tệp gửi lên tối đa 512 KiB.",
                   "Each attachment chunk may be at most 512 KiB.");
  }

  auto written = attachments_.write_chunk(id, *index, *offset, body);
  if (!written) return internal_error(written.error());
  const ChunkResult& result = written.value();
  switch (result.outcome) {
    case ChunkOutcome::unknown:
      return not_found();
    case ChunkOutcome::beyond_size:
      return refusal_with_progress(
          422, "attachment.beyond_size", "Phần gửi lên vượt quá kích thước tệp đã khai báo.",
          "The chunk goes past the attachment's declared size.", *index, result.progress);
    case ChunkOutcome::offset_mismatch:
      return refusal_with_progress(
          409, "attachment.offset",
          "Vị trí gửi không khớp với phần máy chủ đã nhận. Hãy gửi tiếp từ received_bytes.",
          "The offset does not match what the server has received. Resume from "
          "received_bytes.",
          *index, result.progress);
    case ChunkOutcome::hash_mismatch:
      return refusal_with_progress(
          422, "attachment.hash_mismatch",
          "Mã băm của tệp đính kèm khác với mã trong hồ sơ. Tệp đã bị bỏ; hãy gửi lại từ đầu.",
          "The attachment's SHA-256 differs from the envelope's. It was discarded; send it "
          "again from the start.",
          *index, result.progress);
    case ChunkOutcome::appended:
    case ChunkOutcome::already_stored:
      break;
  }
  AttachmentReply reply;
  reply.http_status = 200;
  reply.bytes_stored = result.bytes_written;
  ordered_json answer = progress_json(*index, result.progress);
  if (result.progress.complete()) {
    if (auto completed = intake_.complete_if_ready(id)) {
      if (completed->http_status != 200 && completed->http_status != 201) {
        AttachmentReply failed;
        failed.http_status = completed->http_status;
        failed.body = std::move(completed->body);
        failed.reason = std::move(completed->reason);
        failed.internal_cause = std::move(completed->internal_cause);
        failed.bytes_stored = result.bytes_written;
        return failed;
      }
      answer["receipt"] = std::move(completed->body);
    }
  }
  reply.body = answer.dump();
  return reply;
}

AttachmentReply AttachmentIntake::progress(std::string_view id, std::string_view index_text) {
  const std::optional<std::size_t> index = parse_attachment_index(index_text);
  if (auto refused = refuse_address(id, index)) return std::move(*refused);
  auto progress = attachments_.progress(id);
  if (!progress) return internal_error(progress.error());
  if (*index >= progress.value().size()) return not_found();
  AttachmentReply reply;
  reply.http_status = 200;
  reply.body = progress_json(*index, progress.value()[*index]).dump();
  return reply;
}

}  // namespace tokhai::server
