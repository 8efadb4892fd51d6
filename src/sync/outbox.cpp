// The outbox state machine (outbox.h).
#include "sync/outbox.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/json_text.h"
#include "crypto/signing.h"
#include "storage/attachment_records.h"
#include "sync/outbox_record.h"
#include "sync/server_answer.h"
#include "wire/envelope.h"
#include "wire/receipt.h"

namespace tokhai::sync {
namespace {

constexpr std::string_view kSubmissionsPath = "/api/v1/submissions/";
// Past this many failures in a row the backoff is at its cap anyway; the
// counter stops so that it cannot overflow in a phone left offline for years.
constexpr int kMaxCountedFailures = 1000;

// Long enough for a 1 MiB envelope at 64 kbit/s (weak 2G) on top of 30 s.
std::int64_t send_timeout_ms(std::size_t body_bytes) {
  return 30'000 + static_cast<std::int64_t>(body_bytes / 8);
}

std::string http_reason(int status) { return "http." + std::to_string(status); }

// An attachment's place as the server reports it: {"index","size_bytes",
// "received_bytes","complete"[,"receipt"]}; nullopt for anything else.
struct ServerProgress {
  std::size_t index = 0;
  std::uint64_t received_bytes = 0;
  std::optional<std::string> receipt;
};

std::optional<ServerProgress> read_progress(const nlohmann::json& object) {
  if (!object.is_object()) return std::nullopt;
  const nlohmann::json* index = core::json_member(object, "index");
  const nlohmann::json* received = core::json_member(object, "received_bytes");
  if (index == nullptr || !index->is_number_unsigned() || received == nullptr ||
      !received->is_number_unsigned()) {
    return std::nullopt;
  }
  ServerProgress progress;
  progress.index = index->get<std::size_t>();
  progress.received_bytes = received->get<std::uint64_t>();
  if (const nlohmann::json* receipt = core::json_member(object, "receipt")) {
    if (!receipt->is_string()) return std::nullopt;
    progress.receipt = receipt->get<std::string>();
  }
  return progress;
}

Error attachment_mismatch(std::string where) {
  return sync_error(
      "sync.attachment_mismatch", "Tệp đính kèm trong kho không khớp với hồ sơ đã ký.",
      "An attachment in the vault does not match the signed filing.", std::move(where));
}

}  // namespace

Outbox::Outbox(storage::UnlockedVault& vault, Transport& transport, const SyncClock& clock,
               RandomSource& random, OutboxOptions options)
    : vault_(vault),
      transport_(transport),
      clock_(clock),
      random_(random),
      options_(std::move(options)),
      self_(std::make_shared<Outbox*>(this)) {}

Outbox::~Outbox() = default;

Result<std::unique_ptr<Outbox>> Outbox::open(storage::UnlockedVault& vault, Transport& transport,
                                             const SyncClock& clock, RandomSource& random,
                                             OutboxOptions options) {
  if (options.max_concurrent_sends < 1 || options.max_concurrent_sends > 2 ||
      options.server_public_key.size() != crypto::kSigningPublicKeyBytes ||
      options.backoff.base_ms < 1 || options.backoff.cap_ms < options.backoff.base_ms ||
      options.backoff.cap_ms >= 0xffffffffLL || options.backoff.max_retry_after_ms < 0) {
    return sync_error("sync.bad_options", "Cấu hình gửi hồ sơ không hợp lệ.",
                      "The outbox options are not valid.");
  }
  auto listing = vault.list(kOutboxRecordKind);
  if (!listing) return listing.error();

  std::unique_ptr<Outbox> outbox(new Outbox(vault, transport, clock, random, std::move(options)));
  outbox->unreadable_records_ = listing.value().damaged.size();
  for (const storage::RecordMeta& meta : listing.value().records) {
    auto record = vault.get(meta.label.kind, meta.label.id);
    if (!record) {
      if (record.error().code == "vault.locked" || record.error().code.starts_with("storage.")) {
        return record.error();
      }
      ++outbox->unreadable_records_;
      continue;
    }
    auto item = parse_outbox_record(record.value().content.as_text());
    if (!item || item.value().submission_id != meta.label.id) {
      ++outbox->unreadable_records_;
      continue;
    }
    outbox->items_.push_back(std::move(item).value());
  }
  std::sort(outbox->items_.begin(), outbox->items_.end(),
            [](const OutboxItem& a, const OutboxItem& b) {
              return a.added_utc_ms != b.added_utc_ms ? a.added_utc_ms < b.added_utc_ms
                                                      : a.submission_id < b.submission_id;
            });
  for (OutboxItem& item : outbox->items_) {
    // An answer that never came: the server may or may not have it, and a
    // resend of the same bytes is safe either way.
    if (item.state == OutboxState::sending) item.state = OutboxState::queued;
    if (item.state == OutboxState::queued) outbox->make_due_now(item);
    // A tab closed between storing "sent" and removing the sealed copies.
    if (item.state == OutboxState::sent) outbox->release_attachments(item);
  }
  return outbox;
}

const OutboxItem* Outbox::find(std::string_view submission_id) const {
  for (const OutboxItem& item : items_) {
    if (item.submission_id == submission_id) return &item;
  }
  return nullptr;
}

OutboxItem* Outbox::find_mutable(std::string_view submission_id) {
  return const_cast<OutboxItem*>(find(submission_id));
}

Result<Done> Outbox::add(std::string_view envelope_text,
                         const std::vector<std::string>& attachment_vault_ids) {
  auto envelope = wire::parse_envelope(crypto::as_bytes(envelope_text));
  if (!envelope) return envelope.error();
  if (const OutboxItem* existing = find(envelope.value().id)) {
    if (existing->envelope_text == envelope_text) return Done{};
    return sync_error("sync.duplicate_id", "Hộp thư đi đã có một hồ sơ khác với cùng mã gửi.",
                      "The outbox already holds another filing with this submission id.",
                      envelope.value().id);
  }
  const std::vector<wire::AttachmentEntry>& listed = envelope.value().attachments;
  if (attachment_vault_ids.size() != listed.size()) return attachment_mismatch("attachments");
  std::vector<OutboxAttachment> attachments;
  for (std::size_t i = 0; i < listed.size(); ++i) {
    auto stored = storage::read_attachment(vault_, attachment_vault_ids[i]);
    if (!stored) return stored.error();
    if (stored.value().size_bytes != listed[i].size_bytes ||
        crypto::Bytes(stored.value().sha256.begin(), stored.value().sha256.end()) !=
            listed[i].sha256) {
      return attachment_mismatch("attachments[" + std::to_string(i) + "]");
    }
    attachments.push_back({attachment_vault_ids[i], listed[i].size_bytes, 0});
  }
  OutboxItem item;
  item.submission_id = envelope.value().id;
  item.attachments = std::move(attachments);
  item.form_id = envelope.value().form.id;
  item.form_version = envelope.value().form.version;
  item.envelope_text = std::string(envelope_text);
  item.added_utc_ms = clock_.utc_unix_ms();
  set_outbox_progress(item);
  make_due_now(item);
  auto stored = vault_.put(outbox_record_label(item), crypto::as_bytes(outbox_record_json(item)));
  if (!stored) return stored.error();
  items_.push_back(std::move(item));
  changed();
  return Done{};
}

void Outbox::pump() {
  bool started = false;
  while (in_flight_ < options_.max_concurrent_sends) {
    const std::int64_t now = clock_.monotonic_ms();
    OutboxItem* next = nullptr;
    for (OutboxItem& item : items_) {
      if (item.state == OutboxState::queued && item.next_attempt_monotonic_ms <= now &&
          (next == nullptr || item.next_attempt_monotonic_ms < next->next_attempt_monotonic_ms)) {
        next = &item;
      }
    }
    if (next == nullptr) break;
    start_send(*next);
    started = true;
  }
  if (started) changed();
}

void Outbox::start_send(OutboxItem& item) {
  item.state = OutboxState::sending;
  item.next_attempt_monotonic_ms = 0;
  item.next_attempt_utc_ms = 0;
  ++item.attempts;
  item.last_attempt_utc_ms = clock_.utc_unix_ms();
  set_outbox_progress(item);
  ++in_flight_;
  store(item);
  // After a break the server may have more than we heard (a chunk whose answer
  // was lost): ask before sending the next byte.
  for (std::size_t index = 0; index < item.attachments.size(); ++index) {
    if (item.envelope_accepted &&
        item.attachments[index].confirmed_bytes < item.attachments[index].size_bytes) {
      ask_progress(item, index);
      return;
    }
  }
  send_envelope(item);
}

void Outbox::send_envelope(OutboxItem& item) {
  HttpRequest request;
  request.method = HttpMethod::put;
  request.path = std::string(kSubmissionsPath) + item.submission_id;
  request.headers = {{"Content-Type", "application/json"}, {"Accept", "application/json"}};
  request.body = item.envelope_text;
  request.timeout_ms = send_timeout_ms(request.body.size());
  exchange(item, std::move(request), Step::envelope, 0);
}

void Outbox::ask_progress(OutboxItem& item, std::size_t index) {
  HttpRequest request;
  request.method = HttpMethod::get;
  request.path =
      std::string(kSubmissionsPath) + item.submission_id + "/attachments/" + std::to_string(index);
  request.headers = {{"Accept", "application/json"}};
  request.timeout_ms = send_timeout_ms(0);
  exchange(item, std::move(request), Step::progress, index);
}

void Outbox::send_chunk(OutboxItem& item, std::size_t index) {
  const OutboxAttachment& attachment = item.attachments[index];
  auto stored = storage::read_attachment(vault_, attachment.vault_id);
  auto bytes =
      stored ? storage::read_attachment_range(vault_, stored.value(), attachment.confirmed_bytes,
                                              kAttachmentUploadChunkBytes)
             : Result<crypto::Bytes>(stored.error());
  if (!bytes) {
    // The phone's copy is gone or damaged: no retry mends that by itself.
    item.state = OutboxState::needs_attention;
    item.last_reason = bytes.error().code;
    return;
  }
  HttpRequest request;
  request.method = HttpMethod::put;
  request.path = std::string(kSubmissionsPath) + item.submission_id + "/attachments/" +
                 std::to_string(index) + "?offset=" + std::to_string(attachment.confirmed_bytes);
  request.headers = {{"Content-Type", "application/octet-stream"}, {"Accept", "application/json"}};
  request.body = crypto::to_string(bytes.value());
  request.timeout_ms = send_timeout_ms(request.body.size());
  exchange(item, std::move(request), Step::chunk, index);
}

void Outbox::continue_upload(OutboxItem& item) {
  for (std::size_t index = 0; index < item.attachments.size(); ++index) {
    if (item.attachments[index].confirmed_bytes < item.attachments[index].size_bytes) {
      send_chunk(item, index);
      return;
    }
  }
  send_envelope(item);
}

void Outbox::exchange(OutboxItem& item, HttpRequest request, Step step, std::size_t index) {
  const std::weak_ptr<Outbox*> weak = self_;
  const std::string id = item.submission_id;
  // `item` may not be touched after send(): a misbehaving adapter could
  // complete inside it.
  transport_.send(
      std::move(request),
      [weak, id, step, index](HttpResponse response) {
        if (const auto self = weak.lock()) {
          (*self)->finish_exchange(id, step, index, std::move(response));
        }
      },
      [weak, id, step](std::uint64_t sent_bytes, std::uint64_t total_bytes) {
        const auto self = weak.lock();
        if (!self) return;
        OutboxItem* progressing = (*self)->find_mutable(id);
        if (progressing == nullptr || progressing->state != OutboxState::sending) return;
        const std::uint64_t sent = std::min(sent_bytes, total_bytes);
        if (step == Step::envelope && progressing->attachments.empty()) {
          progressing->bytes_sent = sent;
        } else if (step == Step::chunk) {
          set_outbox_progress(*progressing, sent);
        }
        (*self)->changed();
      });
}

void Outbox::finish_exchange(const std::string& submission_id, Step step, std::size_t index,
                             HttpResponse response) {
  OutboxItem* found = find_mutable(submission_id);
  if (found == nullptr || found->state != OutboxState::sending) return;  // a bug in an adapter
  OutboxItem& item = *found;
  if (!response.arrived()) {
    schedule_retry(item, std::string(network_failure_code(*response.failure)), std::nullopt);
  } else if (step == Step::envelope) {
    answer_envelope(item, response);
  } else if (step == Step::progress) {
    answer_progress(item, index, response);
  } else {
    answer_chunk(item, index, response);
  }
  if (item.state != OutboxState::sending) {
    --in_flight_;
    if (item.state != OutboxState::queued) store(item);  // schedule_retry stored it
    // Only after "sent" is stored: a crash in between leaves copies, never an
    // item to upload without them.
    if (item.state == OutboxState::sent && !storage_problem_) release_attachments(item);
    pump();
  }
  changed();
}

void Outbox::answer_envelope(OutboxItem& item, HttpResponse& response) {
  if (response.status == 200 || response.status == 201) {
    accept_receipt(item, std::move(response.body));
  } else if (response.status == 202 && !item.attachments.empty()) {
    const nlohmann::json body = core::parse_json_text(response.body);
    const nlohmann::json* listed =
        body.is_object() ? core::json_member(body, "attachments") : nullptr;
    if (listed == nullptr || !listed->is_array() || listed->size() != item.attachments.size()) {
      schedule_retry(item, "sync.bad_progress", std::nullopt);
      return;
    }
    bool all_confirmed = true;
    for (const nlohmann::json& entry : *listed) {
      const std::optional<ServerProgress> progress = read_progress(entry);
      if (!progress || progress->index >= item.attachments.size()) {
        schedule_retry(item, "sync.bad_progress", std::nullopt);
        return;
      }
      OutboxAttachment& attachment = item.attachments[progress->index];
      attachment.confirmed_bytes = std::min(progress->received_bytes, attachment.size_bytes);
      all_confirmed = all_confirmed && attachment.confirmed_bytes == attachment.size_bytes;
    }
    item.envelope_accepted = true;
    set_outbox_progress(item);
    store(item);
    if (all_confirmed) {
      // Complete, yet no receipt: the server stopped between the two; a
      // later PUT of the envelope makes it.
      schedule_retry(item, "sync.receipt_pending", std::nullopt);
      return;
    }
    continue_upload(item);
  } else if (response.status == 409) {
    item.state = OutboxState::needs_attention;
    item.last_reason = server_error_code(response.body).value_or("submission.conflict");
  } else {
    retry_after_answer(item, response);
  }
}

void Outbox::answer_progress(OutboxItem& item, std::size_t index, HttpResponse& response) {
  if (response.status == 200) {
    const std::optional<ServerProgress> progress =
        read_progress(core::parse_json_text(response.body));
    if (!progress || progress->index != index) {
      schedule_retry(item, "sync.bad_progress", std::nullopt);
      return;
    }
    OutboxAttachment& attachment = item.attachments[index];
    attachment.confirmed_bytes = std::min(progress->received_bytes, attachment.size_bytes);
    set_outbox_progress(item);
    store(item);
    continue_upload(item);
  } else if (response.status == 404) {
    // The server has no pending envelope under this id (any more): send it.
    item.envelope_accepted = false;
    send_envelope(item);
  } else {
    retry_after_answer(item, response);
  }
}

void Outbox::answer_chunk(OutboxItem& item, std::size_t index, HttpResponse& response) {
  OutboxAttachment& attachment = item.attachments[index];
  const std::optional<ServerProgress> progress =
      read_progress(core::parse_json_text(response.body));
  const std::optional<std::string> code = server_error_code(response.body);
  if (response.status == 200 && progress && progress->index == index) {
    attachment.confirmed_bytes = std::min(progress->received_bytes, attachment.size_bytes);
    set_outbox_progress(item);
    if (progress->receipt) {
      accept_receipt(item, *progress->receipt);
      return;
    }
    store(item);
    continue_upload(item);
  } else if (response.status == 409 && progress && progress->index == index &&
             progress->received_bytes != attachment.confirmed_bytes) {
    // The server stands elsewhere (a chunk whose answer was lost): go on from there.
    attachment.confirmed_bytes = std::min(progress->received_bytes, attachment.size_bytes);
    set_outbox_progress(item);
    store(item);
    continue_upload(item);
  } else if (response.status == 404) {
    item.envelope_accepted = false;
    schedule_retry(item, code.value_or("attachment.not_found"), std::nullopt);
  } else if (response.status == 422 && code == "attachment.hash_mismatch") {
    // The server discarded what it had of this file; it goes again from 0.
    attachment.confirmed_bytes = 0;
    schedule_retry(item, *code, std::nullopt);
  } else if (response.status == 200 || response.status == 409) {
    schedule_retry(item, "sync.bad_progress", std::nullopt);
  } else {
    retry_after_answer(item, response);
  }
}

void Outbox::retry_after_answer(OutboxItem& item, const HttpResponse& response) {
  if (response.status == 400 || response.status == 413 || response.status == 422) {
    item.state = OutboxState::rejected;
    item.last_reason = server_error_code(response.body).value_or(http_reason(response.status));
    return;
  }
  std::optional<std::int64_t> retry_after;
  if (const auto header = response.header("Retry-After")) {
    retry_after = parse_retry_after_ms(*header, clock_.utc_unix_ms());
  }
  schedule_retry(item, server_error_code(response.body).value_or(http_reason(response.status)),
                 retry_after);
}

void Outbox::accept_receipt(OutboxItem& item, std::string receipt_text) {
  auto receipt = wire::parse_receipt(crypto::as_bytes(receipt_text));
  if (!receipt) {
    // Not a receipt at all: a captive portal's page, a proxy's answer. The
    // server may have stored the envelope; a resend gets its receipt.
    schedule_retry(item, receipt.error().code, std::nullopt);
  } else if (auto verified = wire::verify_receipt(receipt.value(), options_.server_public_key,
                                                  item.submission_id, item.envelope_text);
             !verified) {
    item.state = OutboxState::needs_attention;
    item.last_reason = verified.error().code;
  } else {
    item.state = OutboxState::sent;
    item.receipt_text = std::move(receipt_text);
    item.dossier_code = receipt.value().dossier_code;
    item.received_at = receipt.value().received_at;
    item.last_reason.clear();
    item.failures_in_row = 0;
    for (OutboxAttachment& attachment : item.attachments) {
      attachment.confirmed_bytes = attachment.size_bytes;
    }
    set_outbox_progress(item);
    item.bytes_sent = item.bytes_total;
  }
}

void Outbox::schedule_retry(OutboxItem& item, std::string reason,
                            std::optional<std::int64_t> at_least_ms) {
  item.state = OutboxState::queued;
  item.failures_in_row = std::min(item.failures_in_row + 1, kMaxCountedFailures);
  std::int64_t wait_ms = backoff_delay_ms(options_.backoff, item.failures_in_row, random_);
  if (at_least_ms) {
    wait_ms = std::max(wait_ms, std::min(*at_least_ms, options_.backoff.max_retry_after_ms));
  }
  item.next_attempt_monotonic_ms = clock_.monotonic_ms() + wait_ms;
  item.next_attempt_utc_ms = clock_.utc_unix_ms() + wait_ms;
  item.last_reason = std::move(reason);
  set_outbox_progress(item);
  store(item);
}

void Outbox::make_due_now(OutboxItem& item) {
  item.next_attempt_monotonic_ms = clock_.monotonic_ms();
  item.next_attempt_utc_ms = clock_.utc_unix_ms();
  item.failures_in_row = 0;
}

void Outbox::network_online() {
  for (OutboxItem& item : items_) {
    if (item.state != OutboxState::queued) continue;
    make_due_now(item);
    store(item);
  }
  changed();
  pump();
}

Result<Done> Outbox::retry_now(std::string_view submission_id) {
  OutboxItem* item = find_mutable(submission_id);
  if (item == nullptr) {
    return sync_error("sync.unknown_item", "Không tìm thấy hồ sơ này trong hộp thư đi.",
                      "This filing is not in the outbox.", std::string(submission_id));
  }
  if (item->state != OutboxState::queued && item->state != OutboxState::needs_attention) {
    return sync_error("sync.not_retryable", "Hồ sơ này không cần gửi lại.",
                      "This filing cannot be sent again.", std::string(submission_id));
  }
  item->state = OutboxState::queued;
  make_due_now(*item);
  store(*item);
  changed();
  pump();
  return Done{};
}

void Outbox::retry_all() {
  for (OutboxItem& item : items_) {
    if (item.state != OutboxState::queued && item.state != OutboxState::needs_attention) continue;
    item.state = OutboxState::queued;
    make_due_now(item);
    store(item);
  }
  changed();
  pump();
}

std::optional<std::int64_t> Outbox::next_wake_monotonic_ms() const {
  if (in_flight_ >= options_.max_concurrent_sends) return std::nullopt;
  std::optional<std::int64_t> earliest;
  for (const OutboxItem& item : items_) {
    if (item.state == OutboxState::queued &&
        (!earliest || item.next_attempt_monotonic_ms < *earliest)) {
      earliest = item.next_attempt_monotonic_ms;
    }
  }
  return earliest;
}

void Outbox::store(const OutboxItem& item) {
  auto stored = vault_.put(outbox_record_label(item), crypto::as_bytes(outbox_record_json(item)));
  if (stored) {
    storage_problem_.reset();
  } else {
    storage_problem_ = stored.error();
  }
}

void Outbox::release_attachments(const OutboxItem& item) {
  // A cleanup: a copy that cannot be removed now is removed at the next open.
  for (const OutboxAttachment& attachment : item.attachments) {
    (void)storage::remove_attachment(vault_, attachment.vault_id);
  }
}

void Outbox::changed() {
  if (listener_) listener_();
}

}  // namespace tokhai::sync
