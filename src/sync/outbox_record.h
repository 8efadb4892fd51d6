// How an outbox item is stored: one vault record of kind "outbox" per item,
// id = the submission id, the envelope's form id and version on the label,
// content a small JSON object (not canonical; only this code reads it):
//   {"format":"tokhai-outbox-item/1", "submission_id", "form_id",
//    "form_version", "envelope": the envelope text, "state": outbox_state_name,
//    "attempts", "failures_in_row", "added_utc_ms", "last_attempt_utc_ms",
//    "next_attempt_utc_ms", "last_reason", "receipt": the receipt text or "",
//    and with attachments only: "attachments": [{"vault_id", "size_bytes",
//    "confirmed_bytes"}…], "envelope_accepted": true|false}
// What can be derived is not stored: the dossier code and received time come
// from the receipt, the progress from the state and the envelope's size, and
// the monotonic due time is never stored (it means nothing after a restart).
#pragma once

#include <string>
#include <string_view>

#include "storage/record.h"
#include "sync/outbox.h"
#include "sync/sync_error.h"

namespace tokhai::sync {

constexpr std::string_view kOutboxItemFormat = "tokhai-outbox-item/1";

storage::RecordLabel outbox_record_label(const OutboxItem& item);
std::string outbox_record_json(const OutboxItem& item);

// The item stored as `json` (next_attempt_monotonic_ms left 0). Error:
// sync.bad_outbox_record (where names the member).
Result<OutboxItem> parse_outbox_record(std::string_view json);

// Sets item.bytes_total (the envelope and every attachment) and bytes_sent
// (the envelope once accepted, the confirmed bytes, and `in_flight_bytes` of
// a chunk on the network).
void set_outbox_progress(OutboxItem& item, std::uint64_t in_flight_bytes = 0);

// The state named `name` ("queued", …), or nullopt.
std::optional<OutboxState> outbox_state_from_name(std::string_view name);

}  // namespace tokhai::sync
