// Outbox: the filings that have been signed and must reach the server exactly
// once (DESIGN.md §6), each with its own state, kept in the person's vault so
// that they survive reloads, restarts and a week without signal.
//
// Item states:
//   queued           waiting for its turn or for its backoff to end
//   sending          a PUT is on the network
//   sent             the server stored it; `receipt_text` is its receipt,
//                    verified against the pinned server key (final)
//   rejected         the server refused the content (400, 413, 422);
//                    `last_reason` is its code, e.g. "envelope.bad_signature"
//                    (final: the filing must be fixed and signed again)
//   needs_attention  the server answered something a retry will not mend by
//                    itself: 409 submission.conflict (this id is taken by other
//                    bytes), or a receipt that does not verify (receipt.*).
//                    "Gửi lại" may still send it again.
//
// Sending is `PUT /api/v1/submissions/{id}` with the envelope text as body.
// The answer decides (a whole response, see transport.h):
//   201, 200   the body must be a receipt (wire::parse_receipt) for this id
//              and these exact bytes, signed by the pinned key
//              (wire::verify_receipt) → sent; one that parses but does not
//              verify → needs_attention with its receipt.* code; a body that
//              is not a receipt at all (a captive portal's page, a proxy) →
//              retry
//   409        → needs_attention, "submission.conflict"
//   400/413/422 → rejected with the code of the JSON error body
//              ({"error":{"code":…}}), or "http.<status>" without one
//   anything else, and every NetworkFailure → retry: queued again after a
//              backoff (backoff.h), at least Retry-After when the answer had one
//   202        (an envelope that lists attachments) the server keeps it pending
//              and says per attachment how many bytes it has confirmed: the
//              attachments go up next (below)
// Resending is always safe: the same id and the same bytes, which the server
// answers with 200 and the same receipt when it already has them. That is why
// an item found "sending" when the outbox is opened (the app was closed
// mid-upload, the outcome is unknown) simply goes back to queued.
//
// Attachments (issue 7). An envelope that lists attachments is added with the
// vault ids (storage/attachment_records.h) of their sealed bytes
// (wire/sealed_attachment.h), checked against the envelope's sizes and
// hashes. After the 202, each attachment goes up in chunks of at most
// kAttachmentUploadChunkBytes, read from the vault chunk by chunk:
// `PUT /api/v1/submissions/{id}/attachments/{index}?offset=N` where N is
// always the server's confirmed offset as last heard, so no confirmed byte is
// sent twice. Each 200 moves the confirmed offset; a 409 attachment.offset
// carries the server's received_bytes, and the upload goes on from there.
// After any break (a network failure, a 5xx, a restart of the app) the next
// attempt first asks `GET …/attachments/{index}` where the server stands, and
// resumes there; a 404 there (the server no longer has the pending envelope)
// sends the envelope again. The answer to the completing chunk carries the
// receipt (checked like a 201's); when every attachment is confirmed without
// one, the envelope is PUT again and its 200 carries it. 422
// attachment.hash_mismatch (the server discarded the file) is retried from 0;
// other 400/413/422 answers reject the item. Progress per file is in
// OutboxItem::attachments (confirmed / size); bytes_sent / bytes_total cover
// the envelope and every file.
//
// At most `max_concurrent_sends` (1–2) items are on the network at once; the
// others wait their turn, and an item in backoff never holds a slot, so one
// failing item never blocks the others.
//
// How the app drives it (single-threaded; everything runs on the app's thread):
//   - after unlock: Outbox::open(...) loads the items (every queued item due
//     now: the "start" trigger), then pump();
//   - "Ký và gửi": add(envelope_text), save the vault folder, pump();
//   - on every frame it draws, call pump() (cheap when nothing is due); and
//     keep one wake-up timer at next_wake_monotonic_ms() so that an idle app
//     still retries;
//   - the browser's `online` event: network_online();
//   - "Gửi lại" on an item: retry_now(id); on the list: retry_all();
//   - the change listener runs after every change of an item's state, progress
//     or the vault: request a frame, and save the vault folder
//     (save_persistent_folder) so that a receipt is durable;
//   - before locking the vault: destroy the Outbox (answers still in flight
//     are then dropped; their items are "sending" in the vault and go again
//     at the next unlock).
// Completions arrive through the Transport's callbacks on the same thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/bytes.h"
#include "storage/unlocked_vault.h"
#include "sync/backoff.h"
#include "sync/clock.h"
#include "sync/random_source.h"
#include "sync/sync_error.h"
#include "sync/transport.h"

