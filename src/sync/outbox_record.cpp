// Outbox items as vault records (outbox_record.h).
#include "sync/outbox_record.h"

#include <algorithm>
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

void set_outbox_progress(OutboxItem& item, std::uint64_t in_flight_bytes) {
  item.bytes_total = item.envelope_text.size();
  item.bytes_sent = item.envelope_accepted ? item.envelope_text.size() : 0;
  for (const OutboxAttachment& attachment : item.attachments) {
    item.bytes_total += attachment.size_bytes;
    item.bytes_sent += attachment.confirmed_bytes;
  }
  item.bytes_sent = std::min(item.bytes_sent + in_flight_bytes, item.bytes_total);
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
  if (!item.attachments.empty()) {
    nlohmann::json attachments = nlohmann::json::array();
    for (const OutboxAttachment& attachment : item.attachments) {
      attachments.push_back({{"vault_id", attachment.vault_id},
                             {"size_bytes", attachment.size_bytes},
                             {"confirmed_bytes", attachment.confirmed_bytes}});
    }
    json["attachments"] = std::move(attachments);
    json["envelope_accepted"] = item.envelope_accepted;
  }
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

  if (const nlohmann::json* attachments = core::json_member(json, "attachments")) {
    if (!attachments->is_array()) return bad_record("attachments");
    for (const nlohmann::json& entry : *attachments) {
      OutboxAttachment attachment;
      const std::string* vault_id = entry.is_object() ? text_member(entry, "vault_id") : nullptr;
      std::int64_t size_bytes = 0, confirmed_bytes = 0;
      if (vault_id == nullptr || !integer_member(entry, "size_bytes", size_bytes) ||
          !integer_member(entry, "confirmed_bytes", confirmed_bytes) || size_bytes < 1 ||
          confirmed_bytes < 0 || confirmed_bytes > size_bytes) {
        return bad_record("attachments");
      }
      item.attachments.push_back({*vault_id, static_cast<std::uint64_t>(size_bytes),
                                  static_cast<std::uint64_t>(confirmed_bytes)});
    }
    const nlohmann::json* accepted = core::json_member(json, "envelope_accepted");
    if (accepted == nullptr || !accepted->is_boolean()) return bad_record("envelope_accepted");
    item.envelope_accepted = accepted->get<bool>();
  }
  set_outbox_progress(item);
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
