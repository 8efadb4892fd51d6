// Outbox items as vault records (outbox_record.h).
#include "sync/outbox_record.h"

#include <array>
#include <nlohmann/json.hpp>

#include "core/json_text.h"
#include "crypto/bytes.h"
#include "wire/receipt.h"

namespace tokhai::sync {
namespace {

constexpr std::array<OutboxState, 5> kStates = {OutboxState::queued, OutboxState::sending,
                                                OutboxState::sent, OutboxState::rejected,
                                                OutboxState::needs_attention};

Error bad_record(std::string where) {
  return sync_error("sync.bad_outbox_record", "Không đọc được một hồ sơ trong hộp thư đi.",
                    "An item of the outbox could not be read.", std::move(where));
}

const std::string* text_member(const nlohmann::json& object, std::string_view key) {
  const nlohmann::json* member = core::json_member(object, key);
  return member != nullptr && member->is_string() ? member->get_ptr<const std::string*>() : nullptr;
}

bool integer_member(const nlohmann::json& object, std::string_view key, std::int64_t& out) {
  const nlohmann::json* member = core::json_member(object, key);
  if (member == nullptr || !member->is_number_integer()) return false;
  out = member->get<std::int64_t>();
  return true;
}

}  // namespace

std::string_view outbox_state_name(OutboxState state) {
  switch (state) {
    case OutboxState::queued:
      return "queued";
    case OutboxState::sending:
      return "sending";
    case OutboxState::sent:
      return "sent";
    case OutboxState::rejected:
      return "rejected";
    case OutboxState::needs_attention:
      return "needs_attention";
  }
  return "queued";
}

std::optional<OutboxState> outbox_state_from_name(std::string_view name) {
  for (OutboxState state : kStates) {
    if (outbox_state_name(state) == name) return state;
  }
  return std::nullopt;
}

storage::RecordLabel outbox_record_label(const OutboxItem& item) {
  return {std::string(kOutboxRecordKind), item.submission_id, item.form_id, item.form_version};
}

std::string outbox_record_json(const OutboxItem& item) {
  nlohmann::json json = {
      {"format", kOutboxItemFormat},
      {"submission_id", item.submission_id},
      {"form_id", item.form_id},
      {"form_version", item.form_version},
      {"envelope", item.envelope_text},
      {"state", outbox_state_name(item.state)},
      {"attempts", item.attempts},
      {"failures_in_row", item.failures_in_row},
      {"added_utc_ms", item.added_utc_ms},
      {"last_attempt_utc_ms", item.last_attempt_utc_ms},
      {"next_attempt_utc_ms", item.next_attempt_utc_ms},
      {"last_reason", item.last_reason},
      {"receipt", item.receipt_text},
  };
  // replace: never abort on bad UTF-8 (the wasm build has no exceptions); every
  // text here was checked on its way in, so nothing is replaced in practice.
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<OutboxItem> parse_outbox_record(std::string_view text) {
  const nlohmann::json json = core::parse_json_text(text);
  if (json.is_discarded() || !json.is_object()) return bad_record("json");
  const std::string* format = text_member(json, "format");
  if (format == nullptr || *format != kOutboxItemFormat) return bad_record("format");

  OutboxItem item;
  struct TextField {
    std::string_view key;
    std::string* out;
  };
  std::string state_name;
  for (const TextField& field :
       {TextField{"submission_id", &item.submission_id}, TextField{"form_id", &item.form_id},
        TextField{"form_version", &item.form_version}, TextField{"envelope", &item.envelope_text},
        TextField{"state", &state_name}, TextField{"last_reason", &item.last_reason},
        TextField{"receipt", &item.receipt_text}}) {
    const std::string* value = text_member(json, field.key);
    if (value == nullptr) return bad_record(std::string(field.key));
    *field.out = *value;
  }
  const std::optional<OutboxState> state = outbox_state_from_name(state_name);
  if (!state) return bad_record("state");
  item.state = *state;

  std::int64_t attempts = 0, failures_in_row = 0;
  if (!integer_member(json, "attempts", attempts) || attempts < 0 || attempts > 1'000'000'000) {
    return bad_record("attempts");
  }
  if (!integer_member(json, "failures_in_row", failures_in_row) || failures_in_row < 0 ||
      failures_in_row > 1'000'000'000) {
    return bad_record("failures_in_row");
  }
  item.attempts = static_cast<int>(attempts);
  item.failures_in_row = static_cast<int>(failures_in_row);
  if (!integer_member(json, "added_utc_ms", item.added_utc_ms)) return bad_record("added_utc_ms");
  if (!integer_member(json, "last_attempt_utc_ms", item.last_attempt_utc_ms)) {
    return bad_record("last_attempt_utc_ms");
  }
  if (!integer_member(json, "next_attempt_utc_ms", item.next_attempt_utc_ms)) {
    return bad_record("next_attempt_utc_ms");
  }
  if (item.submission_id.empty() || item.envelope_text.empty()) return bad_record("envelope");

  item.bytes_total = item.envelope_text.size();
  if (item.state == OutboxState::sent) {
    const auto receipt = wire::parse_receipt(crypto::as_bytes(item.receipt_text));
    if (!receipt) return bad_record("receipt");
    item.dossier_code = receipt.value().dossier_code;
    item.received_at = receipt.value().received_at;
    item.bytes_sent = item.bytes_total;
  }
  return item;
}

}  // namespace tokhai::sync