namespace tokhai::sync {

// The vault record kind of outbox items (one record per item, id = the
// submission id, form id and version on the label; outbox_record.h).
constexpr std::string_view kOutboxRecordKind = "outbox";

enum class OutboxState { queued, sending, sent, rejected, needs_attention };

// Attachments go up in chunks of at most this (the server's limit per chunk).
constexpr std::size_t kAttachmentUploadChunkBytes = std::size_t{512} << 10;

// One attachment of an item: where its sealed bytes are in the vault, and
// what the server has confirmed of them.
struct OutboxAttachment {
  std::string vault_id;  // storage/attachment_records.h
  std::uint64_t size_bytes = 0;
  std::uint64_t confirmed_bytes = 0;  // the server's received_bytes, as last heard
  bool operator==(const OutboxAttachment&) const = default;
};

// "queued", "sending", "sent", "rejected", "needs_attention".
std::string_view outbox_state_name(OutboxState state);

struct OutboxItem {
  std::string submission_id;  // the envelope's id (32 hex digits)
  std::string form_id;        // from the envelope, for the list
  std::string form_version;
  std::string envelope_text;  // exactly the bytes signed; every send sends these
  OutboxState state = OutboxState::queued;
  int attempts = 0;         // PUTs started, ever
  int failures_in_row = 0;  // retryable failures since the last trigger; sets the backoff
  std::int64_t added_utc_ms = 0;
  std::int64_t last_attempt_utc_ms = 0;  // 0: never tried
  // When a queued item may go: monotonic (in memory only) and wall clock (for
  // "sẽ thử lại lúc 10:42"; stored, not used for timing). 0 once it has left
  // the queue.
  std::int64_t next_attempt_monotonic_ms = 0;
  std::int64_t next_attempt_utc_ms = 0;
  // Why the last attempt did not end in "sent": a NetworkFailure's code
  // ("network.timeout"), "http.503", the server's code ("rate_limited",
  // "envelope.bad_signature", "submission.conflict") or a receipt.* code.
  // Empty when the last attempt succeeded or none was made.
  std::string last_reason;
  std::string receipt_text;  // sent: the receipt as received (canonical JSON)
  std::string dossier_code;  // sent: from the receipt, what the citizen quotes
  std::string received_at;   // sent: the server's time, "YYYY-MM-DDTHH:MM:SSZ"
  // The envelope's attachments, in its order; empty without attachments.
  std::vector<OutboxAttachment> attachments;
  // The server answered the envelope with 202: the attachments go next.
  bool envelope_accepted = false;
  // Upload progress of the current or last send (0 … envelope size + every
  // attachment's size).
  std::uint64_t bytes_sent = 0;
  std::uint64_t bytes_total = 0;
  bool operator==(const OutboxItem&) const = default;
};

struct OutboxOptions {
  crypto::Bytes server_public_key;  // Ed25519, pinned (shipped with the app)
  int max_concurrent_sends = 2;     // 1 or 2
  BackoffPolicy backoff;
};

class Outbox {
 public:
  Outbox(const Outbox&) = delete;
  Outbox& operator=(const Outbox&) = delete;
  ~Outbox();

  // Loads the outbox of `vault`. Items left "sending" go back to queued;
  // every queued item is due now (the start/unlock trigger). Sends nothing
  // until pump(). Records of kind "outbox" that cannot be read are counted in
  // unreadable_records(), never dropped from the vault. `vault`, `transport`,
  // `clock` and `random` must outlive the Outbox. Errors: sync.bad_options,
  // vault.locked, storage.*.
  static Result<std::unique_ptr<Outbox>> open(storage::UnlockedVault& vault, Transport& transport,
                                              const SyncClock& clock, RandomSource& random,
                                              OutboxOptions options);

