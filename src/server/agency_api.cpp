// AgencyApi (see agency_api.h).
#include "server/agency_api.h"

#include <charconv>
#include <nlohmann/json.hpp>

#include "core/text/unicode.h"
#include "server/attachment_request.h"
#include "server/dossier_status.h"
#include "wire/agency_request.h"

namespace tokhai::server {
namespace {

constexpr int kDefaultListLimit = 50;
constexpr int kMaxListLimit = 100;

std::string json_text(const nlohmann::ordered_json& json) {
  return json.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

nlohmann::ordered_json item_json(const StoredSubmission& submission) {
  return {{"cursor", submission.cursor},
          {"submission_id", submission.id},
          {"dossier_code", submission.dossier_code},
          {"received_at", submission.received_at},
          {"envelope", submission.envelope_text}};
}

ApiReply unauthorized(std::string code, std::string vi, std::string en) {
  return api_refusal(401, std::move(code), std::move(vi), std::move(en));
}

// A whole number 0..max written in plain decimal.
std::optional<std::int64_t> parse_count(std::string_view text, std::int64_t max) {
  std::int64_t value = 0;
  const auto [end, status] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || status != std::errc() || end != text.data() + text.size() || value < 0 ||
      value > max) {
    return std::nullopt;
  }
  return value;
}

ApiReply bad_query(std::string_view name) {
  return api_refusal(400, "agency.bad_query", "Tham số " + std::string(name) + " không hợp lệ.",
                     "The " + std::string(name) + " parameter is invalid.", name);
}

}  // namespace

AgencyApi::AgencyApi(const wire::PublicKeys& keys, SubmissionStore& store, ReplayLedger& replays,
                     AttachmentStore& attachments)
    : keys_(keys), store_(store), replays_(replays), attachments_(attachments) {}

AgencyApi::Caller AgencyApi::authenticate(const AgencyCall& call) {
  if (!call.authorization) {
    return {{},
            unauthorized("agency_auth.missing", "Yêu cầu cần chữ ký của cơ quan (Authorization).",
                         "The request needs the agency's signature (Authorization).")};
  }
  auto authorization = wire::parse_agency_authorization(*call.authorization);
  if (!authorization) {
    return {{},
            api_refusal(401, authorization.error().code, authorization.error().message.vi,
                        authorization.error().message.en, authorization.error().where)};
  }
  const wire::AgencyPublicKeys* agency = keys_.agency(authorization.value().agency);
  if (agency == nullptr) {
    return {{},
            unauthorized("agency_auth.unknown_agency", "Cơ quan này không có trong danh sách khóa.",
                         "This agency is not in the key registry.")};
  }
  const wire::AgencyRequest request{call.method, call.target, call.body};
  auto verified = wire::verify_agency_request(authorization.value(), agency->signing_public_key,
                                              request, call.now_unix);
  if (!verified) {
    return {{},
            api_refusal(401, verified.error().code, verified.error().message.vi,
                        verified.error().message.en, verified.error().where)};
  }
  auto first_use = replays_.record_first_use(authorization.value().signature,
                                             authorization.value().unix_time, call.now_unix);
  if (!first_use) return {{}, api_refusal(ApiErrorCode::internal)};
  if (!first_use.value()) {
    return {{},
            unauthorized("agency_auth.replayed",
                         "Yêu cầu này đã được gửi trước đó (chữ ký đã dùng). Hãy ký lại.",
                         "This request was sent before (its signature was used). Sign it "
                         "again.")};
  }
  return {authorization.value().agency, std::nullopt};
}

ApiReply AgencyApi::list(const AgencyCall& call, std::optional<std::string_view> after,
                         std::optional<std::string_view> limit) {
  auto caller = authenticate(call);
  if (caller.refusal) return std::move(*caller.refusal);
  std::int64_t after_cursor = 0;
  if (after) {
    const auto parsed = parse_count(*after, INT64_MAX);
    if (!parsed) return bad_query("after");
    after_cursor = *parsed;
  }
  int count = kDefaultListLimit;
  if (limit) {
    const auto parsed = parse_count(*limit, kMaxListLimit);
    if (!parsed || *parsed < 1) return bad_query("limit");
    count = static_cast<int>(*parsed);
  }
  auto submissions = store_.list_for_agency(caller.agency, after_cursor, count);
  if (!submissions) return api_refusal(ApiErrorCode::internal);
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  std::int64_t next_cursor = after_cursor;
  for (const auto& submission : submissions.value()) {
    items.push_back(item_json(submission));
    next_cursor = submission.cursor;
  }
  return api_ok(json_text({{"items", std::move(items)}, {"next_cursor", next_cursor}}));
}

ApiReply AgencyApi::fetch(const AgencyCall& call, std::string_view submission_id) {
  auto caller = authenticate(call);
  if (caller.refusal) return std::move(*caller.refusal);
  auto found = store_.find_for_agency(caller.agency, submission_id);
  if (!found) return api_refusal(ApiErrorCode::internal);
  if (!found.value()) return api_refusal(ApiErrorCode::not_found);
  return api_ok(json_text(item_json(*found.value())));
}

ApiReply AgencyApi::fetch_attachment(const AgencyCall& call, std::string_view submission_id,
                                     std::string_view index_text) {
  auto caller = authenticate(call);
  if (caller.refusal) return std::move(*caller.refusal);
  const std::optional<std::size_t> index = parse_attachment_index(index_text);
  if (!index) {
    return api_refusal(400, "attachment.bad_index",
                       "Số thứ tự tệp đính kèm trong địa chỉ không hợp lệ (0 đến 99).",
                       "The attachment index in the address is invalid (0 to 99).");
  }
  auto found = store_.find_for_agency(caller.agency, submission_id);
  if (!found) return api_refusal(ApiErrorCode::internal);
  if (!found.value()) return api_refusal(ApiErrorCode::not_found);
  auto bytes = attachments_.read_complete(submission_id, *index);
  if (!bytes) return api_refusal(ApiErrorCode::internal);
  if (!bytes.value()) return api_refusal(ApiErrorCode::not_found);
  ApiReply reply = api_ok(std::move(*bytes.value()));
  reply.content_type = "application/octet-stream";
  return reply;
}

ApiReply AgencyApi::post_status(const AgencyCall& call, std::string_view dossier_code,
                                const std::string& now_at) {
  if (call.body.size() > kMaxAgencyStatusBodyBytes) {
    return api_refusal(413, "agency.body_too_large", "Nội dung gửi lên quá lớn.",
                       "The request body is too large.");
  }
  auto caller = authenticate(call);
  if (caller.refusal) return std::move(*caller.refusal);
  const auto body = nlohmann::json::parse(call.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return api_refusal(400, "agency.bad_body", "Nội dung phải là một đối tượng JSON.",
                       "The body must be a JSON object.");
  }
  for (const auto& [key, value] : body.items()) {
    if (key != "status" && key != "message") {
      return api_refusal(400, "agency.bad_body", "Mục không được hỗ trợ: " + key + ".",
                         "Unsupported member: " + key + ".", key);
    }
  }
  const auto status = body.find("status");
  if (status == body.end() || !status->is_string() ||
      !is_agency_status(status->get_ref<const std::string&>())) {
    return api_refusal(400, "agency.bad_status",
                       "Trạng thái phải là received, processing, needs_information, completed "
                       "hoặc rejected.",
                       "The status must be received, processing, needs_information, completed "
                       "or rejected.",
                       "status");
  }
  StatusEntry entry{status->get<std::string>(), std::nullopt, now_at};
  if (const auto message = body.find("message"); message != body.end() && !message->is_null()) {
    if (!message->is_string()) {
      return api_refusal(400, "agency.bad_body", "Lời nhắn phải là văn bản.",
                         "The message must be text.", "message");
    }
    std::string text = core::to_nfc(message->get<std::string>());
    if (text.size() > kMaxStatusMessageBytes) {
      return api_refusal(400, "agency.message_too_long", "Lời nhắn dài quá 2000 byte.",
                         "The message is longer than 2000 bytes.", "message");
    }
    if (!core::collapse_whitespace(text).empty()) entry.message = std::move(text);
  }
  if (status_needs_message(entry.status) && !entry.message) {
    return api_refusal(400, "agency.message_required",
                       "Trạng thái này cần lời nhắn cho người nộp hồ sơ.",
                       "This status needs a message for the applicant.", "message");
  }
  auto added = store_.add_status(caller.agency, dossier_code, entry);
  if (!added) return api_refusal(ApiErrorCode::internal);
  if (!added.value()) return api_refusal(ApiErrorCode::not_found);
  return api_ok(json_text(
      {{"dossier_code", dossier_code}, {"status", entry.status}, {"updated_at", entry.at}}));
}

}  // namespace tokhai::server