  // Puts a signed envelope in the outbox, queued and due now, written to the
  // vault before this returns; pump() sends it. `attachment_vault_ids` name
  // the vault attachments holding the sealed bytes of the envelope's
  // attachments, in its order; the outbox removes them once the item is sent
  // (stored "sent" first). Adding the same envelope again changes
  // nothing. Errors: the envelope.* codes of wire::parse_envelope (only a
  // well-formed envelope is accepted), sync.duplicate_id (the id is already
  // in the outbox with other bytes), sync.attachment_mismatch (not one vault
  // attachment per listed attachment, or one whose size or SHA-256 differs
  // from the envelope's), vault.*, storage.*.
  Result<Done> add(std::string_view envelope_text,
                   const std::vector<std::string>& attachment_vault_ids = {});

  // Starts sends for queued items whose time has come, earliest due first, as
  // long as fewer than max_concurrent_sends are in flight.
  void pump();

  // The browser says the network is back: every queued item is due now, its
  // backoff forgotten; then pump().
  void network_online();

  // "Gửi lại" for one item: a queued or needs_attention item is queued, due
  // now, its backoff forgotten; then pump(). Errors: sync.unknown_item,
  // sync.not_retryable (sending, sent or rejected).
  Result<Done> retry_now(std::string_view submission_id);
  // retry_now for every queued and needs_attention item.
  void retry_all();

  // When pump() will next have something to start (monotonic ms; may be in
  // the past), or nullopt when nothing is waiting on time (no queued item, or
  // every slot busy: a completion will call the listener).
  std::optional<std::int64_t> next_wake_monotonic_ms() const;

  // The items, in the order they were added.
  const std::vector<OutboxItem>& items() const { return items_; }
  const OutboxItem* find(std::string_view submission_id) const;
  int in_flight() const { return in_flight_; }
  // Records of kind "outbox" that failed their seal or could not be read.
  std::size_t unreadable_records() const { return unreadable_records_; }
  // The last failure to write an item to the vault (its state in memory is
  // still right; the next successful write stores it), or nullopt.
  const std::optional<Error>& storage_problem() const { return storage_problem_; }

  // Called (on the app's thread) after every change of items() or their
  // progress. May be empty.
  void set_change_listener(std::function<void()> listener) { listener_ = std::move(listener); }

 private:
  Outbox(storage::UnlockedVault& vault, Transport& transport, const SyncClock& clock,
         RandomSource& random, OutboxOptions options);

  OutboxItem* find_mutable(std::string_view submission_id);
  // What an exchange in flight is.
  enum class Step { envelope, progress, chunk };

  void start_send(OutboxItem& item);
  void send_envelope(OutboxItem& item);
  void ask_progress(OutboxItem& item, std::size_t index);
  void send_chunk(OutboxItem& item, std::size_t index);
  // After the envelope's 202 or a chunk: the next chunk, or the envelope again
  // for the receipt when every attachment is confirmed.
  void continue_upload(OutboxItem& item);
  void exchange(OutboxItem& item, HttpRequest request, Step step, std::size_t index);
  void finish_exchange(const std::string& submission_id, Step step, std::size_t index,
                       HttpResponse response);
  void answer_envelope(OutboxItem& item, HttpResponse& response);
  void answer_progress(OutboxItem& item, std::size_t index, HttpResponse& response);
  void answer_chunk(OutboxItem& item, std::size_t index, HttpResponse& response);
  void retry_after_answer(OutboxItem& item, const HttpResponse& response);
  void accept_receipt(OutboxItem& item, std::string receipt_text);
  void schedule_retry(OutboxItem& item, std::string reason,
                      std::optional<std::int64_t> at_least_ms);
  void make_due_now(OutboxItem& item);
  void store(const OutboxItem& item);
  // Removes a sent item's sealed attachment copies from the vault (the agency
  // has them; only it could open them).
  void release_attachments(const OutboxItem& item);
  void changed();

  storage::UnlockedVault& vault_;
  Transport& transport_;
  const SyncClock& clock_;
  RandomSource& random_;
  OutboxOptions options_;
  std::vector<OutboxItem> items_;
  int in_flight_ = 0;
  std::size_t unreadable_records_ = 0;
  std::optional<Error> storage_problem_;
  std::function<void()> listener_;
  // Completions hold a weak reference: an answer that arrives after the
  // Outbox is gone is dropped (its item is "sending" in the vault).
  std::shared_ptr<Outbox*> self_;
};

}  // namespace tokhai::sync
